// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "services/pinyin/pinyin.h"

#include <QStringView>

#include <cstdint>
#include <string>
#include <vector>

namespace kiosk::catalog {

class Catalog;

/**
 * Finds catalog items as residents type: Chinese characters (养老), full pinyin (shebaojiaofei),
 * pinyin initials (sbjf), or any mix (社保jf, shebjf). Each character of an item's name and keywords
 * may be matched by itself or by any leading part of any of its readings, so polyphonic characters
 * are found under every reading ("yh" → 银行, "cq" → 长期). An item's English name is matched
 * literally, from the start of any of its words ("pension", "proof of soc"), so that pinyin
 * initials do not turn up in the middle of English words.
 *
 * Matching runs a bit-parallel automaton over the query (bit i = "the first i query characters are
 * matched"), so a keystroke costs one pass over the index with a few word operations per character.
 *
 * Ranking, best first: whole name equals the query; name starts with it; a keyword equals it; a
 * keyword starts with it; found inside the name; inside a keyword; the item code. The English
 * name ranks like the name: equal, starts with the query, or one of its words does. Ties go to the
 * more popular item, then the shorter name, then catalog order.
 *
 * Built once per catalog; search() is const and may run on any thread.
 */
class CatalogSearch
{
public:
    enum class Rank : std::uint8_t {
        NameExact,
        NamePrefix,
        KeywordExact,
        KeywordPrefix,
        NameInfix,
        KeywordInfix,
        Code,
    };
    struct Hit {
        int item; ///< index into Catalog::items
        Rank rank;
    };

    CatalogSearch() = default;
    explicit CatalogSearch(const Catalog &catalog) { rebuild(catalog); }

    void rebuild(const Catalog &catalog);

    /** Items matching @p query, best first, at most @p limit (all when negative). */
    [[nodiscard]] std::vector<Hit> search(QStringView query, int limit = -1) const;

    /** The query as the matcher sees it: lower-case letters, digits and Han, nothing else. */
    [[nodiscard]] static std::u32string normalize(QStringView text);

    [[nodiscard]] std::size_t memoryUsed() const;

private:
    enum class TextKind : std::uint8_t { Name, EnglishName, Keyword, Code };
    /** In an English name's units: a word starts here (a match may begin only at such a unit). */
    static constexpr std::uint32_t wordStart = 0x8000'0000u;
    struct Text {
        std::uint64_t signature; ///< letters, digits and (hashed) Han characters the text can match
        std::uint32_t firstUnit;
        std::uint16_t unitCount;
        TextKind kind;
        std::int32_t item;
    };
    struct ItemInfo {
        int popularity;
        int nameLength;
    };
    struct Glyph {
        char32_t ch;
        bool literalOnly; ///< in an item code: matched by itself, not by its readings
    };

    /** Distinct characters of the catalog; a unit is an index into this. */
    std::vector<Glyph> m_glyphs;
    std::vector<std::uint32_t> m_units;
    std::vector<Text> m_texts;
    std::vector<ItemInfo> m_items;
};

} // namespace kiosk::catalog
