// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "devices/devicecandidate.h"
#include "devices/deviceoptions.h"
#include "devices/usb/devicetable.h"

#include <optional>
#include <span>

namespace kiosk::devices {

class DeviceDriver;

/**
 * One kind of device as the manager sees it: how to build its driver, and the little it must
 * know before a driver exists. Each driver folder defines its plug (idcard/idcardplug.cpp, …);
 * the registry lists them. The manager iterates the registry and never switches on the kind, so
 * a new kind (an A4 printer, a document scanner) is a new folder, a table row and a line here.
 */
struct DriverPlug {
    DeviceKind kind;
    /** A new driver for this kind (the manager moves it to its thread and owns it). */
    DeviceDriver *(*create)(const DeviceOptions &options);
    /** True when the kernel's serial driver carries @p candidate: the manager waits for its
     *  tty before offering it. Null: never. */
    bool (*needsTty)(const DeviceCandidate &candidate);
    /** The technician's detail when the device is unplugged. */
    const char *unpluggedDetail;
    /** A device found on no bus but named by the configuration (the A4 printer, on the
     *  network): offered when the manager starts. Null, or nullopt: none. */
    std::optional<DeviceCandidate> (*configured)(const DeviceOptions &options);
};

/** Every kind the terminal drives, in DeviceKind order. */
[[nodiscard]] std::span<const DriverPlug> driverPlugs();
/** The plug of @p kind (never null for a kind in the table). */
[[nodiscard]] const DriverPlug *driverPlug(DeviceKind kind);

namespace idcard {
[[nodiscard]] DriverPlug driverPlug();
}
namespace printer {
[[nodiscard]] DriverPlug driverPlug();
}
namespace scanner {
[[nodiscard]] DriverPlug driverPlug();
}
namespace a4 {
[[nodiscard]] DriverPlug driverPlug();
}

} // namespace kiosk::devices
