// SPDX-License-Identifier: GPL-3.0-or-later
// "Check progress" (查询办理进度): what this terminal knows of a resident's requests (found by their ID card or a
// receipt's code), each with the department's latest status and reply.
import QtQuick
import QtQuick.Layouts
import Kiosk

Item {
    id: page
    objectName: "progressPage"
    // One column, or two in landscape, of the page's width inside its margins.
    readonly property real cellWidth: (width - 2 * Theme.margin - (Theme.landscape ? Theme.spacing * 1.5 : 0)) / (Theme.landscape ? 2 : 1)

    readonly property ProgressModel progress: Journey.progress

    PagedColumn {
        id: pages
        objectName: "progressPages"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        anchors.margins: Theme.margin
        spacing: Theme.spacing * 1.5

            // The title, and the reminder beside it where there is room (landscape is short).
            Flow {
                Layout.fillWidth: true
                spacing: Theme.margin
                Text {
                    textFormat: Text.PlainText
                    readonly property bool keepWithNext: true
                    text: qsTr("Check progress")
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontTitle
                    font.bold: true
                    color: Theme.textPrimary
                    wrapMode: Text.Wrap
                }
                BodyText {
                    objectName: "takeCardReminder"
                    width: Math.min(implicitWidth, parent.width)
                    readonly property bool keepWithNext: true
                    visible: page.progress.lookup !== ProgressModel.None && Session.identified
                    font.bold: true
                    text: qsTr("Please take your ID card.")
                }
            }
            Rectangle {
                objectName: "progressHint"
                Layout.fillWidth: true
                visible: page.progress.lookup === ProgressModel.None
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
                visible: page.progress.lookup !== ProgressModel.None && page.progress.count === 0
                font.pixelSize: Theme.fontLarge
                text: qsTr("This terminal has no requests of yours. Requests made at a counter or online are not shown here; staff can look them up.")
            }
            BodyText {
                Layout.fillWidth: true
                // Short landscape elder screens: the cards say it themselves.
                visible: page.progress.count > 0 && !(Theme.landscape && Theme.elder)
                color: Theme.textSecondary
                text: page.progress.lookup === ProgressModel.Card ? qsTr("Requests made at this terminal with your ID card, newest first.")
                                                : qsTr("The request on your receipt.")
            }
            GridLayout {
                Layout.fillWidth: true
                columns: Theme.landscape ? 2 : 1
                columnSpacing: Theme.spacing * 1.5
                rowSpacing: Theme.spacing * 1.5
            Repeater {
                model: page.progress
                Rectangle {
                    id: card
                    required property int index
                    required property string itemName
                    required property string number
                    required property string submitted
                    required property int state
                    required property string message

                    function statusText(state) {
                        switch (state) {
                        case ProgressModel.Waiting: return qsTr("Saved on this terminal; it is sent as soon as the network allows")
                        case ProgressModel.Undeliverable: return qsTr("Could not be delivered; staff have been told and will help")
                        case ProgressModel.Withdrawn: return qsTr("Withdrawn by staff")
                        case ProgressModel.InProgress: return qsTr("Being handled")
                        case ProgressModel.Done: return qsTr("Completed")
                        case ProgressModel.Rejected: return qsTr("Not approved")
                        default: return qsTr("Received by the department")
                        }
                    }

                    objectName: "request_" + index
                    Layout.fillWidth: false // a width known before the height is asked (layouts do not do height-for-width)
                    Layout.preferredWidth: page.cellWidth // qmllint disable unqualified
                    Layout.alignment: Qt.AlignTop
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
                            textFormat: Text.PlainText
                            Layout.fillWidth: true
                            text: card.itemName
                            font.family: Theme.fontFamily
                            // Landscape elder is short: two cards side by side still fit a page.
                            font.pixelSize: Theme.landscape && Theme.elder ? Theme.fontLarge : Theme.fontHeading
                            font.bold: true
                            color: Theme.textPrimary
                            wrapMode: Text.Wrap
                        }
                        Text {
                            textFormat: Text.PlainText
                            Layout.fillWidth: true
                            text: qsTr("No. %1 · submitted %2").arg(card.number).arg(card.submitted)
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.landscape && Theme.elder ? Theme.fontSmall : Theme.fontBody
                            color: Theme.textSecondary
                            wrapMode: Text.Wrap
                        }
                        Rectangle {
                            objectName: "status"
                            Layout.preferredWidth: statusText.implicitWidth + 2 * Theme.margin
                            Layout.maximumWidth: cardColumn.width
                            Layout.preferredHeight: statusText.implicitHeight + Theme.spacing
                            radius: height / 2
                            color: card.state === ProgressModel.Done ? Theme.badgeTerminal
                                 : card.state === ProgressModel.Rejected || card.state === ProgressModel.Undeliverable ? Theme.accent
                                 : card.state === ProgressModel.Waiting ? Theme.badgeGuide : Theme.primary
                            Text {
                                textFormat: Text.PlainText
                                id: statusText
                                objectName: "statusText"
                                anchors.centerIn: parent
                                width: Math.min(implicitWidth, cardColumn.width - 2 * Theme.margin)
                                text: card.statusText(card.state)
                                font.family: Theme.fontFamily
                                font.pixelSize: Theme.landscape && Theme.elder ? Theme.fontBody : Theme.fontLarge
                                font.bold: true
                                color: Theme.textOnPrimary
                                wrapMode: Text.Wrap
                            }
                        }
                        BodyText {
                            objectName: "reply"
                            Layout.fillWidth: true
                            visible: card.message !== ""
                            font.pixelSize: Theme.fontBody
                            text: qsTr("Reply: %1").arg(card.message)
                        }
                    }
                }
            }
            }
    }
}
