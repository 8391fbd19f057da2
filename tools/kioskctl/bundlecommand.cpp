// SPDX-License-Identifier: GPL-3.0-or-later
// kioskctl bundle: the operator's side of signed bundles (docs/fleet.md, "Signing a bundle").
#include "tools/kioskctl/bundlecommand.h"

#include "kiosk/config.h"
#include "kiosk/session/staffpin.h"
#include "services/catalog/catalogparser.h"
#include "services/catalog/catalogstore.h"
#include "services/fleet/bundlestore.h"
#include "tools/kioskctl/cliutil.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <fcntl.h>
#include <unistd.h>

namespace kiosk::ctl {

namespace {

using namespace kiosk::fleet;
using namespace kiosk::fleet::bundle;

constexpr const char *usage =
    "usage: kioskctl bundle keygen [--algorithm ed25519|p256|sm2] --out KEY.pem\n"
    "       kioskctl bundle keyset PUBLIC.pem... > KEYSET.json\n"
    "       kioskctl bundle sign --key KEY.pem --kind KIND --version V [--catalog FILE] --out FILE.bundle FILE...\n"
    "       kioskctl bundle verify [--keys KEYSET.json|PUBLIC.pem] [--catalog FILE] FILE.bundle\n"
    "  KIND: config, catalog, forms, platforms, staffPin, keys, commands. V: dotted numbers (2026.12.1), higher\n"
    "  than the version in force. verify: exit 0 only when the bundle is valid; --keys defaults to\n"
    "  $KIOSK_BUNDLE_KEYS, else /etc/kiosk/bundle-keys.json; forms are checked against --catalog\n"
    "  (default: the built-in catalog).\n";

std::optional<QByteArray> readFile(const QString &path, std::FILE *err, qint64 max = kMaxBundleBytes + 128 * 1024)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        print(err, QStringLiteral("kioskctl: cannot read %1\n").arg(path));
        return std::nullopt;
    }
    if (f.size() > max) {
        print(err, QStringLiteral("kioskctl: %1 is larger than %2 MB\n").arg(path).arg(max / (1024 * 1024)));
        return std::nullopt;
    }
    return f.readAll();
}

/** A new file, 0600, never over an existing one (a key is not overwritten by mistake). */
bool writeNew(const QString &path, const QByteArray &data, std::FILE *err, bool allowReplace)
{
    const QByteArray p = QFile::encodeName(path);
    const int fd = ::open(p.constData(), O_WRONLY | O_CREAT | O_CLOEXEC | (allowReplace ? O_TRUNC : O_EXCL), 0600);
    if (fd < 0) {
        print(err, errno == EEXIST ? QStringLiteral("kioskctl: %1 exists; not overwritten\n").arg(path)
                                   : QStringLiteral("kioskctl: cannot write %1\n").arg(path));
        return false;
    }
    const bool ok = ::write(fd, data.constData(), size_t(data.size())) == ssize_t(data.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok)
        print(err, QStringLiteral("kioskctl: cannot write %1 (disk full?)\n").arg(path));
    return ok;
}

BundleInstaller::Validators validators(const QString &catalogFile)
{
    BundleInstaller::Validators v;
    v.config = [](const QByteArray &json) {
        QString error;
        return Config::fromJson(json, &error) ? QString() : error;
    };
    v.staffPinHash = [](const QString &hash) {
        QString error;
        return staffpin::isValidHash(hash, &error) ? QString() : error;
    };
    v.catalogInForce = [catalogFile]() {
        return catalog::loadCatalogFile(catalogFile.isEmpty() ? catalog::CatalogStore::builtInPath() : catalogFile).catalog;
    };
    return v;
}

std::optional<KeySet> loadKeys(const QString &path, std::FILE *err)
{
    const auto bytes = readFile(path, err, 128 * 1024);
    if (!bytes)
        return std::nullopt;
    QString why;
    if (bytes->trimmed().startsWith("-----BEGIN")) {
        auto key = publicKeyFromPem(*bytes, &why);
        if (key)
            return KeySet{{*key}};
    } else if (auto set = parseKeySet(*bytes, &why)) {
        return set;
    }
    print(err, QStringLiteral("kioskctl: %1: %2\n").arg(path, why));
    return std::nullopt;
}

QString line(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) + QLatin1Char('\n');
}

