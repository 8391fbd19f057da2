// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/config.h"
#include "kiosk/session/staffpin.h"
#include "services/catalog/devicepromises.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>

#include <cmath>

namespace kiosk {

namespace {

// GB/T 37668 (after WCAG 2.2.1): a resident gets at least 20 s to extend a time limit.
constexpr int minWarningSeconds = 20;
// Shorter than this and a resident reading a page of materials would be reset mid-read.
constexpr int minIdleSeconds = 30;
constexpr int maxSeconds = 3600;

bool readString(const QJsonObject &o, const char *key, QString &out, QString *error)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined())
        return true;
    if (!v.isString() || v.toString().trimmed().isEmpty()) {
        *error = QStringLiteral("\"%1\" must be a non-empty string").arg(QLatin1String(key));
        return false;
    }
    out = v.toString().trimmed();
    return true;
}

bool readInt(const QJsonObject &o, const char *key, int min, int max, int &out, QString *error)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined())
        return true;
    const double d = v.toDouble(std::nan(""));
    if (!v.isDouble() || d != std::floor(d) || d < min || d > max) {
        *error = QStringLiteral("\"%1\" must be a whole number from %2 to %3").arg(QLatin1String(key)).arg(min).arg(max);
        return false;
    }
    out = int(d);
    return true;
}

} // namespace

