// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/queue/platformcheck.h"
#include "services/platform/platformapi.h"
#include "services/platform/platformclient.h"

#include <Poco/DateTimeParser.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <QDateTime>

#include <cmath>
#include <cstdlib>
#include <optional>

namespace kiosk {

namespace {

// The platform refuses a request signed further than this from its clock (docs/platform-api.md).
constexpr double maxSkewSeconds = 300;

QJsonValue orNull(const std::string &s)
{
    return s.empty() ? QJsonValue() : QJsonValue(QString::fromStdString(s));
}

/** Server time minus the terminal's, in seconds: from the ping's serverTime, else the Date header. */
std::optional<std::pair<double, QString>> clockSkew(const platform::PlatformReply &reply, std::int64_t sentMs, std::int64_t receivedMs)
{
    const double terminalMs = double(sentMs + receivedMs) / 2;
    try {
        auto o = Poco::JSON::Parser().parse(reply.body).extract<Poco::JSON::Object::Ptr>();
        if (o && o->has("serverTime"))
            return std::pair(std::round((o->getValue<double>("serverTime") - terminalMs) / 100) / 10, QStringLiteral("serverTime"));
    } catch (const Poco::Exception &) {
        // Not a ping reply (an error, or a platform without the field): the Date header says.
    }
    if (!reply.date.empty()) {
        try {
            int tz = 0;
            const Poco::DateTime d = Poco::DateTimeParser::parse(reply.date, tz);
            const double serverMs = double(d.timestamp().epochMicroseconds() / 1000) - tz * 1000.0;
            // The Date header has whole seconds: the skew is known to within a second.
            return std::pair(std::round((serverMs - terminalMs) / 1000), QStringLiteral("Date"));
        } catch (const Poco::Exception &) {
        }
    }
    return std::nullopt;
}

std::string replyReason(const std::string &body)
{
    try {
        auto o = Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
        return o ? o->optValue<std::string>("error", "") : std::string();
    } catch (const Poco::Exception &) {
        return {};
    }
}

} // namespace

QJsonObject checkPlatform(const platform::PlatformEndpoint &e)
{
    QJsonObject line{{QStringLiteral("platform"), QString::fromStdString(e.id)},
                     {QStringLiteral("host"), QString::fromStdString(e.host)},
                     {QStringLiteral("port"), int(e.port)}};
    std::unique_ptr<platform::PlatformClient> client;
    try {
        client = std::make_unique<platform::PlatformClient>(e);
    } catch (const Poco::Exception &ex) {
        line.insert(QStringLiteral("reachable"), QJsonValue());
        line.insert(QStringLiteral("ok"), false);
        line.insert(QStringLiteral("error"), QStringLiteral("misconfigured on this terminal: %1").arg(QString::fromStdString(ex.displayText())));
        return line;
    }
    const std::int64_t sent = QDateTime::currentMSecsSinceEpoch();
    const platform::PlatformReply reply = client->get(platform::api::pingPath());
    const std::int64_t received = QDateTime::currentMSecsSinceEpoch();
    const platform::ConnectionReport &c = client->lastConnection();
    line.insert(QStringLiteral("reachable"), c.connected);
    line.insert(QStringLiteral("tlsVersion"), orNull(c.tls.version));
    line.insert(QStringLiteral("cipher"), orNull(c.tls.cipher));
    line.insert(QStringLiteral("certificateSubject"), orNull(c.tls.peer.subject));
    line.insert(QStringLiteral("certificateIssuer"), orNull(c.tls.peer.issuer));
    line.insert(QStringLiteral("certificateExpires"), orNull(c.tls.peer.notAfter));
    const auto skew = reply.status != 0 ? clockSkew(reply, sent, received) : std::nullopt;
    line.insert(QStringLiteral("clockSkewSeconds"), skew ? QJsonValue(skew->first) : QJsonValue());
    line.insert(QStringLiteral("clockSkewFrom"), skew ? QJsonValue(skew->second) : QJsonValue());
    QString error;
    QString probe;
    if (reply.status == 0) {
        probe = QStringLiteral("not sent");
        error = QString::fromStdString(reply.errorText);
    } else if (reply.status == 200) {
        probe = QStringLiteral("accepted");
    } else if (reply.status == 401) {
        probe = QStringLiteral("refused");
        const std::string why = replyReason(reply.body);
        error = QStringLiteral("the platform refused the terminal's signature (%1)")
                    .arg(why.empty() ? QStringLiteral("HTTP 401") : QString::fromStdString(why));
        if (skew && std::abs(skew->first) > maxSkewSeconds)
            error += QStringLiteral(": the terminal's clock is %1 s off the platform's; fix the time (NTP)").arg(skew->first);
        else
            error += QStringLiteral(": check that the signing key and signature algorithm match the platform's");
    } else {
        probe = QStringLiteral("unexpected reply");
        const std::string why = replyReason(reply.body);
        error = QStringLiteral("the platform answered the signed probe with HTTP %1%2")
                    .arg(reply.status)
                    .arg(why.empty() ? QString() : QStringLiteral(" (%1)").arg(QString::fromStdString(why)));
    }
    line.insert(QStringLiteral("signedProbe"), probe);
    line.insert(QStringLiteral("ok"), error.isEmpty());
    line.insert(QStringLiteral("error"), error.isEmpty() ? QJsonValue() : QJsonValue(error));
    return line;
}


QString platformCheckWords(const QJsonObject &line)
{
    const QString id = line.value(QLatin1String("platform")).toString();
    if (line.value(QLatin1String("ok")).toBool()) {
        QString s = QStringLiteral("%1: reachable, %2, the signed probe accepted").arg(id, line.value(QLatin1String("tlsVersion")).toString());
        if (line.value(QLatin1String("clockSkewSeconds")).isDouble())
            s += QStringLiteral(", clock %1 s off").arg(line.value(QLatin1String("clockSkewSeconds")).toDouble());
        return s;
    }
    return QStringLiteral("%1: %2").arg(id, line.value(QLatin1String("error")).toString());
}

} // namespace kiosk
