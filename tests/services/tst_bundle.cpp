// SPDX-License-Identifier: GPL-3.0-or-later
// The bundle codec and its signatures: real OpenSSL keys made here, every refusal with its reason.
#include "services/fleet/bundle.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace kiosk::fleet::bundle;

namespace {

const QString kCreated = QStringLiteral("2026-12-01T09:30:00Z");

QByteArray catalogBytes()
{
    QFile f(QStringLiteral(KIOSK_TEST_DATA_DIR "/catalog-small.json"));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

KeySet setOf(const PrivateKey &key)
{
    return KeySet{{publicKeyOf(key)}};
}

} // namespace

class TestBundle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void goodBundle_data()
    {
        QTest::addColumn<int>("algorithm");
        QTest::newRow("ed25519") << int(Algorithm::Ed25519);
        QTest::newRow("ecdsa-p256-sha256") << int(Algorithm::EcdsaP256);
        QTest::newRow("sm2-sm3") << int(Algorithm::Sm2);
    }
    void goodBundle()
    {
        QFETCH(int, algorithm);
        const auto key = generateKey(Algorithm(algorithm));
        QVERIFY(key);
        QCOMPARE(key->algorithm, Algorithm(algorithm));
        QCOMPARE(key->id.size(), 16);
        const QByteArray catalog = catalogBytes();
        QVERIFY(!catalog.isEmpty());
        QString why;
        const QByteArray bytes = makeBundle(*key, Kind::Catalog, QStringLiteral("2026.12.1"), kCreated,
                                            {{QStringLiteral("catalog.json"), catalog}}, &why);
        QVERIFY2(!bytes.isEmpty(), qPrintable(why));
        QVERIFY(bytes.startsWith("KIOSKBDL"));
        const auto b = verify(bytes, setOf(*key), &why);
        QVERIFY2(b, qPrintable(why));
        QCOMPARE(b->manifest.kind, Kind::Catalog);
        QCOMPARE(b->manifest.version, QStringLiteral("2026.12.1"));
        QCOMPARE(b->manifest.keyId, key->id);
        QCOMPARE(b->manifest.algorithm, Algorithm(algorithm));
        QCOMPARE(b->files.size(), size_t(1));
        QCOMPARE(b->file(QStringLiteral("catalog.json"))->data, catalog);
        QCOMPARE(b->manifest.files.at(0).sha256, sha256Hex(catalog));

        // The keys survive PEM both ways, with the same id.
        const auto again = privateKeyFromPem(privateKeyPem(*key), &why);
        QVERIFY2(again, qPrintable(why));
        QCOMPARE(again->id, key->id);
        const auto pub = publicKeyFromPem(publicKeyOf(*key).pem, &why);
        QVERIFY2(pub, qPrintable(why));
        QCOMPARE(pub->id, key->id);
        QVERIFY(verifySignature(*pub, b->manifestBytes, b->signature));
    }

