// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kiosk/session/session.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QTimer>

class QQuickWindow;

namespace kiosk::appliance {

/**
 * What the terminal tells systemd (sd_notify(3) without libsystemd: one datagram to
 * $NOTIFY_SOCKET, a path or an abstract socket written with a leading '@'), docs/appliance.md:
 * STATUS= what the terminal is doing, READY=1 once after the first frame, WATCHDOG=1 from a
 * GUI-thread timer at half of $WATCHDOG_USEC, STOPPING=1 when the event loop has ended cleanly.
 */

/** "STATUS=<text>": one line, so a newline in the text cannot add an assignment of its own. */
[[nodiscard]] QByteArray statusMessage(const QString &status);
/** "READY=1" followed by the status line. */
[[nodiscard]] QByteArray readyMessage(const QString &status);
[[nodiscard]] QByteArray watchdogMessage();
[[nodiscard]] QByteArray stoppingMessage();

/**
 * The milliseconds between WATCHDOG=1 pings for a $WATCHDOG_USEC value: half the interval
 * (at least 1 ms); 0 when the value is missing, not a positive number or absurdly large.
 * $WATCHDOG_PID is not consulted: under cage it names the compositor, our parent.
 */
[[nodiscard]] int watchdogPingIntervalMs(const QByteArray &watchdogUsec);

/** What the terminal is doing on a session screen, in plain words without any personal data. */
[[nodiscard]] QString statusFor(Session::Screen screen);

/**
 * Sends one notification datagram to @p socket ("/run/systemd/notify" or "@abstract"), without
 * blocking: a busy systemd never stalls the GUI thread. False and @p error when it did not go.
 */
bool sendNotification(const QByteArray &socket, const QByteArray &message, QString *error = nullptr);

/**
 * The terminal's notifier, created on the GUI thread. It reads $NOTIFY_SOCKET and $WATCHDOG_USEC
 * once (and removes them and $WATCHDOG_PID from the environment so programs the app starts do
 * not speak for it). Without $NOTIFY_SOCKET it sends nothing and runs no timer.
 */
class SystemdNotifier : public QObject
{
    Q_OBJECT

public:
    explicit SystemdNotifier(QObject *parent = nullptr);

    [[nodiscard]] bool active() const { return !m_socket.isEmpty(); }
    [[nodiscard]] int watchdogIntervalMs() const { return m_watchdog.interval(); }
    [[nodiscard]] bool watchdogRunning() const { return m_watchdog.isActive(); }

    /** STATUS=starting, and the watchdog timer (it fires once the event loop runs). */
    void starting();
    /** READY=1 at the window's first frame, then STATUS= follows the session's screen. */
    void readyAtFirstFrame(QQuickWindow *window, Session *session);
    /** STATUS=stopping and STOPPING=1; the pings end. */
    void stopping();

    bool send(const QByteArray &message);

private:
    void setStatus(const QString &status);

    QByteArray m_socket;
    QString m_status;
    QTimer m_watchdog;
    bool m_warned = false;
};

} // namespace kiosk::appliance