int keygen(QStringList args, std::FILE *out, std::FILE *err)
{
    QString algorithmText = QStringLiteral("ed25519"), outFile;
    if (!takeOption(args, QStringLiteral("--algorithm"), algorithmText) || !takeOption(args, QStringLiteral("--out"), outFile)
        || outFile.isEmpty() || !args.isEmpty()) {
        print(err, QString::fromLatin1(usage));
        return 2;
    }
    const std::optional<Algorithm> algorithm = algorithmText == QLatin1String("ed25519") ? std::optional(Algorithm::Ed25519)
        : algorithmText == QLatin1String("p256")                                         ? std::optional(Algorithm::EcdsaP256)
        : algorithmText == QLatin1String("sm2")                                          ? std::optional(Algorithm::Sm2)
                                                                                         : std::nullopt;
    if (!algorithm) {
        print(err, QStringLiteral("kioskctl: --algorithm must be ed25519, p256 or sm2\n"));
        return 2;
    }
    QString why;
    const auto key = generateKey(*algorithm, &why);
    if (!key) {
        print(err, QStringLiteral("kioskctl: %1\n").arg(why));
        return 1;
    }
    if (!writeNew(outFile, privateKeyPem(*key), err, false))
        return 1;
    const PublicKey pub = publicKeyOf(*key);
    print(out, QString::fromLatin1(pub.pem));
    print(out, QStringLiteral("key id %1 (%2)\n").arg(key->id, algorithmId(key->algorithm)));
    print(err, QStringLiteral("kioskctl: the private key is in %1 (0600): keep it on the signing machine only. Give terminals the public key "
                              "above, in a key set (kioskctl bundle keyset).\n")
                   .arg(outFile));
    return 0;
}

int keyset(const QStringList &args, std::FILE *out, std::FILE *err)
{
    if (args.isEmpty()) {
        print(err, QString::fromLatin1(usage));
        return 2;
    }
    KeySet set;
    for (const QString &file : args) {
        const auto bytes = readFile(file, err, 64 * 1024);
        if (!bytes)
            return 1;
        QString why;
        auto key = publicKeyFromPem(*bytes, &why);
        if (!key) {
            print(err, QStringLiteral("kioskctl: %1: %2\n").arg(file, why));
            return 1;
        }
        if (!set.find(key->id))
            set.keys.push_back(*key);
    }
    QString why;
    if (!parseKeySet(encodeKeySet(set), &why)) {
        print(err, QStringLiteral("kioskctl: %1\n").arg(why));
        return 1;
    }
    print(out, QString::fromUtf8(encodeKeySet(set)));
    return 0;
}

int signBundle(QStringList args, std::FILE *out, std::FILE *err)
{
    QString keyFile, kindText, version, outFile, catalogFile;
    if (!takeOption(args, QStringLiteral("--key"), keyFile) || !takeOption(args, QStringLiteral("--kind"), kindText)
        || !takeOption(args, QStringLiteral("--version"), version) || !takeOption(args, QStringLiteral("--out"), outFile)
        || !takeOption(args, QStringLiteral("--catalog"), catalogFile) || keyFile.isEmpty() || kindText.isEmpty() || version.isEmpty()
        || outFile.isEmpty() || args.isEmpty()) {
        print(err, QString::fromLatin1(usage));
        return 2;
    }
    const auto kind = kindFromId(kindText);
    if (!kind) {
        print(err, QStringLiteral("kioskctl: --kind must be config, catalog, forms, platforms, staffPin, keys or commands\n"));
        return 2;
    }
    QString why;
    if (!parseVersion(version, &why)) {
        print(err, QStringLiteral("kioskctl: %1\n").arg(why));
        return 2;
    }
    const auto keyPem = readFile(keyFile, err, 64 * 1024);
    if (!keyPem)
        return 1;
    const auto key = privateKeyFromPem(*keyPem, &why);
    if (!key) {
        print(err, QStringLiteral("kioskctl: %1: %2\n").arg(keyFile, why));
        return 1;
    }
    std::vector<File> files;
    for (const QString &path : args) {
        const auto data = readFile(path, err, kMaxFileBytes);
        if (!data)
            return 1;
        // One file per kind, under the name the terminal reads (my-city-catalog.json → catalog.json).
        files.push_back({args.size() == 1 ? payloadName(*kind) : QFileInfo(path).fileName(), *data});
    }
    const QByteArray bytes = makeBundle(*key, *kind, version, QDateTime::currentDateTimeUtc().toString(Qt::ISODate), files, &why);
    if (bytes.isEmpty()) {
        print(err, QStringLiteral("kioskctl: not signed: %1\n").arg(why));
        return 1;
    }
    // What a terminal would refuse is not signed: the same checks as `bundle verify`.
    const auto b = decodeContainer(bytes);
    BundleInstaller checker(nullptr, validators(catalogFile));
    QStringList details;
    if (const QString w = checker.validateContent(*b, nullptr, &details); !w.isEmpty()) {
        print(err, QStringLiteral("kioskctl: not signed: %1\n").arg(w));
        for (const QString &d : details)
            print(err, QStringLiteral("  %1\n").arg(d));
        return 1;
    }
    if (!writeNew(outFile, bytes, err, true))
        return 1;
    print(out, QStringLiteral("%1: %2 %3, %4 bytes, signed with key %5 (%6), SHA-256 %7\n")
                   .arg(outFile, kindId(*kind), version)
                   .arg(bytes.size())
                   .arg(key->id, algorithmId(key->algorithm), QString::fromLatin1(sha256Hex(bytes))));
    return 0;
}

