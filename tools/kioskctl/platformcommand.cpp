// SPDX-License-Identifier: GPL-3.0-or-later
#include "tools/kioskctl/platformcommand.h"
#include "tools/kioskctl/cliutil.h"
#include "kiosk/config.h"
#include "kiosk/queue/platformcheck.h"
#include "kiosk/queue/platformendpoints.h"
#include "services/platform/platformclient.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace kiosk::ctl {

namespace {

constexpr const char *usage =
    "usage: kioskctl platform check [ID] [--config FILE]\n"
    "  For each configured platform (or only ID), one JSON line: reachable, TLS version and\n"
    "  cipher, the certificate's subject and expiry, the clock skew, whether a signed probe\n"
    "  (GET /api/v1/ping) was accepted, and what is wrong otherwise. Exit 0 when all are fine.\n"
    "  FILE defaults to $KIOSK_CONFIG, else /etc/kiosk/config.json.\n";

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
        const QJsonObject line = checkPlatform(e);
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
