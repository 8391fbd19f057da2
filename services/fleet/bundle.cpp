// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/fleet/bundle.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cmath>
#include <cstring>

namespace kiosk::fleet::bundle {

namespace {

template<typename T>
std::optional<T> fail(QString *why, const QString &text)
{
    if (why)
        *why = text;
    return std::nullopt;
}

struct BioFree {
    void operator()(BIO *b) const { BIO_free(b); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX *c) const { EVP_MD_CTX_free(c); }
};
struct PkeyCtxFree {
    void operator()(EVP_PKEY_CTX *c) const { EVP_PKEY_CTX_free(c); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;

PkeyPtr adopt(EVP_PKEY *k)
{
    return PkeyPtr(k, [](EVP_PKEY *p) { EVP_PKEY_free(p); });
}

QByteArray bioBytes(BIO *bio)
{
    char *data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    return n > 0 ? QByteArray(data, qsizetype(n)) : QByteArray();
}

std::optional<Algorithm> algorithmOf(EVP_PKEY *k)
{
    if (EVP_PKEY_is_a(k, "ED25519"))
        return Algorithm::Ed25519;
    if (EVP_PKEY_is_a(k, "SM2"))
        return Algorithm::Sm2;
    if (EVP_PKEY_is_a(k, "EC")) {
        char group[80] = {};
        size_t len = 0;
        if (EVP_PKEY_get_utf8_string_param(k, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &len) == 1
            && (std::strcmp(group, "prime256v1") == 0 || std::strcmp(group, "P-256") == 0))
            return Algorithm::EcdsaP256;
    }
    return std::nullopt;
}

QString keyIdOf(EVP_PKEY *k)
{
    unsigned char *der = nullptr;
    const int n = i2d_PUBKEY(k, &der);
    if (n <= 0)
        return {};
    const QByteArray bytes(reinterpret_cast<const char *>(der), n);
    OPENSSL_free(der);
    return QString::fromLatin1(sha256Hex(bytes).left(16));
}

QString opensslError()
{
    return QStringLiteral("OpenSSL refused the operation");
}

const char *digestName(Algorithm a)
{
    switch (a) {
    case Algorithm::Ed25519:
        return nullptr; // pure Ed25519 hashes the message itself
    case Algorithm::EcdsaP256:
        return "SHA256";
    case Algorithm::Sm2:
        return "SM3";
    }
    return nullptr;
}

/**
 * A digest-sign/verify context for @p key. SM2's distinguishing id goes on a key context made
 * beforehand, as OpenSSL's EVP_PKEY-SM2(7) shows; the md context borrows it, so it is kept in
 * @p pkeyCtx and freed after the md context.
 */
bool initContext(EVP_MD_CTX *md, std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> &pkeyCtx, EVP_PKEY *key, Algorithm a, bool forSigning)
{
    if (a == Algorithm::Sm2) {
        pkeyCtx.reset(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
        if (!pkeyCtx || EVP_PKEY_CTX_set1_id(pkeyCtx.get(), kSm2Id, int(std::strlen(kSm2Id))) != 1)
            return false;
        EVP_MD_CTX_set_pkey_ctx(md, pkeyCtx.get());
    }
    return forSigning ? EVP_DigestSignInit_ex(md, nullptr, digestName(a), nullptr, nullptr, key, nullptr) == 1
                      : EVP_DigestVerifyInit_ex(md, nullptr, digestName(a), nullptr, nullptr, key, nullptr) == 1;
}

bool isLowerHex(const QString &s, qsizetype length)
{
    if (s.size() != length)
        return false;
    for (const QChar c : s)
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))))
            return false;
    return true;
}

std::optional<std::int64_t> wholeNumber(const QJsonValue &v, std::int64_t max)
{
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (d < 0 || d > double(max) || std::floor(d) != d)
        return std::nullopt;
    return std::int64_t(d);
}

QString jsonString(const QString &s)
{
    QByteArray a = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(a.mid(1, a.size() - 2));
}

void putU32(QByteArray &out, std::uint32_t v)
{
    out.append(char((v >> 24) & 0xff)).append(char((v >> 16) & 0xff)).append(char((v >> 8) & 0xff)).append(char(v & 0xff));
}

std::uint32_t getU32(const QByteArray &b, qsizetype at)
{
    const auto u = [&](qsizetype i) { return std::uint32_t(static_cast<unsigned char>(b.at(at + i))); };
    return (u(0) << 24) | (u(1) << 16) | (u(2) << 8) | u(3);
}

} // namespace

