// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/simulator/simulateda4printer.h"
#include "devices/deviceslogging.h"

#include <cups/ipp.h>

#include <QRegularExpression>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

namespace kiosk::devices::sim {

using namespace std::chrono;

namespace {

constexpr int kPollMs = 50; ///< how often blocked threads look at the stop and offline flags
constexpr qsizetype kMaxHead = 64 * 1024; ///< a longer request head is refused (no real client sends one)
constexpr qsizetype kMaxBody = 64 * 1024 * 1024; ///< a certificate is far smaller

enum JobStateValue { Pending = 3, Processing = 5, ProcessingStopped = 6, Canceled = 7, Aborted = 8, Completed = 9 };

struct MemoryReader {
    const QByteArray *data;
    qsizetype at = 0;
};

ssize_t readFromMemory(void *context, ipp_uchar_t *buffer, size_t bytes)
{
    auto *r = static_cast<MemoryReader *>(context);
    const qsizetype n = std::min<qsizetype>(qsizetype(bytes), r->data->size() - r->at);
    if (n <= 0)
        return 0;
    std::memcpy(buffer, r->data->constData() + r->at, size_t(n));
    r->at += n;
    return ssize_t(n);
}

ssize_t writeToMemory(void *context, ipp_uchar_t *buffer, size_t bytes)
{
    static_cast<QByteArray *>(context)->append(reinterpret_cast<const char *>(buffer), qsizetype(bytes));
    return ssize_t(bytes);
}

/** Page objects in a PDF (Qt's writer and most others write them uncompressed). */
int countPages(const QByteArray &pdf)
{
    static const QRegularExpression page(QStringLiteral("/Type\\s*/Page(?![A-Za-z])"));
    const QString text = QString::fromLatin1(pdf);
    int n = 0;
    for (auto it = page.globalMatch(text); it.hasNext(); it.next())
        ++n;
    return std::max(n, 1); // pages in compressed object streams: count the document as one
}

bool sendAll(int fd, const QByteArray &data)
{
    for (qsizetype at = 0; at < data.size();) {
        const ssize_t n = ::send(fd, data.constData() + at, size_t(data.size() - at), MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        at += n;
    }
    return true;
}

QString stateReason(const SimulatedA4Printer::Job &j)
{
    switch (j.state) {
    case Pending: return j.pages > 0 ? QStringLiteral("none") : QStringLiteral("job-incoming");
    case Processing: return QStringLiteral("job-printing");
    case ProcessingStopped: return QStringLiteral("printer-stopped");
    case Canceled: return QStringLiteral("job-canceled-by-user");
    case Aborted: return QStringLiteral("aborted-by-system");
    case Completed: return QStringLiteral("job-completed-successfully");
    default: return QStringLiteral("none");
    }
}

} // namespace

struct SimulatedA4Printer::Connection {
    int fd = -1;
    std::thread thread;
    std::atomic<bool> done{false};
};

SimulatedA4Printer::SimulatedA4Printer() = default;

SimulatedA4Printer::~SimulatedA4Printer()
{
    stop();
}

QString SimulatedA4Printer::uri() const
{
    return m_port ? QStringLiteral("ipp://127.0.0.1:%1/ipp/print").arg(m_port) : QString();
}

bool SimulatedA4Printer::openListener(QString *error)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        if (error)
            *error = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK); // 127.0.0.1 only
    addr.sin_port = htons(m_port); // 0 the first time: a free one
    if (::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 || ::listen(fd, 8) != 0) {
        if (error)
            *error = QStringLiteral("cannot listen on 127.0.0.1:%1: %2").arg(m_port).arg(QString::fromLocal8Bit(std::strerror(errno)));
        ::close(fd);
        return false;
    }
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len);
    m_port = ntohs(addr.sin_port);
    m_listenFd = fd;
    return true;
}

void SimulatedA4Printer::closeListener()
{
    if (m_listenFd >= 0)
        ::close(m_listenFd);
    m_listenFd = -1;
}

bool SimulatedA4Printer::start(QString *error)
{
    if (m_acceptThread.joinable())
        return true;
    m_stopping = false;
    if (!openListener(error))
        return false;
    qCInfo(lcSimulator) << "simulated A4 printer at" << uri();
    m_acceptThread = std::thread([this] { acceptLoop(); });
    return true;
}

void SimulatedA4Printer::stop()
{
    if (!m_acceptThread.joinable())
        return;
    m_stopping = true;
    m_acceptThread.join();
}

