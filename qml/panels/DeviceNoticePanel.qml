// SPDX-License-Identifier: GPL-3.0-or-later
// Tells the resident, in plain words, when a device they would need is not working — before they
// start, not when they are halfway through.
// Delegates are bound to this file's context: they may use its ids (qmllint checks them).
pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Devices

Rectangle {
    id: panel

    property int idCardStatus: DeviceStatus.Normal
    property int printerStatus: DeviceStatus.Normal
    property int scannerStatus: DeviceStatus.Normal
    property int a4PrinterStatus: DeviceStatus.Normal

    readonly property var lines: {
        const out = []
        if (idCardStatus === DeviceStatus.Fault)
            out.push(qsTr("The ID card reader is not working right now. You can still browse, and type your details where needed."))
        if (printerStatus === DeviceStatus.Fault)
            out.push(qsTr("The printer is not working right now. Receipts are shown on the screen to photograph instead."))
        if (a4PrinterStatus === DeviceStatus.Fault || a4PrinterStatus === DeviceStatus.Disabled)
            out.push(qsTr("The A4 printer cannot print right now, so certificates cannot be printed here at the moment. Staff can help, or try another terminal."))
        if (scannerStatus === DeviceStatus.Fault)
            out.push(qsTr("The code scanner is not working right now. Please search for the service instead."))
        return out
    }

    visible: lines.length > 0
    implicitHeight: visible ? column.implicitHeight + 2 * Theme.spacing : 0
    radius: Theme.radius
    color: Theme.warningBackground
    border.color: Theme.warningText
    border.width: 2

    Accessible.role: Accessible.AlertMessage
    Accessible.name: lines.join(" ")

    Column {
        id: column
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        anchors.margins: Theme.spacing
        spacing: Theme.spacing / 2
        Repeater {
            model: panel.lines
            delegate: Text {
                required property string modelData
                width: column.width
                text: "⚠ " + modelData
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontBody
                lineHeight: Theme.lineHeight
                color: Theme.warningText
                wrapMode: Text.Wrap
            }
        }
    }
}
