// SPDX-License-Identifier: GPL-3.0-or-later
// Answered on the spot (查询 / 打印证明): the card asked for when the record is personal, the
// platform asked with progress and cancel from the first second, then the answer — values,
// tables a page at a time, notes — or the certificate's first page; printed on A4 (or a slip),
// with "page n of m" while it prints and the reason when it cannot.
// Delegates are bound to this file's context: they may use its ids (qmllint checks them).
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Devices

Item {
    id: page
    objectName: "queryPage"
    /** Always in view (the layout check holds it to that). */
    readonly property Item primaryAction: actions.visible ? (cancelButton.visible ? cancelButton : printButton.visible ? printButton : finishButton) : null

    readonly property RecordQuery query: Journey.query
    readonly property int state_: query.state
    readonly property bool certificate: query.kind === RecordQuery.Certificate
    readonly property bool answered: state_ === RecordQuery.Answered
    readonly property bool printing: query.printState === RecordQuery.Printing
    readonly property bool a4Usable: Devices.a4PrinterStatus !== DeviceStatus.Fault && Devices.a4PrinterStatus !== DeviceStatus.Disabled

    function printErrorText(error: int): string {
        switch (error) {
        case DeviceError.PaperOut: return qsTr("The A4 printer has run out of paper.")
        case DeviceError.PaperJam: return qsTr("Paper is jammed in the A4 printer.")
        case DeviceError.CoverOpen:
        case DeviceError.DoorOpen: return qsTr("A door of the A4 printer is open.")
        case DeviceError.TonerEmpty: return qsTr("The A4 printer has run out of toner.")
        case DeviceError.Offline:
        case DeviceError.Disconnected: return qsTr("The A4 printer cannot be reached.")
        default: return qsTr("The A4 printer could not print.")
        }
    }

    PagedColumn {
        id: content
        objectName: "queryPages"
        anchors.left: parent.left
        anchors.right: Theme.landscape && page.certificate && page.answered ? preview.left : parent.right
        anchors.top: parent.top
        anchors.bottom: page.certificate && page.answered && !Theme.landscape ? preview.top : status.top
        anchors.margins: Theme.margin
        spacing: Theme.spacing * 1.5
        // A table that goes on to the next page: its column headings again above its rows.
        continuedHeading: TableRow {
            objectName: "continuedColumns"
            anchors.fill: parent
            heading: true
            texts: page.answered && content.continuedGroup >= 0 && content.continuedGroup < page.query.tables.length
                   ? page.query.tables[content.continuedGroup].columns : []
        }

        Text {
            textFormat: Text.PlainText
            objectName: "queryTitle"
            Layout.fillWidth: true
            readonly property bool keepWithNext: true
            text: page.answered ? page.query.title : page.query.itemName
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontTitle
            font.bold: true
            color: Theme.textPrimary
            wrapMode: Text.Wrap
        }

        // The card first, for a personal record.
        Rectangle {
            objectName: "needsCard"
            Layout.fillWidth: true
            visible: page.state_ === RecordQuery.NeedsCard
            Layout.preferredHeight: visible ? needsCardText.implicitHeight + 2 * Theme.margin : 0
            radius: Theme.radius
            color: Theme.surfaceAlt
            border.color: Theme.primary
            border.width: Math.max(2, Theme.borderWidth)
            BodyText {
                id: needsCardText
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.verticalCenter: parent.verticalCenter
                anchors.margins: Theme.margin
                font.pixelSize: Theme.fontHeading
                text: page.certificate
                      ? qsTr("A certificate is issued only to the person it is about. Place your own ID card on the reader: it is fetched at once.")
                      : qsTr("This is a personal record: only you can see it. Place your own ID card on the reader: it is looked up at once.")
            }
        }

        // Asking: progress from the first second, and how long it may take.
        ColumnLayout {
            objectName: "asking"
            Layout.fillWidth: true
            visible: page.state_ === RecordQuery.Asking
            spacing: Theme.spacing
            BodyText {
                Layout.fillWidth: true
                font.pixelSize: Theme.fontHeading
                font.bold: true
                text: page.certificate ? qsTr("Fetching your certificate from the department…") : qsTr("Asking the department…")
            }
            Rectangle {
                objectName: "askingProgress"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.spacing * 2
                radius: height / 2
                color: Theme.surfaceAlt
                border.color: Theme.border
                border.width: Math.max(1, Theme.borderWidth)
                Rectangle {
                    anchors.left: parent.left
                    anchors.top: parent.top
                    anchors.bottom: parent.bottom
                    width: parent.width * Math.min(1, (page.query.waitedSeconds + 1) / Math.max(1, page.query.deadlineSeconds))
                    radius: parent.radius
                    color: Theme.primary
                }
            }
            BodyText {
                Layout.fillWidth: true
                color: Theme.textSecondary
                text: qsTr("This usually takes a few seconds (at most %n second(s)). Nothing is kept on this terminal.", "", page.query.deadlineSeconds)
            }
        }

        // No record, not permitted, or the platform could not answer: the words, nothing else.
        FieldError {
            objectName: "queryProblem"
            Layout.fillWidth: true
            Layout.preferredHeight: implicitHeight
            text: page.state_ === RecordQuery.NoRecord || page.state_ === RecordQuery.NotPermitted || page.state_ === RecordQuery.Failed
                  ? page.query.message : ""
        }

        // The answer.
        BodyText {
            objectName: "answerMeta"
            Layout.fillWidth: true
            visible: page.answered && page.query.reference !== ""
            color: Theme.textSecondary
            text: (page.query.validUntil !== "" ? qsTr("Reference %1 · answered %2 · valid until %3").arg(page.query.reference).arg(page.query.answeredAt).arg(page.query.validUntil)
                                                : qsTr("Reference %1 · issued %2").arg(page.query.reference).arg(page.query.answeredAt))
                  + (page.certificate ? "\n" + qsTr("%n page(s) · verification code %1", "", page.query.documentPages).arg(page.query.verificationCode) : "")
        }
        // The values: two columns in landscape, where the page is short.
        GridLayout {
            id: values
            // From the page, not from the layout's own width (which follows its cells).
            readonly property real cellWidth: (page.width - 2 * Theme.margin - (columns - 1) * columnSpacing) / columns
            Layout.fillWidth: true
            visible: page.answered
            columns: Theme.landscape ? 2 : 1
            columnSpacing: Theme.spacing * 1.5
            rowSpacing: 0
            Repeater {
                model: page.answered ? page.query.values : null
                Rectangle {
                    id: valueRow
                    required property int index
                    required property string label
                    required property string value
                    objectName: "value_" + index
                    Layout.fillWidth: false // a width known before the height is asked (layouts do not do height-for-width)
                    Layout.preferredWidth: values.cellWidth
                    Layout.preferredHeight: Math.max(labelText.implicitHeight, valueText.implicitHeight) + Theme.spacing
                    color: index % 2 === 0 ? Theme.surface : Theme.background
                    Text {
                        id: labelText
                        textFormat: Text.PlainText
                        anchors.left: parent.left
                        anchors.leftMargin: Theme.spacing
                        anchors.verticalCenter: parent.verticalCenter
                        width: parent.width * 0.42 - Theme.spacing
                        text: valueRow.label
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontBody
                        color: Theme.textSecondary
                        wrapMode: Text.Wrap
                    }
                    Text {
                        id: valueText
                        textFormat: Text.PlainText
                        anchors.right: parent.right
                        anchors.rightMargin: Theme.spacing
                        anchors.verticalCenter: parent.verticalCenter
                        width: parent.width * 0.58 - Theme.spacing
                        text: valueRow.value
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontLarge
                        font.bold: true
                        color: Theme.textPrimary
                        wrapMode: Text.Wrap
                    }
                }
            }
        }
        Repeater {
            model: page.answered ? page.query.tables : []
            ColumnLayout {
                id: table
                required property AnswerTable modelData
                required property int index
                objectName: "table_" + index
                Layout.fillWidth: true
                spacing: 0
                /** Its column headings are shown again on each later page it goes on to (PagedColumn). */
                readonly property real repeatHeading: columnHeadings.height
                Text {
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    Layout.topMargin: Theme.spacing
                    readonly property bool keepWithNext: true
                    text: table.modelData.title
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontHeading
                    font.bold: true
                    color: Theme.textPrimary
                    wrapMode: Text.Wrap
                }
                TableRow {
                    id: columnHeadings
                    Layout.fillWidth: true
                    readonly property bool keepWithNext: true
                    heading: true
                    texts: table.modelData.columns
                }
                Repeater {
                    model: table.modelData
                    TableRow {
                        required property var cells
                        required property int index
                        Layout.fillWidth: true
                        texts: cells
                        odd: index % 2 === 1
                    }
                }
            }
        }
        Repeater {
            model: page.answered ? page.query.notes : []
            BodyText {
                required property string modelData
                Layout.fillWidth: true
                color: Theme.textSecondary
                text: "· " + modelData
            }
        }

    }

    // The certificate's first page, as it will print: beside the text in landscape, in the flow below it in portrait.
    Rectangle {
        id: preview
        objectName: "certificatePreview"
        visible: page.certificate && page.answered
        anchors.right: parent.right
        anchors.rightMargin: Theme.margin
        width: !visible ? 0 : Theme.landscape ? Math.min((parent.width - 3 * Theme.margin) * 0.4, (status.y - 2 * Theme.margin) / 1.414)
                                              : Math.min(parent.width - 2 * Theme.margin, (status.y - 2 * Theme.margin) * 0.6 / 1.414)
        height: width * 1.414
        // Portrait: below the text, above the buttons.
        y: Theme.landscape ? Theme.margin : status.y - height - Theme.margin
        color: "white"
        border.color: Theme.border
        border.width: Math.max(1, Theme.borderWidth)
        Image {
            anchors.fill: parent
            anchors.margins: 1
            source: preview.visible ? page.query.previewSource : ""
            sourceSize.width: Math.round(width)
            fillMode: Image.PreserveAspectFit
            cache: false
        }
    }

    // What the printer is doing, and the card: always in view above the buttons, never on a later page.
    ColumnLayout {
        id: status
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: actions.top
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        spacing: Theme.spacing / 2
        BodyText {
            objectName: "printStatus"
            Layout.fillWidth: true
            visible: page.query.printState !== RecordQuery.NotPrinted || page.query.slipState !== RecordQuery.NotPrinted
            font.pixelSize: Theme.fontLarge
            font.bold: true
            color: page.query.printState === RecordQuery.PrintFailed ? Theme.accent : Theme.textPrimary
            text: page.query.printState === RecordQuery.Printing
                  ? (page.query.pagesTotal > 0 ? qsTr("Printing page %1 of %2…").arg(Math.min(page.query.pagesDone + 1, page.query.pagesTotal)).arg(page.query.pagesTotal)
                                               : qsTr("Printing…"))
                : page.query.printState === RecordQuery.Printed ? qsTr("Printed: please take the pages from the A4 printer's tray.")
                : page.query.printState === RecordQuery.PrintFailed
                  ? page.printErrorText(page.query.printError) + " " + (page.query.canPrintAgain ? qsTr("Nothing was counted: you can print it again once the printer is ready.")
                                                                                                  : qsTr("Please ask staff for help."))
                : page.query.slipState === RecordQuery.Printing ? qsTr("Printing the slip…")
                : page.query.slipState === RecordQuery.Printed ? qsTr("Please take the slip from the slot below the screen.")
                : qsTr("The slip could not be printed.")
        }
        DeviceNoticePanel {
            objectName: "a4Notice"
            Layout.fillWidth: true
            Layout.preferredHeight: implicitHeight
            a4PrinterStatus: page.answered && page.query.printState === RecordQuery.NotPrinted ? Devices.a4PrinterStatus : DeviceStatus.Normal
        }
        BodyText {
            objectName: "takeCardReminder"
            Layout.fillWidth: true
            visible: page.answered && Session.identified
            font.bold: true
            text: qsTr("Please take your ID card when you are done.")
        }
    }

    component TableRow: Rectangle {
        id: tableRow
        property var texts: []
        property bool heading: false
        property bool odd: false
        implicitHeight: cellsRow.implicitHeight + Theme.spacing
        color: heading ? Theme.surfaceAlt : odd ? Theme.background : Theme.surface
        border.color: heading ? Theme.border : "transparent"
        border.width: heading ? Math.max(1, Theme.borderWidth) : 0
        Row {
            id: cellsRow
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.verticalCenter: parent.verticalCenter
            anchors.leftMargin: Theme.spacing / 2
            anchors.rightMargin: Theme.spacing / 2
            Repeater {
                model: tableRow.texts
                Text {
                    required property string modelData
                    textFormat: Text.PlainText
                    width: cellsRow.width / Math.max(1, tableRow.texts.length)
                    text: modelData
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.landscape && Theme.elder ? Theme.fontSmall : Theme.fontBody
                    font.bold: tableRow.heading
                    color: Theme.textPrimary
                    wrapMode: Text.Wrap
                    rightPadding: Theme.spacing / 2
                }
            }
        }
    }

    RowLayout {
        id: actions
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.margin
        spacing: Theme.spacing * 2

        KioskButton {
            id: cancelButton
            objectName: "cancelQueryButton"
            Layout.fillWidth: true
            visible: page.state_ === RecordQuery.Asking
            text: qsTr("Cancel")
            onClicked: page.query.cancel()
        }
        KioskButton {
            objectName: "retryButton"
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            primary: true
            visible: page.state_ === RecordQuery.Failed || page.state_ === RecordQuery.Idle
            text: qsTr("Try again")
            onClicked: page.query.start()
        }
        KioskButton {
            id: printButton
            objectName: "printButton"
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            primary: true
            visible: page.answered && !page.printing && page.query.printState !== RecordQuery.Printed
                     && (page.query.printState !== RecordQuery.PrintFailed || page.query.canPrintAgain)
            enabled: page.a4Usable
            text: page.query.printState === RecordQuery.PrintFailed ? qsTr("Print again") : page.certificate ? qsTr("Print on A4") : qsTr("Print")
            onClicked: page.query.printState === RecordQuery.PrintFailed ? page.query.printAgain() : page.query.print()
        }
        KioskButton {
            objectName: "slipButton"
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            visible: page.answered && !page.certificate && page.query.slipState === RecordQuery.NotPrinted && !page.printing
            text: qsTr("Short slip")
            onClicked: page.query.printSlip()
        }
        KioskButton {
            id: finishButton
            objectName: "finishButton"
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            visible: page.state_ !== RecordQuery.Asking
            text: qsTr("Finish")
            onClicked: Session.reset()
        }
    }
}
