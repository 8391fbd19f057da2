// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/driverregistry.h"

#include <array>

namespace kiosk::devices {

std::span<const DriverPlug> driverPlugs()
{
    static const std::array plugs{idcard::driverPlug(), printer::driverPlug(), scanner::driverPlug(), a4::driverPlug()};
    return plugs;
}

const DriverPlug *driverPlug(DeviceKind kind)
{
    for (const DriverPlug &plug : driverPlugs()) {
        if (plug.kind == kind)
            return &plug;
    }
    return nullptr;
}

} // namespace kiosk::devices
