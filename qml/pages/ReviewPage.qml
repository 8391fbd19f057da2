// SPDX-License-Identifier: GPL-3.0-or-later
// Every answer once more in large type, what the ID card filled in marked as such, the consent
// that names who receives the data, and the submit button. Submit only reports success once the
// request is safely on disk.
import QtQuick
import QtQuick.Layouts
import Kiosk

Item {
    id: page
    objectName: "reviewPage"
    // One column, or two in landscape, of the page's width inside its margins.
    readonly property real cellWidth: (answers.viewport.width - (Theme.landscape ? Theme.spacing * 1.5 : 0)) / (Theme.landscape ? 2 : 1)
    /** Always in view (the layout check holds it to that). */
    readonly property Item primaryAction: submitButton

    // The answers and the consent, a page at a time; the submit button and why it is refused
    // stay in view below them.
    PagedColumn {
        id: answers
        objectName: "reviewPages"
        // Landscape elder is short: the pager beside the answers leaves the consent whole.
        pagerBeside: Theme.landscape && Theme.elder
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: actions.top
        anchors.margins: Theme.margin

            Text {
                textFormat: Text.PlainText
                readonly property bool keepWithNext: true
                Layout.fillWidth: true
                text: qsTr("Please check your answers")
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.textPrimary
                wrapMode: Text.Wrap
            }
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: Journey.title
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontLarge
                color: Theme.textSecondary
                wrapMode: Text.Wrap
            }

            // Landscape: the answers in two columns.
            GridLayout {
                Layout.fillWidth: true
                columns: Theme.landscape ? 2 : 1
                columnSpacing: Theme.spacing * 1.5
                rowSpacing: Theme.spacing * 1.5
            Repeater {
                model: Journey.form.review
                Rectangle {
                    id: row
                    required property string fieldId
                    required property string label
                    required property string value
                    required property bool fromCard
                    required property string error
                    required property bool editable
                    objectName: "review_" + fieldId
                    Layout.fillWidth: false // a width known before the height is asked (layouts do not do height-for-width)
                    Layout.preferredWidth: page.cellWidth // qmllint disable unqualified
                    Layout.alignment: Qt.AlignTop
                    Layout.preferredHeight: rowColumn.implicitHeight + 2 * Theme.spacing
                    radius: Theme.radius
                    color: Theme.surface
                    border.color: row.error !== "" ? Theme.accent : Theme.border
                    border.width: Math.max(row.error !== "" ? 3 : 1, Theme.borderWidth)
                    ColumnLayout {
                        id: rowColumn
                        anchors.left: parent.left
                        anchors.right: parent.right
                        anchors.top: parent.top
                        anchors.margins: Theme.spacing
                        spacing: Theme.spacing / 2
                        RowLayout {
                            Layout.fillWidth: true
                            spacing: Theme.spacing
                            ColumnLayout {
                                Layout.fillWidth: true
                                spacing: 2
                                Text {
                                    textFormat: Text.PlainText
                                    Layout.fillWidth: true
                                    text: row.label + (row.fromCard ? "  · " + qsTr("from your ID card") : "")
                                    font.family: Theme.fontFamily
                                    font.pixelSize: Theme.fontBody
                                    color: Theme.textSecondary
                                    wrapMode: Text.Wrap
                                }
                                Text {
                                    textFormat: Text.PlainText
                                    Layout.fillWidth: true
                                    text: row.value !== "" ? row.value : qsTr("(not answered)")
                                    font.family: Theme.fontFamily
                                    font.pixelSize: Theme.landscape && Theme.elder ? Theme.fontLarge : Theme.fontHeading // landscape elder is short
                                    font.bold: row.value !== ""
                                    color: row.value !== "" ? Theme.textPrimary : Theme.textSecondary
                                    wrapMode: Text.Wrap
                                }
                            }
                            KioskButton {
                                objectName: "change_" + row.fieldId
                                visible: row.editable
                                text: qsTr("Change")
                                onClicked: Journey.form.editField(row.fieldId)
                            }
                        }
                        FieldError {
                            Layout.fillWidth: true
                            Layout.preferredHeight: implicitHeight
                            text: row.error
                        }
                    }
                }
            }
            }

            Rectangle {
                id: consentBox
                objectName: "consentBox"
                Layout.fillWidth: true
                Layout.preferredHeight: consentColumn.implicitHeight + 2 * consentColumn.anchors.margins
                radius: Theme.radius
                color: Theme.surfaceAlt
                border.color: Theme.primary
                border.width: Math.max(2, Theme.borderWidth)
                ColumnLayout {
                    id: consentColumn
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.top: parent.top
                    anchors.margins: Theme.landscape ? Theme.spacing : Theme.margin
                    spacing: Theme.spacing
                    Text {
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        text: qsTr("Use of your personal information")
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.landscape && Theme.elder ? Theme.fontLarge : Theme.fontHeading
                        font.bold: true
                        color: Theme.textPrimary
                        wrapMode: Text.Wrap
                    }
                    Text {
                        textFormat: Text.PlainText
                        objectName: "consentText"
                        Layout.fillWidth: true
                        text: Journey.consentText
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.landscape && Theme.elder ? Theme.fontBody : Theme.fontLarge
                        lineHeight: Theme.lineHeight
                        color: Theme.textPrimary
                        wrapMode: Text.Wrap
                    }
                    ChoiceButton {
                        id: consentButton
                        objectName: "consentButton"
                        Layout.fillWidth: true
                        multiple: true
                        checked: Journey.form.consent
                        text: qsTr("I have read this and agree")
                        onClicked: Journey.form.consent = !Journey.form.consent
                    }
                }
            }

    }

    GridLayout {
        id: actions
        // Landscape: why submit is refused beside the button, to leave the answers their height.
        columns: Theme.landscape ? 2 : 1
        columnSpacing: Theme.spacing * 2
        rowSpacing: Theme.spacing
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.margin

            FieldError {
                objectName: "submitError"
                visible: text !== ""
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                Layout.preferredHeight: implicitHeight
                text: {
                    switch (Journey.submission.error) {
                    case Submission.NoConsent: return qsTr("Please agree to the use of your information, or end the visit if you do not want to submit.")
                    case Submission.Invalid: return qsTr("Some answers need another look; they are marked in red above.")
                    case Submission.NotSaved: return qsTr("Your request could not be saved on this terminal, so it was not submitted. Nothing was sent. Please ask staff for help or use the counter.")
                    default: return ""
                    }
                }
            }

            KioskButton {
                id: submitButton
                objectName: "submitButton"
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                Layout.preferredHeight: Theme.landscape ? Theme.touchTarget : Theme.touchTarget * 1.2
                primary: true
                enabled: Journey.form.consent && Journey.submission.state === Submission.None
                fontSize: Theme.fontHeading
                text: Journey.form.consent ? qsTr("Submit") : qsTr("Agree above to submit")
                onClicked: Journey.submit()
            }
    }

    Connections {
        target: Journey.submission
        // Answers that need another look are marked on the answers' pages: back to the first.
        // Not agreed yet: to the page with the consent.
        function onFailed() {
            if (Journey.submission.error === Submission.Invalid)
                answers.first()
            else if (Journey.submission.error === Submission.NoConsent)
                answers.showItem(consentButton)
        }
    }
}
