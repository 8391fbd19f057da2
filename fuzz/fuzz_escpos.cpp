// SPDX-License-Identifier: GPL-3.0-or-later
// The ESC/POS stream as the simulated printer decodes it, and the driver's safe-break finder:
// both read whatever bytes a caller hands to print.
#include "devices/printer/escposencoder.h"
#include "devices/simulator/escposdecoder.h"

#include <cstddef>
#include <cstdint>

using namespace kiosk::devices;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView job(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto breaks = printer::escposSafeBreaks(job);
    qsizetype last = 0;
    for (qsizetype b : breaks) {
        if (b <= last && !(b == 0 && size == 0))
            __builtin_trap();
        last = b;
    }
    if (breaks.back() != qsizetype(size))
        __builtin_trap();

    sim::EscPosDecoder decoder;
    int cuts = 0;
    decoder.onCut = [&](const sim::PrintedReceipt &r) { cuts += r.cut ? 1 : 0; };
    // Fed in two pieces at an input-chosen point: commands may be split anywhere.
    const std::size_t split = size ? data[0] % (size + 1) : 0;
    decoder.feed(std::span(data, split));
    decoder.feed(std::span(data + split, size - split));
    for (const auto &e : decoder.current().elements)
        [[maybe_unused]] const int h = e.heightDots();
    return 0;
}
