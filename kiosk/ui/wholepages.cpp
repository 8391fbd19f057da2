// SPDX-License-Identifier: GPL-3.0-or-later
#include "wholepages.h"

#include <QQuickItem>

#include <algorithm>

namespace kiosk {

namespace {

constexpr int maxDepth = 8;

/** Layouts, positioners, loaders and plain items only arrange what is in them: their children
 * are the blocks. Anything else (a card, a button, a text, an image) is one block. */
bool arranges(const QQuickItem *item)
{
    return item->inherits("QQuickLayout") || item->inherits("QQuickBasePositioner") || item->inherits("QQuickLoader")
            || qstrcmp(item->metaObject()->className(), "QQuickItem") == 0;
}

bool shown(const QQuickItem *item)
{
    return item->isVisible() && item->opacity() > 0 && item->height() > 0 && item->width() > 0;
}

} // namespace

WholePages::WholePages(QQuickItem *parent)
    : QQuickItem(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &WholePages::recount);
}

WholePages::~WholePages()
{
    for (const auto &c : std::as_const(m_watched))
        disconnect(c);
}

QQuickItem *WholePages::content() const
{
    return m_content;
}

void WholePages::setContent(QQuickItem *content)
{
    if (m_content == content)
        return;
    m_content = content;
    m_page = 0;
    Q_EMIT contentChanged();
    schedule();
}

void WholePages::setViewportHeight(qreal height)
{
    if (qFuzzyCompare(m_viewport, height))
        return;
    m_viewport = height;
    Q_EMIT viewportHeightChanged();
    schedule();
}

void WholePages::setPagerHeight(qreal height)
{
    if (qFuzzyCompare(m_pagerHeight, height))
        return;
    m_pagerHeight = height;
    Q_EMIT pagerHeightChanged();
    schedule();
}

qreal WholePages::pageTop() const
{
    return m_pages.at(std::size_t(m_page)).top;
}

qreal WholePages::pageHeight() const
{
    const PageRange &p = m_pages.at(std::size_t(m_page));
    return std::max<qreal>(0, p.bottom - p.top);
}

void WholePages::schedule()
{
    // In the window's polish phase (layouts have placed things by then, and polishing repeats
    // until nothing asks again), so no frame shows stale pages; and on the next turn of the event
    // loop too, for a window that is not drawing (hidden, or under test).
    m_dirty = true;
    if (window())
        polish();
    m_timer.start();
}

void WholePages::updatePolish()
{
    // Whichever comes first counts; the other finds nothing to do.
    if (m_dirty)
        recount();
}

void WholePages::collect(QQuickItem *item, std::vector<Span> &spans, int depth, int group, qreal repeat)
{
    const qreal viewport = std::max<qreal>(1, m_viewport - m_pagerHeight);
    const auto children = item->childItems();
    for (QQuickItem *child : children) {
        // Any change in where or whether a block shows counts the pages again.
        m_watched << connect(child, &QQuickItem::heightChanged, this, &WholePages::schedule)
                  << connect(child, &QQuickItem::yChanged, this, &WholePages::schedule)
                  << connect(child, &QQuickItem::visibleChanged, this, &WholePages::schedule);
        if (!shown(child))
            continue;
        int childGroup = group;
        qreal childRepeat = repeat;
        if (const qreal heading = child->property("repeatHeading").toReal(); heading > 0 && group < 0) {
            // (A heading that grows grows the table too: its heightChanged counts again.)
            childGroup = m_groups++;
            childRepeat = heading;
        }
        const QRectF r = child->mapRectToItem(m_content, QRectF(0, 0, child->width(), child->height()));
        if (arranges(child) && depth < maxDepth) {
            const std::size_t before = spans.size();
            collect(child, spans, depth + 1, childGroup, childRepeat);
            if (spans.size() > before)
                continue;
        } else if (r.height() > viewport + 0.5 && depth < maxDepth) {
            // A text too long for one page breaks between its lines.
            const int lines = child->property("lineCount").toInt();
            if (lines > 1 && child->inherits("QQuickText")) {
                const qreal textHeight = child->property("contentHeight").toReal();
                const qreal lineHeight = textHeight / lines;
                const qreal top = r.top() + child->property("topPadding").toReal();
                for (int l = 0; l < lines; ++l)
                    spans.push_back({top + l * lineHeight, top + (l + 1) * lineHeight, false, childGroup, childRepeat});
                continue;
            }
            // A card too tall for one page breaks at its own children.
            const std::size_t before = spans.size();
            collect(child, spans, depth + 1, childGroup, childRepeat);
            if (spans.size() > before)
                continue;
        }
        spans.push_back({r.top(), r.bottom(), child->property("keepWithNext").toBool(), childGroup, childRepeat});
    }
}

