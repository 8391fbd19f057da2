// SPDX-License-Identifier: GPL-3.0-or-later
// Staff: what the request queue holds — waiting, being sent, delivered, failed — the oldest wait,
// the store's fill level, and the failed requests with their reason, to retry or discard.
import QtQuick
import QtQuick.Layouts
import Kiosk

Item {
    id: page
    objectName: "staffQueuePage"

    property string pendingDiscard

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.spacing * 1.5
        enabled: page.pendingDiscard.length === 0

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.targetGap
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: qsTr("Request queue (staff)")
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.textPrimary
                wrapMode: Text.Wrap
            }
            KioskButton {
                objectName: "toDevicesPage"
                text: qsTr("Devices")
                onClicked: Session.openStaffDevices()
            }
            KioskButton {
                objectName: "toMaintenancePage"
                visible: Session.technician
                text: qsTr("Maintenance")
                onClicked: Session.openMaintenance()
            }
        }
        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            visible: !Queue.available
            text: qsTr("The request store is unavailable: %1").arg(Queue.problem)
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontBody
            color: Theme.accent
            wrapMode: Text.Wrap
        }
        GridLayout {
            Layout.fillWidth: true
            columns: Theme.landscape ? 4 : 2
            columnSpacing: Theme.spacing
            rowSpacing: Theme.spacing
            Repeater {
                model: [
                    { label: qsTr("Waiting"), value: Queue.pending, name: "pending" },
                    { label: qsTr("Sending"), value: Queue.sending, name: "sending" },
                    { label: qsTr("Delivered"), value: Queue.done, name: "done" },
                    { label: qsTr("Failed"), value: Queue.dead, name: "dead" }
                ]
                delegate: Rectangle {
                    id: countCell
                    required property var modelData
                    objectName: "count_" + modelData.name
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touchTarget * 1.6
                    radius: Theme.radius
                    color: Theme.surface
                    border.color: modelData.name === "dead" && modelData.value > 0 ? Theme.accent : Theme.border
                    border.width: Math.max(2, Theme.borderWidth)
                    Column {
                        anchors.centerIn: parent
                        Text {
                            textFormat: Text.PlainText
                            anchors.horizontalCenter: parent.horizontalCenter
                            text: countCell.modelData.value
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.fontTitle
                            font.bold: true
                            color: Theme.textPrimary
                        }
                        Text {
                            textFormat: Text.PlainText
                            anchors.horizontalCenter: parent.horizontalCenter
                            text: countCell.modelData.label
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.fontBody
                            color: Theme.textSecondary
                        }
                    }
                }
            }
        }
        BodyText {
            Layout.fillWidth: true
            text: (Queue.pending > 0 ? qsTr("Oldest waiting request: %n minute(s).", "", Queue.oldestPendingMinutes) + " " : "")
                  + qsTr("Store used: %1%").arg(Queue.usedPercent)
        }
        Rectangle {
            Layout.fillWidth: true
            visible: Queue.nearCap
            Layout.preferredHeight: warn.implicitHeight + 2 * Theme.spacing
            radius: Theme.radius
            color: Theme.warningBackground
            BodyText {
                id: warn
                anchors.fill: parent
                anchors.margins: Theme.spacing
                color: Theme.warningText
                text: qsTr("The request store is nearly full. Check the network and the platforms; failed requests can be discarded below.")
            }
        }
        // Alerts: a platform refusing this terminal's clock or credentials (its requests are kept
        // and retried), or a damaged store moved aside for a technician.
        Repeater {
            model: Queue.alerts
            delegate: Rectangle {
                id: alertBox
                required property int alertKind
                required property string platform
                required property int requests
                required property string detail
                objectName: "queueAlert"
                Layout.fillWidth: true
                Layout.preferredHeight: alertText.implicitHeight + 2 * Theme.spacing
                radius: Theme.radius
                color: Theme.warningBackground
                BodyText {
                    id: alertText
                    anchors.fill: parent
                    anchors.margins: Theme.spacing
                    color: Theme.warningText
                    text: alertBox.alertKind === QueueAlertModel.ClockRefused
                          ? qsTr("Platform %1 refuses this terminal's clock. %n request(s) are kept and retried. Check the date, time and time server (NTP) of this terminal.", "", alertBox.requests).arg(alertBox.platform) + " " + alertBox.detail
                          : alertBox.alertKind === QueueAlertModel.CredentialsRefused
                          ? qsTr("Platform %1 refuses this terminal's credentials. %n request(s) are kept and retried. Check this platform's signing key and certificate.", "", alertBox.requests).arg(alertBox.platform) + " " + alertBox.detail
                          : qsTr("The request store was damaged and could not be read. Requests saved in it could not be sent; residents may need to apply again. A new, empty store was started. The damaged file is kept for a technician: %1").arg(alertBox.detail)
                }
            }
        }
        Text {
            textFormat: Text.PlainText
            text: qsTr("Failed requests")
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontHeading
            font.bold: true
            color: Theme.textPrimary
        }
        Flow {
            Layout.fillWidth: true
            spacing: Theme.spacing
            visible: Queue.deadPlatforms.length > 0
            Repeater {
                model: Queue.deadPlatforms
                delegate: KioskButton {
                    required property string modelData
                    objectName: "retryPlatform_" + modelData
                    text: qsTr("Retry all failed for %1").arg(modelData)
                    onClicked: Queue.retryPlatform(modelData)
                }
            }
        }
        PagedList {
            id: deadLetters
            objectName: "deadLetters"
            Layout.fillWidth: true
            Layout.fillHeight: true
            model: Queue.deadLetters
            emptyText: qsTr("No failed requests.")
            // A row: what and when, the reason in up to two lines, the two buttons.
            rowHeight: 2 * Theme.spacing + Math.ceil(smallMetrics.height) + 2 * Math.ceil(bodyMetrics.height * Theme.lineHeight)
                       + Theme.touchTarget + Theme.spacing + 4
            FontMetrics {
                id: smallMetrics
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
            }
            FontMetrics {
                id: bodyMetrics
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontBody
            }
            delegate: Rectangle {
                id: row
                required property string requestId
                required property string kind
                required property string itemCode
                required property string reason
                required property string created
                required property int attempts
                width: deadLetters.view.cellWidth - Theme.spacing // qmllint disable unqualified
                height: deadLetters.rowHeight // qmllint disable unqualified
                radius: Theme.radius
                color: Theme.surface
                border.color: Theme.border
                border.width: Theme.borderWidth
                ColumnLayout {
                    id: rowColumn
                    anchors.fill: parent
                    anchors.margins: Theme.spacing
                    spacing: Theme.spacing / 2
                    Text {
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        text: row.created + " · " + row.kind + " " + row.itemCode + " · " + qsTr("%n attempt(s)", "", row.attempts)
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontSmall
                        color: Theme.textSecondary
                        elide: Text.ElideRight
                    }
                    BodyText {
                        Layout.fillWidth: true
                        text: row.reason
                        maximumLineCount: 2
                    }
                    RowLayout {
                        spacing: Theme.spacing
                        KioskButton {
                            objectName: "retry_" + row.requestId
                            text: qsTr("Retry")
                            primary: true
                            onClicked: Queue.retry(row.requestId)
                        }
                        KioskButton {
                            objectName: "discard_" + row.requestId
                            text: qsTr("Discard")
                            // This delegate is created inside PagedList.qml, so it cannot be bound to this
                            // file (Qt 6.4 refuses bound components created elsewhere): a tool gap.
                            onClicked: page.pendingDiscard = row.requestId // qmllint disable unqualified
                        }
                    }
                }
            }
        }
    }

    ConfirmPopup {
        objectName: "discardConfirm"
        anchors.fill: parent
        visible: page.pendingDiscard.length > 0
        title: qsTr("Discard this request?")
        text: qsTr("It will not be sent to the platform. The resident may need to apply again. This is recorded in the terminal's log.")
        confirmText: qsTr("Discard")
        onCancelled: page.pendingDiscard = ""
        onConfirmed: {
            Queue.discard(page.pendingDiscard)
            page.pendingDiscard = ""
        }
    }
}
