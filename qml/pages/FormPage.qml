// SPDX-License-Identifier: GPL-3.0-or-later
// The form, one question at a time: the question in large type, why it is asked (on request),
// what is wrong with the answer beside it, and the right way to answer it — the keyboard with
// pinyin for text, a keypad for numbers, phones and ID numbers, large buttons for dates and
// choices. What the ID card holds is not asked again.
// The "unqualified" lint check is off on a few lines below: Qt 6.4 refuses bound delegates that a
// Loader or another file instantiates (pragma ComponentBehavior: Bound), a tool gap.
import QtQuick
import QtQuick.Layouts
import Kiosk

Item {
    id: page
    objectName: "formPage"
    /** Always in view (the layout check holds it to that). */
    readonly property Item primaryAction: Theme.landscape ? besideNavigation.next : belowNavigation.next

    readonly property FormSession form: Journey.form
    readonly property var field: form.field // var: Qt 6.4 cannot hold this value type in a typed property
    readonly property int kind: field.kind
    property bool showPurpose: false
    // Landscape while typing, or in elder mode, leaves little height: the question in smaller
    // (still heading) type, and no progress bar (the step count says it).
    readonly property bool short_: Theme.landscape && (Qt.inputMethod.visible || Theme.elder) // qmllint disable type

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.spacing

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: Journey.title
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontBody
                color: Theme.textSecondary
                elide: Text.ElideRight
            }
            Text {
                textFormat: Text.PlainText
                objectName: "stepText"
                text: qsTr("Question %1 of %2").arg(page.form.step + 1).arg(page.form.stepCount)
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontBody
                font.bold: true
                color: Theme.primary
            }
        }
        Rectangle {
            visible: !page.short_
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.spacing / 2
            color: Theme.surfaceAlt
            Rectangle {
                width: parent.width * (page.form.step + 1) / Math.max(1, page.form.stepCount)
                height: parent.height
                color: Theme.primary
            }
        }

        GridLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            // Landscape: the question on the left, the way to answer it on the right.
            columns: Theme.landscape ? 2 : 1
            columnSpacing: Theme.margin * 1.5
            rowSpacing: Theme.spacing

            ColumnLayout {
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                Layout.fillHeight: Theme.landscape
                Layout.alignment: Qt.AlignTop
                spacing: Theme.spacing

                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 0
                        Text {
                            textFormat: Text.PlainText
                            objectName: "fieldLabel"
                            Layout.fillWidth: true
                            text: page.field.label
                            font.family: Theme.fontFamily
                            font.pixelSize: page.short_ ? Theme.fontHeading : Theme.fontTitle
                            font.bold: true
                            color: Theme.textPrimary
                            wrapMode: Text.Wrap
                        }
                        // On its own line, so it is never split.
                        Text {
                            textFormat: Text.PlainText
                            objectName: "optionalMark"
                            visible: !page.field.required
                            text: qsTr("(optional)")
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.fontBody
                            color: Theme.textSecondary
                        }
                    }
                    KioskButton {
                        objectName: "whyButton"
                        text: page.showPurpose ? qsTr("Hide") : qsTr("Why is this asked?")
                        fontSize: Theme.fontBody
                        onClicked: page.showPurpose = !page.showPurpose
                    }
                }
                Rectangle {
                    objectName: "purpose"
                    Layout.fillWidth: true
                    visible: page.showPurpose
                    Layout.preferredHeight: visible ? purposeText.implicitHeight + 2 * Theme.spacing : 0
                    radius: Theme.radius
                    color: Theme.surfaceAlt
                    BodyText {
                        id: purposeText
                        anchors.left: parent.left
                        anchors.right: parent.right
                        anchors.verticalCenter: parent.verticalCenter
                        anchors.margins: Theme.spacing
                        text: qsTr("Why we ask: %1").arg(page.field.purpose)
                    }
                }
                FieldError {
                    objectName: "fieldError"
                    Layout.fillWidth: true
                    Layout.preferredHeight: implicitHeight
                    text: page.field.error
                }
                Item {
                    visible: Theme.landscape
                    Layout.fillHeight: true
                }
                NavigationButtons {
                    id: besideNavigation
                    visible: Theme.landscape
                }
            }

            Loader {
                id: editor
                objectName: "editor"
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                Layout.fillHeight: true
                sourceComponent: {
                    if (page.form.offerCard)
                        return cardOffer // the reader first; typing is the second choice
                    switch (page.kind) {
                    case FormSession.Number: case FormSession.Phone: case FormSession.IdNumber: case FormSession.BankCard: return keypadEditor
                    case FormSession.Date: return dateEditor
                    case FormSession.Choice: case FormSession.YesNo: case FormSession.MultiChoice: return choiceEditor
                    case FormSession.None: return null
                    default: return textEditor
                    }
                }
                property string shownId: page.field.id
                Connections {
                    target: page.form
                    // A new question gets a fresh editor (the text box keeps no earlier answer).
                    function onStepChanged() {
                        if (editor.shownId !== page.field.id) {
                            editor.shownId = page.field.id
                            page.showPurpose = false
                            editor.active = false
                            editor.active = true
                        }
                    }
                }
            }
        }

        NavigationButtons {
            id: belowNavigation
            visible: !Theme.landscape
        }
    }

    component NavigationButtons: RowLayout {
        readonly property alias next: nextButton
        Layout.fillWidth: true
        spacing: Theme.spacing * 2
        KioskButton {
            objectName: "previousButton"
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            text: Journey.form.step > 0 ? qsTr("Previous question") : qsTr("Back to the service")
            onClicked: {
                Journey.form.commitTyping()
                Session.back()
            }
        }
        KioskButton {
            id: nextButton
            objectName: "nextButton"
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            primary: true
            text: Journey.form.lastStep ? qsTr("Check my answers") : qsTr("Next")
            onClicked: {
                Journey.form.commitTyping()
                Journey.form.next()
            }
        }
    }

    Component {
        id: textEditor
        ColumnLayout {
            spacing: Theme.spacing
            AnswerBox {
                id: answer
                objectName: "textAnswer"
                Layout.fillWidth: true
                placeholder: Journey.form.field.placeholder || (Journey.form.field.phrases.length > 0
                             ? qsTr("Type with pinyin, or tap a common phrase below")
                             : qsTr("Type with pinyin on the keyboard below"))
                invalid: Journey.form.field.error !== ""
                maximumLength: Journey.form.field.maxLength > 0 ? Journey.form.field.maxLength : 300
                onEdited: text => Journey.form.setAnswer(Journey.form.field.id, text)
                Component.onCompleted: {
                    text = Journey.form.field.text
                    input.cursorPosition = text.length
                    input.forceActiveFocus()
                }
            }
            Text {
                textFormat: Text.PlainText
                visible: phrases.count > 0 && !page.short_ // qmllint disable unqualified
                text: qsTr("Common phrases")
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontBody
                color: Theme.textSecondary
            }
            // The phrases a page of whole rows at a time.
            PagedColumn {
                objectName: "phrasePages"
                pagerBeside: true
                Layout.fillWidth: true
                Layout.fillHeight: true
                visible: phrases.count > 0
                Flow {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    Repeater {
                        id: phrases
                        model: Journey.form.field.phrases
                        KioskButton {
                            required property string modelData
                            required property int index
                            objectName: "phrase_" + index
                            // Never wider than the area: a long phrase gets smaller type instead.
                            width: parent.width > 0 ? Math.min(implicitWidth, parent.width) : implicitWidth
                            text: modelData
                            fontSize: Theme.fontBody
                            onClicked: {
                                Journey.form.commitTyping()
                                answer.text = answer.text === "" ? modelData : answer.text + "，" + modelData // qmllint disable unqualified
                                answer.input.cursorPosition = answer.text.length // typing goes on after the phrase
                                answer.input.forceActiveFocus()
                            }
                        }
                    }
                }
            }
        }
    }

    Component {
        id: keypadEditor
        ColumnLayout {
            id: keypadRoot
            readonly property string current: Journey.form.field.text
            readonly property int limit: Journey.form.field.kind === FormSession.IdNumber ? 18 : Journey.form.field.kind === FormSession.BankCard ? 19
                                       : Journey.form.field.kind === FormSession.Phone ? 13 : 12
            spacing: Theme.spacing
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing
                AnswerBox {
                    objectName: "keypadAnswer"
                    Layout.fillWidth: true
                    readOnly: true
                    text: keypadRoot.current
                    invalid: Journey.form.field.error !== ""
                    placeholder: Journey.form.field.placeholder || (Journey.form.field.kind === FormSession.IdNumber ? qsTr("18 digits; the last may be X")
                                                         : Journey.form.field.kind === FormSession.Phone ? qsTr("Mobile or landline number")
                                                         : Journey.form.field.kind === FormSession.BankCard ? qsTr("16 to 19 digits, as on the card") : qsTr("Enter a number"))
                }
                KioskButton {
                    objectName: "clearButton"
                    text: qsTr("Clear")
                    enabled: keypadRoot.current !== ""
                    onClicked: Journey.form.setAnswer(Journey.form.field.id, "")
                }
            }
            NumericKeypad {
                objectName: "keypad"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.maximumWidth: Theme.keyHeight * 5
                Layout.alignment: Qt.AlignHCenter | Qt.AlignTop
                extraKey: Journey.form.field.kind === FormSession.IdNumber ? "X" : (Journey.form.field.kind === FormSession.Number && Journey.form.field.decimals > 0 ? "." : (Journey.form.field.kind === FormSession.Phone ? "-" : ""))
                onTyped: text => {
                    if (keypadRoot.current.length < keypadRoot.limit)
                        Journey.form.setAnswer(Journey.form.field.id, keypadRoot.current + text)
                }
                onErased: Journey.form.setAnswer(Journey.form.field.id, keypadRoot.current.slice(0, -1))
            }
        }
    }

    Component {
        id: dateEditor
        ColumnLayout {
            spacing: Theme.spacing
            Text {
                textFormat: Text.PlainText
                objectName: "dateShown"
                // Landscape is short: the picker's own year, month and day say the date there.
                visible: !Theme.landscape
                Layout.fillWidth: true
                text: Journey.form.field.text !== "" ? Journey.form.field.text : qsTr("Not chosen yet: use the buttons below")
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontHeading
                font.bold: Journey.form.field.text !== ""
                color: Journey.form.field.text !== "" ? Theme.textPrimary : Theme.textSecondary
                wrapMode: Text.Wrap
            }
            DatePicker {
                objectName: "datePicker"
                Layout.fillWidth: true
                value: Journey.form.field.text
                minDate: Journey.form.field.minDate
                maxDate: Journey.form.field.maxDate
                start: Journey.form.field.startDate
                clearable: true
                onPicked: value => Journey.form.setAnswer(Journey.form.field.id, value)
                onCleared: Journey.form.setAnswer(Journey.form.field.id, "")
            }
            Item { Layout.fillHeight: true }
        }
    }

    Component {
        id: cardOffer
        ColumnLayout {
            objectName: "cardOffer"
            spacing: Theme.spacing * 2
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: qsTr("Please place your ID card on the reader")
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontHeading
                font.bold: true
                color: Theme.textPrimary
                wrapMode: Text.Wrap
            }
            BodyText {
                Layout.fillWidth: true
                text: qsTr("Your name, ID number and what else the card holds are then filled in for you.")
            }
            KioskButton {
                objectName: "typeInsteadButton"
                Layout.fillWidth: true
                text: qsTr("No card with me: type it in")
                onClicked: Journey.form.typeInstead()
            }
            Item { Layout.fillHeight: true }
        }
    }

    Component {
        id: choiceEditor
        PagedColumn {
            id: choiceRoot
            objectName: "choicePages"
            readonly property var options: Journey.form.field.options
            GridLayout {
                id: choices
                Layout.fillWidth: true
                columns: Theme.landscape ? 2 : 1
                rowSpacing: Theme.spacing
                columnSpacing: Theme.spacing
                Repeater {
                    model: choiceRoot.options
                    ChoiceButton {
                        required property var modelData
                        required property int index
                        objectName: "choice_" + index
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        text: modelData.label
                        multiple: Journey.form.field.kind === FormSession.MultiChoice
                        checked: multiple ? Journey.form.field.chosen.indexOf(modelData.value) >= 0
                                          : Journey.form.field.value === modelData.value
                        onClicked: {
                            if (!multiple) {
                                Journey.form.setAnswer(Journey.form.field.id, modelData.value)
                                return
                            }
                            const chosen = Journey.form.field.chosen.slice()
                            const at = chosen.indexOf(modelData.value)
                            if (at >= 0)
                                chosen.splice(at, 1)
                            else
                                chosen.push(modelData.value)
                            Journey.form.setAnswer(Journey.form.field.id, chosen)
                        }
                    }
                }
            }
        }
    }
}
