// SPDX-License-Identifier: GPL-3.0-or-later
// ESC/POS real-time status (DLE EOT n): one reply byte per request. Pure parser.
#pragma once

#include "devices/devicestatus.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <span>

namespace kiosk::devices::printer {

/** What the printer reported, merged over the DLE EOT 1–4 replies. */
struct PrinterStatus {
    bool offline = false; ///< n=1 bit 3
    bool coverOpen = false; ///< n=2 bit 2
    bool stoppedForPaperEnd = false; ///< n=2 bit 5
    bool errorOccurred = false; ///< n=2 bit 6
    bool autocutterError = false; ///< n=3 bit 3
    bool unrecoverableError = false; ///< n=3 bit 5
    bool paperNearEnd = false; ///< n=4 bits 2–3
    bool paperOut = false; ///< n=4 bits 5–6

    /** Printing can start: no paper end, cover shut, online, no error. */
    [[nodiscard]] bool ready() const;
    /** Normal, Warning (paper near end) or Fault. */
    [[nodiscard]] DeviceStatus deviceStatus() const;
    /** The main reason it is not Normal (None when ready with paper). */
    [[nodiscard]] DeviceError deviceError() const;
    /** What a technician reads (logs, detail): "paper roll empty: replace the roll", … */
    [[nodiscard]] QString message() const;
    friend bool operator==(const PrinterStatus &, const PrinterStatus &) = default;
};

enum class StatusError {
    None,
    BadRequest, ///< n is not 1–4
    InvalidByte, ///< the fixed bits (7 = 0, 4 = 1, 1 = 1, 0 = 0) are wrong: not a status reply
};

[[nodiscard]] QString statusErrorName(StatusError error);

/** A status reply has bit 7 = 0, bit 4 = 1, bit 1 = 1, bit 0 = 0. */
[[nodiscard]] constexpr bool isStatusByte(std::uint8_t b)
{
    return (b & 0x93) == 0x12;
}

/** Merges the reply @p b to DLE EOT @p n into @p status. */
[[nodiscard]] StatusError applyStatusByte(int n, std::uint8_t b, PrinterStatus &status);

/**
 * Reads the reply to DLE EOT @p n out of what the printer sent (the last valid status byte wins;
 * stale or garbage bytes before it are skipped). Nullopt with @p error when there is none.
 */
[[nodiscard]] std::optional<std::uint8_t> statusReply(std::span<const std::uint8_t> received, StatusError *error = nullptr);

} // namespace kiosk::devices::printer
