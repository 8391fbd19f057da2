// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "devices/usb/devicetable.h"
#include "devices/usb/usbdeviceinfo.h"

#include <QMetaType>
#include <QString>

#include <cstdint>
#include <memory>
#include <optional>

namespace kiosk::devices {

namespace sim {
class SimulatedDevice;
}

/**
 * A device the manager found for a kind: a USB device that matched a table row, a configured
 * serial line, or a simulated device. The driver of its kind opens it (DeviceDriver::open()),
 * choosing the transport from what is here.
 */
struct DeviceCandidate {
    DeviceKind kind = DeviceKind::IdCardReader;
    QString key; ///< where it is plugged: "usb:001/004", "/dev/ttyS1", "sim:printer", "ipp:auto"
    QString model;
    QString vidPid;
    std::optional<usb::UsbDeviceInfo> usb;
    usb::Match match;
    std::uint32_t quirks = 0; ///< of the table row (for a simulated device: the row it models)
    QString ttyPath; ///< serial readers: the tty to open
    /** Network devices (the A4 printer): where it is — a CUPS destination name, an ipp:// URI
     *  (the simulated printer's too), or empty for "the one found". */
    QString address;
    /** The simulated device, below the driver's transport (`kiosk --simulate`). */
    std::shared_ptr<sim::SimulatedDevice> simulated;
};

} // namespace kiosk::devices

Q_DECLARE_METATYPE(kiosk::devices::DeviceCandidate)
