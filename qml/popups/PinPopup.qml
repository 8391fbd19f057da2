// SPDX-License-Identifier: GPL-3.0-or-later
// Staff PIN entry: a numeric keypad; the digits are shown as dots. It only shows the session's
// StaffGate (the digits, the wait after wrong PINs, "not set up"); every key goes to it.
// Delegates are bound to this file's context: they may use its ids (qmllint checks them).
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

Rectangle {
    id: popup

    /** Covers the screen: nothing under it can be reached (the layout check looks only at it). */
    readonly property bool modalOverlay: true

    required property StaffGate gate
    readonly property bool notSetUp: popup.gate.state === StaffGate.NotSetUp
    /** What the pad says under the dots (empty while typing). */
    readonly property string message: {
        switch (popup.gate.state) {
        case StaffGate.NotSetUp:
            return qsTr("Staff pages are not set up on this terminal.")
        case StaffGate.Locked:
            return popup.gate.waitSeconds > 60
                    ? qsTr("Too many wrong PINs. Try again in %n minute(s).", "", Math.ceil(popup.gate.waitSeconds / 60))
                    : qsTr("Too many wrong PINs. Try again in %n second(s).", "", popup.gate.waitSeconds)
        case StaffGate.WrongPin:
            return popup.gate.accepting ? qsTr("Wrong PIN.") : qsTr("Wrong PIN. Wait %n second(s).", "", popup.gate.waitSeconds)
        default:
            return ""
        }
    }

    visible: popup.gate.open
    color: Theme.scrim

    // Blocks touches from reaching the page underneath.
    MouseArea {
        anchors.fill: parent
    }

    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, Theme.popupMaxWidth)
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
                visible: !popup.notSetUp
                text: "● ".repeat(popup.gate.digits)
                font.pixelSize: Theme.fontHeading
                color: Theme.textPrimary
                horizontalAlignment: Text.AlignHCenter
                Layout.preferredHeight: Theme.fontHeading * 1.4
            }
            Text {
                textFormat: Text.PlainText
                objectName: "pinMessage"
                Layout.fillWidth: true
                visible: popup.message.length > 0
                text: popup.message
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontBody
                color: popup.notSetUp ? Theme.textPrimary : Theme.accent
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
            }
            GridLayout {
                Layout.fillWidth: true
                visible: !popup.notSetUp
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
                        // While the pad waits after wrong PINs it takes no digits.
                        enabled: popup.gate.accepting || modelData === "⌫"
                        onClicked: {
                            if (modelData === "OK")
                                popup.gate.submit()
                            else if (modelData === "⌫")
                                popup.gate.backspace()
                            else
                                popup.gate.press(modelData)
                        }
                    }
                }
            }
            KioskButton {
                objectName: "pinCancel"
                Layout.fillWidth: true
                text: popup.notSetUp ? qsTr("Close") : qsTr("Cancel")
                onClicked: popup.gate.cancel()
            }
        }
    }
}
