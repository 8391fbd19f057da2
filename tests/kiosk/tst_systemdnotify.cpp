// SPDX-License-Identifier: GPL-3.0-or-later
// What the terminal says to systemd (kiosk/appliance/systemdnotify.h): the messages, the watchdog
// interval read from $WATCHDOG_USEC, and datagrams really sent to a socket the test bound, by path
// and in the abstract namespace.
#include "kiosk/appliance/systemdnotify.h"
#include "notifysocket.h"

#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace kiosk::appliance;

class TestSystemdNotify : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void messages()
    {
        QCOMPARE(statusMessage(QStringLiteral("ready: attract screen")), QByteArray("STATUS=ready: attract screen"));
        QCOMPARE(readyMessage(QStringLiteral("in a visit")), QByteArray("READY=1\nSTATUS=in a visit"));
        QCOMPARE(watchdogMessage(), QByteArray("WATCHDOG=1"));
        QCOMPARE(stoppingMessage(), QByteArray("STOPPING=1"));
        // A newline in a status cannot smuggle in an assignment of its own.
        QCOMPARE(statusMessage(QStringLiteral("a\nREADY=1")), QByteArray("STATUS=a READY=1"));
        QCOMPARE(statusMessage(QStringLiteral("自助终端")), QStringLiteral("STATUS=自助终端").toUtf8());
    }

    void theWatchdogIntervalIsHalfOfWatchdogUsec()
    {
        QCOMPARE(watchdogPingIntervalMs("400000"), 200);
        QCOMPARE(watchdogPingIntervalMs("30000000"), 15000);
        QCOMPARE(watchdogPingIntervalMs("1500"), 1); // never a busy 0 ms timer
        QCOMPARE(watchdogPingIntervalMs(""), 0);
        QCOMPARE(watchdogPingIntervalMs("0"), 0);
        QCOMPARE(watchdogPingIntervalMs("-5"), 0);
        QCOMPARE(watchdogPingIntervalMs("soon"), 0);
        QCOMPARE(watchdogPingIntervalMs("99999999999999999999"), 0);
    }

    void statusesSayWhatTheTerminalDoes()
    {
        using S = kiosk::Session::Screen;
        QCOMPARE(statusFor(S::Attract), QStringLiteral("ready: attract screen"));
        QCOMPARE(statusFor(S::Home), QStringLiteral("in a visit"));
        QCOMPARE(statusFor(S::Form), QStringLiteral("in a visit"));
        QCOMPARE(statusFor(S::StaffFleet), QStringLiteral("staff pages open"));
        QCOMPARE(statusFor(S::Maintenance), QStringLiteral("maintenance menu open"));
    }

    void sendsToAPathSocket()
    {
        QTemporaryDir dir;
        NotifySocket systemd(QFile::encodeName(dir.filePath(QStringLiteral("notify"))));
        QVERIFY(systemd.bound());
        QString error;
        QVERIFY2(sendNotification(systemd.name(), readyMessage(QStringLiteral("starting")), &error), qPrintable(error));
        QCOMPARE(systemd.receive(2000).value_or("(nothing)"), QByteArray("READY=1\nSTATUS=starting"));
        QVERIFY(sendNotification(systemd.name(), watchdogMessage()));
        QCOMPARE(systemd.receive(2000).value_or("(nothing)"), QByteArray("WATCHDOG=1"));
    }

    void sendsToAnAbstractSocket()
    {
        const QByteArray name = "@kiosk-tst-notify-" + QByteArray::number(qint64(::getpid()));
        NotifySocket systemd(name);
        QVERIFY(systemd.bound());
        QString error;
        QVERIFY2(sendNotification(name, stoppingMessage(), &error), qPrintable(error));
        QCOMPARE(systemd.receive(2000).value_or("(nothing)"), QByteArray("STOPPING=1"));
    }

    void saysWhenItCannotSend()
    {
        QTemporaryDir dir;
        QString error;
        QVERIFY(!sendNotification(QFile::encodeName(dir.filePath(QStringLiteral("nobody"))), watchdogMessage(), &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!sendNotification("relative/path", watchdogMessage(), &error));
        QVERIFY(!sendNotification(QByteArray(200, '/'), watchdogMessage(), &error));
    }

    void theNotifierPingsFromItsTimerAndTakesTheVariables()
    {
        QTemporaryDir dir;
        NotifySocket systemd(QFile::encodeName(dir.filePath(QStringLiteral("notify"))));
        QVERIFY(systemd.bound());
        qputenv("NOTIFY_SOCKET", systemd.name());
        qputenv("WATCHDOG_USEC", "100000");
        qputenv("WATCHDOG_PID", "1"); // another process (under cage: the compositor): pinged all the same
        SystemdNotifier notifier;
        // Programs the app starts do not inherit the right to speak for it.
        QVERIFY(qEnvironmentVariableIsEmpty("NOTIFY_SOCKET"));
        QVERIFY(qEnvironmentVariableIsEmpty("WATCHDOG_USEC"));
        QVERIFY(qEnvironmentVariableIsEmpty("WATCHDOG_PID"));
        QVERIFY(notifier.active());
        QCOMPARE(notifier.watchdogIntervalMs(), 50);
        notifier.starting();
        QCOMPARE(systemd.receive(2000).value_or("(nothing)"), QByteArray("STATUS=starting"));
        QTest::qWait(180);
        int pings = 0;
        while (const auto m = systemd.receive(0))
            pings += *m == "WATCHDOG=1";
        QVERIFY2(pings >= 2, qPrintable(QString::number(pings)));
        notifier.stopping();
        QVERIFY(!notifier.watchdogRunning());
        QCOMPARE(systemd.receive(2000).value_or("(nothing)"), QByteArray("STATUS=stopping\nSTOPPING=1"));
    }

    void withoutNotifySocketNothingRuns()
    {
        qunsetenv("NOTIFY_SOCKET");
        qputenv("WATCHDOG_USEC", "100000");
        SystemdNotifier notifier;
        notifier.starting();
        QVERIFY(!notifier.active());
        QVERIFY(!notifier.watchdogRunning());
        QVERIFY(!notifier.send(watchdogMessage()));
    }
};

QTEST_GUILESS_MAIN(TestSystemdNotify)
#include "tst_systemdnotify.moc"