// --- kinds and algorithms ----------------------------------------------------------------------

QString kindId(Kind kind)
{
    switch (kind) {
    case Kind::Config:
        return QStringLiteral("config");
    case Kind::Catalog:
        return QStringLiteral("catalog");
    case Kind::Forms:
        return QStringLiteral("forms");
    case Kind::Platforms:
        return QStringLiteral("platforms");
    case Kind::StaffPin:
        return QStringLiteral("staffPin");
    case Kind::Keys:
        return QStringLiteral("keys");
    case Kind::Commands:
        return QStringLiteral("commands");
    }
    return {};
}

std::optional<Kind> kindFromId(const QString &id)
{
    for (const Kind k : kAllKinds)
        if (kindId(k) == id)
            return k;
    return std::nullopt;
}

QString payloadName(Kind kind)
{
    switch (kind) {
    case Kind::Config:
        return QStringLiteral("config.json");
    case Kind::Catalog:
        return QStringLiteral("catalog.json");
    case Kind::Forms:
        return QStringLiteral("forms.json");
    case Kind::Platforms:
        return QStringLiteral("platforms.json");
    case Kind::StaffPin:
        return QStringLiteral("staffPinHash");
    case Kind::Keys:
        return QStringLiteral("keyset.json");
    case Kind::Commands:
        return QStringLiteral("commands.json");
    }
    return {};
}

QString algorithmId(Algorithm algorithm)
{
    switch (algorithm) {
    case Algorithm::Ed25519:
        return QStringLiteral("ed25519");
    case Algorithm::EcdsaP256:
        return QStringLiteral("ecdsa-p256-sha256");
    case Algorithm::Sm2:
        return QStringLiteral("sm2-sm3");
    }
    return {};
}

std::optional<Algorithm> algorithmFromId(const QString &id)
{
    for (const Algorithm a : {Algorithm::Ed25519, Algorithm::EcdsaP256, Algorithm::Sm2})
        if (algorithmId(a) == id)
            return a;
    return std::nullopt;
}

// --- names and versions ------------------------------------------------------------------------

QString checkFileName(const QString &name)
{
    if (name.isEmpty())
        return QStringLiteral("a file has an empty name");
    if (name.size() > kMaxNameLength)
        return QStringLiteral("the file name \"%1…\" is longer than %2 characters").arg(name.left(20)).arg(kMaxNameLength);
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9._-]+$"));
    if (!plain.match(name).hasMatch())
        return QStringLiteral("the file name \"%1\" is not a plain name (only letters, digits, \".\", \"_\" and \"-\"; no folders)").arg(name);
    if (name.startsWith(QLatin1Char('.')))
        return QStringLiteral("the file name \"%1\" starts with a dot").arg(name);
    if (name.contains(QLatin1String("..")))
        return QStringLiteral("the file name \"%1\" contains \"..\"").arg(name);
    return {};
}

std::optional<std::vector<std::uint32_t>> parseVersion(const QString &version, QString *why)
{
    if (version.isEmpty())
        return fail<std::vector<std::uint32_t>>(why, QStringLiteral("the version is empty"));
    const QStringList parts = version.split(QLatin1Char('.'));
    if (parts.size() > kMaxVersionParts)
        return fail<std::vector<std::uint32_t>>(why, QStringLiteral("the version \"%1\" has more than %2 parts").arg(version.left(40)).arg(kMaxVersionParts));
    std::vector<std::uint32_t> out;
    static const QRegularExpression number(QStringLiteral("^(0|[1-9][0-9]{0,8})$"));
    for (const QString &p : parts) {
        if (!number.match(p).hasMatch())
            return fail<std::vector<std::uint32_t>>(
                why, QStringLiteral("the version \"%1\" is not dotted numbers like 2026.12.1 (no leading zeros)").arg(version.left(40)));
        out.push_back(p.toUInt());
    }
    return out;
}

