// SPDX-License-Identifier: GPL-3.0-or-later
// Search with a large A–Z keypad: Chinese names are found by pinyin or its initials (sbcx → 社保查询).
import QtQuick
import QtQuick.Layouts
import Kiosk

Item {
    id: page
    objectName: "searchPage"

    readonly property var letters: "ABCDEFGHIJKLMNOPQRSTUVWXYZ".split("")

    GridLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        columns: Theme.landscape ? 2 : 1
        columnSpacing: Theme.margin
        rowSpacing: Theme.spacing

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredWidth: 1
            spacing: Theme.spacing

            Rectangle {
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touchTarget * 1.2
                radius: Theme.radius
                color: Theme.surface
                border.color: Theme.primary
                border.width: 3
                Text {
                    textFormat: Text.PlainText
                    objectName: "queryText"
                    anchors.fill: parent
                    anchors.leftMargin: Theme.margin
                    anchors.rightMargin: Theme.margin
                    verticalAlignment: Text.AlignVCenter
                    text: Session.query.length > 0 ? Session.query : qsTr("Type a name, pinyin or its initials")
                    font.family: Theme.fontFamily
                    font.pixelSize: Session.query.length > 0 ? Theme.fontHeading : Theme.fontLarge
                    font.letterSpacing: Session.query.length > 0 ? 4 : 0
                    color: Session.query.length > 0 ? Theme.textPrimary : Theme.textSecondary
                    elide: Text.ElideLeft
                }
            }
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                // The English interface's example is an English name: no Chinese spliced into the sentence.
                text: Session.query.length === 0 ? (Session.english ? qsTr("For example: pension, or the pinyin initials sbcx")
                                                                    : qsTr("For 社保查询 type sbcx or shebaochaxun"))
                                                 : qsTr("%n result(s)", "", Session.items.count)
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontBody
                color: Theme.textSecondary
                wrapMode: Text.Wrap
            }
            ServiceList {
                objectName: "searchResults"
                Layout.fillWidth: true
                Layout.fillHeight: true
                services: Session.items
                emptyText: Session.query.length > 0 ? qsTr("Nothing found. Check the letters, or browse by need on the home page.") : ""
                onChosen: code => Session.openItem(code)
            }
        }

        Rectangle {
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            Layout.preferredHeight: keypad.implicitHeight + 2 * Theme.spacing
            Layout.alignment: Qt.AlignBottom
            radius: Theme.radius
            color: Theme.surfaceAlt

            GridLayout {
                id: keypad
                objectName: "keypad"
                anchors.fill: parent
                anchors.margins: Theme.spacing
                columns: Theme.elder && !Theme.landscape ? 6 : 7
                columnSpacing: Theme.targetGap
                rowSpacing: Theme.targetGap

                Repeater {
                    model: page.letters
                    delegate: KeypadKey {
                        required property string modelData
                        objectName: "key_" + modelData
                        Layout.fillWidth: true
                        text: modelData
                        onClicked: Session.typeText(modelData.toLowerCase())
                    }
                }
                KeypadKey {
                    objectName: "key_backspace"
                    Layout.fillWidth: true
                    Layout.columnSpan: 1
                    text: "⌫"
                    Accessible.name: qsTr("Delete")
                    onClicked: Session.backspace()
                }
                KeypadKey {
                    objectName: "key_clear"
                    Layout.fillWidth: true
                    Layout.columnSpan: Theme.elder && !Theme.landscape ? 3 : 2
                    fontSize: Theme.fontBody
                    text: qsTr("Clear")
                    onClicked: Session.clearQuery()
                }
            }
        }
    }
}
