// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/platform/platformclient.h"

#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SSLException.h>
#include <Poco/StreamCopier.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace kiosk::platform {

using queue::TransportError;
using SteadyClock = std::chrono::steady_clock;

namespace {
constexpr const char *jsonContentType = "application/json; charset=utf-8";

std::int64_t wallMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string seconds(int ms)
{
    return ms % 1000 == 0 ? std::to_string(ms / 1000) : std::to_string(ms / 1000) + "." + std::to_string(ms % 1000 / 100);
}
} // namespace

/**
 * Enforces the total deadline of a request: when it passes, the socket is shut down (on a
 * duplicate of its descriptor, so a descriptor closed and reused meanwhile is never touched),
 * which ends whatever read, write or handshake is blocked on it.
 */
class PlatformClient::Watchdog
{
public:
    Watchdog()
        : m_thread([this] { run(); })
    {
    }
    ~Watchdog()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_cv.notify_one();
        m_thread.join();
        closeDuplicate();
    }
    void arm(SteadyClock::time_point deadline)
    {
        {
            std::lock_guard lock(m_mutex);
            m_deadline = deadline;
            m_fired = false;
            m_cancelled = false;
            m_armed = true;
        }
        m_cv.notify_one();
    }
    /** The socket the current request uses; shut down at once if the deadline already passed. */
    void watch(int fd)
    {
        const int dup = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
        if (dup < 0)
            throw Poco::IOException("cannot watch the connection for its deadline");
        std::lock_guard lock(m_mutex);
        closeDuplicate();
        m_fd = dup;
        if (m_fired)
            ::shutdown(m_fd, SHUT_RDWR);
    }
    void disarm()
    {
        std::lock_guard lock(m_mutex);
        m_deadline.reset();
        m_armed = false;
        closeDuplicate();
    }
    /** Ends the armed request now, from any thread, like a deadline that passed. */
    void cancel()
    {
        std::lock_guard lock(m_mutex);
        if (!m_armed)
            return;
        m_cancelled = true;
        m_fired = true;
        m_deadline.reset();
        if (m_fd >= 0)
            ::shutdown(m_fd, SHUT_RDWR);
    }
    [[nodiscard]] bool cancelled() const
    {
        std::lock_guard lock(m_mutex);
        return m_cancelled;
    }
    [[nodiscard]] bool fired() const
    {
        std::lock_guard lock(m_mutex);
        return m_fired;
    }

private:
    void closeDuplicate()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
    }
    void run()
    {
        std::unique_lock lock(m_mutex);
        while (!m_stop) {
            if (!m_deadline) {
                m_cv.wait(lock);
                continue;
            }
            const auto deadline = *m_deadline;
            if (SteadyClock::now() >= deadline) {
                m_fired = true;
                m_deadline.reset();
                if (m_fd >= 0)
                    ::shutdown(m_fd, SHUT_RDWR);
                continue;
            }
            m_cv.wait_until(lock, deadline);
        }
    }

    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    std::optional<SteadyClock::time_point> m_deadline;
    int m_fd = -1;
    bool m_fired = false;
    bool m_armed = false;
    bool m_cancelled = false;
    bool m_stop = false;
    std::thread m_thread; // last: started after the members it uses
};

/**
 * An HTTPS session whose TLS handshake runs under the watchdog: the TCP connection is made first
 * (bounded by the connection timeout), the socket handed to the watchdog, then the handshake.
 */
class PlatformClient::Session : public Poco::Net::HTTPSClientSession
{
public:
    Session(const std::string &host, std::uint16_t port, Poco::Net::Context::Ptr context, Watchdog &watchdog, ConnectionReport &report)
        : Poco::Net::HTTPSClientSession(host, port, std::move(context))
        , m_watchdog(watchdog)
        , m_report(report)
    {
    }

protected:
    void connect(const Poco::Net::SocketAddress &address) override
    {
        m_report = {};
        (void)takeLastHandshake();
        (void)takeLastVerifyError();
        Poco::Net::SecureStreamSocket secure(socket());
        secure.setLazyHandshake(true);
        Poco::Net::HTTPSClientSession::connect(address);
        m_report.connected = true;
        m_watchdog.watch(int(socket().impl()->sockfd()));
        try {
            if (secure.completeHandshake() != 1)
                throw Poco::Net::SSLException("the TLS handshake did not complete");
        } catch (...) {
            m_report.tls = takeLastHandshake();
            throw;
        }
        m_report.tls = takeLastHandshake();
    }

private:
    Watchdog &m_watchdog;
    ConnectionReport &m_report;
};

