// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import Kiosk

Text {
    textFormat: Text.PlainText
    width: parent ? parent.width : implicitWidth
    font.family: Theme.fontFamily
    font.pixelSize: Theme.fontBody
    lineHeight: Theme.lineHeight
    color: Theme.textPrimary
    wrapMode: Text.Wrap
}
