// SPDX-License-Identifier: GPL-3.0-or-later
// The terminal in its fleet, end to end: the kiosk (--simulate) enrols with the simulated DDI
// server, reports its attributes (nothing personal), and takes a signed catalog bundle only on
// the attract screen — the new catalog is in force at once; a tampered one is refused with the
// reason and changes nothing; a bundle swapped in that never reaches a first frame is rolled back.
#include "kiosk/fleet/fleetservice.h"
#include "kiosk/kioskapp.h"
#include "kiosk/session/session.h"
#include "services/catalog/catalogstore.h"
#include "services/fleet/bundle.h"
#include "services/fleet/bundlestore.h"
#include "services/fleet/ddiclient.h"
#include "services/simulation/ddiserver.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

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

simulation::DdiServer::Assignment carrying(const QByteArray &bundleFile, const QString &version)
{
    simulation::DdiServer::Assignment a;
    simulation::DdiServer::Chunk c;
    c.part = "bundle";
    c.name = "catalog";
    c.version = version.toStdString();
    c.artifacts.push_back({"catalog-" + version.toStdString() + ".bundle", bundleFile.toStdString(), false});
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

    Config config() const
    {
        Config c;
        c.simulate = true;
        c.terminalId = QStringLiteral("T-FLEET-1");
        c.stateDir = m_dir.filePath(QStringLiteral("state"));
        c.catalogPath = QStringLiteral(KIOSK_TEST_DATA_DIR "/catalog-small.json");
        c.fleet.bundleKeysFile = m_keys;
        return c;
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
};

QTEST_MAIN(TestFleetService)
#include "tst_fleetservice.moc"
