// SPDX-License-Identifier: GPL-3.0-or-later
// The bundles the fleet puts in force take effect (docs/fleet.md, "When a bundle takes effect"),
// with real signed bundles in a real state folder: a staffPin bundle opens the staff pad at once
// (and the old PIN no longer does); config and platforms bundles restart the app, which then runs
// with the config file merged with the bundle's keys and the bundle's platforms, their
// certificates in the bundle's folder; a config bundle setting stateDir or fleet, and platforms
// paths leaving the bundle, are refused with the reason; a merged configuration that does not
// parse leaves the file's, the start unconfirmed, and the bundle is rolled back.
#include "kiosk/fleet/bundlesinforce.h"
#include "kiosk/fleet/commandhost.h"
#include "kiosk/fleet/fleetservice.h"
#include "kiosk/kioskapp.h"
#include "kiosk/session/clock.h"
#include "kiosk/session/session.h"
#include "kiosk/session/staffgate.h"
#include "kiosk/session/staffpin.h"
#include "services/fleet/bundle.h"
#include "services/fleet/bundlestore.h"
#include "services/fleet/ddiclient.h"
#include "services/simulation/ddiserver.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace kiosk;
using namespace kiosk::fleet;
using bundle::Kind;

namespace {

const QString kCreated = QStringLiteral("2026-12-01T20:00:00Z");

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

simulation::DdiServer::Chunk chunk(const QByteArray &bundleFile, const std::string &name, const std::string &version)
{
    simulation::DdiServer::Chunk c;
    c.part = "bundle";
    c.name = name;
    c.version = version;
    c.artifacts.push_back({name + "-" + version + ".bundle", bundleFile.toStdString(), false});
    return c;
}

// Stand-ins for certificates: the terminal stores and names them; the TLS clients read them.
const QByteArray kCaPem = "-----BEGIN CERTIFICATE-----\nMIIBhall-ca\n-----END CERTIFICATE-----\n";
const QByteArray kClientPem = "-----BEGIN CERTIFICATE-----\nMIIBhall-client\n-----END CERTIFICATE-----\n";
const QByteArray kPlatforms = R"([{"id":"hall","host":"hall.city.example","caFile":"hall-ca.pem",)"
                              R"("clientCertificateFile":"hall-client.pem","clientKeyFile":"/etc/kiosk/hall-client.key",)"
                              R"("signingKeyFile":"/etc/kiosk/hall-signing.key"}])";

} // namespace

