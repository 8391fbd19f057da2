// SPDX-License-Identifier: GPL-3.0-or-later
#include "tools/kioskctl/platformcommand.h"
#include "tools/kioskctl/cliutil.h"
#include "kiosk/config.h"
#include "kiosk/queue/platformendpoints.h"
#include "services/platform/platformapi.h"
#include "services/platform/platformclient.h"

#include <Poco/DateTimeParser.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <cstdlib>
#include <optional>

namespace kiosk::ctl {

namespace {

constexpr const char *usage =
    "usage: kioskctl platform check [ID] [--config FILE]\n"
    "  For each configured platform (or only ID), one JSON line: reachable, TLS version and\n"
    "  cipher, the certificate's subject and expiry, the clock skew, whether a signed probe\n"
    "  (GET /api/v1/ping) was accepted, and what is wrong otherwise. Exit 0 when all are fine.\n"
    "  FILE defaults to $KIOSK_CONFIG, else /etc/kiosk/config.json.\n";

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

QJsonObject check(const platform::PlatformEndpoint &e)
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

} // namespace

int platformCommand(const QStringList &argsIn, std::FILE *out, std::FILE *err)
{
    QStringList args = argsIn;
    QString configFile;
    if (!takeOption(args, QStringLiteral("--config"), configFile) || args.isEmpty() || args.first() != QLatin1String("check")
        || args.size() > 2) {
        print(err, QString::fromLatin1(usage));
        return 2;
    }
    args.removeFirst();
    const QString only = args.isEmpty() ? QString() : args.first();
    if (configFile.isEmpty())
        configFile = qEnvironmentVariableIsSet("KIOSK_CONFIG") ? qEnvironmentVariable("KIOSK_CONFIG") : QStringLiteral("/etc/kiosk/config.json");
    QString error;
    const auto config = Config::fromFile(configFile, &error);
    if (!config) {
        print(err, QStringLiteral("kioskctl: bad configuration: %1\n").arg(error));
        return 2;
    }
    bool found = false;
    bool allOk = true;
    // The same keys the kiosk would use: its credentials when run in its unit's context
    // (systemd-run -p LoadCredentialEncrypted=…), else the files, checked as in production.
    const PlatformEndpoints endpoints = buildEndpoints(*config, secrets::SecretStore::fromEnvironment(secrets::SecretStore::Mode::Production));
    for (const EndpointProblem &p : endpoints.problems) {
        if (!only.isEmpty() && p.platformId != only)
            continue;
        found = true;
        allOk = false;
        const QJsonObject line{{QStringLiteral("platform"), p.platformId}, {QStringLiteral("reachable"), QJsonValue()},
                               {QStringLiteral("ok"), false}, {QStringLiteral("error"), p.message}};
        print(out, QString::fromUtf8(QJsonDocument(line).toJson(QJsonDocument::Compact)) + QLatin1Char('\n'));
    }
    for (const platform::PlatformEndpoint &e : endpoints.endpoints) {
        if (!only.isEmpty() && QString::fromStdString(e.id) != only)
            continue;
        found = true;
        const QJsonObject line = check(e);
        allOk = allOk && line.value(QStringLiteral("ok")).toBool();
        print(out, QString::fromUtf8(QJsonDocument(line).toJson(QJsonDocument::Compact)) + QLatin1Char('\n'));
    }
    if (!found) {
        print(err, only.isEmpty() ? QStringLiteral("kioskctl: %1 configures no platforms\n").arg(configFile)
                                  : QStringLiteral("kioskctl: no platform \"%1\" in %2\n").arg(only, configFile));
        return 1;
    }
    return allOk ? 0 : 1;
}

} // namespace kiosk::ctl
