// SPDX-License-Identifier: GPL-3.0-or-later
// Tier 1: the reading state machine, driven by hand with replies and transport errors.
#include "devices/idcard/readerstatemachine.h"
#include "devices/simulator/simulatedsam.h"

#include <QTest>

using namespace kiosk::devices;
using namespace kiosk::devices::idcard;
using namespace std::chrono_literals;
using SM = ReaderStateMachine;

namespace {

SamResponse reply(std::uint8_t sw3, QByteArray payload = {})
{
    return {0, 0, sw3, std::move(payload)};
}

QByteArray readPayload(int sample)
{
    const IdCard &c = sim::sampleCards()[std::size_t(sample)];
    return QByteArray::fromHex("01000400") + encodeTextBlock(c) + c.photo;
}

SM::Timing timing()
{
    SM::Timing t;
    t.searchInterval = 300ms;
    t.presenceInterval = 500ms;
    t.faultRetryInterval = 2000ms;
    t.errorsBeforeFault = 3;
    return t;
}

/** Walks a fresh machine to CardPresent with sample @p card. */
SM present(int card = 0)
{
    SM sm(timing());
    sm.start();
    sm.onResponse(reply(sw::Ok));
    sm.onResponse(reply(sw::CardFound));
    sm.onResponse(reply(sw::Ok));
    sm.onResponse(reply(sw::Ok, readPayload(card)));
    return sm;
}

} // namespace

