// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "services/platform/queryapi.h"

#include <QString>

#include <memory>
#include <optional>

namespace kiosk::platform {

struct PlatformEndpoint;
class PlatformClient;

/** Why a query or certificate brought nothing to show. */
enum class QueryFailure {
    None,
    Unreachable, ///< no connection (refused, reset, TLS refused, could not be signed)
    Timeout, ///< no complete answer within the deadline
    Refused, ///< 4xx: the platform refused the request (its words in `message`)
    ServerError, ///< 5xx, 408, 429: the platform could not answer now
    Malformed, ///< an answer the terminal cannot trust (not the contract's JSON, over a limit, a wrong digest …)
    Cancelled, ///< QueryClient::cancel() ended it
};

/** A query's answer, or why there is none. */
struct QueryResult {
    std::optional<query::Answer> answer; ///< set exactly when failure is None (its outcome may still be NoRecord …)
    QueryFailure failure = QueryFailure::None;
    int status = 0; ///< HTTP status; 0 when no reply arrived
    QString message; ///< Refused: the platform's words (plain text), if it gave any
    QString detail; ///< for technicians and the log, English, no personal data
    [[nodiscard]] bool ok() const { return failure == QueryFailure::None; }
};

/** A certificate (its PDF checked against its digest), or why there is none. */
struct CertificateResult {
    std::optional<query::Certificate> certificate;
    QueryFailure failure = QueryFailure::None;
    int status = 0;
    QString message;
    QString detail;
    [[nodiscard]] bool ok() const { return failure == QueryFailure::None; }
};

/** "unreachable", "timeout" … for logs and tests. */
[[nodiscard]] QString queryFailureId(QueryFailure failure);

/**
 * On-the-spot queries and certificates (docs/platform-api.md, "Queries and certificates") to one
 * platform: one signed POST without an Idempotency-Key, a deadline of its own, never retried and
 * never queued. Blocking: call ask() and fetchCertificate() from one worker thread at a time, never
 * the GUI thread; cancel() from any thread. Owns its connection (kept alive between calls) and the
 * deadline watchdog's thread. Destroy it when no call is in progress and no cancel() can still
 * come (the owner of the worker thread joins it first). Include platformclient.h for
 * PlatformEndpoint.
 */
class QueryClient
{
public:
    explicit QueryClient(PlatformEndpoint endpoint);
    ~QueryClient();
    QueryClient(const QueryClient &) = delete;
    QueryClient &operator=(const QueryClient &) = delete;

    /** @p deadlineMs: the whole call, at most the endpoint's timeout. */
    [[nodiscard]] QueryResult ask(const query::Request &request, int deadlineMs = query::kQueryDeadlineMs);
    [[nodiscard]] CertificateResult fetchCertificate(const query::Request &request, int deadlineMs = query::kCertificateDeadlineMs);

    /**
     * Thread-safe: ends the call in progress at once (its socket is shut down; it returns
     * Cancelled). Does nothing when no call is in progress: a later call is not affected.
     */
    void cancel();

private:
    std::unique_ptr<PlatformClient> m_client;
};

} // namespace kiosk::platform
