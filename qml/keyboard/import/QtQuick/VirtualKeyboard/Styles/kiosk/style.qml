// Copyright (C) 2016 The Qt Company Ltd.
// SPDX-License-Identifier: LicenseRef-Qt-Commercial OR GPL-3.0-only
// The terminal's keyboard style: the parts of Qt Virtual Keyboard's default style (qtvirtualkeyboard
// 6.4, Styles/Builtin/default/style.qml) that our layouts reach, unchanged except where marked
// KIOSK: the theme's font, taller keys (our layouts have a digit row, and elder mode makes every
// key taller still), larger labels, and no built-in candidate list (panels/CandidateBar.qml shows
// the candidates in large type instead).
//
// Why a copy and not "the default style plus our changes": Qt 6.4 gives a style no way to inherit
// from a built-in one. The built-in styles are style.qml files inside the plugin's resources
// (qrc:/qt-project.org/imports/QtQuick/VirtualKeyboard/Styles/Builtin/default/), not registered
// as QML types, so there is no type name to derive from, and qmllint could not see one anyway.
//
// Reduced to what our layouts (keyboard/layouts/*/main.qml) use: Key, BackspaceKey, EnterKey,
// ShiftKey and SpaceKey, the press preview, the navigation frame and the selection handle. Left
// out, because nothing here can show them: the panels for the language, hide, symbol, mode and
// handwriting keys, the settings-gear key, alternative keys (no key sets alternativeKeys), the
// built-in candidate list (selectionListHeight is 0), handwriting and trace input, the word
// candidate popup (only HandwritingInputPanel has it), the language and function popups and full
// screen input. A null delegate is what KeyboardStyle declares by default, so the keyboard shows
// nothing for those. If a layout gains one of those keys, copy its panel from the default style.
//
// Chosen in AppShell.qml (VirtualKeyboardSettings.styleName), found on the import path
// kiosk::input::keyboardImportPath(). Checked by qmllint like the rest of qml/ (CTest qmllint).
//
// The one qmllint suppression, on the first line of every delegate (`tokens: currentStyle.tokens`):
// the keyboard instantiates these delegates from its own files, in contexts below this file's, so
// the style's id resolves at run time; qmllint 6.4 only accepts an outer id inside a component
// under `pragma ComponentBehavior: Bound`, and Qt Virtual Keyboard 6.4 refuses bound style
// components ("Cannot instantiate bound component outside its creation context", nothing drawn).
// Everything past that line is typed: the shared values in Tokens, the key through `control as
// Components.BaseKey`. TODO: drop the suppressions when the keyboard accepts bound components.
import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Components as Components
import QtQuick.VirtualKeyboard.Styles
import Kiosk // KIOSK

