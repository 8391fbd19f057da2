// SPDX-License-Identifier: GPL-3.0-or-later
// "My requests": what this terminal knows of a resident's requests (found by their ID card or a
// receipt's code), each with the department's latest status and reply.
import QtQuick
import QtQuick.Layouts
import Kiosk

Item {
    id: page
    objectName: "progressPage"

    Component.onCompleted: {
        if (Journey.lookup === "" && Session.identified)
            Journey.lookupByCard()
    }

    Flickable {
        id: flick
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: pager.top
        anchors.margins: Theme.margin
        contentHeight: column.implicitHeight
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        ColumnLayout {
            id: column
            width: flick.width
            spacing: Theme.spacing * 1.5

            Text {
                Layout.fillWidth: true
                text: qsTr("Progress of my requests")
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.textPrimary
                wrapMode: Text.Wrap
            }
            Rectangle {
                objectName: "progressHint"
                Layout.fillWidth: true
                visible: Journey.lookup === ""
                Layout.preferredHeight: visible ? hint.implicitHeight + 2 * Theme.margin : 0
                radius: Theme.radius
                color: Theme.surfaceAlt
                BodyText {
                    id: hint
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.verticalCenter: parent.verticalCenter
                    anchors.margins: Theme.margin
                    font.pixelSize: Theme.fontHeading
                    text: qsTr("Place your ID card on the reader, or hold the QR code on your receipt under the scanner.")
                }
            }
            BodyText {
                objectName: "progressEmpty"
                Layout.fillWidth: true
                visible: Journey.lookup !== "" && Journey.requests.length === 0
                font.pixelSize: Theme.fontLarge
                text: qsTr("This terminal has no requests of yours. Requests made at a counter or online are not shown here; staff can look them up.")
            }
            BodyText {
                Layout.fillWidth: true
                visible: Journey.requests.length > 0
                color: Theme.textSecondary
                text: Journey.lookup === "card" ? qsTr("Requests made at this terminal with your ID card, newest first.")
                                                : qsTr("The request on your receipt.")
            }
            Repeater {
                model: Journey.requests
                Rectangle {
                    id: card
                    required property var modelData
                    required property int index
                    objectName: "request_" + index
                    Layout.fillWidth: true
                    Layout.preferredHeight: cardColumn.implicitHeight + 2 * Theme.margin
                    radius: Theme.radius
                    color: Theme.surface
                    border.color: Theme.border
                    border.width: Math.max(1, Theme.borderWidth)
                    ColumnLayout {
                        id: cardColumn
                        anchors.left: parent.left
                        anchors.right: parent.right
                        anchors.top: parent.top
                        anchors.margins: Theme.margin
                        spacing: Theme.spacing / 2
                        Text {
                            Layout.fillWidth: true
                            text: card.modelData.itemName
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.fontHeading
                            font.bold: true
                            color: Theme.textPrimary
                            wrapMode: Text.Wrap
                        }
                        Text {
                            Layout.fillWidth: true
                            text: qsTr("No. %1 · submitted %2").arg(card.modelData.number).arg(card.modelData.submitted)
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.fontBody
                            color: Theme.textSecondary
                            wrapMode: Text.Wrap
                        }
                        Rectangle {
                            objectName: "status"
                            Layout.preferredWidth: statusText.implicitWidth + 2 * Theme.margin
                            Layout.maximumWidth: cardColumn.width
                            Layout.preferredHeight: statusText.implicitHeight + Theme.spacing
                            radius: height / 2
                            readonly property string st: card.modelData.state
                            color: st === "done" ? Theme.badgeTerminal : st === "rejected" || st === "dead" ? Theme.accent
                                 : st === "pending" || st === "sending" ? Theme.badgeGuide : Theme.primary
                            Text {
                                id: statusText
                                objectName: "statusText"
                                anchors.centerIn: parent
                                width: Math.min(implicitWidth, cardColumn.width - 2 * Theme.margin)
                                text: card.modelData.statusText
                                font.family: Theme.fontFamily
                                font.pixelSize: Theme.fontLarge
                                font.bold: true
                                color: Theme.textOnPrimary
                                wrapMode: Text.Wrap
                            }
                        }
                        BodyText {
                            objectName: "reply"
                            Layout.fillWidth: true
                            visible: card.modelData.message !== ""
                            font.pixelSize: Theme.fontLarge
                            text: qsTr("Reply: %1").arg(card.modelData.message)
                        }
                    }
                }
            }
        }
    }

    PagerBar {
        id: pager
        anchors.bottom: parent.bottom
        anchors.bottomMargin: visible ? Theme.spacing : 0
        anchors.horizontalCenter: parent.horizontalCenter
        target: flick
        needed: column.implicitHeight > page.height - 2 * Theme.margin
    }
}
