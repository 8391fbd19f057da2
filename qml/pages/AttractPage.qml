// SPDX-License-Identifier: GPL-3.0-or-later
// What a passer-by sees: what the terminal does and how to begin. Any touch starts a visit.
import QtQuick
import Kiosk
import Kiosk.Devices

Rectangle {
    id: page
    objectName: "attractPage"

    gradient: Gradient {
        GradientStop { position: 0; color: Theme.attractTop }
        GradientStop { position: 1; color: Theme.attractBottom }
    }

    TapHandler {
        // A tap anywhere starts, except on the buttons, which start where they say, and on the
        // switches, which only switch.
        onTapped: eventPoint => {
            const p = shortcuts.mapFromItem(page, eventPoint.position)
            const q = switches.mapFromItem(page, eventPoint.position)
            if (!shortcuts.contains(p) && !switches.contains(q))
                Session.start()
        }
    }

    // 大字版 and English before starting, where the header has them during a visit.
    Row {
        id: switches
        anchors.top: parent.top
        anchors.right: parent.right
        anchors.margins: Theme.margin
        spacing: Theme.spacing
        ToggleChip {
            objectName: "attractElderSwitch"
            text: Session.elderMode ? qsTr("Large text") + " ✓" : qsTr("Large text")
            checked: Session.elderMode
            onToggled: Session.elderMode = !Session.elderMode
        }
        ToggleChip {
            objectName: "attractLanguageSwitch"
            text: Session.english ? "中文" : "English"
            onToggled: Session.toggleLanguage()
        }
    }

    Column {
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.verticalCenter: parent.verticalCenter
        anchors.verticalCenterOffset: (switches.height - footer.height) / 2
        width: parent.width - 4 * Theme.margin
        spacing: Theme.landscape ? Theme.spacing * 1.5 : Theme.spacing * 3

        Text {
            textFormat: Text.PlainText
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: Session.centerName
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontHeading
            color: Theme.textOnDark
            wrapMode: Text.Wrap
        }
        Text {
            textFormat: Text.PlainText
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("24-hour self-service")
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontDisplay
            font.bold: true
            color: Theme.textOnDark
            wrapMode: Text.Wrap
        }
        Text {
            textFormat: Text.PlainText
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("%n services for residents: social security, medical insurance, elderly care, childcare, housing fund and more", "", Session.itemTotal)
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontLarge
            lineHeight: Theme.lineHeight
            color: Theme.textOnDark
            wrapMode: Text.Wrap
        }

        Rectangle {
            objectName: "startButton"
            anchors.horizontalCenter: parent.horizontalCenter
            width: Math.min(parent.width, 760)
            height: Theme.touchTarget * 1.6
            radius: height / 2
            color: Theme.accent
            Text {
                textFormat: Text.PlainText
                anchors.centerIn: parent
                text: qsTr("Touch to start")
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.textOnAccent
            }
            // Alive, then at rest: two slow pulses when the screen appears and then once a
            // minute. A pulse running all the time redraws the screen every frame (5 % of a core on
            // a terminal that waits all night; docs/appliance.md, "Idle").
            SequentialAnimation on scale {
                id: pulse
                loops: 2
                running: !Theme.elder
                NumberAnimation { from: 1; to: 1.04; duration: 900; easing.type: Easing.InOutQuad }
                NumberAnimation { from: 1.04; to: 1; duration: 900; easing.type: Easing.InOutQuad }
            }
            Timer {
                interval: 60000
                repeat: true
                running: !Theme.elder
                onTriggered: pulse.restart()
            }
        }
        Text {
            textFormat: Text.PlainText
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            visible: Devices.idCardStatus !== DeviceStatus.Fault
            text: qsTr("or place your ID card on the reader below")
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontLarge
            color: Theme.textOnDark
            wrapMode: Text.Wrap
        }
        Row {
            id: shortcuts
            anchors.horizontalCenter: parent.horizontalCenter
            spacing: Theme.margin
            component AttractButton: Rectangle {
                id: attractButton
                property alias text: label.text
                signal clicked
                width: Math.max(340, label.implicitWidth + 2 * Theme.margin)
                height: Theme.touchTarget
                radius: height / 2
                color: "transparent"
                border.color: Theme.textOnDark
                border.width: 3
                Accessible.role: Accessible.Button
                Accessible.name: label.text
                Text {
                    textFormat: Text.PlainText
                    id: label
                    anchors.centerIn: parent
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontLarge
                    font.bold: true
                    color: Theme.textOnDark
                }
                // Later: the page goes away when the screen changes.
                Timer { id: later; interval: 0; onTriggered: attractButton.clicked() }
                TapHandler { onTapped: later.start() }
            }
            AttractButton {
                objectName: "attractProgressButton"
                text: qsTr("Check progress")
                onClicked: Session.openProgress()
            }
            AttractButton {
                objectName: "attractSuggestionButton"
                text: qsTr("12345 suggestions")
                onClicked: Session.suggest()
            }
        }
    }

    Text {
        textFormat: Text.PlainText
        id: footer
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.margin
        anchors.horizontalCenter: parent.horizontalCenter
        width: parent.width - 2 * Theme.margin
        horizontalAlignment: Text.AlignHCenter
        text: Session.terminalName
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
        color: Theme.textOnDark
        wrapMode: Text.Wrap
    }
}
