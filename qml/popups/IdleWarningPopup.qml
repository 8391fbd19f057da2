// SPDX-License-Identifier: GPL-3.0-or-later
// "Are you still there?" with a countdown and one large button to carry on (GB/T 37668: warn
// before a time limit ends and let the resident extend it with one simple action).
import QtQuick
import Kiosk

Rectangle {
    id: popup

    /** Covers the screen: nothing under it can be reached (the layout check looks only at it). */
    readonly property bool modalOverlay: true

    property int secondsLeft: 0

    signal continueClicked

    color: Theme.scrim

    // A touch anywhere means the resident is here; nothing behind the scrim is pressed by accident.
    MouseArea {
        anchors.fill: parent
        onClicked: popup.continueClicked()
    }

    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, 900)
        height: box.implicitHeight + 2 * Theme.margin
        radius: Theme.radius
        color: Theme.surface
        border.color: Theme.border
        border.width: Theme.borderWidth

        Column {
            id: box
            anchors.fill: parent
            anchors.margins: Theme.margin
            spacing: Theme.spacing * 2

            Text {
                textFormat: Text.PlainText
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: qsTr("Are you still there?")
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.textPrimary
                wrapMode: Text.Wrap
            }
            Text {
                textFormat: Text.PlainText
                objectName: "idleCountdown"
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: popup.secondsLeft
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontDisplay * 1.4
                font.bold: true
                color: Theme.accent
            }
            Text {
                textFormat: Text.PlainText
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: qsTr("In %n second(s) this screen returns to the start and everything you entered is cleared.", "", popup.secondsLeft)
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontBody
                lineHeight: Theme.lineHeight
                color: Theme.textPrimary
                wrapMode: Text.Wrap
            }
            KioskButton {
                objectName: "continueButton"
                width: parent.width
                height: Theme.touchTarget * 1.3
                primary: true
                fontSize: Theme.fontHeading
                text: qsTr("Continue")
                onClicked: popup.continueClicked()
            }
        }
    }
}
