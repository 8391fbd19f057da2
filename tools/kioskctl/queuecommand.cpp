// SPDX-License-Identifier: GPL-3.0-or-later
#include "tools/kioskctl/cliutil.h"
#include "tools/kioskctl/queuecommand.h"
#include "kiosk/config.h"
#include "services/queue/outbox.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace kiosk::ctl {

namespace {

constexpr const char *usage =
    "usage: kioskctl queue status [--json] [--state-dir DIR | --config FILE]\n"
    "       kioskctl queue retry ID [--state-dir DIR | --config FILE]\n"
    "       kioskctl queue retry --platform PLATFORM [--state-dir DIR | --config FILE]\n"
    "       kioskctl queue discard ID [--state-dir DIR | --config FILE]\n";



QString age(std::int64_t sinceMs)
{
    const std::int64_t minutes = (QDateTime::currentMSecsSinceEpoch() - sinceMs) / 60'000;
    if (minutes < 60)
        return QStringLiteral("%1 min").arg(minutes);
    return QStringLiteral("%1 h %2 min").arg(minutes / 60).arg(minutes % 60);
}

} // namespace

int queueCommand(const QStringList &argsIn, std::FILE *out, std::FILE *err)
{
    QStringList args = argsIn;
    QString stateDir, configFile, platform;
    const bool json = args.removeAll(QStringLiteral("--json")) > 0;
    if (!takeOption(args, QStringLiteral("--state-dir"), stateDir) || !takeOption(args, QStringLiteral("--config"), configFile)
        || !takeOption(args, QStringLiteral("--platform"), platform) || args.isEmpty()) {
        print(err, QString::fromLatin1(usage));
        return 2;
    }
    if (!configFile.isEmpty()) {
        QString error;
        const auto c = Config::fromFile(configFile, &error);
        if (!c) {
            print(err, QStringLiteral("kioskctl: bad configuration: %1\n").arg(error));
            return 2;
        }
        stateDir = c->stateDir;
    }
    if (stateDir.isEmpty())
        stateDir = Config::defaultStateDir();
    const QString path = QDir(stateDir).filePath(QStringLiteral("outbox.sqlite"));
    if (!QFile::exists(path)) {
        print(err, QStringLiteral("kioskctl: no request queue at %1 (has the kiosk run with this state folder?)\n").arg(path));
        return 1;
    }
    // Counting, retrying and discarding never open a payload: no key is needed for them.
    queue::Outbox::Options o;
    o.path = path.toStdString();
    std::string error;
    auto box = queue::Outbox::open(o, queue::PayloadCipher(queue::PayloadCipher::Key{}), &error);
    if (!box) {
        print(err, QStringLiteral("kioskctl: %1\n").arg(QString::fromStdString(error)));
        return 1;
    }
    const QString verb = args.takeFirst();
    const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
    if (verb == QLatin1String("status") && args.isEmpty()) {
        const auto c = box->counts();
        const auto dead = box->list("dead", 100);
        const auto held = box->heldPlatforms();
        if (json) {
            QJsonArray deadArr, heldArr;
            for (const auto &h : held)
                heldArr.append(QJsonObject{{QStringLiteral("platform"), QString::fromStdString(h.platform)},
                                           {QStringLiteral("why"), QString::fromStdString(h.why)},
                                           {QStringLiteral("requests"), h.requests},
                                           {QStringLiteral("reason"), QString::fromStdString(h.lastError)}});
            for (const auto &e : dead)
                deadArr.append(QJsonObject{{QStringLiteral("id"), QString::fromStdString(e.id)},
                                           {QStringLiteral("platform"), QString::fromStdString(e.platform)},
                                           {QStringLiteral("kind"), QString::fromStdString(e.kind)},
                                           {QStringLiteral("item"), QString::fromStdString(e.itemCode)},
                                           {QStringLiteral("attempts"), e.attempts},
                                           {QStringLiteral("reason"), QString::fromStdString(e.lastError)}});
            const QJsonObject o2{{QStringLiteral("pending"), c.pending}, {QStringLiteral("sending"), c.sending},
                                 {QStringLiteral("done"), c.done}, {QStringLiteral("dead"), c.dead},
                                 {QStringLiteral("discarded"), c.discarded},
                                 {QStringLiteral("oldestPendingAgeSeconds"),
                                  c.oldestPendingCreatedAt ? double((now - c.oldestPendingCreatedAt) / 1000) : 0.0},
                                 {QStringLiteral("bytesUsed"), double(c.bytesUsed)}, {QStringLiteral("capBytes"), double(c.capBytes)},
                                 {QStringLiteral("nearCap"), c.nearCap}, {QStringLiteral("deadLetters"), deadArr},
                                 {QStringLiteral("held"), heldArr}};
            print(out, QString::fromUtf8(QJsonDocument(o2).toJson(QJsonDocument::Compact)) + QLatin1Char('\n'));
            return 0;
        }
        print(out, QStringLiteral("queue %1\n  pending   %2\n  sending   %3\n  done      %4\n  dead      %5\n  discarded %6\n")
                       .arg(path).arg(c.pending).arg(c.sending).arg(c.done).arg(c.dead).arg(c.discarded));
        if (c.oldestPendingCreatedAt)
            print(out, QStringLiteral("  oldest pending: %1\n").arg(age(c.oldestPendingCreatedAt)));
        print(out, QStringLiteral("  store: %1 KiB of %2 MiB%3\n").arg(c.bytesUsed / 1024).arg(c.capBytes >> 20)
                       .arg(c.nearCap ? QStringLiteral(" — NEARLY FULL") : QString()));
        for (const auto &h : held)
            print(out, QStringLiteral("ALERT platform %1 refuses this terminal's %2: %3 requests kept and retried (%4)\n")
                           .arg(QString::fromStdString(h.platform), h.why == "clock" ? QStringLiteral("clock — check the time and NTP")
                                                                                     : QStringLiteral("credentials — check its signing key and certificate"))
                           .arg(h.requests)
                           .arg(QString::fromStdString(h.lastError)));
        for (const auto &e : dead)
            print(out, QStringLiteral("dead %1 %2 %3 %4 (%5 attempts): %6\n")
                           .arg(QString::fromStdString(e.id), QString::fromStdString(e.platform), QString::fromStdString(e.kind),
                                QString::fromStdString(e.itemCode))
                           .arg(e.attempts)
                           .arg(QString::fromStdString(e.lastError)));
        return 0;
    }
    if (verb == QLatin1String("retry") && !platform.isEmpty() && args.isEmpty()) {
        const int n = box->retryPlatform(platform.toStdString(), now);
        if (n < 0) {
            print(err, QStringLiteral("kioskctl: the failed requests of %1 could not be retried (see the message above)\n").arg(platform));
            return 1;
        }
        print(out, QStringLiteral("retrying %1 failed requests of platform %2 (a running kiosk sends them within a minute)\n").arg(n).arg(platform));
        return 0;
    }
    if ((verb == QLatin1String("retry") || verb == QLatin1String("discard")) && args.size() == 1 && platform.isEmpty()) {
        const std::string id = args.first().toStdString();
        const auto e = box->entry(id);
        if (!e) {
            print(err, QStringLiteral("kioskctl: no request %1 in the queue\n").arg(args.first()));
            return 1;
        }
        const bool retry = verb == QLatin1String("retry");
        const bool ok = retry ? box->retry(id, now) : box->discard(id, now);
        if (!ok) {
            print(err, QStringLiteral("kioskctl: request %1 is %2; only %3 requests can be %4\n")
                           .arg(args.first(), QString::fromStdString(e->state),
                                retry ? QStringLiteral("dead") : QStringLiteral("dead or pending"),
                                retry ? QStringLiteral("retried") : QStringLiteral("discarded")));
            return 1;
        }
        print(out, retry ? QStringLiteral("retrying %1 (a running kiosk sends it within a minute)\n").arg(args.first())
                         : QStringLiteral("discarded %1 (its payload is deleted; the record stays)\n").arg(args.first()));
        return 0;
    }
    print(err, QString::fromLatin1(usage));
    return 2;
}

} // namespace kiosk::ctl
