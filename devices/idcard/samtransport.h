// SPDX-License-Identifier: GPL-3.0-or-later
// How SAM frames travel: one codec (samframe.h), four transports. Which one a reader needs is
// found by probing its descriptors plus the quirks of its device-table row.
#pragma once

#include "devices/deviceio.h"
#include "devices/idcard/samframe.h"
#include "devices/usb/devicetable.h"
#include "devices/usb/usbdeviceinfo.h"

#include <QByteArray>

#include <chrono>
#include <memory>
#include <vector>

namespace kiosk::devices::usb {
class UsbHandle;
}

namespace kiosk::devices::idcard {

/** Carries one request frame to the SAM and one response frame back. */
class SamTransport
{
public:
    virtual ~SamTransport() = default;
    /**
     * Sends @p request and collects the whole response frame into @p response (unparsed: the
     * caller parses, so a garbled reply is reported by name). Blocks for about @p timeout at most.
     */
    virtual IoResult exchange(std::span<const std::uint8_t> request, QByteArray &response, std::chrono::milliseconds timeout) = 0;
    /** Thread-safe: ends a running exchange with Cancelled; later ones fail the same way. */
    virtual void cancel() = 0;
    /** "usb-bulk", "usb-split-endpoints", "usb-hid-cp2110", "serial", "simulated". */
    [[nodiscard]] virtual QString name() const = 0;
};

/**
 * Frames over a byte stream: the single bulk endpoint pair (0400:c35a firmware B), a serial line,
 * or a simulator. The reply is collected with FrameAssembler ("7 bytes, then LEN more").
 */
class StreamSamTransport : public SamTransport
{
public:
    explicit StreamSamTransport(std::shared_ptr<DeviceIo> io, QString name = {});
    IoResult exchange(std::span<const std::uint8_t> request, QByteArray &response, std::chrono::milliseconds timeout) override;
    void cancel() override { m_io->cancel(); }
    [[nodiscard]] QString name() const override { return m_name; }

    /** Reads are this big: a multiple of every bulk packet size, larger than any SAM reply. */
    static constexpr std::size_t kReadChunk = 4096;

private:
    std::shared_ptr<DeviceIo> m_io;
    QString m_name;
};

/** 0400:c35a firmware A: the 7-byte header and the body on separate bulk endpoint pairs. */
class SplitSamTransport : public SamTransport
{
public:
    SplitSamTransport(std::shared_ptr<usb::UsbHandle> handle, std::uint8_t headerOut, std::uint8_t bodyOut,
                      std::uint8_t headerIn, std::uint8_t bodyIn);
    IoResult exchange(std::span<const std::uint8_t> request, QByteArray &response, std::chrono::milliseconds timeout) override;
    void cancel() override;
    [[nodiscard]] QString name() const override { return QStringLiteral("usb-split-endpoints"); }

private:
    std::shared_ptr<usb::UsbHandle> m_handle;
    std::uint8_t m_headerOut, m_bodyOut, m_headerIn, m_bodyIn;
};

/**
 * HID readers: the SAM's UART behind a SiLabs CP2110 HID-to-UART bridge (AN434). Data travels
 * in interrupt reports whose report ID is the byte count (1–63); the UART is enabled and set to
 * 115200 8N1 with feature reports 0x41 and 0x50 when the transport is opened.
 */
class Cp2110SamTransport : public SamTransport
{
public:
    [[nodiscard]] static std::unique_ptr<Cp2110SamTransport> open(std::shared_ptr<usb::UsbHandle> handle, const usb::UsbInterface &itf,
                                                                  QString *error);
    IoResult exchange(std::span<const std::uint8_t> request, QByteArray &response, std::chrono::milliseconds timeout) override;
    void cancel() override;
    [[nodiscard]] QString name() const override { return QStringLiteral("usb-hid-cp2110"); }

    static constexpr std::uint8_t kReportEnableUart = 0x41;
    static constexpr std::uint8_t kReportUartConfig = 0x50;
    static constexpr std::size_t kMaxPayload = 63;

private:
    Cp2110SamTransport(std::shared_ptr<usb::UsbHandle> handle, usb::UsbEndpoint in, usb::UsbEndpoint out);
    std::shared_ptr<usb::UsbHandle> m_handle;
    usb::UsbEndpoint m_in;
    usb::UsbEndpoint m_out;
};

/**
 * The CP2110's input reports as UART bytes (AN434): the report ID is the count of bytes that
 * follow (1–63). Any other ID is a status report, and a report shorter than its ID claims is
 * damaged: both carry no UART bytes (an empty span). Pure, so it can be fuzzed.
 */
[[nodiscard]] std::span<const std::uint8_t> cp2110UartBytes(std::span<const std::uint8_t> report);
/**
 * UART bytes as the CP2110's output reports, each @p reportSize long (the OUT endpoint's packet
 * size, at least 2): ID = count, then up to 63 bytes, zero-padded.
 */
[[nodiscard]] std::vector<std::vector<std::uint8_t>> cp2110Reports(std::span<const std::uint8_t> bytes, std::size_t reportSize);

/**
 * Picks and opens the transport for a USB reader from its descriptors and table row (serial
 * readers are opened through their tty instead, see SerialPort). Returns null with @p error set.
 */
[[nodiscard]] std::unique_ptr<SamTransport> openUsbSamTransport(const usb::UsbDeviceInfo &info, const usb::Match &match,
                                                                QString *error);

/** Timeouts per command (from the vendors' SDKs: a full read takes up to ~3.5 s over the air). */
[[nodiscard]] std::chrono::milliseconds commandTimeout(Command command);

} // namespace kiosk::devices::idcard
