// SPDX-License-Identifier: GPL-3.0-or-later
// What a scanner sends: HID POS reports, boot keyboard reports, and HID report descriptors.
// The input is cut into reports whose sizes it chooses itself.
#include "devices/scanner/hidreports.h"

#include <cstddef>
#include <cstdint>

using namespace kiosk::devices::scanner;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::span<const std::uint8_t> bytes(data, size);
    [[maybe_unused]] const auto pages = hidUsagePages(bytes);

    HidPosDecoder pos;
    KeyboardWedgeDecoder keyboard;
    std::size_t at = 0;
    while (at < size) {
        const std::size_t len = std::min<std::size_t>(data[at] % 70, size - at - 1);
        const auto report = bytes.subspan(at + 1, len);
        if (const auto code = pos.feed(report)) {
            if (code->isEmpty() || std::size_t(code->size()) > kMaxCodeLength)
                __builtin_trap();
            [[maybe_unused]] const QString text = codeText(*code);
        }
        if (const auto typed = keyboard.feed(report)) {
            if (typed->isEmpty())
                __builtin_trap();
        }
        // Boot reports are 8 bytes: also feed the first 8 of every report as one.
        if (report.size() >= 8)
            [[maybe_unused]] const auto t = keyboard.feed(report.first(8));
        at += 1 + len;
    }
    return 0;
}
