// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/fleet/bundlesinforce.h"

#include "kiosk/session/staffpin.h"
#include "services/fleet/bundlestore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace kiosk {

namespace {

using fleet::bundle::Kind;

std::optional<QByteArray> readPayload(const std::filesystem::path &dir, Kind kind, QString *why)
{
    QFile f(QString::fromStdString((dir / fleet::bundle::payloadName(kind).toStdString()).string()));
    if (!f.open(QIODevice::ReadOnly)) {
        *why = QStringLiteral("cannot read %1: %2").arg(f.fileName(), f.errorString());
        return std::nullopt;
    }
    return f.readAll();
}

QString what(const fleet::BundleStore &store, Kind kind)
{
    return QStringLiteral("%1 %2").arg(fleet::bundle::kindId(kind), store.state(kind).current);
}

/** A platforms bundle's list, parsed as the config file's "platforms" key; relative certificate
 *  paths are files in the bundle's folder @p dir (the validator let only carried names through). */
std::optional<std::vector<PlatformConfig>> platformsIn(const std::filesystem::path &dir, QString *why)
{
    const auto data = readPayload(dir, Kind::Platforms, why);
    if (!data)
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(*data);
    if (!doc.isArray()) {
        *why = QStringLiteral("platforms.json is not a JSON array");
        return std::nullopt;
    }
    auto c = Config::fromJson(QJsonDocument(QJsonObject{{QStringLiteral("platforms"), doc.array()}}).toJson(), why);
    if (!c)
        return std::nullopt;
    const QDir folder(QString::fromStdString(dir.string()));
    for (PlatformConfig &p : c->platforms) {
        for (QString *file : {&p.caFile, &p.clientCertificateFile}) {
            if (file->isEmpty() || QFileInfo(*file).isAbsolute())
                continue;
            if (file->contains(QLatin1Char('/')) || file->contains(QLatin1String(".."))) { // refused at install; never followed
                *why = QStringLiteral("platform %1: \"%2\" leaves the bundle's folder").arg(p.id, *file);
                return std::nullopt;
            }
            *file = folder.filePath(*file);
        }
    }
    return c->platforms;
}

} // namespace

std::optional<Config> mergeConfig(const Config &local, const QByteArray &bundleJson, QString *why)
{
    QString dummy;
    if (!why)
        why = &dummy;
    const QJsonDocument bundleDoc = QJsonDocument::fromJson(bundleJson);
    if (!bundleDoc.isObject()) {
        if (Config::fromJson(bundleJson, why)) // says where the JSON breaks
            *why = QStringLiteral("the top level must be a JSON object");
        return std::nullopt;
    }
    QJsonObject merged = local.sourceJson.isEmpty() ? QJsonObject() : QJsonDocument::fromJson(local.sourceJson).object();
    const QJsonObject top = bundleDoc.object();
    for (auto it = top.begin(); it != top.end(); ++it)
        merged.insert(it.key(), it.value());
    auto c = Config::fromJson(QJsonDocument(merged).toJson(QJsonDocument::Compact), why);
    if (!c)
        return std::nullopt;
    if (!local.sourceDir.isEmpty()) {
        c->resolveRelativePaths(local.sourceDir);
        c->sourceDir = local.sourceDir;
    }
    // Never from a bundle: where the state lives, the fleet section, the command line.
    c->stateDir = local.stateDir;
    c->fleet = local.fleet;
    c->simulate = local.simulate;
    if (local.demoStaffPin)
        c->useDemoStaffPinIfUnset();
    return c;
}

ConfigInForce configInForce(const Config &local, const fleet::BundleStore &store)
{
    ConfigInForce r{local, {}, true, {}};
    Config &c = r.config;
    auto failed = [&r](const QString &line) {
        r.problems << line;
        r.confirmable = false;
    };
    if (const auto dir = store.currentPath(Kind::Config)) {
        QString why;
        const auto data = readPayload(*dir, Kind::Config, &why);
        auto merged = data ? mergeConfig(local, *data, &why) : std::nullopt;
        if (merged)
            c = *merged;
        else
            failed(QStringLiteral("the configuration from bundle %1 cannot be used with this terminal's config file (%2): the terminal "
                                  "runs with its own file's configuration; this start is not confirmed, so the bundle is rolled back "
                                  "after its unconfirmed starts — fix the bundle or the file and send a higher version")
                       .arg(what(store, Kind::Config), why));
        r.restartBundles << what(store, Kind::Config);
    }
    if (const auto dir = store.currentPath(Kind::Platforms)) {
        QString why;
        if (auto platforms = platformsIn(*dir, &why))
            c.platforms = std::move(*platforms);
        else
            failed(QStringLiteral("the platforms from bundle %1 cannot be used (%2): the terminal keeps its configured platforms; "
                                  "this start is not confirmed, so the bundle is rolled back after its unconfirmed starts")
                       .arg(what(store, Kind::Platforms), why));
        r.restartBundles << what(store, Kind::Platforms);
    }
    if (const auto dir = store.currentPath(Kind::StaffPin)) {
        QString why;
        const auto data = readPayload(*dir, Kind::StaffPin, &why);
        const QString hash = data ? QString::fromLatin1(*data).trimmed() : QString();
        if (data && staffpin::isValidHash(hash, &why)) {
            c.staffPinHash = hash;
            c.demoStaffPin = false;
        } else {
            failed(QStringLiteral("the staff PIN from bundle %1 cannot be used (%2): the configured PIN stays; this start is not "
                                  "confirmed, so the bundle is rolled back after its unconfirmed starts")
                       .arg(what(store, Kind::StaffPin), why));
        }
    }
    if (const auto dir = store.currentPath(Kind::Catalog))
        c.catalogPath = QString::fromStdString((*dir / fleet::bundle::payloadName(Kind::Catalog).toStdString()).string());
    if (const auto dir = store.currentPath(Kind::Forms))
        c.formsPath = QString::fromStdString((*dir / fleet::bundle::payloadName(Kind::Forms).toStdString()).string());
    return r;
}

} // namespace kiosk
