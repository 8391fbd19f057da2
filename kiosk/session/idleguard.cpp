// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/session/idleguard.h"
#include "kiosk/session/clock.h"

namespace kiosk {

namespace {
// Four checks a second: the countdown is shown in whole seconds.
constexpr int pollIntervalMs = 250;
} // namespace

IdleGuard::IdleGuard(const Config &config, const Clock *clock, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_clock(clock)
{
    setElder(false);
    m_timer.setInterval(pollIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &IdleGuard::poll);
}

void IdleGuard::setElder(bool elder)
{
    m_elder = elder;
    m_monitor.setLimits(qint64(elder ? m_config.elderIdleTimeoutSeconds : m_config.idleTimeoutSeconds) * 1000,
                        qint64(elder ? m_config.elderWarningSeconds : m_config.idleWarningSeconds) * 1000);
}

int IdleGuard::limitSeconds() const
{
    return m_elder ? m_config.elderIdleTimeoutSeconds + m_config.elderWarningSeconds
                   : m_config.idleTimeoutSeconds + m_config.idleWarningSeconds;
}

void IdleGuard::start()
{
    m_running = true;
    m_monitor.activity(m_clock->nowMs());
    m_timer.start();
    setWarning(false, 0);
}

void IdleGuard::stop()
{
    m_running = false;
    m_timer.stop();
    setWarning(false, 0);
}

void IdleGuard::activity()
{
    if (!m_running)
        return;
    m_monitor.activity(m_clock->nowMs());
    if (m_warning)
        setWarning(false, 0);
}

void IdleGuard::poll()
{
    if (!m_running)
        return;
    const qint64 now = m_clock->nowMs();
    switch (m_monitor.phase(now)) {
    case IdleMonitor::Phase::Active:
        setWarning(false, 0);
        break;
    case IdleMonitor::Phase::Warning:
        setWarning(true, m_monitor.secondsLeft(now));
        break;
    case IdleMonitor::Phase::Expired:
        stop();
        Q_EMIT expired();
        break;
    }
}

void IdleGuard::setWarning(bool warning, int secondsLeft)
{
    if (m_warning == warning && m_secondsLeft == secondsLeft)
        return;
    m_warning = warning;
    m_secondsLeft = secondsLeft;
    Q_EMIT warningChanged();
}

} // namespace kiosk
