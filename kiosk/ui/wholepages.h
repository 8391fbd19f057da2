// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pagebreaks.h"

#include <QList>
#include <QPointer>
#include <QQuickItem>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include <vector>


namespace kiosk {

/**
 * Pages a column of content by whole items: every page holds only whole rows, cards, sections
 * and lines of text, so nothing a resident needs is cut at the bottom of the screen. The blocks
 * are the visible children of @c content; one taller than a page is broken at its own children,
 * a long text at its lines. A block with a property @c repeatHeading (a height > 0) is a table:
 * a page that begins among its rows leaves that much room above them for its heading, shown
 * again there by the QML page (continuedGroup). Pages are counted again whenever the content changes (an error
 * appears, a card grows), staying on the page that showed the same content.
 *
 * A QML page shows content from @c pageTop for @c pageHeight pixels and lets the pager call
 * next() and previous(). The pages are counted in the window's polish phase, after the layouts
 * have placed the content and before the frame is drawn, so no frame shows a stale page.
 */
class WholePages : public QQuickItem
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QQuickItem *content READ content WRITE setContent NOTIFY contentChanged)
    /** The height there is for the content, pager included. */
    Q_PROPERTY(qreal viewportHeight READ viewportHeight WRITE setViewportHeight NOTIFY viewportHeightChanged)
    /** Taken from the viewport for the pager, when the content needs more than one page. */
    Q_PROPERTY(qreal pagerHeight READ pagerHeight WRITE setPagerHeight NOTIFY pagerHeightChanged)
    Q_PROPERTY(int page READ page NOTIFY pagesChanged)
    Q_PROPERTY(int pageCount READ pageCount NOTIFY pagesChanged)
    Q_PROPERTY(qreal pageTop READ pageTop NOTIFY pagesChanged)
    Q_PROPERTY(qreal pageHeight READ pageHeight NOTIFY pagesChanged)
    Q_PROPERTY(bool paged READ paged NOTIFY pagesChanged)
    /** The table the page shown continues (the n-th block marked @c repeatHeading, from 0), or
     *  -1: its heading is to be shown again above the page, @c continuedHeight tall. */
    Q_PROPERTY(int continuedGroup READ continuedGroup NOTIFY pagesChanged)
    Q_PROPERTY(qreal continuedHeight READ continuedHeight NOTIFY pagesChanged)

public:
    explicit WholePages(QQuickItem *parent = nullptr);
    ~WholePages() override;

    QQuickItem *content() const;
    void setContent(QQuickItem *content);
    qreal viewportHeight() const { return m_viewport; }
    void setViewportHeight(qreal height);
    qreal pagerHeight() const { return m_pagerHeight; }
    void setPagerHeight(qreal height);

    int page() const { return m_page; }
    int pageCount() const { return int(m_pages.size()); }
    qreal pageTop() const;
    qreal pageHeight() const;
    bool paged() const { return m_pages.size() > 1; }
    int continuedGroup() const { return m_pages.at(std::size_t(m_page)).continues; }
    qreal continuedHeight() const { return m_pages.at(std::size_t(m_page)).repeatHeight; }

    Q_INVOKABLE void next();
    Q_INVOKABLE void previous();
    Q_INVOKABLE void first();
    /** The page on which @p item begins. */
    Q_INVOKABLE void showItem(QQuickItem *item);
    /** After a swipe that left the content at @p contentY: the page it was moved towards. */
    Q_INVOKABLE void settle(qreal contentY);
    /** Counts the pages now rather than on the next turn of the event loop (tests). */
    Q_INVOKABLE void recount();

Q_SIGNALS:
    void contentChanged();
    void viewportHeightChanged();
    void pagerHeightChanged();
    void pagesChanged();

protected:
    void updatePolish() override;

private:
    void schedule();
    void collect(QQuickItem *item, std::vector<Span> &spans, int depth, int group, qreal repeat);
    void setPage(int page);

    QPointer<QQuickItem> m_content;
    qreal m_viewport = 0;
    qreal m_pagerHeight = 0;
    std::vector<PageRange> m_pages{PageRange{}};
    int m_page = 0;
    QTimer m_timer;
    bool m_dirty = false; ///< asked to count again since the last count
    QList<QMetaObject::Connection> m_watched;
    int m_groups = 0; ///< blocks marked repeatHeading met while counting
};

} // namespace kiosk