std::optional<Config> Config::fromJson(const QByteArray &json, QString *error)
{
    QString dummy;
    if (!error)
        error = &dummy;
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &perr);
    if (perr.error != QJsonParseError::NoError) {
        const int line = 1 + int(json.left(perr.offset).count('\n'));
        *error = QStringLiteral("not valid JSON at line %1: %2").arg(line).arg(perr.errorString());
        return std::nullopt;
    }
    if (!doc.isObject()) {
        *error = QStringLiteral("the top level must be a JSON object");
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    static const QStringList known = {
        QStringLiteral("terminalId"), QStringLiteral("terminalName"), QStringLiteral("centerName"),
        QStringLiteral("terminalNameEn"), QStringLiteral("centerNameEn"),
        QStringLiteral("catalog"), QStringLiteral("forms"), QStringLiteral("stateDir"), QStringLiteral("language"),
        QStringLiteral("idleTimeoutSeconds"), QStringLiteral("idleWarningSeconds"),
        QStringLiteral("elderIdleTimeoutSeconds"), QStringLiteral("elderWarningSeconds"),
        QStringLiteral("popularCount"), QStringLiteral("staffPinHash"), QStringLiteral("technicianPinHash"), QStringLiteral("platforms"), QStringLiteral("queue"),
        QStringLiteral("devices"), QStringLiteral("a4Printer"), QStringLiteral("fleet"),
    };
    // A PIN in clear in a file that is copied around is a PIN anyone with the file knows.
    if (o.contains(QLatin1String("staffPin"))) {
        *error = QStringLiteral("\"staffPin\" (a PIN in clear) is no longer accepted: make its hash with "
                                "`echo -n PIN | kioskctl staff hash-pin` and put the line it prints in \"staffPinHash\" "
                                "(docs/configuration.md)");
        return std::nullopt;
    }
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!known.contains(it.key())) {
            *error = QStringLiteral("unknown setting \"%1\" (known: %2)").arg(it.key(), known.join(QStringLiteral(", ")));
            return std::nullopt;
        }
    }
    Config c;
    c.sourceJson = json;
    // A renamed terminal or centre must not keep the demo's English name.
    if (o.contains(QLatin1String("terminalName")))
        c.terminalNameEn.clear();
    if (o.contains(QLatin1String("centerName")))
        c.centerNameEn.clear();
    if (!readString(o, "terminalNameEn", c.terminalNameEn, error) || !readString(o, "centerNameEn", c.centerNameEn, error))
        return std::nullopt;
    if (!readString(o, "terminalId", c.terminalId, error) || !readString(o, "terminalName", c.terminalName, error)
        || !readString(o, "centerName", c.centerName, error) || !readString(o, "catalog", c.catalogPath, error)
        || !readString(o, "forms", c.formsPath, error)
        || !readString(o, "stateDir", c.stateDir, error) || !readString(o, "language", c.language, error)
        || !readInt(o, "idleTimeoutSeconds", minIdleSeconds, maxSeconds, c.idleTimeoutSeconds, error)
        || !readInt(o, "idleWarningSeconds", minWarningSeconds, maxSeconds, c.idleWarningSeconds, error)
        || !readInt(o, "elderIdleTimeoutSeconds", minIdleSeconds, maxSeconds, c.elderIdleTimeoutSeconds, error)
        || !readInt(o, "elderWarningSeconds", minWarningSeconds, maxSeconds, c.elderWarningSeconds, error)
        || !readInt(o, "popularCount", 0, 20, c.popularCount, error) || !readString(o, "staffPinHash", c.staffPinHash, error) || !readString(o, "technicianPinHash", c.technicianPinHash, error))
        return std::nullopt;
    // The devices fitted: only kinds this program drives (a camera or a card reader without a
    // driver would let the catalog promise what no code can do).
    const QStringList driven = catalog::terminalDeviceKinds();
    if (o.contains(QLatin1String("devices"))) {
        const QJsonValue dv = o.value(QLatin1String("devices"));
        if (!dv.isArray()) {
            *error = QStringLiteral("\"devices\" must be a list of device kinds (%1)").arg(driven.join(QStringLiteral(", ")));
            return std::nullopt;
        }
        c.devices.clear();
        for (const QJsonValue &v : dv.toArray()) {
            if (!v.isString() || !driven.contains(v.toString())) {
                *error = QStringLiteral("\"devices\": %1 is not a device kind this terminal drives (%2)")
                             .arg(v.isString() ? QLatin1Char('"') + v.toString() + QLatin1Char('"') : QStringLiteral("a non-string"),
                                  driven.join(QStringLiteral(", ")));
                return std::nullopt;
            }
            if (!c.devices.contains(v.toString()))
                c.devices << v.toString();
        }
        if (c.devices.isEmpty()) {
            *error = QStringLiteral("\"devices\" must list at least one device kind (%1)").arg(driven.join(QStringLiteral(", ")));
            return std::nullopt;
        }
    }
    if (!readString(o, "a4Printer", c.a4Printer, error))
        return std::nullopt;
    if (QString why; !isValidA4Printer(c.a4Printer, &why)) {
        *error = QStringLiteral("\"a4Printer\" %1").arg(why);
        return std::nullopt;
    }
    if (QString why; !c.technicianPinHash.isEmpty() && !staffpin::isValidHash(c.technicianPinHash, &why)) {
        *error = QStringLiteral("\"technicianPinHash\" %1").arg(why);
        return std::nullopt;
    }
    if (!c.technicianPinHash.isEmpty() && c.technicianPinHash == c.staffPinHash) {
        *error = QStringLiteral("\"technicianPinHash\" is the staff PIN's hash: the maintenance menu needs a PIN of its own");
        return std::nullopt;
    }
    if (QString why; !c.staffPinHash.isEmpty() && !staffpin::isValidHash(c.staffPinHash, &why)) {
        *error = QStringLiteral("\"staffPinHash\" %1").arg(why);
        return std::nullopt;
    }
    if (o.contains(QLatin1String("queue"))) {
        const QJsonValue qv = o.value(QLatin1String("queue"));
        if (!qv.isObject()) {
            *error = QStringLiteral("\"queue\" must be an object");
            return std::nullopt;
        }
        const QJsonObject q = qv.toObject();
        static const QStringList queueKeys = {QStringLiteral("capMegabytes"), QStringLiteral("retentionDays"), QStringLiteral("maxAgeHours"),
                                              QStringLiteral("backoffBaseSeconds"), QStringLiteral("backoffCapSeconds"),
                                              QStringLiteral("statusIntervalMinutes"), QStringLiteral("keepRecordsDays"),
                                              QStringLiteral("deadLetterDays"), QStringLiteral("minAttempts")};
        for (auto it = q.begin(); it != q.end(); ++it) {
            if (!queueKeys.contains(it.key())) {
                *error = QStringLiteral("unknown setting \"queue.%1\" (known: %2)").arg(it.key(), queueKeys.join(QStringLiteral(", ")));
                return std::nullopt;
            }
        }
        if (!readInt(q, "capMegabytes", 1, 65536, c.queue.capMegabytes, error) || !readInt(q, "retentionDays", 0, 3650, c.queue.retentionDays, error)
            || !readInt(q, "keepRecordsDays", 1, 3650, c.queue.keepRecordsDays, error)
            || !readInt(q, "deadLetterDays", 1, 3650, c.queue.deadLetterDays, error)
            || !readInt(q, "minAttempts", 1, 10000, c.queue.minAttempts, error)
            || !readInt(q, "maxAgeHours", 1, 24 * 30, c.queue.maxAgeHours, error)
            || !readInt(q, "backoffBaseSeconds", 1, 3600, c.queue.backoffBaseSeconds, error)
            || !readInt(q, "backoffCapSeconds", 1, 86400, c.queue.backoffCapSeconds, error)
            || !readInt(q, "statusIntervalMinutes", 1, 1440, c.queue.statusIntervalMinutes, error)) {
            *error = QStringLiteral("queue: ") + *error;
            return std::nullopt;
        }
    }
    if (o.contains(QLatin1String("fleet"))) {
        const QJsonValue fv = o.value(QLatin1String("fleet"));
        if (!fv.isObject()) {
            *error = QStringLiteral("\"fleet\" must be an object");
            return std::nullopt;
        }
        const QJsonObject f = fv.toObject();
        static const QStringList fleetKeys = {QStringLiteral("server"), QStringLiteral("controllerId"), QStringLiteral("caFile"),
                                              QStringLiteral("targetTokenFile"), QStringLiteral("clientCertificateFile"),
                                              QStringLiteral("clientKeyFile"), QStringLiteral("pollOverrideSeconds"), QStringLiteral("bundleKeys"),
                                              QStringLiteral("logFile"), QStringLiteral("enrolmentUrl"), QStringLiteral("enrolmentCaFile"),
                                              QStringLiteral("enrolmentFile")};
        for (auto it = f.begin(); it != f.end(); ++it) {
            if (!fleetKeys.contains(it.key())) {
                *error = QStringLiteral("unknown setting \"fleet.%1\" (known: %2)").arg(it.key(), fleetKeys.join(QStringLiteral(", ")));
                return std::nullopt;
            }
        }
        FleetConfig &fc = c.fleet;
        if (!readString(f, "server", fc.server, error) || !readString(f, "controllerId", fc.controllerId, error)
            || !readString(f, "caFile", fc.caFile, error) || !readString(f, "targetTokenFile", fc.targetTokenFile, error)
            || !readString(f, "clientCertificateFile", fc.clientCertificateFile, error) || !readString(f, "clientKeyFile", fc.clientKeyFile, error)
            || !readString(f, "bundleKeys", fc.bundleKeysFile, error) || !readString(f, "logFile", fc.logFile, error) || !readString(f, "enrolmentUrl", fc.enrolmentUrl, error)
            || !readString(f, "enrolmentCaFile", fc.enrolmentCaFile, error) || !readString(f, "enrolmentFile", fc.enrolmentFile, error) || !readInt(f, "pollOverrideSeconds", 0, 86400, fc.pollOverrideSeconds, error)) {
            *error = QStringLiteral("fleet: ") + *error;
            return std::nullopt;
        }
        const QUrl url(fc.server, QUrl::StrictMode);
        if (!fc.server.isEmpty() && (!url.isValid() || url.scheme() != QLatin1String("https") || url.host().isEmpty()
                                     || !url.path().endsWith(QLatin1String("/controller/v1/")))) {
            *error = QStringLiteral("fleet: \"server\" must be the https address of the DDI API, ending in /controller/v1/ "
                                    "(e.g. https://fleet.example/DEFAULT/controller/v1/), not \"%1\"").arg(fc.server);
            return std::nullopt;
        }
        if (!fc.server.isEmpty() && fc.caFile.isEmpty()) {
            *error = QStringLiteral("fleet: \"caFile\" is required with \"server\"");
            return std::nullopt;
        }
        if (const QUrl e(fc.enrolmentUrl, QUrl::StrictMode); !fc.enrolmentUrl.isEmpty() && (!e.isValid() || e.scheme() != QLatin1String("https") || e.host().isEmpty())) {
            *error = QStringLiteral("fleet: \"enrolmentUrl\" must be an https address (where one-time enrolment codes are fetched)");
            return std::nullopt;
        }
        if (!fc.enrolmentUrl.isEmpty() && fc.enrolmentCaFile.isEmpty()) {
            *error = QStringLiteral("fleet: \"enrolmentCaFile\" is required with \"enrolmentUrl\"");
            return std::nullopt;
        }
        static const QRegularExpression idPattern(QStringLiteral("^[A-Za-z0-9._:-]{1,64}$"));
        if (!fc.controllerId.isEmpty() && !idPattern.match(fc.controllerId).hasMatch()) {
            *error = QStringLiteral("fleet: \"controllerId\" may have 1-64 letters, digits and . _ : -");
            return std::nullopt;
        }
    }
    if (o.contains(QLatin1String("platforms"))) {
        const QJsonValue pv = o.value(QLatin1String("platforms"));
        if (!pv.isArray()) {
            *error = QStringLiteral("\"platforms\" must be an array");
            return std::nullopt;
        }
        static const QStringList platformKeys = {QStringLiteral("id"), QStringLiteral("host"), QStringLiteral("port"), QStringLiteral("caFile"),
                                                 QStringLiteral("clientCertificateFile"), QStringLiteral("clientKeyFile"),
                                                 QStringLiteral("signingKeyFile"), QStringLiteral("signature"), QStringLiteral("timeoutSeconds")};
        const QJsonArray arr = pv.toArray();
        for (qsizetype i = 0; i < arr.size(); ++i) {
            const QString where = QStringLiteral("platforms[%1]: ").arg(i);
            if (!arr.at(i).isObject()) {
                *error = where + QStringLiteral("must be an object");
                return std::nullopt;
            }
            const QJsonObject p = arr.at(i).toObject();
            for (auto it = p.begin(); it != p.end(); ++it) {
                if (!platformKeys.contains(it.key())) {
                    *error = where + QStringLiteral("unknown setting \"%1\" (known: %2)").arg(it.key(), platformKeys.join(QStringLiteral(", ")));
                    return std::nullopt;
                }
            }
            PlatformConfig pc;
            if (!readString(p, "id", pc.id, error) || !readString(p, "host", pc.host, error) || !readInt(p, "port", 1, 65535, pc.port, error)
                || !readString(p, "caFile", pc.caFile, error) || !readString(p, "clientCertificateFile", pc.clientCertificateFile, error)
                || !readString(p, "clientKeyFile", pc.clientKeyFile, error) || !readString(p, "signingKeyFile", pc.signingKeyFile, error)
                || !readString(p, "signature", pc.signature, error) || !readInt(p, "timeoutSeconds", 1, 300, pc.timeoutSeconds, error)) {
                *error = where + *error;
                return std::nullopt;
            }
            // The signing key may come from the credential platform.<id>.signing-key instead of a file.
            if (pc.id.isEmpty() || pc.host.isEmpty() || pc.caFile.isEmpty()) {
                *error = where + QStringLiteral("\"id\", \"host\" and \"caFile\" are required");
                return std::nullopt;
            }
            if (pc.signature != QLatin1String("hmac-sha256") && pc.signature != QLatin1String("hmac-sm3")) {
                *error = where + QStringLiteral("\"signature\" must be hmac-sha256 or hmac-sm3");
                return std::nullopt;
            }
            // Its key may instead be the credential platform.<id>.client-key.
            if (pc.clientCertificateFile.isEmpty() && !pc.clientKeyFile.isEmpty()) {
                *error = where + QStringLiteral("clientKeyFile is set but clientCertificateFile is not");
                return std::nullopt;
            }
            c.platforms.push_back(pc);
        }
    }
    if (c.language != QLatin1String("zh_CN") && c.language != QLatin1String("en")) {
        *error = QStringLiteral("\"language\" must be zh_CN or en, not \"%1\"").arg(c.language);
        return std::nullopt;
    }
    if (c.elderIdleTimeoutSeconds < c.idleTimeoutSeconds || c.elderWarningSeconds < c.idleWarningSeconds) {
        *error = QStringLiteral("elder mode must give at least as much time as normal mode "
                                "(elderIdleTimeoutSeconds ≥ idleTimeoutSeconds, elderWarningSeconds ≥ idleWarningSeconds)");
        return std::nullopt;
    }
    return c;
}

