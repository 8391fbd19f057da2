// SPDX-License-Identifier: GPL-3.0-or-later
// Technicians: the terminal in its city's fleet (hawkBit) — whether it is enrolled, its id as
// text and QR for the console, the fleet server's polls, and the update in hand. Enrolment
// itself is on the maintenance page.
import QtQuick
import QtQuick.Layouts
import Kiosk

Item {
    id: page
    objectName: "staffFleetPage"

    // What the client is doing, read while this page is open (and only then).
    Timer {
        interval: 1000
        repeat: true
        running: true
        triggeredOnStart: true
        onTriggered: Fleet.refresh()
    }

    PagedColumn {
        id: pages
        objectName: "fleetPages"
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.spacing * 1.5

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.targetGap
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: qsTr("Fleet")
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.textPrimary
                wrapMode: Text.Wrap
            }
            KioskButton {
                objectName: "fleetToMaintenancePage"
                text: qsTr("Maintenance")
                onClicked: Session.openMaintenance()
            }
        }

        // The terminal's id for the technician's console: as text, and as a code to scan.
        RowLayout {
            objectName: "enrolment"
            Layout.fillWidth: true
            spacing: Theme.margin
            QrCode {
                objectName: "enrolmentCode"
                Layout.preferredWidth: Theme.touchTarget * 3
                Layout.preferredHeight: Theme.touchTarget * 3
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
                    text: Fleet.enrolled ? Fleet.enrolmentText + "\n" + Fleet.server
                                         : qsTr("Not enrolled. Give this terminal id to the fleet's operator, then enrol it on the maintenance page with the enrolment they send (QR code or one-time code).")
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontBody
                    color: Fleet.enrolled ? Theme.textPrimary : Theme.accent
                    wrapMode: Text.WrapAnywhere
                }
            }
        }

        InfoSection {
            objectName: "fleetPolls"
            Layout.fillWidth: true
            visible: Fleet.enrolled
            title: qsTr("Fleet server")
            BodyText {
                objectName: "pollText"
                text: Fleet.pollText
                color: Fleet.pollFailing ? Theme.accent : Theme.textPrimary
            }
        }
        InfoSection {
            objectName: "fleetUpdate"
            Layout.fillWidth: true
            visible: Fleet.enrolled
            title: qsTr("Updates")
            BodyText {
                objectName: "actionText"
                text: Fleet.actionText + (Fleet.lastActionText !== "" ? "\n" + Fleet.lastActionText : "")
            }
        }
        KioskButton {
            objectName: "pollNowButton"
            Layout.alignment: Qt.AlignLeft
            visible: Fleet.enrolled
            primary: true
            text: qsTr("Poll the fleet server now")
            onClicked: Fleet.pollNow()
        }
    }
}