int compareVersions(const QString &a, const QString &b)
{
    const auto va = parseVersion(a).value_or(std::vector<std::uint32_t>{});
    const auto vb = parseVersion(b).value_or(std::vector<std::uint32_t>{});
    for (size_t i = 0; i < std::max(va.size(), vb.size()); ++i) {
        const std::uint32_t x = i < va.size() ? va[i] : 0;
        const std::uint32_t y = i < vb.size() ? vb[i] : 0;
        if (x != y)
            return x < y ? -1 : 1;
    }
    return 0;
}

// --- manifest ----------------------------------------------------------------------------------

QByteArray encodeManifest(const Manifest &m)
{
    QString files;
    for (const FileEntry &f : m.files) {
        if (!files.isEmpty())
            files += QLatin1Char(',');
        files += QStringLiteral("{\"name\":%1,\"size\":%2,\"sha256\":%3}")
                     .arg(jsonString(f.name))
                     .arg(f.size)
                     .arg(jsonString(QString::fromLatin1(f.sha256)));
    }
    return QStringLiteral("{\"format\":%1,\"kind\":%2,\"version\":%3,\"created\":%4,\"keyId\":%5,\"algorithm\":%6,\"files\":[%7]}")
        .arg(m.format)
        .arg(jsonString(kindId(m.kind)), jsonString(m.version), jsonString(m.created), jsonString(m.keyId),
             jsonString(algorithmId(m.algorithm)), files)
        .toUtf8();
}