bool Config::isValidA4Printer(const QString &value, QString *why)
{
    if (value.isEmpty() || value == QLatin1String("none"))
        return true;
    if (value.contains(QLatin1String("://"))) {
        const QUrl url(value, QUrl::StrictMode);
        const QString scheme = url.scheme().toLower();
        if (!url.isValid() || (scheme != QLatin1String("ipp") && scheme != QLatin1String("ipps") && scheme != QLatin1String("http")
                               && scheme != QLatin1String("https"))) {
            *why = QStringLiteral("must be an ipp://, ipps://, http:// or https:// printer URI, a CUPS destination name, or \"none\": \"%1\"").arg(value);
            return false;
        }
        if (url.host().isEmpty()) {
            *why = QStringLiteral("has no host: \"%1\"").arg(value);
            return false;
        }
        if (!url.userInfo().isEmpty()) {
            *why = QStringLiteral("must not carry a user name or password: \"%1\"").arg(value);
            return false;
        }
        return true;
    }
    // CUPS destination names: printable characters except space, / \\ # ' " ? and at most 127 of them.
    if (value.size() > 127) {
        *why = QStringLiteral("is longer than a CUPS destination name may be (127 characters)");
        return false;
    }
    for (const QChar ch : value) {
        if (ch.unicode() <= 0x20 || ch.unicode() == 0x7f || QStringView(u"/\\#'\"?").contains(ch)) {
            *why = QStringLiteral("\"%1\" is not a CUPS destination name (no spaces, / \\ # ' \" ?) nor a printer URI").arg(value);
            return false;
        }
    }
    return true;
}

