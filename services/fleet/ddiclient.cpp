// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/fleet/ddiclient.h"
#include "services/fleet/atomicfile.h"

#include "services/platform/tls.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QUrl>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <set>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcFleet, "kiosk.services.fleet")

namespace kiosk::fleet {

namespace {

using Steady = std::chrono::steady_clock;
using Wall = std::chrono::system_clock;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

Poco::Timespan span(std::chrono::milliseconds ms)
{
    return Poco::Timespan(Poco::Timespan::TimeDiff(ms.count()) * 1000);
}

/** Closes a file descriptor on every way out (fsync first: what was written is kept for a resume). */
struct FileGuard {
    int fd = -1;
    ~FileGuard()
    {
        if (fd >= 0) {
            (void)::fsync(fd);
            ::close(fd);
        }
    }
};

std::int64_t wallMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(Wall::now().time_since_epoch()).count();
}

bool makePrivateDir(const fs::path &dir)
{
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (!fs::is_directory(dir))
        return false;
    return ::chmod(dir.c_str(), 0700) == 0;
}

/** The URL of a link's own resource, without its query (feedback goes below it). */
QString withoutQuery(const QString &href)
{
    QUrl url(href);
    url.setQuery(QString());
    url.setFragment(QString());
    return url.toString();
}

/** The request target: the path and the query, as given (a cache-buster included). */
std::string target(const QUrl &url)
{
    QByteArray t = url.path(QUrl::FullyEncoded).toUtf8();
    if (url.hasQuery())
        t += '?' + url.query(QUrl::FullyEncoded).toUtf8();
    return t.toStdString();
}

QString sha256OfFile(const fs::path &file)
{
    QFile f(QString::fromStdString(file.string()));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&f))
        return {};
    return QString::fromLatin1(hash.result().toHex());
}

/** What the action journal says of the action in hand (one at a time), kept across restarts. */
struct Journal {
    std::int64_t actionId = 0;
    QString stage; ///< "downloading", "downloaded", "installing", "closed"
    QString result; ///< closed: "success" or "failure"
    QString reason;
    QStringList details;
    bool reported = false; ///< closed: the server has taken the closing feedback (or said 410)
    bool cancel = false; ///< closed by a cancel (its feedback goes to cancelAction)
    QString feedbackUrl; ///< where the closing feedback goes
    QStringList sent; ///< statuses sent for it already ("download", "downloaded", "proceeding:…")
    QByteArray deployment; ///< the deploymentBase reply, to ask the installer after a restart

    [[nodiscard]] QByteArray toJson() const
    {
        return QJsonDocument(QJsonObject{{QStringLiteral("actionId"), double(actionId)},
                                         {QStringLiteral("stage"), stage},
                                         {QStringLiteral("result"), result},
                                         {QStringLiteral("reason"), reason},
                                         {QStringLiteral("details"), QJsonArray::fromStringList(details)},
                                         {QStringLiteral("reported"), reported},
                                         {QStringLiteral("cancel"), cancel},
                                         {QStringLiteral("feedbackUrl"), feedbackUrl},
                                         {QStringLiteral("sent"), QJsonArray::fromStringList(sent)},
                                         {QStringLiteral("deployment"), QString::fromLatin1(deployment.toBase64())}})
                .toJson(QJsonDocument::Compact);
    }
    static std::optional<Journal> fromJson(const QByteArray &data)
    {
        const QJsonObject o = QJsonDocument::fromJson(data).object();
        if (o.isEmpty())
            return std::nullopt;
        Journal j;
        j.actionId = std::int64_t(o.value(QStringLiteral("actionId")).toDouble());
        j.stage = o.value(QStringLiteral("stage")).toString();
        j.result = o.value(QStringLiteral("result")).toString();
        j.reason = o.value(QStringLiteral("reason")).toString();
        for (const auto &v : o.value(QStringLiteral("details")).toArray())
            j.details << v.toString();
        j.reported = o.value(QStringLiteral("reported")).toBool();
        j.cancel = o.value(QStringLiteral("cancel")).toBool();
        j.feedbackUrl = o.value(QStringLiteral("feedbackUrl")).toString();
        for (const auto &v : o.value(QStringLiteral("sent")).toArray())
            j.sent << v.toString();
        j.deployment = QByteArray::fromBase64(o.value(QStringLiteral("deployment")).toString().toLatin1());
        if (j.actionId <= 0)
            return std::nullopt;
        return j;
    }
};

struct Reply {
    int status = 0; ///< 0: no reply (error says why)
    std::string body;
    std::string etag;
    QString error;
    [[nodiscard]] bool ok() const { return status >= 200 && status < 300; }
};

} // namespace

class DdiClient::Impl
{
public:
    Impl(Options o, Installer *applier)
        : options(std::move(o))
        , installer(applier)
        , random(options.jitterSeed ? options.jitterSeed : std::uint32_t(Steady::now().time_since_epoch().count()))
    {
        platform::initializeTls();
        if (!options.baseUrl.endsWith(QLatin1Char('/')))
            options.baseUrl += QLatin1Char('/');
        journalFile = options.stateDir / "action.json";
        stagingDir = options.stateDir / "staging";
    }

