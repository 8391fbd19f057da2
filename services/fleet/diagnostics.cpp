// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/fleet/diagnostics.h"

#include "common/privacy.h"
#include "services/platform/tls.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Timespan.h>

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QUrl>

#include <istream>
#include <ostream>

namespace kiosk::fleet::diagnostics {

namespace {

QString masked(const QString &text)
{
    return privacy::maskPersonalData(text);
}

Poco::Timespan span(std::chrono::milliseconds ms)
{
    return Poco::Timespan(Poco::Timespan::TimeDiff(ms.count()) * 1000);
}

QStringList splitLines(const QByteArray &bytes)
{
    QStringList lines = QString::fromUtf8(bytes).split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();
    for (QString &l : lines)
        if (l.endsWith(QLatin1Char('\r')))
            l.chop(1);
    return lines;
}

} // namespace

QStringList lastLinesOfFile(const QString &path, int lines, QString *why)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (why)
            *why = QStringLiteral("the log file cannot be read");
        return {};
    }
    // From the end, in growing steps, until enough lines are in hand (a log may be large).
    qint64 take = 64 * 1024;
    for (;;) {
        const qint64 from = std::max<qint64>(0, f.size() - take);
        f.seek(from);
        QStringList all = splitLines(f.readAll());
        if (from > 0 && !all.isEmpty())
            all.removeFirst(); // cut in the middle
        if (all.size() >= lines || from == 0)
            return all.mid(std::max<qsizetype>(0, all.size() - lines));
        take *= 4;
    }
}

LogLines lastLogLines(const Options &options, int lines)
{
    LogLines log;
    QString why;
    const QString journalctl = options.journalUnit.isEmpty() ? QString() : QStandardPaths::findExecutable(QStringLiteral("journalctl"));
    if (!journalctl.isEmpty()) {
        QProcess p;
        p.start(journalctl, {QStringLiteral("-u"), options.journalUnit, QStringLiteral("-n"), QString::number(lines), QStringLiteral("-o"),
                             QStringLiteral("cat"), QStringLiteral("--no-pager"), QStringLiteral("-q")});
        if (p.waitForFinished(10000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0) {
            QStringList got = splitLines(p.readAllStandardOutput());
            got.removeAll(QStringLiteral("-- No entries --"));
            if (!got.isEmpty()) {
                log.lines = got.mid(std::max<qsizetype>(0, got.size() - lines));
                log.source = QStringLiteral("journal");
            }
        } else {
            p.kill();
            p.waitForFinished(1000);
        }
        if (!log.lines.isEmpty())
            return log;
        why = QStringLiteral("the journal has no lines of %1").arg(options.journalUnit);
    }
    if (!options.logFile.isEmpty()) {
        log.lines = lastLinesOfFile(options.logFile, lines, &why);
        if (!log.lines.isEmpty() || why.isEmpty()) {
            log.source = QStringLiteral("file");
            return log;
        }
    }
    log.source = QStringLiteral("none: %1").arg(why.isEmpty() ? QStringLiteral("no journal and no log file configured") : why);
    return log;
}

QByteArray reportJson(const Report &report, const LogLines &log)
{
    QJsonObject values;
    for (const auto &[key, value] : report)
        values.insert(masked(key).left(128), masked(value).left(1024));
    QJsonArray lines;
    for (const QString &l : log.lines)
        lines.append(masked(l).left(2048));
    return QJsonDocument(QJsonObject{{QStringLiteral("format"), 1},
                                     {QStringLiteral("created"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
                                     {QStringLiteral("report"), values},
                                     {QStringLiteral("logSource"), masked(log.source)},
                                     {QStringLiteral("log"), lines}})
        .toJson(QJsonDocument::Compact);
}

Upload post(const QString &href, const QByteArray &body, const Options &options)
{
    Upload u;
    const QUrl url(href, QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != QLatin1String("https") || url.host().isEmpty()) {
        u.message = QStringLiteral("not an https address");
        return u;
    }
    if (options.caFile.empty()) {
        u.message = QStringLiteral("no CA file is configured for the upload (fleet.caFile)");
        return u;
    }
    try {
        platform::initializeTls();
        const std::string host = url.host().toStdString();
        auto ctx = platform::makeClientContext({options.caFile, host, options.clientCertificateFile, options.clientKeyFile});
        Poco::Net::HTTPSClientSession s(host, std::uint16_t(url.port(443)), ctx);
        s.setTimeout(span(options.timeout), span(options.timeout), span(options.timeout));
        QString target = url.path(QUrl::FullyEncoded);
        if (target.isEmpty())
            target = QStringLiteral("/");
        if (url.hasQuery())
            target += QLatin1Char('?') + url.query(QUrl::FullyEncoded);
        Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, target.toStdString(), Poco::Net::HTTPMessage::HTTP_1_1);
        request.setContentType("application/json");
        request.setContentLength(body.size());
        request.set("User-Agent", "kiosk-diagnostics/1");
        std::ostream &out = s.sendRequest(request);
        out.write(body.constData(), body.size());
        Poco::Net::HTTPResponse response;
        std::istream &in = s.receiveResponse(response);
        char sink[4096];
        for (int i = 0; i < 64 && in.read(sink, sizeof sink); ++i) { // the reply is not needed: a little is drained
        }
        u.status = int(response.getStatus());
        u.ok = u.status >= 200 && u.status < 300;
        u.message = u.ok ? QStringLiteral("uploaded %1 bytes (HTTP %2)").arg(body.size()).arg(u.status)
                         : QStringLiteral("the server refused the upload: HTTP %1").arg(u.status);
    } catch (const Poco::Exception &e) {
        const std::string verify = platform::takeLastVerifyError();
        u.message = QStringLiteral("the upload failed: %1").arg(QString::fromStdString(verify.empty() ? e.displayText() : verify)).left(300);
    }
    return u;
}

commands::Result uploadDiagnostics(const QString &url, int logLines, const std::function<Report()> &provider, const Options &options)
{
    const Report report = provider ? provider() : Report{};
    LogLines log = lastLogLines(options, logLines);
    QByteArray body = reportJson(report, log);
    while (std::size_t(body.size()) > options.maxBodyBytes && !log.lines.isEmpty()) {
        log.lines = log.lines.mid(log.lines.size() / 2); // the newest half stays
        body = reportJson(report, log);
    }
    const Upload u = post(url, body, options);
    commands::Result r;
    r.ok = u.ok;
    const QUrl where(url);
    r.lines << QStringLiteral("%1 report values and %2 log lines (%3) to %4")
                   .arg(report.size())
                   .arg(log.lines.size())
                   .arg(log.source, where.host() + where.path());
    r.lines << u.message;
    return r;
}

} // namespace kiosk::fleet::diagnostics
