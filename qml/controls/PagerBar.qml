// SPDX-License-Identifier: GPL-3.0-or-later
// "Previous page · Page 2 of 9 · Next page" for any Flickable: older residents often find
// flicking hard, and a page count tells them how much there is.
import QtQuick
import Kiosk

Row {
    id: bar

    required property Flickable target
    /** Whether the content needs paging; the owner decides from a size that does not depend on us. */
    property bool needed: false

    readonly property real step: Math.max(1, target.height - Theme.spacing)
    readonly property int pageCount: Math.max(1, Math.ceil((target.contentHeight - Theme.spacing) / step))
    readonly property int page: Math.min(pageCount, 1 + Math.round(target.contentY / step))

    function pageDown() {
        target.contentY = Math.min(target.contentY + step, Math.max(0, target.contentHeight - target.height))
    }
    function pageUp() {
        target.contentY = Math.max(0, target.contentY - step)
    }

    spacing: Theme.spacing * 2
    visible: needed
    height: visible ? Theme.touchTarget : 0

    KioskButton {
        objectName: "pageUpButton"
        text: qsTr("Previous page")
        enabled: bar.target.contentY > 1
        onClicked: bar.pageUp()
    }
    Text {
        anchors.verticalCenter: parent.verticalCenter
        text: qsTr("Page %1 of %2").arg(bar.page).arg(bar.pageCount)
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontBody
        color: Theme.textPrimary
    }
    KioskButton {
        objectName: "pageDownButton"
        text: qsTr("Next page")
        enabled: bar.target.contentY + bar.target.height < bar.target.contentHeight - 1
        onClicked: bar.pageDown()
    }
}
