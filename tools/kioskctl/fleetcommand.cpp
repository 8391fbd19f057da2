// SPDX-License-Identifier: GPL-3.0-or-later
// kioskctl fleet: where the terminal stands with its fleet server (hawkBit DDI), and one poll by
// hand. The kiosk's own client writes fleet/status.json after each poll; while the kiosk runs it
// holds fleet/lock, and `fleet poll --once` leaves the polling to it.
#include "tools/kioskctl/fleetcommand.h"

#include "kiosk/config.h"
#include "kiosk/fleet/fleetservice.h"
#include "services/fleet/bundle.h"
#include "services/fleet/ddiclient.h"
#include "services/fleet/enrolment.h"
#include "services/secrets/secretstore.h"
#include "tools/kioskctl/cliutil.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTemporaryFile>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk::ctl {

namespace {

constexpr const char *usage =
    "usage: kioskctl fleet status [--json] [--config FILE | --state-dir DIR]\n"
    "       kioskctl fleet poll --once [--config FILE]\n"
    "       kioskctl fleet enrol FILE [--no-probe] [--config FILE | --state-dir DIR]\n"
    "       kioskctl fleet make-enrolment --server URL --ca FILE --token-file FILE --keys KEYSET\n"
    "                [--controller-id ID] [--reference TEXT] [--valid-days N] [--slot SSSS] --out FILE\n"
    "  enrol: the terminal takes an enrolment file (or a file holding its QR text), checks it,\n"
    "    asks the fleet server whether it accepts the token (unless --no-probe), and stores it;\n"
    "    run it as the kiosk user, then restart the kiosk.\n"
    "  make-enrolment (the operator's side): writes the enrolment FILE (0600), FILE.qr.txt (the\n"
    "    QR code's text: qrencode -r FILE.qr.txt -o FILE.png) and prints the one-time code; put\n"
    "    FILE on the enrolment host as <enrolmentUrl>/<slot>.\n";

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
    const fleet::enrolment::EnrolmentStore enrolments(std::filesystem::path(stateDir.toStdString()));
    QString damaged;
    const auto enrolment = enrolments.load(&damaged);
    if (enrolment) {
        o.insert(QStringLiteral("enrolment"), QJsonObject{{QStringLiteral("server"), enrolment->server},
                                                          {QStringLiteral("controllerId"), enrolment->controllerId},
                                                          {QStringLiteral("reference"), enrolment->reference},
                                                          {QStringLiteral("source"), enrolment->source},
                                                          {QStringLiteral("enrolledAt"), enrolment->enrolledAt}});
    } else if (!damaged.isEmpty()) {
        o.insert(QStringLiteral("enrolmentProblem"), damaged);
    }
    if (config)
        o.insert(QStringLiteral("enrolled"), config->fleet.enrolled());
    else if (enrolment)
        o.insert(QStringLiteral("enrolled"), true);
    if (json) {
        print(out, QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) + QLatin1Char('\n'));
        return 0;
    }
    QString s;
    if (enrolment)
        s += QStringLiteral("enrolled:      %1 as %2 (%3, %4)\n")
                 .arg(enrolment->server, enrolment->controllerId.isEmpty() ? QStringLiteral("the terminal id") : enrolment->controllerId,
                      enrolment->source, enrolment->enrolledAt);
    else if (!damaged.isEmpty())
        s += QStringLiteral("enrolment:     %1\n").arg(damaged);
    if (!f.exists() && !o.value(QStringLiteral("running")).toBool() && s.isEmpty()) {
        print(err, QStringLiteral("kioskctl: this terminal has not polled a fleet server yet (no %1)\n").arg(f.fileName()));
        return 1;
    }
    const auto text = [&o](const char *key) { return o.value(QLatin1String(key)).toString(); };
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
        const secrets::Secret token = store.read(c.fleet.tokenFromEnrolment ? "" : "fleet.target-token", c.fleet.targetTokenFile.toStdString(), 256);
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

QByteArray readSmallFile(const QString &path, qsizetype max, QString *why)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *why = QStringLiteral("cannot read %1: %2").arg(path, f.errorString());
        return {};
    }
    const QByteArray b = f.read(max + 1);
    if (b.size() > max)
        *why = QStringLiteral("%1 is larger than %2 KB").arg(path).arg(max / 1024);
    return b.size() > max ? QByteArray() : b;
}