void SimulatedA4Printer::acceptLoop()
{
    auto shutAll = [this] {
        std::lock_guard lock(m_connMutex);
        for (auto &c : m_connections)
            ::shutdown(c->fd, SHUT_RDWR);
    };
    auto reap = [this](bool all) {
        std::lock_guard lock(m_connMutex);
        for (auto it = m_connections.begin(); it != m_connections.end();) {
            if (all || (*it)->done) {
                (*it)->thread.join();
                ::close((*it)->fd);
                it = m_connections.erase(it);
            } else {
                ++it;
            }
        }
    };
    while (!m_stopping) {
        reap(false);
        if (!reachable()) {
            // Offline: the port refuses connections, and the open ones are closed.
            closeListener();
            shutAll();
            std::this_thread::sleep_for(milliseconds(kPollMs));
            continue;
        }
        if (m_listenFd < 0) {
            QString why;
            if (!openListener(&why)) {
                qCWarning(lcSimulator) << "simulated A4 printer cannot come back online:" << why;
                std::this_thread::sleep_for(milliseconds(200));
                continue;
            }
        }
        pollfd p{m_listenFd, POLLIN, 0};
        if (::poll(&p, 1, kPollMs) <= 0 || !(p.revents & POLLIN))
            continue;
        const int fd = ::accept4(m_listenFd, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0)
            continue;
        auto c = std::make_unique<Connection>();
        c->fd = fd;
        Connection *raw = c.get();
        std::lock_guard lock(m_connMutex);
        m_connections.push_back(std::move(c));
        raw->thread = std::thread([this, raw] {
            serve(raw);
            raw->done = true;
        });
    }
    closeListener();
    shutAll();
    reap(true);
}

void SimulatedA4Printer::serve(Connection *c)
{
    QByteArray buffer;
    // More bytes into buffer; false on EOF, error, stop or offline.
    auto fill = [&]() -> bool {
        for (;;) {
            if (m_stopping || !reachable())
                return false;
            pollfd p{c->fd, POLLIN, 0};
            const int r = ::poll(&p, 1, kPollMs);
            if (r < 0)
                return false;
            if (r == 0)
                continue;
            char chunk[16384];
            const ssize_t n = ::recv(c->fd, chunk, sizeof chunk, 0);
            if (n <= 0)
                return false;
            buffer.append(chunk, qsizetype(n));
            return true;
        }
    };
    auto line = [&](QByteArray *out) -> bool {
        qsizetype end;
        while ((end = buffer.indexOf("\r\n")) < 0) {
            if (buffer.size() > kMaxHead || !fill())
                return false;
        }
        *out = buffer.left(end);
        buffer.remove(0, end + 2);
        return true;
    };
    auto exactly = [&](qsizetype n, QByteArray *out) -> bool {
        while (buffer.size() < n) {
            if (!fill())
                return false;
        }
        out->append(buffer.left(n));
        buffer.remove(0, n);
        return true;
    };

    for (;;) {
        qsizetype headEnd;
        while ((headEnd = buffer.indexOf("\r\n\r\n")) < 0) {
            if (buffer.size() > kMaxHead || !fill())
                return;
        }
        const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
        buffer.remove(0, headEnd + 4);
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        const QByteArray method = requestLine.value(0);
        qsizetype length = 0;
        bool chunked = false;
        bool expectContinue = false;
        bool close = requestLine.value(2) == "HTTP/1.0";
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray l = lines[i].trimmed();
            const qsizetype colon = l.indexOf(':');
            if (colon < 0)
                continue;
            const QByteArray name = l.left(colon).trimmed().toLower();
            const QByteArray value = l.mid(colon + 1).trimmed().toLower();
            if (name == "content-length")
                length = value.toLongLong();
            else if (name == "transfer-encoding")
                chunked = value.contains("chunked");
            else if (name == "expect")
                expectContinue = value == "100-continue";
            else if (name == "connection")
                close = value == "close";
        }
        if (length < 0 || length > kMaxBody)
            return;
        if (expectContinue && !sendAll(c->fd, "HTTP/1.1 100 Continue\r\n\r\n"))
            return;
        QByteArray body;
        if (chunked) {
            for (;;) {
                QByteArray sizeLine;
                if (!line(&sizeLine))
                    return;
                bool ok = false;
                const qsizetype n = sizeLine.split(';').value(0).trimmed().toLongLong(&ok, 16);
                if (!ok || n < 0 || body.size() + n > kMaxBody)
                    return;
                if (n == 0) {
                    QByteArray trailer;
                    do {
                        if (!line(&trailer))
                            return;
                    } while (!trailer.isEmpty());
                    break;
                }
                QByteArray crlf;
                if (!exactly(n, &body) || !exactly(2, &crlf))
                    return;
            }
        } else if (length > 0 && !exactly(length, &body)) {
            return;
        }
        QByteArray response;
        if (method == "POST") {
            const QByteArray ipp = answer(body);
            body.fill('\0'); // the document is not kept, not even in freed memory
            body.clear();
            response = "HTTP/1.1 200 OK\r\nContent-Type: application/ipp\r\nContent-Length: " + QByteArray::number(ipp.size()) + "\r\n"
                       + (close ? "Connection: close\r\n" : "") + "\r\n" + ipp;
        } else {
            response = "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nAllow: POST\r\n\r\n";
        }
        if (!sendAll(c->fd, response) || close)
            return;
    }
}

