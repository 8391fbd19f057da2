// SPDX-License-Identifier: GPL-3.0-or-later
// The form, one question at a time: the question in large type, why it is asked (on request),
// what is wrong with the answer beside it, and the right way to answer it — the keyboard with
// pinyin for text, a keypad for numbers, phones and ID numbers, large buttons for dates and
// choices. What the ID card holds is not asked again.
import QtQuick
import QtQuick.Layouts
import Kiosk

Item {
    id: page
    objectName: "formPage"

    readonly property var field: Journey.field
    readonly property string type: field.type || ""
    property bool showPurpose: false

    function goNext() {
        Qt.inputMethod.commit()
        const result = Journey.next()
        if (result === "review")
            Session.openReview()
        else if (result === "step")
            page.showPurpose = false
    }
    function goPrevious() {
        Qt.inputMethod.commit()
        page.showPurpose = false
        if (!Journey.previous())
            Session.back()
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.spacing

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            Text {
                Layout.fillWidth: true
                text: Journey.title
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontBody
                color: Theme.textSecondary
                elide: Text.ElideRight
            }
            Text {
                objectName: "stepText"
                text: qsTr("Question %1 of %2").arg(Journey.step + 1).arg(Journey.stepCount)
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontBody
                font.bold: true
                color: Theme.primary
            }
        }
        Rectangle {
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.spacing / 2
            color: Theme.surfaceAlt
            Rectangle {
                width: parent.width * (Journey.step + 1) / Math.max(1, Journey.stepCount)
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
                    Text {
                        objectName: "fieldLabel"
                        Layout.fillWidth: true
                        text: (page.field.label || "") + (page.field.required === false ? "  " + qsTr("(optional)") : "")
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontTitle
                        font.bold: true
                        color: Theme.textPrimary
                        wrapMode: Text.Wrap
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
                        text: qsTr("Why we ask: %1").arg(page.field.purpose || "")
                    }
                }
                FieldError {
                    objectName: "fieldError"
                    Layout.fillWidth: true
                    Layout.preferredHeight: implicitHeight
                    text: page.field.error || ""
                }
                Item {
                    visible: Theme.landscape
                    Layout.fillHeight: true
                }
                NavigationButtons {
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
                    switch (page.type) {
                    case "number": case "phone": case "idNumber": return keypadEditor
                    case "date": return dateEditor
                    case "choice": case "yesNo": case "multiChoice": return choiceEditor
                    case "": return null
                    default: return textEditor
                    }
                }
                property string shownId: Journey.field.id || ""
                Connections {
                    target: Journey
                    // A new question gets a fresh editor (the text box keeps no earlier answer).
                    function onStepChanged() {
                        if (editor.shownId !== (Journey.field.id || "")) {
                            editor.shownId = Journey.field.id || ""
                            editor.active = false
                            editor.active = true
                        }
                    }
                }
            }
        }

        NavigationButtons {
            visible: !Theme.landscape
        }
    }

    component NavigationButtons: RowLayout {
        Layout.fillWidth: true
        spacing: Theme.spacing * 2
        KioskButton {
            objectName: "previousButton"
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            text: Journey.step > 0 ? qsTr("Previous question") : qsTr("Back to the service")
            onClicked: page.goPrevious()
        }
        KioskButton {
            objectName: "nextButton"
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            primary: true
            text: Journey.step + 1 >= Journey.stepCount ? qsTr("Check my answers") : qsTr("Next")
            onClicked: page.goNext()
        }
    }

    Component {
        id: textEditor
        Flickable {
            contentHeight: textColumn.implicitHeight
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            ColumnLayout {
                id: textColumn
                width: parent.width
                spacing: Theme.spacing
                AnswerBox {
                    id: answer
                    objectName: "textAnswer"
                    Layout.fillWidth: true
                    placeholder: page.field.placeholder || (page.field.phrases && page.field.phrases.length
                                 ? qsTr("Type with pinyin, or tap a common phrase below")
                                 : qsTr("Type with pinyin on the keyboard below"))
                    invalid: (page.field.error || "") !== ""
                    maximumLength: page.field.maxLength || 300
                    onEdited: text => Journey.setAnswer(page.field.id, text)
                    Component.onCompleted: {
                        text = page.field.value || ""
                        input.cursorPosition = text.length
                        input.forceActiveFocus()
                    }
                }
                Text {
                    visible: phrases.count > 0
                    text: qsTr("Common phrases")
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontBody
                    color: Theme.textSecondary
                }
                Flow {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    Repeater {
                        id: phrases
                        model: page.field.phrases || []
                        KioskButton {
                            required property string modelData
                            required property int index
                            objectName: "phrase_" + index
                            text: modelData
                            fontSize: Theme.fontBody
                            onClicked: {
                                Qt.inputMethod.commit()
                                answer.text = answer.text === "" ? modelData : answer.text + "，" + modelData
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
            readonly property string current: page.field.value === undefined || page.field.value === null ? "" : String(page.field.value)
            readonly property int limit: page.type === "idNumber" ? 18 : page.type === "phone" ? 13 : 12
            spacing: Theme.spacing
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing
                AnswerBox {
                    objectName: "keypadAnswer"
                    Layout.fillWidth: true
                    readOnly: true
                    text: keypadRoot.current
                    invalid: (page.field.error || "") !== ""
                    placeholder: page.field.placeholder || (page.type === "idNumber" ? qsTr("18 digits; the last may be X")
                                                         : page.type === "phone" ? qsTr("Mobile or landline number") : qsTr("Enter a number"))
                }
                KioskButton {
                    objectName: "clearButton"
                    text: qsTr("Clear")
                    enabled: keypadRoot.current !== ""
                    onClicked: Journey.setAnswer(page.field.id, "")
                }
            }
            NumericKeypad {
                objectName: "keypad"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.maximumWidth: Theme.keyHeight * 5
                Layout.alignment: Qt.AlignHCenter | Qt.AlignTop
                extraKey: page.type === "idNumber" ? "X" : (page.type === "number" && page.field.decimals > 0 ? "." : (page.type === "phone" ? "-" : ""))
                onTyped: text => {
                    if (keypadRoot.current.length < keypadRoot.limit)
                        Journey.setAnswer(page.field.id, keypadRoot.current + text)
                }
                onErased: Journey.setAnswer(page.field.id, keypadRoot.current.slice(0, -1))
            }
        }
    }

    Component {
        id: dateEditor
        ColumnLayout {
            spacing: Theme.spacing
            Text {
                objectName: "dateShown"
                Layout.fillWidth: true
                text: page.field.value ? page.field.value : qsTr("Not chosen yet: use the buttons below")
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontHeading
                font.bold: !!page.field.value
                color: page.field.value ? Theme.textPrimary : Theme.textSecondary
                wrapMode: Text.Wrap
            }
            DatePicker {
                objectName: "datePicker"
                Layout.fillWidth: true
                value: page.field.value || ""
                minDate: page.field.minDate || "1900-01-01"
                maxDate: page.field.maxDate || "2100-12-31"
                start: page.field.minDate > "2000-01-01" ? page.field.minDate : (page.field.maxDate || "")
                onPicked: value => Journey.setAnswer(page.field.id, value)
            }
            Item { Layout.fillHeight: true }
        }
    }

    Component {
        id: choiceEditor
        Flickable {
            id: choiceRoot
            contentHeight: choices.implicitHeight
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            readonly property var options: page.type === "yesNo"
                ? [{ value: true, label: qsTr("Yes") }, { value: false, label: qsTr("No") }]
                : (page.field.options || [])
            GridLayout {
                id: choices
                width: parent.width
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
                        multiple: page.type === "multiChoice"
                        checked: multiple ? (page.field.value || []).indexOf(modelData.value) >= 0
                                          : page.field.value === modelData.value
                        onClicked: {
                            if (!multiple) {
                                Journey.setAnswer(page.field.id, modelData.value)
                                return
                            }
                            const chosen = (page.field.value || []).slice()
                            const at = chosen.indexOf(modelData.value)
                            if (at >= 0)
                                chosen.splice(at, 1)
                            else
                                chosen.push(modelData.value)
                            Journey.setAnswer(page.field.id, chosen)
                        }
                    }
                }
            }
        }
    }
}
