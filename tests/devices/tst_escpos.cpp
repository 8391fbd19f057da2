// SPDX-License-Identifier: GPL-3.0-or-later
// Tier 1: the ESC/POS encoder (every command byte for byte, GB18030 text, QR by GS ( k and as a
// raster), the receipt template, and the simulated printer's decoder reading it all back.
#include "devices/printer/escposencoder.h"
#include "devices/printer/receipt.h"
#include "devices/simulator/escposdecoder.h"

#include <QTest>

using namespace kiosk::devices;
using namespace kiosk::devices::printer;

namespace {
QByteArray hex(const char *h)
{
    return QByteArray::fromHex(QByteArray(h).replace(' ', ""));
}
std::span<const std::uint8_t> b(const QByteArray &a)
{
    return {reinterpret_cast<const std::uint8_t *>(a.constData()), std::size_t(a.size())};
}
sim::PrintedReceipt decode(const QByteArray &bytes, int piece = 0)
{
    sim::EscPosDecoder d;
    sim::PrintedReceipt out;
    d.onCut = [&](const sim::PrintedReceipt &r) { out = r; };
    if (piece <= 0) {
        d.feed(b(bytes));
    } else {
        for (qsizetype at = 0; at < bytes.size(); at += piece)
            d.feed(b(bytes.mid(at, piece)));
    }
    return out;
}
} // namespace

