// SPDX-License-Identifier: GPL-3.0-or-later
// Departments or life events, each with how many services it has.
import QtQuick
import Kiosk

Item {
    id: page
    objectName: "facetListPage"

    Text {
        textFormat: Text.PlainText
        id: title
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: Theme.margin
        text: Session.listTitle
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontTitle
        font.bold: true
        color: Theme.textPrimary
        elide: Text.ElideRight
    }

    PagedList {
        id: grid
        objectName: "facetGrid"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: title.bottom
        anchors.bottom: parent.bottom
        anchors.margins: Theme.margin
        columns: Theme.landscape ? (Theme.elder ? 3 : 4) : (Theme.elder ? 1 : 2)
        rowHeight: Theme.touchTarget * 1.5
        model: Session.facets
        delegate: Item {
            id: cell
            required property string facetId
            required property string name
            required property int count
            // Created inside PagedList.qml: Qt 6.4 cannot bind it to this file (a tool gap).
            width: grid.view.cellWidth - Theme.spacing // qmllint disable unqualified
            height: grid.rowHeight // qmllint disable unqualified
            Rectangle {
                objectName: "facet_" + cell.facetId
                anchors.fill: parent
                radius: Theme.radius
                color: tap.pressed ? Theme.surfaceAlt : Theme.surface
                border.color: Theme.border
                border.width: Theme.borderWidth
                Accessible.role: Accessible.Button
                Accessible.name: cell.name
                Column {
                    anchors.verticalCenter: parent.verticalCenter
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.margins: Theme.margin
                    Text {
                        textFormat: Text.PlainText
                        width: parent.width
                        text: cell.name
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontLarge
                        font.bold: true
                        color: Theme.textPrimary
                        wrapMode: Text.Wrap
                        maximumLineCount: 2
                        elide: Text.ElideRight
                    }
                    Text {
                        textFormat: Text.PlainText
                        text: qsTr("%n service(s)", "", cell.count)
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontSmall
                        color: Theme.textSecondary
                    }
                }
                TapHandler {
                    id: tap
                    onTapped: Session.openFacet(cell.facetId)
                }
            }
        }
    }
}
