// SPDX-License-Identifier: GPL-3.0-or-later
// Where keys come from (systemd credentials before files; files refused in production unless
// private) and the keys derived from the master key (HKDF, one key per purpose).
#include "services/queue/payloadkey.h"
#include "services/secrets/keyring.h"
#include "services/secrets/secretstore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace kiosk;
using namespace kiosk::secrets;

namespace {
QString write(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes, int mode)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(bytes);
    f.close();
    ::chmod(path.toLocal8Bit().constData(), mode_t(mode));
    return path;
}

QByteArray hex(std::string_view bytes)
{
    return QByteArray(bytes.data(), qsizetype(bytes.size())).toHex();
}
} // namespace

class TestSecrets : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void credentialBeforeFile()
    {
        QTemporaryDir creds;
        QTemporaryDir files;
        write(creds, QStringLiteral("platform.hall.signing-key"), "from-the-credential", 0400);
        const QString file = write(files, QStringLiteral("hall.key"), "from-the-file", 0600);
        const SecretStore store(creds.path().toStdString(), SecretStore::Mode::Production);
        const Secret s = store.read("platform.hall.signing-key", file.toStdString());
        QVERIFY2(s, s.message.c_str());
        QCOMPARE(s.origin, SecretOrigin::Credential);
        QCOMPARE(s.bytes.view(), std::string("from-the-credential"));
        // Without the credential, the file.
        const SecretStore none(std::string(), SecretStore::Mode::Production);
        const Secret f = none.read("platform.hall.signing-key", file.toStdString());
        QVERIFY2(f, f.message.c_str());
        QCOMPARE(f.origin, SecretOrigin::File);
        QCOMPARE(f.bytes.view(), std::string("from-the-file"));
    }

    void productionRefusesFilesOthersCanRead()
    {
        QTemporaryDir files;
        const QString file = write(files, QStringLiteral("hall.key"), "TOPSECRETVALUE", 0644);
        const SecretStore production(std::string(), SecretStore::Mode::Production);
        const Secret s = production.read("platform.hall.signing-key", file.toStdString());
        QCOMPARE(s.error, SecretError::Exposed);
        QVERIFY(s.bytes.empty());
        QVERIFY2(s.message.find("0600") != std::string::npos, s.message.c_str());
        QVERIFY(s.message.find("TOPSECRETVALUE") == std::string::npos);
        // Development (--simulate) uses it, with a warning.
        const SecretStore development(std::string(), SecretStore::Mode::Development);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("development mode:.*hall.key")));
        const Secret d = development.read("platform.hall.signing-key", file.toStdString());
        QVERIFY2(d, d.message.c_str());
        QCOMPARE(d.bytes.view(), std::string("TOPSECRETVALUE"));
        // A folder anyone can write to: someone could swap the key.
        ::chmod(files.path().toLocal8Bit().constData(), 0777);
        ::chmod(file.toLocal8Bit().constData(), 0600);
        QCOMPARE(production.read("platform.hall.signing-key", file.toStdString()).error, SecretError::FolderExposed);
        ::chmod(files.path().toLocal8Bit().constData(), 0700);
        QVERIFY(production.read("platform.hall.signing-key", file.toStdString()));
    }

    void credentialsAreCheckedEvenInDevelopment()
    {
        QTemporaryDir creds;
        write(creds, QStringLiteral("payload-key"), QByteArray(32, 'k'), 0644);
        const SecretStore development(creds.path().toStdString(), SecretStore::Mode::Development);
        QCOMPARE(development.read("payload-key", std::string()).error, SecretError::Exposed);
    }

    void missingAndWrongSize()
    {
        QTemporaryDir creds;
        const SecretStore store(creds.path().toStdString(), SecretStore::Mode::Production);
        const Secret m = store.read("payload-key", std::string());
        QCOMPARE(m.error, SecretError::Missing);
        QVERIFY2(m.message.find("payload-key") != std::string::npos, m.message.c_str());
        write(creds, QStringLiteral("empty"), QByteArray(), 0400);
        QCOMPARE(store.read("empty", std::string()).error, SecretError::WrongSize);
        write(creds, QStringLiteral("big"), QByteArray(5000, 'x'), 0400);
        QCOMPARE(store.read("big", std::string(), 4096).error, SecretError::WrongSize);
        // Names are file names in one folder, never paths.
        QVERIFY(!store.hasCredential("../etc/passwd"));
        QCOMPARE(SecretStore::platformSecretName("hall/../x", "signing-key"), std::string("platform.hall____x.signing-key"));
    }

    void payloadKeyFromCredential()
    {
        QTemporaryDir creds;
        QTemporaryDir state;
        const QByteArray master(32, '\x5a');
        write(creds, QStringLiteral("payload-key"), master, 0400);
        const SecretStore store(creds.path().toStdString(), SecretStore::Mode::Production);
        const auto source = queue::payloadKeySource(store, state.path().toStdString());
        const queue::LoadedKey k = source->load(true);
        QVERIFY2(k, k.message.c_str());
        QVERIFY(!k.created);
        QCOMPARE(QByteArray(reinterpret_cast<const char *>(k.key.data()), 32), master);
        QVERIFY(!QFile::exists(state.filePath(QStringLiteral("keys/payload.key")))); // no file made beside the data
        // A credential of the wrong size is refused, never replaced by a new key.
        write(creds, QStringLiteral("payload-key"), QByteArray(31, 'x'), 0400);
        const queue::LoadedKey bad = queue::payloadKeySource(store, state.path().toStdString())->load(true);
        QCOMPARE(bad.error, queue::KeyError::CredentialUnusable);
        QVERIFY(!QFile::exists(state.filePath(QStringLiteral("keys/payload.key"))));
    }

    void hkdfMatchesRfc5869()
    {
        // RFC 5869, test case 1 (also `openssl kdf -keylen 42 -kdfopt digest:SHA256 ... HKDF`).
        const QByteArray ikm = QByteArray::fromHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        const QByteArray salt = QByteArray::fromHex("000102030405060708090a0b0c");
        const QByteArray info = QByteArray::fromHex("f0f1f2f3f4f5f6f7f8f9");
        const auto okm = hkdfSha256(ikm.toStdString(), salt.toStdString(), info.toStdString(), 42);
        QVERIFY(okm);
        QCOMPARE(hex(*okm), QByteArray("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"));
    }

    void oneKeyPerPurpose()
    {
        Key256 master{};
        master.fill(7);
        const auto ring = deriveKeyRing(master);
        QVERIFY(ring);
        // Expected values from `openssl kdf -keylen 32 -kdfopt digest:SHA256 -kdfopt hexkey:0707…07
        // -kdfopt salt:kiosk-terminal -kdfopt "info:kiosk payload-aead v2" HKDF` (docs/threat-model.md).
        QCOMPARE(hex(std::string_view(reinterpret_cast<const char *>(ring->payload.data()), 32)),
                 QByteArray("1133731b7902a1495119a50a88506bb623938afa9a214aa9e959432f0ef62122"));
        QCOMPARE(hex(ring->subject), QByteArray("2cc1912821a24f1c1416a6b667af37f974c1a28693799f5dbc0e13f457ae30c2"));
        QCOMPARE(hex(ring->receipt), QByteArray("515ea80db5a4fc1d5af05c7139f4acd27ccb33a77488e377eae42ff742aebd3e"));
        QVERIFY(ring->legacyPayload == master);
        QVERIFY(ring->payload != master);
    }

    void secretBytesAreWiped()
    {
        SecretBytes a(std::string("key material"));
        SecretBytes b(std::move(a));
        QVERIFY(a.empty());
        QCOMPARE(b.view(), std::string("key material"));
        b.wipe();
        QVERIFY(b.empty());
    }
};

QTEST_GUILESS_MAIN(TestSecrets)
#include "tst_secrets.moc"
