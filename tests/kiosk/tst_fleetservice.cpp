// SPDX-License-Identifier: GPL-3.0-or-later
// The terminal in its fleet, end to end: the kiosk (--simulate) enrols with the simulated DDI
// server, reports its attributes (nothing personal), and takes a signed catalog bundle only on
// the attract screen — the new catalog is in force at once; a tampered one is refused with the
// reason and changes nothing; a bundle swapped in that never reaches a first frame is rolled back;
// a signed commands bundle runs its commands on the real (simulated) parts, reports each result,
// and is never run twice.
#include "devices/devicemanager.h"
#include "devices/simulator/simulatedprinter.h"
#include "devices/simulator/simulatorconsole.h"
#include "kiosk/fleet/fleetservice.h"
#include "kiosk/kioskapp.h"
#include "kiosk/session/session.h"
#include "services/catalog/catalogstore.h"
#include "services/fleet/bundle.h"
#include "services/fleet/bundlestore.h"
#include "services/fleet/ddiclient.h"
#include "kiosk/session/staffpin.h"
#include "services/fleet/enrolment.h"
#include "services/simulation/ddiserver.h"
#include "services/simulation/devpki.h"

#include <QDir>
#include <QFile>
#include <QScopeGuard>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QTime>

#include <sys/stat.h>

using namespace kiosk;
using namespace kiosk::fleet;

namespace {

QByteArray catalogVersion(const QString &version)
{
    QFile f(QStringLiteral(KIOSK_TEST_DATA_DIR "/catalog-small.json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
    o[QStringLiteral("version")] = version;
    return QJsonDocument(o).toJson();
}

simulation::DdiServer::Assignment carrying(const QByteArray &bundleFile, const QString &version, const std::string &name = "catalog")
{
    simulation::DdiServer::Assignment a;
    simulation::DdiServer::Chunk c;
    c.part = "bundle";
    c.name = name;
    c.version = version.toStdString();
    c.artifacts.push_back({name + "-" + version.toStdString() + ".bundle", bundleFile.toStdString(), false});
    a.chunks.push_back(c);
    return a;
}

} // namespace

class TestFleetService : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::optional<bundle::PrivateKey> m_key;
    QString m_keys;

    Config config(const QString &state = QStringLiteral("state")) const
    {
        Config c;
        c.simulate = true;
        c.terminalId = QStringLiteral("T-FLEET-1");
        c.stateDir = m_dir.filePath(state);
        c.catalogPath = QStringLiteral(KIOSK_TEST_DATA_DIR "/catalog-small.json");
        c.fleet.bundleKeysFile = m_keys;
        return c;
    }

    QByteArray signedCommands(const QString &version, const QByteArray &json) const
    {
        QString why;
        const QByteArray b = bundle::makeBundle(*m_key, bundle::Kind::Commands, version, QStringLiteral("2026-12-01T20:00:00Z"),
                                                {{QStringLiteral("commands.json"), json}}, &why);
        if (b.isEmpty())
            qWarning("%s", qPrintable(why));
        return b;
    }

    QByteArray signedCatalog(const QString &version) const
    {
        QString why;
        const QByteArray b = bundle::makeBundle(*m_key, bundle::Kind::Catalog, version, QStringLiteral("2026-12-01T20:00:00Z"),
                                                {{QStringLiteral("catalog.json"), catalogVersion(version)}}, &why);
        if (b.isEmpty())
            qWarning("%s", qPrintable(why));
        return b;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString why;
        m_key = bundle::generateKey(bundle::Algorithm::Ed25519, &why);
        QVERIFY2(m_key, qPrintable(why));
        bundle::KeySet set;
        set.keys.push_back(bundle::publicKeyOf(*m_key));
        m_keys = m_dir.filePath(QStringLiteral("bundle-keys.json"));
        QFile f(m_keys);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bundle::encodeKeySet(set));
    }

