// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <cstdint>

namespace kiosk::devices::printer {

/** What a service receipt (办事回执) shows. */
struct ReceiptData {
    QString terminalName; ///< the centre and terminal, e.g. 鼓楼区五凤街道党群服务中心 1号机
    QString itemName; ///< the service item handled
    QDateTime time;
    QString trackingNumber; ///< 受理编号
    QString qrPayload; ///< what the QR code carries; the tracking number when empty
    QStringList notes; ///< lines under the tracking number: the legal time limit, how to check progress
    QString footer; ///< an optional last line
    /** The slip's own words, in the language of the visit (the caller translates; Chinese by default). */
    QString title = QStringLiteral("办事回执");
    QString itemLabel = QStringLiteral("事项：");
    QString timeLabel = QStringLiteral("时间：");
    QString numberLabel = QStringLiteral("受理编号：");
    QString qrCaption = QStringLiteral("扫码查询办理进度");
};

/** What the receipt is laid out for. */
struct PrinterProfile {
    int dotsPerLine = 384; ///< 58 mm paper at 203 dpi; 576 for 80 mm
    bool nativeQr = true; ///< GS ( k; otherwise the QR goes as a raster image
    bool partialCut = false;
    /** From a device-table row's quirks. */
    [[nodiscard]] static PrinterProfile fromQuirks(std::uint32_t quirks);
};

/** The whole ESC/POS job: initialise, header, item, time, tracking number, QR, cut. */
[[nodiscard]] QByteArray encodeReceipt(const ReceiptData &receipt, const PrinterProfile &profile);

/** A realistic receipt for `kioskctl receipt render`, the simulator and the benchmark. */
[[nodiscard]] ReceiptData sampleReceipt();

} // namespace kiosk::devices::printer
