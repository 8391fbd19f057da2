// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/catalog/catalogsearch.h"
#include "services/catalog/catalog.h"

#include <algorithm>
#include <array>

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

/** Per query: which query positions each syllable's leading letters can consume. */
struct SyllableMoves {
    std::uint8_t count = 0;
    std::array<std::uint8_t, maxSyllable> length{};
    std::array<std::uint64_t, maxSyllable> from{};
};

struct CompiledQuery {
    int size = 0;
    std::uint64_t done = 0; // bit `size`: the whole query is matched
    std::array<std::uint64_t, 128> ascii{}; // positions holding each ASCII character
    std::vector<std::pair<char32_t, std::uint64_t>> other; // the same for Han characters
    std::vector<SyllableMoves> moves; // by syllable id

    std::uint64_t positionsOf(char32_t c) const
    {
        if (c < 128)
            return ascii[c];
        for (const auto &[ch, mask] : other) {
            if (ch == c)
                return mask;
        }
        return 0;
    }
};

CompiledQuery compile(const std::u32string &q)
{
    CompiledQuery cq;
    cq.size = int(std::min<std::size_t>(q.size(), maxQuery));
    cq.done = std::uint64_t(1) << cq.size;
    std::uint32_t letters = 0;
    for (int i = 0; i < cq.size; ++i) {
        const char32_t c = q[std::size_t(i)];
        const std::uint64_t bit = std::uint64_t(1) << i;
        if (c < 128) {
            cq.ascii[c] |= bit;
            if (c >= 'a' && c <= 'z')
                letters |= 1u << (c - 'a');
        } else {
            auto it = std::find_if(cq.other.begin(), cq.other.end(), [c](const auto &p) { return p.first == c; });
            if (it == cq.other.end())
                cq.other.emplace_back(c, bit);
            else
                it->second |= bit;
        }
    }
    cq.moves.resize(std::size_t(pinyin::syllableCount()));
    if (letters == 0)
        return cq;
    for (int s = 0; s < pinyin::syllableCount(); ++s) {
        const std::string_view syl = pinyin::syllable(pinyin::SyllableId(s));
        if (!(letters & (1u << (syl[0] - 'a'))))
            continue;
        std::array<std::uint64_t, maxSyllable + 1> byLength{};
        for (int i = 0; i < cq.size; ++i) {
            for (int len = 0; len < int(syl.size()) && i + len < cq.size && q[std::size_t(i + len)] == char32_t(syl[std::size_t(len)]); ++len)
                byLength[std::size_t(len + 1)] |= std::uint64_t(1) << i;
        }
        SyllableMoves &m = cq.moves[std::size_t(s)];
        for (int len = 1; len <= maxSyllable; ++len) {
            if (byLength[std::size_t(len)]) {
                m.length[m.count] = std::uint8_t(len);
                m.from[m.count] = byLength[std::size_t(len)];
                ++m.count;
            }
        }
    }
    return cq;
}

} // namespace

std::u32string CatalogSearch::normalize(QStringView text)
{
    std::u32string out;
    out.reserve(std::size_t(text.size()));
    for (char32_t c : text.toUcs4()) {
        if (c >= 0xff01 && c <= 0xff5e) // full-width ASCII, as some input methods produce
            c -= 0xfee0;
        if (c >= 'A' && c <= 'Z')
            c += 'a' - 'A';
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || isHan(c))
            out.push_back(c);
    }
    return out;
}

void CatalogSearch::rebuild(const Catalog &catalog)
{
    m_units.clear();
    m_texts.clear();
    m_items.clear();
    m_items.reserve(catalog.items.size());
    auto addText = [this](const QString &text, TextKind kind, int item) {
        const std::u32string norm = normalize(text);
        if (norm.empty())
            return;
        const std::size_t n = std::min<std::size_t>(norm.size(), 0xffff);
        m_texts.push_back({std::uint32_t(m_units.size()), std::uint16_t(n), kind, item});
        for (std::size_t i = 0; i < n; ++i) {
            const auto r = kind == TextKind::Code ? std::span<const pinyin::SyllableId>() : pinyin::readings(norm[i]);
            m_units.push_back({norm[i], std::uint8_t(std::min<std::size_t>(r.size(), 255)), r.data()});
        }
    };
    for (int i = 0; i < int(catalog.items.size()); ++i) {
        const Item &item = catalog.items[std::size_t(i)];
        m_items.push_back({item.popularity, int(item.name.size())});
        addText(item.name, TextKind::Name, i);
        for (const QString &k : item.keywords)
            addText(k, TextKind::Keyword, i);
        addText(item.code, TextKind::Code, i);
    }
}

std::vector<CatalogSearch::Hit> CatalogSearch::search(QStringView query, int limit) const
{
    std::vector<Hit> hits;
    const std::u32string q = normalize(query);
    if (q.empty())
        return hits;
    const CompiledQuery cq = compile(q);

    auto step = [&cq](std::uint64_t state, const Unit &u) {
        std::uint64_t next = (state & cq.positionsOf(u.ch)) << 1;
        for (int r = 0; r < u.readingCount; ++r) {
            const SyllableMoves &m = cq.moves[u.readings[r]];
            for (int k = 0; k < m.count; ++k)
                next |= (state & m.from[std::size_t(k)]) << m.length[std::size_t(k)];
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
        const Unit *u = m_units.data() + t.firstUnit;
        const Unit *end = u + t.unitCount;
        std::uint64_t anywhere = 0; // matches that may have started at any unit
        std::uint64_t fromStart = 1; // matches that started at the first unit
        bool infix = false, prefix = false;
        for (; u != end; ++u) {
            anywhere = step(anywhere | 1, *u);
            if (fromStart) {
                fromStart = step(fromStart, *u);
                prefix |= (fromStart & cq.done) != 0;
            }
            if (anywhere & cq.done) {
                infix = true;
                if (!fromStart)
                    break; // nothing better can come from the rest of this text
            }
        }
        if (!infix)
            continue;
        const bool exact = (fromStart & cq.done) != 0;
        int rank = int(Rank::Code);
        switch (t.kind) {
        case TextKind::Name:
            rank = int(exact ? Rank::NameExact : prefix ? Rank::NamePrefix : Rank::NameInfix);
            break;
        case TextKind::Keyword:
            rank = int(exact ? Rank::KeywordExact : prefix ? Rank::KeywordPrefix : Rank::KeywordInfix);
            break;
        case TextKind::Code:
            rank = int(Rank::Code);
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
    return m_units.capacity() * sizeof(Unit) + m_texts.capacity() * sizeof(Text)
        + m_items.capacity() * sizeof(ItemInfo);
}

} // namespace kiosk::catalog