std::optional<Config> Config::fromFile(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot read %1: %2").arg(path, f.errorString());
        return std::nullopt;
    }
    auto c = fromJson(f.readAll(), error);
    if (!c && error)
        *error = path + QStringLiteral(": ") + *error;
    // Relative paths are relative to the config file, so a provisioning bundle can be moved whole.
    if (c) {
        c->sourceDir = QFileInfo(path).dir().path();
        // At first boot an enrolment file beside the configuration enrols the terminal.
        if (c->fleet.enrolmentFile.isEmpty())
            c->fleet.enrolmentFile = QStringLiteral("enrolment.json");
        c->resolveRelativePaths(c->sourceDir);
    }
    return c;
}

void Config::resolveRelativePaths(const QString &dir)
{
    auto resolve = [d = QDir(dir)](QString &file) {
        if (!file.isEmpty() && QFileInfo(file).isRelative())
            file = d.filePath(file);
    };
    resolve(catalogPath);
    resolve(formsPath);
    resolve(fleet.caFile);
    resolve(fleet.targetTokenFile);
    resolve(fleet.clientCertificateFile);
    resolve(fleet.clientKeyFile);
    resolve(fleet.bundleKeysFile);
    resolve(fleet.logFile);
    resolve(fleet.enrolmentCaFile);
    resolve(fleet.enrolmentFile);
    for (PlatformConfig &p : platforms) {
        resolve(p.caFile);
        resolve(p.clientCertificateFile);
        resolve(p.clientKeyFile);
        resolve(p.signingKeyFile);
    }
}

void Config::useDemoStaffPinIfUnset()
{
    if (!simulate || !staffPinHash.isEmpty())
        return;
    staffPinHash = staffpin::demoHash();
    demoStaffPin = true;
    if (technicianPinHash.isEmpty())
        technicianPinHash = staffpin::demoTechnicianHash();
}

QString Config::defaultStateDir()
{
    const QByteArray env = qgetenv("KIOSK_STATE_DIR");
    if (!env.isEmpty())
        return QString::fromLocal8Bit(env);
    const QFileInfo system(QStringLiteral("/var/lib/kiosk"));
    if (system.isDir() && system.isWritable())
        return system.filePath();
    const QByteArray xdg = qgetenv("XDG_STATE_HOME");
    const QString base = xdg.isEmpty() ? QDir::home().filePath(QStringLiteral(".local/state")) : QString::fromLocal8Bit(xdg);
    return QDir(base).filePath(QStringLiteral("kiosk"));
}

} // namespace kiosk
