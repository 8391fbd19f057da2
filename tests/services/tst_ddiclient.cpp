// SPDX-License-Identifier: GPL-3.0-or-later
// The terminal's hawkBit DDI client against the loopback DDI server (HTTPS on 127.0.0.1, the test
// CA): polling with the token and ETags, the poll interval in both forms, configData, a whole
// deployment and its statuses, hashes, resumed and refused downloads, bounded retries, a cancel
// during them, 410, the attract-screen gate, the maintenance window, plain-HTTP links, and a
// restart in the middle of an action. Each case checks what the terminal did (the installer's
// calls, the files, its status) and what the server was told.
#include "services/fleet/ddiclient.h"
#include "services/simulation/ddiserver.h"
#include "services/simulation/devpki.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <mutex>

using namespace kiosk;
using namespace kiosk::fleet;
using namespace std::chrono_literals;
using simulation::DdiServer;
using Fault = DdiServer::Fault;

namespace {

const std::string kToken = "3f1c7a0e9b2d4c6e8a1b3d5f7092e4c6";
const QString kController = QStringLiteral("T-350102-0007");

/** Records what it was asked to apply; answers as told. */
class TestInstaller : public Installer
{
public:
    InstallResult install(const ddi::Deployment &deployment, const std::vector<StagedArtifact> &artifacts) override
    {
        std::lock_guard lock(mutex);
        ++installs;
        actionIds.push_back(deployment.actionId);
        contents.clear();
        for (const auto &a : artifacts) {
            QFile f(QString::fromStdString(a.file.string()));
            contents[a.filename.toStdString()] = f.open(QIODevice::ReadOnly) ? f.readAll().toStdString() : std::string("<unreadable>");
        }
        if (during)
            during();
        return result;
    }
    bool tookEffect(const ddi::Deployment &) override { return took; }
    [[nodiscard]] bool selfVerifying(const QString &part) const override { return part == QLatin1String("bundle"); }

    std::mutex mutex;
    int installs = 0;
    std::vector<std::int64_t> actionIds;
    std::map<std::string, std::string> contents;
    InstallResult result{true, QStringLiteral("catalog 2026.12.1 in force"), {}};
    bool took = false;
    std::function<void()> during;
};

std::string bytes(std::size_t n, char seed)
{
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i)
        s[i] = char(seed + (i * 7) % 61);
    return s;
}

DdiServer::Assignment bundle(std::size_t size = 200000, const std::string &part = "bundle")
{
    DdiServer::Assignment a;
    DdiServer::Chunk c;
    c.part = part;
    c.name = "catalog";
    c.version = "2026.12.1";
    c.artifacts.push_back({"catalog-2026.12.1.bundle", bytes(size, 'a'), false});
    c.artifacts.push_back({"catalog-2026.12.1.sig", bytes(64, 'k'), false});
    a.chunks.push_back(c);
    return a;
}

std::vector<std::string> executions(const std::vector<DdiServer::Feedback> &f, bool cancel = false)
{
    std::vector<std::string> out;
    for (const auto &x : f)
        if (x.cancelAction == cancel)
            out.push_back(x.execution + (x.finished == "none" || x.finished.empty() ? "" : "/" + x.finished));
    return out;
}

QString joined(const std::vector<std::string> &v)
{
    QStringList l;
    for (const auto &s : v)
        l << QString::fromStdString(s);
    return l.join(QLatin1Char(' '));
}

} // namespace