KeyboardStyle {
    id: currentStyle
    /** What the delegates share: sizes follow the keyboard's height through scaleHint. */
    component Tokens: QtObject {
        required property real scaleHint
        readonly property string fontFamily: Theme.fontFamily // KIOSK
        readonly property real keyFontSize: (Theme.elder ? 100 : 76) * scaleHint // KIOSK: larger key labels (60 in the default style)
        readonly property real keyBackgroundMargin: Math.round(8 * scaleHint)
        readonly property real keyContentMargin: Math.round(40 * scaleHint)
        readonly property real keyIconScale: scaleHint * 0.8
        readonly property string resourcePrefix: "qrc:/qt-project.org/imports/QtQuick/VirtualKeyboard/Styles/Builtin/default/"

        readonly property color primaryColor: "#263238"
        readonly property color primaryLightColor: "#4f5b62"
        readonly property color primaryDarkColor: "#000a12"
        readonly property color textOnPrimaryColor: "#ffffff"
        readonly property color secondaryColor: "#01579b"
        readonly property color textOnSecondaryColor: "#ffffff"

        readonly property color keyboardBackgroundColor: primaryColor
        readonly property color normalKeyBackgroundColor: primaryDarkColor
        readonly property color highlightedKeyBackgroundColor: primaryLightColor
        readonly property color capsLockKeyAccentColor: secondaryColor
        readonly property color keyTextColor: textOnPrimaryColor
        readonly property color keySmallTextColor: textOnPrimaryColor
        readonly property color popupBackgroundColor: secondaryColor
        readonly property color popupTextColor: textOnSecondaryColor
        readonly property color navigationHighlightColor: "yellow"

        property real inputLocaleIndicatorOpacity: 1.0
    }
    readonly property Tokens tokens: Tokens { scaleHint: currentStyle.scaleHint }

    readonly property string inputLocale: InputContext.locale
    property Timer inputLocaleIndicatorHighlightTimer: Timer {
        interval: 1000
        onTriggered: currentStyle.tokens.inputLocaleIndicatorOpacity = 0.5
    }
    onInputLocaleChanged: {
        tokens.inputLocaleIndicatorOpacity = 1.0
        inputLocaleIndicatorHighlightTimer.restart()
    }

    keyboardDesignWidth: 2560
    keyboardDesignHeight: Theme.keyboardDesignHeight // KIOSK: five rows; taller in elder mode
    keyboardRelativeLeftMargin: 6 / keyboardDesignWidth
    keyboardRelativeRightMargin: 6 / keyboardDesignWidth
    keyboardRelativeTopMargin: 6 / keyboardDesignHeight
    keyboardRelativeBottomMargin: 6 / keyboardDesignHeight

    keyboardBackground: Rectangle {
        id: keyboardBackground
        readonly property Tokens tokens: currentStyle.tokens // qmllint disable unqualified
        color: keyboardBackground.tokens.keyboardBackgroundColor
    }

    selectionListHeight: 0 // KIOSK: CandidateBar shows the candidates

    keyPanel: KeyPanel {
        id: keyPanel
        readonly property Tokens tokens: currentStyle.tokens // qmllint disable unqualified
        readonly property Components.BaseKey baseKey: control as Components.BaseKey
        Rectangle {
            id: keyBackground
            radius: 5
            color: keyPanel.baseKey && keyPanel.baseKey.highlighted ? keyPanel.tokens.highlightedKeyBackgroundColor : keyPanel.tokens.normalKeyBackgroundColor
            anchors.fill: keyPanel
            anchors.margins: keyPanel.tokens.keyBackgroundMargin
            Text {
                id: keySmallText
                text: keyPanel.baseKey.smallText
                visible: keyPanel.baseKey.smallTextVisible
                color: keyPanel.tokens.keySmallTextColor
                anchors.right: parent.right
                anchors.top: parent.top
                anchors.margins: keyPanel.tokens.keyContentMargin / 3
                font {
                    family: keyPanel.tokens.fontFamily
                    weight: Font.Normal
                    pixelSize: keyPanel.tokens.keyFontSize // KIOSK
                    capitalization: keyPanel.baseKey.uppercased ? Font.AllUppercase : Font.MixedCase
                }
            }
            Text {
                id: keyText
                text: keyPanel.baseKey.displayText
                color: keyPanel.tokens.keyTextColor
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: keyPanel.baseKey.displayText.length > 1 ? Text.AlignVCenter : Text.AlignBottom
                anchors.fill: parent
                anchors.leftMargin: keyPanel.tokens.keyContentMargin
                anchors.topMargin: keyPanel.tokens.keyContentMargin
                anchors.rightMargin: keyPanel.tokens.keyContentMargin
                anchors.bottomMargin: keyPanel.tokens.keyContentMargin
                font {
                    family: keyPanel.tokens.fontFamily
                    weight: Font.Normal
                    pixelSize: keyPanel.tokens.keyFontSize // KIOSK
                    capitalization: keyPanel.baseKey.uppercased ? Font.AllUppercase : Font.MixedCase
                }
            }
        }
        states: [
            State {
                name: "pressed"
                when: keyPanel.baseKey.pressed
                PropertyChanges {
                    target: keyBackground
                    opacity: 0.75
                }
                PropertyChanges {
                    target: keyText
                    opacity: 0.5
                }
            },
            State {
                name: "disabled"
                when: !keyPanel.baseKey.enabled
                PropertyChanges {
                    target: keyBackground
                    opacity: 0.75
                }
                PropertyChanges {
                    target: keyText
                    opacity: 0.05
                }
            }
        ]
    }

    backspaceKeyPanel: KeyPanel {
        id: backspaceKeyPanel
        readonly property Tokens tokens: currentStyle.tokens // qmllint disable unqualified
        readonly property Components.BaseKey baseKey: control as Components.BaseKey
        Rectangle {
            id: backspaceKeyBackground
            radius: 5
            color: backspaceKeyPanel.baseKey && backspaceKeyPanel.baseKey.highlighted ? backspaceKeyPanel.tokens.highlightedKeyBackgroundColor : backspaceKeyPanel.tokens.normalKeyBackgroundColor
            anchors.fill: backspaceKeyPanel
            anchors.margins: backspaceKeyPanel.tokens.keyBackgroundMargin
            Image {
                id: backspaceKeyIcon
                anchors.centerIn: parent
                sourceSize.height: 88 * backspaceKeyPanel.tokens.keyIconScale
                smooth: false
                source: backspaceKeyPanel.tokens.resourcePrefix + "images/backspace-fff.svg"
            }
        }
        states: [
            State {
                name: "pressed"
                when: backspaceKeyPanel.baseKey.pressed
                PropertyChanges {
                    target: backspaceKeyBackground
                    opacity: 0.80
                }
                PropertyChanges {
                    target: backspaceKeyIcon
                    opacity: 0.6
                }
            },
            State {
                name: "disabled"
                when: !backspaceKeyPanel.baseKey.enabled
                PropertyChanges {
                    target: backspaceKeyBackground
                    opacity: 0.8
                }
                PropertyChanges {
                    target: backspaceKeyIcon
                    opacity: 0.2
                }
            }
        ]
    }

    enterKeyPanel: KeyPanel {
        id: enterKeyPanel
        readonly property Tokens tokens: currentStyle.tokens // qmllint disable unqualified
        // Components.EnterKey: QtQuick.VirtualKeyboard's own EnterKey derives from it, so it matches
        // whichever of the two a layout uses.
        readonly property Components.EnterKey enterKey: control as Components.EnterKey
        Rectangle {
            id: enterKeyBackground
            radius: 5
            color: enterKeyPanel.enterKey && enterKeyPanel.enterKey.highlighted ? enterKeyPanel.tokens.highlightedKeyBackgroundColor : enterKeyPanel.tokens.normalKeyBackgroundColor
            anchors.fill: enterKeyPanel
            anchors.margins: enterKeyPanel.tokens.keyBackgroundMargin
            Image {
                id: enterKeyIcon
                visible: enterKeyText.text.length === 0
                anchors.centerIn: parent
                readonly property size enterKeyIconSize: {
                    switch (enterKeyPanel.enterKey.actionId) {
                    case EnterKeyAction.Go:
                    case EnterKeyAction.Send:
                    case EnterKeyAction.Next:
                    case EnterKeyAction.Done:
                        return Qt.size(170, 119)
                    case EnterKeyAction.Search:
                        return Qt.size(148, 148)
                    default:
                        return Qt.size(211, 80)
                    }
                }
                sourceSize.height: enterKeyIconSize.height * enterKeyPanel.tokens.keyIconScale
                smooth: false
                source: {
                    switch (enterKeyPanel.enterKey.actionId) {
                    case EnterKeyAction.Go:
                    case EnterKeyAction.Send:
                    case EnterKeyAction.Next:
                    case EnterKeyAction.Done:
                        return enterKeyPanel.tokens.resourcePrefix + "images/check-fff.svg"
                    case EnterKeyAction.Search:
                        return enterKeyPanel.tokens.resourcePrefix + "images/search-fff.svg"
                    default:
                        return enterKeyPanel.tokens.resourcePrefix + "images/enter-fff.svg"
                    }
                }
            }
            Text {
                id: enterKeyText
                visible: text.length !== 0
                text: enterKeyPanel.enterKey.actionId !== EnterKeyAction.None ? enterKeyPanel.enterKey.displayText : ""
                clip: true
                fontSizeMode: Text.HorizontalFit
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
                color: enterKeyPanel.tokens.keyTextColor
                font {
                    family: enterKeyPanel.tokens.fontFamily
                    weight: Font.Normal
                    pixelSize: 50 * enterKeyPanel.tokens.scaleHint
                    capitalization: Font.AllUppercase
                }
                anchors.fill: parent
                anchors.margins: Math.round(42 * enterKeyPanel.tokens.scaleHint)
            }
        }
        states: [
            State {
                name: "pressed"
                when: enterKeyPanel.enterKey.pressed
                PropertyChanges {
                    target: enterKeyBackground
                    opacity: 0.80
                }
                PropertyChanges {
                    target: enterKeyIcon
                    opacity: 0.6
                }
                PropertyChanges {
                    target: enterKeyText
                    opacity: 0.6
                }
            },
            State {
                name: "disabled"
                when: !enterKeyPanel.enterKey.enabled
                PropertyChanges {
                    target: enterKeyBackground
                    opacity: 0.8
                }
                PropertyChanges {
                    target: enterKeyIcon
                    opacity: 0.2
                }
                PropertyChanges {
                    target: enterKeyText
                    opacity: 0.2
                }
            }
        ]
    }

    shiftKeyPanel: KeyPanel {
        id: shiftKeyPanel
        readonly property Tokens tokens: currentStyle.tokens // qmllint disable unqualified
        readonly property Components.BaseKey baseKey: control as Components.BaseKey
        Rectangle {
            id: shiftKeyBackground
            radius: 5
            color: shiftKeyPanel.baseKey && shiftKeyPanel.baseKey.highlighted ? shiftKeyPanel.tokens.highlightedKeyBackgroundColor : shiftKeyPanel.tokens.normalKeyBackgroundColor
            anchors.fill: shiftKeyPanel
            anchors.margins: shiftKeyPanel.tokens.keyBackgroundMargin
            Image {
                id: shiftKeyIcon
                anchors.centerIn: parent
                sourceSize.height: 134 * shiftKeyPanel.tokens.keyIconScale
                smooth: false
                source: shiftKeyPanel.tokens.resourcePrefix + "images/shift-fff.svg"
            }
            states: [
                State {
                    name: "capsLockActive"
                    when: InputContext.capsLockActive
                    PropertyChanges {
                        target: shiftKeyBackground
                        color: shiftKeyPanel.tokens.capsLockKeyAccentColor
                    }
                    PropertyChanges {
                        target: shiftKeyIcon
                        source: shiftKeyPanel.tokens.resourcePrefix + "images/shift-c5d6b6.svg"
                    }
                },
                State {
                    name: "shiftActive"
                    when: InputContext.shiftActive
                    PropertyChanges {
                        target: shiftKeyIcon
                        source: shiftKeyPanel.tokens.resourcePrefix + "images/shift-80c342.svg"
                    }
                }
            ]
        }
        states: [
            State {
                name: "pressed"
                when: shiftKeyPanel.baseKey.pressed
                PropertyChanges {
                    target: shiftKeyBackground
                    opacity: 0.80
                }
                PropertyChanges {
                    target: shiftKeyIcon
                    opacity: 0.6
                }
            },
            State {
                name: "disabled"
                when: !shiftKeyPanel.baseKey.enabled
                PropertyChanges {
                    target: shiftKeyBackground
                    opacity: 0.8
                }
                PropertyChanges {
                    target: shiftKeyIcon
                    opacity: 0.2
                }
            }
        ]
    }

    spaceKeyPanel: KeyPanel {
        id: spaceKeyPanel
        readonly property Tokens tokens: currentStyle.tokens // qmllint disable unqualified
        readonly property Components.BaseKey baseKey: control as Components.BaseKey
        Rectangle {
            id: spaceKeyBackground
            radius: 5
            color: spaceKeyPanel.baseKey && spaceKeyPanel.baseKey.highlighted ? spaceKeyPanel.tokens.highlightedKeyBackgroundColor : spaceKeyPanel.tokens.normalKeyBackgroundColor
            anchors.fill: spaceKeyPanel
            anchors.margins: spaceKeyPanel.tokens.keyBackgroundMargin
            Text {
                id: spaceKeyText
                text: Qt.locale(InputContext.locale).nativeLanguageName
                color: spaceKeyPanel.tokens.keyTextColor
                opacity: spaceKeyPanel.tokens.inputLocaleIndicatorOpacity
                Behavior on opacity { PropertyAnimation { duration: 250 } }
                anchors.centerIn: parent
                font {
                    family: spaceKeyPanel.tokens.fontFamily
                    weight: Font.Normal
                    pixelSize: spaceKeyPanel.tokens.keyFontSize // KIOSK
                }
            }
        }
        states: [
            State {
                name: "pressed"
                when: spaceKeyPanel.baseKey.pressed
                PropertyChanges {
                    target: spaceKeyBackground
                    opacity: 0.80
                }
            },
            State {
                name: "disabled"
                when: !spaceKeyPanel.baseKey.enabled
                PropertyChanges {
                    target: spaceKeyBackground
                    opacity: 0.8
                }
            }
        ]
    }

    characterPreviewMargin: 0
        characterPreviewDelegate: Item {
        property string text
        property string flickLeft
        property string flickTop
        property string flickRight
        property string flickBottom
        readonly property bool flickKeysSet: flickLeft || flickTop || flickRight || flickBottom
        readonly property bool flickKeysVisible: text && flickKeysSet &&
                                                 text !== flickLeft && text !== flickTop && text !== flickRight && text !== flickBottom
        id: characterPreview
        readonly property Tokens tokens: currentStyle.tokens // qmllint disable unqualified
        Rectangle {
            id: characterPreviewBackground
            anchors.fill: parent
            color: characterPreview.tokens.popupBackgroundColor
            radius: 5
            readonly property int largeTextHeight: Math.round(height / 3 * 2)
            readonly property int smallTextHeight: Math.round(height / 3)
            readonly property int smallTextMargin: Math.round(3 * characterPreview.tokens.scaleHint)
            Text {
                id: characterPreviewText
                color: characterPreview.tokens.popupTextColor
                text: characterPreview.text
                fontSizeMode: Text.VerticalFit
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
                anchors.horizontalCenter: parent.horizontalCenter
                anchors.verticalCenter: parent.verticalCenter
                height: characterPreviewBackground.largeTextHeight
                font {
                    family: characterPreview.tokens.fontFamily
                    weight: Font.Normal
                    pixelSize: 82 * characterPreview.tokens.scaleHint
                }
            }
            Text {
                color: characterPreview.tokens.popupTextColor
                text: characterPreview.flickLeft
                visible: characterPreview.flickKeysVisible
                opacity: 0.8
                fontSizeMode: Text.VerticalFit
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
                anchors.left: parent.left
                anchors.leftMargin: characterPreviewBackground.smallTextMargin
                anchors.verticalCenter: parent.verticalCenter
                height: characterPreviewBackground.smallTextHeight
                font {
                    family: characterPreview.tokens.fontFamily
                    weight: Font.Normal
                    pixelSize: 62 * characterPreview.tokens.scaleHint
                }
            }
            Text {
                color: characterPreview.tokens.popupTextColor
                text: characterPreview.flickTop
                visible: characterPreview.flickKeysVisible
                opacity: 0.8
                fontSizeMode: Text.VerticalFit
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
                anchors.top: parent.top
                anchors.topMargin: characterPreviewBackground.smallTextMargin
                anchors.horizontalCenter: parent.horizontalCenter
                height: characterPreviewBackground.smallTextHeight
                font {
                    family: characterPreview.tokens.fontFamily
                    weight: Font.Normal
                    pixelSize: 62 * characterPreview.tokens.scaleHint
                }
            }
            Text {
                color: characterPreview.tokens.popupTextColor
                text: characterPreview.flickRight
                visible: characterPreview.flickKeysVisible
                opacity: 0.8
                fontSizeMode: Text.VerticalFit
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
                anchors.right: parent.right
                anchors.rightMargin: characterPreviewBackground.smallTextMargin
                anchors.verticalCenter: parent.verticalCenter
                height: characterPreviewBackground.smallTextHeight
                font {
                    family: characterPreview.tokens.fontFamily
                    weight: Font.Normal
                    pixelSize: 62 * characterPreview.tokens.scaleHint
                }
            }
            Text {
                color: characterPreview.tokens.popupTextColor
                text: characterPreview.flickBottom
                visible: characterPreview.flickKeysVisible
                opacity: 0.8
                fontSizeMode: Text.VerticalFit
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
                anchors.bottom: parent.bottom
                anchors.bottomMargin: characterPreviewBackground.smallTextMargin
                anchors.horizontalCenter: parent.horizontalCenter
                height: characterPreviewBackground.smallTextHeight
                font {
                    family: characterPreview.tokens.fontFamily
                    weight: Font.Normal
                    pixelSize: 62 * characterPreview.tokens.scaleHint
                }
            }
            states: State {
                name: "flickKeysVisible"
                when: characterPreview.flickKeysVisible
                PropertyChanges {
                    target: characterPreviewText
                    height: characterPreviewBackground.smallTextHeight
                }
            }
        }
    }

    navigationHighlight: Rectangle {
        id: navigationHighlight
        readonly property Tokens tokens: currentStyle.tokens // qmllint disable unqualified
        color: "transparent"
        border.color: navigationHighlight.tokens.navigationHighlightColor
        border.width: 5
    }

    selectionHandle: Image {
        id: selectionHandle
        readonly property Tokens tokens: currentStyle.tokens // qmllint disable unqualified
        sourceSize.width: 20
        source: selectionHandle.tokens.resourcePrefix + "images/selectionhandle-bottom.svg"
    }
}
