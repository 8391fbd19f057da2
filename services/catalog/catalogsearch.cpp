// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/catalog/catalogsearch.h"
#include "services/catalog/catalog.h"

#include <QHash>

#include <algorithm>
#include <array>
#include <bit>

namespace kiosk::catalog {

namespace {

// A query longer than this is cut: the automaton keeps one bit per query position in a word.
constexpr int maxQuery = 63;
// The longest toneless syllable ("zhuang", "shuang") has six letters.
constexpr int maxSyllable = 6;

bool isHan(char32_t c)
{
    return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x3134f)
        || c == 0x3007; // 〇
}

/**
 * A text's signature: what it can possibly match. Bits 0–25: letters that occur anywhere in the
 * readings of its characters (or literally); 26–35: digits; 36–63: its Han characters, hashed.
 * A query whose own signature is not contained in a text's cannot match it — a one-word test
 * that skips most of the index once two or three letters are typed.
 */
std::uint64_t signatureOf(char32_t c)
{
    if (c >= 'a' && c <= 'z')
        return std::uint64_t(1) << (c - 'a');
    if (c >= '0' && c <= '9')
        return std::uint64_t(1) << (26 + c - '0');
    return std::uint64_t(1) << (36 + (c * 2654435761u >> 7) % 28);
}

/** How one character moves the automaton: for each length L, the positions it can advance by L. */
struct GlyphMoves {
    std::uint8_t lengths = 0; ///< bit L set when from[L] is not empty
    std::array<std::uint64_t, maxSyllable + 1> from{};
};

/** @p c as the matcher sees it, or 0 when it is not matched at all (spaces, punctuation). */
char32_t folded(char32_t c)
{
    if (c >= 0xff01 && c <= 0xff5e) // full-width ASCII, as some input methods produce
        c -= 0xfee0;
    if (c >= 'A' && c <= 'Z')
        c += 'a' - 'A';
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || isHan(c) ? c : 0;
}

} // namespace

std::u32string CatalogSearch::normalize(QStringView text)
{
    std::u32string out;
    out.reserve(std::size_t(text.size()));
    for (char32_t c : text.toUcs4()) {
        if (const char32_t f = folded(c))
            out.push_back(f);
    }
    return out;
}

void CatalogSearch::rebuild(const Catalog &catalog)
{
    m_glyphs.clear();
    m_units.clear();
    m_texts.clear();
    m_items.clear();
    m_items.reserve(catalog.items.size());
    QHash<quint64, std::uint32_t> glyphIds;
    auto addText = [&](const QString &text, TextKind kind, int item) {
        const std::u32string norm = normalize(text);
        if (norm.empty())
            return;
        // Where the words of an English name start, counted in normalized characters.
        std::vector<bool> starts;
        if (kind == TextKind::EnglishName) {
            bool inWord = false;
            for (char32_t c : text.toUcs4()) {
                if (!folded(c)) {
                    inWord = inWord && (c == U'\'' || c == U'\u2019'); // "residents'" and "child's" stay one word
                    continue;
                }
                starts.push_back(!inWord);
                inWord = true;
            }
        }
        const std::size_t n = std::min<std::size_t>(norm.size(), 0xffff);
        Text t{0, std::uint32_t(m_units.size()), std::uint16_t(n), kind, item};
        const bool literalOnly = kind == TextKind::Code;
        for (std::size_t i = 0; i < n; ++i) {
            const char32_t c = norm[i];
            const quint64 key = (quint64(c) << 1) | quint64(literalOnly);
            auto it = glyphIds.constFind(key);
            if (it == glyphIds.cend()) {
                it = glyphIds.insert(key, std::uint32_t(m_glyphs.size()));
                m_glyphs.push_back({c, literalOnly});
            }
            m_units.push_back(*it | (i < starts.size() && starts[i] ? wordStart : 0));
            t.signature |= signatureOf(c);
            if (!literalOnly) {
                for (auto r : pinyin::readings(c)) {
                    for (char letter : pinyin::syllable(r))
                        t.signature |= signatureOf(char32_t(letter));
                }
            }
        }
        m_texts.push_back(t);
    };
    for (int i = 0; i < int(catalog.items.size()); ++i) {
        const Item &item = catalog.items[std::size_t(i)];
        m_items.push_back({item.popularity, int(item.name.size())});
        addText(item.name, TextKind::Name, i);
        addText(item.nameEn, TextKind::EnglishName, i);
        for (const QString &k : item.keywords)
            addText(k, TextKind::Keyword, i);
        addText(item.code, TextKind::Code, i);
    }
}

