// SPDX-License-Identifier: GPL-3.0-or-later
// The card's 256-byte text block and ID-number validation. A block that parses must round-trip
// through the encoder to an equal card.
#include "devices/idcard/idcard.h"
#include "devices/idcard/idnumber.h"
#include "devices/idcard/samframe.h"

#include <cstddef>
#include <cstdint>

using namespace kiosk::devices::idcard;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::span<const std::uint8_t> bytes(data, size);
    const auto parsed = parseTextBlock(bytes);
    if (parsed.card) {
        if (size != 256 || validateIdNumber(parsed.card->idNumber) != IdNumberError::None)
            __builtin_trap();
        const auto again = parseTextBlock(bytesOf(encodeTextBlock(*parsed.card)));
        if (!again.card || !(*again.card == *parsed.card))
            __builtin_trap();
        [[maybe_unused]] const auto json = parsed.card->toJson();
    }
    // The same bytes as an ID number (Latin-1) and as UTF-16.
    const QString latin = QString::fromLatin1(reinterpret_cast<const char *>(data), qsizetype(size));
    [[maybe_unused]] const auto e1 = validateIdNumber(latin);
    [[maybe_unused]] const auto c1 = idCheckCharacter(QStringView(latin).left(17));
    const QString utf16 = QString::fromUtf16(reinterpret_cast<const char16_t *>(data), qsizetype(size / 2));
    [[maybe_unused]] const auto e2 = validateIdNumber(utf16);
    [[maybe_unused]] const QString nation = nationName(QStringView(utf16).left(2));
    return 0;
}
