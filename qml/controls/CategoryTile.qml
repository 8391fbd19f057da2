// SPDX-License-Identifier: GPL-3.0-or-later
// A tile for one way into the catalog: a glyph in a disc, a name and how many items it holds.
import QtQuick
import Kiosk

Rectangle {
    id: tile

    property string glyph
    property string title
    property int itemCount: 0
    property color tint: Theme.primary

    signal clicked

    implicitHeight: Theme.tileHeight
    radius: Theme.radius
    color: tap.pressed ? Theme.surfaceAlt : Theme.surface
    border.color: Theme.border
    border.width: Theme.borderWidth

    Accessible.role: Accessible.Button
    Accessible.name: title

    Column {
        anchors.centerIn: parent
        width: parent.width - 2 * Theme.spacing
        spacing: Theme.spacing / 2

        Rectangle {
            anchors.horizontalCenter: parent.horizontalCenter
            width: Theme.tileGlyph
            height: width
            radius: width / 2
            color: tile.tint
            Text {
                anchors.centerIn: parent
                text: tile.glyph
                font.family: Theme.fontFamily
                font.pixelSize: parent.width * 0.52
                font.bold: true
                color: Theme.textOnPrimary
            }
        }
        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: tile.title
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontLarge
            font.bold: true
            color: Theme.textPrimary
            fontSizeMode: Text.HorizontalFit
            minimumPixelSize: Theme.fontSmall
            elide: Text.ElideRight
        }
        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("%n service(s)", "", tile.itemCount)
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            color: Theme.textSecondary
        }
    }

    TapHandler {
        id: tap
        onTapped: tile.clicked()
    }
}
