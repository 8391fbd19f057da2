// SPDX-License-Identifier: GPL-3.0-or-later
// What a USB device says about itself: device + configuration descriptors (parseDescriptors, the
// sysfs layout), the class-specific bytes after an interface (the HID descriptor, as libusb hands
// them over in `extra`), a HID report descriptor, and the decisions taken from them: the
// device-table match and the scanner's protocol. A hostile device can claim anything; nothing it
// claims may crash the terminal or make it claim an interface the device does not have.
#include "devices/scanner/codescanner.h"
#include "devices/scanner/hidreports.h"
#include "devices/usb/devicetable.h"
#include "devices/usb/usbdeviceinfo.h"

#include <cstddef>
#include <cstdint>

using namespace kiosk::devices;

namespace {

void checkInterface(const usb::UsbInterface &itf, std::uint32_t quirks)
{
    std::size_t counted = 0;
    for (const auto type : {usb::TransferType::Control, usb::TransferType::Isochronous, usb::TransferType::Bulk, usb::TransferType::Interrupt}) {
        for (const bool in : {true, false}) {
            for (const auto &e : itf.endpointsOf(type, in)) {
                if (e.type != type || e.isIn() != in || e.maxPacketSize > 0x7FF)
                    __builtin_trap();
                ++counted;
            }
        }
    }
    if (counted != itf.endpoints.size())
        __builtin_trap();
    const int reportLength = itf.hidReportDescriptorLength();
    if (reportLength < 0 || reportLength > 0xFFFF)
        __builtin_trap();
    // The interface's extra bytes stand in for the report descriptor the scanner would be asked for.
    const std::span<const std::uint8_t> extra(reinterpret_cast<const std::uint8_t *>(itf.extra.constData()), std::size_t(itf.extra.size()));
    [[maybe_unused]] const auto protocol = scanner::chooseScannerProtocol(quirks, itf.subClass, itf.protocol, extra);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const std::span<const std::uint8_t> span(data, size);

    if (const auto info = usb::parseDescriptors(bytes)) {
        const auto classes = info->interfaceClasses();
        if (classes.size() != info->interfaces.size())
            __builtin_trap();
        const usb::Match match = usb::matchDevice(info->vendorId, info->productId, classes);
        // A match names an interface the device has; a device listing none matches only a
        // VID:PID row naming no class, with interface 0 as an informative number (serial
        // bridges are reached through their tty; openUsbSamTransport refuses a missing one).
        if (match && !info->interface(match.interfaceNumber)
            && !(classes.empty() && match.row->vendorId != 0 && match.row->interfaceClass < 0 && match.interfaceNumber == 0))
            __builtin_trap();
        for (const auto &itf : info->interfaces)
            checkInterface(itf, match.row ? match.row->quirks : 0);
    }

    // The same bytes as libusb's `extra` of an interface, and as a HID report descriptor.
    usb::UsbInterface raw;
    raw.interfaceClass = 3;
    raw.extra = bytes;
    checkInterface(raw, 0);
    const auto pages = scanner::hidUsagePages(span);
    if (pages && pages->size() > size)
        __builtin_trap();
    for (const std::uint32_t quirks : {0u, std::uint32_t(usb::ScannerKeyboard), std::uint32_t(usb::ScannerHidPos)})
        [[maybe_unused]] const auto p = scanner::chooseScannerProtocol(quirks, int(size % 3), size ? data[0] % 3 : 0, span);
    return 0;
}
