// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string>

namespace kiosk::queue {

/** Backoff: exponential with full jitter, delay = random(0, min(cap, base · 2^attempt)). */
struct BackoffPolicy {
    std::int64_t baseMs = 5'000; // Fluent Bit's base
    std::int64_t capMs = 30 * 60'000; // never wait more than half an hour between attempts
    std::int64_t maxAgeMs = 7LL * 24 * 3600'000; // a request undelivered for a week of running time is dead (Workbox default)
    int minAttempts = 10; // … and only after it was tried this often (a terminal off the network for a week keeps its backlog)

    /** The ceiling of the jitter window for @p attempt (0-based); grows until it meets the cap. */
    [[nodiscard]] std::int64_t windowMs(int attempt) const;
    /** A delay drawn uniformly from [0, window]; at least @p retryAfterMs when the server said so. */
    [[nodiscard]] std::int64_t delayMs(int attempt, std::mt19937_64 &rng, std::int64_t retryAfterMs = 0) const;
};

/** How a platform's reply (or the lack of one) decides a request's fate. */
struct Outcome {
    enum class Kind { Done, Retry, Dead };
    Kind kind;
    std::int64_t retryAfterMs = 0; ///< from Retry-After, when given
    std::string reason; ///< for staff: why it is retried or dead
    /**
     * Retry: "clock" when the platform refused the terminal's clock (a request timestamp outside
     * its window), "auth" when it refused the terminal's credentials (401/403): nothing is wrong
     * with the request, so it is kept (and never expires) while staff are alerted.
     */
    std::string held;
};

enum class TransportError {
    None, ///< a reply arrived
    Timeout,
    ConnectionReset,
    ConnectionRefused,
    Tls, ///< certificate or protocol refused: retrying will not help until it is fixed
    Other,
};

/**
 * 2xx done; 408, 429, 5xx, timeouts and resets retried; 401 and 403 retried and held ("clock"
 * when the reason names the timestamp or clock, else "auth"); other 4xx (400, 404, 409, 422 …)
 * dead with the platform's reason.
 * A TLS refusal is retried (slowly, by the backoff) — a certificate can be renewed without losing
 * the backlog — but reported as such.
 */
[[nodiscard]] Outcome classify(int httpStatus, TransportError error, const std::string &retryAfter,
                               const std::string &platformReason, std::int64_t nowMs);

/** Parses Retry-After: delta-seconds or an HTTP date; nothing when absent or malformed. */
[[nodiscard]] std::optional<std::int64_t> parseRetryAfter(const std::string &value, std::int64_t nowMs);

} // namespace kiosk::queue