std::optional<Manifest> parseManifest(const QByteArray &json, QString *why)
{
    using R = std::optional<Manifest>;
    if (json.size() > kMaxManifestBytes)
        return fail<Manifest>(why, QStringLiteral("the manifest is larger than %1 KB").arg(kMaxManifestBytes / 1024));
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &perr);
    if (perr.error != QJsonParseError::NoError || !doc.isObject())
        return fail<Manifest>(why, QStringLiteral("the manifest is not a JSON object"));
    const QJsonObject o = doc.object();
    static const QStringList keys = {QStringLiteral("format"),  QStringLiteral("kind"),      QStringLiteral("version"),
                                     QStringLiteral("created"), QStringLiteral("keyId"),     QStringLiteral("algorithm"),
                                     QStringLiteral("files")};
    for (const QString &k : o.keys())
        if (!keys.contains(k))
            return fail<Manifest>(why, QStringLiteral("the manifest has an unknown key \"%1\"").arg(k.left(40)));
    for (const QString &k : keys)
        if (!o.contains(k))
            return fail<Manifest>(why, QStringLiteral("the manifest has no \"%1\"").arg(k));
    Manifest m;
    if (wholeNumber(o.value(QLatin1String("format")), 1000) != std::optional<std::int64_t>(kManifestFormat))
        return fail<Manifest>(why, QStringLiteral("the manifest's format is not %1 (made by a newer kioskctl?)").arg(kManifestFormat));
    const QString kind = o.value(QLatin1String("kind")).toString();
    const auto k = kindFromId(kind);
    if (!k)
        return fail<Manifest>(why, QStringLiteral("the kind \"%1\" is not one this terminal knows (config, catalog, forms, platforms, staffPin, keys, commands)").arg(kind.left(40)));
    m.kind = *k;
    m.version = o.value(QLatin1String("version")).toString();
    if (QString w; !parseVersion(m.version, &w))
        return fail<Manifest>(why, w);
    m.created = o.value(QLatin1String("created")).toString();
    if (!m.created.endsWith(QLatin1Char('Z')) || !QDateTime::fromString(m.created, Qt::ISODate).isValid())
        return fail<Manifest>(why, QStringLiteral("\"created\" is not a UTC time like 2026-12-01T09:30:00Z"));
    m.keyId = o.value(QLatin1String("keyId")).toString();
    if (!isLowerHex(m.keyId, 16))
        return fail<Manifest>(why, QStringLiteral("the key id is not 16 lower-case hex digits"));
    const auto a = algorithmFromId(o.value(QLatin1String("algorithm")).toString());
    if (!a)
        return fail<Manifest>(why, QStringLiteral("the algorithm \"%1\" is not one of ed25519, ecdsa-p256-sha256, sm2-sm3")
                                       .arg(o.value(QLatin1String("algorithm")).toString().left(40)));
    m.algorithm = *a;
    const QJsonValue fv = o.value(QLatin1String("files"));
    if (!fv.isArray() || fv.toArray().isEmpty())
        return fail<Manifest>(why, QStringLiteral("the manifest lists no files"));
    const QJsonArray files = fv.toArray();
    if (files.size() > kMaxFiles)
        return fail<Manifest>(why, QStringLiteral("the bundle has %1 files, more than %2").arg(files.size()).arg(kMaxFiles));
    QSet<QString> seen;
    std::int64_t total = 0;
    for (const QJsonValue &v : files) {
        const QJsonObject f = v.toObject();
        if (!v.isObject() || f.size() != 3 || !f.value(QLatin1String("name")).isString() || !f.contains(QLatin1String("size"))
            || !f.value(QLatin1String("sha256")).isString())
            return fail<Manifest>(why, QStringLiteral("a file entry is not {\"name\",\"size\",\"sha256\"}"));
        FileEntry e;
        e.name = f.value(QLatin1String("name")).toString();
        if (const QString w = checkFileName(e.name); !w.isEmpty())
            return fail<Manifest>(why, w);
        if (seen.contains(e.name))
            return fail<Manifest>(why, QStringLiteral("the file \"%1\" is listed twice").arg(e.name));
        seen.insert(e.name);
        const auto size = wholeNumber(f.value(QLatin1String("size")), kMaxFileBytes);
        if (!size)
            return fail<Manifest>(why, QStringLiteral("the file \"%1\" is larger than %2 MB or its size is not a whole number")
                                           .arg(e.name).arg(kMaxFileBytes / (1024 * 1024)));
        e.size = *size;
        total += e.size;
        const QString hash = f.value(QLatin1String("sha256")).toString();
        if (!isLowerHex(hash, 64))
            return fail<Manifest>(why, QStringLiteral("the SHA-256 of \"%1\" is not 64 lower-case hex digits").arg(e.name));
        e.sha256 = hash.toLatin1();
        m.files.push_back(e);
    }
    if (total > kMaxBundleBytes)
        return fail<Manifest>(why, QStringLiteral("the files add up to more than %1 MB").arg(kMaxBundleBytes / (1024 * 1024)));
    return R(std::move(m));
}

// --- container ---------------------------------------------------------------------------------

const File *Bundle::file(const QString &name) const
{
    for (const File &f : files)
        if (f.name == name)
            return &f;
    return nullptr;
}

QByteArray sha256Hex(const QByteArray &data)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if (EVP_Digest(data.constData(), size_t(data.size()), md, &n, EVP_sha256(), nullptr) != 1)
        return {};
    return QByteArray(reinterpret_cast<const char *>(md), int(n)).toHex();
}

QByteArray encodeContainer(const QByteArray &manifestBytes, const QByteArray &signature, const std::vector<File> &files)
{
    QByteArray out(kMagic, sizeof kMagic);
    putU32(out, kContainerFormat);
    putU32(out, std::uint32_t(manifestBytes.size()));
    out += manifestBytes;
    putU32(out, std::uint32_t(signature.size()));
    out += signature;
    for (const File &f : files)
        out += f.data;
    return out;
}

