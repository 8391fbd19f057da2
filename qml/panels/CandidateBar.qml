// SPDX-License-Identifier: GPL-3.0-or-later
// The pinyin candidates in large type above the keyboard: the pinyin typed so far, then the
// words, each a large touch target. (The keyboard's own candidate list is too small to read for
// many residents.)
// Delegates are bound to this file's context: they may use its ids (qmllint checks them).
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.VirtualKeyboard
import Kiosk

Rectangle {
    id: bar

    readonly property var candidates: InputContext.inputEngine ? InputContext.inputEngine.wordCandidateListModel : null
    readonly property bool composing: InputContext.preeditText !== ""

    implicitHeight: Theme.touchTarget + Theme.spacing
    color: Theme.surface
    border.color: Theme.border
    border.width: 1

    Text {
        id: pinyin
        objectName: "candidatePinyin"
        anchors.left: parent.left
        anchors.leftMargin: Theme.margin
        anchors.verticalCenter: parent.verticalCenter
        text: InputContext.preeditText
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontLarge
        color: Theme.textSecondary
    }
    Text {
        objectName: "candidateHint"
        anchors.left: parent.left
        anchors.leftMargin: Theme.margin
        anchors.verticalCenter: parent.verticalCenter
        visible: !bar.composing
        text: qsTr("Type pinyin; the characters appear here, tap one to choose it")
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontBody
        color: Theme.textSecondary
    }
    ListView {
        id: list
        objectName: "candidateList"
        anchors.left: pinyin.right
        anchors.leftMargin: Theme.margin
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        orientation: ListView.Horizontal
        clip: true
        spacing: Theme.spacing
        model: bar.candidates
        delegate: Rectangle {
            id: candidate
            required property int index
            required property string display
            height: list.height
            width: Math.max(Theme.touchTarget, word.implicitWidth + 2 * Theme.margin)
            color: tap.pressed ? Theme.surfaceAlt : "transparent"
            Text {
                id: word
                anchors.centerIn: parent
                text: candidate.display
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontHeading
                font.bold: candidate.index === 0
                color: Theme.textPrimary
            }
            TapHandler {
                id: tap
                onTapped: bar.candidates.selectItem(candidate.index)
            }
        }
    }
}
