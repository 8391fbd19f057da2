// SPDX-License-Identifier: GPL-3.0-or-later
// A list that scrolls by touch and also pages with two large buttons.
import QtQuick
import Kiosk

Item {
    id: root

    property alias model: list.model
    property alias delegate: list.delegate
    property alias count: list.count
    property alias view: list
    property string emptyText
    // Compared with the whole height, not the list's, so showing the pager cannot feed back.
    readonly property bool paged: list.contentHeight > root.height

    ListView {
        id: list
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: pager.top
        anchors.bottomMargin: root.paged ? Theme.spacing : 0
        clip: true
        spacing: Theme.spacing
        boundsBehavior: Flickable.StopAtBounds
        reuseItems: true
    }

    Text {
        anchors.centerIn: list
        width: list.width - 2 * Theme.margin
        visible: list.count === 0 && root.emptyText.length > 0
        text: root.emptyText
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontLarge
        color: Theme.textSecondary
    }

    PagerBar {
        id: pager
        anchors.bottom: parent.bottom
        anchors.horizontalCenter: parent.horizontalCenter
        target: list
        needed: root.paged
    }
}
