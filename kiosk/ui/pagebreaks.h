// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <span>
#include <vector>

namespace kiosk {

/** What must stay together on one page (a row, a card, a line of text), in content coordinates. */
struct Span {
    qreal top = 0;
    qreal bottom = 0;
    bool keepWithNext = false; ///< a heading: never the last thing on a page
    /** A table's rows: a page that begins inside group @c group (after its first span) shows
     *  the group's heading again above its rows, @c repeatHeight tall. -1: in no group. */
    int group = -1;
    qreal repeatHeight = 0;
    bool groupStart = false; ///< the group's first span (its own heading): nothing repeated
};

/** One page: the part of the content from @c top to @c bottom, holding only whole spans. */
struct PageRange {
    qreal top = 0;
    qreal bottom = 0;
    bool cut = false; ///< a single span taller than the viewport; it cannot be shown whole
    /** The group this page continues: its heading is shown again above the page, which holds
     *  @c repeatHeight less content. -1: none. */
    int continues = -1;
    qreal repeatHeight = 0;
};

/**
 * Pages of at most @p viewport height holding only whole spans: a page ends at the bottom of the
 * last span that fits, the next begins at the top of the first that did not. Spans that overlap
 * vertically (two columns of a grid row) are one row and stay together. A span taller than the
 * viewport gets a page to itself, marked cut. A span kept with the next (a heading) goes onto the
 * page of what follows it, where the two fit on one page. A page that begins in the middle of a
 * group (a table continued) leaves room for the group's heading above it. Always at least one page.
 */
[[nodiscard]] std::vector<PageRange> breakIntoPages(std::span<const Span> spans, qreal viewport);

} // namespace kiosk
