// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "devices/deviceio.h"
#include "devices/devicestatus.h"
#include "devices/scanner/hidreports.h"

#include <QObject>

#include <memory>
#include <mutex>

namespace kiosk::devices::scanner {

enum class ScannerProtocol { HidPos, Keyboard };

/**
 * The code scanner driver: reads interrupt-IN reports (the interface is claimed from usbhid, so
 * nothing reaches the UI as keystrokes) and emits whole codes.
 *
 * Threads: worker thread like the other drivers. Reading is a chain of short blocking reads,
 * each re-queued as an event, so queued calls (detach) are served between reads; cancelTransfers()
 * ends a read at once from any thread.
 */
class CodeScanner : public QObject
{
    Q_OBJECT

public:
    explicit CodeScanner(QObject *parent = nullptr);
    ~CodeScanner() override;

    void cancelTransfers();
    /** How long one read waits; a scan arriving meanwhile is delivered at once regardless. */
    void setReadTimeout(std::chrono::milliseconds timeout) { m_readTimeout = timeout; }

public Q_SLOTS:
    /** @p reportSize: the interrupt IN endpoint's wMaxPacketSize. */
    void attach(std::shared_ptr<kiosk::devices::DeviceIo> io, kiosk::devices::scanner::ScannerProtocol protocol, int reportSize);
    void detach(const QString &reason);

Q_SIGNALS:
    /** A whole code: @p bytes as sent, @p text decoded (UTF-8, else GB18030, else Latin-1). */
    void codeScanned(const QByteArray &bytes, const QString &text);
    void statusChanged(kiosk::devices::DeviceStatus status, const QString &message);

private:
    void readOnce();
    void publish(DeviceStatus status, const QString &message);

    IoSlot m_io;
    ScannerProtocol m_protocol = ScannerProtocol::HidPos;
    int m_reportSize = 64;
    HidPosDecoder m_pos;
    KeyboardWedgeDecoder m_keyboard;
    std::chrono::milliseconds m_readTimeout{250};
    int m_generation = 0; ///< stale queued reads of a previous attach do nothing
    int m_errors = 0;
    DeviceStatus m_status = DeviceStatus::Unknown;
    QString m_message;
};

} // namespace kiosk::devices::scanner

Q_DECLARE_METATYPE(kiosk::devices::scanner::ScannerProtocol)
