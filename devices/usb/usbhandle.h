// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "devices/deviceio.h"
#include "devices/usb/usbdeviceinfo.h"

#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

struct libusb_device_handle;
struct libusb_transfer;

namespace kiosk::devices::usb {

/**
 * An opened device with one claimed interface. Transfers are libusb asynchronous transfers that
 * the calling (driver) thread waits for, so each has a timeout and a cancellation path:
 * cancel() from any thread cancels what is in flight. Completions run on UsbContext's event
 * thread, which must be running while transfers are.
 *
 * Opening detaches the kernel driver that holds the interface (usblp, usbhid, …) so that the
 * device is ours alone — scanners stop typing into the UI — and closing gives it back.
 */
class UsbHandle
{
public:
    /** Opens @p info, detaches the kernel driver from @p interfaceNumber and claims it. */
    [[nodiscard]] static std::shared_ptr<UsbHandle> open(const UsbDeviceInfo &info, int interfaceNumber, QString *error);
    ~UsbHandle();
    UsbHandle(const UsbHandle &) = delete;
    UsbHandle &operator=(const UsbHandle &) = delete;

    /** A bulk or interrupt transfer; the direction follows the endpoint address. */
    IoResult transfer(std::uint8_t endpoint, TransferType type, std::span<std::uint8_t> buffer,
                      std::chrono::milliseconds timeout);
    /** A control transfer; @p data is the data stage (IN fills it, OUT sends it). */
    IoResult control(std::uint8_t requestType, std::uint8_t request, std::uint16_t value, std::uint16_t index,
                     std::span<std::uint8_t> data, std::chrono::milliseconds timeout);
    /** Thread-safe: cancels the transfers in flight; every later one returns Cancelled. */
    void cancel();

    [[nodiscard]] const UsbDeviceInfo &info() const { return m_info; }
    [[nodiscard]] int interfaceNumber() const { return m_interface; }
    /** True when a kernel driver held the interface and was detached at open. */
    [[nodiscard]] bool detachedKernelDriver() const { return m_detached; }

private:
    UsbHandle(UsbDeviceInfo info, libusb_device_handle *handle, int interfaceNumber, bool detached);
    IoResult run(libusb_transfer *transfer, std::chrono::milliseconds timeout);

    UsbDeviceInfo m_info;
    libusb_device_handle *m_handle;
    int m_interface;
    bool m_detached;
    std::mutex m_mutex;
    bool m_cancelled = false;
    std::vector<libusb_transfer *> m_inFlight;
};

/** DeviceIo over one OUT and one IN endpoint of a claimed interface (bulk or interrupt). */
class UsbEndpointIo : public DeviceIo
{
public:
    UsbEndpointIo(std::shared_ptr<UsbHandle> handle, std::uint8_t outEndpoint, std::uint8_t inEndpoint, TransferType type);

    IoResult write(std::span<const std::uint8_t> data, std::chrono::milliseconds timeout) override;
    IoResult read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout) override;
    void cancel() override;
    [[nodiscard]] QString transportName() const override;
    [[nodiscard]] UsbHandle &handle() const { return *m_handle; }

private:
    std::shared_ptr<UsbHandle> m_handle;
    std::uint8_t m_out;
    std::uint8_t m_in;
    TransferType m_type;
};

} // namespace kiosk::devices::usb
