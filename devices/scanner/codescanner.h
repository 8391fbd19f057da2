// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "devices/devicedriver.h"
#include "devices/deviceio.h"
#include "devices/devicestatus.h"
#include "devices/scanner/hidreports.h"

#include <QObject>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <mutex>

namespace kiosk::devices::scanner {

enum class ScannerProtocol { HidPos, Keyboard };

/**
 * Which protocol a HID scanner interface speaks: the table's quirk if it says, else the report
 * descriptor (usage page 0x8C = HID POS), else a boot keyboard interface means keyboard wedge.
 * Pure: @p reportDescriptor is what GET_DESCRIPTOR(0x22) returned (nullopt: not read).
 */
[[nodiscard]] std::optional<ScannerProtocol> chooseScannerProtocol(std::uint32_t quirks, int subClass, int protocol,
                                                                   std::optional<std::span<const std::uint8_t>> reportDescriptor);

/**
 * The code scanner driver: reads interrupt-IN reports (the interface is claimed from usbhid, so
 * nothing reaches the UI as keystrokes) and emits whole codes.
 *
 * Threads: worker thread like the other drivers. Reading is a chain of short blocking reads,
 * each re-queued as an event, so queued calls (detach) are served between reads; cancelTransfers()
 * ends a read at once from any thread.
 */
class CodeScanner : public DeviceDriver
{
    Q_OBJECT

public:
    explicit CodeScanner(QObject *parent = nullptr);
    ~CodeScanner() override;

    [[nodiscard]] DeviceKind kind() const override { return DeviceKind::CodeScanner; }
    void cancel() override;
    /** Claims the HID interface (after usbhid lets go), probes HID POS vs keyboard wedge
     *  (scannerusb.cpp), or plugs onto the simulated scanner. */
    void open(const kiosk::devices::DeviceCandidate &candidate) override;
    void detach(kiosk::devices::DeviceError reason, const QString &detail) override;
    /** How long one read waits; a scan arriving meanwhile is delivered at once regardless. */
    void setReadTimeout(std::chrono::milliseconds timeout) { m_readTimeout = timeout; }

public Q_SLOTS:
    /** @p reportSize: the interrupt IN endpoint's wMaxPacketSize. */
    void attach(std::shared_ptr<kiosk::devices::DeviceIo> io, kiosk::devices::scanner::ScannerProtocol protocol, int reportSize);

Q_SIGNALS:
    /** A whole code: @p bytes as sent, @p text decoded (UTF-8, else GB18030, else Latin-1). */
    void codeScanned(const QByteArray &bytes, const QString &text);

private:
    void readOnce();

    IoSlot m_io;
    ScannerProtocol m_protocol = ScannerProtocol::HidPos;
    int m_reportSize = 64;
    HidPosDecoder m_pos;
    KeyboardWedgeDecoder m_keyboard;
    std::chrono::milliseconds m_readTimeout{250};
    int m_generation = 0; ///< stale queued reads of a previous attach do nothing
    int m_errors = 0;
};

} // namespace kiosk::devices::scanner

Q_DECLARE_METATYPE(kiosk::devices::scanner::ScannerProtocol)
