// SPDX-License-Identifier: GPL-3.0-or-later
// Top bar: where the resident is, the time, and the 大字版 / language switches.
import QtQuick
import Kiosk

Rectangle {
    id: header

    property string centerName
    property string terminalName
    property bool elderMode: false
    property string language: "zh_CN"
    property string residentName
    property string residentIdMasked

    signal elderModeToggled
    signal languageToggled
    /** Staff hold the centre's name for three seconds to open the PIN pad. */
    signal staffGesture

    implicitHeight: Theme.headerHeight
    color: Theme.primary

    Column {
        id: identity
        objectName: "headerIdentity"
        anchors.left: parent.left
        anchors.leftMargin: Theme.margin
        anchors.right: switches.left
        anchors.rightMargin: Theme.spacing
        anchors.verticalCenter: parent.verticalCenter
        TapHandler {
            longPressThreshold: 3
            onLongPressed: header.staffGesture()
        }
        Text {
            textFormat: Text.PlainText
            width: parent.width
            text: header.centerName
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontLarge
            font.bold: true
            color: Theme.textOnDark
            // Smaller rather than cut (a long English name beside the two switches).
            fontSizeMode: Text.HorizontalFit
            minimumPixelSize: Theme.fontSmall
            elide: Text.ElideRight
        }
        // Who is identified, then the time when there is room for it: the greeting is never cut.
        Row {
            width: parent.width
            spacing: Theme.spacing
            Text {
                textFormat: Text.PlainText
                id: greeting
                objectName: "headerGreeting"
                width: Math.min(implicitWidth, parent.width)
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                color: Theme.textOnDark
                elide: Text.ElideRight
                text: header.residentName.length > 0
                      ? qsTr("Hello, %1 (%2)").arg(header.residentName).arg(header.residentIdMasked)
                      : header.terminalName
            }
            Text {
                textFormat: Text.PlainText
                id: clock
                objectName: "headerClock"
                visible: greeting.implicitWidth + parent.spacing + implicitWidth <= parent.width
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                color: Theme.textOnDark
                text: now
                property string now
                // Once a minute, just after the minute turns (not every few seconds: an idle
                // terminal should sleep).
                function refresh() {
                    const t = new Date()
                    now = Qt.formatDateTime(t, "yyyy-MM-dd hh:mm")
                    tick.interval = 60000 - (t.getSeconds() * 1000 + t.getMilliseconds()) + 200
                    tick.restart()
                }
                Component.onCompleted: refresh()
                Timer {
                    id: tick
                    interval: 60000
                    onTriggered: clock.refresh()
                }
            }
        }
    }

    Row {
        id: switches
        anchors.right: parent.right
        anchors.rightMargin: Theme.margin
        anchors.verticalCenter: parent.verticalCenter
        spacing: Theme.spacing

        ToggleChip {
            objectName: "elderModeSwitch"
            // 大字版 in the Chinese interface: an elderly resident looks for these exact characters.
            text: header.elderMode ? qsTr("Large text") + " ✓" : qsTr("Large text")
            checked: header.elderMode
            onToggled: header.elderModeToggled()
        }
        ToggleChip {
            objectName: "languageSwitch"
            text: header.language === "en" ? "中文" : "English"
            onToggled: header.languageToggled()
        }
    }
}
