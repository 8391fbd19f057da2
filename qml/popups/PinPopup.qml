// SPDX-License-Identifier: GPL-3.0-or-later
// Staff PIN entry: a numeric keypad; the digits are shown as dots.
// Delegates are bound to this file's context: they may use its ids (qmllint checks them).
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

Rectangle {
    id: popup

    /** Covers the screen: nothing under it can be reached (the layout check looks only at it). */
    readonly property bool modalOverlay: true

    property string pin
    property string message

    signal submitted(string pin)
    signal cancelled

    function clear() {
        pin = ""
    }

    color: Theme.scrim

    // Blocks touches from reaching the page underneath.
    MouseArea {
        anchors.fill: parent
    }

    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, 640)
        height: column.implicitHeight + 2 * Theme.margin
        radius: Theme.radius
        color: Theme.surface

        ColumnLayout {
            id: column
            anchors.fill: parent
            anchors.margins: Theme.margin
            spacing: Theme.spacing

            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: qsTr("Staff PIN")
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontHeading
                font.bold: true
                color: Theme.textPrimary
                horizontalAlignment: Text.AlignHCenter
            }
            Text {
                textFormat: Text.PlainText
                objectName: "pinDots"
                Layout.fillWidth: true
                text: popup.pin.replace(/./g, "● ")
                font.pixelSize: Theme.fontHeading
                color: Theme.textPrimary
                horizontalAlignment: Text.AlignHCenter
                Layout.preferredHeight: Theme.fontHeading * 1.4
            }
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                visible: popup.message.length > 0
                text: popup.message
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontBody
                color: Theme.accent
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
            }
            GridLayout {
                Layout.fillWidth: true
                columns: 3
                columnSpacing: Theme.spacing
                rowSpacing: Theme.spacing
                Repeater {
                    model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]
                    delegate: KeypadKey {
                        required property string modelData
                        objectName: "pin_" + modelData
                        Layout.fillWidth: true
                        text: modelData
                        primary: modelData === "OK"
                        onClicked: {
                            if (modelData === "OK")
                                popup.submitted(popup.pin)
                            else if (modelData === "⌫")
                                popup.pin = popup.pin.slice(0, -1)
                            else if (popup.pin.length < 12)
                                popup.pin += modelData
                        }
                    }
                }
            }
            KioskButton {
                Layout.fillWidth: true
                text: qsTr("Cancel")
                onClicked: popup.cancelled()
            }
        }
    }
}
