// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/fleet/ddiapi.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>

namespace kiosk::fleet::ddi {

namespace {

using namespace std::chrono_literals;

void fail(QString *error, const QString &why)
{
    if (error)
        *error = why;
}

std::optional<QJsonObject> object(const QByteArray &body, QString *error)
{
    if (body.size() > kMaxReplyBytes) {
        fail(error, QStringLiteral("the reply is %1 bytes, more than the %2 a fleet reply may have").arg(body.size()).arg(kMaxReplyBytes));
        return std::nullopt;
    }
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        fail(error, pe.error != QJsonParseError::NoError ? QStringLiteral("not JSON: %1 at byte %2").arg(pe.errorString()).arg(pe.offset)
                                                        : QStringLiteral("not a JSON object"));
        return std::nullopt;
    }
    return doc.object();
}

/** An id sent as a string ("8") or a number (8). */
std::optional<std::int64_t> idValue(const QJsonValue &v)
{
    if (v.isString()) {
        bool ok = false;
        const qlonglong id = v.toString().toLongLong(&ok);
        return ok && id > 0 ? std::optional<std::int64_t>(id) : std::nullopt;
    }
    if (v.isDouble()) {
        const double d = v.toDouble();
        if (d >= 1 && d <= 9e15 && d == double(std::int64_t(d)))
            return std::int64_t(d);
    }
    return std::nullopt;
}

QString href(const QJsonObject &links, const QString &name)
{
    return links.value(name).toObject().value(QStringLiteral("href")).toString();
}

std::optional<Handling> handling(const QJsonValue &v)
{
    if (v.isUndefined())
        return Handling::Forced; // hawkBit always sends both; an old server that does not means "do it"
    const QString s = v.toString();
    if (s == QLatin1String("skip"))
        return Handling::Skip;
    if (s == QLatin1String("attempt"))
        return Handling::Attempt;
    if (s == QLatin1String("forced"))
        return Handling::Forced;
    return std::nullopt;
}

bool isHex(const QByteArray &s, int length)
{
    return s.size() == length && std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

/** An http(s) URL with a host, as QUrl reads it (the scheme and host in lower case: "httpS://"
 *  is https, and is passed on as such), or empty. */
QString link(const QString &text, const char *scheme)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && url.scheme() == QLatin1String(scheme) && !url.host().isEmpty() ? url.toString(QUrl::FullyEncoded) : QString();
}

} // namespace

std::optional<std::chrono::seconds> parseSleep(const QString &text)
{
    static const QRegularExpression clock(QStringLiteral("^([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9])$"));
    static const QRegularExpression iso(QStringLiteral("^P(?:([0-9]{1,4})D)?(?:T(?:([0-9]{1,6})H)?(?:([0-9]{1,8})M)?(?:([0-9]{1,10})S)?)?$"));
    std::int64_t seconds = 0;
    if (const auto m = clock.match(text); m.hasMatch()) {
        seconds = m.captured(1).toLongLong() * 3600 + m.captured(2).toLongLong() * 60 + m.captured(3).toLongLong();
    } else if (const auto d = iso.match(text); d.hasMatch() && text != QLatin1String("P") && !text.endsWith(QLatin1Char('T'))) {
        seconds = d.captured(1).toLongLong() * 86400 + d.captured(2).toLongLong() * 3600 + d.captured(3).toLongLong() * 60 + d.captured(4).toLongLong();
    } else {
        return std::nullopt;
    }
    if (seconds <= 0)
        return std::nullopt;
    return std::clamp(std::chrono::seconds(seconds), kMinSleep, kMaxSleep);
}

std::optional<BasePoll> parseBase(const QByteArray &body, QString *error)
{
    const auto o = object(body, error);
    if (!o)
        return std::nullopt;
    BasePoll b;
    const QJsonValue sleep = o->value(QStringLiteral("config")).toObject().value(QStringLiteral("polling")).toObject().value(QStringLiteral("sleep"));
    b.sleepText = sleep.toString().left(64);
    b.sleep = parseSleep(sleep.toString());
    const QJsonObject links = o->value(QStringLiteral("_links")).toObject();
    b.links.deploymentBase = href(links, QStringLiteral("deploymentBase"));
    b.links.cancelAction = href(links, QStringLiteral("cancelAction"));
    b.links.configData = href(links, QStringLiteral("configData"));
    b.links.installedBase = href(links, QStringLiteral("installedBase"));
    b.links.confirmationBase = href(links, QStringLiteral("confirmationBase"));
    return b;
}

