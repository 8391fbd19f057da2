// SPDX-License-Identifier: GPL-3.0-or-later
// Back, home, and end the visit: a bar at the bottom, or a column beside the keyboard while
// typing in landscape. Always on screen during a visit.
import QtQuick
import Kiosk

Rectangle {
    id: nav

    property bool canGoBack: true
    /** Buttons one above the other (beside the keyboard). */
    property bool vertical: false

    signal backClicked
    signal homeClicked
    signal endClicked

    implicitHeight: Theme.navigationHeight
    color: Theme.surface
    border.color: Theme.border
    border.width: Theme.borderWidth

    Grid {
        anchors.centerIn: parent
        columns: nav.vertical ? 1 : 3
        spacing: Theme.spacing * 2
        readonly property int buttonWidth: nav.vertical ? Math.min(400, nav.width - 2 * Theme.margin)
                                                        : Math.min(340, (nav.width - 2 * Theme.margin - 2 * spacing) / 3)

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
            // Outlined like its neighbours: the filled button on a screen is that page's own
            // next step (submit, next question), never a way off it.
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