std::string describeTlsError(const std::string &raw, bool presentedClientCertificate)
{
    auto has = [&raw](const char *s) { return raw.find(s) != std::string::npos; };
    if (has("expired"))
        return "the platform's certificate has expired (" + raw + ")";
    if (has("not yet valid"))
        return "the platform's certificate is not valid yet — check the terminal's clock (" + raw + ")";
    if (has("mismatch"))
        return "the platform's certificate was issued for another host (" + raw + ")";
    if (has("self-signed") || has("self signed"))
        return "the platform's certificate is self-signed and not trusted (" + raw + ")";
    if (has("unable to get local issuer") || has("unable to get issuer") || has("unknown ca"))
        return "the platform's certificate is from an unknown authority (" + raw + ")";
    if (has("protocol version") || has("unsupported protocol") || has("no protocols available"))
        return "the platform only offers an outdated TLS version; TLS 1.2 or newer is required (" + raw + ")";
    if (has("certificate required") || has("bad certificate"))
        return "the platform refused the terminal's client certificate (" + raw + ")";
    if (has("handshake failure") || has("no shared cipher") || has("no cipher")) {
        const std::string ciphers = "offers no cipher suite the terminal accepts: ECDHE key exchange with AES-GCM or "
                                    "ChaCha20-Poly1305 is required, static-RSA and CBC suites are refused";
        return presentedClientCertificate ? "the platform refused the terminal's client certificate, or " + ciphers + " (" + raw + ")"
                                          : "the platform " + ciphers + " (" + raw + ")";
    }
    return "secure connection failed (" + raw + ")";
}

PlatformClient::PlatformClient(PlatformEndpoint endpoint)
    : m_endpoint(std::move(endpoint))
{
    if (m_endpoint.tls.host.empty())
        m_endpoint.tls.host = m_endpoint.host;
    m_context = makeClientContext(m_endpoint.tls);
    m_watchdog = std::make_unique<Watchdog>();
}

PlatformClient::~PlatformClient()
{
    m_session.reset(); // before the watchdog it reports to
}

PlatformReply PlatformClient::post(const std::string &path, const std::string &idempotencyKey, const std::string &body)
{
    return exchange(Poco::Net::HTTPRequest::HTTP_POST, path, idempotencyKey, body);
}

PlatformReply PlatformClient::get(const std::string &path)
{
    return exchange(Poco::Net::HTTPRequest::HTTP_GET, path, {}, {});
}

PlatformReply PlatformClient::query(const std::string &path, const std::string &body, const CallOptions &options)
{
    return exchange(Poco::Net::HTTPRequest::HTTP_POST, path, {}, body, options);
}

void PlatformClient::cancel()
{
    m_watchdog->cancel();
}