std::optional<std::int64_t> actionIdFromHref(const QString &text)
{
    const QUrl url(text);
    if (!url.isValid())
        return std::nullopt;
    const QString last = url.path().section(QLatin1Char('/'), -1);
    bool ok = false;
    const qlonglong id = last.toLongLong(&ok);
    return ok && id > 0 ? std::optional<std::int64_t>(id) : std::nullopt;
}

QString handlingId(Handling h)
{
    switch (h) {
    case Handling::Skip:
        return QStringLiteral("skip");
    case Handling::Attempt:
        return QStringLiteral("attempt");
    case Handling::Forced:
        break;
    }
    return QStringLiteral("forced");
}

std::optional<Deployment> parseDeployment(const QByteArray &body, QString *error)
{
    const auto o = object(body, error);
    if (!o)
        return std::nullopt;
    Deployment d;
    const auto id = idValue(o->value(QStringLiteral("id")));
    if (!id) {
        fail(error, QStringLiteral("the deployment has no action id"));
        return std::nullopt;
    }
    d.actionId = *id;
    const QJsonObject dep = o->value(QStringLiteral("deployment")).toObject();
    const auto download = handling(dep.value(QStringLiteral("download")));
    const auto update = handling(dep.value(QStringLiteral("update")));
    if (!download || !update) {
        fail(error, QStringLiteral("download/update must be skip, attempt or forced"));
        return std::nullopt;
    }
    d.download = *download;
    d.update = *update;
    const QJsonValue window = dep.value(QStringLiteral("maintenanceWindow"));
    if (window.toString() == QLatin1String("available"))
        d.window = MaintenanceWindow::Available;
    else if (window.toString() == QLatin1String("unavailable"))
        d.window = MaintenanceWindow::Unavailable;
    else if (!window.isUndefined() && !window.isNull()) {
        fail(error, QStringLiteral("maintenanceWindow must be available or unavailable"));
        return std::nullopt;
    }
    const QJsonArray chunks = dep.value(QStringLiteral("chunks")).toArray();
    if (chunks.isEmpty() || chunks.size() > kMaxChunks) {
        fail(error, QStringLiteral("a deployment has 1 to %1 chunks, this one %2").arg(kMaxChunks).arg(chunks.size()));
        return std::nullopt;
    }
    for (const QJsonValue &cv : chunks) {
        const QJsonObject c = cv.toObject();
        Chunk chunk;
        chunk.part = c.value(QStringLiteral("part")).toString().left(128);
        chunk.name = c.value(QStringLiteral("name")).toString().left(128);
        chunk.version = c.value(QStringLiteral("version")).toString().left(128);
        if (chunk.part.isEmpty()) {
            fail(error, QStringLiteral("a chunk without a part"));
            return std::nullopt;
        }
        const QJsonArray artifacts = c.value(QStringLiteral("artifacts")).toArray();
        if (artifacts.size() > kMaxArtifacts) {
            fail(error, QStringLiteral("chunk %1 has %2 artifacts, at most %3 are taken").arg(chunk.part).arg(artifacts.size()).arg(kMaxArtifacts));
            return std::nullopt;
        }
        for (const QJsonValue &av : artifacts) {
            const QJsonObject a = av.toObject();
            Artifact art;
            art.filename = a.value(QStringLiteral("filename")).toString();
            // A file name, never a path: it becomes a file in the staging folder.
            static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9._+-]{1,128}$"));
            if (!safe.match(art.filename).hasMatch() || art.filename.startsWith(QLatin1Char('.'))) {
                fail(error, QStringLiteral("artifact file name \"%1\" is not a plain file name").arg(art.filename.left(64)));
                return std::nullopt;
            }
            const double size = a.value(QStringLiteral("size")).toDouble(-1);
            if (size < 0 || size > double(kMaxArtifactBytes) || size != double(std::int64_t(size))) {
                fail(error, QStringLiteral("artifact %1: size must be 0 to %2 bytes").arg(art.filename).arg(kMaxArtifactBytes));
                return std::nullopt;
            }
            art.size = std::int64_t(size);
            const QJsonObject hashes = a.value(QStringLiteral("hashes")).toObject();
            art.sha256 = hashes.value(QStringLiteral("sha256")).toString().toLower().toLatin1();
            art.sha1 = hashes.value(QStringLiteral("sha1")).toString().toLower().toLatin1();
            art.md5 = hashes.value(QStringLiteral("md5")).toString().toLower().toLatin1();
            if (!isHex(art.sha256, 64)) {
                fail(error, QStringLiteral("artifact %1 has no SHA-256 (it cannot be checked)").arg(art.filename));
                return std::nullopt;
            }
            const QJsonObject links = a.value(QStringLiteral("_links")).toObject();
            art.download = link(href(links, QStringLiteral("download")), "https");
            art.downloadHttp = link(href(links, QStringLiteral("download-http")), "http");
            if (art.download.isEmpty() && art.downloadHttp.isEmpty()) {
                fail(error, QStringLiteral("artifact %1 has no download link").arg(art.filename));
                return std::nullopt;
            }
            chunk.artifacts.push_back(std::move(art));
        }
        for (const QJsonValue &mv : c.value(QStringLiteral("metadata")).toArray()) {
            const QJsonObject m = mv.toObject();
            if (chunk.metadata.size() < 64)
                chunk.metadata.emplace_back(m.value(QStringLiteral("key")).toString().left(128), m.value(QStringLiteral("value")).toString().left(4096));
        }
        d.chunks.push_back(std::move(chunk));
    }
    return d;
}

