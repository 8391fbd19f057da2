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

    /** The width the words need. */
    readonly property real implicitContentWidth: label.implicitWidth + 2 * Theme.margin
    implicitWidth: Math.max(Theme.touchTarget * 2, implicitContentWidth)
    implicitHeight: Theme.touchTarget
    radius: Theme.radius
    // Not available: grey, with its words still readable (they often say what to do first).
    color: !enabled ? Theme.disabledFill
                    : accent ? (pressed ? Theme.accentPressed : Theme.accent)
                    : primary ? (pressed ? Theme.primaryPressed : Theme.primary)
                    : (pressed ? Theme.surfaceAlt : Theme.surface)
    border.color: !enabled ? Theme.disabledBorder : primary || accent ? "transparent" : Theme.primary
    border.width: Math.max(2, Theme.borderWidth)

    Accessible.role: Accessible.Button
    Accessible.name: label.text
    Accessible.onPressAction: button.clicked()

    Text {
        textFormat: Text.PlainText
        id: label
        anchors.fill: parent
        anchors.leftMargin: Theme.spacing
        anchors.rightMargin: Theme.spacing
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        font.family: Theme.fontFamily
        font.pixelSize: button.fontSize
        font.bold: true
        color: !button.enabled ? Theme.disabledText : button.primary || button.accent ? Theme.textOnPrimary : Theme.primary
        elide: Text.ElideRight
        fontSizeMode: Text.HorizontalFit
        minimumPixelSize: Theme.fontSmall
    }

    TapHandler {
        id: tap
        onTapped: button.clicked()
    }
}
