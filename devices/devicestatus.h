// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace kiosk::devices {

/** The status vocabulary terminal middleware reports for every device, to staff and upstream. */
enum class DeviceStatus : int {
    Unknown = -1,
    Normal = 0,
    Warning = 1, ///< works, needs attention soon (e.g. paper near end)
    Fault = 2,
    Busy = 3,
    Disabled = 4,
};

/** Stable lower-case name of a status ("normal", "fault", …) for logs and JSON. */
[[nodiscard]] QString statusName(DeviceStatus status);

/** Parses a numeric status code; anything outside −1..4 is Unknown. */
[[nodiscard]] DeviceStatus statusFromCode(int code);

} // namespace kiosk::devices
