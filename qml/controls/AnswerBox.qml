// SPDX-License-Identifier: GPL-3.0-or-later
// The answer being typed, in large type: a text input for the on-screen keyboard, or a display for
// answers built with the keypad (readOnly).
import QtQuick
import Kiosk

Rectangle {
    id: box

    property alias text: input.text
    property alias input: input
    property string placeholder: ""
    property bool readOnly: false
    property bool invalid: false
    property int maximumLength: 300

    signal edited(string text)

    implicitHeight: Math.max(Theme.touchTarget * 1.2, input.contentHeight + 2 * Theme.spacing)
    radius: Theme.radius
    color: Theme.surface
    border.color: invalid ? Theme.accent : (input.activeFocus ? Theme.primary : Theme.border)
    border.width: invalid || input.activeFocus ? Math.max(3, Theme.borderWidth) : Math.max(2, Theme.borderWidth)

    TextEdit {
        id: input
        objectName: "answerInput"
        anchors.fill: parent
        anchors.margins: Theme.spacing
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontHeading
        color: Theme.textPrimary
        wrapMode: TextEdit.Wrap
        readOnly: box.readOnly
        activeFocusOnPress: !box.readOnly
        verticalAlignment: TextEdit.AlignVCenter
        inputMethodHints: Qt.ImhNoPredictiveText
        onTextChanged: {
            if (text.length > box.maximumLength)
                text = text.slice(0, box.maximumLength)
            else if (!box.readOnly)
                box.edited(text)
        }
    }
    Text {
        textFormat: Text.PlainText
        objectName: "placeholder"
        anchors.fill: input
        visible: input.text === "" && input.preeditText === ""
        text: box.placeholder
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontLarge
        color: Theme.placeholder
        verticalAlignment: Text.AlignVCenter
        wrapMode: Text.Wrap
        // Smaller before cut: a long hint fits the field on two lines at the body size.
        fontSizeMode: Text.Fit
        minimumPixelSize: Theme.fontSmall
        elide: Text.ElideRight
    }
}
