// SPDX-License-Identifier: GPL-3.0-or-later
// After submit: what happened, in plain words (sent, or saved and waiting for the network), the
// number to keep, the receipt — and when the printer cannot print, the number and a QR code
// large enough to photograph, with a way to print again.
import QtQuick
import QtQuick.Layouts
import Kiosk

Item {
    id: page
    objectName: "submittedPage"

    readonly property Submission submission: Journey.submission
    readonly property ReceiptSlip receipt: Journey.receipt
    readonly property int state_: submission.state
    readonly property bool settled: state_ === Submission.Sent || state_ === Submission.Queued
    readonly property bool printFailed: receipt.state === ReceiptSlip.Failed

    Flickable {
        id: flick
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: pager.top
        anchors.margins: Theme.margin
        contentHeight: grid.implicitHeight
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        GridLayout {
            id: grid
            width: flick.width
            columns: Theme.landscape ? 2 : 1
            columnSpacing: Theme.margin * 1.5
            rowSpacing: Theme.spacing * 1.5

            ColumnLayout {
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                Layout.alignment: Qt.AlignTop
                spacing: Theme.spacing * 1.5

                Text {
                    objectName: "headline"
                    Layout.fillWidth: true
                    text: page.state_ === Submission.Sent ? "✔ " + qsTr("Submitted")
                        : page.state_ === Submission.Queued ? "✔ " + qsTr("Saved — it will be sent automatically")
                        : page.state_ === Submission.Refused ? "⚠ " + qsTr("The department could not accept this request")
                        : qsTr("Submitting…")
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontTitle
                    font.bold: true
                    color: page.state_ === Submission.Refused ? Theme.accent : Theme.badgeTerminal
                    wrapMode: Text.Wrap
                }
                BodyText {
                    objectName: "explanation"
                    Layout.fillWidth: true
                    font.pixelSize: Theme.fontLarge
                    text: page.state_ === Submission.Sent ? qsTr("%1 has received your request.").arg(Journey.departmentName)
                        : page.state_ === Submission.Queued ? qsTr("The connection to %1 is down right now. Your request is stored safely on this terminal and is sent as soon as the connection is back — you do not need to do anything. Your number stays the same.").arg(Journey.departmentName)
                        : page.state_ === Submission.Refused ? qsTr("The reason given: %1. Nothing was lost; staff at the service desk can help you.").arg(page.submission.refusal)
                        : qsTr("Your request is saved on this terminal. Sending it to %1…").arg(Journey.departmentName)
                }
                Text {
                    Layout.fillWidth: true
                    visible: page.settled
                    text: page.submission.trackingNumber !== "" ? qsTr("Tracking number") : qsTr("Receipt number")
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontBody
                    color: Theme.textSecondary
                }
                Text {
                    objectName: "receiptNumber"
                    Layout.fillWidth: true
                    visible: page.settled
                    text: page.submission.receiptNumber
                    font.family: "Noto Sans Mono"
                    font.pixelSize: Theme.fontTitle
                    font.bold: true
                    color: Theme.textPrimary
                    wrapMode: Text.WrapAnywhere
                }
                BodyText {
                    Layout.fillWidth: true
                    visible: page.state_ !== Submission.Refused
                    text: Journey.legalDays > 0 ? qsTr("Time limit set by law: %n working day(s).", "", Journey.legalDays)
                                                : qsTr("Handled on the spot.")
                }
                FieldError {
                    objectName: "printProblem"
                    Layout.fillWidth: true
                    Layout.preferredHeight: implicitHeight
                    text: page.printFailed ? qsTr("The printer cannot print your receipt right now. Please take a photo of the number and the code, or print it again later. Please ask staff for help.") : ""
                }
                BodyText {
                    objectName: "printStatus"
                    Layout.fillWidth: true
                    font.pixelSize: Theme.fontLarge
                    font.bold: true
                    visible: page.receipt.state === ReceiptSlip.Printing || page.receipt.state === ReceiptSlip.Printed
                    text: page.receipt.state === ReceiptSlip.Printed ? qsTr("Please take your receipt from the slot below the screen.") : qsTr("Printing your receipt…")
                }
                BodyText {
                    // The card is still on the pad: residents forget it once the receipt is out.
                    objectName: "takeCardReminder"
                    Layout.fillWidth: true
                    visible: page.settled && Session.identified
                    font.pixelSize: Theme.fontLarge
                    font.bold: true
                    text: qsTr("Please take your ID card.")
                }
                BodyText {
                    Layout.fillWidth: true
                    visible: page.settled
                    color: Theme.textSecondary
                    text: qsTr("To check progress later, tap your ID card on this terminal and choose \"Check progress\", or scan the code on the receipt.")
                }
            }

            ColumnLayout {
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                Layout.alignment: Qt.AlignTop
                spacing: Theme.spacing * 1.5

                QrCode {
                    objectName: "receiptQr"
                    Layout.alignment: Qt.AlignHCenter
                    visible: page.settled
                    text: page.submission.qrText
                    Layout.preferredWidth: page.printFailed ? Math.min(page.width - 2 * Theme.margin, Theme.landscape ? 560 : 620) : 300
                    Layout.preferredHeight: Layout.preferredWidth
                }
                KioskButton {
                    objectName: "reprintButton"
                    Layout.fillWidth: true
                    visible: page.settled && page.receipt.state !== ReceiptSlip.Printing
                    text: page.printFailed ? qsTr("Try printing again") : qsTr("Print another copy")
                    onClicked: Journey.reprint()
                }
                KioskButton {
                    objectName: "rateButton"
                    Layout.fillWidth: true
                    primary: true
                    visible: page.state_ !== Submission.Sending && page.state_ !== Submission.Saving && Journey.evaluation.state === Evaluation.None
                    text: qsTr("Rate this service")
                    onClicked: Session.openEvaluation()
                }
                KioskButton {
                    objectName: "finishButton"
                    Layout.fillWidth: true
                    visible: page.state_ !== Submission.Sending && page.state_ !== Submission.Saving
                    text: qsTr("Finish and log out")
                    onClicked: Session.reset()
                }
            }
        }
    }

    PagerBar {
        id: pager
        anchors.bottom: parent.bottom
        anchors.bottomMargin: visible ? Theme.spacing : 0
        anchors.horizontalCenter: parent.horizontalCenter
        target: flick
        needed: grid.implicitHeight > page.height - 2 * Theme.margin
    }
}
