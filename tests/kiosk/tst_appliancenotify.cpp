// SPDX-License-Identifier: GPL-3.0-or-later
// The real kiosk as systemd's Type=notify service (docs/appliance.md): it says STATUS= and then
// READY=1 after its first frame, pings WATCHDOG=1 every half $WATCHDOG_USEC from the GUI thread,
// stops pinging when that thread hangs (so systemd restarts the session), and says STOPPING=1
// when SIGTERM ends it. The test binds the socket systemd would hold.
#include "notifysocket.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

constexpr int kWatchdogUsec = 400000; // pings every 200 ms
constexpr int kHangAfterMs = 1500;     // after the first frame, in kiosk-testhooks

QProcessEnvironment kioskEnvironment(const QTemporaryDir &dir, const NotifySocket &systemd)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("QT_QUICK_BACKEND"), QStringLiteral("software"));
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("kiosk.*.info=false;kiosk.app.info=true"));
    env.insert(QStringLiteral("KIOSK_STATE_DIR"), dir.filePath(QStringLiteral("state")));
    env.insert(QStringLiteral("NOTIFY_SOCKET"), QString::fromLocal8Bit(systemd.name()));
    env.insert(QStringLiteral("WATCHDOG_USEC"), QString::number(kWatchdogUsec));
    env.insert(QStringLiteral("WATCHDOG_PID"), QStringLiteral("1")); // as under cage: not our pid
    return env;
}

void start(QProcess &p, const QString &program, const QProcessEnvironment &env, const QString &log)
{
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.setStandardOutputFile(log);
    p.start(program, {QStringLiteral("--simulate")});
}

QByteArray logOf(const QString &log)
{
    QFile f(log);
    return f.open(QIODevice::ReadOnly) ? f.readAll().right(3000) : QByteArray("(no log)");
}

/** Reads until a datagram containing READY=1; what came before it in @p before. */
bool waitForReady(NotifySocket &systemd, QList<QByteArray> &before)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 90000) {
        const auto m = systemd.receive(1000);
        if (!m)
            continue;
        if (m->split('\n').contains("READY=1"))
            return true;
        before.append(*m);
    }
    return false;
}

/** The milliseconds between WATCHDOG=1 pings seen during @p forMs. */
QList<qint64> pingGaps(NotifySocket &systemd, int forMs)
{
    QElapsedTimer t;
    t.start();
    QList<qint64> at;
    while (t.elapsed() < forMs) {
        const auto m = systemd.receive(int(forMs - t.elapsed()));
        if (m && *m == "WATCHDOG=1")
            at.append(t.elapsed());
    }
    QList<qint64> gaps;
    for (qsizetype i = 1; i < at.size(); ++i)
        gaps.append(at[i] - at[i - 1]);
    return gaps;
}

} // namespace

class TestApplianceNotify : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readyThenPingsThenStoppingOnSigterm()
    {
        QTemporaryDir dir;
        NotifySocket systemd(QFile::encodeName(dir.filePath(QStringLiteral("notify"))));
        QVERIFY(systemd.bound());
        QProcessEnvironment env = kioskEnvironment(dir, systemd);
        // The installed kiosk has no test hooks: this does not hang it.
        env.insert(QStringLiteral("KIOSK_TEST_HANG_AFTER_MS"), QStringLiteral("100"));
        const QString log = dir.filePath(QStringLiteral("kiosk.log"));
        QProcess kiosk;
        start(kiosk, QStringLiteral(KIOSK_PATH), env, log);
        QVERIFY(kiosk.waitForStarted(10000));

        QList<QByteArray> before;
        QVERIFY2(waitForReady(systemd, before), logOf(log).constData());
        QVERIFY2(!before.isEmpty() && before.first() == "STATUS=starting", before.join(" | ").constData());

        const QList<qint64> gaps = pingGaps(systemd, 2000);
        QVERIFY2(gaps.size() >= 5, qPrintable(QString::number(gaps.size())));
        qint64 sum = 0;
        for (qint64 g : gaps)
            sum += g;
        const qint64 mean = sum / gaps.size();
        QVERIFY2(mean >= 150 && mean <= 350, qPrintable(QStringLiteral("mean gap %1 ms").arg(mean)));
        QVERIFY(kiosk.state() == QProcess::Running);
        QVERIFY(logOf(log).contains("systemd: notifying"));
        QVERIFY(logOf(log).contains("WATCHDOG=1 every 200 ms"));

        ::kill(pid_t(kiosk.processId()), SIGTERM); // as systemd stops the unit
        bool stopping = false;
        QElapsedTimer t;
        t.start();
        while (!stopping && t.elapsed() < 30000) {
            if (const auto m = systemd.receive(1000))
                stopping = m->split('\n').contains("STOPPING=1");
        }
        QVERIFY(stopping);
        QVERIFY(kiosk.waitForFinished(30000));
        QCOMPARE(kiosk.exitStatus(), QProcess::NormalExit);
        QCOMPARE(kiosk.exitCode(), 0);
    }

    void aHungGuiThreadStopsThePings()
    {
        QTemporaryDir dir;
        NotifySocket systemd("@kiosk-tst-appliancenotify-" + QByteArray::number(QCoreApplication::applicationPid()));
        QVERIFY(systemd.bound());
        QProcessEnvironment env = kioskEnvironment(dir, systemd);
        env.insert(QStringLiteral("KIOSK_TEST_HANG_AFTER_MS"), QString::number(kHangAfterMs));
        const QString log = dir.filePath(QStringLiteral("kiosk.log"));
        QProcess kiosk;
        start(kiosk, QStringLiteral(KIOSK_TESTHOOKS_PATH), env, log);
        QVERIFY(kiosk.waitForStarted(10000));
        QList<QByteArray> before;
        QVERIFY2(waitForReady(systemd, before), logOf(log).constData());

        // Pings until the hang, then none for 3× the interval and more, while the kiosk lives.
        // A silence before the hang is due (a slow sanitizer build) is not taken for it.
        constexpr int kSilenceMs = 3 * kWatchdogUsec / 1000 / 2 + 100;
        int pings = 0;
        QElapsedTimer t;
        t.start();
        bool silent = false;
        while (!silent && t.elapsed() < 20000) {
            const auto m = systemd.receive(kSilenceMs);
            if (!m)
                silent = t.elapsed() >= kHangAfterMs;
            else if (*m == "WATCHDOG=1")
                ++pings;
        }
        QVERIFY2(pings >= 3, qPrintable(QString::number(pings)));
        QVERIFY(silent);
        const auto late = systemd.receive(kSilenceMs);
        QVERIFY2(!late, late.value_or("").constData());
        QVERIFY(kiosk.state() == QProcess::Running);
        kiosk.kill(); // what systemd's SIGABRT does after WatchdogSec=
        QVERIFY(kiosk.waitForFinished(30000));
    }
};

QTEST_GUILESS_MAIN(TestApplianceNotify)
#include "tst_appliancenotify.moc"
