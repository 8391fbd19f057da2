// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "devices/devicecandidate.h"
#include "devices/devicestatus.h"

#include <QObject>
#include <QString>

namespace kiosk::devices {

/**
 * What every device driver offers the manager: open a candidate, cancel, detach, and report
 * status with a typed error. Implemented by IdCardReader, ReceiptPrinter, CodeScanner and
 * A4Printer; each keeps its transport choice (endpoints, HID POS probe, SAM wiring, CUPS
 * destination) in its own folder.
 *
 * Threads: a driver lives on its own worker thread. cancel() is the one call that may come from
 * any thread (it ends a transfer in progress at once); open(), detach() and refresh() are
 * invoked there as queued calls. Signals are emitted on the worker thread.
 */
class DeviceDriver : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~DeviceDriver() override;

    [[nodiscard]] virtual DeviceKind kind() const = 0;
    /** Thread-safe: ends the transfer in progress (unplug, shutdown). */
    virtual void cancel() = 0;
    /**
     * Opens @p candidate (claims the USB interface, opens the tty, or plugs onto the simulated
     * device) and starts working; reports opened() or openFailed() with the candidate's key.
     */
    virtual void open(const kiosk::devices::DeviceCandidate &candidate) = 0;
    /** Drops the device (gone, or shutting down). @p reason None: no status report. */
    virtual void detach(kiosk::devices::DeviceError reason, const QString &detail) = 0;
    /** Queries the device's status now (tests; the simulator after a change). */
    virtual void refresh() { }

    [[nodiscard]] DeviceStatus status() const { return m_status; }
    [[nodiscard]] DeviceError error() const { return m_error; }
    [[nodiscard]] QString detail() const { return m_detail; }

Q_SIGNALS:
    void opened(const QString &key, const QString &transport);
    void openFailed(const QString &key, kiosk::devices::DeviceError error, const QString &detail);
    /** @p detail: English, for logs and technicians; the UI words come from @p error. */
    void statusChanged(kiosk::devices::DeviceStatus status, kiosk::devices::DeviceError error, const QString &detail);

protected:
    /** Emits statusChanged() when something changed. */
    void publish(DeviceStatus status, DeviceError error, const QString &detail);

private:
    DeviceStatus m_status = DeviceStatus::Unknown;
    DeviceError m_error = DeviceError::None;
    QString m_detail;
};

} // namespace kiosk::devices
