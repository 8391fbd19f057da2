// SPDX-License-Identifier: GPL-3.0-or-later
// The services of one category, department or life event, most used first.
import QtQuick
import Kiosk

Item {
    id: page
    objectName: "serviceListPage"

    Column {
        id: heading
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: Theme.margin
        spacing: Theme.spacing / 2
        Text {
            textFormat: Text.PlainText
            width: parent.width
            text: Session.listTitle
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontTitle
            font.bold: true
            color: Theme.textPrimary
            elide: Text.ElideRight
        }
        Text {
            textFormat: Text.PlainText
            text: qsTr("%n service(s)", "", Session.items.count)
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontBody
            color: Theme.textSecondary
        }
    }

    ServiceList {
        objectName: "serviceList"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: heading.bottom
        anchors.bottom: parent.bottom
        anchors.margins: Theme.margin
        services: Session.items
        emptyText: qsTr("No services here.")
        onChosen: code => Session.openItem(code)
    }
}
