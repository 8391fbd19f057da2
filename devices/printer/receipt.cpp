// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/printer/receipt.h"
#include "devices/printer/escposencoder.h"
#include "devices/usb/devicetable.h"

namespace kiosk::devices::printer {

PrinterProfile PrinterProfile::fromQuirks(std::uint32_t quirks)
{
    PrinterProfile p;
    p.nativeQr = !(quirks & usb::PrinterNoNativeQr);
    p.partialCut = quirks & usb::PrinterPartialCut;
    return p;
}

QByteArray encodeReceipt(const ReceiptData &r, const PrinterProfile &profile)
{
    // Font A is 12 dots wide: 32 columns on 58 mm paper, 48 on 80 mm.
    const int columns = profile.dotsPerLine / 12;
    const QString rule(columns, QLatin1Char('-'));
    const QByteArray qr = (r.qrPayload.isEmpty() ? r.trackingNumber : r.qrPayload).toUtf8();

    EscPosEncoder e;
    e.initialize();
    e.align(Align::Center).bold(true).line(r.terminalName).bold(false);
    e.size(2, 2).line(r.title).size(1, 1);
    e.align(Align::Left).line(rule);
    e.line(r.itemLabel + r.itemName);
    e.line(r.timeLabel + r.time.toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    e.text(r.numberLabel).bold(true).line(r.trackingNumber).bold(false);
    for (const QString &note : r.notes)
        e.line(note);
    e.line(rule);
    e.align(Align::Center);
    if (!qr.isEmpty()) {
        if (profile.nativeQr)
            e.qrNative(qr, 6, QrEcc::M);
        else
            e.qrRaster(qr, 6, QrEcc::M, profile.dotsPerLine);
        e.line();
        e.line(r.qrCaption);
    }
    if (!r.footer.isEmpty())
        e.line(r.footer);
    e.feed(3);
    e.cut(profile.partialCut, 0);
    return e.bytes();
}

ReceiptData sampleReceipt()
{
    ReceiptData r;
    r.terminalName = QStringLiteral("鼓楼区五凤街道党群服务中心 1号机");
    r.itemName = QStringLiteral("城乡居民基本养老保险参保登记");
    r.time = QDateTime(QDate(2026, 3, 18), QTime(9, 42));
    r.trackingNumber = QStringLiteral("GL20260318000127");
    r.qrPayload = QStringLiteral("https://zwfw.example.gov.cn/q?no=GL20260318000127");
    r.footer = QStringLiteral("请妥善保管本回执");
    return r;
}

} // namespace kiosk::devices::printer