class TestDdiClient : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::optional<simulation::DevPki> m_pki;
    std::string m_cert, m_key;
    std::unique_ptr<DdiServer> m_server;
    int m_case = 0;

    DdiClient::Options options()
    {
        DdiClient::Options o;
        o.baseUrl = QString::fromStdString(m_server->baseUrl());
        o.controllerId = kController;
        o.targetToken = QString::fromStdString(kToken);
        o.caFile = m_pki->caFile();
        o.stateDir = std::filesystem::path(m_dir.filePath(QStringLiteral("state-%1").arg(++m_case)).toStdString());
        o.downloadAttempts = 3;
        o.retryBase = 20ms;
        o.errorRetryBase = 50ms;
        o.ioTimeout = 5000ms;
        o.jitterSeed = 7;
        return o;
    }

    std::vector<DdiServer::Feedback> feedback() const { return m_server->feedback(kController.toStdString()); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        std::string error;
        m_pki = simulation::DevPki::open(m_dir.filePath(QStringLiteral("pki")).toStdString(), "fleet", &error);
        QVERIFY2(m_pki, error.c_str());
        const auto cert = m_pki->issue("fleet", {.commonName = "127.0.0.1"}, &error);
        QVERIFY2(cert, error.c_str());
        m_cert = cert->certificateFile;
        m_key = cert->keyFile;
    }

    void init()
    {
        DdiServer::Options o;
        o.certificateFile = m_cert;
        o.keyFile = m_key;
        o.targetToken = kToken;
        m_server = std::make_unique<DdiServer>(o);
        std::string error;
        QVERIFY2(m_server->start(&error), error.c_str());
    }

    void cleanup() { m_server.reset(); }

    void pollsWithTheTokenAndETags()
    {
        auto o = options();
        o.pollOverride = 50ms;
        DdiClient client(o, nullptr);
        QVERIFY(client.start());
        // One client per state folder: a second one (kioskctl while the kiosk runs) is refused.
        DdiClient second(o, nullptr);
        QString why;
        QVERIFY(!second.pollOnce(&why));
        QVERIFY2(why.contains(QLatin1String("another fleet client")), qPrintable(why));
        QVERIFY(!second.start());
        QTRY_VERIFY_WITH_TIMEOUT(m_server->polls(kController.toStdString()) >= 4, 10000);
        client.stop();
        // What kioskctl fleet status reads: the last poll, written by the client, private.
        QFile statusFile(QString::fromStdString((o.stateDir / "status.json").string()));
        QVERIFY(statusFile.open(QIODevice::ReadOnly));
        const QByteArray statusJson = statusFile.readAll();
        QVERIFY2(statusJson.contains("\"lastPollResult\":\"not modified\""), statusJson.constData());
        QCOMPARE(std::filesystem::status(o.stateDir / "status.json").permissions() & std::filesystem::perms::all,
                 std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
        QVERIFY(second.pollOnce()); // the lock is released with stop()
        // Nothing changed between polls: the server answered with 304 from the second on.
        QVERIFY(m_server->notModified(kController.toStdString()) >= 3);
        const auto s = client.status();
        QCOMPARE(s.lastPollResult, QStringLiteral("not modified"));
        QVERIFY(s.lastPoll.has_value());
        QCOMPARE(s.failuresInARow, 0);
        QVERIFY(!s.running);

        // A wrong token: refused, and the words say what to do.
        auto wrong = options();
        wrong.targetToken = QStringLiteral("not-the-token");
        DdiClient refused(wrong, nullptr);
        QString error;
        QVERIFY(!refused.pollOnce(&error));
        QVERIFY2(error.contains(QLatin1String("401")) && error.contains(QLatin1String("enrol")), qPrintable(error));
        QCOMPARE(refused.status().failuresInARow, 1);
    }

    void pollIntervalInBothForms()
    {
        DdiClient client(options(), nullptr);
        m_server->setSleep("PT24H");
        QVERIFY(client.pollOnce());
        QCOMPARE(client.status().interval, std::chrono::seconds(86400));
        m_server->setSleep("XX:00:00"); // garbage: the last good interval stays
        QVERIFY(client.pollOnce());
        QCOMPARE(client.status().interval, std::chrono::seconds(86400));
        m_server->setSleep("00:01:30");
        QVERIFY(client.pollOnce());
        QCOMPARE(client.status().interval, std::chrono::seconds(90));
    }

    void configDataWhenAskedOrChanged()
    {
        DdiClient client(options(), nullptr);
        client.setVolatileKeys({QStringLiteral("uptime")});
        DdiClient::Attributes a{{QStringLiteral("model"), QStringLiteral("KT-2000")},
                                {QStringLiteral("softwareVersion"), QStringLiteral("0.1.0")},
                                {QStringLiteral("printer.status"), QStringLiteral("0")},
                                {QStringLiteral("uptime"), QStringLiteral("12")}};
        client.setAttributes(a);
        const std::string id = kController.toStdString();
        QVERIFY(client.pollOnce());
        QCOMPARE(m_server->configDataPuts(id), 1); // the first time
        QCOMPARE(m_server->configData(id).at("model"), std::string("KT-2000"));
        a[QStringLiteral("uptime")] = QStringLiteral("312");
        client.setAttributes(a);
        QVERIFY(client.pollOnce());
        QCOMPARE(m_server->configDataPuts(id), 1); // only the uptime moved
        a[QStringLiteral("printer.status")] = QStringLiteral("3"); // out of paper
        client.setAttributes(a);
        QVERIFY(client.pollOnce());
        QCOMPARE(m_server->configDataPuts(id), 2);
        QCOMPARE(m_server->configData(id).at("printer.status"), std::string("3"));
        QCOMPARE(m_server->configData(id).at("uptime"), std::string("312"));
        QVERIFY(client.pollOnce());
        QCOMPARE(m_server->configDataPuts(id), 2);
        m_server->requestConfigData(id); // the operator asks
        QVERIFY(client.pollOnce());
        QCOMPARE(m_server->configDataPuts(id), 3);
        QCOMPARE(client.status().configDataSent, 3);
    }

    void aDeploymentIsDownloadedCheckedAppliedAndReported()
    {
        TestInstaller installer;
        auto o = options();
        DdiClient client(o, &installer);
        const auto assignment = bundle();
        const int action = m_server->assign(kController.toStdString(), assignment);
        QVERIFY(client.pollOnce());
        QCOMPARE(installer.installs, 1);
        QCOMPARE(installer.actionIds.front(), std::int64_t(action));
        QCOMPARE(installer.contents.size(), std::size_t(2));
        QVERIFY(installer.contents.at("catalog-2026.12.1.bundle") == assignment.chunks[0].artifacts[0].content);
        QCOMPARE(joined(executions(feedback())), QStringLiteral("download downloaded proceeding closed/success"));
        QCOMPARE(m_server->actionState(action), std::string("finished"));
        QVERIFY(feedback().back().details.front().find("catalog 2026.12.1 in force") != std::string::npos);
        // Nothing is kept of the artifacts once applied; the journal is private.
        QVERIFY(!std::filesystem::exists(o.stateDir / "staging"));
        QCOMPARE(std::filesystem::status(o.stateDir / "action.json").permissions() & std::filesystem::perms::all, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
        QCOMPARE(std::filesystem::status(o.stateDir).permissions() & std::filesystem::perms::all, std::filesystem::perms::owner_all);
        // The next polls do nothing more.
        QVERIFY(client.pollOnce());
        QCOMPARE(installer.installs, 1);
        QCOMPARE(feedback().size(), std::size_t(4));
        const auto s = client.status();
        QCOMPARE(s.lastActionId, std::int64_t(action));
        QCOMPARE(s.lastActionResult, QStringLiteral("success"));
    }

    void aFailedInstallIsReportedAsFailure()
    {
        TestInstaller installer;
        installer.result = {false, QStringLiteral("the catalog inside is invalid: RS-0001 has no name"), {}};
        DdiClient client(options(), &installer);
        const int action = m_server->assign(kController.toStdString(), bundle());
        QVERIFY(client.pollOnce());
        QCOMPARE(installer.installs, 1);
        QCOMPARE(joined(executions(feedback())), QStringLiteral("download downloaded proceeding closed/failure"));
        QCOMPARE(m_server->actionState(action), std::string("error"));
        QVERIFY(feedback().back().details.front().find("RS-0001 has no name") != std::string::npos);
        QVERIFY(client.status().lastActionResult.startsWith(QLatin1String("failure: the catalog inside is invalid")));
    }

    void aWrongHashIsNeverApplied()
    {
        TestInstaller installer;
        DdiClient client(options(), &installer);
        auto a = bundle();
        a.chunks[0].artifacts[0].wrongHash = true;
        const int action = m_server->assign(kController.toStdString(), a);
        QVERIFY(client.pollOnce());
        QCOMPARE(installer.installs, 0);
        QCOMPARE(joined(executions(feedback())), QStringLiteral("download closed/failure"));
        QVERIFY(feedback().back().details.front().find("SHA-256 does not match") != std::string::npos);
        QCOMPARE(m_server->actionState(action), std::string("error"));
    }

    void aCutDownloadResumesWithRange()
    {
        TestInstaller installer;
        DdiClient client(options(), &installer);
        const auto a = bundle(300000);
        m_server->injectFault(Fault::CutDownload, 1, 120000);
        QVERIFY(m_server->assign(kController.toStdString(), a) > 0);
        QVERIFY(client.pollOnce());
        QCOMPARE(installer.installs, 1);
        QVERIFY(installer.contents.at("catalog-2026.12.1.bundle") == a.chunks[0].artifacts[0].content);
        const auto ranges = m_server->rangeHeaders();
        QVERIFY2(ranges.size() >= 2, qPrintable(joined(ranges)));
        QCOMPARE(ranges.front(), std::string());
        QVERIFY2(QString::fromStdString(ranges.at(1)).contains(QRegularExpression(QStringLiteral("^bytes=[1-9][0-9]*-$"))), ranges.at(1).c_str());
        // The retry is not reported as a status of its own.
        QCOMPARE(joined(executions(feedback())), QStringLiteral("download downloaded proceeding closed/success"));
    }

    void retriesAreBounded()
    {
        TestInstaller installer;
        DdiClient client(options(), &installer);
        m_server->injectFault(Fault::DownloadNotFound, -1);
        const int action = m_server->assign(kController.toStdString(), bundle());
        QVERIFY(client.pollOnce());
        QCOMPARE(installer.installs, 0);
        QCOMPARE(m_server->artifactRequests(), 3); // downloadAttempts, then given up
        QCOMPARE(joined(executions(feedback())), QStringLiteral("download closed/failure"));
        QVERIFY(feedback().back().details.front().find("after 3 attempts") != std::string::npos);
        QCOMPARE(m_server->actionState(action), std::string("error"));
    }

    void aCancelStopsTheRetries()
    {
        TestInstaller installer;
        auto o = options();
        o.downloadAttempts = 50;
        o.retryBase = 100ms;
        DdiClient client(o, &installer);
        m_server->injectFault(Fault::DownloadNotFound, -1);
        const int action = m_server->assign(kController.toStdString(), bundle());
        client.start();
        QTRY_VERIFY_WITH_TIMEOUT(m_server->artifactRequests() >= 2, 10000);
        m_server->cancel(action);
        QTRY_COMPARE_WITH_TIMEOUT(m_server->actionState(action), std::string("canceled"), 10000);
        const int requests = m_server->artifactRequests();
        QTest::qWait(400);
        client.stop();
        QVERIFY2(m_server->artifactRequests() <= requests + 1, qPrintable(QString::number(m_server->artifactRequests())));
        QVERIFY(requests < 50);
        QCOMPARE(installer.installs, 0);
        QCOMPARE(joined(executions(feedback(), true)), QStringLiteral("closed/success"));
        QVERIFY(client.status().lastActionResult.contains(QLatin1String("cancelled")));
    }

    void aCancelBeforeAnythingHappened()
    {
        TestInstaller installer;
        DdiClient client(options(), &installer);
        const int action = m_server->assign(kController.toStdString(), bundle());
        m_server->cancel(action);
        QVERIFY(client.pollOnce());
        QCOMPARE(m_server->actionState(action), std::string("canceled"));
        QCOMPARE(installer.installs, 0);
        QCOMPARE(m_server->artifactRequests(), 0);
    }

    void goneOnTheServerIsDropped()
    {
        TestInstaller installer;
        DdiClient client(options(), &installer);
        const int action = m_server->assign(kController.toStdString(), bundle());
        // The operator closes the action while it is being applied: the closing feedback meets 410.
        installer.during = [&] { m_server->closeOnServer(action); };
        QVERIFY(client.pollOnce());
        QCOMPARE(installer.installs, 1);
        QCOMPARE(m_server->actionState(action), std::string("closed-by-server"));
        const auto before = feedback().size();
        QVERIFY(client.pollOnce());
        QVERIFY(client.pollOnce());
        QCOMPARE(feedback().size(), before); // not sent again and again
    }

    void appliedOnlyOnTheAttractScreen()
    {
        TestInstaller installer;
        DdiClient client(options(), &installer);
        std::atomic<bool> idle{false};
        client.setIdleGate([&idle] { return idle.load(); });
        const int action = m_server->assign(kController.toStdString(), bundle());
        for (int i = 0; i < 4; ++i)
            QVERIFY(client.pollOnce());
        QCOMPARE(installer.installs, 0);
        QCOMPARE(client.status().actionStage, QStringLiteral("waiting for the attract screen"));
        QCOMPARE(m_server->artifactRequests(), 2); // downloaded once, kept while it waits
        // Said once, not at every poll.
        QCOMPARE(joined(executions(feedback())), QStringLiteral("download downloaded proceeding"));
        idle = true;
        QVERIFY(client.pollOnce());
        QCOMPARE(installer.installs, 1);
        QCOMPARE(m_server->actionState(action), std::string("finished"));
        QCOMPARE(joined(executions(feedback())), QStringLiteral("download downloaded proceeding proceeding closed/success"));
    }

    void theMaintenanceWindowIsHonoured()
    {
        TestInstaller installer;
        DdiClient client(options(), &installer);
        auto a = bundle();
        a.maintenanceWindow = "unavailable";
        const int action = m_server->assign(kController.toStdString(), a);
        QVERIFY(client.pollOnce());
        QVERIFY(client.pollOnce());
        QCOMPARE(installer.installs, 0);
        QCOMPARE(client.status().actionStage, QStringLiteral("waiting for the maintenance window"));
        QCOMPARE(joined(executions(feedback())), QStringLiteral("download downloaded scheduled"));
        m_server->setMaintenanceWindow(action, "available");
        QVERIFY(client.pollOnce());
        QCOMPARE(installer.installs, 1);
        QCOMPARE(m_server->actionState(action), std::string("finished"));
    }

    void plainHttpOnlyForSelfVerifyingParts()
    {
        TestInstaller installer;
        DdiClient client(options(), &installer);
        m_server->injectFault(Fault::LegacyLinksOnly, -1);
        // A configuration part that does not verify itself: refused, nothing fetched.
        const int config = m_server->assign(kController.toStdString(), bundle(1000, "config"));
        QVERIFY(client.pollOnce());
        QCOMPARE(installer.installs, 0);
        QCOMPARE(m_server->artifactRequests(), 0);
        QCOMPARE(m_server->actionState(config), std::string("error"));
        QVERIFY(feedback().back().details.front().find("plain HTTP") != std::string::npos);
        // A signed bundle may come that way: its signature is checked by the installer.
        const int signedBundle = m_server->assign(kController.toStdString(), bundle(1000, "bundle"));
        QVERIFY(client.pollOnce());
        QCOMPARE(installer.installs, 1);
        QCOMPARE(m_server->actionState(signedBundle), std::string("finished"));
    }

    void tooSlowIsAbortedAndRetried()
    {
        TestInstaller installer;
        auto o = options();
        o.lowSpeedBytesPerSecond = 5000;
        o.lowSpeedTime = 300ms;
        o.downloadAttempts = 2;
        DdiClient client(o, &installer);
        m_server->injectFault(Fault::SlowDownload, -1, 500);
        const int action = m_server->assign(kController.toStdString(), bundle(100000));
        QVERIFY(client.pollOnce());
        QCOMPARE(installer.installs, 0);
        QCOMPARE(m_server->actionState(action), std::string("error"));
        QVERIFY2(feedback().back().details.front().find("too slow") != std::string::npos, feedback().back().body.c_str());
        // The second attempt resumed where the first stopped.
        const auto ranges = m_server->rangeHeaders();
        QVERIFY(ranges.size() >= 2);
        QVERIFY2(QString::fromStdString(ranges.at(1)).startsWith(QLatin1String("bytes=")), ranges.at(1).c_str());
    }

    void aRestartInTheMiddleNeverAppliesTwice()
    {
        // The terminal applies the action; the power goes before the server has the result. The
        // journal as it was on disk while applying is put back: the restarted terminal reports,
        // and applies nothing again.
        auto o = options();
        const std::filesystem::path journal = o.stateDir / "action.json";
        QByteArray whileApplying;
        TestInstaller first;
        first.during = [&] {
            QFile f(QString::fromStdString(journal.string()));
            QVERIFY(f.open(QIODevice::ReadOnly));
            whileApplying = f.readAll();
            m_server->injectFault(Fault::ServerError, -1); // the closing feedback does not arrive
        };
        const int action = m_server->assign(kController.toStdString(), bundle());
        {
            DdiClient client(o, &first);
            QVERIFY(client.pollOnce());
        }
        QCOMPARE(first.installs, 1);
        QVERIFY(whileApplying.contains("installing"));
        QCOMPARE(m_server->actionState(action), std::string("running"));
        m_server->clearFaults();

        // 1. Restarted after the result was journalled: it is reported, not applied again.
        TestInstaller second;
        {
            DdiClient client(o, &second);
            QVERIFY(client.pollOnce());
        }
        QCOMPARE(second.installs, 0);
        QCOMPARE(m_server->actionState(action), std::string("finished"));

        // 2. Restarted while applying (the journal of that moment): the installer is asked whether
        // the swap took effect, and that is what is reported.
        const int again = m_server->assign(kController.toStdString(), bundle());
        QString rewritten = QString::fromUtf8(whileApplying);
        rewritten.replace(QStringLiteral("\"actionId\":%1").arg(action), QStringLiteral("\"actionId\":%1").arg(again));
        rewritten.replace(QStringLiteral("deploymentBase/%1/").arg(action), QStringLiteral("deploymentBase/%1/").arg(again));
        {
            QFile f(QString::fromStdString(journal.string()));
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(rewritten.toUtf8());
        }
        TestInstaller third;
        third.took = false;
        {
            DdiClient client(o, &third);
            QVERIFY(client.pollOnce());
        }
        QCOMPARE(third.installs, 0);
        QCOMPARE(m_server->actionState(again), std::string("error"));
        QVERIFY(feedback().back().details.front().find("interrupted by a restart") != std::string::npos);
    }

    void backoff()
    {
        const auto minute = std::chrono::milliseconds(60s);
        const auto fiveMin = std::chrono::milliseconds(5min);
        const auto hour = std::chrono::milliseconds(1h);
        // A good poll: the interval.
        QCOMPARE(pollDelay(fiveMin, 0, false, fiveMin, hour, 1.0), fiveMin);
        // Down: sooner than the interval, growing; never beyond the interval.
        const auto day = std::chrono::milliseconds(24h);
        QCOMPARE(pollDelay(day, 1, false, fiveMin, hour, 1.0), fiveMin);
        QCOMPARE(pollDelay(day, 2, false, fiveMin, hour, 1.0), 2 * fiveMin);
        QCOMPARE(pollDelay(day, 10, false, fiveMin, hour, 1.0), hour);
        QCOMPARE(pollDelay(minute, 3, false, fiveMin, hour, 1.0), minute);
        // 429: never sooner than the interval, doubling, at most 6 h.
        QCOMPARE(pollDelay(fiveMin, 1, true, fiveMin, hour, 1.0), fiveMin);
        QCOMPARE(pollDelay(fiveMin, 3, true, fiveMin, hour, 1.0), 4 * fiveMin);
        QCOMPARE(pollDelay(fiveMin, 30, true, fiveMin, hour, 1.0), std::chrono::milliseconds(6h));
        QCOMPARE(pollDelay(day, 2, true, fiveMin, hour, 1.0), day);
        // Jitter spreads it, within ±25 %.
        QCOMPARE(pollDelay(fiveMin, 1, true, fiveMin, hour, 1.25), fiveMin * 5 / 4);
        QCOMPARE(pollDelay(fiveMin, 1, true, fiveMin, hour, 9.0), fiveMin * 5 / 4);
        QCOMPARE(pollDelay(fiveMin, 1, false, fiveMin, hour, 0.75), fiveMin * 3 / 4);
    }

    void tooManyRequestsIsNotPolledFaster()
    {
        // Against the server: a 429 storm with a 200 ms interval; the client does not poll sooner.
        auto o = options();
        o.pollOverride = 200ms;
        DdiClient client(o, nullptr);
        m_server->injectFault(Fault::TooManyRequests, 3);
        QElapsedTimer t;
        t.start();
        client.start();
        QTRY_VERIFY_WITH_TIMEOUT(client.status().lastPollResult == QLatin1String("ok"), 15000);
        client.stop();
        // 3 refusals then a good poll: at least 200 + 400 + 800 ms × 0.75 of waiting.
        QVERIFY2(t.elapsed() >= 1000, qPrintable(QString::number(t.elapsed())));
    }

    void serverErrorsAreRetriedAndRecovered()
    {
        auto o = options();
        o.pollOverride = 100ms;
        DdiClient client(o, nullptr);
        m_server->injectFault(Fault::ServerError, 3);
        client.start();
        QTRY_VERIFY_WITH_TIMEOUT(client.status().lastPollResult == QLatin1String("ok") || client.status().lastPollResult == QLatin1String("not modified"), 10000);
        client.stop();
        QCOMPARE(client.status().failuresInARow, 0);
        QVERIFY(client.status().polls >= 4);
    }

    void kioskctlPollOnceAndStatus()
    {
        // The technician's view: one poll by hand (deployments left to the kiosk), then the status.
        const QString dir = m_dir.filePath(QStringLiteral("ctl-%1").arg(++m_case));
        QVERIFY(QDir().mkpath(dir));
        QFile token(dir + QStringLiteral("/fleet.token"));
        QVERIFY(token.open(QIODevice::WriteOnly));
        token.write(QByteArray::fromStdString(kToken) + '\n');
        token.close();
        QVERIFY(token.setPermissions(QFile::ReadOwner | QFile::WriteOwner));
        QFile config(dir + QStringLiteral("/kiosk.json"));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(QJsonDocument(QJsonObject{{QStringLiteral("terminalId"), kController},
                                               {QStringLiteral("stateDir"), dir + QStringLiteral("/state")},
                                               {QStringLiteral("fleet"), QJsonObject{{QStringLiteral("server"), QString::fromStdString(m_server->baseUrl())},
                                                                                     {QStringLiteral("caFile"), QString::fromStdString(m_pki->caFile())},
                                                                                     {QStringLiteral("targetTokenFile"), token.fileName()}}}})
                         .toJson());
        config.close();
        const int action = m_server->assign(kController.toStdString(), bundle());
        QProcess ctl;
        ctl.start(QStringLiteral(KIOSKCTL_PATH), {QStringLiteral("fleet"), QStringLiteral("poll"), QStringLiteral("--once"), QStringLiteral("--config"), config.fileName()});
        QVERIFY(ctl.waitForFinished(30000));
        const QString out = QString::fromUtf8(ctl.readAllStandardOutput() + ctl.readAllStandardError());
        QVERIFY2(ctl.exitCode() == 0, qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("action %1 offered").arg(action)), qPrintable(out));
        QCOMPARE(m_server->polls(kController.toStdString()), 1);
        QCOMPARE(m_server->artifactRequests(), 0); // left to the kiosk
        QCOMPARE(m_server->actionState(action), std::string("running"));
        ctl.start(QStringLiteral(KIOSKCTL_PATH), {QStringLiteral("fleet"), QStringLiteral("status"), QStringLiteral("--json"), QStringLiteral("--config"), config.fileName()});
        QVERIFY(ctl.waitForFinished(30000));
        const QJsonObject status = QJsonDocument::fromJson(ctl.readAllStandardOutput()).object();
        QCOMPARE(status.value(QStringLiteral("lastPollResult")).toString(), QStringLiteral("ok"));
        QCOMPARE(status.value(QStringLiteral("offeredActionId")).toInt(), action);
        QCOMPARE(status.value(QStringLiteral("running")).toBool(), false);
        QCOMPARE(status.value(QStringLiteral("enrolled")).toBool(), true);
    }

    void stopCutsATransferAndTheNextStartResumes()
    {
        TestInstaller installer;
        auto o = options();
        o.lowSpeedBytesPerSecond = 1;
        DdiClient client(o, &installer);
        m_server->injectFault(Fault::SlowDownload, 1, 20000);
        // (Action ids start at 1 on a fresh server: the staging folder below is staging/1.)
        const auto a = bundle(400000);
        QVERIFY(m_server->assign(kController.toStdString(), a) > 0);
        client.start();
        QTRY_VERIFY_WITH_TIMEOUT(m_server->artifactRequests() >= 1, 10000);
        // Some of it has arrived (the whole would take 20 s at this speed) …
        const std::filesystem::path part = o.stateDir / "staging" / "1" / "catalog-2026.12.1.bundle.part";
        QTRY_VERIFY_WITH_TIMEOUT(std::filesystem::exists(part) && std::filesystem::file_size(part) > 0, 10000);
        QElapsedTimer t;
        t.start();
        client.stop();
        // … and stop() does not wait for the rest (a generous bound: the machine may be busy).
        QVERIFY2(t.elapsed() < 10000, qPrintable(QString::number(t.elapsed())));
        QCOMPARE(installer.installs, 0);
        DdiClient again(o, &installer);
        QVERIFY(again.pollOnce());
        QCOMPARE(installer.installs, 1);
        QVERIFY(installer.contents.at("catalog-2026.12.1.bundle") == a.chunks[0].artifacts[0].content);
        const auto ranges = m_server->rangeHeaders();
        QVERIFY2(QString::fromStdString(ranges.at(1)).contains(QRegularExpression(QStringLiteral("^bytes=[1-9][0-9]*-$"))), ranges.at(1).c_str());
    }
};

QTEST_GUILESS_MAIN(TestDdiClient)
#include "tst_ddiclient.moc"
