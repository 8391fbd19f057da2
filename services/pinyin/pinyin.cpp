// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/pinyin/pinyin.h"
#include "services/pinyin/pinyintable_p.h"

#include <algorithm>

namespace kiosk::pinyin {

std::span<const SyllableId> readings(char32_t c)
{
    const auto *begin = table::chars;
    const auto *end = table::chars + table::charCount;
    const auto *it = std::lower_bound(begin, end, c, [](const table::CharEntry &e, char32_t cp) {
        return e.codePoint < cp;
    });
    if (it == end || it->codePoint != c)
        return {};
    return {table::readingPool + it->first, it->count};
}

std::string_view syllable(SyllableId id)
{
    if (id >= table::syllableCount)
        return {};
    return table::syllables[id];
}

int syllableCount()
{
    return table::syllableCount;
}

int characterCount()
{
    return table::charCount;
}

} // namespace kiosk::pinyin