class TestReaderStateMachine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fullCycle()
    {
        SM sm(timing());
        QCOMPARE(sm.state(), SM::State::Idle);
        QCOMPARE(sm.deviceStatus(), DeviceStatus::Unknown);
        auto a = sm.start();
        QCOMPARE(a.send, std::optional(Command::SamStatus));
        QCOMPARE(sm.state(), SM::State::CheckingSam);
        a = sm.onResponse(reply(sw::Ok));
        QCOMPARE(a.send, std::optional(Command::FindCard));
        // No card: wait and find again.
        a = sm.onResponse(reply(sw::FindFailed));
        QVERIFY(!a.send);
        QCOMPARE(a.wait, std::optional(300ms));
        QCOMPARE(sm.state(), SM::State::Searching);
        QCOMPARE(sm.deviceStatus(), DeviceStatus::Normal);
        a = sm.onTick();
        QCOMPARE(a.send, std::optional(Command::FindCard));
        a = sm.onResponse(reply(sw::CardFound));
        QCOMPARE(a.send, std::optional(Command::SelectCard));
        a = sm.onResponse(reply(sw::Ok));
        QCOMPARE(a.send, std::optional(Command::ReadTextPhoto));
        QCOMPARE(sm.deviceStatus(), DeviceStatus::Busy);
        a = sm.onResponse(reply(sw::Ok, readPayload(1)));
        QCOMPARE(a.events.size(), std::size_t(1));
        QCOMPARE(a.events[0].type, SM::EventType::CardRead);
        QCOMPARE(a.events[0].card.name, QStringLiteral("林秀英"));
        QCOMPARE(a.events[0].card.photo.size(), 1024);
        QCOMPARE(a.wait, std::optional(500ms));
        QCOMPARE(sm.state(), SM::State::CardPresent);
        // While the card lies there, presence is polled with 30 03; 91 = still there.
        a = sm.onTick();
        QCOMPARE(a.send, std::optional(Command::ReadAppendedAddress));
        a = sm.onResponse(reply(sw::NoContent));
        QVERIFY(a.events.empty());
        QCOMPARE(a.wait, std::optional(500ms));
        sm.onTick();
        a = sm.onResponse(reply(sw::Ok, QByteArray(70, ' ')));
        QVERIFY(a.events.empty());
        // Gone: removed, back to searching.
        sm.onTick();
        a = sm.onResponse(reply(sw::ReadFailed));
        QCOMPARE(a.events.size(), std::size_t(1));
        QCOMPARE(a.events[0].type, SM::EventType::CardRemoved);
        QCOMPARE(sm.state(), SM::State::Searching);
        QCOMPARE(a.wait, std::optional(300ms));
    }
    void selectFailsBackToSearch()
    {
        SM sm(timing());
        sm.start();
        sm.onResponse(reply(sw::Ok));
        sm.onResponse(reply(sw::CardFound));
        const auto a = sm.onResponse(reply(sw::SelectFailed));
        QVERIFY(a.events.empty());
        QCOMPARE(sm.state(), SM::State::Searching);
        QCOMPARE(a.wait, std::optional(300ms));
    }
    void readFailures_data()
    {
        QTest::addColumn<int>("sw3");
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<QString>("message");
        QTest::newRow("read-failed") << int(sw::ReadFailed) << QByteArray() << QStringLiteral("reading the card failed");
        QTest::newRow("auth") << int(sw::SamAuthFailed) << QByteArray() << QStringLiteral("authenticate");
        QTest::newRow("payload") << int(sw::Ok) << QByteArray("xx") << QStringLiteral("payload-too-short");
        QByteArray broken = readPayload(0);
        broken[4 + 122] = '9'; // first digit of the ID number: check character no longer fits
        QTest::newRow("text") << int(sw::Ok) << broken << QStringLiteral("text-bad-id-number");
    }
    void readFailures()
    {
        QFETCH(int, sw3);
        QFETCH(QByteArray, payload);
        QFETCH(QString, message);
        SM sm(timing());
        sm.start();
        sm.onResponse(reply(sw::Ok));
        sm.onResponse(reply(sw::CardFound));
        sm.onResponse(reply(sw::Ok));
        const auto a = sm.onResponse(reply(std::uint8_t(sw3), payload));
        QCOMPARE(a.events.size(), std::size_t(1));
        QCOMPARE(a.events[0].type, SM::EventType::ReadFailed);
        QVERIFY2(a.events[0].message.contains(message), qPrintable(a.events[0].message));
        QCOMPARE(sm.state(), SM::State::Searching);
    }
    void samFaultAndRecovery()
    {
        SM sm(timing());
        sm.start();
        auto a = sm.onResponse(reply(sw::SamSelfTestFailed));
        QCOMPARE(sm.state(), SM::State::Fault);
        QCOMPARE(sm.deviceStatus(), DeviceStatus::Fault);
        QCOMPARE(a.events.size(), std::size_t(1));
        QCOMPARE(a.events[0].type, SM::EventType::Fault);
        QVERIFY(a.events[0].message.contains(QStringLiteral("self-test")));
        QCOMPARE(a.wait, std::optional(2000ms));
        // Retry: still broken, reported once only.
        a = sm.onTick();
        QCOMPARE(a.send, std::optional(Command::SamStatus));
        a = sm.onResponse(reply(sw::SamNotAuthorised));
        QVERIFY(a.events.empty());
        // Fixed.
        sm.onTick();
        a = sm.onResponse(reply(sw::Ok));
        QCOMPARE(a.events.size(), std::size_t(1));
        QCOMPARE(a.events[0].type, SM::EventType::Recovered);
        QCOMPARE(a.send, std::optional(Command::FindCard));
        QCOMPARE(sm.deviceStatus(), DeviceStatus::Normal);
    }
    void timeoutsBecomeAFault()
    {
        SM sm(timing());
        sm.start();
        sm.onResponse(reply(sw::Ok));
        auto a = sm.onIoError(IoError::Timeout);
        QVERIFY(a.events.empty());
        QCOMPARE(a.wait, std::optional(300ms));
        sm.onTick();
        a = sm.onFrameError(FrameError::ChecksumMismatch, QStringLiteral("x"));
        QVERIFY(a.events.empty());
        sm.onTick();
        a = sm.onIoError(IoError::Timeout);
        QCOMPARE(a.events.size(), std::size_t(1));
        QCOMPARE(a.events[0].type, SM::EventType::Fault);
        QVERIFY(a.events[0].message.contains(QStringLiteral("does not answer")));
        QCOMPARE(sm.state(), SM::State::Fault);
        // A good exchange clears it.
        sm.onTick();
        a = sm.onResponse(reply(sw::Ok));
        QCOMPARE(a.events.front().type, SM::EventType::Recovered);
    }
    void oneGoodReplyResetsTheCount()
    {
        SM sm(timing());
        sm.start();
        sm.onResponse(reply(sw::Ok));
        sm.onIoError(IoError::Timeout);
        sm.onTick();
        sm.onIoError(IoError::Io);
        sm.onTick();
        sm.onResponse(reply(sw::FindFailed));
        sm.onTick();
        const auto a = sm.onIoError(IoError::Timeout);
        QVERIFY(a.events.empty());
        QCOMPARE(sm.state(), SM::State::Searching);
    }
    void timeoutWhileCardPresentKeepsIt()
    {
        SM sm = present();
        sm.onTick();
        const auto a = sm.onIoError(IoError::Timeout);
        QVERIFY(a.events.empty());
        QCOMPARE(sm.state(), SM::State::CardPresent);
        QCOMPARE(a.wait, std::optional(500ms));
    }
    void unplugWithCardOnIt()
    {
        SM sm = present();
        sm.onTick();
        const auto a = sm.onIoError(IoError::NoDevice);
        QCOMPARE(sm.state(), SM::State::Disconnected);
        QCOMPARE(a.events.size(), std::size_t(2));
        QCOMPARE(a.events[0].type, SM::EventType::CardRemoved);
        QCOMPARE(a.events[1].type, SM::EventType::Fault);
        QVERIFY(!a.send);
        QVERIFY(!a.wait);
        QVERIFY(!sm.onTick().send); // nothing more until re-attached
        QCOMPARE(sm.deviceStatus(), DeviceStatus::Fault);
    }
    void unplugMidRead()
    {
        SM sm(timing());
        sm.start();
        sm.onResponse(reply(sw::Ok));
        sm.onResponse(reply(sw::CardFound));
        sm.onResponse(reply(sw::Ok));
        QCOMPARE(sm.pendingCommand(), std::optional(Command::ReadTextPhoto));
        const auto a = sm.onIoError(IoError::NoDevice);
        QCOMPARE(a.events.size(), std::size_t(1)); // no card had been reported yet
        QCOMPARE(a.events[0].type, SM::EventType::Fault);
        QCOMPARE(sm.state(), SM::State::Disconnected);
    }
    void cancelAndStop()
    {
        SM sm = present();
        auto a = sm.stop();
        QCOMPARE(a.events.size(), std::size_t(1));
        QCOMPARE(a.events[0].type, SM::EventType::CardRemoved);
        QCOMPARE(sm.state(), SM::State::Idle);
        SM other = present();
        other.onTick();
        a = other.onIoError(IoError::Cancelled);
        QCOMPARE(other.state(), SM::State::Idle);
        QCOMPARE(a.events.size(), std::size_t(1));
        QVERIFY(!a.send && !a.wait);
    }
    void unexpectedSw1Sw2()
    {
        SM sm(timing());
        sm.start();
        const auto a = sm.onResponse({0x6A, 0x82, sw::Ok, {}});
        QVERIFY(a.events.empty());
        QCOMPARE(sm.state(), SM::State::CheckingSam);
        QVERIFY(a.wait);
    }
    void stateNames()
    {
        for (auto s : {SM::State::Idle, SM::State::CheckingSam, SM::State::Searching, SM::State::Selecting, SM::State::Reading,
                       SM::State::CardPresent, SM::State::Fault, SM::State::Disconnected})
            QVERIFY(SM::stateName(s) != QLatin1String("unknown"));
    }
};

QTEST_GUILESS_MAIN(TestReaderStateMachine)
#include "tst_readerstatemachine.moc"
