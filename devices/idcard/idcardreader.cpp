// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/idcard/idcardreader.h"
#include "devices/deviceslogging.h"

namespace kiosk::devices::idcard {

IdCardReader::IdCardReader(ReaderStateMachine::Timing timing, QObject *parent)
    : QObject(parent)
    , m_sm(timing)
    , m_timer(this)
{
    qRegisterMetaType<IdCard>();
    qRegisterMetaType<DeviceStatus>();
    qRegisterMetaType<std::shared_ptr<SamTransport>>();
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &IdCardReader::pollNow);
}

IdCardReader::~IdCardReader() = default;

void IdCardReader::cancelTransfers()
{
    std::shared_ptr<SamTransport> t;
    {
        std::lock_guard lock(m_transportMutex);
        t = m_transport;
    }
    if (t)
        t->cancel();
}

void IdCardReader::attach(std::shared_ptr<SamTransport> transport)
{
    if (m_transport)
        detach(QString());
    {
        std::lock_guard lock(m_transportMutex);
        m_transport = std::move(transport);
    }
    m_faultMessage.clear();
    qCInfo(lcIdCard) << "reader attached over" << m_transport->name();
    run(m_sm.start());
}

void IdCardReader::detach(const QString &reason)
{
    m_timer.stop();
    run(m_sm.stop());
    std::shared_ptr<SamTransport> old;
    {
        std::lock_guard lock(m_transportMutex);
        old.swap(m_transport);
    }
    if (old)
        old->cancel();
    old.reset(); // closes the USB handle / serial line on this thread
    if (!reason.isEmpty()) {
        m_status = DeviceStatus::Fault;
        m_message = reason;
        Q_EMIT statusChanged(m_status, m_message);
    }
}

void IdCardReader::pollNow()
{
    if (!m_transport)
        return;
    m_timer.stop();
    run(m_sm.onTick());
}

void IdCardReader::run(ReaderStateMachine::Action action)
{
    for (;;) {
        for (auto &e : action.events) {
            switch (e.type) {
            case ReaderStateMachine::EventType::CardRead:
                qCInfo(lcIdCard) << "card read:" << e.card.idNumberMasked() << (e.card.isExpiredToday() ? "(expired)" : "");
                Q_EMIT cardRead(e.card);
                e.card.wipe();
                break;
            case ReaderStateMachine::EventType::CardRemoved:
                qCInfo(lcIdCard) << "card removed";
                Q_EMIT cardRemoved();
                break;
            case ReaderStateMachine::EventType::ReadFailed:
                qCWarning(lcIdCard) << "card not read:" << e.message;
                Q_EMIT readFailed(e.message);
                break;
            case ReaderStateMachine::EventType::Fault:
                qCWarning(lcIdCard) << "reader fault:" << e.message;
                m_faultMessage = e.message;
                break;
            case ReaderStateMachine::EventType::Recovered:
                qCInfo(lcIdCard) << "reader recovered";
                m_faultMessage.clear();
                break;
            }
        }
        publishStatus();
        if (!action.send || !m_transport) {
            if (action.wait && m_transport)
                m_timer.start(*action.wait);
            return;
        }
        const Command command = *action.send;
        const QByteArray request = buildRequest(command);
        QByteArray reply;
        const IoResult r = m_transport->exchange(bytesOf(request), reply, commandTimeout(command));
        if (!r.ok()) {
            qCDebug(lcIdCard) << "exchange" << Qt::hex << int(command) << "failed:" << ioErrorName(r.error);
            action = m_sm.onIoError(r.error);
            continue;
        }
        const auto parsed = parseResponse(bytesOf(reply));
        if (!parsed.value) {
            qCWarning(lcIdCard) << "garbled reply:" << frameErrorName(parsed.error) << parsed.detail;
            action = m_sm.onFrameError(parsed.error, parsed.detail);
            continue;
        }
        qCDebug(lcIdCard) << "command" << Qt::hex << int(command) << "->" << statusName(parsed.value->sw3);
        action = m_sm.onResponse(*parsed.value);
    }
}

void IdCardReader::publishStatus()
{
    using State = ReaderStateMachine::State;
    DeviceStatus status = m_sm.deviceStatus();
    QString message;
    switch (m_sm.state()) {
    case State::Idle: return; // detach() reports its own reason
    case State::Disconnected: message = QStringLiteral("ID-card reader disconnected: check its USB cable"); break;
    case State::Fault: message = QStringLiteral("ID-card reader fault: %1").arg(m_faultMessage); break;
    case State::Selecting:
    case State::Reading: message = QStringLiteral("reading a card"); break;
    case State::CardPresent: message = QStringLiteral("card on the reader"); break;
    case State::CheckingSam:
    case State::Searching: message = QStringLiteral("ready: waiting for a card"); break;
    }
    if (status == DeviceStatus::Fault && m_sm.state() != State::Disconnected && m_sm.state() != State::Fault)
        message = QStringLiteral("ID-card reader fault: %1").arg(m_faultMessage);
    if (status == m_status && message == m_message)
        return;
    m_status = status;
    m_message = message;
    Q_EMIT statusChanged(m_status, m_message);
}

} // namespace kiosk::devices::idcard
