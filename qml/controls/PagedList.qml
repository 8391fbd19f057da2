// SPDX-License-Identifier: GPL-3.0-or-later
// A list of equal rows (one or more columns) shown a page at a time: a page holds only whole
// rows, and the count follows the list. A swipe also turns the page. The delegate is
// `cellWidth - Theme.spacing` wide and `rowHeight` tall.
import QtQuick
import Kiosk

Item {
    id: root

    property alias model: grid.model
    property alias delegate: grid.delegate
    readonly property alias count: grid.count
    readonly property alias view: grid
    property string emptyText
    property int columns: 1
    /** Every row's height; the owner sizes it for the longest entry. */
    property real rowHeight: Theme.touchTarget + Theme.spacing
    property int page: 0
    /** Without the pager only the first page shows (home's most used, with "More" beside it). */
    property bool pagerShown: true

    readonly property real step: rowHeight + Theme.spacing
    readonly property int rows: Math.ceil(grid.count / columns)
    // At least one row when paging (the pager turns it); none when the rows that fit are all.
    readonly property int rowsWithoutPager: Math.max(pagerShown ? 1 : 0, Math.floor((height + Theme.spacing) / step))
    readonly property int rowsPerPage: rows <= rowsWithoutPager || !pagerShown ? rowsWithoutPager
                                                                : Math.max(1, Math.floor((height - Theme.touchTarget) / step))
    readonly property int pageCount: pagerShown ? Math.max(1, Math.ceil(rows / Math.max(1, rowsPerPage))) : 1

    function showPage(p: int) {
        page = Math.max(0, Math.min(pageCount - 1, p))
        grid.contentY = page * rowsPerPage * step
    }

    onPageCountChanged: showPage(page)
    onRowsPerPageChanged: showPage(page)
    // A new list starts at its first page.
    onCountChanged: showPage(0)

    GridView {
        id: grid
        anchors.left: parent.left
        anchors.top: parent.top
        width: root.width + Theme.spacing
        height: Math.max(0, root.rowsPerPage * root.step - Theme.spacing)
        cellWidth: width / root.columns
        cellHeight: root.step
        clip: true
        interactive: root.pageCount > 1
        boundsBehavior: Flickable.StopAtBounds
        reuseItems: true
        onMovementEnded: {
            const top = root.page * root.rowsPerPage * root.step
            if (contentY > top + 48)
                root.showPage(root.page + 1)
            else if (contentY < top - 48)
                root.showPage(root.page - 1)
            else
                root.showPage(root.page)
        }
    }

    Text {
        textFormat: Text.PlainText
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.topMargin: Theme.margin
        visible: grid.count === 0 && root.emptyText.length > 0
        text: root.emptyText
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontLarge
        color: Theme.textSecondary
    }

    PagerBar {
        anchors.bottom: parent.bottom
        anchors.horizontalCenter: parent.horizontalCenter
        page: root.page + 1
        pageCount: root.pageCount
        onPrevious: root.showPage(root.page - 1)
        onNext: root.showPage(root.page + 1)
    }
}
