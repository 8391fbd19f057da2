// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/platform/platformapi.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace kiosk::platform::api {

std::string pathFor(const std::string &kind)
{
    if (kind == kSuggestion)
        return "/api/v1/suggestions";
    if (kind == kEvaluation)
        return "/api/v1/evaluations";
    return "/api/v1/submissions";
}

std::string statusPath(const std::string &trackingNumber)
{
    return "/api/v1/requests/" + trackingNumber;
}

std::string pingPath()
{
    return "/api/v1/ping";
}

QByteArray applicationBody(const Application &a)
{
    QJsonObject body{
        {QStringLiteral("formId"), a.formId},
        {QStringLiteral("fields"), a.answers},
        {QStringLiteral("terminal"), a.terminalId},
        {QStringLiteral("center"), a.centerName},
        {QStringLiteral("submittedAt"), a.submittedAt.toString(Qt::ISODateWithMs)},
        {QStringLiteral("consent"), QJsonObject{{QStringLiteral("text"), a.consentText},
                                                {QStringLiteral("recipient"), a.recipient},
                                                {QStringLiteral("agreedAt"), a.submittedAt.toString(Qt::ISODate)}}},
    };
    body.insert(QStringLiteral("itemCode"), a.itemCode);
    if (a.kind == QLatin1String(kSuggestion)) {
        // Beside the envelope, never over it: a field named like one must not replace it.
        for (auto it = a.answers.begin(); it != a.answers.end(); ++it)
            if (!body.contains(it.key()))
                body.insert(it.key(), it.value());
    }
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QByteArray ratingBody(const Rating &r)
{
    const QJsonObject body{
        {QStringLiteral("rating"), r.level},
        {QStringLiteral("reasons"), QJsonArray::fromStringList(r.reasons)},
        {QStringLiteral("itemCode"), r.itemCode},
        {QStringLiteral("requestId"), r.requestId},
        {QStringLiteral("trackingNumber"), r.trackingNumber},
        {QStringLiteral("channel"), QStringLiteral("terminal")},
        {QStringLiteral("terminal"), r.terminalId},
    };
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

} // namespace kiosk::platform::api
