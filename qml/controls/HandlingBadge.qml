// SPDX-License-Identifier: GPL-3.0-or-later
// Says in words (and colour) how an item is handled: 全程自助 / 终端申请·窗口领取 / 办事指引.
import QtQuick
import Kiosk

Rectangle {
    id: badge

    property int handling: Handling.Guide

    implicitWidth: label.implicitWidth + 2 * Theme.spacing
    implicitHeight: label.implicitHeight + Theme.spacing / 2
    radius: height / 2
    color: "transparent"
    border.width: 2
    border.color: label.color

    Text {
        textFormat: Text.PlainText
        id: label
        anchors.centerIn: parent
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
        font.bold: true
        color: badge.handling === Handling.Terminal ? Theme.badgeTerminal
             : badge.handling === Handling.Collect ? Theme.badgeCollect : Theme.badgeGuide
        text: badge.handling === Handling.Terminal ? qsTr("Done here")
            : badge.handling === Handling.Collect ? qsTr("Apply here, collect at counter")
                                           : qsTr("Guide only")
    }
}
