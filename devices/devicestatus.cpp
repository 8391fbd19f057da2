// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/devicestatus.h"

namespace kiosk::devices {

QString statusName(DeviceStatus status)
{
    switch (status) {
    case DeviceStatus::Normal: return QStringLiteral("normal");
    case DeviceStatus::Warning: return QStringLiteral("warning");
    case DeviceStatus::Fault: return QStringLiteral("fault");
    case DeviceStatus::Busy: return QStringLiteral("busy");
    case DeviceStatus::Disabled: return QStringLiteral("disabled");
    case DeviceStatus::Unknown: break;
    }
    return QStringLiteral("unknown");
}

DeviceStatus statusFromCode(int code)
{
    if (code < -1 || code > 4)
        return DeviceStatus::Unknown;
    return static_cast<DeviceStatus>(code);
}

} // namespace kiosk::devices
