// SPDX-License-Identifier: GPL-3.0-or-later
// Tier 1: ESC/POS real-time status (DLE EOT n) replies, bit by bit.
#include "devices/printer/printerstatus.h"

#include <QTest>

using namespace kiosk::devices;
using namespace kiosk::devices::printer;

class TestPrinterStatus : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fixedBits()
    {
        // bit 7 = 0, bit 4 = 1, bit 1 = 1, bit 0 = 0
        QVERIFY(isStatusByte(0x12));
        QVERIFY(isStatusByte(0x12 | 0x08 | 0x04 | 0x20 | 0x40));
        QVERIFY(!isStatusByte(0x00));
        QVERIFY(!isStatusByte(0x92));
        QVERIFY(!isStatusByte(0x02));
        QVERIFY(!isStatusByte(0x10));
        QVERIFY(!isStatusByte(0x13));
        int valid = 0;
        for (int b = 0; b < 256; ++b)
            valid += isStatusByte(std::uint8_t(b));
        QCOMPARE(valid, 16); // the four free bits 2, 3, 5, 6
    }
    void bits_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("byte");
        QTest::addColumn<QString>("field");
        QTest::newRow("offline") << 1 << 0x1A << QStringLiteral("offline");
        QTest::newRow("cover") << 2 << 0x16 << QStringLiteral("coverOpen");
        QTest::newRow("paper-stop") << 2 << 0x32 << QStringLiteral("stoppedForPaperEnd");
        QTest::newRow("error") << 2 << 0x52 << QStringLiteral("errorOccurred");
        QTest::newRow("cutter") << 3 << 0x1A << QStringLiteral("autocutterError");
        QTest::newRow("unrecoverable") << 3 << 0x32 << QStringLiteral("unrecoverableError");
        QTest::newRow("near-end") << 4 << 0x1E << QStringLiteral("paperNearEnd");
        QTest::newRow("near-end-bit2") << 4 << 0x16 << QStringLiteral("paperNearEnd");
        QTest::newRow("paper-out") << 4 << 0x72 << QStringLiteral("paperOut");
    }
    void bits()
    {
        QFETCH(int, n);
        QFETCH(int, byte);
        QFETCH(QString, field);
        PrinterStatus s;
        QCOMPARE(applyStatusByte(n, std::uint8_t(byte), s), StatusError::None);
        const std::pair<const char *, bool> fields[] = {
            {"offline", s.offline}, {"coverOpen", s.coverOpen}, {"stoppedForPaperEnd", s.stoppedForPaperEnd},
            {"errorOccurred", s.errorOccurred}, {"autocutterError", s.autocutterError}, {"unrecoverableError", s.unrecoverableError},
            {"paperNearEnd", s.paperNearEnd}, {"paperOut", s.paperOut},
        };
        for (const auto &[name, value] : fields)
            QCOMPARE(value, field == QLatin1String(name));
        // The fixed bits alone report nothing.
        PrinterStatus plain;
        QCOMPARE(applyStatusByte(n, 0x12, plain), StatusError::None);
        QCOMPARE(plain, PrinterStatus{});
    }
    void errors()
    {
        PrinterStatus s;
        QCOMPARE(applyStatusByte(2, 0x00, s), StatusError::InvalidByte);
        QCOMPARE(applyStatusByte(5, 0x12, s), StatusError::BadRequest);
        QCOMPARE(applyStatusByte(0, 0x12, s), StatusError::BadRequest);
        QCOMPARE(s, PrinterStatus{});
        QCOMPARE(statusErrorName(StatusError::InvalidByte), QStringLiteral("invalid-status-byte"));
    }
    void replyInNoise()
    {
        const std::uint8_t stream[] = {0xFF, 0x12, 0x00, 0x72, 0x80};
        StatusError e = StatusError::BadRequest;
        QCOMPARE(statusReply(stream, &e), std::optional<std::uint8_t>(0x72));
        QCOMPARE(e, StatusError::None);
        const std::uint8_t junk[] = {0xFF, 0x00};
        QCOMPARE(statusReply(junk, &e), std::nullopt);
        QCOMPARE(e, StatusError::InvalidByte);
        QCOMPARE(statusReply({}), std::nullopt);
    }
    void summary()
    {
        PrinterStatus s;
        QVERIFY(s.ready());
        QCOMPARE(s.deviceStatus(), DeviceStatus::Normal);
        QCOMPARE(s.message(), QStringLiteral("ready"));
        s.paperNearEnd = true;
        QVERIFY(s.ready());
        QCOMPARE(s.deviceStatus(), DeviceStatus::Warning);
        QVERIFY(s.message().contains(QStringLiteral("paper low")));
        s.paperOut = true;
        QVERIFY(!s.ready());
        QCOMPARE(s.deviceStatus(), DeviceStatus::Fault);
        QVERIFY(s.message().contains(QStringLiteral("replace the roll")));
        s = {};
        s.coverOpen = true;
        s.autocutterError = true;
        QVERIFY(s.message().contains(QStringLiteral("cover open")));
        QVERIFY(s.message().contains(QStringLiteral("cutter")));
        s = {};
        s.offline = true;
        QCOMPARE(s.message(), QStringLiteral("printer offline"));
    }
};

QTEST_GUILESS_MAIN(TestPrinterStatus)
#include "tst_printerstatus.moc"
