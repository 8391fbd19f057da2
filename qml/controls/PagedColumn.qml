// SPDX-License-Identifier: GPL-3.0-or-later
// A column of content shown a page at a time, each page holding only whole rows, cards and
// lines (WholePages counts them): nothing is cut at the bottom, and the count stays right when
// the content grows. A swipe also turns the page. What must always be in view (the page's
// primary action) does not belong in here. A table (a block with a repeatHeading height) that
// goes on over pages gets its heading again at the top of each later page: continuedHeading,
// made for the table numbered continuedGroup.
import QtQuick
import QtQuick.Layouts
import Kiosk

Item {
    id: root

    default property alias content: column.data
    property alias spacing: column.spacing
    readonly property alias pages: pages
    /** What shows the current page (for tests: whether an item is in view). */
    readonly property alias viewport: flick
    /** The pager at the right of the content (‹ 1/3 ›) rather than below it: small areas. */
    property bool pagerBeside: false
    /** Shown above a page that continues a table (continuedGroup: which one, from 0); it fills
     *  the room the page left for it. */
    property alias continuedHeading: heading.data
    readonly property alias continuedGroup: pages.continuedGroup

    function showItem(item: Item) { pages.showItem(item) }
    function first() { pages.first() }

    Item {
        id: heading
        objectName: "continuedHeading"
        anchors.left: flick.left
        anchors.right: flick.right
        anchors.top: parent.top
        // Exactly the room the page left for it.
        visible: pages.continuedGroup >= 0 && children.length > 0
        height: visible ? pages.continuedHeight : 0
    }

    Flickable {
        id: flick
        anchors.left: parent.left
        anchors.right: root.pagerBeside && pages.paged ? pager.left : parent.right
        anchors.rightMargin: root.pagerBeside && pages.paged ? Theme.targetGap : 0
        anchors.top: heading.bottom
        // Only whole items: the view ends where the page's last whole item ends.
        height: Math.min(pages.pageHeight, root.height - heading.height)
        contentHeight: column.implicitHeight
        clip: true
        interactive: pages.paged
        boundsBehavior: Flickable.StopAtBounds
        onMovementEnded: pages.settle(contentY)

        ColumnLayout {
            id: column
            width: flick.width
            spacing: Theme.spacing * 1.5
        }
    }

    WholePages {
        id: pages
        content: column
        viewportHeight: root.height
        pagerHeight: root.pagerBeside ? 0 : Theme.touchTarget + Theme.spacing
        onPagesChanged: flick.contentY = pageTop
    }

    PagerBar {
        id: pager
        anchors.bottom: root.pagerBeside ? undefined : parent.bottom
        anchors.top: root.pagerBeside ? parent.top : undefined
        anchors.right: root.pagerBeside ? parent.right : undefined
        anchors.horizontalCenter: root.pagerBeside ? undefined : parent.horizontalCenter
        compact: root.pagerBeside
        page: pages.page + 1
        pageCount: pages.pageCount
        onPrevious: pages.previous()
        onNext: pages.next()
    }
}