void SimulatedA4Printer::onPlugged(bool plugged)
{
    if (!plugged)
        qCInfo(lcSimulator) << "simulated A4 printer unplugged (offline)";
}

void SimulatedA4Printer::setPageTime(milliseconds perPage)
{
    std::lock_guard lock(m_mutex);
    m_pageTime = std::max(perPage, milliseconds(1));
}

void SimulatedA4Printer::setPaperOut(bool out)
{
    std::lock_guard lock(m_mutex);
    advanceLocked();
    m_paperOut = out;
    if (!out)
        m_paperLeft = -1;
}

void SimulatedA4Printer::setPaperRunsOutAfter(int pages)
{
    std::lock_guard lock(m_mutex);
    advanceLocked();
    m_paperLeft = pages;
}

void SimulatedA4Printer::setJammed(bool jammed)
{
    std::lock_guard lock(m_mutex);
    advanceLocked();
    m_jammed = jammed;
}

void SimulatedA4Printer::setDoorOpen(bool open)
{
    std::lock_guard lock(m_mutex);
    advanceLocked();
    m_doorOpen = open;
}

void SimulatedA4Printer::setToner(Toner toner)
{
    std::lock_guard lock(m_mutex);
    advanceLocked();
    m_toner = toner;
}

void SimulatedA4Printer::setOffline(bool offline)
{
    m_offline = offline;
}

std::vector<SimulatedA4Printer::Job> SimulatedA4Printer::jobs() const
{
    std::lock_guard lock(m_mutex);
    const_cast<SimulatedA4Printer *>(this)->advanceLocked();
    return m_jobs;
}

QStringList SimulatedA4Printer::reasons() const
{
    std::lock_guard lock(m_mutex);
    return reasonsLocked();
}

bool SimulatedA4Printer::faultLocked() const
{
    return m_paperOut || m_jammed || m_doorOpen || m_toner == Toner::Empty;
}

QStringList SimulatedA4Printer::reasonsLocked() const
{
    QStringList r;
    if (m_paperOut)
        r << QStringLiteral("media-empty-error");
    if (m_paperOut && std::any_of(m_jobs.begin(), m_jobs.end(), [](const Job &j) { return j.state == ProcessingStopped; }))
        r << QStringLiteral("media-needed-error");
    if (m_jammed)
        r << QStringLiteral("media-jam-error");
    if (m_doorOpen)
        r << QStringLiteral("door-open-error");
    if (m_toner == Toner::Low)
        r << QStringLiteral("toner-low-warning");
    if (m_toner == Toner::Empty)
        r << QStringLiteral("toner-empty-error");
    if (r.isEmpty())
        r << QStringLiteral("none");
    return r;
}

int SimulatedA4Printer::printerStateLocked() const
{
    if (faultLocked())
        return 5; // stopped
    const bool printing = std::any_of(m_jobs.begin(), m_jobs.end(), [](const Job &j) { return j.state == Processing; });
    return printing ? 4 : 3;
}

