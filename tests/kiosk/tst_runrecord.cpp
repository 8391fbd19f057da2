// SPDX-License-Identifier: GPL-3.0-or-later
// How the previous run ended (kiosk/fleet/runrecord.h), which the fleet sees as
// lastRestartReason: the record itself, and the real app stopped by SIGTERM (as systemd stops
// it), killed (as a crash or a watchdog would end it), and started again.
#include "kiosk/fleet/runrecord.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/stat.h>

namespace {

QJsonObject record(const QString &dir)
{
    QFile f(QDir(dir).filePath(QStringLiteral("run.json")));
    return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject();
}

} // namespace

class TestRunRecord : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void recordsHowARunEnded()
    {
        QTemporaryDir dir;
        QCOMPARE(kiosk::runrecord::begin(dir.path()), QStringLiteral("first start"));
        QVERIFY(record(dir.path()).value(QLatin1String("running")).toBool());
        struct stat st {};
        QCOMPARE(::stat(QFile::encodeName(QDir(dir.path()).filePath(QStringLiteral("run.json"))).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 0777), 0600);
        // Not ended: the next start knows the run did not end by itself.
        QVERIFY(kiosk::runrecord::begin(dir.path()).startsWith(QLatin1String("unexpected end")));
        kiosk::runrecord::setReason(QStringLiteral("restart-app (fleet command)"));
        kiosk::runrecord::end(dir.path());
        QCOMPARE(kiosk::runrecord::begin(dir.path()), QStringLiteral("restart-app (fleet command)"));
        kiosk::runrecord::setReason(QString());
        kiosk::runrecord::end(dir.path());
        QCOMPARE(kiosk::runrecord::begin(dir.path()), QStringLiteral("stopped"));
        QFile broken(QDir(dir.path()).filePath(QStringLiteral("run.json")));
        QVERIFY(broken.open(QIODevice::WriteOnly | QIODevice::Truncate));
        broken.write("{not json");
        broken.close();
        QVERIFY(kiosk::runrecord::begin(dir.path()).startsWith(QLatin1String("unknown")));
    }

    void theAppSaysHowItsPreviousRunEnded()
    {
        QTemporaryDir dir;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("KIOSK_STATE_DIR"), dir.path());
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("QT_QUICK_BACKEND"), QStringLiteral("software"));
        // CTest quiets the kiosk's info lines; this test reads two of them.
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("kiosk.app.info=true;kiosk.services.fleet.info=true"));
        const auto start = [&env](QProcess &p) {
            p.setProcessEnvironment(env);
            p.setProcessChannelMode(QProcess::MergedChannels);
            p.start(QStringLiteral(KIOSK_PATH), {QStringLiteral("--simulate")});
            return p.waitForStarted(10000);
        };
        const auto waitForLine = [](QProcess &p, const QByteArray &line, QByteArray &seen) {
            for (int i = 0; i < 600 && !seen.contains(line); ++i) {
                p.waitForReadyRead(100);
                seen += p.readAll();
            }
            return seen.contains(line);
        };
        QByteArray seen;
        {
            QProcess p;
            QVERIFY(start(p));
            QVERIFY2(waitForLine(p, "the previous run: first start", seen), seen.constData());
            QVERIFY2(waitForLine(p, "fleet client started", seen), seen.right(2000).constData());
            ::kill(pid_t(p.processId()), SIGTERM); // as systemd stops the unit
            QVERIFY(p.waitForFinished(30000));
            QCOMPARE(p.exitStatus(), QProcess::NormalExit);
            QCOMPARE(p.exitCode(), 0);
        }
        QCOMPARE(record(dir.path()).value(QLatin1String("reason")).toString(), QStringLiteral("stopped (SIGTERM)"));
        seen.clear();
        {
            QProcess p;
            QVERIFY(start(p));
            QVERIFY2(waitForLine(p, "the previous run: stopped (SIGTERM)", seen), seen.constData());
            QVERIFY2(waitForLine(p, "fleet client started", seen), seen.right(2000).constData());
            p.kill(); // a crash, or the watchdog's SIGABRT: nothing is written
            QVERIFY(p.waitForFinished(30000));
        }
        seen.clear();
        QProcess p;
        QVERIFY(start(p));
        QVERIFY2(waitForLine(p, "the previous run: unexpected end", seen), seen.constData());
        ::kill(pid_t(p.processId()), SIGTERM);
        QVERIFY(p.waitForFinished(30000));
    }
};

QTEST_GUILESS_MAIN(TestRunRecord)
#include "tst_runrecord.moc"
