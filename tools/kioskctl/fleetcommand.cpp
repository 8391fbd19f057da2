// SPDX-License-Identifier: GPL-3.0-or-later
// kioskctl fleet: where the terminal stands with its fleet server (hawkBit DDI), and one poll by
// hand. The kiosk's own client writes fleet/status.json after each poll; while the kiosk runs it
// holds fleet/lock, and `fleet poll --once` leaves the polling to it.
#include "tools/kioskctl/fleetcommand.h"

#include "kiosk/config.h"
#include "services/fleet/ddiclient.h"
#include "services/secrets/secretstore.h"
#include "tools/kioskctl/cliutil.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace kiosk::ctl {

namespace {

constexpr const char *usage =
    "usage: kioskctl fleet status [--json] [--config FILE | --state-dir DIR]\n"
    "       kioskctl fleet poll --once [--config FILE]\n";

/** Whether a fleet client (the kiosk) holds the folder's lock now. */
bool clientRunning(const QString &fleetDir)
{
    const QByteArray path = QDir(fleetDir).filePath(QStringLiteral("lock")).toLocal8Bit();
    const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool held = ::flock(fd, LOCK_EX | LOCK_NB) != 0;
    ::close(fd);
    return held;
}

int status(const QString &stateDir, const Config *config, bool json, std::FILE *out, std::FILE *err)
{
    const QString dir = QDir(stateDir).filePath(QStringLiteral("fleet"));
    QFile f(QDir(dir).filePath(QStringLiteral("status.json")));
    QJsonObject o;
    if (f.open(QIODevice::ReadOnly))
        o = QJsonDocument::fromJson(f.read(64 * 1024)).object();
    o.insert(QStringLiteral("running"), clientRunning(dir));
    if (config)
        o.insert(QStringLiteral("enrolled"), config->fleet.enrolled());
    if (json) {
        print(out, QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) + QLatin1Char('\n'));
        return 0;
    }
    if (!f.exists() && !o.value(QStringLiteral("running")).toBool()) {
        print(err, QStringLiteral("kioskctl: this terminal has not polled a fleet server yet (no %1)\n").arg(f.fileName()));
        return 1;
    }
    const auto text = [&o](const char *key) { return o.value(QLatin1String(key)).toString(); };
    QString s;
    s += QStringLiteral("fleet client:  %1\n").arg(o.value(QStringLiteral("running")).toBool() ? QStringLiteral("running (in the kiosk)") : QStringLiteral("not running"));
    s += QStringLiteral("last poll:     %1 (%2)\n").arg(text("lastPoll").isEmpty() ? QStringLiteral("never") : text("lastPoll"), text("lastPollResult"));
    if (const int failures = o.value(QStringLiteral("failuresInARow")).toInt(); failures > 0)
        s += QStringLiteral("failures:      %1 in a row\n").arg(failures);
    s += QStringLiteral("next poll:     %1 (interval %2 s)\n").arg(text("nextPoll"), QString::number(o.value(QStringLiteral("intervalSeconds")).toInt()));
    if (const auto action = o.value(QStringLiteral("actionId")).toInteger(); action > 0)
        s += QStringLiteral("in progress:   action %1: %2\n").arg(action).arg(text("actionStage"));
    else if (const auto offered = o.value(QStringLiteral("offeredActionId")).toInteger(); offered > 0)
        s += QStringLiteral("offered:       action %1%2\n").arg(offered).arg(o.value(QStringLiteral("offeredCancel")).toBool() ? QStringLiteral(" (to cancel)") : QString());
    if (const auto last = o.value(QStringLiteral("lastActionId")).toInteger(); last > 0)
        s += QStringLiteral("last action:   %1: %2\n").arg(last).arg(text("lastActionResult"));
    print(out, s);
    return 0;
}

int pollOnce(const Config &c, std::FILE *out, std::FILE *err)
{
    if (!c.fleet.enrolled()) {
        print(err, QStringLiteral("kioskctl: this terminal is not enrolled (no \"fleet\".\"server\" in the configuration)\n"));
        return 1;
    }
    fleet::DdiClient::Options o;
    o.baseUrl = c.fleet.server;
    o.controllerId = c.fleet.controllerId.isEmpty() ? c.terminalId : c.fleet.controllerId;
    o.caFile = c.fleet.caFile.toStdString();
    o.clientCertificateFile = c.fleet.clientCertificateFile.toStdString();
    o.clientKeyFile = c.fleet.clientKeyFile.toStdString();
    o.stateDir = std::filesystem::path(QDir(c.stateDir.isEmpty() ? Config::defaultStateDir() : c.stateDir).filePath(QStringLiteral("fleet")).toStdString());
    o.actOnActions = false; // no installer here: the kiosk applies deployments
    o.ioTimeout = std::chrono::milliseconds(20000);
    if (c.fleet.clientCertificateFile.isEmpty() || !c.fleet.targetTokenFile.isEmpty()) {
        const auto store = secrets::SecretStore::fromEnvironment(secrets::SecretStore::Mode::Production);
        const secrets::Secret token = store.read("fleet.target-token", c.fleet.targetTokenFile.toStdString(), 256);
        if (!token) {
            print(err, QStringLiteral("kioskctl: the target token cannot be read: %1\n").arg(QString::fromStdString(token.message)));
            return 1;
        }
        o.targetToken = QString::fromStdString(token.bytes.view()).trimmed();
    }
    fleet::DdiClient client(o, nullptr);
    QString error;
    if (!client.pollOnce(&error)) {
        print(err, QStringLiteral("kioskctl: the poll failed: %1\n").arg(error));
        return 1;
    }
    const auto s = client.status();
    print(out, QStringLiteral("polled %1: %2, interval %3 s%4\n")
                   .arg(c.fleet.server, s.lastPollResult)
                   .arg(s.interval.count())
                   .arg(s.offeredActionId ? QStringLiteral("; action %1 offered%2 (the kiosk handles it)").arg(s.offeredActionId).arg(s.offeredCancel ? QStringLiteral(" to cancel") : QString())
                                          : QString()));
    return 0;
}

} // namespace

int fleetCommand(const QStringList &argsIn, std::FILE *out, std::FILE *err)
{
    QStringList args = argsIn;
    QString stateDir, configFile;
    const bool json = takeFlag(args, QStringLiteral("--json"));
    const bool once = takeFlag(args, QStringLiteral("--once"));
    if (!takeOption(args, QStringLiteral("--state-dir"), stateDir) || !takeOption(args, QStringLiteral("--config"), configFile) || args.size() != 1) {
        print(err, QString::fromLatin1(usage));
        return 2;
    }
    std::optional<Config> config;
    if (!configFile.isEmpty()) {
        QString error;
        config = Config::fromFile(configFile, &error);
        if (!config) {
            print(err, QStringLiteral("kioskctl: bad configuration: %1\n").arg(error));
            return 2;
        }
        if (stateDir.isEmpty())
            stateDir = config->stateDir;
    }
    if (stateDir.isEmpty())
        stateDir = Config::defaultStateDir();
    if (args.first() == QLatin1String("status"))
        return status(stateDir, config ? &*config : nullptr, json, out, err);
    if (args.first() == QLatin1String("poll") && once) {
        Config c = config.value_or(Config{});
        if (c.stateDir.isEmpty())
            c.stateDir = stateDir;
        return pollOnce(c, out, err);
    }
    print(err, QString::fromLatin1(usage));
    return 2;
}

} // namespace kiosk::ctl
