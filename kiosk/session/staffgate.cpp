// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/session/staffgate.h"
#include "common/logging.h"
#include "kiosk/session/clock.h"
#include "kiosk/session/staffpin.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>
#include <iterator>

namespace kiosk {

namespace {
constexpr int kMaxDigits = 12;
constexpr int kPollMs = 500;
} // namespace

qint64 StaffGate::waitAfterFailures(int failures)
{
    // A mistyped PIN costs a staff member three seconds; a guesser, after the free attempts,
    // waits longer each time: 3 + 3 + 30 s + 1 + 5 + 15 min, then an hour per guess.
    static constexpr qint64 steps[] = {0, 3'000, 3'000, 30'000, 60'000, 5 * 60'000, 15 * 60'000};
    if (failures <= 0)
        return 0;
    if (failures < int(std::size(steps)))
        return steps[failures];
    return 60 * 60'000;
}

StaffGate::StaffGate(const QString &pinHash, const QString &stateDir, const Clock *clock, std::function<qint64()> wallMs,
                     QObject *parent)
    : QObject(parent)
    , m_pinHash(pinHash)
    , m_clock(clock)
    , m_wallMs(wallMs ? std::move(wallMs) : [] { return QDateTime::currentMSecsSinceEpoch(); })
{
    m_timer.setInterval(kPollMs);
    connect(&m_timer, &QTimer::timeout, this, &StaffGate::poll);
    if (!stateDir.isEmpty())
        m_file = QDir(stateDir).filePath(QStringLiteral("staff/pin-attempts.json"));
    load();
}

void StaffGate::setPinHash(const QString &pinHash)
{
    if (m_pinHash == pinHash)
        return;
    m_pinHash = pinHash;
    wipeEntered();
    Q_EMIT changed();
}

void StaffGate::setTechnicianPinHash(const QString &pinHash)
{
    if (m_technicianHash == pinHash)
        return;
    m_technicianHash = pinHash;
    wipeEntered();
    Q_EMIT changed();
}

StaffGate::State StaffGate::state() const
{
    if (!configured())
        return State::NotSetUp;
    if (waitMs() > 0 && m_failures > kFreeAttempts)
        return State::Locked;
    return m_lastWrong ? State::WrongPin : State::Entry;
}

qint64 StaffGate::waitMs() const
{
    return m_waitUntil > 0 ? std::max<qint64>(0, m_waitUntil - m_clock->nowMs()) : 0;
}

void StaffGate::wipeEntered()
{
    m_entered.fill(QLatin1Char('0'));
    m_entered.clear();
}

void StaffGate::startWait(qint64 ms)
{
    m_waitUntil = ms > 0 ? m_clock->nowMs() + ms : 0;
    if (ms > 0)
        m_timer.start();
}

bool StaffGate::check(const QString &pin)
{
    if (!configured()) {
        qCWarning(lcSession) << "staff mode refused: no staff PIN is set up on this terminal";
        return false;
    }
    if (waitMs() > 0) {
        qCWarning(lcSession) << "staff mode refused: the PIN pad is waiting after wrong PINs (" << waitSeconds() << "s left)";
        return false;
    }
    // Both hashes, every time (an empty one is checked against nothing and takes no time).
    const bool staff = !m_pinHash.isEmpty() && staffpin::verifyPin(pin, m_pinHash);
    const bool technician = !m_technicianHash.isEmpty() && staffpin::verifyPin(pin, m_technicianHash);
    m_role = technician ? Role::Technician : staff ? Role::Staff : Role::None;
    if (m_role != Role::None) {
        if (m_failures > 0)
            qCWarning(lcSession) << (technician ? "maintenance menu" : "staff mode") << "opened after" << m_failures << "wrong PIN(s) in a row";
        m_failuresBeforeUnlock = m_failures;
        m_failures = 0;
        m_lastWrong = false;
        startWait(0);
        save();
        Q_EMIT changed();
        return true;
    }
    ++m_failures;
    m_lastWrong = true;
    const qint64 wait = waitAfterFailures(m_failures);
    startWait(wait);
    if (m_failures > kFreeAttempts) {
        ++m_lockoutsTotal;
        // For staff and the fleet: someone may be guessing. No digit is logged.
        qCWarning(lcSession).noquote() << QStringLiteral("staff PIN: %1 wrong PINs in a row; the pad is locked for %2 s "
                                                         "(lockout %3 on this terminal). If no staff member mistyped, someone "
                                                         "may be guessing the PIN: check the terminal and change the PIN.")
                                              .arg(m_failures)
                                              .arg(wait / 1000)
                                              .arg(m_lockoutsTotal);
    } else {
        qCWarning(lcSession) << "staff mode: wrong PIN entered (" << m_failures << "in a row)";
    }
    save();
    Q_EMIT changed();
    if (m_failures > kFreeAttempts)
        Q_EMIT lockedOut(m_failures, int(wait / 1000));
    return false;
}

void StaffGate::poll()
{
    if (m_waitUntil == 0)
        return;
    if (waitMs() == 0) {
        m_waitUntil = 0;
        m_timer.stop();
    }
    Q_EMIT changed(); // the seconds left
}

void StaffGate::openPad()
{
    wipeEntered();
    m_open = true;
    Q_EMIT changed();
}

void StaffGate::press(const QString &digit)
{
    if (!m_open || !accepting() || digit.size() != 1 || !digit.at(0).isDigit() || m_entered.size() >= kMaxDigits)
        return;
    m_entered += digit;
    m_lastWrong = false;
    Q_EMIT changed();
}

void StaffGate::backspace()
{
    if (!m_open || m_entered.isEmpty())
        return;
    m_entered.chop(1);
    Q_EMIT changed();
}

void StaffGate::submit()
{
    if (!m_open || !accepting() || m_entered.isEmpty())
        return;
    const QString pin = m_entered;
    wipeEntered();
    if (!check(pin))
        return;
    m_open = false;
    Q_EMIT changed();
    Q_EMIT unlocked();
}

void StaffGate::cancel()
{
    if (!m_open && m_entered.isEmpty())
        return;
    wipeEntered();
    m_open = false;
    m_lastWrong = false;
    Q_EMIT changed();
}

void StaffGate::reset()
{
    cancel();
}

void StaffGate::load()
{
    if (m_file.isEmpty())
        return;
    QFile f(m_file);
    if (!f.exists())
        return;
    const QJsonObject o = f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject();
    if (o.value(QLatin1String("v")).toInt() != 1) {
        // Unreadable: the cautious reading is "someone was guessing".
        qCWarning(lcSession).noquote() << "the staff PIN attempt file" << m_file << "is unreadable; the pad starts locked";
        m_failures = kFreeAttempts + 1;
        startWait(waitAfterFailures(m_failures));
        return;
    }
    m_failures = std::max(0, o.value(QLatin1String("failures")).toInt());
    m_lockoutsTotal = std::max(0, o.value(QLatin1String("lockoutsTotal")).toInt());
    const qint64 remaining = std::clamp<qint64>(qint64(o.value(QLatin1String("waitMs")).toDouble()), 0, waitAfterFailures(m_failures));
    // A clock set back (now before the save) counts as no time passed: never longer than stored.
    const qint64 elapsed = std::max<qint64>(0, m_wallMs() - qint64(o.value(QLatin1String("savedAt")).toDouble()));
    startWait(std::max<qint64>(0, remaining - elapsed));
    if (m_failures > 0)
        qCInfo(lcSession) << "staff PIN:" << m_failures << "wrong PIN(s) in a row before this start;" << waitSeconds() << "s to wait";
}

void StaffGate::save() const
{
    if (m_file.isEmpty())
        return;
    const QString dir = QFileInfo(m_file).absolutePath();
    if (!QDir().mkpath(dir) || !QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner)) {
        qCCritical(lcSession).noquote() << "cannot keep the staff PIN attempts in" << dir;
        return;
    }
    QSaveFile f(m_file);
    const QJsonObject o{{QStringLiteral("v"), 1},
                        {QStringLiteral("failures"), m_failures},
                        {QStringLiteral("lockoutsTotal"), m_lockoutsTotal},
                        {QStringLiteral("waitMs"), double(waitMs())},
                        {QStringLiteral("savedAt"), double(m_wallMs())}};
    if (!f.open(QIODevice::WriteOnly) || !f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || f.write(QJsonDocument(o).toJson(QJsonDocument::Compact)) < 0 || !f.commit())
        qCCritical(lcSession).noquote() << "cannot write the staff PIN attempts to" << m_file << ":" << f.errorString();
}

} // namespace kiosk
