// SPDX-License-Identifier: GPL-3.0-or-later
#include "pagebreaks.h"

#include <algorithm>

namespace kiosk {

std::vector<PageRange> breakIntoPages(std::span<const Span> spans, qreal viewport)
{
    std::vector<Span> rows(spans.begin(), spans.end());
    std::erase_if(rows, [](const Span &s) { return s.bottom <= s.top; });
    std::sort(rows.begin(), rows.end(), [](const Span &a, const Span &b) { return a.top < b.top; });

    // Side by side is one row: merge spans that overlap vertically, and a heading with what
    // follows it.
    std::vector<Span> merged;
    for (const Span &s : rows) {
        // A heading joins what follows only where the two fit on a page together.
        const bool keep = !merged.empty() && merged.back().keepWithNext && std::max(merged.back().bottom, s.bottom) - merged.back().top <= viewport + 0.5;
        if (!merged.empty() && (s.top < merged.back().bottom - 0.5 || keep)) {
            Span &m = merged.back();
            m.bottom = std::max(m.bottom, s.bottom);
            m.keepWithNext = s.keepWithNext;
            if (m.group != s.group) { // a row that straddles two groups continues neither
                m.group = -1;
                m.repeatHeight = 0;
            }
        } else {
            merged.push_back(s);
        }
    }

    std::vector<PageRange> pages;
    if (merged.empty() || viewport <= 0) {
        pages.push_back({0, merged.empty() ? 0 : merged.back().bottom, false});
        return pages;
    }
    // The first page starts at the top of the content, so leading padding stays on it.
    qreal top = std::min<qreal>(0, merged.front().top);
    std::size_t i = 0;
    while (i < merged.size()) {
        // A page beginning inside a table shows its heading again, when there is room for it.
        const Span &first = merged[i];
        const bool continued = first.group >= 0 && !first.groupStart && first.repeatHeight > 0 && first.repeatHeight < viewport / 2;
        const qreal room = continued ? viewport - first.repeatHeight : viewport;
        const int group = continued ? first.group : -1;
        const qreal repeat = continued ? first.repeatHeight : 0;
        if (merged[i].bottom - top > room + 0.5) {
            if (pages.empty() && top < merged[i].top) {
                // The content's own top padding is what does not fit: start at the row instead.
                top = merged[i].top;
                continue;
            }
            // Taller than a whole page: alone, and cut.
            pages.push_back({top, top + room, true, group, repeat});
            ++i;
        } else {
            std::size_t last = i;
            while (last + 1 < merged.size() && merged[last + 1].bottom - top <= room + 0.5)
                ++last;
            pages.push_back({top, merged[last].bottom, false, group, repeat});
            i = last + 1;
        }
        if (i < merged.size())
            top = merged[i].top;
    }
    return pages;
}

} // namespace kiosk
