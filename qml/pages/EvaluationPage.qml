// SPDX-License-Identifier: GPL-3.0-or-later
// 好差评: five levels, optional reasons, skippable. The rating goes through the queue like any
// request, and never holds the resident up.
import QtQuick
import QtQuick.Layouts
import Kiosk

Item {
    id: page
    objectName: "evaluationPage"
    /** Always in view (the layout check holds it to that). */
    readonly property Item primaryAction: sendRatingButton

    readonly property Evaluation evaluation: Journey.evaluation
    readonly property var levels: [
        { level: 5, label: qsTr("Very satisfied") },
        { level: 4, label: qsTr("Satisfied") },
        { level: 3, label: qsTr("Fairly satisfied") },
        { level: 2, label: qsTr("Dissatisfied") },
        { level: 1, label: qsTr("Very dissatisfied") }
    ]

    PagedColumn {
        id: pages
        objectName: "ratingPages"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: actions.top
        anchors.margins: Theme.margin
        spacing: Theme.spacing * 1.5

            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: qsTr("How satisfied are you with this service?")
                font.family: Theme.fontFamily
                font.pixelSize: Theme.landscape ? Theme.fontHeading : Theme.fontTitle
                font.bold: true
                color: Theme.textPrimary
                wrapMode: Text.Wrap
            }
            BodyText {
                Layout.fillWidth: true
                visible: !Theme.landscape || !Theme.elder
                color: Theme.textSecondary
                text: qsTr("%1 · rating is optional and anonymous to the staff here").arg(Journey.title)
            }
            GridLayout {
                Layout.fillWidth: true
                columns: Theme.landscape ? 5 : 1
                rowSpacing: Theme.spacing
                columnSpacing: Theme.spacing
                Repeater {
                    model: page.levels
                    ChoiceButton {
                        required property var modelData
                        objectName: "level_" + modelData.level
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        text: modelData.label
                        checked: Journey.evaluation.level === modelData.level
                        onClicked: Journey.evaluation.level = modelData.level
                    }
                }
            }
            Text {
                textFormat: Text.PlainText
                readonly property bool keepWithNext: true
                Layout.fillWidth: true
                visible: page.evaluation.level > 0
                text: qsTr("What stood out? (optional, choose any)")
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontLarge
                font.bold: true
                color: Theme.textPrimary
                wrapMode: Text.Wrap
            }
            GridLayout {
                Layout.fillWidth: true
                visible: page.evaluation.level > 0
                columns: Theme.landscape ? 4 : 2
                rowSpacing: Theme.spacing
                columnSpacing: Theme.spacing
                Repeater {
                    model: page.evaluation.reasons
                    ChoiceButton {
                        required property var modelData
                        required property int index
                        objectName: "reason_" + index
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        multiple: true
                        text: modelData.label
                        checked: Journey.evaluation.chosen.indexOf(modelData.code) >= 0
                        onClicked: Journey.evaluation.toggleReason(modelData.code)
                    }
                }
            }
    }

    // Always in view: the rating never holds anyone up.
    RowLayout {
        id: actions
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.margin
        spacing: Theme.spacing * 2
        KioskButton {
            objectName: "skipButton"
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            text: qsTr("Skip")
            onClicked: Journey.evaluation.skip()
        }
        KioskButton {
            id: sendRatingButton
            objectName: "sendRatingButton"
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            primary: true
            enabled: page.evaluation.level > 0
            text: qsTr("Send rating")
            onClicked: Journey.evaluation.send()
        }
    }
}