std::optional<Bundle> decodeContainer(const QByteArray &bytes, QString *why)
{
    if (bytes.size() > kMaxBundleBytes + kMaxManifestBytes + kMaxSignatureBytes + 24)
        return fail<Bundle>(why, QStringLiteral("the bundle is larger than %1 MB").arg(kMaxBundleBytes / (1024 * 1024)));
    if (bytes.size() < 16 || std::memcmp(bytes.constData(), kMagic, sizeof kMagic) != 0)
        return fail<Bundle>(why, QStringLiteral("this is not a bundle (it does not start with KIOSKBDL)"));
    if (getU32(bytes, 8) != kContainerFormat)
        return fail<Bundle>(why, QStringLiteral("the bundle's container format %1 is not 1 (made by a newer kioskctl?)").arg(getU32(bytes, 8)));
    const std::int64_t manifestSize = getU32(bytes, 12);
    if (manifestSize == 0 || manifestSize > kMaxManifestBytes)
        return fail<Bundle>(why, QStringLiteral("the manifest is empty or larger than %1 KB").arg(kMaxManifestBytes / 1024));
    qsizetype at = 16;
    if (bytes.size() - at < manifestSize + 4)
        return fail<Bundle>(why, QStringLiteral("the bundle is cut short (in the manifest)"));
    Bundle b;
    b.manifestBytes = bytes.mid(at, qsizetype(manifestSize));
    at += qsizetype(manifestSize);
    const std::int64_t signatureSize = getU32(bytes, at);
    at += 4;
    if (signatureSize > kMaxSignatureBytes)
        return fail<Bundle>(why, QStringLiteral("the signature is larger than %1 bytes").arg(kMaxSignatureBytes));
    if (bytes.size() - at < signatureSize)
        return fail<Bundle>(why, QStringLiteral("the bundle is cut short (in the signature)"));
    b.signature = bytes.mid(at, qsizetype(signatureSize));
    at += qsizetype(signatureSize);
    QString w;
    auto m = parseManifest(b.manifestBytes, &w);
    if (!m)
        return fail<Bundle>(why, w);
    b.manifest = std::move(*m);
    for (const FileEntry &e : b.manifest.files) {
        if (bytes.size() - at < e.size)
            return fail<Bundle>(why, QStringLiteral("the bundle is cut short: \"%1\" needs %2 bytes, %3 are left").arg(e.name).arg(e.size).arg(bytes.size() - at));
        File f{e.name, bytes.mid(at, qsizetype(e.size))};
        at += qsizetype(e.size);
        if (sha256Hex(f.data) != e.sha256)
            return fail<Bundle>(why, QStringLiteral("the file \"%1\" does not match its SHA-256 in the manifest (changed after signing)").arg(e.name));
        b.files.push_back(std::move(f));
    }
    if (at != bytes.size())
        return fail<Bundle>(why, QStringLiteral("%1 unexpected bytes follow the last file").arg(bytes.size() - at));
    return b;
}

// --- keys --------------------------------------------------------------------------------------

std::optional<PrivateKey> generateKey(Algorithm algorithm, QString *why)
{
    EVP_PKEY *k = nullptr;
    switch (algorithm) {
    case Algorithm::Ed25519:
        k = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
        break;
    case Algorithm::EcdsaP256:
        k = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
        break;
    case Algorithm::Sm2:
        k = EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2");
        break;
    }
    if (!k)
        return fail<PrivateKey>(why, QStringLiteral("OpenSSL could not make a %1 key").arg(algorithmId(algorithm)));
    PrivateKey key{keyIdOf(k), algorithm, adopt(k)};
    return key;
}

QByteArray privateKeyPem(const PrivateKey &key)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || !key.key || PEM_write_bio_PrivateKey(bio.get(), key.key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return {};
    return bioBytes(bio.get());
}

std::optional<PrivateKey> privateKeyFromPem(const QByteArray &pem, QString *why)
{
    BioPtr bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    EVP_PKEY *k = bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr;
    if (!k)
        return fail<PrivateKey>(why, QStringLiteral("not a PEM private key (an encrypted key is not supported)"));
    PkeyPtr p = adopt(k);
    const auto a = algorithmOf(k);
    if (!a)
        return fail<PrivateKey>(why, QStringLiteral("the key is not an Ed25519, P-256 or SM2 key"));
    return PrivateKey{keyIdOf(k), *a, p};
}