PlatformReply PlatformClient::exchange(const std::string &method, const std::string &path, const std::string &key, const std::string &body,
                                       const CallOptions &options)
{
    const int timeoutMs = options.timeoutMs > 0 ? std::min(options.timeoutMs, m_endpoint.timeoutMs) : m_endpoint.timeoutMs;
    const auto deadline = SteadyClock::now() + std::chrono::milliseconds(timeoutMs);
    m_watchdog->arm(deadline);
    struct Disarm {
        Watchdog &w;
        ~Disarm() { w.disarm(); }
    } disarm{*m_watchdog};
    const bool post = method == Poco::Net::HTTPRequest::HTTP_POST;
    const std::string timeoutText = "no complete reply from the platform within " + seconds(timeoutMs) + " s";
    // A cancelled request says so, whatever the shut-down socket made of it.
    auto ended = [this, &timeoutText]() -> PlatformReply {
        if (m_watchdog->cancelled()) {
            PlatformReply r{0, TransportError::Other, {}, {}, "cancelled", {}};
            r.cancelled = true;
            return r;
        }
        return {0, TransportError::Timeout, {}, {}, timeoutText, {}};
    };

    // A kept-alive connection the platform closed while idle fails on first use: then one fresh
    // connection is tried at once. Safe to resend: the Idempotency-Key de-duplicates, and a query
    // (no key) has no effect.
    for (int attempt = 0; attempt < 2; ++attempt) {
        PlatformReply r;
        const auto remaining = std::chrono::duration_cast<std::chrono::microseconds>(deadline - SteadyClock::now());
        if (remaining.count() <= 0 || m_watchdog->fired())
            return ended();
        const bool reused = m_session && m_sessionUsed;
        try {
            if (!m_session) {
                m_session = std::make_unique<Session>(m_endpoint.host, m_endpoint.port, m_context, *m_watchdog, m_lastConnection);
                m_session->setKeepAlive(true);
                m_sessionUsed = false;
            }
            // Each socket operation is bounded by what is left; the watchdog bounds their sum.
            m_session->setTimeout(Poco::Timespan(Poco::Timespan::TimeDiff(remaining.count())));
            if (m_session->connected())
                m_watchdog->watch(int(m_session->socket().impl()->sockfd()));

            RequestParts parts{method, hostHeader(m_endpoint.host, m_endpoint.port), path, key, post ? jsonContentType : "",
                               m_endpoint.terminalId};
            std::string signError;
            const auto sig = signRequest(m_endpoint.algorithm, m_endpoint.signingKey, parts, body, wallMs(), {}, &signError);
            if (!sig) // never sent unsigned
                return {0, TransportError::Other, {}, {}, "the request could not be signed: " + signError, {}};
            Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
            request.setKeepAlive(true);
            request.setHost(parts.host); // exactly what was signed
            if (!key.empty())
                request.set(header::idempotencyKey, key);
            request.set(header::terminal, m_endpoint.terminalId);
            request.set(header::timestamp, sig->timestamp);
            request.set(header::nonce, sig->nonce);
            request.set(header::contentDigest, sig->contentDigest);
            request.set(header::algorithm, algorithmName(m_endpoint.algorithm));
            request.set(header::version, sig->version);
            request.set(header::signature, sig->signature);
            if (post) {
                request.setContentType(jsonContentType);
                request.setContentLength(std::streamsize(body.size()));
            }
            m_sessionUsed = true;
            m_session->sendRequest(request) << body;
            Poco::Net::HTTPResponse response;
            std::istream &in = m_session->receiveResponse(response);
            r.status = int(response.getStatus());
            r.retryAfter = response.get("Retry-After", "");
            r.date = response.get("Date", "");
            char buf[8192];
            while (in.read(buf, sizeof buf) || in.gcount() > 0) {
                r.body.append(buf, std::size_t(in.gcount()));
                if (r.body.size() > options.maxReplyBytes) {
                    m_session.reset();
                    return {0, TransportError::Other, {}, {}, "the platform's reply is too large", {}};
                }
            }
            // A cut-off socket ends a fixed-length body early without an exception.
            if (m_watchdog->fired()) {
                m_session.reset();
                return ended();
            }
            if (response.hasContentLength() && std::streamsize(r.body.size()) < response.getContentLength64()) {
                m_session.reset();
                return {0, TransportError::ConnectionReset, {}, {}, "the platform's reply was cut short", {}};
            }
            if (!response.getKeepAlive())
                m_session.reset();
            return r;
        } catch (const Poco::TimeoutException &e) {
            r.error = TransportError::Timeout;
            r.errorText = timeoutText;
        } catch (const Poco::Net::ConnectionRefusedException &e) {
            r.error = TransportError::ConnectionRefused;
            r.errorText = "the platform is not reachable (connection refused)";
        } catch (const Poco::Net::SSLException &e) {
            r.error = TransportError::Tls;
            const std::string detail = takeLastVerifyError();
            r.errorText = describeTlsError(detail.empty() ? (e.message().empty() ? e.displayText() : e.message()) : detail,
                                           !m_endpoint.tls.clientCertificateFile.empty());
        } catch (const Poco::Net::NoMessageException &e) {
            r.error = TransportError::ConnectionReset;
            r.errorText = "the platform closed the connection without a reply";
        } catch (const Poco::Net::ConnectionResetException &e) {
            r.error = TransportError::ConnectionReset;
            r.errorText = "the connection to the platform was reset";
        } catch (const Poco::Net::MessageException &e) {
            r.error = TransportError::Other;
            r.errorText = "the platform's reply is not valid HTTP (" + e.message() + ")";
        } catch (const Poco::Net::NetException &e) {
            // Poco reports some socket errors (refused, unreachable) as plain NetExceptions.
            const std::string text = e.displayText();
            const bool refused = text.find("refused") != std::string::npos || text.find("unreachable") != std::string::npos;
            r.error = refused ? TransportError::ConnectionRefused : TransportError::Other;
            r.errorText = refused ? "the platform is not reachable (" + text + ")" : text;
        } catch (const Poco::Exception &e) {
            r.error = TransportError::Other;
            r.errorText = e.displayText();
        }
        m_session.reset();
        if (m_watchdog->fired()) // whatever the cut-off socket made of it, the deadline passed (or cancel())
            return ended();
        const bool retryFresh = reused && r.error == TransportError::ConnectionReset;
        if (!retryFresh)
            return r;
    }
    return {0, TransportError::Other, {}, {}, "unreachable", {}};
}

} // namespace kiosk::platform
