// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

/**
 * Toneless pinyin readings of Han characters, compiled at build time from Unicode's Unihan data.
 * A syllable is identified by a small integer; a character has one or more readings, the most
 * customary first.
 */
namespace kiosk::pinyin {

using SyllableId = std::uint16_t;

/** All readings of @p c (e.g. 行 → xing, hang, heng); empty when @p c is not a Han character. */
[[nodiscard]] std::span<const SyllableId> readings(char32_t c);

/** The syllable's letters, e.g. "zhuang". */
[[nodiscard]] std::string_view syllable(SyllableId id);

/** Number of distinct toneless syllables (about 410). */
[[nodiscard]] int syllableCount();

/** Number of characters that have readings. */
[[nodiscard]] int characterCount();

} // namespace kiosk::pinyin
