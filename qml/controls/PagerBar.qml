// SPDX-License-Identifier: GPL-3.0-or-later
// "Previous page · Page 2 of 9 · Next page": older residents often find flicking hard, and a
// page count tells them how much there is. The owner counts the pages (by whole items).
import QtQuick
import Kiosk

Row {
    id: bar

    /** 1-based, as shown. */
    property int page: 1
    property int pageCount: 1
    /** Arrows only, for a small area (common phrases): ‹ 2/4 › */
    property bool compact: false

    signal previous()
    signal next()

    spacing: bar.compact ? Theme.targetGap : Theme.spacing * 2
    visible: pageCount > 1
    height: visible ? Theme.touchTarget : 0

    KioskButton {
        objectName: "pageUpButton"
        implicitWidth: bar.compact ? Theme.touchTarget : Math.max(Theme.touchTarget * 2, implicitContentWidth)
        text: bar.compact ? "‹" : qsTr("Previous page")
        Accessible.name: qsTr("Previous page")
        enabled: bar.page > 1
        onClicked: bar.previous()
    }
    // Compact: a fixed width, so turning a page never moves what stands beside the pager.
    Item {
        anchors.verticalCenter: parent.verticalCenter
        width: bar.compact ? Theme.touchTarget : pageText.implicitWidth
        height: pageText.implicitHeight
        Text {
            textFormat: Text.PlainText
            id: pageText
            objectName: "pageText"
            anchors.centerIn: parent
            text: bar.compact ? bar.page + "/" + bar.pageCount : qsTr("Page %1 of %2").arg(bar.page).arg(bar.pageCount)
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontBody
            color: Theme.textPrimary
        }
    }
    KioskButton {
        objectName: "pageDownButton"
        implicitWidth: bar.compact ? Theme.touchTarget : Math.max(Theme.touchTarget * 2, implicitContentWidth)
        text: bar.compact ? "›" : qsTr("Next page")
        Accessible.name: qsTr("Next page")
        enabled: bar.page < bar.pageCount
        onClicked: bar.next()
    }
}
