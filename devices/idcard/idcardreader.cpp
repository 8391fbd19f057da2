// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/idcard/idcardreader.h"
#include "devices/deviceslogging.h"
#include "devices/driverregistry.h"
#include "devices/serial/serialport.h"
#include "devices/simulator/simulateddevice.h"

namespace kiosk::devices::idcard {

DriverPlug driverPlug()
{
    return {
        .kind = DeviceKind::IdCardReader,
        .create = [](const DeviceOptions &o) -> DeviceDriver * { return new IdCardReader(o.readerTiming); },
        // A USB-UART bridge or CDC-ACM reader: the kernel's serial driver makes a tty for it.
        .needsTty = [](const DeviceCandidate &c) { return c.usb && (c.quirks & usb::SamOverTty); },
        .unpluggedDetail = "ID-card reader disconnected: check its USB cable",
        .configured = nullptr,
    };
}

IdCardReader::IdCardReader(ReaderStateMachine::Timing timing, QObject *parent)
    : DeviceDriver(parent)
    , m_sm(timing)
    , m_timer(this)
{
    qRegisterMetaType<IdCard>();
    qRegisterMetaType<DeviceStatus>();
    qRegisterMetaType<DeviceError>();
    qRegisterMetaType<CardReadError>();
    qRegisterMetaType<std::shared_ptr<SamTransport>>();
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &IdCardReader::pollNow);
}

IdCardReader::~IdCardReader() = default;

void IdCardReader::cancel()
{
    std::shared_ptr<SamTransport> t;
    {
        std::lock_guard lock(m_transportMutex);
        t = m_transport;
    }
    if (t)
        t->cancel();
}

void IdCardReader::open(const DeviceCandidate &c)
{
    QString error;
    std::unique_ptr<SamTransport> t;
    if (c.simulated) {
        t = std::make_unique<StreamSamTransport>(std::make_shared<sim::SimulatedIo>(c.simulated, QStringLiteral("simulated-bulk")));
    } else if (!c.ttyPath.isEmpty()) {
        if (auto port = serial::SerialPort::open(c.ttyPath, &error))
            t = std::make_unique<StreamSamTransport>(std::shared_ptr<DeviceIo>(std::move(port)));
    } else if (c.usb && !(c.quirks & usb::SamOverTty)) {
        t = openUsbSamTransport(*c.usb, c.match, &error);
    } else {
        error = QStringLiteral("no serial line (tty) appeared for this reader: is its kernel driver (%1) available?")
                    .arg(QString::fromLatin1(c.match.row && c.match.row->kernelDriver ? c.match.row->kernelDriver : "?"));
    }
    if (!t) {
        Q_EMIT openFailed(c.key, DeviceError::CannotOpen, error);
        return;
    }
    Q_EMIT opened(c.key, t->name());
    attach(std::shared_ptr<SamTransport>(std::move(t)));
}

void IdCardReader::attach(std::shared_ptr<SamTransport> transport)
{
    if (m_transport)
        detach(DeviceError::None, QString());
    {
        std::lock_guard lock(m_transportMutex);
        m_transport = std::move(transport);
    }
    m_faultMessage.clear();
    qCInfo(lcIdCard) << "reader attached over" << m_transport->name();
    run(m_sm.start());
}

void IdCardReader::detach(DeviceError reason, const QString &detail)
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
    if (reason != DeviceError::None)
        publish(DeviceStatus::Fault, reason, detail);
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
                qCWarning(lcIdCard) << "card not read:" << errorName(e.readError) << e.message;
                Q_EMIT readFailed(e.readError, e.message);
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
        auto parsed = parseResponse(bytesOf(reply));
        wipeBuffer(reply); // a read reply holds the card's text and photo
        if (!parsed.value) {
            qCWarning(lcIdCard) << "garbled reply:" << frameErrorName(parsed.error) << parsed.detail;
            action = m_sm.onFrameError(parsed.error, parsed.detail);
            continue;
        }
        qCDebug(lcIdCard) << "command" << Qt::hex << int(command) << "->" << statusName(parsed.value->sw3);
        action = m_sm.onResponse(*parsed.value);
        wipeResponse(*parsed.value);
    }
}

void IdCardReader::publishStatus()
{
    using State = ReaderStateMachine::State;
    const DeviceStatus status = m_sm.deviceStatus();
    DeviceError error = DeviceError::None;
    QString message;
    switch (m_sm.state()) {
    case State::Idle: return; // detach() reports its own reason
    case State::Disconnected:
        error = DeviceError::Disconnected;
        message = QStringLiteral("ID-card reader disconnected: check its USB cable");
        break;
    case State::Fault:
        error = m_sm.fault();
        message = QStringLiteral("ID-card reader fault: %1").arg(m_faultMessage);
        break;
    case State::Selecting:
    case State::Reading: message = QStringLiteral("reading a card"); break;
    case State::CardPresent: message = QStringLiteral("card on the reader"); break;
    case State::CheckingSam:
    case State::Searching: message = QStringLiteral("ready: waiting for a card"); break;
    }
    if (status == DeviceStatus::Fault && m_sm.state() != State::Disconnected && m_sm.state() != State::Fault) {
        error = m_sm.fault();
        message = QStringLiteral("ID-card reader fault: %1").arg(m_faultMessage);
    }
    publish(status, error, message);
}

} // namespace kiosk::devices::idcard
