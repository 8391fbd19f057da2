// SPDX-License-Identifier: GPL-3.0-or-later
// One answer of a choice: a full-width button with a mark that says chosen in words and shape,
// not only in colour.
import QtQuick
import Kiosk

Rectangle {
    id: choice

    property alias text: label.text
    property bool checked: false
    property bool multiple: false

    signal clicked

    implicitHeight: Math.max(Theme.touchTarget, label.implicitHeight + 2 * Theme.spacing)
    radius: Theme.radius
    color: checked ? Theme.primary : (tap.pressed ? Theme.surfaceAlt : Theme.surface)
    border.color: Theme.primary
    border.width: Math.max(2, Theme.borderWidth)

    Accessible.role: multiple ? Accessible.CheckBox : Accessible.RadioButton
    Accessible.checked: checked
    Accessible.name: label.text

    Text {
        textFormat: Text.PlainText
        id: mark
        anchors.left: parent.left
        anchors.leftMargin: Theme.margin
        anchors.verticalCenter: parent.verticalCenter
        text: choice.checked ? "✔" : (choice.multiple ? "☐" : "○")
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontHeading
        color: choice.checked ? Theme.textOnPrimary : Theme.primary
    }
    Text {
        textFormat: Text.PlainText
        id: label
        anchors.left: mark.right
        anchors.leftMargin: Theme.spacing * 1.5
        anchors.right: parent.right
        anchors.rightMargin: Theme.margin
        anchors.verticalCenter: parent.verticalCenter
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontLarge
        font.bold: choice.checked
        color: choice.checked ? Theme.textOnPrimary : Theme.textPrimary
        wrapMode: Text.Wrap
    }
    TapHandler {
        id: tap
        onTapped: choice.clicked()
    }
}
