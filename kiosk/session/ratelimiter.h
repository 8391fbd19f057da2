// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kiosk/session/clock.h"

#include <algorithm>
#include <deque>

namespace kiosk {

/**
 * Failures in a sliding window: after `limit` of them within `windowMs`, paused() until the
 * oldest of those leaves the window. For the terminal as a whole (not per visit: a guesser
 * would just start a new visit). On the injected monotonic clock.
 */
class RateLimiter
{
public:
    RateLimiter(int limit, qint64 windowMs, const Clock *clock)
        : m_limit(limit)
        , m_windowMs(windowMs)
        , m_clock(clock)
    {
    }

    /** Counts one failure; true when this one starts a pause. */
    bool fail()
    {
        const bool wasPaused = paused();
        m_failures.push_back(m_clock->nowMs());
        prune();
        return !wasPaused && paused();
    }
    [[nodiscard]] bool paused() const { return msLeft() > 0; }
    [[nodiscard]] qint64 msLeft() const
    {
        const qint64 now = m_clock->nowMs();
        const auto inWindow = std::count_if(m_failures.begin(), m_failures.end(), [&](qint64 t) { return now - t < m_windowMs; });
        if (inWindow < m_limit)
            return 0;
        // Paused until enough failures have left the window for one more to be allowed.
        const qint64 oldestThatMatters = m_failures[m_failures.size() - size_t(m_limit)];
        return std::max<qint64>(0, oldestThatMatters + m_windowMs - now);
    }
    [[nodiscard]] int secondsLeft() const { return int((msLeft() + 999) / 1000); }

private:
    void prune()
    {
        while (m_failures.size() > size_t(m_limit))
            m_failures.pop_front();
    }

    int m_limit;
    qint64 m_windowMs;
    const Clock *m_clock;
    std::deque<qint64> m_failures;
};

} // namespace kiosk