int enrol(const QString &file, const QString &stateDir, const Config *config, bool probe, std::FILE *out, std::FILE *err)
{
    QString why;
    QByteArray bytes = readSmallFile(file, 64 * 1024, &why);
    if (bytes.isEmpty()) {
        print(err, QStringLiteral("kioskctl: %1\n").arg(why.isEmpty() ? QStringLiteral("%1 is empty").arg(file) : why));
        return 1;
    }
    if (fleet::enrolment::isQrText(QString::fromLatin1(bytes))) {
        const auto unpacked = fleet::enrolment::fromQrText(QString::fromLatin1(bytes).trimmed(), &why);
        if (!unpacked) {
            print(err, QStringLiteral("kioskctl: %1\n").arg(why));
            return 1;
        }
        bytes = *unpacked;
    }
    const auto e = fleet::enrolment::parse(bytes, QDateTime::currentDateTimeUtc(), &why);
    if (!e) {
        print(err, QStringLiteral("kioskctl: not enrolled: %1\n").arg(why));
        return 1;
    }
    // The kiosk reads its state as its own user: files made by another (root) would lock it out.
    struct stat st {};
    if (::stat(QFile::encodeName(stateDir).constData(), &st) == 0 && st.st_uid != ::geteuid()) {
        print(err, QStringLiteral("kioskctl: %1 belongs to another user: run this as the kiosk's user "
                                  "(e.g. runuser -u kiosk -- kioskctl fleet enrol %2)\n").arg(stateDir, file));
        return 1;
    }
    const QString controller = !e->controllerId.isEmpty() ? e->controllerId : config ? config->terminalId : QString();
    if (probe) {
        if (controller.isEmpty()) {
            print(err, QStringLiteral("kioskctl: the enrolment names no controller id: give --config (its terminalId) or --no-probe\n"));
            return 2;
        }
        QTemporaryFile ca;
        if (!ca.open() || ca.write(e->caPem) != e->caPem.size() || !ca.flush()) {
            print(err, QStringLiteral("kioskctl: cannot write a temporary file for the CA\n"));
            return 1;
        }
        const auto p = fleet::enrolment::probe(*e, controller, ca.fileName().toStdString());
        using Outcome = fleet::enrolment::Probe::Outcome;
        if (p.outcome == Outcome::Refused || p.outcome == Outcome::Untrusted) {
            print(err, QStringLiteral("kioskctl: not enrolled: %1\n").arg(p.message));
            return 1;
        }
        print(out, QStringLiteral("%1\n").arg(p.message));
    }
    fleet::enrolment::EnrolmentStore store(std::filesystem::path(stateDir.toStdString()));
    if (const QString w = store.save(*e, bytes, QStringLiteral("kioskctl")); !w.isEmpty()) {
        print(err, QStringLiteral("kioskctl: %1\n").arg(w));
        return 1;
    }
    print(out, QStringLiteral("enrolled with %1 as %2%3; restart the kiosk to use it (systemctl restart kiosk)\n")
                   .arg(e->server, controller.isEmpty() ? QStringLiteral("the terminal id") : controller,
                        e->reference.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(e->reference)));
    return 0;
}