PublicKey publicKeyOf(const PrivateKey &key)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || !key.key || PEM_write_bio_PUBKEY(bio.get(), key.key.get()) != 1)
        return {};
    const QByteArray pem = bioBytes(bio.get());
    return publicKeyFromPem(pem).value_or(PublicKey{});
}

std::optional<PublicKey> publicKeyFromPem(const QByteArray &pem, QString *why)
{
    if (pem.size() > 4096)
        return fail<PublicKey>(why, QStringLiteral("the public key is longer than 4 KB"));
    BioPtr bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    EVP_PKEY *k = bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr;
    if (!k)
        return fail<PublicKey>(why, QStringLiteral("not a PEM public key (-----BEGIN PUBLIC KEY-----)"));
    PkeyPtr p = adopt(k);
    const auto a = algorithmOf(k);
    if (!a)
        return fail<PublicKey>(why, QStringLiteral("the key is not an Ed25519, P-256 or SM2 key"));
    BioPtr out(BIO_new(BIO_s_mem()));
    if (!out || PEM_write_bio_PUBKEY(out.get(), k) != 1)
        return fail<PublicKey>(why, opensslError());
    return PublicKey{keyIdOf(k), *a, bioBytes(out.get()), p};
}

const PublicKey *KeySet::find(const QString &id) const
{
    for (const PublicKey &k : keys)
        if (k.id == id)
            return &k;
    return nullptr;
}

std::optional<KeySet> parseKeySet(const QByteArray &json, QString *why)
{
    if (json.size() > 128 * 1024)
        return fail<KeySet>(why, QStringLiteral("the key set is larger than 128 KB"));
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &perr);
    if (perr.error != QJsonParseError::NoError || !doc.isObject())
        return fail<KeySet>(why, QStringLiteral("the key set is not a JSON object"));
    const QJsonObject o = doc.object();
    for (const QString &k : o.keys())
        if (k != QLatin1String("format") && k != QLatin1String("keys"))
            return fail<KeySet>(why, QStringLiteral("the key set has an unknown key \"%1\"").arg(k.left(40)));
    if (wholeNumber(o.value(QLatin1String("format")), 1000) != std::optional<std::int64_t>(1))
        return fail<KeySet>(why, QStringLiteral("the key set's format is not 1"));
    const QJsonArray keys = o.value(QLatin1String("keys")).toArray();
    if (keys.isEmpty() || keys.size() > 16)
        return fail<KeySet>(why, QStringLiteral("the key set must hold 1 to 16 keys"));
    KeySet set;
    for (const QJsonValue &v : keys) {
        const QJsonObject e = v.toObject();
        const QString id = e.value(QLatin1String("id")).toString();
        QString w;
        auto key = publicKeyFromPem(e.value(QLatin1String("publicKey")).toString().toUtf8(), &w);
        if (!key)
            return fail<KeySet>(why, QStringLiteral("key \"%1\": %2").arg(id.left(20), w));
        if (key->id != id)
            return fail<KeySet>(why, QStringLiteral("key \"%1\" is not the id of its public key (%2)").arg(id.left(20), key->id));
        if (set.find(id))
            return fail<KeySet>(why, QStringLiteral("key \"%1\" is listed twice").arg(id));
        set.keys.push_back(std::move(*key));
    }
    return set;
}

QByteArray encodeKeySet(const KeySet &set)
{
    QJsonArray keys;
    for (const PublicKey &k : set.keys)
        keys.append(QJsonObject{{QStringLiteral("id"), k.id},
                                {QStringLiteral("algorithm"), algorithmId(k.algorithm)},
                                {QStringLiteral("publicKey"), QString::fromLatin1(k.pem)}});
    // "algorithm" is for the reader; parseKeySet takes it from the key itself.
    QJsonObject o{{QStringLiteral("format"), 1}, {QStringLiteral("keys"), keys}};
    QByteArray out = QJsonDocument(o).toJson(QJsonDocument::Indented);
    return out;
}

