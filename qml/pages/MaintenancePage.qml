// SPDX-License-Identifier: GPL-3.0-or-later
// Technicians (technician PIN): the maintenance menu — the terminal's id and enrolment as text
// and QR, enrolment by one-time code or scanned QR, the device self-tests, test prints, the
// network and platform checks, and a restart; the device, queue and fleet pages from here.
import QtQuick
import QtQuick.Layouts
import Kiosk

Item {
    id: page
    objectName: "maintenancePage"

    // The restart is asked for first: a slip of the finger should not end the app.
    property bool confirmingRestart: false

    // Crockford's base32: the characters a one-time code has (no I, L, O, U).
    readonly property var codeKeys: "0123456789ABCDEFGHJKMNPQRSTVWXYZ".split("")

    // A result that arrived below the page's end is turned to.
    Connections {
        target: Maintenance
        function onChanged() {
            if (Maintenance.hasResult)
                pages.showItem(checkResult)
        }
    }

    PagedColumn {
        id: pages
        objectName: "maintenancePages"
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.spacing * 1.5

        // Portrait: the title on its own line (elder mode makes it large), the ways to the other
        // pages below it; landscape: side by side, so the terminal's code still fits the first page.
        GridLayout {
            Layout.fillWidth: true
            columns: Theme.landscape ? 2 : 1
            columnSpacing: Theme.margin
            rowSpacing: Theme.spacing
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: qsTr("Maintenance")
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.textPrimary
                wrapMode: Text.Wrap
            }
            Row {
                spacing: Theme.targetGap
                KioskButton {
                    objectName: "maintenanceToDevicesPage"
                    text: qsTr("Devices")
                    onClicked: Session.openStaffDevices()
                }
                KioskButton {
                    objectName: "maintenanceToQueuePage"
                    text: qsTr("Request queue")
                    onClicked: Session.openStaffQueue()
                }
                KioskButton {
                    objectName: "maintenanceToFleetPage"
                    text: qsTr("Fleet")
                    onClicked: Session.openStaffFleet()
                }
            }
        }

        // The terminal's id for the technician's console: as text, and as a code to scan.
        RowLayout {
            objectName: "enrolment"
            Layout.fillWidth: true
            spacing: Theme.margin
            QrCode {
                objectName: "terminalCode"
                Layout.preferredWidth: Theme.touchTarget * (Theme.landscape ? 2.2 : 3)
                Layout.preferredHeight: Theme.touchTarget * (Theme.landscape ? 2.2 : 3)
                text: Fleet.enrolmentCode
            }
            ColumnLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing / 2
                Text {
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    text: qsTr("Terminal id: %1").arg(Fleet.controllerId)
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontLarge
                    font.bold: true
                    color: Theme.textPrimary
                    wrapMode: Text.WrapAnywhere
                }
                Text {
                    textFormat: Text.PlainText
                    objectName: "enrolmentState"
                    Layout.fillWidth: true
                    text: Fleet.enrolmentText
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontBody
                    color: Fleet.enrolled ? Theme.textPrimary : Theme.accent
                    wrapMode: Text.Wrap
                }
            }
        }

        InfoSection {
            objectName: "checks"
            Layout.fillWidth: true
            title: qsTr("Checks")
            Flow {
                width: parent.width
                spacing: Theme.targetGap
                KioskButton {
                    objectName: "selfTestButton"
                    enabled: !Maintenance.busy
                    text: qsTr("Device self-tests")
                    onClicked: Maintenance.runSelfTests()
                }
                KioskButton {
                    objectName: "testReceiptButton"
                    enabled: !Maintenance.busy
                    text: qsTr("Print a test receipt")
                    onClicked: Maintenance.printTestReceipt()
                }
                KioskButton {
                    objectName: "testPageButton"
                    enabled: !Maintenance.busy
                    text: qsTr("Print an A4 test page")
                    onClicked: Maintenance.printTestPage()
                }
                KioskButton {
                    objectName: "networkCheckButton"
                    enabled: !Maintenance.busy
                    text: qsTr("Network and platforms")
                    onClicked: Maintenance.checkNetwork()
                }
                KioskButton {
                    objectName: "restartButton"
                    enabled: !Maintenance.busy
                    accent: true
                    text: qsTr("Restart the app")
                    onClicked: page.confirmingRestart = true
                }
            }
            BodyText {
                id: checkResult
                objectName: "checkResult"
                visible: Maintenance.busy || Maintenance.hasResult
                text: Maintenance.busy ? qsTr("%1: running …").arg(Maintenance.task)
                                       : (Maintenance.resultOk ? qsTr("%1: passed").arg(Maintenance.task)
                                                               : qsTr("%1: failed").arg(Maintenance.task))
                                         + "\n" + Maintenance.resultText
                color: Maintenance.hasResult && !Maintenance.resultOk ? Theme.accent : Theme.textPrimary
            }
        }
        InfoSection {
            objectName: "enrolBox"
            Layout.fillWidth: true
            title: Fleet.enrolled ? qsTr("Enrol again") : qsTr("Enrol this terminal")
            BodyText {
                text: Fleet.canEnrolByCode ? qsTr("Scan the enrolment QR code from the operator now, or type the one-time code.")
                                           : qsTr("Scan the enrolment QR code from the operator now (no enrolment host is configured for one-time codes).")
            }
            Rectangle {
                objectName: "codeBox"
                visible: Fleet.canEnrolByCode
                width: parent.width
                height: Theme.touchTarget * 1.2
                radius: Theme.radius
                color: Theme.surface
                border.color: Theme.primary
                border.width: 3
                Text {
                    textFormat: Text.PlainText
                    objectName: "codeText"
                    anchors.fill: parent
                    anchors.leftMargin: Theme.margin
                    anchors.rightMargin: Theme.margin
                    verticalAlignment: Text.AlignVCenter
                    text: Fleet.codeEntry.length > 0 ? Fleet.codeEntry : qsTr("XXXX-XXXX-XXXX-XXXX-XXXX")
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontHeading
                    font.letterSpacing: 2
                    color: Fleet.codeEntry.length > 0 ? Theme.textPrimary : Theme.textSecondary
                    elide: Text.ElideLeft
                }
            }
            GridLayout {
                objectName: "codeKeypad"
                visible: Fleet.canEnrolByCode
                width: parent.width
                columns: Theme.landscape ? 12 : 8
                columnSpacing: Theme.targetGap
                rowSpacing: Theme.targetGap
                Repeater {
                    model: page.codeKeys
                    delegate: KeypadKey {
                        required property string modelData
                        objectName: "codeKey_" + modelData
                        Layout.fillWidth: true
                        text: modelData
                        enabled: !Fleet.enrolling
                        onClicked: Fleet.typeCode(modelData)
                    }
                }
                KeypadKey {
                    objectName: "codeKey_backspace"
                    Layout.fillWidth: true
                    Layout.columnSpan: Theme.landscape ? 1 : 2
                    text: "⌫"
                    Accessible.name: qsTr("Delete")
                    onClicked: Fleet.eraseCode()
                }
                KeypadKey {
                    objectName: "codeKey_clear"
                    Layout.fillWidth: true
                    Layout.columnSpan: Theme.landscape ? 1 : 2
                    fontSize: Theme.fontBody
                    text: qsTr("Clear")
                    onClicked: Fleet.clearCode()
                }
                KeypadKey {
                    objectName: "enrolButton"
                    Layout.fillWidth: true
                    Layout.columnSpan: Theme.landscape ? 2 : 4
                    fontSize: Theme.fontBody
                    primary: true
                    enabled: !Fleet.enrolling && Fleet.codeEntry.length >= 24
                    text: qsTr("Enrol")
                    onClicked: Fleet.submitCode()
                }
            }
            BodyText {
                objectName: "enrolmentResult"
                visible: text !== ""
                text: Fleet.enrolmentResult
                color: Fleet.enrolmentFailed ? Theme.accent : Theme.textPrimary
            }
        }

    }

    ConfirmPopup {
        objectName: "restartConfirm"
        anchors.fill: parent
        visible: page.confirmingRestart
        title: qsTr("Restart the app?")
        text: qsTr("The terminal shows its start screen again in about half a minute. An update in progress is finished first.")
        confirmText: qsTr("Restart")
        onCancelled: page.confirmingRestart = false
        onConfirmed: {
            page.confirmingRestart = false
            Maintenance.restartApp()
        }
    }
}