    void enrolsReportsAndTakesABundleOnTheAttractScreen()
    {
        KioskApp app(config());
        app.loadCatalog();
        app.startFleet();
        FleetService *fleet = app.fleet();
        QVERIFY(fleet->enrolled());
        simulation::DdiServer *server = fleet->simulatedServer();
        QVERIFY(server);
        const std::string id = fleet->controllerId().toStdString();
        QCOMPARE(id, std::string("T-FLEET-1"));
        QTRY_VERIFY_WITH_TIMEOUT(server->configDataPuts(id) >= 1, 10000);
        const auto attributes = server->configData(id);
        QCOMPARE(attributes.at("catalogVersion"), std::string("test-1"));
        QCOMPARE(attributes.at("softwareVersion"), std::string(KIOSK_VERSION));
        QVERIFY(attributes.count("printer.status"));
        QVERIFY(attributes.count("queue.pending"));
        for (const auto &[k, v] : attributes) // nothing that looks like an ID number or a name
            QVERIFY2(!QString::fromStdString(v).contains(QRegularExpression(QStringLiteral("\\d{17}[\\dX]"))), k.c_str());

        // A visit is under way: the bundle is downloaded but waits for the attract screen.
        app.session()->start();
        QVERIFY(app.session()->screen() != Session::Screen::Attract);
        const int action = server->assign(id, carrying(signedCatalog(QStringLiteral("2026.12.1")), QStringLiteral("2026.12.1")));
        fleet->pollNow();
        QTRY_COMPARE_WITH_TIMEOUT(fleet->client()->status().actionStage, QStringLiteral("waiting for the attract screen"), 10000);
        QCOMPARE(app.catalogStore()->catalog().version, QStringLiteral("test-1"));
        QCOMPARE(server->actionState(action), std::string("running"));

        // The visit ends: applied, and the new catalog is in force at once.
        app.session()->reset();
        QTRY_COMPARE_WITH_TIMEOUT(server->actionState(action), std::string("finished"), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(app.catalogStore()->catalog().version, QStringLiteral("2026.12.1"), 5000);
        QCOMPARE(app.bundles()->state(bundle::Kind::Catalog).current, QStringLiteral("2026.12.1"));

        // A tampered bundle: refused with the reason, nothing changes.
        QByteArray tampered = signedCatalog(QStringLiteral("2026.12.2"));
        tampered.replace(QByteArray("测试市"), QByteArray("别的市"));
        const int bad = server->assign(id, carrying(tampered, QStringLiteral("2026.12.2")));
        fleet->pollNow();
        QTRY_COMPARE_WITH_TIMEOUT(server->actionState(bad), std::string("error"), 10000);
        const auto feedback = server->feedback(id);
        QVERIFY(!feedback.empty() && !feedback.back().details.empty());
        QVERIFY2(QString::fromStdString(feedback.back().details.front()).contains(QLatin1String("SHA-256"), Qt::CaseInsensitive)
                     || QString::fromStdString(feedback.back().details.front()).contains(QLatin1String("signature")),
                 feedback.back().body.c_str());
        QCOMPARE(app.catalogStore()->catalog().version, QStringLiteral("2026.12.1"));
        QCOMPARE(app.bundles()->state(bundle::Kind::Catalog).current, QStringLiteral("2026.12.1"));
    }

    /**
     * A new terminal on site: the enrolment file beside the configuration at first start, then a
     * QR code scanned on the maintenance page, then a one-time code — each checked with the fleet
     * server (a loopback DDI server with its own test CA) before it is taken. The operator's keys
     * come with the enrolment: a bundle signed with them is taken though no key set is configured.
     */
    void enrolsOnSiteByFileQrAndCode()
    {
        std::string error;
        auto pki = simulation::DevPki::open(m_dir.filePath(QStringLiteral("enrol-pki")).toStdString(), "enrol", &error);
        QVERIFY2(pki, error.c_str());
        auto cert = pki->issue("ddi", {.commonName = "127.0.0.1"}, &error);
        QVERIFY2(cert, error.c_str());
        simulation::DdiServer::Options so;
        so.certificateFile = cert->certificateFile;
        so.keyFile = cert->keyFile;
        so.targetToken = "enrol-test-token-0123456789";
        so.maxThreads = 2;
        simulation::DdiServer server(so);
        QVERIFY2(server.start(&error), error.c_str());
        const auto enrolmentFor = [&](const QString &controller, const QString &token = QStringLiteral("enrol-test-token-0123456789")) {
            enrolment::Enrolment e;
            e.server = QString::fromStdString(server.baseUrl());
            e.controllerId = controller;
            QFile ca(QString::fromStdString(pki->caFile()));
            ca.open(QIODevice::ReadOnly);
            e.caPem = ca.readAll();
            e.targetToken = token;
            QFile keys(m_keys);
            keys.open(QIODevice::ReadOnly);
            e.keySet = keys.readAll();
            return enrolment::encode(e);
        };
        Config c = config(QStringLiteral("enrol-state"));
        c.fleet.bundleKeysFile.clear(); // the keys come with the enrolment
        c.fleet.enrolmentUrl = QString::fromStdString(server.enrolmentUrl());
        c.fleet.enrolmentCaFile = QString::fromStdString(pki->caFile());
        c.fleet.enrolmentFile = m_dir.filePath(QStringLiteral("enrolment.json"));
        c.technicianPinHash = staffpin::demoTechnicianHash();
        {
            QFile f(c.fleet.enrolmentFile);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(enrolmentFor(QStringLiteral("T-ENROL-1")));
        }
        const enrolment::EnrolmentStore store(std::filesystem::path(c.stateDir.toStdString()));
        // A credential for the image's own fleet server is there too: an enrolment's token wins over it.
        const QString creds = m_dir.filePath(QStringLiteral("enrol-credentials"));
        QVERIFY(QDir().mkpath(creds));
        QFile::setPermissions(creds, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        {
            QFile f(QDir(creds).filePath(QStringLiteral("fleet.target-token")));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("stale-credential-token-000");
            f.close();
            QVERIFY(f.setPermissions(QFileDevice::ReadOwner));
        }
        qputenv("CREDENTIALS_DIRECTORY", QFile::encodeName(creds));
        const auto unsetCredentials = qScopeGuard([] { qunsetenv("CREDENTIALS_DIRECTORY"); });
        {
            KioskApp app(c);
            app.loadCatalog();
            app.startDevices();
            app.startFleet();
            FleetService *fleet = app.fleet();
            QTRY_VERIFY_WITH_TIMEOUT(fleet->enrolled() && !fleet->enrolling(), 15000);
            QVERIFY2(!fleet->enrolmentFailed(), qPrintable(fleet->enrolmentResult()));
            QCOMPARE(store.load()->source, QStringLiteral("file"));
            QTRY_VERIFY_WITH_TIMEOUT(server.polls("T-ENROL-1") >= 2, 10000); // the probe, then the client
            QVERIFY(!fleet->simulatedServer());

            // A bundle signed with the enrolment's operator key is trusted.
            const int action = server.assign("T-ENROL-1", carrying(signedCatalog(QStringLiteral("2026.12.5")), QStringLiteral("2026.12.5")));
            fleet->pollNow();
            QTRY_COMPARE_WITH_TIMEOUT(server.actionState(action), std::string("finished"), 15000);

            // A QR code scanned outside the maintenance menu is ignored.
            devices::sim::SimulatorConsole *sim = app.devices()->simulator();
            const QString qr2 = enrolment::toQrText(enrolmentFor(QStringLiteral("T-ENROL-2")));
            app.session()->start();
            sim->scanCode(qr2);
            QTest::qWait(1500);
            QCOMPARE(store.load()->controllerId, QStringLiteral("T-ENROL-1"));
            // On the maintenance page: one with a token the server refuses keeps the enrolment ...
            QVERIFY(app.session()->unlockStaff(staffpin::demoTechnicianPin()));
            QCOMPARE(app.session()->screen(), Session::Screen::Maintenance);
            sim->scanCode(enrolment::toQrText(enrolmentFor(QStringLiteral("T-ENROL-2"), QStringLiteral("not-the-token-000000"))));
            QTRY_VERIFY_WITH_TIMEOUT(fleet->enrolmentFailed(), 15000);
            QVERIFY2(fleet->enrolmentResult().contains(QLatin1String("token")), qPrintable(fleet->enrolmentResult()));
            QCOMPARE(store.load()->controllerId, QStringLiteral("T-ENROL-1"));
            // ... the right one is taken, and the client polls as the new controller.
            sim->scanCode(qr2);
            QTRY_COMPARE_WITH_TIMEOUT(store.load()->controllerId, QStringLiteral("T-ENROL-2"), 15000);
            QTRY_VERIFY_WITH_TIMEOUT(!fleet->enrolling() && fleet->controllerId() == QLatin1String("T-ENROL-2"), 15000);
            QTRY_VERIFY_WITH_TIMEOUT(server.polls("T-ENROL-2") >= 2, 10000);
            QCOMPARE(store.load()->source, QStringLiteral("qr"));

            // A one-time code: the file is fetched, checked against the code, taken.
            const QByteArray third = enrolmentFor(QStringLiteral("T-ENROL-3"));
            const auto code = enrolment::makeCode(QStringLiteral("Q3Z9"), third);
            server.publishEnrolment("Q3Z9", third.toStdString());
            fleet->enrolWithCode(code.text().toLower());
            QTRY_COMPARE_WITH_TIMEOUT(store.load()->controllerId, QStringLiteral("T-ENROL-3"), 15000);
            QTRY_VERIFY_WITH_TIMEOUT(server.polls("T-ENROL-3") >= 2, 10000);
            QCOMPARE(server.enrolmentFetches(), 1);
            // Used: the same code again finds nothing, and the enrolment stays.
            fleet->enrolWithCode(code.text());
            QTRY_VERIFY_WITH_TIMEOUT(fleet->enrolmentFailed(), 15000);
            QCOMPARE(store.load()->controllerId, QStringLiteral("T-ENROL-3"));
            app.session()->reset();
        }
        // After a restart: enrolled from the store at once; the first-boot file is not taken again.
        KioskApp again(c);
        again.loadCatalog();
        again.startFleet();
        QVERIFY(again.fleet()->enrolled());
        QCOMPARE(again.fleet()->controllerId(), QStringLiteral("T-ENROL-3"));
        QTest::qWait(500);
        QCOMPARE(store.load()->controllerId, QStringLiteral("T-ENROL-3"));
    }

    /** A local maintenance window that is closed holds a deployment on the attract screen, and says so. */
    void aClosedLocalWindowHoldsTheUpdateAndSaysSo()
    {
        KioskApp app(config(QStringLiteral("window-state")));
        app.loadCatalog();
        app.startFleet();
        FleetService *fleet = app.fleet();
        simulation::DdiServer *server = fleet->simulatedServer();
        QVERIFY(server);
        const QTime now = QTime::currentTime();
        const auto minute = [](const QTime &t) { return t.hour() * 60 + t.minute(); };
        // Opens in two hours, for an hour.
        QCOMPARE(fleet->setLocalWindow(commands::Window{minute(now.addSecs(7200)), minute(now.addSecs(10800))}), QString());
        const int action = server->assign(fleet->controllerId().toStdString(), carrying(signedCatalog(QStringLiteral("2026.12.7")), QStringLiteral("2026.12.7")));
        fleet->pollNow();
        QTRY_COMPARE_WITH_TIMEOUT(fleet->client()->status().actionStage, QStringLiteral("waiting for the attract screen"), 10000);
        QCOMPARE(app.session()->screen(), Session::Screen::Attract);
        fleet->refresh();
        QVERIFY2(fleet->actionText().contains(QLatin1String("local maintenance window")), qPrintable(fleet->actionText()));
        QCOMPARE(server->actionState(action), std::string("running"));
        // The window is moved to now: applied at once.
        QCOMPARE(fleet->setLocalWindow(commands::Window{minute(now.addSecs(-3600)), minute(now.addSecs(3600))}), QString());
        QTRY_COMPARE_WITH_TIMEOUT(server->actionState(action), std::string("finished"), 10000);
    }

    void aBundleThatNeverStartsIsRolledBack()
    {
        // The catalog bundle of the last test was swapped in while running: two starts that never
        // reach a first frame, and the third start is back to the terminal's own catalog.
        for (int start = 0; start < 2; ++start) {
            KioskApp app(config());
            app.loadCatalog();
            QCOMPARE(app.catalogStore()->catalog().version, QStringLiteral("2026.12.1"));
            // no confirmStarted(): the frame never came
        }
        KioskApp app(config());
        app.loadCatalog();
        QCOMPARE(app.catalogStore()->catalog().version, QStringLiteral("test-1"));
        QVERIFY(app.bundles()->state(bundle::Kind::Catalog).current.isEmpty());
    }

    void aCommandsBundleRunsOnTheTerminalOnce()
    {
        KioskApp app(config(QStringLiteral("commands-state")));
        app.loadCatalog();
        app.startDevices();
        QTRY_COMPARE_WITH_TIMEOUT(app.devices()->printerStatus(), devices::DeviceStatus::Normal, 10000);
        app.startFleet();
        FleetService *fleet = app.fleet();
        simulation::DdiServer *server = fleet->simulatedServer();
        QVERIFY(server);
        const std::string id = fleet->controllerId().toStdString();
        QVERIFY(app.session()->screen() == Session::Screen::Attract);
        const std::size_t printedBefore = app.devices()->simulator()->printer()->receipts().size();
        // A window around now, so this and the next deployments may be applied.
        const QTime now = QTime::currentTime();
        const QString window = QStringLiteral("%1-%2").arg(now.addSecs(-3600).toString(QStringLiteral("HH:mm")), now.addSecs(3600).toString(QStringLiteral("HH:mm")));
        const QByteArray list = QStringLiteral("{\"format\":1,\"commands\":[{\"id\":\"c1\",\"command\":\"self-test\"},"
                                               "{\"id\":\"c2\",\"command\":\"print-test-receipt\"},"
                                               "{\"id\":\"c3\",\"command\":\"set-maintenance-window\",\"window\":\"%1\"}]}")
                                    .arg(window)
                                    .toUtf8();
        const QByteArray v1 = signedCommands(QStringLiteral("1"), list);
        QVERIFY(!v1.isEmpty());
        const int action = server->assign(id, carrying(v1, QStringLiteral("1"), "commands"));
        fleet->pollNow();
        QTRY_COMPARE_WITH_TIMEOUT(server->actionState(action), std::string("finished"), 30000);
        auto closing = [&](int a) {
            for (const auto &f : server->feedback(id))
                if (f.actionId == a && f.execution == "closed")
                    return f;
            return simulation::DdiServer::Feedback{};
        };
        const auto done = closing(action);
        const QStringList details = [&] {
            QStringList l;
            for (const auto &d : done.details)
                l << QString::fromStdString(d);
            return l;
        }();
        QCOMPARE(done.finished, std::string("success"));
        QVERIFY2(details.value(0) == QStringLiteral("commands 1: ran 3 command(s), all ok"), qPrintable(details.join(QLatin1Char('\n'))));
        QVERIFY2(details.contains(QStringLiteral("c1 self-test: ok")), qPrintable(details.join(QLatin1Char('\n'))));
        QVERIFY2(details.contains(QStringLiteral("  receipt printer: normal")), qPrintable(details.join(QLatin1Char('\n'))));
        QVERIFY(details.contains(QStringLiteral("c2 print-test-receipt: ok")));
        QVERIFY(details.contains(QStringLiteral("  test slip printed")));
        QVERIFY(details.contains(QStringLiteral("c3 set-maintenance-window: ok")));
        // The simulated printer printed the slip; the window is in force and kept (0600).
        const auto receipts = app.devices()->simulator()->printer()->receipts();
        QCOMPARE(receipts.size(), printedBefore + 1);
        QVERIFY2(receipts.back().plainText().contains(QLatin1String("TEST-")), qPrintable(receipts.back().plainText()));
        QVERIFY(fleet->localWindow());
        QCOMPARE(fleet->localWindow()->text(), window);
        struct stat st {};
        QCOMPARE(::stat(QFile::encodeName(m_dir.filePath(QStringLiteral("commands-state/fleet/maintenance-window.json"))).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 0777), 0600);
        QCOMPARE(app.bundles()->state(bundle::Kind::Commands).highest, QStringLiteral("1"));

        // The same bundle again: refused by its version, nothing run (no second slip).
        const int again = server->assign(id, carrying(v1, QStringLiteral("1"), "commands"));
        fleet->pollNow();
        QTRY_COMPARE_WITH_TIMEOUT(server->actionState(again), std::string("error"), 30000);
        const auto refused = closing(again);
        QVERIFY2(!refused.details.empty() && QString::fromStdString(refused.details.front()).contains(QLatin1String("already run here")), refused.body.c_str());
        QCOMPARE(app.devices()->simulator()->printer()->receipts().size(), printedBefore + 1);

        // A window that excludes now: the next deployment waits, though the terminal is idle.
        const QString closed = QStringLiteral("%1-%2").arg(now.addSecs(3 * 3600).toString(QStringLiteral("HH:mm")), now.addSecs(4 * 3600).toString(QStringLiteral("HH:mm")));
        const int narrow = server->assign(id, carrying(signedCommands(QStringLiteral("2"),
                                                                      QStringLiteral("{\"format\":1,\"commands\":[{\"id\":\"w\",\"command\":\"set-maintenance-window\",\"window\":\"%1\"}]}")
                                                                          .arg(closed)
                                                                          .toUtf8()),
                                                       QStringLiteral("2"), "commands"));
        fleet->pollNow();
        QTRY_COMPARE_WITH_TIMEOUT(server->actionState(narrow), std::string("finished"), 30000);
        const int waiting = server->assign(id, carrying(signedCommands(QStringLiteral("3"), QByteArray("{\"format\":1,\"commands\":[{\"id\":\"s\",\"command\":\"self-test\"}]}")),
                                                        QStringLiteral("3"), "commands"));
        fleet->pollNow();
        QTRY_COMPARE_WITH_TIMEOUT(fleet->client()->status().actionStage, QStringLiteral("waiting for the attract screen"), 30000);
        QCOMPARE(server->actionState(waiting), std::string("running"));
        QCOMPARE(app.bundles()->state(bundle::Kind::Commands).highest, QStringLiteral("2"));
    }
};

QTEST_MAIN(TestFleetService)
#include "tst_fleetservice.moc"
