// SPDX-License-Identifier: GPL-3.0-or-later
// What is wrong with an answer, in words, next to it: a warning sign, a border and the text —
// never colour alone.
import QtQuick
import Kiosk

Rectangle {
    id: box

    property string text: ""

    visible: text !== ""
    implicitHeight: visible ? message.implicitHeight + 2 * Theme.spacing : 0
    radius: Theme.radius
    color: Theme.warningBackground
    border.color: Theme.accent
    border.width: Math.max(2, Theme.borderWidth)

    Accessible.role: Accessible.AlertMessage
    Accessible.name: text

    Text {
        textFormat: Text.PlainText
        id: sign
        anchors.left: parent.left
        anchors.leftMargin: Theme.spacing
        anchors.top: parent.top
        anchors.topMargin: Theme.spacing
        text: "⚠"
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontLarge
        color: Theme.accent
    }
    Text {
        textFormat: Text.PlainText
        id: message
        anchors.left: sign.right
        anchors.leftMargin: Theme.spacing
        anchors.right: parent.right
        anchors.rightMargin: Theme.spacing
        anchors.top: parent.top
        anchors.topMargin: Theme.spacing
        text: box.text
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontLarge
        font.bold: true
        color: Theme.warningText
        wrapMode: Text.Wrap
    }
}