std::vector<CatalogSearch::Hit> CatalogSearch::search(QStringView query, int limit) const
{
    std::vector<Hit> hits;
    std::u32string q = normalize(query);
    if (q.empty())
        return hits;
    if (q.size() > std::size_t(maxQuery))
        q.resize(maxQuery);
    const int m = int(q.size());
    const std::uint64_t done = std::uint64_t(1) << m;
    std::uint64_t querySignature = 0;
    for (char32_t c : q)
        querySignature |= signatureOf(c);

    // Per query, how each distinct character of the catalog moves the automaton: by itself
    // (one query position) and by each leading part of each of its readings. Several thousand
    // characters, a few word operations each.
    std::vector<GlyphMoves> moves(m_glyphs.size());
    for (std::size_t g = 0; g < m_glyphs.size(); ++g) {
        GlyphMoves &gm = moves[g];
        const Glyph &glyph = m_glyphs[g];
        for (int i = 0; i < m; ++i) {
            if (q[std::size_t(i)] == glyph.ch)
                gm.from[1] |= std::uint64_t(1) << i;
        }
        if (!glyph.literalOnly) {
            for (auto r : pinyin::readings(glyph.ch)) {
                const std::string_view syl = pinyin::syllable(r);
                for (int i = 0; i < m; ++i) {
                    for (int len = 0; len < int(syl.size()) && i + len < m && q[std::size_t(i + len)] == char32_t(syl[std::size_t(len)]); ++len)
                        gm.from[std::size_t(len + 1)] |= std::uint64_t(1) << i;
                }
            }
        }
        for (int len = 1; len <= maxSyllable; ++len) {
            if (gm.from[std::size_t(len)])
                gm.lengths |= std::uint8_t(1u << len);
        }
    }

    auto step = [&moves](std::uint64_t state, std::uint32_t unit) {
        const GlyphMoves &gm = moves[unit];
        std::uint64_t next = 0;
        for (unsigned lengths = gm.lengths; lengths; lengths &= lengths - 1) {
            const int len = std::countr_zero(lengths);
            next |= (state & gm.from[std::size_t(len)]) << len;
        }
        return next;
    };

    int bestItem = -1;
    int bestRank = 255;
    auto flush = [&] {
        if (bestItem >= 0 && bestRank != 255)
            hits.push_back({bestItem, Rank(bestRank)});
        bestRank = 255;
    };
    for (const Text &t : m_texts) {
        if (t.item != bestItem) {
            flush();
            bestItem = t.item;
        }
        if ((t.signature & querySignature) != querySignature)
            continue;
        const std::uint32_t *u = m_units.data() + t.firstUnit;
        const std::uint32_t *end = u + t.unitCount;
        std::uint64_t anywhere = 0; // matches that may have started at any unit
        std::uint64_t fromStart = 1; // matches that started at the first unit
        bool infix = false, prefix = false;
        const bool byWord = t.kind == TextKind::EnglishName;
        for (; u != end; ++u) {
            const std::uint32_t unit = *u & ~wordStart;
            anywhere = step(anywhere | std::uint64_t(!byWord || (*u & wordStart)), unit);
            if (fromStart) {
                fromStart = step(fromStart, unit);
                prefix |= (fromStart & done) != 0;
            }
            if (anywhere & done) {
                infix = true;
                if (!fromStart)
                    break; // nothing better can come from the rest of this text
            }
        }
        if (!infix)
            continue;
        const bool exact = (fromStart & done) != 0;
        int rank = int(Rank::Code);
        switch (t.kind) {
        case TextKind::Name:
        case TextKind::EnglishName:
            rank = int(exact ? Rank::NameExact : prefix ? Rank::NamePrefix : Rank::NameInfix);
            break;
        case TextKind::Keyword:
            rank = int(exact ? Rank::KeywordExact : prefix ? Rank::KeywordPrefix : Rank::KeywordInfix);
            break;
        case TextKind::Code:
            break;
        }
        bestRank = std::min(bestRank, rank);
    }
    flush();

    auto better = [this](const Hit &a, const Hit &b) {
        if (a.rank != b.rank)
            return a.rank < b.rank;
        const ItemInfo &ia = m_items[std::size_t(a.item)];
        const ItemInfo &ib = m_items[std::size_t(b.item)];
        if (ia.popularity != ib.popularity)
            return ia.popularity > ib.popularity;
        if (ia.nameLength != ib.nameLength)
            return ia.nameLength < ib.nameLength;
        return a.item < b.item;
    };
    if (limit >= 0 && std::size_t(limit) < hits.size()) {
        std::partial_sort(hits.begin(), hits.begin() + limit, hits.end(), better);
        hits.resize(std::size_t(limit));
    } else {
        std::sort(hits.begin(), hits.end(), better);
    }
    return hits;
}

std::size_t CatalogSearch::memoryUsed() const
{
    return m_glyphs.capacity() * sizeof(Glyph) + m_units.capacity() * sizeof(std::uint32_t)
        + m_texts.capacity() * sizeof(Text) + m_items.capacity() * sizeof(ItemInfo);
}

} // namespace kiosk::catalog