int makeEnrolment(QStringList args, std::FILE *out, std::FILE *err)
{
    QString server, caFile, tokenFile, keysFile, controller, reference, days, slot, outFile;
    if (!takeOption(args, QStringLiteral("--server"), server) || !takeOption(args, QStringLiteral("--ca"), caFile)
        || !takeOption(args, QStringLiteral("--token-file"), tokenFile) || !takeOption(args, QStringLiteral("--keys"), keysFile)
        || !takeOption(args, QStringLiteral("--controller-id"), controller) || !takeOption(args, QStringLiteral("--reference"), reference)
        || !takeOption(args, QStringLiteral("--valid-days"), days) || !takeOption(args, QStringLiteral("--slot"), slot)
        || !takeOption(args, QStringLiteral("--out"), outFile) || !args.isEmpty() || server.isEmpty() || caFile.isEmpty()
        || tokenFile.isEmpty() || keysFile.isEmpty() || outFile.isEmpty()) {
        print(err, QString::fromLatin1(usage));
        return 2;
    }
    QString why;
    fleet::enrolment::Enrolment e;
    e.server = server;
    e.controllerId = controller;
    e.reference = reference;
    e.caPem = readSmallFile(caFile, 16 * 1024, &why);
    // The token from a file, so it is in no shell history and no process list.
    e.targetToken = QString::fromUtf8(readSmallFile(tokenFile, 1024, &why)).trimmed();
    e.keySet = readSmallFile(keysFile, 16 * 1024, &why);
    if (!why.isEmpty()) {
        print(err, QStringLiteral("kioskctl: %1\n").arg(why));
        return 1;
    }
    e.keySet = QJsonDocument::fromJson(e.keySet).toJson(QJsonDocument::Compact);
    bool ok = true;
    const int validDays = days.isEmpty() ? 14 : days.toInt(&ok);
    if (!ok || validDays < 1 || validDays > 365) {
        print(err, QStringLiteral("kioskctl: --valid-days must be from 1 to 365\n"));
        return 2;
    }
    e.notAfter = QDateTime::currentDateTimeUtc().addDays(validDays);
    const QByteArray file = fleet::enrolment::encode(e);
    if (!fleet::enrolment::parse(file, QDateTime::currentDateTimeUtc(), &why)) {
        print(err, QStringLiteral("kioskctl: %1\n").arg(why));
        return 1;
    }
    if (slot.isEmpty())
        slot = fleet::enrolment::randomSlot();
    const auto code = fleet::enrolment::parseCode(slot + QStringLiteral("0000000000000000"), &why);
    if (!code) {
        print(err, QStringLiteral("kioskctl: --slot must be 4 characters of 0-9 and A-Z without I, L, O, U\n"));
        return 2;
    }
    for (const auto &[path, bytes] : {std::pair(outFile, file), std::pair(outFile + QStringLiteral(".qr.txt"), fleet::enrolment::toQrText(file).toLatin1())}) {
        QSaveFile f(path);
        if (!f.open(QIODevice::WriteOnly) || !f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) || f.write(bytes) != bytes.size()
            || !f.commit()) {
            print(err, QStringLiteral("kioskctl: cannot write %1: %2\n").arg(path, f.errorString()));
            return 1;
        }
    }
    print(out, QStringLiteral("%1\n").arg(fleet::enrolment::makeCode(code->slot, file).text()));
    print(err, QStringLiteral("kioskctl: wrote %1 and %1.qr.txt (valid until %2 UTC). The line above is the one-time code: "
                              "put %1 on the enrolment host as <enrolmentUrl>/%3. Both carry the target token: keep them like it.\n")
                   .arg(outFile, e.notAfter->toString(QStringLiteral("yyyy-MM-dd HH:mm")), code->slot));
    return 0;
}

} // namespace

int fleetCommand(const QStringList &argsIn, std::FILE *out, std::FILE *err)
{
    QStringList args = argsIn;
    if (!args.isEmpty() && args.first() == QLatin1String("make-enrolment"))
        return makeEnrolment(args.mid(1), out, err);
    QString stateDir, configFile;
    const bool json = takeFlag(args, QStringLiteral("--json"));
    const bool noProbe = takeFlag(args, QStringLiteral("--no-probe"));
    const bool once = takeFlag(args, QStringLiteral("--once"));
    const bool options = takeOption(args, QStringLiteral("--state-dir"), stateDir) && takeOption(args, QStringLiteral("--config"), configFile);
    QString enrolFile;
    if (args.size() == 2 && args.first() == QLatin1String("enrol"))
        enrolFile = args.takeLast();
    if (!options || args.size() != 1) {
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
        *config = FleetService::withStoredEnrolment(*config); // an enrolment made on site wins
        if (stateDir.isEmpty())
            stateDir = config->stateDir;
    }
    if (stateDir.isEmpty())
        stateDir = Config::defaultStateDir();
    if (args.first() == QLatin1String("enrol") && !enrolFile.isEmpty())
        return enrol(enrolFile, stateDir, config ? &*config : nullptr, !noProbe, out, err);
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
