// SPDX-License-Identifier: GPL-3.0-or-later
// A titled block of the item page ("所需材料", "办理时限" …).
import QtQuick
import Kiosk

Column {
    id: section

    property string title
    default property alias content: body.data

    spacing: Theme.spacing / 2

    // A heading and its rule go onto the page of what they head (WholePages).
    Text {
        textFormat: Text.PlainText
        readonly property bool keepWithNext: true
        width: section.width
        text: section.title
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontLarge
        font.bold: true
        color: Theme.primary
    }
    Rectangle {
        readonly property bool keepWithNext: true
        width: section.width
        height: 2
        color: Theme.border
    }
    Column {
        id: body
        width: section.width
        spacing: Theme.spacing / 2
    }
}