class TestEscPos : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void commands()
    {
        QCOMPARE(EscPosEncoder().initialize().bytes(), hex("1B 40 1C 26"));
        QCOMPARE(EscPosEncoder().bold(true).bold(false).bytes(), hex("1B 45 01 1B 45 00"));
        QCOMPARE(EscPosEncoder().align(Align::Left).align(Align::Center).align(Align::Right).bytes(), hex("1B 61 00 1B 61 01 1B 61 02"));
        QCOMPARE(EscPosEncoder().size(1, 1).size(2, 2).size(2, 1).size(8, 8).size(9, 0).bytes(), hex("1D 21 00 1D 21 11 1D 21 10 1D 21 77 1D 21 70"));
        QCOMPARE(EscPosEncoder().feed(3).bytes(), hex("1B 64 03"));
        QCOMPARE(EscPosEncoder().cut().bytes(), hex("1D 56 41 00"));
        QCOMPARE(EscPosEncoder().cut(true, 5).bytes(), hex("1D 56 42 05"));
        QCOMPARE(EscPosEncoder::statusRequest(1), hex("10 04 01"));
        QCOMPARE(EscPosEncoder::statusRequest(4), hex("10 04 04"));
    }
    void gb18030Text()
    {
        // 社 C9E7, 保 B1A3 (GB2312 area, same in GBK/GB18030); ASCII stays one byte; € is A2E3
        // in GB18030-2005; U+20000 𠀀 takes four bytes.
        QCOMPARE(EscPosEncoder::encodeGb18030(u"社保 A1"), hex("C9 E7 B1 A3 20 41 31"));
        QCOMPARE(EscPosEncoder::encodeGb18030(u"€"), hex("A2 E3"));
        QCOMPARE(EscPosEncoder::encodeGb18030(QString::fromUcs4(U"\U00020000")), hex("95 32 82 36"));
        QCOMPARE(EscPosEncoder().line(u"办事").bytes(), hex("B0 EC CA C2 0A"));
    }
    void qrNative()
    {
        const QByteArray data("GL20260318000127");
        const QByteArray out = EscPosEncoder().qrNative(data, 6, QrEcc::M).bytes();
        const QByteArray expected = hex("1D 28 6B 04 00 31 41 32 00") // model 2
            + hex("1D 28 6B 03 00 31 43 06") // module size 6
            + hex("1D 28 6B 03 00 31 45 31") // error correction M
            + hex("1D 28 6B 13 00 31 50 30") + data // store: pL = 16 + 3
            + hex("1D 28 6B 03 00 31 51 30"); // print
        QCOMPARE(out, expected);
        // pH counts the high byte: 300 bytes of data → 303 = 0x012F.
        const QByteArray big = EscPosEncoder().qrNative(QByteArray(300, 'x'), 3, QrEcc::H).bytes();
        QVERIFY(big.contains(hex("1D 28 6B 2F 01 31 50 30")));
        QVERIFY(big.contains(hex("1D 28 6B 03 00 31 45 33")));
    }
    void rasterPacking()
    {
        // 10 dots wide → 2 bytes a row; MSB is the leftmost dot; dark prints.
        QImage img(10, 2, QImage::Format_Grayscale8);
        img.fill(255);
        img.setPixel(0, 0, qRgb(0, 0, 0));
        img.setPixel(9, 0, qRgb(0, 0, 0));
        img.setPixel(8, 1, qRgb(0, 0, 0));
        QCOMPARE(EscPosEncoder::rasterCommand(img), hex("1D 76 30 00 02 00 02 00 80 40 00 80"));
    }
    void qrRasterMatchesTheSymbol()
    {
        const QByteArray data("https://zwfw.example.gov.cn/q?no=GL20260318000127");
        EscPosEncoder e;
        QVERIFY(e.qrRaster(data, 4, QrEcc::M, 384));
        const auto receipt = decode(e.bytes() + hex("1D 56 41 00"));
        QCOMPARE(receipt.elements.size(), std::size_t(1));
        const QImage raster = receipt.elements[0].image;
        const QImage modules = EscPosEncoder::qrModules(data, QrEcc::M);
        QCOMPARE(raster.height(), modules.height() * 4);
        QVERIFY(raster.width() >= modules.width() * 4);
        // Every module, sampled at its centre, prints exactly as the symbol says.
        for (int y = 0; y < modules.height(); ++y) {
            for (int x = 0; x < modules.width(); ++x) {
                const bool dark = qGray(modules.pixel(x, y)) < 128;
                QCOMPARE(qGray(raster.pixel(x * 4 + 2, y * 4 + 2)) < 128, dark);
            }
        }
        // Too wide for the paper at any module size: refused, nothing appended.
        EscPosEncoder tiny;
        QVERIFY(!tiny.qrRaster(QByteArray(2000, 'x'), 6, QrEcc::H, 100));
        QVERIFY(tiny.bytes().isEmpty());
        // Scaled down to fit.
        EscPosEncoder fit;
        QVERIFY(fit.qrRaster(data, 16, QrEcc::M, 200));
        const auto scaled = decode(fit.bytes() + hex("1D 56 41 00"));
        QVERIFY(scaled.elements[0].image.width() <= 200 + 7);
    }
    void receiptTemplate()
    {
        const ReceiptData r = sampleReceipt();
        for (bool native : {true, false}) {
            PrinterProfile p;
            p.nativeQr = native;
            const QByteArray bytes = encodeReceipt(r, p);
            QVERIFY(bytes.startsWith(hex("1B 40 1C 26")));
            QVERIFY(bytes.endsWith(hex("1D 56 41 00")));
            QCOMPARE(bytes.contains(hex("1D 28 6B")), native);
            QCOMPARE(bytes.contains(hex("1D 76 30 00")), !native);
            const auto printed = decode(bytes);
            QVERIFY(printed.cut);
            const QString text = printed.plainText();
            QVERIFY(text.contains(r.terminalName));
            QVERIFY(text.contains(QStringLiteral("办事回执")));
            QVERIFY(text.contains(QStringLiteral("事项：") + r.itemName));
            QVERIFY(text.contains(QStringLiteral("时间：2026-03-18 09:42")));
            QVERIFY(text.contains(QStringLiteral("受理编号：GL20260318000127")));
            QVERIFY(text.contains(native ? QStringLiteral("[QR https://zwfw.example.gov.cn/q?no=GL20260318000127]")
                                         : QStringLiteral("[raster ")));
            QVERIFY(text.contains(QStringLiteral("扫码查询办理进度")));
        }
    }
    void decoderAttributes()
    {
        const QByteArray bytes = EscPosEncoder()
                                     .initialize()
                                     .align(Align::Center)
                                     .size(2, 2)
                                     .line(u"回执")
                                     .size(1, 1)
                                     .align(Align::Left)
                                     .text(u"编号：")
                                     .bold(true)
                                     .line(u"A1")
                                     .bold(false)
                                     .cut(true)
                                     .bytes();
        const auto r = decode(bytes);
        QCOMPARE(r.elements.size(), std::size_t(2));
        QCOMPARE(r.elements[0].align, Align::Center);
        QCOMPARE(r.elements[0].runs, (std::vector<sim::TextRun>{{QStringLiteral("回执"), false, 2, 2}}));
        QCOMPARE(r.elements[1].runs, (std::vector<sim::TextRun>{{QStringLiteral("编号："), false, 1, 1}, {QStringLiteral("A1"), true, 1, 1}}));
        QVERIFY(r.partialCut);
    }
    void decoderSurvivesAnySplit()
    {
        const QByteArray bytes = encodeReceipt(sampleReceipt(), PrinterProfile{384, false, false});
        const QString whole = decode(bytes).plainText();
        for (int piece : {1, 2, 3, 7, 63, 1000})
            QCOMPARE(decode(bytes, piece).plainText(), whole);
    }
    void decoderStatusRequestsAndProblems()
    {
        sim::EscPosDecoder d;
        std::vector<int> requests;
        d.onStatusRequest = [&](int n) { requests.push_back(n); };
        d.feed(b(hex("10 04 01 41 10 04 04 1B 7F 1D 7E 07 42 0A")));
        QCOMPARE(requests, (std::vector<int>{1, 4}));
        QCOMPARE(d.problems().size(), 3); // ESC 7F, GS 7E, BEL
        QCOMPARE(d.current().elements.back().text(), QStringLiteral("AB"));
        // A half command waits for the rest.
        d.feed(b(hex("1D 76 30 00 01 00")));
        d.feed(b(hex("01 00 FF")));
        QCOMPARE(d.current().elements.back().kind, sim::PrintedElement::Kind::Raster);
        // An absurd raster header is refused instead of allocated.
        d.feed(b(hex("1D 76 30 00 FF FF FF FF")));
        QVERIFY(d.problems().contains(QStringLiteral("bad raster header")));
    }
    void safeBreaks()
    {
        // Status requests slipped in at every safe break change nothing the printer prints.
        for (bool native : {true, false}) {
            const QByteArray job = encodeReceipt(sampleReceipt(), PrinterProfile{384, native, false});
            const auto breaks = escposSafeBreaks(job);
            QCOMPARE(breaks.back(), job.size());
            QByteArray interleaved;
            qsizetype at = 0;
            for (qsizetype end : breaks) {
                QVERIFY(end > at);
                interleaved += job.mid(at, end - at) + EscPosEncoder::statusRequest(2);
                at = end;
            }
            sim::EscPosDecoder d;
            sim::PrintedReceipt out;
            int requests = 0;
            d.onCut = [&](const sim::PrintedReceipt &r) { out = r; };
            d.onStatusRequest = [&](int) { ++requests; };
            d.feed(b(interleaved));
            QVERIFY2(d.problems().isEmpty(), qPrintable(d.problems().join(QLatin1Char(','))));
            QCOMPARE(requests, int(breaks.size()));
            QCOMPARE(out.plainText(), decode(job).plainText());
        }
        // Never inside a two-byte character, a raster or QR data; a cut-short command stays whole.
        const QByteArray text = EscPosEncoder().line(u"社保").bytes();
        QCOMPARE(escposSafeBreaks(text), (std::vector<qsizetype>{4, 5}));
        QCOMPARE(escposSafeBreaks(hex("1D 76 30 00 01 00 02 00 0A 10 1B 40")), (std::vector<qsizetype>{10, 12}));
        QCOMPARE(escposSafeBreaks(hex("1B 40 1D 76 30 00 01 00 05 00 0A")), (std::vector<qsizetype>{2, 11}));
    }
    void paperDots()
    {
        sim::PrintedElement line;
        line.runs = {{QStringLiteral("事项：城乡居民基本养老保险参保登记"), false, 1, 1}}; // 17 Han, 408 dots: two lines on 58 mm paper
        QCOMPARE(line.heightDots(384), 60);
        QCOMPARE(line.heightDots(576), 30);
        sim::PrintedElement feed;
        feed.kind = sim::PrintedElement::Kind::Feed;
        feed.lines = 3;
        QCOMPARE(feed.heightDots(), 90);
    }
};

QTEST_GUILESS_MAIN(TestEscPos)
#include "tst_escpos.moc"
