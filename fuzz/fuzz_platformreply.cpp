// SPDX-License-Identifier: GPL-3.0-or-later
// What a platform (or anything posing as one) sends back: the body of an acceptance or a status
// reply (tracking number, status, message), a refusal's reason, and the Retry-After header, with
// the verdict the queue draws from them. Whatever comes back stays within its bounds.
#include "services/platform/dispatcher.h"
#include "services/queue/retrypolicy.h"

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>

using namespace kiosk;

namespace {

// UTF-8 as the receipt, the staff pages and SQLite expect it (no check of overlongs: Qt and
// SQLite only need the sequence structure to be intact).
bool wellFormedUtf8(const std::string &s)
{
    for (std::size_t i = 0; i < s.size();) {
        const auto c = std::uint8_t(s[i]);
        const std::size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        if (n == 0 || i + n > s.size())
            return false;
        for (std::size_t k = 1; k < n; ++k) {
            if ((std::uint8_t(s[i + k]) & 0xC0) != 0x80)
                return false;
        }
        i += n;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string body(reinterpret_cast<const char *>(data), size);

    if (const auto a = platform::parseAccepted(body)) {
        if (a->trackingNumber.empty() || a->trackingNumber.size() > 40 || a->status.size() > 32 || a->message.size() > 500)
            __builtin_trap();
        for (char c : a->trackingNumber) {
            if (c < 0x21 || c > 0x7e)
                __builtin_trap();
        }
    }
    const std::string reason = platform::platformReason(body);
    if (reason.size() > 300)
        __builtin_trap();
    // A reason cut to length is still text: never half a character (it is stored and shown).
    if (wellFormedUtf8(body) && !wellFormedUtf8(reason))
        __builtin_trap();

    // The same bytes as a Retry-After value, with a clock of 2024-05-01 and one at the epoch.
    constexpr std::int64_t now = 1'714'521'600'000;
    for (const std::int64_t clock : {now, std::int64_t(0)}) {
        if (const auto ms = queue::parseRetryAfter(body, clock); ms && *ms < 0)
            __builtin_trap();
    }
    // And the verdict on a reply carrying them, for a few statuses: a platform may ask for a
    // pause but never for more than a day, and a retry is never scheduled in the past.
    const queue::BackoffPolicy backoff;
    std::mt19937_64 rng(size);
    for (const int status : {200, 201, 400, 409, 429, 500, 503}) {
        const queue::Outcome o = queue::classify(status, queue::TransportError::None, body, reason, now);
        if (o.retryAfterMs < 0 || (status < 300) != (o.kind == queue::Outcome::Kind::Done))
            __builtin_trap();
        if (o.kind == queue::Outcome::Kind::Retry) {
            const std::int64_t delay = backoff.delayMs(3, rng, o.retryAfterMs);
            if (delay < 0 || delay > std::max<std::int64_t>(backoff.capMs, 24LL * 3600'000))
                __builtin_trap();
        }
    }
    return 0;
}
