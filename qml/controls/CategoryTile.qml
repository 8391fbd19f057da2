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
    /** The disc beside the words rather than above them, where the height is short. */
    property bool compact: false

    signal clicked

    implicitHeight: Theme.tileHeight
    radius: Theme.radius
    color: tap.pressed ? Theme.surfaceAlt : Theme.surface
    border.color: Theme.border
    border.width: Theme.borderWidth

    Accessible.role: Accessible.Button
    Accessible.name: title

    Grid {
        id: content
        anchors.centerIn: parent
        columns: tile.compact ? 2 : 1
        spacing: tile.compact ? Theme.spacing : Theme.spacing / 2
        horizontalItemAlignment: Grid.AlignHCenter
        verticalItemAlignment: Grid.AlignVCenter

        Rectangle {
            id: disc
            width: Theme.tileGlyph
            height: width
            radius: width / 2
            color: tile.tint
            Text {
                textFormat: Text.PlainText
                anchors.centerIn: parent
                text: tile.glyph
                font.family: Theme.fontFamily
                font.pixelSize: parent.width * 0.52
                font.bold: true
                color: Theme.textOnPrimary
            }
        }
        Column {
            width: tile.compact ? tile.width - disc.width - 2.5 * Theme.spacing : tile.width - 2 * Theme.spacing
            Text {
                textFormat: Text.PlainText
                width: parent.width
                horizontalAlignment: tile.compact ? Text.AlignLeft : Text.AlignHCenter
                text: tile.title
                font.family: Theme.fontFamily
                font.pixelSize: tile.compact ? Theme.fontBody : Theme.fontLarge
                font.bold: true
                color: Theme.textPrimary
                // One line, smaller if need be; beside the disc, up to two lines, smaller if need be.
                height: Math.ceil(tile.compact ? 2 * Theme.fontBody * 1.45 : Theme.fontLarge * 1.45)
                wrapMode: tile.compact ? Text.WordWrap : Text.NoWrap // never inside a word: smaller instead
                fontSizeMode: tile.compact ? Text.Fit : Text.HorizontalFit
                verticalAlignment: Text.AlignVCenter
                minimumPixelSize: Theme.fontSmall
                elide: Text.ElideRight
            }
            Text {
                textFormat: Text.PlainText
                width: parent.width
                horizontalAlignment: tile.compact ? Text.AlignLeft : Text.AlignHCenter
                text: qsTr("%n service(s)", "", tile.itemCount)
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                color: Theme.textSecondary
            }
        }
    }

    TapHandler {
        id: tap
        onTapped: tile.clicked()
    }
}
