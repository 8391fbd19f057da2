// SPDX-License-Identifier: GPL-3.0-or-later
// One service item in a list: name, department and how it is handled.
import QtQuick
import Kiosk

Rectangle {
    id: delegate

    required property string code
    required property string name
    required property string department
    required property int handling
    required property int index

    /** Lines the name may take; the list sizes every row for its longest name. */
    property int nameLines: 2

    signal clicked(string code)

    implicitHeight: Math.max(Theme.touchTarget + Theme.spacing, content.implicitHeight + 2 * Theme.spacing)
    radius: Theme.radius
    color: tap.pressed ? Theme.surfaceAlt : Theme.surface
    border.color: Theme.border
    border.width: Theme.borderWidth

    Accessible.role: Accessible.ListItem
    Accessible.name: name

    Column {
        id: content
        anchors.left: parent.left
        anchors.right: chevron.left
        anchors.verticalCenter: parent.verticalCenter
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.spacing
        spacing: Theme.spacing / 2

        Text {
            textFormat: Text.PlainText
            width: parent.width
            text: delegate.name
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontLarge
            font.bold: true
            color: Theme.textPrimary
            wrapMode: Text.Wrap
            maximumLineCount: delegate.nameLines
            elide: Text.ElideRight
        }
        Row {
            spacing: Theme.spacing
            HandlingBadge {
                handling: delegate.handling
            }
            Text {
                textFormat: Text.PlainText
                anchors.verticalCenter: parent.verticalCenter
                width: content.width - x
                text: delegate.department
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                color: Theme.textSecondary
                elide: Text.ElideRight
            }
        }
    }
    Text {
        textFormat: Text.PlainText
        id: chevron
        objectName: "chevron"
        anchors.right: parent.right
        anchors.rightMargin: Theme.margin
        anchors.verticalCenter: parent.verticalCenter
        text: "›"
        font.pixelSize: Theme.fontTitle
        color: Theme.primary
    }

    TapHandler {
        id: tap
        onTapped: delegate.clicked(delegate.code)
    }
}
