// SPDX-License-Identifier: GPL-3.0-or-later
// Tier 1: what scanners send — HID POS reports (continuations, Chinese and binary payloads) and
// boot keyboard reports (shift, held keys, Enter) — and HID report descriptors.
#include "devices/scanner/hidreports.h"
#include "devices/simulator/simulatedscanner.h"

#include <QTest>

using namespace kiosk::devices;
using namespace kiosk::devices::scanner;

namespace {
std::span<const std::uint8_t> b(const QByteArray &a)
{
    return {reinterpret_cast<const std::uint8_t *>(a.constData()), std::size_t(a.size())};
}
QByteArray key(std::uint8_t usage, std::uint8_t modifiers = 0, std::uint8_t second = 0)
{
    QByteArray r(8, '\0');
    r[0] = char(modifiers);
    r[2] = char(usage);
    r[3] = char(second);
    return r;
}
const QByteArray kRelease(8, '\0');

std::optional<QString> typeAll(KeyboardWedgeDecoder &d, const std::vector<QByteArray> &reports)
{
    std::optional<QString> last;
    for (const auto &r : reports) {
        if (auto c = d.feed(b(r)))
            last = c;
    }
    return last;
}
} // namespace

class TestHidReports : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void keyboardShift()
    {
        KeyboardWedgeDecoder d;
        // "Ab1!" then Enter, press/release pairs; left shift (0x02) and right shift (0x20).
        const std::vector<QByteArray> reports{key(0x04, 0x02), kRelease, key(0x05), kRelease, key(0x1E), kRelease,
                                              key(0x1E, 0x20), kRelease, key(0x28), kRelease};
        QCOMPARE(typeAll(d, reports), std::optional<QString>(QStringLiteral("Ab1!")));
        QCOMPARE(d.lastError(), ReportError::None);
    }
    void keyboardTable()
    {
        const std::pair<std::uint8_t, const char *> plain[] = {{0x04, "a"}, {0x1D, "z"}, {0x27, "0"}, {0x2C, " "}, {0x2D, "-"},
                                                               {0x2E, "="}, {0x2F, "["}, {0x30, "]"}, {0x31, "\\"}, {0x33, ";"},
                                                               {0x34, "'"}, {0x36, ","}, {0x37, "."}, {0x38, "/"}};
        for (const auto &[usage, c] : plain)
            QCOMPARE(KeyboardWedgeDecoder::characterFor(usage, false), std::optional<char>(c[0]));
        const std::pair<std::uint8_t, const char *> shifted[] = {{0x04, "A"}, {0x26, "("}, {0x27, ")"}, {0x2D, "_"}, {0x33, ":"},
                                                                 {0x34, "\""}, {0x38, "?"}, {0x36, "<"}};
        for (const auto &[usage, c] : shifted)
            QCOMPARE(KeyboardWedgeDecoder::characterFor(usage, true), std::optional<char>(c[0]));
        QCOMPARE(KeyboardWedgeDecoder::characterFor(0x3A, false), std::nullopt); // F1
        // keyFor is the inverse over printable ASCII.
        for (char c = 0x20; c < 0x7F; ++c) {
            const auto k = KeyboardWedgeDecoder::keyFor(c);
            QVERIFY2(k, qPrintable(QString(QLatin1Char(c))));
            QCOMPARE(KeyboardWedgeDecoder::characterFor(k->first, k->second), std::optional<char>(c));
        }
    }
    void keyboardHeldKeysAndRollover()
    {
        KeyboardWedgeDecoder d;
        // 'a' held over two reports types once; 'a'+'b' in one report types both; 0x01 (rollover) is not a key.
        QVERIFY(!d.feed(b(key(0x04))));
        QVERIFY(!d.feed(b(key(0x04))));
        QVERIFY(!d.feed(b(key(0x04, 0, 0x05))));
        QVERIFY(!d.feed(b(key(0x01, 0, 0x01))));
        QVERIFY(!d.feed(b(kRelease)));
        QVERIFY(!d.feed(b(key(0x04))));
        QVERIFY(!d.feed(b(key(0x3A)))); // F1: ignored, counted
        QCOMPARE(d.ignoredKeys(), 1);
        QCOMPARE(d.feed(b(key(0x58))), std::optional<QString>(QStringLiteral("aba"))); // keypad Enter
        // Enter alone ends nothing.
        QVERIFY(!d.feed(b(kRelease)));
        QVERIFY(!d.feed(b(key(0x28))));
    }
    void keyboardBadReport()
    {
        KeyboardWedgeDecoder d;
        QVERIFY(!d.feed(b(QByteArray(7, '\0'))));
        QCOMPARE(d.lastError(), ReportError::BadReportSize);
    }
    void simulatedKeyboardRoundTrip()
    {
        const QByteArray code("HTTPS://EXAMPLE.ORG/Q?no=GL2026-0001&x=[1]");
        const auto reports = sim::SimulatedScanner::keyboardReports(code);
        QVERIFY(reports);
        KeyboardWedgeDecoder d;
        QCOMPARE(typeAll(d, *reports), std::optional<QString>(QString::fromLatin1(code)));
        // Chinese cannot be typed by a keyboard wedge.
        QVERIFY(!sim::SimulatedScanner::keyboardReports(QStringLiteral("社保").toUtf8()));
    }
    void posSingle()
    {
        HidPosDecoder d;
        const auto reports = sim::SimulatedScanner::hidPosReports("6901234567892", "]E0");
        QCOMPARE(reports.size(), std::size_t(1));
        QCOMPARE(reports[0].size(), 64);
        QCOMPARE(d.feed(b(reports[0])), std::optional<QByteArray>("6901234567892"));
        QCOMPARE(d.symbology(), QByteArray("]E0"));
    }
    void posContinuationChineseAndBinary()
    {
        HidPosDecoder d;
        QByteArray code = QStringLiteral("https://zwfw.example.gov.cn/办事/查询?编号=GL20260318000127&户主=林秀英").toUtf8();
        code.append(QByteArray("\x00\x01\xff\x0d\x0a", 5)); // binary survives, NUL and CR LF included
        const auto reports = sim::SimulatedScanner::hidPosReports(code);
        QVERIFY(reports.size() >= 2);
        std::optional<QByteArray> got;
        for (std::size_t i = 0; i < reports.size(); ++i) {
            got = d.feed(b(reports[i]));
            QCOMPARE(got.has_value(), i + 1 == reports.size());
        }
        QCOMPARE(*got, code);
        QCOMPARE(codeText(code.left(code.size() - 5)).right(3), QStringLiteral("林秀英"));
    }
    void posErrors()
    {
        HidPosDecoder d;
        QVERIFY(!d.feed(b(QByteArray(1, '\x02'))));
        QCOMPARE(d.lastError(), ReportError::BadReportSize);
        QByteArray r(64, '\0');
        r[0] = 0x04;
        QVERIFY(!d.feed(b(r)));
        QCOMPARE(d.lastError(), ReportError::UnknownReportId);
        r[0] = 0x02;
        r[1] = 57;
        QVERIFY(!d.feed(b(r)));
        QCOMPARE(d.lastError(), ReportError::BadLength);
        QByteArray shortReport("\x02\x05" "ab", 4); // says 5, has 2
        QVERIFY(!d.feed(b(shortReport)));
        QCOMPARE(d.lastError(), ReportError::BadLength);
        r[1] = 0; // empty report (trigger release)
        QVERIFY(!d.feed(b(r)));
        QCOMPARE(d.lastError(), ReportError::None);
        // A code that never ends is dropped.
        QByteArray more(64, 'x');
        more[0] = 0x02;
        more[1] = 56;
        more[63] = 0x01;
        for (int i = 0; i < int(kMaxCodeLength / 56) + 1; ++i)
            d.feed(b(more));
        QCOMPARE(d.lastError(), ReportError::CodeTooLong);
        QCOMPARE(reportErrorName(ReportError::CodeTooLong), QStringLiteral("code-too-long"));
    }
    void codeTextEncodings()
    {
        QCOMPARE(codeText(QStringLiteral("社保卡").toUtf8()), QStringLiteral("社保卡"));
        QCOMPARE(codeText(QByteArray::fromHex("C9E7B1A3BFA8")), QStringLiteral("社保卡")); // GB18030
        QCOMPARE(codeText(QByteArray("\xff\xfe\x80", 3)), QString::fromLatin1(QByteArray("\xff\xfe\x80", 3)));
    }
    void usagePages()
    {
        // A boot keyboard: Generic Desktop (01) then Keyboard/Keypad (07) and LEDs (08).
        const QByteArray keyboard = QByteArray::fromHex("05010906A101050719E029E71500250175019508810295017508810305081901290591020507190029FF150025FF950675088100C0");
        QCOMPARE(hidUsagePages(b(keyboard)), (std::optional<std::vector<std::uint16_t>>{{0x01, 0x07, 0x08, 0x07}}));
        // HID POS: Usage Page 0x8C in the one- and two-byte forms, with a long item skipped.
        const QByteArray pos = QByteArray::fromHex("058C0902A1010602FF09FEFE0200AABB068C000912C0");
        QCOMPARE(hidUsagePages(b(pos)), (std::optional<std::vector<std::uint16_t>>{{0x8C, 0xFF02, 0x8C}}));
        QCOMPARE(hidUsagePages(b(QByteArray::fromHex("0601"))), std::nullopt); // truncated
        QCOMPARE(hidUsagePages(b(QByteArray::fromHex("FE05"))), std::nullopt); // truncated long item
        QCOMPARE(hidUsagePages({}), (std::optional<std::vector<std::uint16_t>>{std::vector<std::uint16_t>{}}));
    }
};

QTEST_GUILESS_MAIN(TestHidReports)
#include "tst_hidreports.moc"
