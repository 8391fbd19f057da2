// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

/**
 * On-the-spot answers (docs/platform-api.md, "Queries and certificates"): a record query answered
 * on screen and a certificate printed on A4, while the resident stands at the terminal. Unlike
 * applications these are never queued: one signed POST with a short deadline, answered at once or
 * not at all, and nothing of it is stored. Pure functions: no I/O, no clock.
 */
namespace kiosk::platform::query {

/** POST here for a record query (社会保险个人权益记录查询 …). */
[[nodiscard]] QString queryPath();
/** POST here for a certificate document (社会保险缴费证明打印 …). */
[[nodiscard]] QString certificatePath();

/** What the terminal asks. Personal items carry the resident's identity from the card on the reader. */
struct Request {
    QString itemCode;
    QString terminalId;
    QString idNumber; ///< the card holder's; empty for an item the catalog marks public
    QString name; ///< the card holder's name, as the card gives it
    QString childIdNumber; ///< optional: a child's records (vaccinations, school places)
    QString queryText; ///< optional condition: an acceptance number, a housing estate, a plate
};

[[nodiscard]] QByteArray requestBody(const Request &request);
/** The platform's side (the reference platform): nullopt and @p error for a malformed body. */
[[nodiscard]] std::optional<Request> parseRequest(const QByteArray &body, QString *error = nullptr);

/** How the platform answered. The words for NoRecord and NotPermitted come with the answer. */
enum class Outcome {
    Answered, ///< the record (or the document) follows
    NoRecord, ///< nothing on record for this person and item
    NotPermitted, ///< not this person's to see (another person's child, a record under seal …)
};

/** A label and its value, as the result page lists them ("缴费月数" "156"). Both languages. */
struct Value {
    QString label;
    QString labelEn;
    QString value;
};

/** A table (36 monthly contributions …): column headings in both languages, then the rows. */
struct Table {
    QString title;
    QString titleEn;
    QStringList columns;
    QStringList columnsEn;
    std::vector<QStringList> rows; ///< each as long as columns
};

/** A query's answer. Every string is plain text from outside: shown as such, never as markup. */
struct Answer {
    Outcome outcome = Outcome::Answered;
    QString itemCode;
    QString title;
    QString titleEn;
    QString reference; ///< the platform's reference number for this answer (printed on the document)
    QDateTime issuedAt; ///< UTC
    QDateTime validUntil; ///< UTC; the answer may be shown and printed until then
    std::vector<Value> values;
    std::vector<Table> tables;
    QStringList notes;
    QStringList notesEn;
    QString message; ///< NoRecord / NotPermitted: what to tell the resident
    QString messageEn;
};

[[nodiscard]] QByteArray answerBody(const Answer &answer);
/**
 * The terminal's side: nullopt and @p error (English, for the log) for anything malformed or
 * over the limits (kMaxValues, kMaxTables, kMaxRows, kMaxColumns, kMaxText). Control and bidi
 * characters are stripped from every string.
 */
[[nodiscard]] std::optional<Answer> parseAnswer(const QByteArray &body, QString *error = nullptr);

inline constexpr int kMaxValues = 64;
inline constexpr int kMaxTables = 8;
inline constexpr int kMaxRows = 600;
inline constexpr int kMaxColumns = 12;
inline constexpr int kMaxText = 2000;
/** A request is a handful of short strings; an answer's body at most 1 MiB, like every platform reply. */
inline constexpr int kMaxRequestBytes = 64 * 1024;
inline constexpr int kMaxAnswerBytes = 1 << 20;

/** How long the terminal waits for an answer (the resident is standing there), at most the endpoint's timeout. */
inline constexpr int kQueryDeadlineMs = 8'000;
/** A certificate is made (and sealed) on demand: a little longer. */
inline constexpr int kCertificateDeadlineMs = 12'000;

/** A certificate (缴费证明, 参保凭证 …): a PDF the department sealed, and what the terminal checks. */
struct Certificate {
    Outcome outcome = Outcome::Answered;
    QString itemCode;
    QString title;
    QString titleEn;
    QString reference;
    QString verificationCode; ///< what the resident (or a bank) checks the printout against
    QDateTime issuedAt;
    QDateTime validUntil; ///< UTC; the certificate counts as proof until then (printed on it)
    int pages = 0;
    QByteArray sha256; ///< raw 32 bytes, of document
    QByteArray document; ///< the PDF
    QString message;
    QString messageEn;
};

[[nodiscard]] QByteArray certificateBody(const Certificate &certificate);
/**
 * nullopt and @p error when malformed, when the document is not a PDF, is larger than
 * kMaxDocumentBytes, or does not match its SHA-256: a document that fails its digest is never
 * printed.
 */
[[nodiscard]] std::optional<Certificate> parseCertificate(const QByteArray &body, QString *error = nullptr);

inline constexpr int kMaxDocumentBytes = 8 * 1024 * 1024;
/** The document in base64 (4/3 of it) and the fields around it. */
inline constexpr int kMaxCertificateReplyBytes = kMaxDocumentBytes / 3 * 4 + 4 + 64 * 1024;
/** A certificate is one or a few A4 pages. */
inline constexpr int kMaxPages = 20;

} // namespace kiosk::platform::query
