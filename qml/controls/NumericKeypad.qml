// SPDX-License-Identifier: GPL-3.0-or-later
// Digits in the phone-pad order most residents know, large enough for elder mode. `extraKey` is
// the key left of 0: "X" for ID numbers, "." for amounts, empty for phones.
// Delegates are bound to this file's context: they may use its ids (qmllint checks them).
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

GridLayout {
    id: pad

    property string extraKey: ""

    signal typed(string text)
    signal erased

    columns: 3
    rowSpacing: Theme.targetGap
    columnSpacing: Theme.targetGap

    Repeater {
        model: ["1", "2", "3", "4", "5", "6", "7", "8", "9"]
        KeypadKey {
            required property string modelData
            objectName: "key_" + modelData
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.maximumHeight: Theme.keyHeight
            Layout.minimumHeight: Theme.touchTarget * 0.7
            text: modelData
            onClicked: pad.typed(modelData)
        }
    }
    KeypadKey {
        objectName: "key_extra"
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.maximumHeight: Theme.keyHeight
        Layout.minimumHeight: Theme.touchTarget * 0.7
        text: pad.extraKey
        enabled: pad.extraKey !== ""
        opacity: enabled ? 1 : 0
        onClicked: pad.typed(pad.extraKey)
    }
    KeypadKey {
        objectName: "key_0"
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.maximumHeight: Theme.keyHeight
        Layout.minimumHeight: Theme.touchTarget * 0.7
        text: "0"
        onClicked: pad.typed("0")
    }
    KeypadKey {
        objectName: "key_erase"
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.maximumHeight: Theme.keyHeight
        Layout.minimumHeight: Theme.touchTarget * 0.7
        text: "⌫"
        Accessible.name: qsTr("Delete")
        onClicked: pad.erased()
    }
}