void WholePages::recount()
{
    m_timer.stop();
    m_dirty = false;
    for (const auto &c : std::as_const(m_watched))
        disconnect(c);
    m_watched.clear();

    const qreal anchor = pageTop();
    std::vector<PageRange> pages;
    if (m_content) {
        m_watched << connect(m_content, &QQuickItem::heightChanged, this, &WholePages::schedule)
                  << connect(m_content, &QQuickItem::widthChanged, this, &WholePages::schedule)
                  << connect(m_content, &QQuickItem::childrenChanged, this, &WholePages::schedule);
        std::vector<Span> spans;
        m_groups = 0;
        collect(m_content, spans, 0, -1, 0);
        // A table's first span (its title) begins it: a page starting there repeats nothing.
        for (int g = 0; g < m_groups; ++g) {
            Span *first = nullptr;
            for (Span &s : spans) {
                if (s.group == g && (!first || s.top < first->top))
                    first = &s;
            }
            if (first)
                first->groupStart = true;
        }
        qreal bottom = 0;
        for (const Span &s : spans)
            bottom = std::max(bottom, s.bottom);
        // All of it on one page when it fits without the pager; otherwise the pager takes room.
        if (bottom <= m_viewport + 0.5)
            pages = breakIntoPages(spans, m_viewport);
        else
            pages = breakIntoPages(spans, std::max<qreal>(1, m_viewport - m_pagerHeight));
    }
    if (pages.empty())
        pages.push_back({});

    // Stay on the page that shows what the current page began with.
    int page = 0;
    for (std::size_t i = 0; i < pages.size(); ++i) {
        if (pages[i].top <= anchor + 0.5)
            page = int(i);
    }
    const bool same = pages.size() == m_pages.size() && page == m_page
            && std::equal(pages.begin(), pages.end(), m_pages.begin(), [](const PageRange &a, const PageRange &b) {
                   return qFuzzyCompare(a.top + 1, b.top + 1) && qFuzzyCompare(a.bottom + 1, b.bottom + 1) && a.continues == b.continues
                           && qFuzzyCompare(a.repeatHeight + 1, b.repeatHeight + 1);
               });
    m_pages = std::move(pages);
    m_page = page;
    if (!same)
        Q_EMIT pagesChanged();
}

void WholePages::setPage(int page)
{
    page = std::clamp(page, 0, pageCount() - 1);
    if (page == m_page)
        return;
    m_page = page;
    Q_EMIT pagesChanged();
}

void WholePages::next()
{
    setPage(m_page + 1);
}

void WholePages::previous()
{
    setPage(m_page - 1);
}

void WholePages::first()
{
    setPage(0);
}

void WholePages::showItem(QQuickItem *item)
{
    if (!item || !m_content)
        return;
    recount();
    const qreal top = item->mapRectToItem(m_content, QRectF(0, 0, item->width(), item->height())).top();
    int page = 0;
    for (std::size_t i = 0; i < m_pages.size(); ++i) {
        if (m_pages[i].top <= top + 0.5)
            page = int(i);
    }
    setPage(page);
}

void WholePages::settle(qreal contentY)
{
    const qreal threshold = 48;
    if (contentY > pageTop() + threshold)
        setPage(m_page + 1);
    else if (contentY < pageTop() - threshold)
        setPage(m_page - 1);
    Q_EMIT pagesChanged(); // the view goes back to the page's top even when the page is the same
}

} // namespace kiosk
