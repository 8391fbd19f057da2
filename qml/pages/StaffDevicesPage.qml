// SPDX-License-Identifier: GPL-3.0-or-later
// Staff and technicians: every device with its status in words, and — on a simulated terminal —
// the developer panel that plays the resident's and the hardware's part.
import QtQuick
import QtQuick.Layouts
import Kiosk

Item {
    id: page
    objectName: "staffDevicesPage"

    function statusText(status) {
        switch (status) {
        case 0: return qsTr("normal")
        case 1: return qsTr("warning")
        case 2: return qsTr("fault")
        case 3: return qsTr("busy")
        case 4: return qsTr("disabled")
        default: return qsTr("unknown")
        }
    }
    function kindText(kind) {
        return kind === "idcard" ? qsTr("ID card reader") : kind === "printer" ? qsTr("Receipt printer")
             : kind === "scanner" ? qsTr("Code scanner") : kind
    }

    Flickable {
        id: flick
        anchors.fill: parent
        anchors.margins: Theme.margin
        contentHeight: column.implicitHeight
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        ColumnLayout {
            id: column
            width: flick.width
            spacing: Theme.spacing * 1.5

            RowLayout {
                Layout.fillWidth: true
                Text {
                    Layout.fillWidth: true
                    text: qsTr("Devices (staff)")
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontTitle
                    font.bold: true
                    color: Theme.textPrimary
                }
                KioskButton {
                    objectName: "toQueuePage"
                    text: qsTr("Request queue")
                    onClicked: Session.openStaffQueue()
                }
            }

            Repeater {
                model: Devices.devices
                delegate: Rectangle {
                    id: row
                    required property string kind
                    required property string model
                    required property string vidPid
                    required property string transport
                    required property int status
                    required property string message
                    objectName: "device_" + kind
                    Layout.fillWidth: true
                    Layout.preferredHeight: rowText.implicitHeight + 2 * Theme.spacing
                    radius: Theme.radius
                    color: Theme.surface
                    border.color: status === 2 ? Theme.accent : status === 1 ? Theme.warningText : Theme.border
                    border.width: Math.max(2, Theme.borderWidth)
                    Column {
                        id: rowText
                        anchors.left: parent.left
                        anchors.right: parent.right
                        anchors.verticalCenter: parent.verticalCenter
                        anchors.margins: Theme.spacing
                        Text {
                            width: parent.width
                            text: page.kindText(row.kind) + " — " + page.statusText(row.status)
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.fontLarge
                            font.bold: true
                            color: row.status === 2 ? Theme.accent : Theme.textPrimary
                        }
                        Text {
                            width: parent.width
                            text: row.model + "  " + row.vidPid + "  " + row.transport
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.fontSmall
                            color: Theme.textSecondary
                            elide: Text.ElideRight
                        }
                        BodyText {
                            width: parent.width
                            text: row.message
                        }
                    }
                }
            }

            // --- developer panel: simulated terminals only -------------------------------------
            Text {
                visible: Devices.simulated
                text: qsTr("Developer panel (simulated devices)")
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontHeading
                font.bold: true
                color: Theme.textPrimary
            }
            Flow {
                visible: Devices.simulated
                Layout.fillWidth: true
                spacing: Theme.spacing
                Repeater {
                    model: Devices.sampleCards
                    delegate: KioskButton {
                        required property string modelData
                        required property int index
                        objectName: "insertCard_" + index
                        text: qsTr("Card: %1").arg(modelData)
                        fontSize: Theme.fontSmall
                        onClicked: Devices.insertCard(index)
                    }
                }
                KioskButton { objectName: "removeCard"; text: qsTr("Remove card"); onClicked: Devices.removeCard() }
                KioskButton { objectName: "scanItem"; text: qsTr("Scan RS-0001"); onClicked: Devices.scanCode("RS-0001") }
                KioskButton { objectName: "scanUnknown"; text: qsTr("Scan unknown code"); onClicked: Devices.scanCode("https://example.invalid/pay?x=1") }
                KioskButton { objectName: "paperOk"; text: qsTr("Paper OK"); onClicked: Devices.setPaper("ok") }
                KioskButton { objectName: "paperLow"; text: qsTr("Paper low"); onClicked: Devices.setPaper("low") }
                KioskButton { objectName: "paperOut"; text: qsTr("Paper out"); onClicked: Devices.setPaper("out") }
                KioskButton { objectName: "coverOpen"; text: qsTr("Open cover"); onClicked: Devices.openCover(true) }
                KioskButton { objectName: "coverClose"; text: qsTr("Close cover"); onClicked: Devices.openCover(false) }
                Repeater {
                    model: ["idcard", "printer", "scanner"]
                    delegate: Row {
                        required property string modelData
                        spacing: Theme.spacing
                        KioskButton { objectName: "unplug_" + modelData; text: qsTr("Unplug %1").arg(page.kindText(modelData)); onClicked: Devices.unplug(modelData) }
                        KioskButton { objectName: "replug_" + modelData; text: qsTr("Plug in %1").arg(page.kindText(modelData)); onClicked: Devices.replug(modelData) }
                    }
                }
            }
        }
    }
}