    // The signature is over the manifest bytes alone: the openssl command line checks it too. SM2
    // needs "-pkeyopt distid:1234567812345678": OpenSSL 3.0's pkeyutl does not default to GM/T
    // 0009's id, which is why both sides set it explicitly.
    void opensslCommandLineAgrees_data() { goodBundle_data(); }
    void opensslCommandLineAgrees()
    {
        QFETCH(int, algorithm);
        const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
        if (openssl.isEmpty())
            QSKIP("no openssl command");
        const auto key = generateKey(Algorithm(algorithm));
        QVERIFY(key);
        const QByteArray bytes = makeBundle(*key, Kind::StaffPin, QStringLiteral("1"), kCreated, {{QStringLiteral("staffPinHash"), "x\n"}});
        const auto b = verify(bytes, setOf(*key));
        QVERIFY(b);
        QTemporaryDir dir;
        auto write = [&](const QString &name, const QByteArray &data) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(data);
        };
        write(QStringLiteral("pub.pem"), publicKeyOf(*key).pem);
        write(QStringLiteral("manifest"), b->manifestBytes);
        write(QStringLiteral("sig"), b->signature);
        QStringList args = {QStringLiteral("pkeyutl"), QStringLiteral("-verify"), QStringLiteral("-pubin"), QStringLiteral("-inkey"),
                            dir.filePath(QStringLiteral("pub.pem")), QStringLiteral("-rawin"), QStringLiteral("-in"),
                            dir.filePath(QStringLiteral("manifest")), QStringLiteral("-sigfile"), dir.filePath(QStringLiteral("sig"))};
        if (Algorithm(algorithm) == Algorithm::EcdsaP256)
            args << QStringLiteral("-digest") << QStringLiteral("sha256");
        if (Algorithm(algorithm) == Algorithm::Sm2)
            args << QStringLiteral("-digest") << QStringLiteral("sm3") << QStringLiteral("-pkeyopt")
                 << QStringLiteral("distid:%1").arg(QLatin1String(kSm2Id));
        QProcess p;
        p.start(openssl, args);
        QVERIFY(p.waitForFinished(20000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QVERIFY(p.readAllStandardOutput().contains("Signature Verified Successfully"));
    }

    void refusals()
    {
        const auto key = generateKey(Algorithm::Ed25519);
        const auto other = generateKey(Algorithm::Ed25519);
        const auto p256 = generateKey(Algorithm::EcdsaP256);
        QVERIFY(key && other && p256);
        const QByteArray catalog = catalogBytes();
        const QByteArray good = makeBundle(*key, Kind::Catalog, QStringLiteral("2026.12.1"), kCreated, {{QStringLiteral("catalog.json"), catalog}});
        QVERIFY(verify(good, setOf(*key)));
        auto refusedWith = [&](const QByteArray &bytes, const KeySet &keys, const char *words) {
            QString why;
            const bool refused = !verify(bytes, keys, &why);
            if (!refused || !why.contains(QLatin1String(words)))
                qWarning().noquote() << "expected a refusal with" << words << "got" << (refused ? why : QStringLiteral("accepted"));
            return refused && why.contains(QLatin1String(words));
        };

        // A byte of the payload changed: caught by the manifest's SHA-256.
        QByteArray tamperedFile = good;
        tamperedFile[tamperedFile.size() - 10] = char(tamperedFile.at(tamperedFile.size() - 10) ^ 0x01);
        QVERIFY(refusedWith(tamperedFile, setOf(*key), "does not match its SHA-256"));

        // The manifest changed (a newer version number, same length): the signature no longer matches.
        QByteArray tamperedManifest = good;
        const qsizetype at = tamperedManifest.indexOf("2026.12.1");
        QVERIFY(at > 0);
        tamperedManifest[at + 8] = '9';
        QVERIFY(refusedWith(tamperedManifest, setOf(*key), "signature does not match"));

        // Unsigned: a well-formed container with an empty signature.
        const auto b = decodeContainer(good);
        QVERIFY(b);
        QVERIFY(refusedWith(encodeContainer(b->manifestBytes, {}, b->files), setOf(*key), "not signed"));
        // A signature from another key over the same manifest (it names the trusted key's id).
        QVERIFY(refusedWith(encodeContainer(b->manifestBytes, sign(*other, b->manifestBytes), b->files), setOf(*key), "signature does not match"));
        // Signed with a key the terminal does not trust (its own id).
        const QByteArray byOther = makeBundle(*other, Kind::Catalog, QStringLiteral("2026.12.1"), kCreated, {{QStringLiteral("catalog.json"), catalog}});
        QVERIFY(refusedWith(byOther, setOf(*key), "does not trust"));
        QVERIFY(verify(byOther, setOf(*other)));
        // The manifest claims another algorithm than the key's.
        Manifest m = b->manifest;
        m.algorithm = Algorithm::EcdsaP256;
        const QByteArray mb = encodeManifest(m);
        QVERIFY(refusedWith(encodeContainer(mb, sign(*key, mb), b->files), setOf(*key), "is a ed25519 key"));

        // Cut short, trailing bytes, not a bundle at all, a newer container format.
        QVERIFY(refusedWith(good.left(good.size() - 1), setOf(*key), "cut short"));
        QVERIFY(refusedWith(good + "x", setOf(*key), "1 unexpected bytes follow"));
        QVERIFY(refusedWith(QByteArray("PK\x03\x04 a zip file"), setOf(*key), "not a bundle"));
        QByteArray newer = good;
        newer[11] = 2;
        QVERIFY(refusedWith(newer, setOf(*key), "container format 2"));
    }

    void names_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("words");
        QTest::newRow("traversal") << QStringLiteral("../etc/passwd") << QStringLiteral("not a plain name");
        QTest::newRow("folder") << QStringLiteral("sub/catalog.json") << QStringLiteral("not a plain name");
        QTest::newRow("absolute") << QStringLiteral("/etc/kiosk/config.json") << QStringLiteral("not a plain name");
        QTest::newRow("backslash") << QStringLiteral("..\\x") << QStringLiteral("not a plain name");
        QTest::newRow("dotdot") << QStringLiteral("..") << QStringLiteral("starts with a dot");
        QTest::newRow("hidden") << QStringLiteral(".bashrc") << QStringLiteral("starts with a dot");
        QTest::newRow("inner dotdot") << QStringLiteral("a..b") << QStringLiteral("contains \"..\"");
        QTest::newRow("empty") << QString() << QStringLiteral("empty name");
        QTest::newRow("long") << QString(65, QLatin1Char('a')) << QStringLiteral("longer than 64");
        QTest::newRow("nul") << QStringLiteral("a%1b").arg(QChar(0)) << QStringLiteral("not a plain name");
    }
    void names()
    {
        QFETCH(QString, name);
        QFETCH(QString, words);
        QVERIFY(checkFileName(QStringLiteral("catalog.json")).isEmpty());
        QVERIFY(checkFileName(QStringLiteral("staffPinHash")).isEmpty());
        QVERIFY(checkFileName(name).contains(words));
        // Neither made nor accepted: a manifest naming it (signed, so only the name is wrong) is refused.
        const auto key = generateKey(Algorithm::Ed25519);
        QString why;
        QVERIFY(makeBundle(*key, Kind::Catalog, QStringLiteral("1"), kCreated, {{name, "{}"}}, &why).isEmpty());
        QVERIFY2(why.contains(words), qPrintable(why));
        Manifest m{.kind = Kind::Catalog, .version = QStringLiteral("1"), .created = kCreated, .keyId = key->id,
                   .algorithm = Algorithm::Ed25519, .files = {{name, 2, sha256Hex("{}")}}};
        const QByteArray mb = encodeManifest(m);
        QVERIFY(!verify(encodeContainer(mb, sign(*key, mb), {{name, "{}"}}), setOf(*key), &why));
        QVERIFY2(why.contains(words), qPrintable(why));
    }