    // --- set up by the owner ------------------------------------------------------------------
    Options options;
    Installer *installer;
    fs::path journalFile;
    fs::path stagingDir;

    mutable std::mutex mutex; // guards what follows up to the thread's own state
    std::condition_variable wake;
    bool stopping = false;
    bool pollRequested = false;
    Attributes attributes;
    std::set<QString> volatileKeys;
    std::function<bool()> idle;
    Status status;

    std::thread thread;
    int lockFd = -1; ///< the state folder's lock, held while this client may act
    std::atomic<int> activeFd{-1}; ///< the socket of the transfer in progress (stop() shuts it down)

    // --- the client thread's own state ----------------------------------------------------------
    std::mt19937 random;
    std::string etag;
    std::optional<ddi::BasePoll> lastBase;
    std::chrono::seconds interval{300};
    int failures = 0;
    bool tooMany = false;
    Attributes sentAttributes;
    bool attributesEverSent = false;
    std::optional<Journal> journal;
    bool journalLoaded = false;
    std::map<std::string, Poco::Net::Context::Ptr> contexts;
    std::map<std::string, std::unique_ptr<Poco::Net::HTTPClientSession>> sessions;

    /** The state folder, and its lock for this process. */
    bool lock(QString *error)
    {
        if (lockFd >= 0)
            return true;
        if (!makePrivateDir(options.stateDir)) {
            *error = QStringLiteral("cannot make the fleet state folder %1").arg(QString::fromStdString(options.stateDir.string()));
            return false;
        }
        const fs::path path = options.stateDir / "lock";
        const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        if (fd < 0 || ::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            if (fd >= 0)
                ::close(fd);
            *error = QStringLiteral("another fleet client uses %1 (the kiosk is running: it polls by itself)").arg(QString::fromStdString(options.stateDir.string()));
            return false;
        }
        lockFd = fd;
        return true;
    }

    void unlock()
    {
        if (lockFd >= 0) {
            ::close(lockFd); // releases the flock
            lockFd = -1;
        }
    }

    void writeStatus()
    {
        Status copy;
        {
            std::lock_guard lock(mutex);
            copy = status;
        }
        QString error;
        if (!writeAtomically(options.stateDir / "status.json", DdiClient::statusJson(copy), &error))
            qCWarning(lcFleet).noquote() << error;
    }

    [[nodiscard]] bool isStopping() const
    {
        std::lock_guard lock(mutex);
        return stopping;
    }

    void setStage(const QString &stage)
    {
        std::lock_guard lock(mutex);
        status.actionStage = stage;
        status.actionId = journal ? journal->actionId : 0;
    }

    // --- HTTP ----------------------------------------------------------------------------------

    Poco::Net::HTTPClientSession *session(const QUrl &url, QString *error)
    {
        const bool tls = url.scheme() == QLatin1String("https");
        const std::string host = url.host().toStdString();
        const std::uint16_t port = std::uint16_t(url.port(tls ? 443 : 80));
        const std::string key = url.scheme().toStdString() + "://" + host + ":" + std::to_string(port);
        auto &s = sessions[key];
        if (!s) {
            try {
                if (tls) {
                    auto &ctx = contexts[host];
                    if (!ctx)
                        ctx = platform::makeClientContext({options.caFile, host, options.clientCertificateFile, options.clientKeyFile});
                    s = std::make_unique<Poco::Net::HTTPSClientSession>(host, port, ctx);
                } else {
                    s = std::make_unique<Poco::Net::HTTPClientSession>(host, port);
                }
            } catch (const Poco::Exception &e) {
                *error = QStringLiteral("the fleet server's TLS settings do not work: %1").arg(QString::fromStdString(e.displayText()));
                sessions.erase(key);
                return nullptr;
            }
            s->setKeepAlive(true);
        }
        return s.get();
    }

    void dropSession(const QUrl &url)
    {
        const bool tls = url.scheme() == QLatin1String("https");
        sessions.erase(url.scheme().toStdString() + "://" + url.host().toStdString() + ":" + std::to_string(url.port(tls ? 443 : 80)));
    }

