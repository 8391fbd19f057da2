// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace kiosk {

/**
 * Decides when a resident has walked away: after `idle` ms without a touch a warning with a
 * countdown of `warning` ms, then expiry. Pure arithmetic on timestamps the caller supplies.
 */
class IdleMonitor
{
public:
    enum class Phase { Active, Warning, Expired };

    void setLimits(qint64 idleMs, qint64 warningMs)
    {
        m_idleMs = idleMs;
        m_warningMs = warningMs;
    }
    void activity(qint64 nowMs) { m_lastActivity = nowMs; }

    [[nodiscard]] Phase phase(qint64 nowMs) const
    {
        const qint64 quiet = nowMs - m_lastActivity;
        if (quiet < m_idleMs)
            return Phase::Active;
        return quiet < m_idleMs + m_warningMs ? Phase::Warning : Phase::Expired;
    }

    /** Whole seconds left before expiry, rounded up (30, 29, … 1). */
    [[nodiscard]] int secondsLeft(qint64 nowMs) const
    {
        const qint64 left = m_lastActivity + m_idleMs + m_warningMs - nowMs;
        return left <= 0 ? 0 : int((left + 999) / 1000);
    }

private:
    qint64 m_idleMs = 90'000;
    qint64 m_warningMs = 30'000;
    qint64 m_lastActivity = 0;
};

} // namespace kiosk