void SimulatedA4Printer::advanceLocked()
{
    const auto now = steady_clock::now();
    for (;;) {
        auto active = std::find_if(m_jobs.begin(), m_jobs.end(),
                                   [](const Job &j) { return j.state == Processing || j.state == ProcessingStopped; });
        if (active == m_jobs.end()) {
            active = std::find_if(m_jobs.begin(), m_jobs.end(), [](const Job &j) { return j.state == Pending && j.pages > 0; });
            if (active == m_jobs.end())
                return;
            active->state = Processing;
            m_nextPageAt = now + m_pageTime;
        }
        if (faultLocked()) {
            active->state = ProcessingStopped;
            m_nextPageAt = now + m_pageTime; // after the fault is cleared, the next page takes a page time
            return;
        }
        if (active->state == ProcessingStopped) {
            active->state = Processing;
            m_nextPageAt = now + m_pageTime;
        }
        while (active->printed < active->pages && now >= m_nextPageAt) {
            if (m_paperLeft == 0) {
                m_paperOut = true;
                m_paperLeft = -1;
                active->state = ProcessingStopped;
                return;
            }
            ++active->printed;
            if (m_paperLeft > 0)
                --m_paperLeft;
            m_nextPageAt += m_pageTime;
        }
        if (active->printed < active->pages)
            return;
        active->state = Completed;
        qCInfo(lcSimulator) << "simulated A4 printer: job" << active->id << "printed," << active->pages << "pages";
    }
}

