// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

struct evp_pkey_st;

/**
 * Signed bundles (docs/fleet.md, "Bundles"): what a fleet deployment carries to a terminal. One
 * file holds a manifest (JSON) and its payload files; the city's operator key signs the exact
 * manifest bytes, and the manifest names every file with its size and SHA-256.
 *
 * Everything here is pure: bytes in, values out (OpenSSL for hashes and signatures). Reading and
 * writing files is the caller's (BundleStore, kioskctl).
 */
namespace kiosk::fleet::bundle {

/** "KIOSKBDL": the first 8 bytes of every bundle. */
inline constexpr char kMagic[8] = {'K', 'I', 'O', 'S', 'K', 'B', 'D', 'L'};
inline constexpr std::uint32_t kContainerFormat = 1;
inline constexpr int kManifestFormat = 1;

// Limits: a catalog is about 1 MB, the forms a few hundred KB; anything far above is a mistake or
// an attack, refused before it is hashed or written.
inline constexpr std::int64_t kMaxManifestBytes = 64 * 1024;
inline constexpr std::int64_t kMaxSignatureBytes = 1024; ///< Ed25519 64, ECDSA/SM2 DER ≤ 72
inline constexpr int kMaxFiles = 32;
inline constexpr std::int64_t kMaxFileBytes = 32LL * 1024 * 1024;
inline constexpr std::int64_t kMaxBundleBytes = 64LL * 1024 * 1024; ///< the whole file
inline constexpr int kMaxNameLength = 64;
inline constexpr int kMaxVersionParts = 6;

/** What a bundle changes on the terminal. A `commands` bundle changes nothing in the store: its
 *  commands are run once (services/fleet/commands.h), and only its version is kept. */
enum class Kind { Config, Catalog, Forms, Platforms, StaffPin, Keys, Commands };
inline constexpr Kind kAllKinds[] = {Kind::Config, Kind::Catalog, Kind::Forms, Kind::Platforms, Kind::StaffPin, Kind::Keys, Kind::Commands};
/** The kinds put in force by a swap of a `current` link (every kind but `commands`). */
inline constexpr Kind kSwappedKinds[] = {Kind::Config, Kind::Catalog, Kind::Forms, Kind::Platforms, Kind::StaffPin, Kind::Keys};

/** "config", "catalog", "forms", "platforms", "staffPin", "keys", "commands". */
[[nodiscard]] QString kindId(Kind kind);
[[nodiscard]] std::optional<Kind> kindFromId(const QString &id);
/** The one file a bundle of @p kind carries: "config.json", "catalog.json", "forms.json",
 *  "platforms.json", "staffPinHash", "keyset.json", "commands.json". */
[[nodiscard]] QString payloadName(Kind kind);

enum class Algorithm { Ed25519, EcdsaP256, Sm2 };

/** "ed25519", "ecdsa-p256-sha256", "sm2-sm3" (the manifest's `algorithm`). */
[[nodiscard]] QString algorithmId(Algorithm algorithm);
[[nodiscard]] std::optional<Algorithm> algorithmFromId(const QString &id);
/** SM2's distinguishing identifier (GM/T 0009-2012's default), set explicitly on both sides. */
inline constexpr char kSm2Id[] = "1234567812345678";

// --- names and versions ------------------------------------------------------------------------

/** Empty when @p name is a plain file name a bundle may carry (1–64 of A–Z a–z 0–9 . _ -, not
 *  starting with a dot, no ".."); otherwise why not. */
[[nodiscard]] QString checkFileName(const QString &name);

/** "2026.12.1" → {2026, 12, 1}: 1–6 dot-separated decimal numbers (0–999999999, no leading
 *  zeros). nullopt when it is not one; @p why says why. */
[[nodiscard]] std::optional<std::vector<std::uint32_t>> parseVersion(const QString &version, QString *why = nullptr);
/** <0, 0, >0 as @p a is older, the same, newer than @p b (missing parts count as 0: 1.0 == 1).
 *  Both must parse. */
[[nodiscard]] int compareVersions(const QString &a, const QString &b);

// --- manifest ----------------------------------------------------------------------------------

struct FileEntry {
    QString name;
    std::int64_t size = 0;
    QByteArray sha256; ///< lower-case hex
};

struct Manifest {
    int format = kManifestFormat;
    Kind kind = Kind::Config;
    QString version;
    QString created; ///< ISO 8601 UTC, "2026-12-01T09:30:00Z"
    QString keyId;
    Algorithm algorithm = Algorithm::Ed25519;
    std::vector<FileEntry> files;
};

/** The manifest as compact JSON (keys in a fixed order). These bytes are what gets signed. */
[[nodiscard]] QByteArray encodeManifest(const Manifest &manifest);
/** Parses and checks a manifest: every key present and of its type, no other key, the limits. */
[[nodiscard]] std::optional<Manifest> parseManifest(const QByteArray &json, QString *why = nullptr);

// --- container ---------------------------------------------------------------------------------

struct File {
    QString name;
    QByteArray data;
};

/** A bundle taken apart: the structure, the limits and every file's size and SHA-256 checked;
 *  the signature NOT yet (verify()). */
struct Bundle {
    Manifest manifest;
    QByteArray manifestBytes; ///< exactly as signed
    QByteArray signature;
    std::vector<File> files; ///< in the manifest's order
    [[nodiscard]] const File *file(const QString &name) const;
};

/**
 * The container, big-endian lengths:
 *   "KIOSKBDL" | u32 format (1) | u32 M | M manifest bytes | u32 S | S signature bytes |
 *   the files' bytes, one after the other in the manifest's order (their sizes are in it).
 * Nothing may follow the last file.
 */
[[nodiscard]] QByteArray encodeContainer(const QByteArray &manifestBytes, const QByteArray &signature, const std::vector<File> &files);
[[nodiscard]] std::optional<Bundle> decodeContainer(const QByteArray &bytes, QString *why = nullptr);

/** SHA-256 of @p data, lower-case hex. */
[[nodiscard]] QByteArray sha256Hex(const QByteArray &data);

// --- keys --------------------------------------------------------------------------------------

using PkeyPtr = std::shared_ptr<evp_pkey_st>;

/** An operator's public key as the terminal trusts it. */
struct PublicKey {
    QString id; ///< the first 16 hex digits of SHA-256 over the key's DER SubjectPublicKeyInfo
    Algorithm algorithm = Algorithm::Ed25519;
    QByteArray pem; ///< "-----BEGIN PUBLIC KEY-----…"
    PkeyPtr key;
};

struct PrivateKey {
    QString id; ///< of its public half
    Algorithm algorithm = Algorithm::Ed25519;
    PkeyPtr key;
};

/** A new key pair (OpenSSL's random generator). nullopt when OpenSSL fails (@p why). */
[[nodiscard]] std::optional<PrivateKey> generateKey(Algorithm algorithm, QString *why = nullptr);
/** PKCS#8 PEM, unencrypted: keep the file 0600 on the operator's signing machine, never on a terminal. */
[[nodiscard]] QByteArray privateKeyPem(const PrivateKey &key);
[[nodiscard]] std::optional<PrivateKey> privateKeyFromPem(const QByteArray &pem, QString *why = nullptr);
[[nodiscard]] PublicKey publicKeyOf(const PrivateKey &key);
/** Ed25519, P-256 or SM2 public keys only. */
[[nodiscard]] std::optional<PublicKey> publicKeyFromPem(const QByteArray &pem, QString *why = nullptr);

/** The public keys a terminal trusts for bundles, by id. */
struct KeySet {
    std::vector<PublicKey> keys;
    [[nodiscard]] const PublicKey *find(const QString &id) const;
};

/**
 * A key set file: {"format":1,"keys":[{"id":"…","publicKey":"-----BEGIN PUBLIC KEY-----\n…"}]}.
 * Every id must be the one computed from its key; 1–16 keys; no id twice.
 */
[[nodiscard]] std::optional<KeySet> parseKeySet(const QByteArray &json, QString *why = nullptr);
[[nodiscard]] QByteArray encodeKeySet(const KeySet &set);

/** Signs @p message (Ed25519 over the bytes; ECDSA P-256 with SHA-256; SM2 with SM3 and kSm2Id). */
[[nodiscard]] QByteArray sign(const PrivateKey &key, const QByteArray &message, QString *why = nullptr);
[[nodiscard]] bool verifySignature(const PublicKey &key, const QByteArray &message, const QByteArray &signature);

// --- whole bundles -----------------------------------------------------------------------------

/** A signed bundle of @p kind carrying @p files; empty on failure (@p why: a bad name, a limit …). */
[[nodiscard]] QByteArray makeBundle(const PrivateKey &key, Kind kind, const QString &version, const QString &created,
                                    const std::vector<File> &files, QString *why = nullptr);

/**
 * Takes @p bytes apart and checks them completely against @p trusted: the container, the limits,
 * every file's size and SHA-256, the key id (known), the algorithm (the key's), the signature over
 * the manifest bytes. nullopt with the reason in plain words otherwise.
 */
[[nodiscard]] std::optional<Bundle> verify(const QByteArray &bytes, const KeySet &trusted, QString *why = nullptr);

} // namespace kiosk::fleet::bundle
