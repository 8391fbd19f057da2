// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtTest
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings

Item {
    id: root
    width: 1080
    height: 1920

    TextInput {
        id: input
        width: 800
        height: 80
        font.pixelSize: 48
    }
    InputPanel {
        id: panel
        y: root.height - height
        width: root.width
    }

    TestCase {
        name: "PinyinKeyboard"
        when: windowShown

        function type(letters) {
            for (const c of letters)
                InputContext.inputEngine.virtualKeyClick(Qt.Key_A + c.charCodeAt(0) - 97, c, 0)
        }
        function candidates() {
            const m = InputContext.inputEngine.wordCandidateListModel
            const out = []
            for (let i = 0; i < m.count; ++i)
                out.push(m.dataAt(i))
            return out
        }

        function init() {
            VirtualKeyboardSettings.activeLocales = ["zh_CN"]
            VirtualKeyboardSettings.locale = "zh_CN"
            input.text = ""
            input.forceActiveFocus()
            tryCompare(InputContext, "locale", "zh_CN")
            tryVerify(() => InputContext.inputEngine.inputMethod !== null)
        }

        function test_shebao() {
            type("shebao")
            compare(InputContext.preeditText, "shebao")
            const c = candidates()
            compare(c[0], "社保")
            InputContext.inputEngine.wordCandidateListModel.selectItem(0)
            compare(input.text, "社保")
            compare(InputContext.preeditText, "")
        }

        function test_stepByStep() {
            type("shebao")
            InputContext.inputEngine.wordCandidateListModel.selectItem(candidates().indexOf("社"))
            compare(InputContext.preeditText, "社bao")
            compare(input.text, "")
            InputContext.inputEngine.wordCandidateListModel.selectItem(candidates().indexOf("保"))
            compare(input.text, "社保")
        }

        function test_spaceTakesFirstAndBackspaceEdits() {
            type("yanglaoo")
            InputContext.inputEngine.virtualKeyClick(Qt.Key_Backspace, "", 0)
            compare(InputContext.preeditText, "yanglao")
            InputContext.inputEngine.virtualKeyClick(Qt.Key_Space, " ", 0)
            compare(input.text, "养老")
        }
    }
}
