// SPDX-License-Identifier: GPL-3.0-or-later
// SAM frames from a reader: whole-frame parsing (response and request), the stream assembler fed
// in pieces, and the read payload. Anything may come back as an error, nothing may crash.
#include "devices/idcard/samframe.h"

#include <cstddef>
#include <cstdint>

using namespace kiosk::devices::idcard;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::span<const std::uint8_t> bytes(data, size);
    const auto response = parseResponse(bytes);
    if (response.ok()) {
        // A parsed frame rebuilds to the same bytes when SW1 SW2 are 00 00.
        if (response.value->sw1 == 0 && response.value->sw2 == 0
            && buildResponse(response.value->sw3, bytesOf(response.value->payload)) != QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)))
            __builtin_trap();
        [[maybe_unused]] const auto payload = parseReadPayload(bytesOf(response.value->payload));
        [[maybe_unused]] const QString name = statusName(response.value->sw3);
    }
    [[maybe_unused]] const auto request = parseRequest(bytes);
    // The assembler, fed in pieces whose sizes come from the input itself.
    FrameAssembler assembler;
    std::size_t at = 0;
    while (at < size && assembler.state() == FrameAssembler::State::NeedMore) {
        const std::size_t piece = 1 + data[at] % 64;
        assembler.feed(bytes.subspan(at, std::min(piece, size - at)));
        at += piece;
    }
    if (assembler.state() == FrameAssembler::State::Complete) {
        const QByteArray &f = assembler.frame();
        if (f.size() < qsizetype(kHeaderSize) || std::uint8_t(f[0]) != 0xAA)
            __builtin_trap();
        [[maybe_unused]] const auto parsed = parseResponse(bytesOf(f));
    }
    return 0;
}
