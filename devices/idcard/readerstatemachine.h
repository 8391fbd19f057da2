// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "devices/deviceio.h"
#include "devices/devicestatus.h"
#include "devices/idcard/idcard.h"
#include "devices/idcard/samframe.h"

#include <chrono>
#include <optional>
#include <vector>

namespace kiosk::devices::idcard {

/** Polling rates and fault thresholds of the reading state machine. */
struct ReaderTiming {
    /** Find-card polling: quick enough that a resident never waits, slow enough to leave the
     *  SAM idle most of the time (a find takes ~30 ms on the wire). */
    std::chrono::milliseconds searchInterval{300};
    /** Presence polling while a card lies on the reader. */
    std::chrono::milliseconds presenceInterval{500};
    /** Retrying a faulty reader. */
    std::chrono::milliseconds faultRetryInterval{2000};
    /** Consecutive transport or frame errors before the reader is reported faulty. */
    int errorsBeforeFault = 3;
};

/**
 * The reading state machine, pure: it never touches a transport or a clock. The driver sends the
 * command it asks for, feeds back the reply (or the transport error), and waits when told to.
 *
 *   start → CheckingSam ─90→ Searching ─9F→ Selecting ─90→ Reading ─90→ CardPresent
 *                              ↑ 80: wait, find again          │ (polls 30 03: 90/91 = still there)
 *                              └──────── card removed ─────────┘
 *
 * After a read the SAM refuses to find the same card until it has left the field, so presence
 * while a card lies there is checked with "read appended address" (30 03), which only a card in
 * the field answers with 90/91. Transport errors count up to a fault; any good reply clears it.
 */
class ReaderStateMachine
{
public:
    enum class State { Idle, CheckingSam, Searching, Selecting, Reading, CardPresent, Fault, Disconnected };

    using Timing = ReaderTiming;

    enum class EventType { CardRead, CardRemoved, ReadFailed, Fault, Recovered };
    struct Event {
        EventType type;
        QString message{}; ///< for ReadFailed / Fault: the technician's detail (English, for logs)
        IdCard card{}; ///< for CardRead
        CardReadError readError = CardReadError::None; ///< for ReadFailed
        DeviceError fault = DeviceError::None; ///< for Fault
    };

    /** What the driver does next: send a command now, or wait and call onTick(); or nothing. */
    struct Action {
        std::optional<Command> send;
        std::optional<std::chrono::milliseconds> wait;
        std::vector<Event> events;
    };

    explicit ReaderStateMachine(Timing timing = {});

    Action start();
    Action onTick();
    Action onResponse(const SamResponse &response);
    Action onFrameError(FrameError error, const QString &detail);
    Action onIoError(IoError error);
    /** Stops polling (the driver is detaching). A card that was present is reported removed. */
    Action stop();

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] static QString stateName(State state);
    /** Normal while working, Fault after repeated errors or a SAM failure, Busy while reading. */
    [[nodiscard]] DeviceStatus deviceStatus() const;
    [[nodiscard]] std::optional<Command> pendingCommand() const { return m_pending; }
    /** What the last fault was (None while working). */
    [[nodiscard]] DeviceError fault() const { return m_fault; }

private:
    Action send(Command c);
    Action wait(std::chrono::milliseconds d);
    Action transientError(DeviceError error, QString message);
    void leaveCard(Action &a);

    Timing m_timing;
    State m_state = State::Idle;
    std::optional<Command> m_pending;
    int m_errors = 0;
    bool m_faulty = false;
    DeviceError m_fault = DeviceError::None;
};

} // namespace kiosk::devices::idcard
