// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/idcard/readerstatemachine.h"

namespace kiosk::devices::idcard {

ReaderStateMachine::ReaderStateMachine(Timing timing)
    : m_timing(timing)
{
}

QString ReaderStateMachine::stateName(State state)
{
    switch (state) {
    case State::Idle: return QStringLiteral("idle");
    case State::CheckingSam: return QStringLiteral("checking-sam");
    case State::Searching: return QStringLiteral("searching");
    case State::Selecting: return QStringLiteral("selecting");
    case State::Reading: return QStringLiteral("reading");
    case State::CardPresent: return QStringLiteral("card-present");
    case State::Fault: return QStringLiteral("fault");
    case State::Disconnected: return QStringLiteral("disconnected");
    }
    return QStringLiteral("unknown");
}

DeviceStatus ReaderStateMachine::deviceStatus() const
{
    switch (m_state) {
    case State::Idle: return DeviceStatus::Unknown;
    case State::Fault:
    case State::Disconnected: return DeviceStatus::Fault;
    case State::Selecting:
    case State::Reading: return DeviceStatus::Busy;
    case State::CheckingSam:
    case State::Searching:
    case State::CardPresent: break;
    }
    return m_faulty ? DeviceStatus::Fault : DeviceStatus::Normal;
}

ReaderStateMachine::Action ReaderStateMachine::send(Command c)
{
    m_pending = c;
    Action a;
    a.send = c;
    return a;
}

ReaderStateMachine::Action ReaderStateMachine::wait(std::chrono::milliseconds d)
{
    m_pending.reset();
    Action a;
    a.wait = d;
    return a;
}

void ReaderStateMachine::leaveCard(Action &a)
{
    if (m_state == State::CardPresent)
        a.events.push_back({.type = EventType::CardRemoved});
}

ReaderStateMachine::Action ReaderStateMachine::start()
{
    m_errors = 0;
    m_faulty = false;
    m_fault = DeviceError::None;
    m_state = State::CheckingSam;
    return send(Command::SamStatus);
}

ReaderStateMachine::Action ReaderStateMachine::onTick()
{
    switch (m_state) {
    case State::CheckingSam: return send(Command::SamStatus);
    case State::Fault:
        m_state = State::CheckingSam;
        return send(Command::SamStatus);
    case State::Selecting:
    case State::Reading: // a retry after an error restarts the read from the find
        m_state = State::Searching;
        return send(Command::FindCard);
    case State::Searching: return send(Command::FindCard);
    case State::CardPresent: return send(Command::ReadAppendedAddress);
    case State::Idle:
    case State::Disconnected: break;
    }
    return {};
}

ReaderStateMachine::Action ReaderStateMachine::onResponse(const SamResponse &r)
{
    m_pending.reset();
    m_errors = 0;
    Action recovered;
    auto withRecovered = [&](Action a) {
        a.events.insert(a.events.begin(), recovered.events.begin(), recovered.events.end());
        return a;
    };
    if (r.sw1 != 0 || r.sw2 != 0)
        return transientError(DeviceError::GarbledReply, QStringLiteral("the SAM answered SW1 SW2 = %1 %2").arg(r.sw1, 2, 16, QLatin1Char('0')).arg(r.sw2, 2, 16, QLatin1Char('0')));

    // A broken or unauthorised SAM answers every command this way: nothing will work.
    if (r.sw3 == sw::SamSelfTestFailed || r.sw3 == sw::SamNotAuthorised) {
        Action a;
        leaveCard(a);
        const bool wasFaulty = m_faulty;
        m_faulty = true;
        m_state = State::Fault;
        if (!wasFaulty)
            a.events.push_back({.type = EventType::Fault, .message = statusDescription(r.sw3), .fault = DeviceError::SamFault});
        m_fault = DeviceError::SamFault;
        a.wait = m_timing.faultRetryInterval;
        return a;
    }

    if (m_faulty) {
        m_faulty = false;
        m_fault = DeviceError::None;
        recovered.events.push_back({.type = EventType::Recovered});
    }

    switch (m_state) {
    case State::CheckingSam:
        if (r.sw3 == sw::Ok) {
            m_state = State::Searching;
            return withRecovered(send(Command::FindCard));
        }
        return withRecovered(wait(m_timing.searchInterval));
    case State::Searching:
        if (r.sw3 == sw::CardFound) {
            m_state = State::Selecting;
            return withRecovered(send(Command::SelectCard));
        }
        return withRecovered(wait(m_timing.searchInterval)); // 80: no (new) card
    case State::Selecting:
        if (r.sw3 == sw::Ok) {
            m_state = State::Reading;
            return withRecovered(send(Command::ReadTextPhoto));
        }
        m_state = State::Searching; // the card moved away between find and select
        return withRecovered(wait(m_timing.searchInterval));
    case State::Reading: {
        m_state = State::Searching;
        Action a = wait(m_timing.searchInterval);
        if (r.sw3 != sw::Ok) {
            const bool authentication = r.sw3 == sw::CardAuthFailed || r.sw3 == sw::SamAuthFailed || r.sw3 == sw::InfoCheckFailed;
            a.events.push_back({.type = EventType::ReadFailed,
                                .message = statusDescription(r.sw3),
                                .readError = authentication ? CardReadError::NotAuthentic : CardReadError::ReadFailed});
            return withRecovered(std::move(a));
        }
        auto payload = parseReadPayload(bytesOf(r.payload));
        if (!payload.value) {
            a.events.push_back({.type = EventType::ReadFailed,
                                .message = payloadErrorName(payload.error) + QStringLiteral(": ") + payload.detail,
                                .readError = CardReadError::BadData});
            return withRecovered(std::move(a));
        }
        auto text = parseTextBlock(bytesOf(payload.value->text));
        wipeBuffer(payload.value->text);
        wipeBuffer(payload.value->fingerprint);
        if (!text.card) {
            a.events.push_back({.type = EventType::ReadFailed,
                                .message = textErrorName(text.error) + QStringLiteral(": ") + text.detail,
                                .readError = CardReadError::BadData});
            return withRecovered(std::move(a));
        }
        text.card->photo = payload.value->photo;
        wipeBuffer(payload.value->photo); // shared with the card now: only let go
        m_state = State::CardPresent;
        a.wait = m_timing.presenceInterval;
        a.events.push_back({.type = EventType::CardRead, .card = std::move(*text.card)});
        return withRecovered(std::move(a));
    }
    case State::CardPresent:
        if (r.sw3 == sw::Ok || r.sw3 == sw::NoContent)
            return withRecovered(wait(m_timing.presenceInterval));
        {
            Action a = wait(m_timing.searchInterval);
            leaveCard(a);
            m_state = State::Searching;
            return withRecovered(std::move(a));
        }
    case State::Fault:
    case State::Idle:
    case State::Disconnected: break;
    }
    return withRecovered({});
}

ReaderStateMachine::Action ReaderStateMachine::transientError(DeviceError error, QString message)
{
    m_pending.reset();
    ++m_errors;
    Action a;
    if (m_faulty) {
        // Already reported; keep retrying quietly.
        m_state = State::Fault;
        a.wait = m_timing.faultRetryInterval;
        return a;
    }
    if (m_errors >= m_timing.errorsBeforeFault) {
        leaveCard(a);
        m_faulty = true;
        m_state = State::Fault;
        m_fault = error;
        a.events.push_back({.type = EventType::Fault, .message = message, .fault = error});
        a.wait = m_timing.faultRetryInterval;
        return a;
    }
    if (m_state == State::Selecting || m_state == State::Reading)
        m_state = State::Searching;
    a.wait = m_state == State::CardPresent ? m_timing.presenceInterval : m_timing.searchInterval;
    return a;
}

ReaderStateMachine::Action ReaderStateMachine::onFrameError(FrameError error, const QString &detail)
{
    return transientError(DeviceError::GarbledReply, QStringLiteral("garbled reply from the reader (%1: %2)").arg(frameErrorName(error), detail));
}

ReaderStateMachine::Action ReaderStateMachine::onIoError(IoError error)
{
    m_pending.reset();
    Action a;
    switch (error) {
    case IoError::NoDevice:
        leaveCard(a);
        m_state = State::Disconnected;
        m_fault = DeviceError::Disconnected;
        a.events.push_back({.type = EventType::Fault, .message = QStringLiteral("the reader was disconnected"), .fault = DeviceError::Disconnected});
        return a;
    case IoError::Cancelled:
        leaveCard(a);
        m_state = State::Idle;
        return a;
    case IoError::Timeout:
        return transientError(DeviceError::NotResponding, QStringLiteral("the reader does not answer (timeout)"));
    case IoError::None:
    case IoError::Stall:
    case IoError::Overflow:
    case IoError::Io: break;
    }
    return transientError(DeviceError::TransferFailed, QStringLiteral("transfer to the reader failed (%1)").arg(ioErrorName(error)));
}

ReaderStateMachine::Action ReaderStateMachine::stop()
{
    Action a;
    leaveCard(a);
    m_pending.reset();
    m_state = State::Idle;
    return a;
}

} // namespace kiosk::devices::idcard