    /** Sends a request and reads the reply (at most @p maxBody bytes). */
    Reply call(const std::string &method, const QString &href, const QByteArray &body = {}, const std::string &ifNoneMatch = {})
    {
        Reply r;
        const QUrl url(href);
        if (!url.isValid() || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))) {
            r.error = QStringLiteral("not a web address: %1").arg(href.left(120));
            return r;
        }
        for (int attempt = 0; attempt < 2; ++attempt) { // a kept-alive connection closed meanwhile: once more, fresh
            auto *s = session(url, &r.error);
            if (!s)
                return r;
            const bool reused = s->connected();
            try {
                s->setTimeout(span(options.connectTimeout), span(options.ioTimeout), span(options.ioTimeout));
                Poco::Net::HTTPRequest request(method, target(url), Poco::Net::HTTPMessage::HTTP_1_1);
                request.setKeepAlive(true);
                request.set("Accept", "application/json");
                if (!options.targetToken.isEmpty())
                    request.set("Authorization", "TargetToken " + options.targetToken.toStdString());
                if (!ifNoneMatch.empty())
                    request.set("If-None-Match", ifNoneMatch);
                if (!body.isEmpty() || method == "POST" || method == "PUT") {
                    request.setContentType("application/json");
                    request.setContentLength(body.size());
                }
                std::ostream &out = s->sendRequest(request);
                activeFd = int(s->socket().impl()->sockfd());
                out.write(body.constData(), body.size());
                Poco::Net::HTTPResponse response;
                std::istream &in = s->receiveResponse(response);
                r.status = int(response.getStatus());
                r.etag = response.get("ETag", "");
                char buf[8192];
                while (in.read(buf, sizeof buf) || in.gcount() > 0) {
                    r.body.append(buf, std::size_t(in.gcount()));
                    if (r.body.size() > std::size_t(ddi::kMaxReplyBytes)) {
                        dropSession(url);
                        activeFd = -1;
                        return {0, {}, {}, QStringLiteral("the fleet server's reply is too large")};
                    }
                }
                activeFd = -1;
                if (response.hasContentLength() && std::streamsize(r.body.size()) < response.getContentLength64()) {
                    dropSession(url);
                    return {0, {}, {}, QStringLiteral("the fleet server's reply was cut short")};
                }
                if (!response.getKeepAlive())
                    dropSession(url);
                return r;
            } catch (const Poco::Exception &e) {
                activeFd = -1;
                dropSession(url);
                r = {};
                r.error = describe(e);
                if (!reused || isStopping())
                    return r;
            }
        }
        return r;
    }

    static QString describe(const Poco::Exception &e)
    {
        if (dynamic_cast<const Poco::TimeoutException *>(&e))
            return QStringLiteral("the fleet server did not answer in time");
        if (dynamic_cast<const Poco::Net::ConnectionRefusedException *>(&e))
            return QStringLiteral("the fleet server is not reachable (connection refused)");
        if (dynamic_cast<const Poco::Net::SSLException *>(&e)) {
            const std::string verify = platform::takeLastVerifyError();
            return QStringLiteral("the fleet server's TLS was refused: %1").arg(QString::fromStdString(verify.empty() ? e.displayText() : verify));
        }
        if (dynamic_cast<const Poco::Net::HostNotFoundException *>(&e) || dynamic_cast<const Poco::Net::NoAddressFoundException *>(&e))
            return QStringLiteral("the fleet server's name is not known (DNS)");
        return QStringLiteral("the connection to the fleet server failed: %1").arg(QString::fromStdString(e.displayText()));
    }

    QString baseHref() const { return options.baseUrl + QString::fromLatin1(QUrl::toPercentEncoding(options.controllerId)); }

    // --- the journal ---------------------------------------------------------------------------

    void loadJournal()
    {
        if (journalLoaded)
            return;
        journalLoaded = true;
        QFile f(QString::fromStdString(journalFile.string()));
        if (f.open(QIODevice::ReadOnly)) {
            journal = Journal::fromJson(f.read(4 * 1024 * 1024));
            if (!journal)
                qCWarning(lcFleet).noquote() << "the fleet action journal" << f.fileName() << "is unreadable: it is set aside";
        }
    }

    bool saveJournal()
    {
        QString error;
        if (!makePrivateDir(options.stateDir) || !writeAtomically(journalFile, journal ? journal->toJson() : QByteArray("{}"), &error)) {
            qCWarning(lcFleet).noquote() << "the fleet action journal could not be saved:" << error;
            return false;
        }
        return true;
    }

    void clearStaging()
    {
        std::error_code ec;
        fs::remove_all(stagingDir, ec);
    }

    // --- feedback ------------------------------------------------------------------------------

    enum class Sent { Ok, Gone, Failed };

    Sent sendFeedback(const QString &url, const ddi::Feedback &f)
    {
        const Reply r = call("POST", url, ddi::feedbackBody(f, wallMs()));
        if (r.ok())
            return Sent::Ok;
        if (r.status == 410)
            return Sent::Gone;
        qCWarning(lcFleet).noquote() << "feedback" << ddi::executionId(f.execution) << "to" << url << "not taken:"
                                     << (r.status ? QStringLiteral("HTTP %1").arg(r.status) : r.error);
        return Sent::Failed;
    }

    /** A status of the action in hand, once: false when the server says the action is gone. */
    bool report(const QString &key, const ddi::Feedback &f)
    {
        if (!journal || journal->sent.contains(key))
            return true;
        const Sent s = sendFeedback(journal->feedbackUrl, f);
        if (s == Sent::Gone) {
            goneOnServer();
            return false;
        }
        if (s == Sent::Ok) {
            journal->sent << key;
            saveJournal();
        }
        return true;
    }

    void goneOnServer()
    {
        qCInfo(lcFleet).noquote() << "action" << journal->actionId << "was closed on the server: dropped here";
        journal->stage = QStringLiteral("closed");
        if (journal->result.isEmpty()) {
            journal->result = QStringLiteral("failure");
            journal->reason = QStringLiteral("closed on the server");
        }
        journal->reported = true;
        saveJournal();
        clearStaging();
        finishedAction();
    }

    void finishedAction()
    {
        std::lock_guard lock(mutex);
        status.lastActionId = journal->actionId;
        status.lastActionResult = journal->result == QLatin1String("success") ? journal->result : journal->result + QStringLiteral(": ") + journal->reason;
        status.actionId = 0;
        status.actionStage.clear();
    }

    /** Closes the action in hand with @p ok and @p reason; the journal first, then the server. */
    void close(bool ok, const QString &reason, const QStringList &details = {})
    {
        journal->stage = QStringLiteral("closed");
        journal->result = ok ? QStringLiteral("success") : QStringLiteral("failure");
        journal->reason = reason;
        journal->details = details;
        journal->reported = false;
        saveJournal();
        clearStaging();
        qCInfo(lcFleet).noquote() << "action" << journal->actionId << (ok ? "succeeded:" : "failed:") << reason;
        sendClosing();
        finishedAction();
    }

    /** The closing feedback of a closed action, until the server has it. */
    void sendClosing()
    {
        if (!journal || journal->stage != QLatin1String("closed") || journal->reported)
            return;
        ddi::Feedback f;
        f.execution = ddi::Execution::Closed;
        f.finished = journal->result == QLatin1String("success") ? ddi::Finished::Success : ddi::Finished::Failure;
        f.details = QStringList{journal->reason} + journal->details;
        const Sent s = sendFeedback(journal->feedbackUrl, f);
        if (s != Sent::Failed) {
            journal->reported = true;
            saveJournal();
        }
    }

    // --- configData ----------------------------------------------------------------------------

    void sendAttributes(bool asked)
    {
        Attributes now;
        std::set<QString> vol;
        {
            std::lock_guard lock(mutex);
            now = attributes;
            vol = volatileKeys;
        }
        if (now.empty())
            return;
        bool changed = !attributesEverSent;
        for (const auto &[k, v] : now) {
            if (vol.count(k))
                continue;
            const auto it = sentAttributes.find(k);
            changed = changed || it == sentAttributes.end() || it->second != v;
        }
        if (!asked && !changed)
            return;
        const QString url = lastBase && !lastBase->links.configData.isEmpty() ? lastBase->links.configData : baseHref() + QStringLiteral("/configData");
        const Reply r = call("PUT", url, ddi::configDataBody(now));
        if (r.ok()) {
            sentAttributes = now;
            attributesEverSent = true;
            std::lock_guard lock(mutex);
            ++status.configDataSent;
        } else {
            qCWarning(lcFleet).noquote() << "configData not taken:" << (r.status ? QStringLiteral("HTTP %1").arg(r.status) : r.error);
        }
    }

    // --- downloads -----------------------------------------------------------------------------

    enum class Got { Done, Retry, Fatal, Stopped };

    Got downloadOnce(const ddi::Artifact &a, const QString &href, const fs::path &part, QString *why)
    {
        std::error_code ec;
        std::int64_t have = fs::exists(part, ec) ? std::int64_t(fs::file_size(part, ec)) : 0;
        if (have > a.size) {
            fs::remove(part, ec);
            have = 0;
        }
        if (have == a.size)
            return Got::Done;
        const QUrl url(href);
        auto *s = session(url, why);
        if (!s)
            return Got::Fatal;
        try {
            // A read waits at most the low-speed time: a stalled transfer is seen as one.
            const auto io = span(std::min(options.lowSpeedTime, options.ioTimeout));
            s->setTimeout(span(options.connectTimeout), io, io);
            Poco::Net::HTTPRequest request("GET", target(url), Poco::Net::HTTPMessage::HTTP_1_1);
            request.setKeepAlive(true);
            if (!options.targetToken.isEmpty())
                request.set("Authorization", "TargetToken " + options.targetToken.toStdString());
            if (have > 0)
                request.set("Range", "bytes=" + std::to_string(have) + "-");
            s->sendRequest(request);
            activeFd = int(s->socket().impl()->sockfd());
            Poco::Net::HTTPResponse response;
            std::istream &in = s->receiveResponse(response);
            const int code = int(response.getStatus());
            if (code == 416 && have > 0) { // what is here is not a start of it
                fs::remove(part, ec);
                dropSession(url);
                *why = QStringLiteral("the server refused to resume (416): starting again");
                return Got::Retry;
            }
            if (code != 200 && code != 206) {
                dropSession(url);
                *why = QStringLiteral("the server answered HTTP %1 for %2").arg(code).arg(a.filename);
                return Got::Retry;
            }
            const bool appending = code == 206;
            if (appending) {
                // Content-Range: bytes <from>-<to>/<size>
                const std::string range = response.get("Content-Range", "");
                const std::string expect = "bytes " + std::to_string(have) + "-";
                if (range.rfind(expect, 0) != 0) {
                    fs::remove(part, ec);
                    dropSession(url);
                    *why = QStringLiteral("the server resumed at another place (%1): starting again").arg(QString::fromStdString(range));
                    return Got::Retry;
                }
            }
            FileGuard out{::open(part.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | (appending ? O_APPEND : O_TRUNC), 0600)};
            const int fd = out.fd;
            if (fd < 0) {
                *why = QStringLiteral("cannot write the download: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
                dropSession(url);
                return Got::Fatal;
            }
            std::int64_t total = appending ? have : 0;
            auto windowStart = Steady::now();
            std::int64_t windowBytes = 0;
            const double lowRate = options.lowSpeedBytesPerSecond;
            char buf[65536];
            Got got = Got::Done;
            while (true) {
                // Whatever has arrived, not a full buffer: a slow transfer is measured as it goes
                // (and what came is on disk for a resume). peek() waits for data, at most the
                // read timeout.
                if (in.peek() == std::char_traits<char>::eof())
                    break;
                const std::streamsize n = in.readsome(buf, sizeof buf);
                if (n <= 0)
                    break;
                if (total + n > a.size) {
                    *why = QStringLiteral("%1 is larger than the %2 bytes announced").arg(a.filename).arg(a.size);
                    got = Got::Fatal;
                    break;
                }
                if (::write(fd, buf, std::size_t(n)) != n) {
                    *why = QStringLiteral("cannot write the download (disk full?): %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
                    got = Got::Fatal;
                    break;
                }
                total += n;
                windowBytes += n;
                const auto now = Steady::now();
                if (now - windowStart >= options.lowSpeedTime) {
                    const double seconds = std::chrono::duration<double>(now - windowStart).count();
                    if (windowBytes < lowRate * seconds) {
                        *why = QStringLiteral("the download is too slow (%1 B/s): trying again").arg(qRound(windowBytes / seconds));
                        got = Got::Retry;
                        break;
                    }
                    windowStart = now;
                    windowBytes = 0;
                }
                if (isStopping()) {
                    got = Got::Stopped;
                    break;
                }
            }
            activeFd = -1;
            if (got != Got::Done) {
                dropSession(url);
                if (got == Got::Fatal)
                    fs::remove(part, ec);
                return got;
            }
            if (total < a.size) {
                dropSession(url);
                *why = QStringLiteral("the download of %1 was cut at %2 of %3 bytes: resuming").arg(a.filename).arg(total).arg(a.size);
                return Got::Retry;
            }
            if (!response.getKeepAlive())
                dropSession(url);
            return Got::Done;
        } catch (const Poco::Exception &e) {
            activeFd = -1;
            dropSession(url);
            if (isStopping())
                return Got::Stopped;
            *why = describe(e);
            return Got::Retry;
        }
    }

    /** True when the server now asks to cancel action @p id (looked at between retries). */
    bool cancelRequested(std::int64_t id)
    {
        const Reply r = call("GET", baseHref());
        if (!r.ok())
            return false;
        const auto base = ddi::parseBase(QByteArray::fromStdString(r.body));
        if (!base || base->links.cancelAction.isEmpty())
            return false;
        const auto cancelId = ddi::actionIdFromHref(base->links.cancelAction);
        if (cancelId == id) {
            lastBase = base;
            etag.clear();
            return true;
        }
        return false;
    }

    enum class Fetched { Ok, Failed, Cancelled, Stopped };

    /** Downloads and checks one artifact into the staging folder. */
    Fetched fetch(const ddi::Chunk &chunk, const ddi::Artifact &a, StagedArtifact *staged, QString *why)
    {
        QString href = a.download;
        if (href.isEmpty()) {
            if (!installer || !installer->selfVerifying(chunk.part)) {
                *why = QStringLiteral("%1 is offered only over plain HTTP, and part \"%2\" does not verify itself: refused").arg(a.filename, chunk.part);
                return Fetched::Failed;
            }
            href = a.downloadHttp;
        }
        const fs::path dir = stagingDir / std::to_string(journal->actionId);
        if (!makePrivateDir(stagingDir) || !makePrivateDir(dir)) {
            *why = QStringLiteral("cannot make the staging folder %1").arg(QString::fromStdString(dir.string()));
            return Fetched::Failed;
        }
        const fs::path file = dir / a.filename.toStdString();
        const fs::path part = file.string() + ".part";
        std::error_code ec;
        // Checked in full once; while the action waits (for the window, the attract screen) the size
        // is enough: the installer checks the bundle's signature before it applies anything.
        const bool checked = journal->stage == QLatin1String("downloaded");
        if (fs::exists(file, ec) && std::int64_t(fs::file_size(file, ec)) == a.size && (checked || sha256OfFile(file).toLatin1() == a.sha256)) {
            *staged = {chunk.part, chunk.name, chunk.version, a.filename, file};
            return Fetched::Ok; // checked before a restart
        }
        QString last;
        for (int attempt = 1; attempt <= std::max(1, options.downloadAttempts); ++attempt) {
            if (attempt > 1) {
                const auto wait = options.retryBase * (1 << std::min(attempt - 2, 10));
                std::unique_lock lock(mutex);
                if (wake.wait_for(lock, wait, [this] { return stopping; }))
                    return Fetched::Stopped;
                lock.unlock();
                if (cancelRequested(journal->actionId))
                    return Fetched::Cancelled;
            }
            const Got got = downloadOnce(a, href, part, &last);
            if (got == Got::Stopped)
                return Fetched::Stopped;
            if (got == Got::Fatal) {
                *why = last;
                return Fetched::Failed;
            }
            if (got == Got::Retry) {
                qCInfo(lcFleet).noquote() << "action" << journal->actionId << "download attempt" << attempt << "of" << options.downloadAttempts << ":" << last;
                continue;
            }
            // The whole file: its size and SHA-256, before anything is done with it.
            if (const QString sum = sha256OfFile(part); sum.toLatin1() != a.sha256) {
                fs::remove(part, ec);
                last = QStringLiteral("%1: SHA-256 does not match (got %2…, expected %3…)").arg(a.filename, sum.left(12), QString::fromLatin1(a.sha256.left(12)));
                qCWarning(lcFleet).noquote() << "action" << journal->actionId << last;
                continue;
            }
            fs::rename(part, file, ec);
            if (ec) {
                *why = QStringLiteral("cannot keep %1: %2").arg(a.filename, QString::fromStdString(ec.message()));
                return Fetched::Failed;
            }
            *staged = {chunk.part, chunk.name, chunk.version, a.filename, file};
            return Fetched::Ok;
        }
        *why = QStringLiteral("%1 not downloaded after %2 attempts: %3").arg(a.filename).arg(options.downloadAttempts).arg(last);
        return Fetched::Failed;
    }

    // --- actions -------------------------------------------------------------------------------

    void handleCancel(const QString &href)
    {
        const Reply r = call("GET", href);
        if (!r.ok())
            return;
        const auto stopId = ddi::parseCancel(QByteArray::fromStdString(r.body));
        const auto cancelId = ddi::actionIdFromHref(href);
        if (!stopId || !cancelId)
            return;
        const QString url = withoutQuery(href) + QStringLiteral("/feedback");
        if (journal && journal->actionId == *stopId && journal->cancel && journal->reported)
            return; // said already; the server has not caught up yet
        ddi::Feedback f;
        if (journal && journal->actionId == *stopId && (journal->stage == QLatin1String("installing") || journal->stage == QLatin1String("closed"))) {
            // Too late to stop: it was applied (or is being applied). Said so; the action stays.
            f.execution = ddi::Execution::Rejected;
            f.details << QStringLiteral("already applied on the terminal: cannot be cancelled");
            (void)sendFeedback(url, f);
            return;
        }
        f.execution = ddi::Execution::Closed;
        f.finished = ddi::Finished::Success;
        f.details << QStringLiteral("cancelled on the terminal; nothing was applied");
        if (journal && journal->actionId == *stopId) {
            journal->stage = QStringLiteral("closed");
            journal->result = QStringLiteral("failure");
            journal->reason = QStringLiteral("cancelled by the server");
            journal->cancel = true;
            journal->feedbackUrl = url;
            journal->reported = false;
            saveJournal();
            clearStaging();
            finishedAction();
        }
        const Sent s = sendFeedback(url, f);
        if (journal && journal->actionId == *stopId && s != Sent::Failed) {
            journal->reported = true;
            saveJournal();
        }
        qCInfo(lcFleet).noquote() << "action" << *stopId << "cancelled by the server";
    }

    void handleDeployment(const QString &href)
    {
        const auto id = ddi::actionIdFromHref(href);
        if (!id)
            return;
        if (journal && journal->actionId == *id && journal->stage == QLatin1String("closed")) {
            sendClosing(); // done here already: never again
            return;
        }
        const Reply r = call("GET", href);
        if (!r.ok()) {
            qCWarning(lcFleet).noquote() << "deployment" << *id << "not fetched:" << (r.status ? QStringLiteral("HTTP %1").arg(r.status) : r.error);
            return;
        }
        const QByteArray raw = QByteArray::fromStdString(r.body);
        QString error;
        const auto d = ddi::parseDeployment(raw, &error);
        if (!journal || journal->actionId != *id) {
            clearStaging();
            journal = Journal{};
            journal->actionId = *id;
            journal->stage = QStringLiteral("downloading");
            journal->feedbackUrl = withoutQuery(href) + QStringLiteral("/feedback");
            journal->deployment = raw;
            saveJournal();
            qCInfo(lcFleet).noquote() << "action" << *id << "received";
        }
        if (!d) {
            close(false, QStringLiteral("the deployment cannot be read: ") + error);
            return;
        }
        if (journal->stage == QLatin1String("installing")) {
            // The terminal stopped while applying it: whatever happened, it is not applied again.
            const bool took = installer && installer->tookEffect(*d);
            close(took, took ? QStringLiteral("applied before the terminal restarted")
                             : QStringLiteral("interrupted by a restart while being applied; the previous state is in force"));
            return;
        }
        if (d->download == ddi::Handling::Skip) {
            setStage(QStringLiteral("waiting: the server holds the download back"));
            return;
        }
        setStage(QStringLiteral("downloading"));
        int count = 0;
        for (const auto &c : d->chunks)
            count += int(c.artifacts.size());
        ddi::Feedback start;
        start.execution = ddi::Execution::Download;
        start.details << QStringLiteral("downloading %1 artifact(s)").arg(count);
        if (!report(QStringLiteral("download"), start))
            return;
        std::vector<StagedArtifact> staged;
        for (const auto &c : d->chunks) {
            for (const auto &a : c.artifacts) {
                StagedArtifact s;
                QString why;
                switch (fetch(c, a, &s, &why)) {
                case Fetched::Ok:
                    staged.push_back(s);
                    break;
                case Fetched::Stopped:
                    return; // resumed next time
                case Fetched::Cancelled:
                    handleCancel(lastBase->links.cancelAction);
                    return;
                case Fetched::Failed:
                    close(false, why);
                    return;
                }
            }
        }
        journal->stage = QStringLiteral("downloaded");
        saveJournal();
        ddi::Feedback got;
        got.execution = ddi::Execution::Downloaded;
        got.finished = ddi::Finished::None;
        got.progress = std::make_pair(count, count);
        got.details << QStringLiteral("%1 artifact(s) downloaded and checked (size, SHA-256)").arg(count);
        if (!report(QStringLiteral("downloaded"), got))
            return;
        if (d->update == ddi::Handling::Skip || d->window == ddi::MaintenanceWindow::Unavailable) {
            setStage(QStringLiteral("waiting for the maintenance window"));
            ddi::Feedback wait;
            wait.execution = ddi::Execution::Scheduled;
            wait.details << QStringLiteral("downloaded; waiting for the maintenance window");
            (void)report(QStringLiteral("scheduled"), wait);
            return;
        }
        std::function<bool()> gate;
        {
            std::lock_guard lock(mutex);
            gate = idle;
        }
        if (gate && !gate()) {
            setStage(QStringLiteral("waiting for the attract screen"));
            ddi::Feedback wait;
            wait.execution = ddi::Execution::Proceeding;
            wait.details << QStringLiteral("downloaded; applied when no resident is using the terminal");
            (void)report(QStringLiteral("proceeding:waiting"), wait);
            return;
        }
        journal->stage = QStringLiteral("installing");
        if (!saveJournal()) {
            close(false, QStringLiteral("the action journal cannot be written (disk full?): not applied"));
            return;
        }
        setStage(QStringLiteral("applying"));
        ddi::Feedback apply;
        apply.execution = ddi::Execution::Proceeding;
        apply.details << QStringLiteral("applying");
        if (!report(QStringLiteral("proceeding:applying"), apply))
            return; // closed on the server meanwhile: not applied
        const InstallResult result = installer ? installer->install(*d, staged) : InstallResult{false, QStringLiteral("this terminal has no installer"), {}};
        close(result.ok, result.reason.isEmpty() ? (result.ok ? QStringLiteral("applied") : QStringLiteral("not applied")) : result.reason, result.details);
    }

    // --- one cycle -----------------------------------------------------------------------------

    /** One poll and what follows from it. Returns whether the server answered. */
    bool cycle(QString *error)
    {
        loadJournal();
        {
            std::lock_guard lock(mutex);
            ++status.polls;
        }
        const Reply r = call("GET", baseHref(), {}, etag);
        QString problem;
        std::optional<ddi::BasePoll> base;
        if (r.status == 304 && lastBase) {
            base = lastBase;
        } else if (r.ok()) {
            QString why;
            base = ddi::parseBase(QByteArray::fromStdString(r.body), &why);
            if (!base)
                problem = QStringLiteral("the fleet server's reply cannot be read: ") + why;
        } else {
            problem = r.status ? QStringLiteral("the fleet server answered HTTP %1").arg(r.status) : r.error;
            if (r.status == 401 || r.status == 403)
                problem += QStringLiteral(" (the terminal's token is not accepted: enrol it again)");
        }
        tooMany = r.status == 429;
        if (!base) {
            ++failures;
            std::lock_guard lock(mutex);
            status.lastPollResult = problem;
            status.failuresInARow = failures;
            if (error)
                *error = problem;
            return false;
        }
        failures = 0;
        if (r.status != 304) {
            etag = r.etag;
            if (base->sleep)
                interval = *base->sleep;
            else if (!base->sleepText.isEmpty())
                qCWarning(lcFleet).noquote() << "the fleet server's poll interval" << base->sleepText << "is not readable: kept" << interval.count() << "s";
            lastBase = base;
        }
        {
            std::lock_guard lock(mutex);
            status.lastPoll = Wall::now();
            status.lastPollResult = r.status == 304 ? QStringLiteral("not modified") : QStringLiteral("ok");
            status.failuresInARow = 0;
            status.interval = interval;
        }
        {
            std::lock_guard lock(mutex);
            const QString offered = !base->links.cancelAction.isEmpty() ? base->links.cancelAction : base->links.deploymentBase;
            status.offeredActionId = offered.isEmpty() ? 0 : ddi::actionIdFromHref(offered).value_or(0);
            status.offeredCancel = !base->links.cancelAction.isEmpty();
        }
        sendAttributes(!base->links.configData.isEmpty());
        if (!options.actOnActions)
            return true;
        sendClosing();
        if (!base->links.cancelAction.isEmpty())
            handleCancel(base->links.cancelAction);
        else if (!base->links.deploymentBase.isEmpty())
            handleDeployment(base->links.deploymentBase);
        return true;
    }

    std::chrono::milliseconds nextWait()
    {
        const std::chrono::milliseconds base = options.pollOverride.value_or(std::chrono::duration_cast<std::chrono::milliseconds>(interval));
        std::uniform_real_distribution<double> jitter(0.75, 1.25);
        return pollDelay(base, failures, tooMany, options.errorRetryBase, options.errorRetryMax, failures > 0 ? jitter(random) : 1.0);
    }

    void run()
    {
        while (true) {
            QString error;
            cycle(&error);
            const auto wait = nextWait();
            {
                std::lock_guard lock(mutex);
                status.nextPoll = Wall::now() + wait;
            }
            writeStatus();
            std::unique_lock lock(mutex);
            wake.wait_for(lock, wait, [this] { return stopping || pollRequested; });
            if (stopping)
                return;
            pollRequested = false;
        }
    }
};

std::chrono::milliseconds pollDelay(std::chrono::milliseconds interval, int failures, bool tooManyRequests, std::chrono::milliseconds errorBase,
                                    std::chrono::milliseconds errorMax, double jitter)
{
    if (failures <= 0)
        return interval;
    const int n = std::min(failures - 1, 12);
    std::chrono::milliseconds wait;
    if (tooManyRequests)
        wait = std::min<std::chrono::milliseconds>(interval * (1LL << n), std::max<std::chrono::milliseconds>(interval, 6h));
    else
        wait = std::min(interval, std::min<std::chrono::milliseconds>(errorBase * (1LL << n), errorMax));
    return std::chrono::milliseconds(std::max<std::int64_t>(1, std::int64_t(double(wait.count()) * std::clamp(jitter, 0.75, 1.25))));
}

DdiClient::DdiClient(Options options, Installer *installer)
    : d(std::make_unique<Impl>(std::move(options), installer))
{
}

DdiClient::~DdiClient()
{
    stop();
}

bool DdiClient::start(QString *error)
{
    if (d->thread.joinable())
        return true;
    QString why;
    if (!d->lock(&why)) {
        qCWarning(lcFleet).noquote() << why;
        if (error)
            *error = why;
        return false;
    }
    {
        std::lock_guard lock(d->mutex);
        d->stopping = false;
        d->status.running = true;
    }
    d->thread = std::thread([this] { d->run(); });
    return true;
}

void DdiClient::stop()
{
    {
        std::lock_guard lock(d->mutex);
        d->stopping = true;
        d->status.running = false;
    }
    d->wake.notify_all();
    if (const int fd = d->activeFd.load(); fd >= 0)
        ::shutdown(fd, SHUT_RDWR); // a transfer in progress ends now (resumed next time)
    if (d->thread.joinable())
        d->thread.join();
    d->unlock();
}

void DdiClient::setAttributes(const Attributes &attributes)
{
    {
        std::lock_guard lock(d->mutex);
        d->attributes = attributes;
    }
}

void DdiClient::setVolatileKeys(std::vector<QString> keys)
{
    std::lock_guard lock(d->mutex);
    d->volatileKeys = std::set<QString>(keys.begin(), keys.end());
}

void DdiClient::setIdleGate(std::function<bool()> idle)
{
    std::lock_guard lock(d->mutex);
    d->idle = std::move(idle);
}

void DdiClient::idleChanged()
{
    pollNow();
}

void DdiClient::pollNow()
{
    {
        std::lock_guard lock(d->mutex);
        d->pollRequested = true;
    }
    d->wake.notify_all();
}

DdiClient::Status DdiClient::status() const
{
    std::lock_guard lock(d->mutex);
    return d->status;
}

bool DdiClient::pollOnce(QString *error)
{
    if (d->thread.joinable()) {
        if (error)
            *error = QStringLiteral("the client's thread is running");
        return false;
    }
    QString why;
    if (!d->lock(&why)) {
        if (error)
            *error = why;
        return false;
    }
    const bool ok = d->cycle(error);
    d->writeStatus();
    d->unlock();
    return ok;
}

QByteArray DdiClient::statusJson(const Status &s)
{
    auto time = [](const std::optional<Wall::time_point> &t) -> QJsonValue {
        if (!t)
            return QJsonValue::Null;
        return QDateTime::fromMSecsSinceEpoch(std::chrono::duration_cast<std::chrono::milliseconds>(t->time_since_epoch()).count(), Qt::UTC)
            .toString(Qt::ISODate);
    };
    return QJsonDocument(QJsonObject{{QStringLiteral("running"), s.running},
                                     {QStringLiteral("lastPoll"), time(s.lastPoll)},
                                     {QStringLiteral("lastPollResult"), s.lastPollResult},
                                     {QStringLiteral("nextPoll"), time(s.nextPoll)},
                                     {QStringLiteral("intervalSeconds"), double(s.interval.count())},
                                     {QStringLiteral("failuresInARow"), s.failuresInARow},
                                     {QStringLiteral("actionId"), double(s.actionId)},
                                     {QStringLiteral("actionStage"), s.actionStage},
                                     {QStringLiteral("lastActionId"), double(s.lastActionId)},
                                     {QStringLiteral("lastActionResult"), s.lastActionResult},
                                     {QStringLiteral("polls"), s.polls},
                                     {QStringLiteral("offeredActionId"), double(s.offeredActionId)},
                                     {QStringLiteral("offeredCancel"), s.offeredCancel},
                                     {QStringLiteral("configDataSent"), s.configDataSent}})
        .toJson(QJsonDocument::Compact);
}

} // namespace kiosk::fleet
