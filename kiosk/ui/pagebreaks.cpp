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
            merged.back().bottom = std::max(merged.back().bottom, s.bottom);
            merged.back().keepWithNext = s.keepWithNext;
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
        if (merged[i].bottom - top > viewport + 0.5) {
            if (pages.empty() && top < merged[i].top) {
                // The content's own top padding is what does not fit: start at the row instead.
                top = merged[i].top;
                continue;
            }
            // Taller than a whole page: alone, and cut.
            pages.push_back({top, top + viewport, true});
            ++i;
        } else {
            std::size_t last = i;
            while (last + 1 < merged.size() && merged[last + 1].bottom - top <= viewport + 0.5)
                ++last;
            pages.push_back({top, merged[last].bottom, false});
            i = last + 1;
        }
        if (i < merged.size())
            top = merged[i].top;
    }
    return pages;
}

} // namespace kiosk