std::optional<std::int64_t> parseCancel(const QByteArray &body, QString *error)
{
    const auto o = object(body, error);
    if (!o)
        return std::nullopt;
    const auto stop = idValue(o->value(QStringLiteral("cancelAction")).toObject().value(QStringLiteral("stopId")));
    if (!stop) {
        fail(error, QStringLiteral("cancelAction without a stopId"));
        return std::nullopt;
    }
    return stop;
}

QString executionId(Execution e)
{
    switch (e) {
    case Execution::Closed:
        return QStringLiteral("closed");
    case Execution::Proceeding:
        return QStringLiteral("proceeding");
    case Execution::Canceled:
        return QStringLiteral("canceled");
    case Execution::Scheduled:
        return QStringLiteral("scheduled");
    case Execution::Rejected:
        return QStringLiteral("rejected");
    case Execution::Resumed:
        return QStringLiteral("resumed");
    case Execution::Downloaded:
        return QStringLiteral("downloaded");
    case Execution::Download:
        break;
    }
    return QStringLiteral("download");
}

QString finishedId(Finished f)
{
    switch (f) {
    case Finished::Success:
        return QStringLiteral("success");
    case Finished::Failure:
        return QStringLiteral("failure");
    case Finished::None:
        break;
    }
    return QStringLiteral("none");
}

QByteArray feedbackBody(const Feedback &f, std::int64_t timestampMs)
{
    QJsonObject result{{QStringLiteral("finished"), finishedId(f.finished)}};
    if (f.progress)
        result.insert(QStringLiteral("progress"), QJsonObject{{QStringLiteral("cnt"), f.progress->first}, {QStringLiteral("of"), f.progress->second}});
    QJsonObject status{{QStringLiteral("execution"), executionId(f.execution)}, {QStringLiteral("result"), result}};
    if (f.code)
        status.insert(QStringLiteral("code"), *f.code);
    QJsonArray details;
    for (const QString &d : f.details) {
        if (details.size() >= kMaxDetails)
            break;
        details.append(d.left(512));
    }
    if (!details.isEmpty())
        status.insert(QStringLiteral("details"), details);
    return QJsonDocument(QJsonObject{{QStringLiteral("timestamp"), double(timestampMs)}, {QStringLiteral("status"), status}}).toJson(QJsonDocument::Compact);
}

QByteArray configDataBody(const std::map<QString, QString> &data, ConfigMode mode)
{
    QJsonObject values;
    for (const auto &[key, value] : data) {
        if (values.size() >= 100)
            break;
        values.insert(key.left(128), value.left(128));
    }
    const QString m = mode == ConfigMode::Replace ? QStringLiteral("replace") : mode == ConfigMode::Remove ? QStringLiteral("remove") : QStringLiteral("merge");
    return QJsonDocument(QJsonObject{{QStringLiteral("mode"), m}, {QStringLiteral("data"), values}}).toJson(QJsonDocument::Compact);
}

} // namespace kiosk::fleet::ddi