    void limits()
    {
        const auto key = generateKey(Algorithm::Ed25519);
        QString why;
        // A file above the limit is not signed …
        const QByteArray big(kMaxFileBytes + 1, 'x');
        QVERIFY(makeBundle(*key, Kind::Catalog, QStringLiteral("1"), kCreated, {{QStringLiteral("catalog.json"), big}}, &why).isEmpty());
        QVERIFY2(why.contains(QLatin1String("larger than 32 MB")), qPrintable(why));
        // … nor accepted when a manifest claims it (refused before anything is read or hashed).
        Manifest m{.kind = Kind::Catalog, .version = QStringLiteral("1"), .created = kCreated, .keyId = key->id,
                   .algorithm = Algorithm::Ed25519, .files = {{QStringLiteral("catalog.json"), kMaxFileBytes + 1, sha256Hex(big)}}};
        QByteArray mb = encodeManifest(m);
        QVERIFY(!verify(encodeContainer(mb, sign(*key, mb), {}), setOf(*key), &why));
        QVERIFY2(why.contains(QLatin1String("larger than 32 MB")), qPrintable(why));
        // Too many files.
        std::vector<File> many;
        for (int i = 0; i <= kMaxFiles; ++i)
            many.push_back({QStringLiteral("f%1").arg(i), "x"});
        QVERIFY(makeBundle(*key, Kind::Catalog, QStringLiteral("1"), kCreated, many, &why).isEmpty());
        QVERIFY2(why.contains(QLatin1String("at most 32 files")), qPrintable(why));
        // A manifest longer than its limit, by its length field.
        QByteArray huge = QByteArray(kMagic, 8) + QByteArray::fromHex("00000001" "00010001") + QByteArray(65537, ' ');
        QVERIFY(!verify(huge, setOf(*key), &why));
        QVERIFY2(why.contains(QLatin1String("larger than 64 KB")), qPrintable(why));
        // A whole file above the bundle limit.
        QVERIFY(!decodeContainer(QByteArray(kMaxBundleBytes + 70 * 1024, '\0'), &why));
        QVERIFY2(why.contains(QLatin1String("larger than 64 MB")), qPrintable(why));
    }

