// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "services/platform/requestsigner.h"
#include "services/platform/tls.h"
#include "services/queue/retrypolicy.h"

#include <cstdint>
#include <memory>
#include <string>

namespace Poco::Net {
class HTTPSClientSession;
}

namespace kiosk::platform {

/** One city platform the terminal talks to (the 12345 hotline platform, the online service hall …). */
struct PlatformEndpoint {
    std::string id;
    std::string host = "127.0.0.1";
    std::uint16_t port = 443;
    ClientTlsOptions tls; ///< tls.host defaults to host
    std::string signingKey;
    SignatureAlgorithm algorithm = SignatureAlgorithm::HmacSha256;
    std::string terminalId;
    /**
     * The total deadline of one request: connecting, the TLS handshake, sending and the whole
     * reply. A platform that trickles its reply is cut off here, so it cannot hold the dispatcher.
     */
    int timeoutMs = 15'000;
};

struct PlatformReply {
    int status = 0; ///< HTTP status; 0 when no reply arrived
    queue::TransportError error = queue::TransportError::None;
    std::string body;
    std::string retryAfter;
    std::string errorText; ///< for technicians, in plain words
    std::string date; ///< the reply's Date header (for the clock skew `kioskctl platform check` shows)
    bool cancelled = false; ///< cancel() ended the request (error is then Other)
};

/** What one call may change about the endpoint's defaults (a query's shorter deadline, a certificate's larger reply). */
struct CallOptions {
    int timeoutMs = 0; ///< the call's total deadline; 0 or more than the endpoint's: the endpoint's
    std::size_t maxReplyBytes = 1 << 20; ///< a longer reply is refused ("too large") and the connection dropped
};

/** What the last attempt to connect found, for `kioskctl platform check`. */
struct ConnectionReport {
    bool connected = false; ///< a TCP connection was made (the platform is reachable)
    HandshakeInfo tls; ///< negotiated version and cipher, and the server's certificate
};

/**
 * HTTPS to one platform (Poco): TLS 1.2+ with ECDHE/AEAD suites, strict verification against the
 * platform's CA and host, optional client certificate, every request (GETs too) signed with
 * KIOSK-HMAC-V2. The connection is kept alive between requests. Each request has a total deadline
 * (PlatformEndpoint::timeoutMs, or a query's shorter CallOptions::timeoutMs) enforced by a watchdog
 * thread that shuts the socket down when it passes, or when cancel() is called. Blocking: call it
 * from one worker thread only (the Dispatcher, a QueryClient's caller), never the GUI thread.
 */
class PlatformClient
{
public:
    explicit PlatformClient(PlatformEndpoint endpoint);
    ~PlatformClient();

    [[nodiscard]] PlatformReply post(const std::string &path, const std::string &idempotencyKey, const std::string &body);
    [[nodiscard]] PlatformReply get(const std::string &path);
    /**
     * A signed POST without an Idempotency-Key (its line in the canonical request stays empty):
     * a query, which has no effect and is never resent by the queue.
     */
    [[nodiscard]] PlatformReply query(const std::string &path, const std::string &body, const CallOptions &options);
    /**
     * Ends the request in progress at once, from any thread: its socket is shut down as the
     * deadline watchdog does, and the call returns with `cancelled` set. Does nothing when no
     * request is in progress (a later one is not affected).
     */
    void cancel();

    [[nodiscard]] const PlatformEndpoint &endpoint() const { return m_endpoint; }
    /** The connection the last request used or tried to make. */
    [[nodiscard]] const ConnectionReport &lastConnection() const { return m_lastConnection; }

    class Watchdog;
    class Session;

private:
    PlatformReply exchange(const std::string &method, const std::string &path, const std::string &key, const std::string &body,
                           const CallOptions &options = {});

    PlatformEndpoint m_endpoint;
    Poco::Net::Context::Ptr m_context;
    std::unique_ptr<Watchdog> m_watchdog;
    std::unique_ptr<Session> m_session;
    bool m_sessionUsed = false;
    ConnectionReport m_lastConnection;
};

/**
 * Turns an OpenSSL/Poco TLS error into words a technician acts on. @p presentedClientCertificate:
 * whether the terminal offered a client certificate (a handshake failure then may be about it).
 */
[[nodiscard]] std::string describeTlsError(const std::string &raw, bool presentedClientCertificate = true);

/**
 * Per-platform circuit breaker: after `threshold` consecutive failures the platform is left alone
 * for `openMs`, then one trial request decides (half-open). One dead platform never holds up
 * another, and a dead one is not hammered.
 */
class CircuitBreaker
{
public:
    enum class State { Closed, Open, HalfOpen };

    explicit CircuitBreaker(int threshold = 5, std::int64_t openMs = 30'000)
        : m_threshold(threshold)
        , m_openMs(openMs)
    {
    }

    [[nodiscard]] bool allows(std::int64_t nowMs) const { return state(nowMs) != State::Open; }
    [[nodiscard]] State state(std::int64_t nowMs) const
    {
        if (m_failures < m_threshold)
            return State::Closed;
        return nowMs < m_openUntil ? State::Open : State::HalfOpen;
    }
    /** When an open breaker lets the next trial through. */
    [[nodiscard]] std::int64_t openUntil() const { return m_openUntil; }
    void success() { m_failures = 0; }
    void failure(std::int64_t nowMs)
    {
        ++m_failures;
        if (m_failures >= m_threshold)
            m_openUntil = nowMs + m_openMs;
    }

private:
    int m_threshold;
    std::int64_t m_openMs;
    int m_failures = 0;
    std::int64_t m_openUntil = 0;
};

} // namespace kiosk::platform