int verifyBundle(QStringList args, std::FILE *out, std::FILE *err)
{
    QString keysFile, catalogFile;
    if (!takeOption(args, QStringLiteral("--keys"), keysFile) || !takeOption(args, QStringLiteral("--catalog"), catalogFile) || args.size() != 1) {
        print(err, QString::fromLatin1(usage));
        return 2;
    }
    if (keysFile.isEmpty())
        keysFile = qEnvironmentVariableIsSet("KIOSK_BUNDLE_KEYS") ? qEnvironmentVariable("KIOSK_BUNDLE_KEYS")
                                                                 : QStringLiteral("/etc/kiosk/bundle-keys.json");
    const auto keys = loadKeys(keysFile, err);
    if (!keys)
        return 2;
    const auto bytes = readFile(args.first(), err);
    if (!bytes)
        return 1;
    QString why;
    // The manifest is shown even when the signature fails: it says who claims to have signed it.
    if (const auto parts = decodeContainer(*bytes)) {
        const Manifest &m = parts->manifest;
        print(out, line(QJsonObject{{QStringLiteral("format"), m.format},
                                    {QStringLiteral("kind"), kindId(m.kind)},
                                    {QStringLiteral("version"), m.version},
                                    {QStringLiteral("created"), m.created},
                                    {QStringLiteral("keyId"), m.keyId},
                                    {QStringLiteral("algorithm"), algorithmId(m.algorithm)}}));
        for (const FileEntry &f : m.files)
            print(out, line(QJsonObject{{QStringLiteral("file"), f.name},
                                        {QStringLiteral("size"), qint64(f.size)},
                                        {QStringLiteral("sha256"), QString::fromLatin1(f.sha256)}}));
    }
    const auto b = verify(*bytes, *keys, &why);
    QStringList details;
    if (b) {
        BundleInstaller checker(nullptr, validators(catalogFile));
        why = checker.validateContent(*b, nullptr, &details);
    }
    const bool valid = b && why.isEmpty();
    QJsonObject result{{QStringLiteral("valid"), valid}, {QStringLiteral("sha256"), QString::fromLatin1(sha256Hex(*bytes))}};
    if (!valid)
        result.insert(QStringLiteral("reason"), why);
    print(out, line(result));
    if (!valid) {
        print(err, QStringLiteral("kioskctl: INVALID — %1\n").arg(why));
        for (const QString &d : details)
            print(err, QStringLiteral("  %1\n").arg(d));
    }
    return valid ? 0 : 1;
}

} // namespace

int bundleCommand(const QStringList &argsIn, std::FILE *out, std::FILE *err)
{
    QStringList args = argsIn;
    const QString sub = args.isEmpty() ? QString() : args.takeFirst();
    if (sub == QLatin1String("keygen"))
        return keygen(args, out, err);
    if (sub == QLatin1String("keyset"))
        return keyset(args, out, err);
    if (sub == QLatin1String("sign"))
        return signBundle(args, out, err);
    if (sub == QLatin1String("verify"))
        return verifyBundle(args, out, err);
    print(err, QStringLiteral("kioskctl: unknown bundle command '%1' (keygen, keyset, sign, verify)\n%2").arg(sub, QString::fromLatin1(usage)));
    return 2;
}

} // namespace kiosk::ctl