QByteArray SimulatedA4Printer::answer(const QByteArray &body)
{
    ++m_requests;
    ipp_t *request = ippNew();
    MemoryReader reader{&body};
    QByteArray out;
    if (ippReadIO(&reader, readFromMemory, 1, nullptr, request) != IPP_STATE_DATA) {
        ippDelete(request);
        ipp_t *bad = ippNew();
        ippSetVersion(bad, 2, 0);
        ippSetStatusCode(bad, IPP_STATUS_ERROR_BAD_REQUEST);
        ippSetRequestId(bad, 1);
        ippWriteIO(&out, writeToMemory, 1, nullptr, bad);
        ippDelete(bad);
        return out;
    }
    const qsizetype documentAt = reader.at;
    ipp_t *response = ippNewResponse(request);
    const QString base = uri();
    auto addJob = [&](const Job &j) {
        ippAddInteger(response, IPP_TAG_JOB, IPP_TAG_INTEGER, "job-id", j.id);
        ippAddString(response, IPP_TAG_JOB, IPP_TAG_URI, "job-uri", nullptr, QStringLiteral("%1/%2").arg(base).arg(j.id).toUtf8().constData());
        ippAddString(response, IPP_TAG_JOB, IPP_TAG_URI, "job-printer-uri", nullptr, base.toUtf8().constData());
        ippAddString(response, IPP_TAG_JOB, IPP_TAG_NAME, "job-name", nullptr, j.name.toUtf8().constData());
        ippAddInteger(response, IPP_TAG_JOB, IPP_TAG_ENUM, "job-state", j.state);
        ippAddString(response, IPP_TAG_JOB, IPP_TAG_KEYWORD, "job-state-reasons", nullptr, stateReason(j).toUtf8().constData());
        ippAddInteger(response, IPP_TAG_JOB, IPP_TAG_INTEGER, "job-impressions-completed", j.printed);
        ippAddInteger(response, IPP_TAG_JOB, IPP_TAG_INTEGER, "job-media-sheets-completed", j.printed);
        if (j.pages > 0)
            ippAddInteger(response, IPP_TAG_JOB, IPP_TAG_INTEGER, "job-impressions", j.pages);
    };
    auto findJob = [&]() -> Job * {
        ipp_attribute_t *a = ippFindAttribute(request, "job-id", IPP_TAG_INTEGER);
        const int id = a ? ippGetInteger(a, 0) : 0;
        for (Job &j : m_jobs) {
            if (j.id == id)
                return &j;
        }
        ippSetStatusCode(response, IPP_STATUS_ERROR_NOT_FOUND);
        return nullptr;
    };
    auto text = [&](const char *name) {
        ipp_attribute_t *a = ippFindAttribute(request, name, IPP_TAG_ZERO);
        return a ? QString::fromUtf8(ippGetString(a, 0, nullptr)) : QString();
    };

    std::lock_guard lock(m_mutex);
    advanceLocked();
    switch (ippGetOperation(request)) {
    case IPP_OP_GET_PRINTER_ATTRIBUTES: {
        QStringList asked;
        if (ipp_attribute_t *ra = ippFindAttribute(request, "requested-attributes", IPP_TAG_KEYWORD)) {
            for (int i = 0; i < ippGetCount(ra); ++i)
                asked << QString::fromUtf8(ippGetString(ra, i, nullptr));
        }
        const bool all = asked.isEmpty() || asked.contains(QLatin1String("all")) || asked.contains(QLatin1String("printer-description"))
                         || asked.contains(QLatin1String("job-template"));
        auto want = [&](const char *name) { return all || asked.contains(QLatin1String(name)); };
        const QByteArray u = base.toUtf8();
        static const char *const formats[] = {"application/pdf", "image/pwg-raster"};
        static const char *const colorModes[] = {"monochrome", "color"};
        static const char *const versions[] = {"1.1", "2.0"};
        static const int operations[] = {IPP_OP_VALIDATE_JOB, IPP_OP_CREATE_JOB, IPP_OP_SEND_DOCUMENT, IPP_OP_CANCEL_JOB,
                                         IPP_OP_GET_JOB_ATTRIBUTES, IPP_OP_GET_JOBS, IPP_OP_GET_PRINTER_ATTRIBUTES};
        if (want("printer-uri-supported"))
            ippAddString(response, IPP_TAG_PRINTER, IPP_TAG_URI, "printer-uri-supported", nullptr, u.constData());
        if (want("uri-security-supported"))
            ippAddString(response, IPP_TAG_PRINTER, IPP_TAG_KEYWORD, "uri-security-supported", nullptr, "none");
        if (want("uri-authentication-supported"))
            ippAddString(response, IPP_TAG_PRINTER, IPP_TAG_KEYWORD, "uri-authentication-supported", nullptr, "none");
        if (want("printer-name"))
            ippAddString(response, IPP_TAG_PRINTER, IPP_TAG_NAME, "printer-name", nullptr, "Simulated A4");
        if (want("printer-make-and-model"))
            ippAddString(response, IPP_TAG_PRINTER, IPP_TAG_TEXT, "printer-make-and-model", nullptr, "Kiosk simulated A4 printer");
        if (want("printer-state"))
            ippAddInteger(response, IPP_TAG_PRINTER, IPP_TAG_ENUM, "printer-state", printerStateLocked());
        if (want("printer-state-reasons")) {
            const QStringList reasons = reasonsLocked();
            std::vector<QByteArray> bytes;
            std::vector<const char *> values;
            for (const QString &r : reasons)
                bytes.push_back(r.toUtf8());
            for (const QByteArray &b : bytes)
                values.push_back(b.constData());
            ippAddStrings(response, IPP_TAG_PRINTER, IPP_TAG_KEYWORD, "printer-state-reasons", int(values.size()), nullptr, values.data());
        }
        if (want("printer-state-message"))
            ippAddString(response, IPP_TAG_PRINTER, IPP_TAG_TEXT, "printer-state-message", nullptr, faultLocked() ? "Attention needed" : "Ready");
        if (want("printer-is-accepting-jobs"))
            ippAddBoolean(response, IPP_TAG_PRINTER, "printer-is-accepting-jobs", 1);
        if (want("operations-supported"))
            ippAddIntegers(response, IPP_TAG_PRINTER, IPP_TAG_ENUM, "operations-supported", int(std::size(operations)), operations);
        if (want("ipp-versions-supported"))
            ippAddStrings(response, IPP_TAG_PRINTER, IPP_TAG_KEYWORD, "ipp-versions-supported", int(std::size(versions)), nullptr, versions);
        if (want("ipp-features-supported"))
            ippAddString(response, IPP_TAG_PRINTER, IPP_TAG_KEYWORD, "ipp-features-supported", nullptr, "ipp-everywhere");
        if (want("charset-configured"))
            ippAddString(response, IPP_TAG_PRINTER, IPP_TAG_CHARSET, "charset-configured", nullptr, "utf-8");
        if (want("charset-supported"))
            ippAddString(response, IPP_TAG_PRINTER, IPP_TAG_CHARSET, "charset-supported", nullptr, "utf-8");
        if (want("natural-language-configured"))
            ippAddString(response, IPP_TAG_PRINTER, IPP_TAG_LANGUAGE, "natural-language-configured", nullptr, "en");
        if (want("generated-natural-language-supported"))
            ippAddString(response, IPP_TAG_PRINTER, IPP_TAG_LANGUAGE, "generated-natural-language-supported", nullptr, "en");
        if (want("document-format-default"))
            ippAddString(response, IPP_TAG_PRINTER, IPP_TAG_MIMETYPE, "document-format-default", nullptr, "application/pdf");
        if (want("document-format-supported"))
            ippAddStrings(response, IPP_TAG_PRINTER, IPP_TAG_MIMETYPE, "document-format-supported", int(std::size(formats)), nullptr, formats);
        if (want("media-default"))
            ippAddString(response, IPP_TAG_PRINTER, IPP_TAG_KEYWORD, "media-default", nullptr, "iso_a4_210x297mm");
        if (want("media-supported"))
            ippAddString(response, IPP_TAG_PRINTER, IPP_TAG_KEYWORD, "media-supported", nullptr, "iso_a4_210x297mm");
        if (want("media-ready") && !m_paperOut)
            ippAddString(response, IPP_TAG_PRINTER, IPP_TAG_KEYWORD, "media-ready", nullptr, "iso_a4_210x297mm");
        if (want("sides-supported"))
            ippAddString(response, IPP_TAG_PRINTER, IPP_TAG_KEYWORD, "sides-supported", nullptr, "one-sided");
        if (want("sides-default"))
            ippAddString(response, IPP_TAG_PRINTER, IPP_TAG_KEYWORD, "sides-default", nullptr, "one-sided");
        if (want("print-color-mode-supported"))
            ippAddStrings(response, IPP_TAG_PRINTER, IPP_TAG_KEYWORD, "print-color-mode-supported", int(std::size(colorModes)), nullptr, colorModes);
        if (want("print-color-mode-default"))
            ippAddString(response, IPP_TAG_PRINTER, IPP_TAG_KEYWORD, "print-color-mode-default", nullptr, "color");
        if (want("copies-supported"))
            ippAddRange(response, IPP_TAG_PRINTER, "copies-supported", 1, 1);
        if (want("multiple-document-jobs-supported"))
            ippAddBoolean(response, IPP_TAG_PRINTER, "multiple-document-jobs-supported", 0);
        if (want("pdl-override-supported"))
            ippAddString(response, IPP_TAG_PRINTER, IPP_TAG_KEYWORD, "pdl-override-supported", nullptr, "attempted");
        if (want("compression-supported"))
            ippAddString(response, IPP_TAG_PRINTER, IPP_TAG_KEYWORD, "compression-supported", nullptr, "none");
        if (want("queued-job-count"))
            ippAddInteger(response, IPP_TAG_PRINTER, IPP_TAG_INTEGER, "queued-job-count",
                          int(std::count_if(m_jobs.begin(), m_jobs.end(), [](const Job &j) { return j.state < Canceled; })));
        if (want("printer-up-time"))
            ippAddInteger(response, IPP_TAG_PRINTER, IPP_TAG_INTEGER, "printer-up-time", int(time(nullptr)));
        break;
    }
    case IPP_OP_VALIDATE_JOB: break;
    case IPP_OP_CREATE_JOB: {
        Job j;
        j.id = m_nextJob++;
        j.name = text("job-name");
        j.media = text("media");
        j.sides = text("sides");
        m_jobs.push_back(j);
        addJob(j);
        break;
    }
    case IPP_OP_SEND_DOCUMENT: {
        Job *j = findJob();
        if (!j)
            break;
        if (j->state >= Canceled || j->pages > 0) {
            ippSetStatusCode(response, IPP_STATUS_ERROR_NOT_POSSIBLE);
            break;
        }
        j->format = text("document-format");
        if (j->format != QLatin1String("application/pdf")) {
            ippSetStatusCode(response, IPP_STATUS_ERROR_DOCUMENT_FORMAT_NOT_SUPPORTED);
            break;
        }
        // Only the page count is kept; the bytes are dropped with the request.
        j->pages = countPages(body.mid(documentAt));
        advanceLocked();
        addJob(*j);
        break;
    }
    case IPP_OP_GET_JOB_ATTRIBUTES:
        if (Job *j = findJob())
            addJob(*j);
        break;
    case IPP_OP_GET_JOBS:
        for (const Job &j : m_jobs) {
            addJob(j);
            ippAddSeparator(response);
        }
        break;
    case IPP_OP_CANCEL_JOB: {
        Job *j = findJob();
        if (!j)
            break;
        if (j->state >= Canceled) {
            ippSetStatusCode(response, IPP_STATUS_ERROR_NOT_POSSIBLE);
            break;
        }
        j->state = Canceled;
        break;
    }
    default: ippSetStatusCode(response, IPP_STATUS_ERROR_OPERATION_NOT_SUPPORTED); break;
    }
    ippDelete(request);
    ippWriteIO(&out, writeToMemory, 1, nullptr, response);
    ippDelete(response);
    return out;
}

} // namespace kiosk::devices::sim
