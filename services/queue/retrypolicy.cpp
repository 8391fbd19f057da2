// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/queue/retrypolicy.h"

#include "common/logging.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>
#include <Poco/Exception.h>

#include <algorithm>
#include <cctype>

namespace kiosk::queue {

std::int64_t BackoffPolicy::windowMs(int attempt) const
{
    std::int64_t w = baseMs;
    for (int i = 0; i < attempt && w < capMs; ++i)
        w *= 2;
    return std::min(w, capMs);
}

std::int64_t BackoffPolicy::delayMs(int attempt, std::mt19937_64 &rng, std::int64_t retryAfterMs) const
{
    std::uniform_int_distribution<std::int64_t> dist(0, windowMs(attempt));
    // A platform may ask for a pause, but not for ever: a hostile Retry-After is held to a day.
    constexpr std::int64_t maxRetryAfterMs = 24LL * 3600'000;
    return std::max(dist(rng), std::min(retryAfterMs, maxRetryAfterMs));
}

std::optional<std::int64_t> parseRetryAfter(const std::string &value, std::int64_t nowMs)
{
    if (value.empty())
        return std::nullopt;
    if (std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); })) {
        if (value.size() > 9)
            return std::nullopt;
        return std::stoll(value) * 1000;
    }
    try {
        int tz = 0;
        const Poco::DateTime when = Poco::DateTimeParser::parse(Poco::DateTimeFormat::HTTP_FORMAT, value, tz);
        const std::int64_t ms = when.timestamp().epochMicroseconds() / 1000 - nowMs;
        return std::max<std::int64_t>(ms, 0);
    } catch (const Poco::Exception &e) {
        // Not swallowed: the caller falls back to its own backoff; say what the platform sent.
        qCDebug(lcPlatform).noquote() << "unreadable Retry-After" << QString::fromStdString(value) << ":"
                                      << QString::fromStdString(e.displayText());
        return std::nullopt;
    }
}

Outcome classify(int httpStatus, TransportError error, const std::string &retryAfter, const std::string &platformReason,
                 std::int64_t nowMs)
{
    switch (error) {
    case TransportError::None:
        break;
    case TransportError::Timeout:
        return {Outcome::Kind::Retry, 0, "no reply in time", {}};
    case TransportError::ConnectionReset:
        return {Outcome::Kind::Retry, 0, "connection dropped", {}};
    case TransportError::ConnectionRefused:
        return {Outcome::Kind::Retry, 0, "platform not reachable", {}};
    case TransportError::Tls:
        return {Outcome::Kind::Retry, 0, "secure connection refused: " + platformReason, {}};
    case TransportError::Other:
        return {Outcome::Kind::Retry, 0, "network error: " + platformReason, {}};
    }
    const std::string reason = platformReason.empty() ? "HTTP " + std::to_string(httpStatus)
                                                      : "HTTP " + std::to_string(httpStatus) + ": " + platformReason;
    if (httpStatus >= 200 && httpStatus < 300)
        return {Outcome::Kind::Done, 0, {}, {}};
    if (httpStatus == 408 || httpStatus == 429 || (httpStatus >= 500 && httpStatus < 600))
        return {Outcome::Kind::Retry, parseRetryAfter(retryAfter, nowMs).value_or(0), reason, {}};
    if (httpStatus == 401 || httpStatus == 403) {
        // The platform refused the terminal, not the request: a clock set wrong (after a power
        // cut, or stepped by a spoofed time server) or credentials being renewed. Kept and
        // retried with the backoff; staff are alerted. docs/platform-api.md: a refused signature
        // or timestamp is 401.
        std::string lower = platformReason;
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
        const bool clock = lower.find("timestamp") != std::string::npos || lower.find("clock") != std::string::npos
            || lower.find("skew") != std::string::npos;
        return {Outcome::Kind::Retry, parseRetryAfter(retryAfter, nowMs).value_or(0), reason, clock ? "clock" : "auth"};
    }
    return {Outcome::Kind::Dead, 0, reason, {}};
}

} // namespace kiosk::queue
