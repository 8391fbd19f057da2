// SPDX-License-Identifier: GPL-3.0-or-later
// Asks before anything that cannot be undone.
import QtQuick
import QtQuick.Layouts
import Kiosk

Rectangle {
    id: popup

    /** Covers the screen: nothing under it can be reached (the layout check looks only at it). */
    readonly property bool modalOverlay: true

    property string title
    property string text
    property string confirmText: qsTr("Confirm")

    signal confirmed
    signal cancelled

    color: Theme.scrim

    // Blocks touches from reaching the page underneath.
    MouseArea {
        anchors.fill: parent
    }

    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, 860)
        height: column.implicitHeight + 2 * Theme.margin
        radius: Theme.radius
        color: Theme.surface

        ColumnLayout {
            id: column
            anchors.fill: parent
            anchors.margins: Theme.margin
            spacing: Theme.spacing * 2
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: popup.title
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontHeading
                font.bold: true
                color: Theme.textPrimary
                wrapMode: Text.Wrap
            }
            BodyText {
                Layout.fillWidth: true
                text: popup.text
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing
                KioskButton {
                    objectName: "confirmCancel"
                    Layout.fillWidth: true
                    text: qsTr("Cancel")
                    onClicked: popup.cancelled()
                }
                KioskButton {
                    objectName: "confirmOk"
                    Layout.fillWidth: true
                    accent: true
                    text: popup.confirmText
                    onClicked: popup.confirmed()
                }
            }
        }
    }
}
