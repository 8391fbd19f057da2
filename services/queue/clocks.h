// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

namespace kiosk::queue {

/**
 * Whether the kernel holds the system clock as synchronised to a time source: ntp_adjtime()
 * (read only) does not report STA_UNSYNC or TIME_ERROR. systemd-timesyncd, chrony and ntpd clear
 * STA_UNSYNC once they have disciplined the clock; after an RTC reset or with no time server it
 * stays set. The queue expires nothing while this is false.
 */
[[nodiscard]] bool systemClockSynchronised();

/** Milliseconds on CLOCK_BOOTTIME: monotonic, counts suspend, unaffected by setting the clock. */
[[nodiscard]] std::int64_t monotonicMs();

} // namespace kiosk::queue
