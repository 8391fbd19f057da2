// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <array>
#include <string>

/**
 * The city platforms' HTTP contract (docs/platform-api.md) in one place: the request kinds, the
 * path each is posted to, and the body each carries. Pure functions: no I/O, no clock.
 */
namespace kiosk::platform::api {

/** Request kinds as the outbox stores them. */
inline constexpr char kSubmission[] = "submission";
inline constexpr char kSuggestion[] = "suggestion";
inline constexpr char kEvaluation[] = "evaluation";
/** Every kind, for the other side of the contract (the reference platform routes by these). */
inline constexpr std::array<const char *, 3> kKinds = {kSubmission, kSuggestion, kEvaluation};

/** The endpoint a request of @p kind is posted to ("submission" → /api/v1/submissions; any kind not in kKinds too). */
[[nodiscard]] std::string pathFor(const std::string &kind);
/** Where the status of the request the platform numbered @p trackingNumber is asked for. */
[[nodiscard]] std::string statusPath(const std::string &trackingNumber);
/** A signed GET that only checks the connection and the signature (`kioskctl platform check`). */
[[nodiscard]] std::string pingPath();

/** An application (or a 12345 suggestion) with the resident's consent. */
struct Application {
    QString kind = QString::fromLatin1(kSubmission);
    QString formId;
    QString itemCode;
    QString terminalId;
    QString centerName;
    QJsonObject answers; ///< field id → value
    QDateTime submittedAt;
    QString consentText;
    QString recipient; ///< the department the resident agreed to send the data to
};

/**
 * The body of an application. A suggestion carries its answers at the top level too: the
 * hotline's API takes them there.
 */
[[nodiscard]] QByteArray applicationBody(const Application &application);

/** A 好差评 rating of a request: reason codes, the same in every language. */
struct Rating {
    int level = 0; ///< 1 非常不满意 … 5 非常满意
    QStringList reasons;
    QString itemCode;
    QString requestId;
    QString trackingNumber;
    QString terminalId;
};

[[nodiscard]] QByteArray ratingBody(const Rating &rating);

} // namespace kiosk::platform::api
