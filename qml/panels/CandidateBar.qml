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
        textFormat: Text.PlainText
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
        textFormat: Text.PlainText
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
    // Only whole candidates show, as many as fit; ‹ and › turn to the previous and next ones.
    property int first: 0
    property var starts: []
    readonly property string typed: InputContext.preeditText
    onTypedChanged: {
        first = 0
        starts = []
    }
    FontMetrics {
        id: wordMetrics
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontHeading
        font.bold: true
    }
    readonly property var shown: {
        void bar.typed
        const out = []
        const model = bar.candidates
        if (!model)
            return out
        let x = 0
        for (let i = bar.first; i < model.count; ++i) {
            const word = String(model.dataAt(i))
            const w = Math.max(Theme.touchTarget, wordMetrics.advanceWidth(word) + 2 * Theme.margin)
            if (x + w > strip.width && out.length > 0)
                break
            out.push({ index: i, word: word, x: x, width: w })
            x += w + Theme.targetGap
        }
        return out
    }
    readonly property bool more: shown.length > 0 && candidates !== null && shown[shown.length - 1].index + 1 < candidates.count

    // Placed from `shown` rather than by a Row: right from the first frame.
    Item {
        id: strip
        objectName: "candidateList"
        anchors.left: pinyin.right
        anchors.leftMargin: Theme.margin
        anchors.right: pager.left
        anchors.rightMargin: Theme.targetGap
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        Repeater {
            model: bar.shown
            delegate: Rectangle {
                id: candidate
                required property var modelData
                objectName: "candidate_" + modelData.index
                x: modelData.x
                height: strip.height
                width: modelData.width
                color: tap.pressed ? Theme.surfaceAlt : "transparent"
                Text {
                    textFormat: Text.PlainText
                    anchors.centerIn: parent
                    text: candidate.modelData.word
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontHeading
                    font.bold: candidate.modelData.index === 0
                    color: Theme.textPrimary
                }
                TapHandler {
                    id: tap
                    onTapped: bar.candidates.selectItem(candidate.modelData.index)
                }
            }
        }
    }
    Row {
        id: pager
        anchors.right: parent.right
        anchors.rightMargin: Theme.spacing
        anchors.verticalCenter: parent.verticalCenter
        spacing: Theme.targetGap
        visible: bar.composing
        KioskButton {
            objectName: "candidatesBack"
            implicitWidth: Theme.touchTarget
            text: "‹"
            fontSize: Theme.fontHeading
            enabled: bar.starts.length > 0
            Accessible.name: qsTr("Previous characters")
            onClicked: {
                const previous = bar.starts.slice()
                bar.first = previous.pop()
                bar.starts = previous
            }
        }
        KioskButton {
            objectName: "candidatesMore"
            implicitWidth: Theme.touchTarget
            text: "›"
            fontSize: Theme.fontHeading
            enabled: bar.more
            Accessible.name: qsTr("More characters")
            onClicked: {
                bar.starts = bar.starts.concat([bar.first])
                bar.first = bar.shown[bar.shown.length - 1].index + 1
            }
        }
    }
}
