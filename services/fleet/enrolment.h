// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <chrono>
#include <filesystem>
#include <optional>

namespace kiosk::fleet::enrolment {

/**
 * What enrols a terminal in its city's fleet (docs/fleet.md, "Enrolment"): the DDI server, the CA
 * that signs its certificate, the terminal's target token, and the operator's public keys that
 * bundles must be signed with. The operator makes one per terminal (`kioskctl fleet
 * make-enrolment`); the terminal takes it on site, by one of three paths:
 *
 *  - a **file** in the configuration folder at first boot (`enrolment.json` beside config.json,
 *    or `kioskctl fleet enrol FILE` on the terminal);
 *  - a **QR code** scanned on the maintenance page: the file, compressed, as text
 *    `KIOSKENROL1:<base64url(zlib(file))>` (toQrText());
 *  - a **one-time code** typed on the maintenance page: `SSSS-DDDD-DDDD-DDDD-DDDD`, a slot and
 *    the first 80 bits of the file's SHA-256 (Crockford base32). The terminal fetches the file
 *    from `<enrolmentUrl>/<slot>` (the city's HTTPS host, its CA configured in the image) and
 *    takes it only when its SHA-256 begins with the typed digest: the code authenticates the
 *    file, the network only carries it.
 *
 * Pure functions here; EnrolmentStore keeps one on disk; probe() and fetch() use the network.
 * The token never appears in a log line, an error message or a debug print.
 */
struct Enrolment {
    QString server; ///< the DDI base, "https://fleet.example/DEFAULT/controller/v1/"
    QString controllerId; ///< empty: the terminal id
    QByteArray caPem; ///< the CA certificate(s) of the fleet server (PEM)
    QString targetToken; ///< hawkBit's target security token
    QByteArray keySet; ///< the operator's key set (bundle::parseKeySet's format)
    QString reference; ///< the operator's label for this enrolment ("莆田 荔城 0012"); shown, not trusted
    std::optional<QDateTime> notAfter; ///< UTC; refused afterwards (the one-time code's life)
};

inline constexpr qsizetype kMaxFileBytes = 24 * 1024;
inline constexpr const char *kQrPrefix = "KIOSKENROL1:";

/** Whether @p url is a DDI base this client speaks to: https, a host, ending in /controller/v1/. */
[[nodiscard]] bool isDdiBase(const QString &url);

/**
 * Parses and checks an enrolment file: format and version, every field's shape and limits,
 * the CA (parsed by OpenSSL), the key set, the expiry against @p now. nullopt with the reason in
 * a technician's words (never the token).
 */
[[nodiscard]] std::optional<Enrolment> parse(const QByteArray &file, const QDateTime &now, QString *why = nullptr);
/** The file for @p e (compact JSON: small enough for a QR code). */
[[nodiscard]] QByteArray encode(const Enrolment &e);

/** The QR code's text for an enrolment file. */
[[nodiscard]] QString toQrText(const QByteArray &file);
/** Whether @p text is an enrolment QR code (by its prefix). */
[[nodiscard]] bool isQrText(const QString &text);
/** The enrolment file in a QR code's text; nullopt when damaged or too large. */
[[nodiscard]] std::optional<QByteArray> fromQrText(const QString &text, QString *why = nullptr);

/** A typed one-time code, normalised. */
struct OneTimeCode {
    QString slot; ///< 4 characters: the file's name on the enrolment host
    QString digest; ///< 16 characters: the first 80 bits of the file's SHA-256, base32
    [[nodiscard]] QString text() const; ///< "SSSS-DDDD-DDDD-DDDD-DDDD"
};
/** The code for the file at @p slot (4 base32 characters). */
[[nodiscard]] OneTimeCode makeCode(const QString &slot, const QByteArray &file);
/** A fresh random slot. */
[[nodiscard]] QString randomSlot();
/**
 * What a technician typed: upper or lower case, with or without dashes and spaces; O read as 0,
 * I and L as 1 (Crockford). nullopt when it is not 20 such characters.
 */
[[nodiscard]] std::optional<OneTimeCode> parseCode(const QString &typed, QString *why = nullptr);
/** Whether @p file is the one @p code names (its SHA-256 begins with the code's digest). */
[[nodiscard]] bool matches(const OneTimeCode &code, const QByteArray &file);

/** The SHA-256 of @p bytes, hex. */
[[nodiscard]] QByteArray sha256Hex(const QByteArray &bytes);

// --- on disk -----------------------------------------------------------------------------------

/**
 * The enrolment in force, in `<stateDir>/enrolment/` (0700): `enrolment.json` (server, controller
 * id, reference, when and how, the file's SHA-256), `ca.pem`, `keyset.json` and `target-token`
 * (0600, read back through the SecretStore like any credential file). Saved completely (each
 * file written and fsynced, then enrolment.json last, renamed into place): a power cut leaves
 * the previous enrolment or the new one.
 */
class EnrolmentStore
{
public:
    explicit EnrolmentStore(std::filesystem::path stateDir);

    struct Stored {
        QString server;
        QString controllerId;
        QString reference;
        QString source; ///< "file", "qr", "code", "kioskctl"
        QString enrolledAt; ///< ISO 8601, UTC
        QByteArray sha256; ///< of the enrolment file
        std::filesystem::path caFile;
        std::filesystem::path keySetFile;
        std::filesystem::path tokenFile;
    };
    /** The enrolment in force; nullopt when none (or @p why when it is damaged). */
    [[nodiscard]] std::optional<Stored> load(QString *why = nullptr) const;
    /** Puts @p e in force; empty on success, else why (the previous enrolment is kept). */
    QString save(const Enrolment &e, const QByteArray &file, const QString &source);

    /** The SHA-256 of the last first-boot file taken: the same file is not taken twice. */
    [[nodiscard]] QByteArray lastBootFile() const;
    void setLastBootFile(const QByteArray &sha256);

    [[nodiscard]] std::filesystem::path dir() const { return m_dir; }

private:
    std::filesystem::path m_dir;
};

// --- over the network --------------------------------------------------------------------------

/** What a probe of the fleet server with an enrolment's settings found. */
struct Probe {
    enum class Outcome {
        Accepted, ///< the server answered the base poll (200 or 304)
        Refused, ///< it answered, but not to this token (401/403), or no such tenant (404)
        Untrusted, ///< its certificate is not signed by the enrolment's CA, or names another host
        Unreachable, ///< no connection, no answer (the network may come later)
        Failed, ///< anything else (5xx, 429 …)
    };
    Outcome outcome = Outcome::Failed;
    int httpStatus = 0;
    QString message; ///< plain words, never the token
};
/** One GET of the base resource as the DDI client would send it (read only: no feedback, no configData). */
[[nodiscard]] Probe probe(const Enrolment &e, const QString &controllerId, const std::filesystem::path &caFile,
                          std::chrono::milliseconds timeout = std::chrono::seconds(15));

/** What fetch() brought. */
struct Fetched {
    std::optional<QByteArray> file;
    QString message;
};
/**
 * GET `<enrolmentUrl>/<code.slot>` over HTTPS (CA @p caFile, required), at most
 * kMaxFileBytes, and the check that it is the file @p code names.
 */
[[nodiscard]] Fetched fetch(const QString &enrolmentUrl, const std::filesystem::path &caFile, const OneTimeCode &code,
                            std::chrono::milliseconds timeout = std::chrono::seconds(15));

} // namespace kiosk::fleet::enrolment
