// SPDX-License-Identifier: GPL-3.0-or-later
// Real-time status replies (DLE EOT 1–4) as a printer may send them, noise included.
#include "devices/printer/printerstatus.h"

#include <cstddef>
#include <cstdint>

using namespace kiosk::devices::printer;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::span<const std::uint8_t> bytes(data, size);
    StatusError error = StatusError::None;
    const auto reply = statusReply(bytes, &error);
    if (reply && !isStatusByte(*reply))
        __builtin_trap();
    PrinterStatus status;
    for (std::size_t i = 0; i < size; ++i) {
        const int n = int(i % 6); // 0 and 5 are bad requests
        const StatusError e = applyStatusByte(n, data[i], status);
        if (e == StatusError::None && (n < 1 || n > 4 || !isStatusByte(data[i])))
            __builtin_trap();
    }
    [[maybe_unused]] const auto s = status.deviceStatus();
    if (status.message().isEmpty() || (status.ready() && status.deviceStatus() == kiosk::devices::DeviceStatus::Fault))
        __builtin_trap();
    return 0;
}
