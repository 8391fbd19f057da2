// SPDX-License-Identifier: GPL-3.0-or-later
// Private: the layout of the table pinyingen generates at build time.
#pragma once

#include <cstdint>

namespace kiosk::pinyin::table {

struct CharEntry {
    std::uint32_t codePoint;
    std::uint32_t first;
    std::uint8_t count;
};

extern const int syllableCount;
extern const char *const syllables[];
extern const int charCount;
extern const CharEntry chars[];
extern const std::uint16_t readingPool[];

} // namespace kiosk::pinyin::table
