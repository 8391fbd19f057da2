// SPDX-License-Identifier: GPL-3.0-or-later
// A short message for the resident, at the top of the screen, until they close it or it times out.
import QtQuick
import Kiosk

Rectangle {
    id: popup

    property string text

    signal closed

    visible: text.length > 0
    height: Math.max(Theme.touchTarget, label.implicitHeight + 2 * Theme.spacing)
    radius: Theme.radius
    color: Theme.textPrimary

    Accessible.role: Accessible.AlertMessage
    Accessible.name: text

    Timer {
        running: popup.visible
        interval: Theme.elder ? 15000 : 8000
        onTriggered: popup.closed()
    }
    Text {
        textFormat: Text.PlainText
        id: label
        anchors.left: parent.left
        anchors.right: closeButton.left
        anchors.verticalCenter: parent.verticalCenter
        anchors.margins: Theme.spacing
        text: popup.text
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontBody
        lineHeight: Theme.lineHeight
        color: Theme.textOnDark
        wrapMode: Text.Wrap
    }
    KioskButton {
        id: closeButton
        objectName: "noticeClose"
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        anchors.rightMargin: Theme.spacing
        text: qsTr("OK")
        primary: true
        implicitWidth: Theme.touchTarget * 1.5
        onClicked: popup.closed()
    }
}