    void manifestRules()
    {
        QString why;
        const QByteArray ok = QByteArray("{\"format\":1,\"kind\":\"forms\",\"version\":\"2026.12.1\",\"created\":\"2026-12-01T09:30:00Z\","
                                         "\"keyId\":\"0123456789abcdef\",\"algorithm\":\"ed25519\",\"files\":[{\"name\":\"forms.json\","
                                         "\"size\":2,\"sha256\":\"")
            + sha256Hex("{}") + "\"}]}";
        QVERIFY2(parseManifest(ok, &why), qPrintable(why));
        auto refused = [&](QByteArray text, const char *from, const char *to, const char *words) {
            text.replace(from, to);
            const bool r = !parseManifest(text, &why);
            if (!r || !why.contains(QLatin1String(words)))
                qWarning().noquote() << from << "→" << to << ":" << why;
            return r && why.contains(QLatin1String(words));
        };
        QByteArray commands = ok;
        commands.replace("\"forms\"", "\"commands\"");
        QVERIFY2(parseManifest(commands, &why) && parseManifest(commands)->kind == Kind::Commands, qPrintable(why)); // no longer reserved
        QVERIFY(refused(ok, "\"forms\"", "\"firmware\"", "not one this terminal knows"));
        QVERIFY(refused(ok, "2026.12.1", "2026.12.01", "no leading zeros"));
        QVERIFY(refused(ok, "2026.12.1", "2026-12", "not dotted numbers"));
        QVERIFY(refused(ok, "\"format\":1", "\"format\":2", "format is not 1"));
        QVERIFY(refused(ok, "09:30:00Z", "09:30:00+08:00", "UTC time"));
        QVERIFY(refused(ok, "\"ed25519\"", "\"rsa\"", "is not one of"));
        QVERIFY(refused(ok, "\"keyId\"", "\"keyID\"", "unknown key \"keyID\""));
        QVERIFY(refused(ok, "\"size\":2", "\"size\":2.5", "not a whole number"));
        QVERIFY(refused(ok, "\"size\":2", "\"size\":-1", "not a whole number"));
    }

    void versions()
    {
        QVERIFY(compareVersions(QStringLiteral("2026.12.1"), QStringLiteral("2026.9.30")) > 0);
        QVERIFY(compareVersions(QStringLiteral("2026.12"), QStringLiteral("2026.12.1")) < 0);
        QCOMPARE(compareVersions(QStringLiteral("2026.12.0"), QStringLiteral("2026.12")), 0);
        QVERIFY(compareVersions(QStringLiteral("10"), QStringLiteral("9")) > 0); // numbers, not text
        QVERIFY(!parseVersion(QStringLiteral("1.2.3.4.5.6.7")));
        QVERIFY(!parseVersion(QStringLiteral("1..2")));
        QVERIFY(!parseVersion(QStringLiteral("9999999999")));
        QVERIFY(parseVersion(QStringLiteral("0")));
    }

    void keySets()
    {
        const auto a = generateKey(Algorithm::Ed25519);
        const auto b = generateKey(Algorithm::Sm2);
        QVERIFY(a && b);
        const QByteArray json = encodeKeySet(KeySet{{publicKeyOf(*a), publicKeyOf(*b)}});
        QString why;
        const auto set = parseKeySet(json, &why);
        QVERIFY2(set, qPrintable(why));
        QCOMPARE(set->keys.size(), size_t(2));
        QVERIFY(set->find(a->id));
        QCOMPARE(set->find(b->id)->algorithm, Algorithm::Sm2);
        // An id that is not its key's is refused (a set cannot pass one key off as another).
        QByteArray wrong = json;
        wrong.replace(a->id.toLatin1(), "0000000000000000");
        QVERIFY(!parseKeySet(wrong, &why));
        QVERIFY2(why.contains(QLatin1String("is not the id of its public key")), qPrintable(why));
        QVERIFY(!parseKeySet("{\"format\":1,\"keys\":[]}", &why));
        QVERIFY2(why.contains(QLatin1String("1 to 16 keys")), qPrintable(why));
    }
};

QTEST_GUILESS_MAIN(TestBundle)
#include "tst_bundle.moc"
