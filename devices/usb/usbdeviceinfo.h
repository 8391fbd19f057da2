// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "devices/usb/devicetable.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

struct libusb_device;

namespace kiosk::devices::usb {

enum class TransferType { Control, Isochronous, Bulk, Interrupt };

struct UsbEndpoint {
    std::uint8_t address = 0;
    TransferType type = TransferType::Bulk;
    std::uint16_t maxPacketSize = 0;
    [[nodiscard]] bool isIn() const { return address & 0x80; }
};

struct UsbInterface {
    int number = 0;
    int interfaceClass = 0;
    int subClass = 0;
    int protocol = 0;
    std::vector<UsbEndpoint> endpoints;
    QByteArray extra; ///< class-specific descriptors that follow the interface (HID descriptor…)

    /** The endpoints of one type and direction, in descriptor order. */
    [[nodiscard]] std::vector<UsbEndpoint> endpointsOf(TransferType type, bool in) const;
    /** wDescriptorLength of the HID report descriptor, from the HID class descriptor; 0 if none. */
    [[nodiscard]] int hidReportDescriptorLength() const;
};

/**
 * One plugged USB device as the layer sees it: where it is, what it is, its interfaces. Cheap to
 * copy; holds a reference on the libusb device (null for descriptors parsed in tests).
 */
struct UsbDeviceInfo {
    std::shared_ptr<libusb_device> device;
    int bus = 0;
    int address = 0;
    QString portPath; ///< "1-1.4": the sysfs name, stable across replugs into the same socket
    std::uint16_t vendorId = 0;
    std::uint16_t productId = 0;
    std::vector<UsbInterface> interfaces;

    [[nodiscard]] QString vidPid() const;
    /** Unique while plugged: bus and address. */
    [[nodiscard]] QString key() const;
    [[nodiscard]] std::vector<InterfaceClass> interfaceClasses() const;
    [[nodiscard]] const UsbInterface *interface(int number) const;
};

/**
 * Parses a device descriptor followed by configuration descriptors (the layout of sysfs
 * `descriptors`), for tools and tests. Returns nullopt on malformed input.
 */
[[nodiscard]] std::optional<UsbDeviceInfo> parseDescriptors(const QByteArray &descriptors);

} // namespace kiosk::devices::usb

Q_DECLARE_METATYPE(kiosk::devices::usb::UsbDeviceInfo)
