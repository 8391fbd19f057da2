// SPDX-License-Identifier: GPL-3.0-or-later
// The bundle store and installer on real files: real OpenSSL keys, a real state folder, the
// terminal's own validators (catalog, forms, kiosk::Config, the staff PIN hash), power cuts
// simulated by stopping between the steps of a swap and opening the store again.
#include "kiosk/config.h"
#include "kiosk/session/staffpin.h"
#include "services/fleet/bundlestore.h"

#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace kiosk::fleet;
using namespace kiosk::fleet::bundle;
namespace fs = std::filesystem;

namespace {

const QString kCreated = QStringLiteral("2026-12-01T09:30:00Z");

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray testData(const char *name)
{
    return readAll(QStringLiteral(KIOSK_TEST_DATA_DIR "/") + QLatin1String(name));
}

BundleInstaller::Validators terminalValidators()
{
    BundleInstaller::Validators v;
    v.config = [](const QByteArray &json) {
        QString error;
        return kiosk::Config::fromJson(json, &error) ? QString() : error;
    };
    v.staffPinHash = [](const QString &hash) {
        QString error;
        return kiosk::staffpin::isValidHash(hash, &error) ? QString() : error;
    };
    return v;
}

int mode(const fs::path &p)
{
    struct stat st {};
    return ::lstat(p.c_str(), &st) == 0 ? int(st.st_mode & 07777) : -1;
}

} // namespace

class TestBundleStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::optional<PrivateKey> m_key;
    fs::path m_keysFile;
    int m_file = 0;

    fs::path stateDir() const { return fs::path(m_dir.path().toStdString()) / "state"; }

    std::unique_ptr<BundleStore> openStore()
    {
        auto s = std::make_unique<BundleStore>(BundleStore::Options{.stateDir = stateDir(), .trustedKeysFile = m_keysFile});
        QString error;
        if (!s->open(&error))
            qWarning() << error;
        return s;
    }

    /** Writes @p bytes as a staged artifact file and returns its path. */
    fs::path stage(const QByteArray &bytes)
    {
        const fs::path p = fs::path(m_dir.path().toStdString()) / ("artifact-" + std::to_string(++m_file) + ".bundle");
        QFile f(QString::fromStdString(p.string()));
        if (f.open(QIODevice::WriteOnly))
            f.write(bytes);
        return p;
    }

    QByteArray make(Kind kind, const QString &version, const QByteArray &data, const PrivateKey *key = nullptr)
    {
        QString why;
        const QByteArray b = makeBundle(key ? *key : *m_key, kind, version, kCreated, {{payloadName(kind), data}}, &why);
        if (b.isEmpty())
            qWarning() << why;
        return b;
    }

    InstallResult installBytes(BundleInstaller &installer, const std::vector<QByteArray> &bundles, ddi::Deployment *deployment = nullptr)
    {
        std::vector<StagedArtifact> staged;
        ddi::Deployment d;
        d.actionId = 7;
        ddi::Chunk chunk{.part = QStringLiteral("bundle"), .name = QStringLiteral("city"), .version = QStringLiteral("1"), .artifacts = {}, .metadata = {}};
        for (const QByteArray &b : bundles) {
            const fs::path p = stage(b);
            staged.push_back({QStringLiteral("bundle"), chunk.name, chunk.version, QString::fromStdString(p.filename().string()), p});
            ddi::Artifact a;
            a.filename = QString::fromStdString(p.filename().string());
            a.size = b.size();
            a.sha256 = sha256Hex(b);
            chunk.artifacts.push_back(a);
        }
        d.chunks.push_back(chunk);
        if (deployment)
            *deployment = d;
        return installer.install(d, staged);
    }

    /** What a refusal must leave untouched: every link, folder and file under the store. */
    QStringList snapshot() const
    {
        QStringList out;
        QDirIterator it(QString::fromStdString((stateDir() / "bundles").string()), QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString p = it.next();
            const QFileInfo fi = it.fileInfo();
            out << p + QLatin1Char(' ') + (fi.isSymLink() ? fi.symLinkTarget() : fi.isFile() ? QString::fromLatin1(sha256Hex(readAll(p))) : QStringLiteral("dir"));
        }
        out.sort();
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_key = generateKey(Algorithm::Ed25519);
        QVERIFY(m_key);
        m_keysFile = fs::path(m_dir.path().toStdString()) / "bundle-keys.json";
        QFile f(QString::fromStdString(m_keysFile.string()));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(encodeKeySet(KeySet{{publicKeyOf(*m_key)}}));
    }

    void init()
    {
        std::error_code ec;
        fs::remove_all(stateDir(), ec);
    }

    void goodBundleEachAlgorithm_data()
    {
        QTest::addColumn<int>("algorithm");
        QTest::newRow("ed25519") << int(Algorithm::Ed25519);
        QTest::newRow("ecdsa-p256-sha256") << int(Algorithm::EcdsaP256);
        QTest::newRow("sm2-sm3") << int(Algorithm::Sm2);
    }
    void goodBundleEachAlgorithm()
    {
        QFETCH(int, algorithm);
        const auto key = generateKey(Algorithm(algorithm));
        QVERIFY(key);
        const fs::path keys = stateDir().parent_path() / "keys-alg.json";
        {
            QFile f(QString::fromStdString(keys.string()));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(encodeKeySet(KeySet{{publicKeyOf(*key)}}));
        }
        BundleStore store({.stateDir = stateDir(), .trustedKeysFile = keys});
        QVERIFY(store.open());
        BundleInstaller installer(&store, terminalValidators());
        const QByteArray catalog = testData("catalog-small.json");
        ddi::Deployment d;
        QVERIFY(!installer.tookEffect(d));
        const InstallResult r = installBytes(installer, {make(Kind::Catalog, QStringLiteral("2026.12.1"), catalog, &*key)}, &d);
        QVERIFY2(r.ok, qPrintable(r.reason));
        QCOMPARE(r.reason, QStringLiteral("applied catalog 2026.12.1"));
        const auto dir = store.currentPath(Kind::Catalog);
        QVERIFY(dir);
        QCOMPARE(readAll(QString::fromStdString((*dir / "catalog.json").string())), catalog);
        QVERIFY(installer.tookEffect(d));
        QVERIFY(installer.selfVerifying(QStringLiteral("bundle")));
        QVERIFY(!installer.selfVerifying(QStringLiteral("commands")));
        // Private: 0700 folders, 0600 files, the link relative to its folder.
        QCOMPARE(mode(store.root()), 0700);
        QCOMPARE(mode(*dir), 0700);
        QCOMPARE(mode(*dir / "catalog.json"), 0600);
        QCOMPARE(mode(store.root() / "state.json"), 0600);
        QCOMPARE(fs::read_symlink(store.root() / "catalog" / "current").string(), std::string("2026.12.1"));
        const auto s = store.state(Kind::Catalog);
        QCOMPARE(s.current, QStringLiteral("2026.12.1"));
        QVERIFY(s.pending);
    }

    void catalogAndFormsTogether()
    {
        auto store = openStore();
        BundleInstaller installer(store.get(), terminalValidators());
        // Forms alone are checked against the catalog in force (here the built-in one, whose
        // items need forms the small file lacks): refused.
        InstallResult r = installBytes(installer, {make(Kind::Forms, QStringLiteral("1"), testData("forms-small.json"))});
        QVERIFY(!r.ok);
        QVERIFY2(r.reason.contains(QLatin1String("forms 1 refused: the forms file, against the catalog in force, has")), qPrintable(r.reason));
        QVERIFY(!store->currentPath(Kind::Forms));
        // With the catalog they belong to, in one deployment (given forms first: order does not matter).
        r = installBytes(installer, {make(Kind::Forms, QStringLiteral("1"), testData("forms-small.json")),
                                     make(Kind::Catalog, QStringLiteral("1"), testData("catalog-small.json"))});
        QVERIFY2(r.ok, qPrintable(r.reason));
        QCOMPARE(r.reason, QStringLiteral("applied catalog 1, forms 1"));
        // A later forms bundle alone: checked against the catalog bundle now in force.
        r = installBytes(installer, {make(Kind::Forms, QStringLiteral("2"), testData("forms-small.json"))});
        QVERIFY2(r.ok, qPrintable(r.reason));
        // A forms file missing a form the catalog uses: refused.
        r = installBytes(installer, {make(Kind::Forms, QStringLiteral("3"), testData("forms-missing.json"))});
        QVERIFY(!r.ok);
        QVERIFY2(r.reason.contains(QLatin1String("is not defined in the forms file")), qPrintable(r.reason));
        QCOMPARE(store->state(Kind::Forms).current, QStringLiteral("2"));
    }

    void configPlatformsStaffPin()
    {
        auto store = openStore();
        BundleInstaller installer(store.get(), terminalValidators());
        InstallResult r = installBytes(installer, {make(Kind::Config, QStringLiteral("1"), "{\"terminalId\":\"T-0042\",\"idleTimeoutSeconds\":120}")});
        QVERIFY2(r.ok, qPrintable(r.reason));
        r = installBytes(installer, {make(Kind::Config, QStringLiteral("2"), testData("config-typo.json"))});
        QVERIFY(!r.ok);
        QVERIFY2(r.reason.contains(QLatin1String("config 2 refused: the config.json is not valid: unknown setting \"idleTimeout\"")), qPrintable(r.reason));

        r = installBytes(installer, {make(Kind::Platforms, QStringLiteral("1"),
                                          "[{\"id\":\"hall\",\"host\":\"hall.city.example\",\"caFile\":\"/etc/kiosk/hall-ca.pem\"}]")});
        QVERIFY2(r.ok, qPrintable(r.reason));
        r = installBytes(installer, {make(Kind::Platforms, QStringLiteral("2"), "[{\"id\":\"hall\",\"caFile\":\"/etc/kiosk/hall-ca.pem\"}]")});
        QVERIFY(!r.ok);
        QVERIFY2(r.reason.contains(QLatin1String("are required")), qPrintable(r.reason));

        const QString hash = kiosk::staffpin::hashPin(QStringLiteral("258036"), kiosk::staffpin::kMinIterations);
        r = installBytes(installer, {make(Kind::StaffPin, QStringLiteral("1"), hash.toLatin1() + '\n')});
        QVERIFY2(r.ok, qPrintable(r.reason));
        QCOMPARE(readAll(QString::fromStdString((*store->currentPath(Kind::StaffPin) / "staffPinHash").string())).trimmed(), hash.toLatin1());
        r = installBytes(installer, {make(Kind::StaffPin, QStringLiteral("2"), "258036\n")});
        QVERIFY(!r.ok);
        QVERIFY2(r.reason.contains(QLatin1String("the staff PIN hash is not valid: must look like pbkdf2-sha256")), qPrintable(r.reason));
        // Without the terminal's validators those kinds are refused, never taken unchecked.
        BundleInstaller bare(store.get(), {});
        r = installBytes(bare, {make(Kind::Config, QStringLiteral("3"), "{}")});
        QVERIFY(!r.ok);
        QVERIFY2(r.reason.contains(QLatin1String("cannot check config bundles")), qPrintable(r.reason));
    }

    void refusalsChangeNothing()
    {
        auto store = openStore();
        BundleInstaller installer(store.get(), terminalValidators());
        const QByteArray catalog = testData("catalog-small.json");
        QVERIFY(installBytes(installer, {make(Kind::Catalog, QStringLiteral("2026.12.1"), catalog)}).ok);
        const QStringList before = snapshot();
        QVERIFY(before.size() >= 4);

        const QByteArray good = make(Kind::Catalog, QStringLiteral("2026.12.2"), catalog);
        const auto parts = decodeContainer(good);
        QVERIFY(parts);
        const auto stranger = generateKey(Algorithm::Ed25519);
        QByteArray tamperedFile = good;
        tamperedFile[tamperedFile.size() - 3] = 'X';
        QByteArray tamperedManifest = good;
        tamperedManifest.replace("2026.12.2", "2026.12.9");
        // One error injected into a real catalog: an item's department that does not exist.
        QByteArray broken = catalog;
        QVERIFY(broken.contains("\"department\": \"medicare\""));
        broken.replace(broken.indexOf("\"department\": \"medicare\""), int(qstrlen("\"department\": \"medicare\"")), "\"department\": \"nowhere\"");
        // A manifest naming a path, signed with the trusted key: only the name is wrong.
        Manifest traversal{.kind = Kind::Catalog, .version = QStringLiteral("2026.12.3"), .created = kCreated, .keyId = m_key->id,
                           .algorithm = Algorithm::Ed25519, .files = {{QStringLiteral("../../etc/kiosk/config.json"), 2, sha256Hex("{}")}}};
        const QByteArray tm = encodeManifest(traversal);
        // A "commands" manifest, well signed, carrying a script: refused before anything runs.
        QByteArray cm = encodeManifest(traversal);
        cm.replace("\"kind\":\"catalog\"", "\"kind\":\"commands\"");
        cm.replace("../../etc/kiosk/config.json", "run.sh");
        const QByteArray commands = encodeContainer(cm, sign(*m_key, cm), {{QStringLiteral("run.sh"), "{}"}});

        const struct {
            const char *name;
            QByteArray bytes;
            const char *words;
        } cases[] = {
            {"tampered file", tamperedFile, "does not match its SHA-256"},
            {"tampered manifest", tamperedManifest, "signature does not match"},
            {"unsigned", encodeContainer(parts->manifestBytes, {}, parts->files), "not signed"},
            {"wrong key", encodeContainer(parts->manifestBytes, sign(*stranger, parts->manifestBytes), parts->files), "signature does not match"},
            {"unknown key id", make(Kind::Catalog, QStringLiteral("2026.12.2"), catalog, &*stranger), "which this terminal does not trust"},
            {"older", make(Kind::Catalog, QStringLiteral("2026.11.30"), catalog), "is not newer than 2026.12.1"},
            {"equal", make(Kind::Catalog, QStringLiteral("2026.12.1"), catalog), "catalog 2026.12.1 is already in force"},
            {"equal, written otherwise", make(Kind::Catalog, QStringLiteral("2026.12.1.0"), catalog), "already in force"},
            {"invalid catalog", make(Kind::Catalog, QStringLiteral("2026.12.2"), broken), "the catalog has 1 error(s), the first: "},
            {"path traversal", encodeContainer(tm, sign(*m_key, tm), {{QStringLiteral("x"), "{}"}}), "is not a plain name"},
            {"wrong file name", makeBundle(*m_key, Kind::Config, QStringLiteral("1"), kCreated, {{QStringLiteral("settings.json"), "{}"}}),
             "a config bundle carries config.json only (this one: settings.json)"},
            {"commands with a script", commands, "a commands bundle carries commands.json only (this one: run.sh)"},
            {"oversized", QByteArray(kMaxBundleBytes + 128 * 1024, 'K'), "is larger than 64 MB"},
            {"not a bundle", QByteArray("KIOSKBDL"), "not a bundle"},
        };
        for (const auto &c : cases) {
            const InstallResult r = installBytes(installer, {c.bytes});
            QVERIFY2(!r.ok, c.name);
            QVERIFY2(r.reason.contains(QLatin1String(c.words)), qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(c.name), r.reason)));
            QCOMPARE(snapshot(), before);
        }
        // The invalid catalog says which item and field.
        const InstallResult r = installBytes(installer, {make(Kind::Catalog, QStringLiteral("2026.12.2"), broken)});
        QVERIFY2(r.reason.contains(QLatin1String("department: \"nowhere\"")), qPrintable(r.reason));
        QCOMPARE(r.details.size(), 1);
        // A good bundle in the same deployment as a bad one is not applied either.
        const InstallResult mixed = installBytes(installer, {make(Kind::Config, QStringLiteral("1"), "{}"), tamperedFile});
        QVERIFY(!mixed.ok);
        QCOMPARE(snapshot(), before);
        QVERIFY(!store->currentPath(Kind::Config));
        // A reopened store agrees.
        store = openStore();
        QCOMPARE(snapshot(), before);
        QCOMPARE(store->state(Kind::Catalog).current, QStringLiteral("2026.12.1"));
    }

    void keyRotation()
    {
        auto store = openStore();
        BundleInstaller installer(store.get(), terminalValidators());
        const auto next = generateKey(Algorithm::Sm2);
        QVERIFY(next);
        const QByteArray newSet = encodeKeySet(KeySet{{publicKeyOf(*next)}});
        // A new key set signed by a key the terminal does not trust: refused.
        InstallResult r = installBytes(installer, {make(Kind::Keys, QStringLiteral("2"), newSet, &*next)});
        QVERIFY(!r.ok);
        QVERIFY2(r.reason.contains(QLatin1String("does not trust")), qPrintable(r.reason));
        // Signed by the current key: the new set replaces the provisioned one.
        r = installBytes(installer, {make(Kind::Keys, QStringLiteral("2"), newSet)});
        QVERIFY2(r.ok, qPrintable(r.reason));
        r = installBytes(installer, {make(Kind::Config, QStringLiteral("1"), "{}")});
        QVERIFY(!r.ok);
        QVERIFY2(r.reason.contains(QLatin1String("signed with key %1, which this terminal does not trust").arg(m_key->id)), qPrintable(r.reason));
        r = installBytes(installer, {make(Kind::Config, QStringLiteral("1"), "{}", &*next)});
        QVERIFY2(r.ok, qPrintable(r.reason));
        // A broken key set is refused even when well signed.
        r = installBytes(installer, {make(Kind::Keys, QStringLiteral("3"), "{\"format\":1,\"keys\":[]}", &*next)});
        QVERIFY(!r.ok);
        QVERIFY2(r.reason.contains(QLatin1String("the new key set is not valid: the key set must hold 1 to 16 keys")), qPrintable(r.reason));
    }

    // Power cut after the new version folder is written, before the link's rename: the previous
    // version stays in force, the half-done one is cleared away, and it can be applied again.
    void powerCutBeforeSwap()
    {
        const QByteArray catalog = testData("catalog-small.json");
        const QByteArray v1 = make(Kind::Catalog, QStringLiteral("2026.12.1"), catalog);
        const QByteArray v2 = make(Kind::Catalog, QStringLiteral("2026.12.2"), catalog);
        {
            auto store = openStore();
            BundleInstaller installer(store.get(), terminalValidators());
            QVERIFY(installBytes(installer, {v1}).ok);
            store->rollbackIfUnconfirmed();
            store->confirmStarted();
            store->stopForTest(BundleStore::StopAt::AfterStaging);
            QVERIFY(!installBytes(installer, {v2}).ok);
            QVERIFY(fs::is_directory(store->root() / "catalog" / "2026.12.2"));
        }
        auto store = openStore();
        const auto s = store->state(Kind::Catalog);
        QCOMPARE(s.current, QStringLiteral("2026.12.1"));
        QCOMPARE(s.highest, QStringLiteral("2026.12.1"));
        QVERIFY(!s.pending);
        QCOMPARE(s.sha256, sha256Hex(v1));
        QCOMPARE(fs::read_symlink(store->root() / "catalog" / "current").string(), std::string("2026.12.1"));
        QVERIFY(!fs::exists(store->root() / "catalog" / "2026.12.2"));
        BundleInstaller installer(store.get(), terminalValidators());
        ddi::Deployment d;
        QVERIFY(installBytes(installer, {v2}, &d).ok);
        QVERIFY(installer.tookEffect(d));
    }

    // Power cut after the rename, before the state file is written: the new version counts (the
    // rename is the commit point), pending, with the previous one kept for rollback.
    void powerCutAfterSwap()
    {
        const QByteArray catalog = testData("catalog-small.json");
        const QByteArray v1 = make(Kind::Catalog, QStringLiteral("2026.12.1"), catalog);
        const QByteArray v2 = make(Kind::Catalog, QStringLiteral("2026.12.2"), catalog);
        ddi::Deployment d;
        {
            auto store = openStore();
            BundleInstaller installer(store.get(), terminalValidators());
            QVERIFY(installBytes(installer, {v1}).ok);
            store->stopForTest(BundleStore::StopAt::AfterLinkSwap);
            QVERIFY(!installBytes(installer, {v2}, &d).ok);
            QCOMPARE(fs::read_symlink(store->root() / "catalog" / "current").string(), std::string("2026.12.2"));
            QVERIFY(readAll(QString::fromStdString((store->root() / "state.json").string())).contains("\"current\": \"2026.12.1\""));
        }
        auto store = openStore();
        const auto s = store->state(Kind::Catalog);
        QCOMPARE(s.current, QStringLiteral("2026.12.2"));
        QCOMPARE(s.previous, QStringLiteral("2026.12.1"));
        QCOMPARE(s.highest, QStringLiteral("2026.12.2"));
        QVERIFY(s.pending);
        QVERIFY(!fs::exists(store->root() / "journal.json"));
        QVERIFY(readAll(QString::fromStdString((store->root() / "state.json").string())).contains("\"current\": \"2026.12.2\""));
        BundleInstaller installer(store.get(), terminalValidators());
        QVERIFY(installer.tookEffect(d)); // what the fleet client asks after such a restart
        QCOMPARE(readAll(QString::fromStdString((*store->currentPath(Kind::Catalog) / "catalog.json").string())), catalog);
        const InstallResult again = installBytes(installer, {v2});
        QVERIFY(again.reason.contains(QLatin1String("already in force")));
    }

    // A deployment of two bundles cut between its two swaps is undone: all or nothing.
    void powerCutBetweenTwoSwaps()
    {
        ddi::Deployment d;
        {
            auto store = openStore();
            BundleInstaller installer(store.get(), terminalValidators());
            QVERIFY(installBytes(installer, {make(Kind::Catalog, QStringLiteral("1"), testData("catalog-small.json")),
                                             make(Kind::Forms, QStringLiteral("1"), testData("forms-small.json"))})
                        .ok);
            store->stopForTest(BundleStore::StopAt::AfterLinkSwap);
            QVERIFY(!installBytes(installer, {make(Kind::Catalog, QStringLiteral("2"), testData("catalog-small.json")),
                                              make(Kind::Forms, QStringLiteral("2"), testData("forms-small.json"))}, &d)
                         .ok);
            QCOMPARE(fs::read_symlink(store->root() / "catalog" / "current").string(), std::string("2"));
            QCOMPARE(fs::read_symlink(store->root() / "forms" / "current").string(), std::string("1"));
        }
        auto store = openStore();
        QCOMPARE(store->state(Kind::Catalog).current, QStringLiteral("1"));
        QCOMPARE(store->state(Kind::Catalog).highest, QStringLiteral("1"));
        QCOMPARE(store->state(Kind::Forms).current, QStringLiteral("1"));
        QCOMPARE(fs::read_symlink(store->root() / "catalog" / "current").string(), std::string("1"));
        QVERIFY(!fs::exists(store->root() / "catalog" / "2"));
        QVERIFY(!fs::exists(store->root() / "journal.json"));
        BundleInstaller installer(store.get(), terminalValidators());
        QVERIFY(!installer.tookEffect(d));
    }

    void rollbackAfterTwoUnconfirmedStarts()
    {
        const QByteArray catalog = testData("catalog-small.json");
        {
            auto store = openStore();
            BundleInstaller installer(store.get(), terminalValidators());
            QVERIFY(installBytes(installer, {make(Kind::Catalog, QStringLiteral("2026.12.1"), catalog)}).ok);
            // Start 1 with it, first frame shown: confirmed.
            QVERIFY(store->rollbackIfUnconfirmed().isEmpty());
            store->confirmStarted();
            QVERIFY(!store->state(Kind::Catalog).pending);
            QVERIFY(installBytes(installer, {make(Kind::Catalog, QStringLiteral("2026.12.2"), catalog)}).ok);
            // confirmStarted() in the run that applied it does not confirm it: it was not started.
            store->confirmStarted();
            QVERIFY(store->state(Kind::Catalog).pending);
        }
        // Two starts that never reach their first frame …
        for (int start = 1; start <= 2; ++start) {
            auto store = openStore();
            QVERIFY(store->rollbackIfUnconfirmed().isEmpty());
            QCOMPARE(store->state(Kind::Catalog).current, QStringLiteral("2026.12.2"));
            QCOMPARE(store->state(Kind::Catalog).starts, start);
        }
        // … and the third start goes back to the previous version, and says so.
        auto store = openStore();
        const QStringList report = store->rollbackIfUnconfirmed();
        QCOMPARE(report.size(), 1);
        QCOMPARE(report.first(), QStringLiteral("catalog 2026.12.2 did not start 2 times: rolled back to 2026.12.1; a fixed bundle needs a version above 2026.12.2"));
        QCOMPARE(store->state(Kind::Catalog).current, QStringLiteral("2026.12.1"));
        QVERIFY(!store->state(Kind::Catalog).pending);
        QCOMPARE(fs::read_symlink(store->root() / "catalog" / "current").string(), std::string("2026.12.1"));
        QVERIFY(!fs::exists(store->root() / "catalog" / "2026.12.2"));
        // The failed version is not taken again; a higher one is.
        BundleInstaller installer(store.get(), terminalValidators());
        InstallResult r = installBytes(installer, {make(Kind::Catalog, QStringLiteral("2026.12.2"), catalog)});
        QVERIFY(!r.ok);
        QVERIFY2(r.reason.contains(QLatin1String("not newer than 2026.12.2")), qPrintable(r.reason));
        QVERIFY(installBytes(installer, {make(Kind::Catalog, QStringLiteral("2026.12.3"), catalog)}).ok);
        // A confirmed swap is never rolled back, however many starts follow.
        QVERIFY(store->rollbackIfUnconfirmed().isEmpty());
        store->confirmStarted();
        for (int i = 0; i < 4; ++i) {
            store = openStore();
            QVERIFY(store->rollbackIfUnconfirmed().isEmpty());
        }
        QCOMPARE(store->state(Kind::Catalog).current, QStringLiteral("2026.12.3"));
    }

    void rollbackOfTheFirstBundle()
    {
        {
            auto store = openStore();
            BundleInstaller installer(store.get(), terminalValidators());
            QVERIFY(installBytes(installer, {make(Kind::Config, QStringLiteral("1"), "{}")}).ok);
        }
        for (int start = 0; start < 2; ++start)
            QVERIFY(openStore()->rollbackIfUnconfirmed().isEmpty());
        auto store = openStore();
        const QStringList report = store->rollbackIfUnconfirmed();
        QCOMPARE(report.size(), 1);
        QVERIFY2(report.first().contains(QLatin1String("rolled back to the terminal's own files")), qPrintable(report.first()));
        QVERIFY(!store->currentPath(Kind::Config));
        QVERIFY(!fs::exists(fs::symlink_status(store->root() / "config" / "current")));
    }
};

QTEST_GUILESS_MAIN(TestBundleStore)
#include "tst_bundlestore.moc"
