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
    /** Always in view (the layout check holds it to that). */
    readonly property Item primaryAction: actions.visible ? finishButton : null

    readonly property Submission submission: Journey.submission
    readonly property ReceiptSlip receipt: Journey.receipt
    readonly property int state_: submission.state
    readonly property bool settled: state_ === Submission.Sent || state_ === Submission.Queued
    readonly property bool printFailed: receipt.state === ReceiptSlip.Failed

    // What happened and the number to keep, a page at a time; rating and finishing stay in view.
    PagedColumn {
        id: outcome
        objectName: "outcomePages"
        anchors.left: parent.left
        anchors.right: Theme.landscape ? side.left : parent.right
        anchors.rightMargin: Theme.landscape ? Theme.margin * 1.5 : Theme.margin
        anchors.top: parent.top
        anchors.bottom: actions.top
        anchors.margins: Theme.margin


        Text {
            textFormat: Text.PlainText
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
        FieldError {
            objectName: "printProblem"
            Layout.fillWidth: true
            Layout.preferredHeight: implicitHeight
            text: page.printFailed ? qsTr("The printer cannot print your receipt right now. Please take a photo of the number and the code, or print it again later. Please ask staff for help.") : ""
        }
        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            visible: page.settled
            text: page.submission.trackingNumber !== "" ? qsTr("Tracking number") : qsTr("Receipt number")
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontBody
            color: Theme.textSecondary
        }
        Text {
            textFormat: Text.PlainText
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
        // Beside the number it belongs to: photographed together when the printer fails.
        ReceiptCode {
            Layout.fillWidth: true
            room: outcome.height - Theme.touchTarget - Theme.spacing
            shown: !Theme.landscape
            settled: page.settled
            printFailed: page.printFailed
            printing: page.receipt.state === ReceiptSlip.Printing
            qrText: page.submission.qrText
            onReprint: Journey.reprint()
        }
        BodyText {
            Layout.fillWidth: true
            visible: page.state_ !== Submission.Refused
            text: Journey.legalDays > 0 ? qsTr("Time limit set by law: %n working day(s).", "", Journey.legalDays)
                                        : qsTr("Handled on the spot.")
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

    ReceiptCode {
        id: side
        anchors.top: parent.top
        anchors.right: parent.right
        anchors.margins: Theme.margin
        width: (page.width - 3 * Theme.margin) * 0.4
        room: actions.y - 2 * Theme.margin
        shown: Theme.landscape
        settled: page.settled
        printFailed: page.printFailed
        printing: page.receipt.state === ReceiptSlip.Printing
        qrText: page.submission.qrText
        onReprint: Journey.reprint()
    }

    // The code to photograph and the reprint button: in the flow in portrait, beside it in
    // landscape (where the height is short), never cut by a page.
    component ReceiptCode: ColumnLayout {
        id: receiptCode
        property bool shown: true
        /** The height there is for the code and the button. */
        property real room: 10000
        property bool settled: false
        property bool printFailed: false
        property bool printing: false
        property string qrText
        signal reprint()
        visible: shown
        spacing: Theme.spacing * 1.5
        QrCode {
            objectName: receiptCode.shown ? "receiptQr" : ""
            Layout.alignment: Qt.AlignHCenter
            visible: receiptCode.settled
            text: receiptCode.qrText
            Layout.preferredWidth: Math.min(receiptCode.printFailed ? (Theme.elder ? 480 : 560) : 300, receiptCode.width,
                                            receiptCode.room - Theme.touchTarget - receiptCode.spacing)
            Layout.preferredHeight: Layout.preferredWidth
        }
        KioskButton {
            objectName: receiptCode.shown ? "reprintButton" : ""
            Layout.fillWidth: true
            visible: receiptCode.settled && !receiptCode.printing
            text: receiptCode.printFailed ? qsTr("Try printing again") : qsTr("Print another copy")
            onClicked: receiptCode.reprint()
        }
    }

    RowLayout {
        id: actions
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.margin
        spacing: Theme.spacing * 2
        visible: page.state_ !== Submission.Sending && page.state_ !== Submission.Saving

                KioskButton {
                    objectName: "rateButton"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    primary: true
                    visible: page.state_ !== Submission.Sending && page.state_ !== Submission.Saving && Journey.evaluation.state === Evaluation.None
                    text: qsTr("Rate this service")
                    onClicked: Session.openEvaluation()
                }
                KioskButton {
                    id: finishButton
                    objectName: "finishButton"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    visible: page.state_ !== Submission.Sending && page.state_ !== Submission.Saving
                    text: qsTr("Finish and log out")
                    onClicked: Session.reset()
                }
    }
}
