// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include <functional>

namespace kiosk {

class Clock;

/**
 * The staff PIN pad as a small state machine: the digits typed (never shown, never logged), the
 * check against the configured hashes (staffpin.h), and the growing wait after wrong PINs.
 *
 * One pad for two PINs: the staff PIN opens the staff pages, the technician PIN (a PIN of its
 * own) the maintenance menu; which one was typed decides (role()). Both hashes are checked on
 * every try, so the time taken says nothing about which was near, and the wrong PINs of both
 * count in one row: the lockout rules are the same, and alternating gains a guesser nothing.
 *
 *   closed ──openPad()──▶ Entry (or NotSetUp when no PIN hash is configured: no pad at all)
 *   Entry ──submit(), right PIN──▶ closed, unlocked()
 *   Entry ──submit(), wrong PIN──▶ WrongPin (a short pause) or Locked (3rd wrong in a row and on)
 *   WrongPin/Locked ──the wait elapses (poll())──▶ accepting digits again
 *   any ──cancel() or reset() (the visit ended)──▶ closed, digits forgotten
 *
 * The failures in a row and the end of the wait are kept in a small file (0600, in a 0700
 * folder of the state directory, written atomically), so that restarting the terminal does not
 * give a guesser a fresh start. The wait is stored as what remained at the last failure plus
 * the wall-clock time of writing: a clock set back cannot make a wait longer than it was, and a
 * restart cannot end it sooner than the wall clock says.
 *
 * Alerts (for staff and, later, the fleet agent): every lockout is logged as a warning (without
 * any digit), `failedAttempts` counts the wrong PINs in a row (reset by a right one) and
 * `lockoutsTotal` every lockout since the terminal was installed.
 *
 * Lives on the GUI thread; the clock is injected (tests move it and call poll()).
 */
class StaffGate : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the session's staff PIN pad")
    Q_PROPERTY(bool configured READ configured NOTIFY changed)
    /** A technician PIN is set up (the maintenance menu exists). */
    Q_PROPERTY(bool technicianConfigured READ technicianConfigured NOTIFY changed)
    /** The pad (or the "not set up" message) is shown. */
    Q_PROPERTY(bool open READ isOpen NOTIFY changed)
    Q_PROPERTY(State state READ state NOTIFY changed)
    /** How many digits are typed (shown as dots). */
    Q_PROPERTY(int digits READ digits NOTIFY changed)
    /** False while waiting after a wrong PIN: the keys take nothing. */
    Q_PROPERTY(bool accepting READ accepting NOTIFY changed)
    /** Seconds left of the wait (0 when accepting). */
    Q_PROPERTY(int waitSeconds READ waitSeconds NOTIFY changed)
    Q_PROPERTY(int failedAttempts READ failedAttempts NOTIFY changed)
    Q_PROPERTY(int lockoutsTotal READ lockoutsTotal NOTIFY changed)
    /** Wrong PINs and lockouts seen before the last right PIN: the staff page tells the staff member. */
    Q_PROPERTY(int failuresBeforeUnlock READ failuresBeforeUnlock NOTIFY changed)

public:
    enum class State {
        Entry, ///< typing
        WrongPin, ///< the last PIN was wrong; a short pause, then typing again
        Locked, ///< too many wrong PINs in a row: no digits until the wait is over
        NotSetUp, ///< this terminal has neither PIN: no staff pages
    };
    Q_ENUM(State)

    /** Whose PIN the last right one was. */
    enum class Role { None, Staff, Technician };
    Q_ENUM(Role)

    /** Wrong PINs in a row before the first lockout. */
    static constexpr int kFreeAttempts = 2;
    /** The wait after the n-th wrong PIN in a row (ms): a short pause, then 30 s, 1, 5, 15 min, 1 h. */
    [[nodiscard]] static qint64 waitAfterFailures(int failures);

    /** @p pinHash: the configured hash (empty: no staff pages). @p stateDir: where the attempt
     *  file lives (empty: memory only). @p wallMs: the wall clock for that file (tests set it
     *  back); the system's when empty. */
    StaffGate(const QString &pinHash, const QString &stateDir, const Clock *clock, std::function<qint64()> wallMs = {},
              QObject *parent = nullptr);
    /** Replaces the hash (the screen tour shows the "not set up" message with an empty one). */
    void setPinHash(const QString &pinHash);
    /** The technician's hash (empty: no maintenance menu). */
    void setTechnicianPinHash(const QString &pinHash);
    /** The attempt file (empty when memory only). */
    [[nodiscard]] QString stateFile() const { return m_file; }

    [[nodiscard]] bool configured() const { return !m_pinHash.isEmpty() || !m_technicianHash.isEmpty(); }
    [[nodiscard]] bool technicianConfigured() const { return !m_technicianHash.isEmpty(); }
    /** Whose PIN the last right check() was (None after a wrong one). */
    [[nodiscard]] Role role() const { return m_role; }
    [[nodiscard]] bool isOpen() const { return m_open; }
    [[nodiscard]] State state() const;
    [[nodiscard]] int digits() const { return int(m_entered.size()); }
    [[nodiscard]] bool accepting() const { return configured() && waitMs() == 0; }
    [[nodiscard]] int waitSeconds() const { return int((waitMs() + 999) / 1000); }
    [[nodiscard]] int failedAttempts() const { return m_failures; }
    [[nodiscard]] int lockoutsTotal() const { return m_lockoutsTotal; }
    [[nodiscard]] int failuresBeforeUnlock() const { return m_failuresBeforeUnlock; }

    /**
     * Checks @p pin (the one path, for the pad and for unlockStaff()): false when no PIN is set
     * up, while waiting (not even checked), or when wrong (counted, persisted, maybe locking).
     */
    bool check(const QString &pin);
    /** Checks the time: the wait may be over. The gate's own timer calls it while waiting. */
    void poll();

public Q_SLOTS:
    /** The hidden gesture: shows the pad, empty. */
    void openPad();
    /** A digit key ("0"–"9"); ignored while not accepting or at 12 digits. */
    void press(const QString &digit);
    void backspace();
    /** OK: checks what was typed; right → the pad closes and unlocked() follows. */
    void submit();
    void cancel();
    /** The visit ended: the pad closes and the digits are forgotten (the count of failures stays). */
    void reset();

Q_SIGNALS:
    void changed();
    /** The pad's right PIN: role() says whose. */
    void unlocked();
    /** A lockout began (for staff and fleet alerts). */
    void lockedOut(int failures, int seconds);

private:
    [[nodiscard]] qint64 waitMs() const;
    void load();
    void save() const;
    void wipeEntered();
    void startWait(qint64 ms);

    QString m_pinHash;
    QString m_technicianHash;
    Role m_role = Role::None;
    QString m_file;
    const Clock *m_clock;
    std::function<qint64()> m_wallMs;
    QTimer m_timer;
    QString m_entered;
    bool m_open = false;
    bool m_lastWrong = false;
    int m_failures = 0;
    int m_lockoutsTotal = 0;
    int m_failuresBeforeUnlock = 0;
    qint64 m_waitUntil = 0; ///< on m_clock; 0: no wait
};

} // namespace kiosk
