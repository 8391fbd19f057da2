// SPDX-License-Identifier: GPL-3.0-or-later
// Tier 1: the SAM frame codec — documented frames byte for byte, every status code, every
// malformed-frame kind, the stream assembler and the read payload.
#include "devices/idcard/samframe.h"

#include <QTest>

using namespace kiosk::devices::idcard;

namespace {
QByteArray hex(const char *h)
{
    return QByteArray::fromHex(QByteArray(h).replace(' ', ""));
}
std::span<const std::uint8_t> b(const QByteArray &a)
{
    return bytesOf(a);
}
} // namespace

class TestSamFrame : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // docs/devices.md's request table, plus 30 03 (checksum computed by hand: 00^03^30^03 = 30).
    void requests_data()
    {
        QTest::addColumn<int>("command");
        QTest::addColumn<QByteArray>("frame");
        QTest::newRow("reset") << int(Command::ResetSam) << hex("AA AA AA 96 69 00 03 10 FF EC");
        QTest::newRow("status") << int(Command::SamStatus) << hex("AA AA AA 96 69 00 03 11 FF ED");
        QTest::newRow("sam-id") << int(Command::SamId) << hex("AA AA AA 96 69 00 03 12 FF EE");
        QTest::newRow("find") << int(Command::FindCard) << hex("AA AA AA 96 69 00 03 20 01 22");
        QTest::newRow("select") << int(Command::SelectCard) << hex("AA AA AA 96 69 00 03 20 02 21");
        QTest::newRow("read") << int(Command::ReadTextPhoto) << hex("AA AA AA 96 69 00 03 30 01 32");
        QTest::newRow("read-fp") << int(Command::ReadTextPhotoFingerprint) << hex("AA AA AA 96 69 00 03 30 10 23");
        QTest::newRow("appended-address") << int(Command::ReadAppendedAddress) << hex("AA AA AA 96 69 00 03 30 03 30");
    }
    void requests()
    {
        QFETCH(int, command);
        QFETCH(QByteArray, frame);
        QCOMPARE(buildRequest(Command(command)), frame);
        const auto parsed = parseRequest(b(frame));
        QVERIFY(parsed.ok());
        QCOMPARE(parsed.value->command << 8 | parsed.value->parameter, command);
        QVERIFY(parsed.value->data.isEmpty());
    }
    void requestWithData()
    {
        const std::uint8_t max[] = {0x50};
        QCOMPARE(buildRequest(Command::SetMaxRfFrame, max), hex("AA AA AA 96 69 00 04 61 FF 50 CA"));
        const auto parsed = parseRequest(b(hex("AA AA AA 96 69 00 04 61 FF 50 CA")));
        QVERIFY(parsed.ok());
        QCOMPARE(parsed.value->data, hex("50"));
    }
    void checksum_()
    {
        QCOMPARE(checksum({}), std::uint8_t(0));
        const std::uint8_t bytes[] = {0x00, 0x03, 0x20, 0x01};
        QCOMPARE(checksum(bytes), std::uint8_t(0x22));
    }
    void responses()
    {
        const QByteArray ok = buildResponse(sw::Ok);
        QCOMPARE(ok, hex("AA AA AA 96 69 00 04 00 00 90 94"));
        const auto r = parseResponse(b(ok));
        QVERIFY(r.ok());
        QVERIFY(r.value->is(sw::Ok));
        QVERIFY(r.value->payload.isEmpty());
        const QByteArray found = buildResponse(sw::CardFound, b(hex("0000000000000000")));
        const auto f = parseResponse(b(found));
        QVERIFY(f.ok());
        QCOMPARE(f.value->sw3, sw::CardFound);
        QCOMPARE(f.value->payload.size(), 8);
        // SW1/SW2 are carried, not judged: is() needs them zero.
        const auto odd = parseResponse(b(buildFrame(b(hex("01 00 90")))));
        QVERIFY(odd.ok());
        QVERIFY(!odd.value->is(sw::Ok));
    }
    void statusCodes_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("name");
        const std::pair<int, const char *> table[] = {
            {0x90, "ok"}, {0x91, "no-content"}, {0x9F, "card-found"}, {0x10, "checksum-error"}, {0x11, "length-error"},
            {0x21, "bad-command"}, {0x23, "not-permitted"}, {0x24, "unrecognised-error"}, {0x31, "card-auth-failed"},
            {0x32, "sam-auth-failed"}, {0x33, "info-check-failed"}, {0x37, "fingerprint-error"}, {0x3F, "info-length-error"},
            {0x40, "unknown-card-type"}, {0x41, "read-failed"}, {0x47, "random-failed"}, {0x60, "sam-self-test-failed"},
            {0x66, "sam-not-authorised"}, {0x80, "find-failed"}, {0x81, "select-failed"},
        };
        for (const auto &[code, name] : table)
            QTest::newRow(name) << code << QString::fromLatin1(name);
    }
    void statusCodes()
    {
        QFETCH(int, code);
        QFETCH(QString, name);
        QCOMPARE(statusName(std::uint8_t(code)), name);
        QVERIFY(!statusDescription(std::uint8_t(code)).isEmpty());
        QVERIFY(!statusDescription(std::uint8_t(code)).contains(QStringLiteral("unknown status")));
        // Each round-trips through a frame.
        const auto r = parseResponse(b(buildResponse(std::uint8_t(code))));
        QVERIFY(r.ok());
        QCOMPARE(int(r.value->sw3), code);
    }
    void everyStatusIsListed()
    {
        QCOMPARE(knownStatusCodes().size(), std::size_t(20));
        QCOMPARE(statusName(0x5A), QStringLiteral("unknown-0x5a"));
        QVERIFY(statusDescription(0x5A).contains(QStringLiteral("0x5a")));
    }
    void malformed_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<int>("error");
        const QByteArray good = buildResponse(sw::Ok);
        QTest::newRow("empty") << QByteArray() << int(FrameError::Truncated);
        QTest::newRow("header-cut") << good.left(6) << int(FrameError::Truncated);
        QTest::newRow("body-cut") << good.left(10) << int(FrameError::Truncated);
        QByteArray pre = good;
        pre[3] = char(0x97);
        QTest::newRow("bad-preamble") << pre << int(FrameError::BadPreamble);
        QTest::newRow("noise-first") << hex("00") + good << int(FrameError::BadPreamble);
        QTest::newRow("len-0") << hex("AA AA AA 96 69 00 00") << int(FrameError::LengthTooSmall);
        QTest::newRow("len-3") << hex("AA AA AA 96 69 00 03 00 00 03") << int(FrameError::LengthTooSmall);
        QTest::newRow("trailing") << good + hex("00") << int(FrameError::TrailingBytes);
        QByteArray chk = good;
        chk[chk.size() - 1] = char(chk.back() ^ 0x01);
        QTest::newRow("checksum") << chk << int(FrameError::ChecksumMismatch);
        QByteArray flipped = good;
        flipped[9] = char(0x91); // payload changed, CHK not
        QTest::newRow("checksum-body") << flipped << int(FrameError::ChecksumMismatch);
        QByteArray len = good;
        len[6] = char(0x05); // claims one byte more than there is
        QTest::newRow("length-too-long") << len << int(FrameError::Truncated);
        QTest::newRow("length-huge") << hex("AA AA AA 96 69 FF FF 00 00 90") << int(FrameError::Truncated);
    }
    void malformed()
    {
        QFETCH(QByteArray, frame);
        QFETCH(int, error);
        const auto r = parseResponse(b(frame));
        QVERIFY(!r.ok());
        QCOMPARE(int(r.error), error);
        QVERIFY(!r.detail.isEmpty());
        QVERIFY(frameErrorName(r.error) != QLatin1String("ok"));
    }
    void malformedRequest()
    {
        QCOMPARE(parseRequest(b(hex("AA AA AA 96 69 00 02 20 22"))).error, FrameError::LengthTooSmall);
        QCOMPARE(parseRequest(b(hex("AA AA AA 96 69 00 03 20 01 23"))).error, FrameError::ChecksumMismatch);
    }
    void assemblerInPieces()
    {
        const QByteArray frame = buildResponse(sw::Ok, b(QByteArray(300, 'x')));
        for (int piece : {1, 2, 7, 64, 1000}) {
            FrameAssembler a;
            QCOMPARE(a.missing(), kHeaderSize);
            for (qsizetype at = 0; at < frame.size(); at += piece) {
                QCOMPARE(a.state(), FrameAssembler::State::NeedMore);
                a.feed(b(frame.mid(at, piece)));
            }
            QCOMPARE(a.state(), FrameAssembler::State::Complete);
            QCOMPARE(a.frame(), frame);
            QCOMPARE(a.missing(), std::size_t(0));
            QCOMPARE(a.skipped(), std::size_t(0));
        }
    }
    void assemblerSkipsNoise()
    {
        const QByteArray frame = buildResponse(sw::CardFound);
        for (const QByteArray &noise : {hex("00 13 37"), hex("AA"), hex("AA AA"), hex("AA AA AA AA AA"), hex("AA AA AA 96 AA"),
                                        hex("AA AA AA 96 00 AA AA")}) {
            FrameAssembler a;
            a.feed(b(noise + frame));
            QCOMPARE(a.state(), FrameAssembler::State::Complete);
            QCOMPARE(a.frame(), frame);
            QCOMPARE(a.skipped(), std::size_t(noise.size()));
        }
    }
    void assemblerExtraAndLimits()
    {
        const QByteArray frame = buildResponse(sw::Ok);
        FrameAssembler a;
        a.feed(b(frame + hex("01 02 03")));
        QCOMPARE(a.state(), FrameAssembler::State::Complete);
        QCOMPARE(a.extra(), std::size_t(3));
        FrameAssembler noisy;
        noisy.feed(b(QByteArray(FrameAssembler::kMaxSkipped + 1, '\x01')));
        QCOMPARE(noisy.state(), FrameAssembler::State::Error);
        // A reader sending AA for ever looks like a preamble starting over and over: that is
        // noise too, and stops the exchange at the same limit (found by fuzz_samtransport).
        FrameAssembler flood;
        flood.feed(b(QByteArray(FrameAssembler::kMaxSkipped + 4, '\xAA')));
        QCOMPARE(flood.state(), FrameAssembler::State::Error);
        FrameAssembler zero;
        zero.feed(b(hex("AA AA AA 96 69 00 00")));
        QCOMPARE(zero.state(), FrameAssembler::State::Error);
        zero.reset();
        QCOMPARE(zero.state(), FrameAssembler::State::NeedMore);
        QVERIFY(zero.frame().isEmpty());
    }
    void readPayload()
    {
        QByteArray text(256, ' '), photo(1024, 'p'), fp(1024, 'f');
        const QByteArray p2 = hex("01 00 04 00") + text + photo;
        const auto two = parseReadPayload(b(p2));
        QVERIFY(two.value);
        QCOMPARE(two.value->text.size(), 256);
        QCOMPARE(two.value->photo, photo);
        QVERIFY(two.value->fingerprint.isEmpty());
        // The whole 30 01 reply is 1295 bytes, the 30 10 one 2321 (docs/devices.md).
        QCOMPARE(buildResponse(sw::Ok, b(p2)).size(), 1295);
        const QByteArray p3 = hex("01 00 04 00 04 00") + text + photo + fp;
        QCOMPARE(buildResponse(sw::Ok, b(p3)).size(), 2321);
        const auto three = parseReadPayload(b(p3));
        QVERIFY(three.value);
        QCOMPARE(three.value->fingerprint, fp);

        QCOMPARE(parseReadPayload(b(hex("01 00"))).error, PayloadError::TooShort);
        QCOMPARE(parseReadPayload(b(hex("01 00 04 00") + text)).error, PayloadError::LengthMismatch);
        QCOMPARE(parseReadPayload(b(hex("00 10 00 00") + QByteArray(16, 'x'))).error, PayloadError::BadTextLength);
        QCOMPARE(payloadErrorName(PayloadError::LengthMismatch), QStringLiteral("payload-length-mismatch"));
    }
};

QTEST_GUILESS_MAIN(TestSamFrame)
#include "tst_samframe.moc"
