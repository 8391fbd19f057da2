// SPDX-License-Identifier: GPL-3.0-or-later
// A two-state switch shown as a labelled pill: 大字版 on/off, 中文/English.
import QtQuick
import Kiosk

Rectangle {
    id: chip

    property alias text: label.text
    property bool checked: false

    signal toggled

    implicitWidth: label.implicitWidth + 2 * Theme.margin
    implicitHeight: Math.min(Theme.touchTarget, Theme.headerHeight - 16)
    radius: height / 2
    color: checked ? Theme.accent : (tap.pressed ? Qt.darker(Theme.primary, 1.3) : "transparent")
    border.color: Theme.textOnPrimary
    border.width: 2

    Accessible.role: Accessible.CheckBox
    Accessible.checked: checked
    Accessible.name: label.text

    Text {
        textFormat: Text.PlainText
        id: label
        anchors.centerIn: parent
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontBody
        font.bold: true
        color: Theme.textOnPrimary
    }
    TapHandler {
        id: tap
        onTapped: chip.toggled()
    }
}
