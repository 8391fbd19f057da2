// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kiosk/config.h"
#include "kiosk/session/idlemonitor.h"

#include <QObject>
#include <QTimer>

namespace kiosk {

class Clock;

/**
 * Watches a visit for a resident who walked away: after the configured quiet time (longer in
 * elder mode) a warning with a countdown, then expired(). The session restarts it with every
 * touch; tests move the injected clock and call poll() instead of waiting.
 */
class IdleGuard : public QObject
{
    Q_OBJECT
public:
    IdleGuard(const Config &config, const Clock *clock, QObject *parent = nullptr);

    /** Elder mode gives more time to read and to answer the warning. */
    void setElder(bool elder);
    /** A visit began: watch from now. */
    void start();
    /** No visit: nothing to watch. */
    void stop();
    /** A touch, key or card: the resident is still here (dismisses the warning). */
    void activity();
    /** Checks the time now; the guard's own timer calls it four times a second. */
    void poll();

    [[nodiscard]] bool warning() const { return m_warning; }
    [[nodiscard]] int secondsLeft() const { return m_secondsLeft; }
    /** The quiet time and the warning that end a visit, in seconds (for the log). */
    [[nodiscard]] int limitSeconds() const;

Q_SIGNALS:
    void warningChanged();
    /** The countdown reached zero: the visit must end. */
    void expired();

private:
    void setWarning(bool warning, int secondsLeft);

    Config m_config;
    const Clock *m_clock;
    IdleMonitor m_monitor;
    QTimer m_timer;
    bool m_elder = false;
    bool m_running = false;
    bool m_warning = false;
    int m_secondsLeft = 0;
};

} // namespace kiosk
