// SPDX-License-Identifier: GPL-3.0-or-later
// A large touch button. `primary` fills it; otherwise it is outlined.
import QtQuick
import Kiosk

Rectangle {
    id: button

    property alias text: label.text
    property bool primary: false
    property bool accent: false
    property int fontSize: Theme.fontBody
    readonly property bool pressed: tap.pressed

    signal clicked

    implicitWidth: Math.max(Theme.touchTarget * 2, label.implicitWidth + 2 * Theme.margin)
    implicitHeight: Theme.touchTarget
    radius: Theme.radius
    color: accent ? (pressed ? Qt.darker(Theme.accent, 1.2) : Theme.accent)
                  : primary ? (pressed ? Theme.primaryPressed : Theme.primary)
                            : (pressed ? Theme.surfaceAlt : Theme.surface)
    border.color: primary || accent ? "transparent" : Theme.primary
    border.width: Math.max(2, Theme.borderWidth)
    opacity: enabled ? 1 : 0.45

    Accessible.role: Accessible.Button
    Accessible.name: label.text
    Accessible.onPressAction: button.clicked()

    Text {
        id: label
        anchors.fill: parent
        anchors.leftMargin: Theme.spacing
        anchors.rightMargin: Theme.spacing
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        font.family: Theme.fontFamily
        font.pixelSize: button.fontSize
        font.bold: true
        color: button.primary || button.accent ? Theme.textOnPrimary : Theme.primary
        elide: Text.ElideRight
        fontSizeMode: Text.HorizontalFit
        minimumPixelSize: Theme.fontSmall
    }

    TapHandler {
        id: tap
        onTapped: button.clicked()
    }
}