class TestBundlesInForce : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::optional<bundle::PrivateKey> m_key;
    QString m_oldPin = QStringLiteral("135791");
    QString m_newPin = QStringLiteral("864202");
    QString m_oldHash;
    QString m_newHash;

    /** A terminal provisioned with a config file in @p name/ (relative paths, as shipped). */
    Config provision(const QString &name, const QByteArray &extra = {}) const
    {
        const QString dir = m_dir.filePath(name);
        QDir().mkpath(dir);
        QFile::copy(m_dir.filePath(QStringLiteral("bundle-keys.json")), QDir(dir).filePath(QStringLiteral("bundle-keys.json")));
        const QByteArray json = QStringLiteral(R"({"terminalId":"T-BIF-1","centerName":"测试中心","idleTimeoutSeconds":90,)"
                                               R"("elderIdleTimeoutSeconds":300,"queue":{"capMegabytes":64},"catalog":"%1",)"
                                               R"("stateDir":"%2","staffPinHash":"%3","fleet":{"bundleKeys":"bundle-keys.json"}%4})")
                                    .arg(QStringLiteral(KIOSK_TEST_DATA_DIR "/catalog-small.json"), QDir(dir).filePath(QStringLiteral("state")), m_oldHash,
                                         QString::fromUtf8(extra))
                                    .toUtf8();
        writeFile(QDir(dir).filePath(QStringLiteral("config.json")), json);
        return load(name);
    }
    Config load(const QString &name) const
    {
        QString why;
        auto c = Config::fromFile(m_dir.filePath(name + QStringLiteral("/config.json")), &why);
        if (!c)
            qWarning("%s", qPrintable(why));
        c->simulate = true;
        return *c;
    }

    QByteArray sign(Kind kind, const QString &version, const std::vector<bundle::File> &files) const
    {
        QString why;
        const QByteArray b = bundle::makeBundle(*m_key, kind, version, kCreated, files, &why);
        if (b.isEmpty())
            qWarning("%s", qPrintable(why));
        return b;
    }
    /** The signed bundle written to a file, as the fleet client stages it. */
    std::filesystem::path signedFile(Kind kind, const QString &version, const std::vector<bundle::File> &files) const
    {
        const QString path = m_dir.filePath(QStringLiteral("%1-%2-%3.bundle").arg(bundle::kindId(kind), version).arg(qHash(files.front().data)));
        writeFile(path, sign(kind, version, files));
        return path.toStdString();
    }

    /** The app's validators (the config merged onto the file, the PIN's hash). */
    static BundleInstaller::Validators validators(const Config &file)
    {
        BundleInstaller::Validators v;
        v.config = [file](const QByteArray &json) {
            QString e;
            return mergeConfig(file, json, &e) ? QString() : e;
        };
        v.staffPinHash = [](const QString &hash) {
            QString e;
            return staffpin::isValidHash(hash, &e) ? QString() : e;
        };
        return v;
    }
    static std::unique_ptr<BundleStore> openStore(const Config &c)
    {
        BundleStore::Options o;
        o.stateDir = c.stateDir.toStdString();
        o.trustedKeysFile = c.fleet.bundleKeysFile.toStdString();
        auto store = std::make_unique<BundleStore>(o);
        QString why;
        if (!store->open(&why))
            qWarning("%s", qPrintable(why));
        return store;
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
        QVERIFY(writeFile(m_dir.filePath(QStringLiteral("bundle-keys.json")), bundle::encodeKeySet(set)));
        m_oldHash = staffpin::hashPin(m_oldPin, staffpin::kMinIterations);
        m_newHash = staffpin::hashPin(m_newPin, staffpin::kMinIterations);
    }

    void aStaffPinBundleOpensThePadAtOnceAndAfterARestart()
    {
        const Config file = provision(QStringLiteral("pin"));
        {
            KioskApp app(file, std::make_unique<ManualClock>());
            app.loadCatalog();
            app.startFleet();
            FleetService *fleet = app.fleet();
            simulation::DdiServer *server = fleet->simulatedServer();
            QVERIFY(server);
            const std::string id = fleet->controllerId().toStdString();
            QVERIFY(app.session()->screen() == Session::Screen::Attract);
            simulation::DdiServer::Assignment a;
            a.chunks.push_back(chunk(sign(Kind::StaffPin, QStringLiteral("1"), {{QStringLiteral("staffPinHash"), m_newHash.toLatin1() + '\n'}}), "staffPin", "1"));
            const int action = server->assign(id, a);
            fleet->pollNow();
            QTRY_COMPARE_WITH_TIMEOUT(server->actionState(action), std::string("finished"), 15000);
            // Live: the pad takes the bundle's PIN, not the file's; no restart for a PIN.
            QTRY_COMPARE_WITH_TIMEOUT(app.config().staffPinHash, m_newHash, 5000);
            QVERIFY(!app.config().demoStaffPin);
            StaffGate *pad = app.session()->staffPad();
            QVERIFY(pad->check(m_newPin));
            QVERIFY(!pad->check(m_oldPin));
            QVERIFY(!app.commandHost()->restartRequested());
        }
        // The next start: the bundle's PIN from the start (once the pause after the wrong PIN is over).
        auto clock = std::make_unique<ManualClock>();
        ManualClock *mc = clock.get();
        KioskApp app(file, std::move(clock));
        QCOMPARE(app.config().staffPinHash, m_newHash);
        mc->advance(60'000);
        app.session()->staffPad()->poll();
        QVERIFY(app.session()->staffPad()->check(m_newPin));
        QVERIFY(!app.session()->staffPad()->check(m_oldPin));
    }

    void configAndPlatformsBundlesRestartAndThenRunMerged()
    {
        const Config file = provision(QStringLiteral("restart"));
        QVERIFY(file.platforms.empty());
        {
            KioskApp app(file, std::make_unique<ManualClock>());
            app.loadCatalog();
            app.startFleet();
            FleetService *fleet = app.fleet();
            simulation::DdiServer *server = fleet->simulatedServer();
            QVERIFY(server);
            const std::string id = fleet->controllerId().toStdString();
            simulation::DdiServer::Assignment a;
            a.chunks.push_back(chunk(sign(Kind::Config, QStringLiteral("2026.12.1"), {{QStringLiteral("config.json"), R"({"idleTimeoutSeconds":120})"}}),
                                     "config", "2026.12.1"));
            a.chunks.push_back(chunk(sign(Kind::Platforms, QStringLiteral("3"),
                                          {{QStringLiteral("platforms.json"), kPlatforms},
                                           {QStringLiteral("hall-ca.pem"), kCaPem},
                                           {QStringLiteral("hall-client.pem"), kClientPem}}),
                                     "platforms", "3"));
            const int action = server->assign(id, a);
            fleet->pollNow();
            QTRY_COMPARE_WITH_TIMEOUT(server->actionState(action), std::string("finished"), 15000);
            // Built once at start: the app restarts once the result is reported (--simulate logs it).
            QTRY_VERIFY_WITH_TIMEOUT(app.commandHost()->restartRequested(), 5000);
            QCOMPARE(app.config().idleTimeoutSeconds, 90);
            QVERIFY(app.config().platforms.empty());
        }
        // After the restart: the file's configuration with the bundle's key replacing the file's.
        auto clock = std::make_unique<ManualClock>();
        ManualClock *mc = clock.get();
        KioskApp app(file, std::move(clock));
        const Config &c = app.config();
        QCOMPARE(c.idleTimeoutSeconds, 120);
        QCOMPARE(c.terminalId, QStringLiteral("T-BIF-1"));
        QCOMPARE(c.centerName, QStringLiteral("测试中心"));
        QCOMPARE(c.queue.capMegabytes, 64);
        QCOMPARE(c.elderIdleTimeoutSeconds, 300);
        QCOMPARE(c.staffPinHash, m_oldHash);
        QCOMPARE(c.stateDir, file.stateDir);
        QCOMPARE(c.fleet.bundleKeysFile, file.fleet.bundleKeysFile);
        QCOMPARE(c.catalogPath, file.catalogPath);
        QVERIFY(c.simulate);
        // The session runs with it: 100 s idle is no longer past the timeout.
        app.session()->start();
        mc->advance(100'000);
        app.session()->poll();
        QVERIFY(!app.session()->idleWarning());
        // The platforms are the bundle's, their certificates in the bundle's folder.
        const auto dir = app.bundles()->currentPath(Kind::Platforms);
        QVERIFY(dir);
        const QString folder = QString::fromStdString(dir->string());
        QCOMPARE(c.platforms.size(), std::size_t(1));
        QCOMPARE(c.platforms[0].id, QStringLiteral("hall"));
        QCOMPARE(c.platforms[0].host, QStringLiteral("hall.city.example"));
        QCOMPARE(c.platforms[0].caFile, QDir(folder).filePath(QStringLiteral("hall-ca.pem")));
        QCOMPARE(c.platforms[0].clientCertificateFile, QDir(folder).filePath(QStringLiteral("hall-client.pem")));
        QCOMPARE(c.platforms[0].clientKeyFile, QStringLiteral("/etc/kiosk/hall-client.key"));
        QCOMPARE(c.platforms[0].signingKeyFile, QStringLiteral("/etc/kiosk/hall-signing.key"));
        QFile ca(c.platforms[0].caFile);
        QVERIFY(ca.open(QIODevice::ReadOnly));
        QCOMPARE(ca.readAll(), kCaPem);
        QVERIFY(!app.commandHost()->restartRequested());
    }

    void refusedBundlesChangeNothing()
    {
        const Config file = provision(QStringLiteral("refused"), R"(,"elderWarningSeconds":40)");
        auto store = openStore(file);
        BundleInstaller installer(store.get(), validators(file));
        const InstallResult first = installer.installFiles({signedFile(Kind::Config, QStringLiteral("1"), {{QStringLiteral("config.json"), R"({"popularCount":4})"}})});
        QVERIFY2(first.ok, qPrintable(first.reason));
        const struct {
            Kind kind;
            std::vector<bundle::File> files;
            QString reason;
        } cases[] = {
            {Kind::Config, {{QStringLiteral("config.json"), R"({"popularCount":5,"stateDir":"/tmp/elsewhere"})"}}, QStringLiteral("may not set \"stateDir\"")},
            {Kind::Config, {{QStringLiteral("config.json"), "{\"fleet\":{\"server\":\"https:\\/\\/other.example/T/controller/v1/\",\"caFile\":\"/etc/ca.pem\"}}"}},
             QStringLiteral("may not set \"fleet\": a wrong server")},
            // Good alone, but merged onto the file (elder warning 40 s) elder mode would be shorter: refused.
            {Kind::Config, {{QStringLiteral("config.json"), R"({"idleWarningSeconds":50})"}}, QStringLiteral("elder mode must give at least as much time")},
            {Kind::Platforms, {{QStringLiteral("platforms.json"), R"([{"id":"hall","host":"h.example","caFile":"../../config/ca.pem"}])"}},
             QStringLiteral("\"caFile\" \"../../config/ca.pem\" leaves the bundle's folder")},
            {Kind::Platforms, {{QStringLiteral("platforms.json"), R"([{"id":"hall","host":"h.example","caFile":"certs/ca.pem"}])"}},
             QStringLiteral("\"caFile\" \"certs/ca.pem\" leaves the bundle's folder")},
            {Kind::Platforms, {{QStringLiteral("platforms.json"), R"([{"id":"hall","host":"h.example","caFile":"/etc/kiosk/../../root/ca.pem"}])"}},
             QStringLiteral("\"caFile\" must not contain \"..\"")},
            {Kind::Platforms, {{QStringLiteral("platforms.json"), R"([{"id":"hall","host":"h.example","caFile":"hall-ca.pem"}])"}},
             QStringLiteral("names hall-ca.pem, which the bundle does not carry")},
            {Kind::Platforms,
             {{QStringLiteral("platforms.json"), R"([{"id":"hall","host":"h.example","caFile":"hall-ca.pem","clientCertificateFile":"c.pem","clientKeyFile":"c.key"}])"},
              {QStringLiteral("hall-ca.pem"), kCaPem}, {QStringLiteral("c.pem"), kClientPem}, {QStringLiteral("c.key"), "-----BEGIN PRIVATE KEY-----\nMC4\n-----END PRIVATE KEY-----\n"}},
             QStringLiteral("c.key holds a private key")},
            {Kind::Platforms,
             {{QStringLiteral("platforms.json"), R"([{"id":"hall","host":"h.example","caFile":"hall-ca.pem","signingKeyFile":"hall.key"}])"}, {QStringLiteral("hall-ca.pem"), kCaPem}},
             QStringLiteral("\"signingKeyFile\" must be an absolute path on the terminal")},
            {Kind::Config, {{QStringLiteral("config.json"), "{}"}, {QStringLiteral("extra.pem"), kCaPem}}, QStringLiteral("a config bundle carries config.json only")},
        };
        int n = 2;
        for (const auto &t : cases) {
            const InstallResult r = installer.installFiles({signedFile(t.kind, QString::number(n++), t.files)});
            QVERIFY2(!r.ok, qPrintable(t.reason));
            QVERIFY2(r.reason.contains(t.reason), qPrintable(r.reason));
        }
        QCOMPARE(store->state(Kind::Config).current, QStringLiteral("1"));
        QVERIFY(!store->currentPath(Kind::Platforms));
        const ConfigInForce f = configInForce(file, *store);
        QVERIFY(f.confirmable);
        QCOMPARE(f.config.popularCount, 4);
        QCOMPARE(f.config.stateDir, file.stateDir);
        QVERIFY(f.config.platforms.empty());
    }

    void aMergedConfigThatFailsIsRolledBack()
    {
        Config file = provision(QStringLiteral("rollback"));
        {
            auto store = openStore(file);
            BundleInstaller installer(store.get(), validators(file));
            const InstallResult r = installer.installFiles({signedFile(Kind::Config, QStringLiteral("7"), {{QStringLiteral("config.json"), R"({"idleTimeoutSeconds":200})"}})});
            QVERIFY2(r.ok, qPrintable(r.reason)); // 200 ≤ the file's elder 300
        }
        // A technician shortens elder mode in the file: merged, elder (180) < normal (200).
        const QString path = m_dir.filePath(QStringLiteral("rollback/config.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray edited = f.readAll().replace("\"elderIdleTimeoutSeconds\":300", "\"elderIdleTimeoutSeconds\":180");
        f.close();
        QVERIFY(writeFile(path, edited));
        file = load(QStringLiteral("rollback"));
        QCOMPARE(file.elderIdleTimeoutSeconds, 180);
        {
            auto store = openStore(file);
            const ConfigInForce in = configInForce(file, *store);
            QVERIFY(!in.confirmable);
            QCOMPARE(in.problems.size(), qsizetype(1));
            QVERIFY2(in.problems.front().contains(QLatin1String("config 7 cannot be used")) && in.problems.front().contains(QLatin1String("elder mode")),
                     qPrintable(in.problems.front()));
            QCOMPARE(in.config.idleTimeoutSeconds, 90);
        }
        // Two starts with a first frame each: the file's configuration, and no confirmation.
        for (int start = 0; start < 2; ++start) {
            KioskApp app(file, std::make_unique<ManualClock>());
            QCOMPARE(app.config().idleTimeoutSeconds, 90);
            QCOMPARE(app.config().elderIdleTimeoutSeconds, 180);
            QCOMPARE(app.bundles()->state(Kind::Config).current, QStringLiteral("7"));
            app.confirmStarted();
            QVERIFY(app.bundles()->state(Kind::Config).pending);
        }
        // The third start: rolled back to the terminal's own file.
        KioskApp app(file, std::make_unique<ManualClock>());
        QVERIFY(app.bundles()->state(Kind::Config).current.isEmpty());
        QCOMPARE(app.bundles()->state(Kind::Config).highest, QStringLiteral("7"));
        QCOMPARE(app.config().idleTimeoutSeconds, 90);
        app.confirmStarted();
    }
};

QTEST_MAIN(TestBundlesInForce)
#include "tst_bundlesinforce.moc"