QByteArray sign(const PrivateKey &key, const QByteArray &message, QString *why)
{
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> md(EVP_MD_CTX_new());
    std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> pctx;
    size_t len = 0;
    const auto *msg = reinterpret_cast<const unsigned char *>(message.constData());
    if (!md || !key.key || !initContext(md.get(), pctx, key.key.get(), key.algorithm, true)
        || EVP_DigestSign(md.get(), nullptr, &len, msg, size_t(message.size())) != 1) {
        if (why)
            *why = QStringLiteral("OpenSSL could not sign with the %1 key").arg(algorithmId(key.algorithm));
        return {};
    }
    QByteArray sig(qsizetype(len), '\0');
    if (EVP_DigestSign(md.get(), reinterpret_cast<unsigned char *>(sig.data()), &len, msg, size_t(message.size())) != 1) {
        if (why)
            *why = QStringLiteral("OpenSSL could not sign with the %1 key").arg(algorithmId(key.algorithm));
        return {};
    }
    sig.resize(qsizetype(len));
    md.reset(); // before the key context it borrows
    return sig;
}

bool verifySignature(const PublicKey &key, const QByteArray &message, const QByteArray &signature)
{
    if (!key.key || signature.isEmpty())
        return false;
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> md(EVP_MD_CTX_new());
    std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> pctx;
    if (!md || !initContext(md.get(), pctx, key.key.get(), key.algorithm, false))
        return false;
    const bool ok = EVP_DigestVerify(md.get(), reinterpret_cast<const unsigned char *>(signature.constData()), size_t(signature.size()),
                                     reinterpret_cast<const unsigned char *>(message.constData()), size_t(message.size()))
        == 1;
    md.reset();
    return ok;
}

// --- whole bundles -----------------------------------------------------------------------------

QByteArray makeBundle(const PrivateKey &key, Kind kind, const QString &version, const QString &created,
                      const std::vector<File> &files, QString *why)
{
    auto refuse = [why](const QString &w) {
        if (why)
            *why = w;
        return QByteArray();
    };
    Manifest m;
    m.kind = kind;
    m.version = version;
    m.created = created;
    m.keyId = key.id;
    m.algorithm = key.algorithm;
    if (files.empty())
        return refuse(QStringLiteral("a bundle needs at least one file"));
    if (files.size() > size_t(kMaxFiles))
        return refuse(QStringLiteral("a bundle holds at most %1 files").arg(kMaxFiles));
    for (const File &f : files) {
        if (f.data.size() > kMaxFileBytes)
            return refuse(QStringLiteral("\"%1\" is larger than %2 MB").arg(f.name).arg(kMaxFileBytes / (1024 * 1024)));
        m.files.push_back({f.name, f.data.size(), sha256Hex(f.data)});
    }
    const QByteArray manifestBytes = encodeManifest(m);
    // The same checks the terminal makes: what kioskctl signs, a terminal accepts.
    QString w;
    if (!parseManifest(manifestBytes, &w))
        return refuse(w);
    const QByteArray signature = sign(key, manifestBytes, &w);
    if (signature.isEmpty())
        return refuse(w);
    return encodeContainer(manifestBytes, signature, files);
}

std::optional<Bundle> verify(const QByteArray &bytes, const KeySet &trusted, QString *why)
{
    QString w;
    auto b = decodeContainer(bytes, &w);
    if (!b)
        return fail<Bundle>(why, w);
    if (b->signature.isEmpty())
        return fail<Bundle>(why, QStringLiteral("the bundle is not signed"));
    const PublicKey *key = trusted.find(b->manifest.keyId);
    if (!key)
        return fail<Bundle>(why, QStringLiteral("the bundle is signed with key %1, which this terminal does not trust").arg(b->manifest.keyId));
    if (key->algorithm != b->manifest.algorithm)
        return fail<Bundle>(why, QStringLiteral("the manifest says %1 but key %2 is a %3 key")
                                     .arg(algorithmId(b->manifest.algorithm), key->id, algorithmId(key->algorithm)));
    if (!verifySignature(*key, b->manifestBytes, b->signature))
        return fail<Bundle>(why, QStringLiteral("the signature does not match the manifest (changed after signing, or signed with another key)"));
    return b;
}

} // namespace kiosk::fleet::bundle
