// SPDX-License-Identifier: GPL-3.0-or-later
// A magnifying glass drawn from two shapes (no emoji font is needed on the terminal).
import QtQuick
import Kiosk

Item {
    id: icon

    property color color: Theme.textSecondary

    implicitWidth: Theme.fontLarge * 1.2
    implicitHeight: implicitWidth

    Rectangle {
        width: parent.width * 0.68
        height: width
        radius: width / 2
        color: "transparent"
        border.color: icon.color
        border.width: Math.max(3, parent.width * 0.1)
    }
    Rectangle {
        x: parent.width * 0.56
        y: parent.height * 0.66
        width: parent.width * 0.42
        height: Math.max(4, parent.width * 0.12)
        radius: height / 2
        color: icon.color
        rotation: 45
        transformOrigin: Item.Left
    }
}
