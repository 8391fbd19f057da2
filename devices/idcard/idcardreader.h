// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "devices/devicedriver.h"
#include "devices/devicestatus.h"
#include "devices/idcard/idcard.h"
#include "devices/idcard/readerstatemachine.h"
#include "devices/idcard/samtransport.h"

#include <QTimer>

#include <memory>
#include <mutex>

namespace kiosk::devices::idcard {

/**
 * The ID-card reader driver: runs ReaderStateMachine over a SamTransport.
 *
 * Threads: lives on its own worker thread (DeviceManager moves it there); an exchange blocks that
 * thread for at most the command's timeout. Only cancel() may be called from another thread;
 * everything else arrives as queued calls. Signals are emitted on the worker thread.
 */
class IdCardReader : public DeviceDriver
{
    Q_OBJECT

public:
    explicit IdCardReader(ReaderStateMachine::Timing timing = {}, QObject *parent = nullptr);
    ~IdCardReader() override;

    [[nodiscard]] DeviceKind kind() const override { return DeviceKind::IdCardReader; }
    /** Thread-safe: ends the exchange in progress (unplug, shutdown). */
    void cancel() override;
    /** Chooses the transport (serial line, one of the USB SAM wirings, or the simulated SAM). */
    void open(const kiosk::devices::DeviceCandidate &candidate) override;
    /** Drops the transport (device gone or shutting down); reports @p reason as the status. */
    void detach(kiosk::devices::DeviceError reason, const QString &detail) override;
    [[nodiscard]] ReaderStateMachine::State state() const { return m_sm.state(); }
    [[nodiscard]] bool isAttached() const { return m_transport != nullptr; }

public Q_SLOTS:
    /** Takes over @p transport and starts reading: SAM check, then polling for cards. */
    void attach(std::shared_ptr<kiosk::devices::idcard::SamTransport> transport);
    /** Polls now instead of waiting for the timer (tests, benchmark). */
    void pollNow();

Q_SIGNALS:
    void cardRead(const kiosk::devices::idcard::IdCard &card);
    void cardRemoved();
    /** A card was found but not read: the resident should place it again. @p detail: for logs. */
    void readFailed(kiosk::devices::CardReadError error, const QString &detail);

private:
    void run(ReaderStateMachine::Action action);
    void publishStatus();

    ReaderStateMachine m_sm;
    std::shared_ptr<SamTransport> m_transport;
    std::mutex m_transportMutex; ///< guards the pointer for cancel()
    QTimer m_timer;
    QString m_faultMessage;
};

} // namespace kiosk::devices::idcard
