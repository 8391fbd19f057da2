// SPDX-License-Identifier: GPL-3.0-or-later
// A list that scrolls by touch and also pages with two large buttons, showing "page 2 of 9":
// older residents often find flicking hard, and a page count tells them how much there is.
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
    readonly property int pageCount: Math.max(1, Math.ceil(list.contentHeight / Math.max(1, list.height)))
    readonly property int page: Math.min(pageCount, 1 + Math.round(list.contentY / Math.max(1, list.height)))

    function pageDown() {
        list.contentY = Math.min(list.contentY + list.height - Theme.spacing,
                                 Math.max(0, list.contentHeight - list.height))
    }
    function pageUp() {
        list.contentY = Math.max(0, list.contentY - list.height + Theme.spacing)
    }

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

    Row {
        id: pager
        anchors.bottom: parent.bottom
        anchors.horizontalCenter: parent.horizontalCenter
        spacing: Theme.spacing * 2
        visible: root.paged
        height: visible ? Theme.touchTarget : 0

        KioskButton {
            objectName: "pageUpButton"
            text: qsTr("Previous page")
            enabled: list.contentY > 1
            onClicked: root.pageUp()
        }
        Text {
            anchors.verticalCenter: parent.verticalCenter
            text: qsTr("Page %1 of %2").arg(root.page).arg(root.pageCount)
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontBody
            color: Theme.textPrimary
        }
        KioskButton {
            objectName: "pageDownButton"
            text: qsTr("Next page")
            enabled: list.contentY + list.height < list.contentHeight - 1
            onClicked: root.pageDown()
        }
    }
}
