// SPDX-License-Identifier: GPL-3.0-or-later
// Bottom bar, always in the same place: back, home, and end the visit.
import QtQuick
import Kiosk

Rectangle {
    id: nav

    property bool canGoBack: true

    signal backClicked
    signal homeClicked
    signal endClicked

    implicitHeight: Theme.navigationHeight
    color: Theme.surface
    border.color: Theme.border
    border.width: Theme.borderWidth

    Row {
        anchors.centerIn: parent
        spacing: Theme.spacing * 2
        readonly property int buttonWidth: Math.min(340, (nav.width - 2 * Theme.margin - 2 * spacing) / 3)

        KioskButton {
            objectName: "backButton"
            width: parent.buttonWidth
            text: qsTr("‹ Back")
            enabled: nav.canGoBack
            onClicked: nav.backClicked()
        }
        KioskButton {
            objectName: "homeButton"
            width: parent.buttonWidth
            text: qsTr("Home")
            primary: true
            onClicked: nav.homeClicked()
        }
        KioskButton {
            objectName: "endButton"
            width: parent.buttonWidth
            text: qsTr("Finish")
            onClicked: nav.endClicked()
        }
    }
}
