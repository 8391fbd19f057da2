// SPDX-License-Identifier: GPL-3.0-or-later
// Staff and technicians: every device with its status in words, and — on a simulated terminal —
// the developer panel that plays the resident's and the hardware's part.
// The "unqualified" lint check is off on a few lines below: Qt 6.4 refuses bound delegates that a
// Loader or another file instantiates (pragma ComponentBehavior: Bound), a tool gap.
import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Devices

Item {
    id: page
    objectName: "staffDevicesPage"

    function statusText(status) {
        switch (status) {
        case DeviceStatus.Normal: return qsTr("normal")
        case DeviceStatus.Warning: return qsTr("warning")
        case DeviceStatus.Fault: return qsTr("fault")
        case DeviceStatus.Busy: return qsTr("busy")
        case DeviceStatus.Disabled: return qsTr("disabled")
        default: return qsTr("unknown")
        }
    }
    // What a technician does about it. The driver's own detail (English, for the log and
    // `kioskctl devices list`) is not shown: every word here comes from the typed enums.
    function errorText(kind, error) {
        switch (error) {
        case DeviceError.Disconnected:
            return kind === DeviceKind.A4Printer ? qsTr("Not found: check the printer's power and network cable, and \"a4Printer\" in the configuration.")
                                                 : qsTr("Disconnected: check the USB cable and the power.")
        case DeviceError.CannotOpen:
            return kind === DeviceKind.A4Printer ? qsTr("Cannot choose the printer (several found, or a bad address): set \"a4Printer\" in the configuration.")
                                                 : qsTr("Present but cannot be used: check permissions and the udev rules.")
        case DeviceError.NotResponding: return qsTr("Does not answer: switch it off and on.")
        case DeviceError.GarbledReply: return qsTr("Answers garbled: check the cable.")
        case DeviceError.TransferFailed: return qsTr("Transfers fail: try another USB port.")
        case DeviceError.SamFault: return qsTr("The reader's security module is faulty or not authorised.")
        case DeviceError.PaperNearEnd: return qsTr("Paper low: replace the roll soon.")
        case DeviceError.PaperOut: return qsTr("Paper out: replace the roll.")
        case DeviceError.CoverOpen: return qsTr("Cover open: close it.")
        case DeviceError.CutterJammed: return qsTr("Cutter jammed: clear the cutter.")
        case DeviceError.PrinterError: return qsTr("Printer error: switch the printer off and on.")
        case DeviceError.Offline: return qsTr("Printer offline.")
        case DeviceError.NoStatusReports: return qsTr("This printer cannot report its paper state.")
        case DeviceError.NotInService: return qsTr("Spare: another device of this kind is in use.")
        case DeviceError.Stopped: return qsTr("The device layer is stopped.")
        case DeviceError.PaperJam: return qsTr("Paper jam: open the printer and remove the jammed paper.")
        case DeviceError.DoorOpen: return qsTr("Door open: close the printer's door.")
        case DeviceError.TonerLow: return qsTr("Toner low: replace the cartridge soon.")
        case DeviceError.TonerEmpty: return qsTr("Toner empty: replace the cartridge.")
        case DeviceError.JobCancelled: return qsTr("The print job was cancelled.")
        case DeviceError.DocumentRejected: return qsTr("The printer cannot print this document (PDF not accepted).")
        default: return ""
        }
    }
    // What a device without a problem is doing.
    function activityText(kind, status) {
        switch (status) {
        case DeviceStatus.Normal:
            return kind === DeviceKind.IdCardReader ? qsTr("Ready: waiting for a card")
                 : kind === DeviceKind.ReceiptPrinter || kind === DeviceKind.A4Printer ? qsTr("Ready to print")
                 : qsTr("Ready: waiting for a code")
        case DeviceStatus.Busy:
            return kind === DeviceKind.IdCardReader ? qsTr("Reading a card")
                 : kind === DeviceKind.ReceiptPrinter || kind === DeviceKind.A4Printer ? qsTr("Printing") : qsTr("Busy")
        case DeviceStatus.Unknown: return qsTr("Not connected.")
        default: return ""
        }
    }
    function kindText(kind) {
        switch (kind) {
        case DeviceKind.IdCardReader: return qsTr("ID card reader")
        case DeviceKind.ReceiptPrinter: return qsTr("Receipt printer")
        case DeviceKind.CodeScanner: return qsTr("Code scanner")
        case DeviceKind.A4Printer: return qsTr("A4 printer")
        default: return ""
        }
    }

    PagedColumn {
        id: pages
        objectName: "devicePages"
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.spacing * 1.5

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.targetGap
                Text {
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    text: qsTr("Devices (staff)")
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontTitle
                    font.bold: true
                    color: Theme.textPrimary
                    wrapMode: Text.Wrap
                }
                KioskButton {
                    objectName: "toQueuePage"
                    text: qsTr("Request queue")
                    onClicked: Session.openStaffQueue()
                }
                KioskButton {
                    objectName: "toMaintenancePage"
                    visible: Session.technician
                    text: qsTr("Maintenance")
                    onClicked: Session.openMaintenance()
                }
            }

            Repeater {
                model: Devices.devices
                delegate: Rectangle {
                    id: row
                    required property int kind
                    required property string kindId
                    required property string model
                    required property string vidPid
                    required property string transport
                    required property int status
                    required property int error
                    objectName: "device_" + kindId
                    Layout.fillWidth: true
                    Layout.preferredHeight: rowText.implicitHeight + 2 * Theme.spacing
                    radius: Theme.radius
                    color: Theme.surface
                    border.color: status === DeviceStatus.Fault ? Theme.accent : status === DeviceStatus.Warning ? Theme.warningText : Theme.border
                    border.width: Math.max(2, Theme.borderWidth)
                    Column {
                        id: rowText
                        anchors.left: parent.left
                        anchors.right: parent.right
                        anchors.verticalCenter: parent.verticalCenter
                        anchors.margins: Theme.spacing
                        Text {
                            textFormat: Text.PlainText
                            width: parent.width
                            text: page.kindText(row.kind) + " — " + page.statusText(row.status) // qmllint disable unqualified
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.fontLarge
                            font.bold: true
                            wrapMode: Text.Wrap
                            color: row.status === DeviceStatus.Fault ? Theme.accent : Theme.textPrimary
                        }
                        Text {
                            textFormat: Text.PlainText
                            width: parent.width
                            text: row.model + "  " + row.vidPid + "  " + row.transport
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.fontSmall
                            color: Theme.textSecondary
                            wrapMode: Text.Wrap
                        }
                        BodyText {
                            objectName: "deviceDetail"
                            width: parent.width
                            visible: text.length > 0
                            text: row.error !== DeviceError.None ? page.errorText(row.kind, row.error) // qmllint disable unqualified
                                                                 : page.activityText(row.kind, row.status) // qmllint disable unqualified
                        }
                    }
                }
            }

            // --- developer panel: simulated terminals only -------------------------------------
            // Loaded only where the Simulator exists (kiosk --simulate); absent otherwise.
            Loader {
                Layout.fillWidth: true
                active: Devices.simulated
                sourceComponent: developerPanel
            }
    }

    Component {
        id: developerPanel
        Column {
            objectName: "developerPanel"
            spacing: Theme.spacing
            Text {
                textFormat: Text.PlainText
                text: qsTr("Developer panel (simulated devices)")
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontHeading
                font.bold: true
                color: Theme.textPrimary
            }
            Flow {
                width: parent.width
                spacing: Theme.spacing
                Repeater {
                    model: Simulator.sampleCards
                    delegate: KioskButton {
                        required property string modelData
                        required property int index
                        objectName: "insertCard_" + index
                        text: qsTr("Card: %1").arg(modelData)
                        fontSize: Theme.fontSmall
                        onClicked: Simulator.insertCard(index)
                    }
                }
                KioskButton { objectName: "removeCard"; text: qsTr("Remove card"); onClicked: Simulator.removeCard() }
                KioskButton { objectName: "scanItem"; text: qsTr("Scan RS-0001"); onClicked: Simulator.scanCode("RS-0001") }
                KioskButton { objectName: "scanUnknown"; text: qsTr("Scan unknown code"); onClicked: Simulator.scanCode("https://example.invalid/pay?x=1") }
                KioskButton { objectName: "paperOk"; text: qsTr("Paper OK"); onClicked: Simulator.setPaper("ok") }
                KioskButton { objectName: "paperLow"; text: qsTr("Paper low"); onClicked: Simulator.setPaper("low") }
                KioskButton { objectName: "paperOut"; text: qsTr("Paper out"); onClicked: Simulator.setPaper("out") }
                KioskButton { objectName: "coverOpen"; text: qsTr("Open cover"); onClicked: Simulator.openCover(true) }
                KioskButton { objectName: "coverClose"; text: qsTr("Close cover"); onClicked: Simulator.openCover(false) }
                Repeater {
                    // The simulator's script names a device by its id.
                    model: [{ id: "idcard", kind: DeviceKind.IdCardReader }, { id: "printer", kind: DeviceKind.ReceiptPrinter },
                            { id: "scanner", kind: DeviceKind.CodeScanner }, { id: "a4printer", kind: DeviceKind.A4Printer }]
                    delegate: Row {
                        id: plugRow
                        required property var modelData
                        spacing: Theme.spacing
                        KioskButton { objectName: "unplug_" + plugRow.modelData.id; text: qsTr("Unplug %1").arg(page.kindText(plugRow.modelData.kind)); onClicked: Simulator.unplug(plugRow.modelData.id) } // qmllint disable unqualified
                        KioskButton { objectName: "replug_" + plugRow.modelData.id; text: qsTr("Plug in %1").arg(page.kindText(plugRow.modelData.kind)); onClicked: Simulator.replug(plugRow.modelData.id) } // qmllint disable unqualified
                    }
                }
            }
        }
    }
}
