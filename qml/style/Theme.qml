// SPDX-License-Identifier: GPL-3.0-or-later
// The one place for colours, sizes and fonts. Normal and elder mode (大字版) differ only here.
// Elder-mode numbers follow shared/reference/accessibility.md: body ≥ 32 px, headings ≥ 48 px,
// targets ≥ 110 px, contrast ≥ 7:1, spacing ≥ 16 px.
pragma Singleton
import QtQuick

QtObject {
    id: theme

    property bool elder: false
    property bool landscape: false

    // Colours. Every text/background pair here is ≥ 4.5:1 (normal) and ≥ 7:1 (elder).
    readonly property color background: elder ? "#ffffff" : "#f3f5f8"
    readonly property color surface: "#ffffff"
    readonly property color surfaceAlt: elder ? "#f2f2f2" : "#eaf1fb"
    readonly property color primary: elder ? "#00347a" : "#0b5cad"
    readonly property color primaryPressed: elder ? "#001f4d" : "#084580"
    readonly property color textOnPrimary: "#ffffff"
    readonly property color accent: elder ? "#8b0000" : "#b3261e"
    readonly property color textOnAccent: "#ffffff"
    readonly property color textPrimary: elder ? "#000000" : "#1a1f29"
    readonly property color textSecondary: elder ? "#1a1a1a" : "#465060"
    readonly property color textOnDark: "#ffffff"
    // Card and field borders: ≥ 3:1 against the page and the card (non-text contrast).
    readonly property color border: elder ? "#000000" : "#7f8b9c"
    // Hints in an empty field: readable (≥ 4.5:1, ≥ 7:1 in elder mode) yet visibly lighter than
    // what the resident has typed.
    readonly property color placeholder: elder ? "#4d4d4d" : "#5f6b7a"
    // A control that cannot be used yet: grey, its words still readable.
    readonly property color disabledFill: elder ? "#e0e0e0" : "#e4e8ee"
    readonly property color disabledBorder: elder ? "#595959" : "#7b8594"
    readonly property color disabledText: elder ? "#333333" : "#4a5361"
    readonly property color accentPressed: elder ? "#5c0000" : "#8c1d17"
    readonly property color warningBackground: "#fff4e0"
    readonly property color warningText: elder ? "#4d2a00" : "#7a4100"
    readonly property color scrim: "#b3000000"
    readonly property color attractTop: "#0b4f96"
    readonly property color attractBottom: "#0a3466"

    // Handling mode badges: colour plus words, never colour alone.
    readonly property color badgeTerminal: elder ? "#0b4f1f" : "#1b6e2e"
    readonly property color badgeCollect: elder ? "#00347a" : "#0b5cad"
    readonly property color badgeGuide: elder ? "#4d2a00" : "#7a4100"

    // The six community functions' discs (white glyphs on them: ≥ 4.5:1, ≥ 7:1 in elder mode).
    function categoryTint(facetId: string): color {
        switch (facetId) {
        case "childcare": return elder ? "#8a3600" : "#b34700"
        case "eldercare": return "#8e2a6e"
        case "medical": return elder ? "#055a5a" : "#0b6e6e"
        case "food": return "#3f6212"
        case "living": return "#5b3fa0"
        default: return primary
        }
    }

    // Type. Pixel sizes for a 1080-px-wide panel read from 50–60 cm.
    readonly property string fontFamily: "Noto Sans CJK SC"
    readonly property int fontSmall: elder ? 32 : 24
    readonly property int fontBody: elder ? 38 : 28
    readonly property int fontLarge: elder ? 44 : 32
    readonly property int fontHeading: elder ? 56 : 40
    readonly property int fontTitle: elder ? 72 : 54
    readonly property int fontDisplay: elder ? 100 : 84
    readonly property real lineHeight: elder ? 1.4 : 1.3

    // Geometry.
    readonly property int touchTarget: elder ? 120 : 88
    readonly property int spacing: elder ? 20 : 14
    readonly property int targetGap: elder ? 16 : 12 // at least this between two touch targets
    readonly property int margin: elder ? 32 : 28
    readonly property int radius: elder ? 12 : 16
    readonly property int borderWidth: elder ? 3 : 1
    readonly property int headerHeight: elder ? 128 : 108
    readonly property int navigationHeight: elder ? 150 : 124
    readonly property bool compactTiles: elder && landscape // the disc beside the words: short screens
    readonly property int tileHeight: compactTiles ? 160 : elder ? 250 : 220
    readonly property int tileGlyph: compactTiles ? 68 : elder ? 104 : 92
    readonly property int keyHeight: elder ? 120 : 96
    readonly property int popupMaxWidth: 640 // a dialog (the PIN pad): narrow enough to read at a glance
    // The on-screen keyboard (qml/keyboard): five rows in 2560 × keyboardDesignHeight design units;
    // keyboardRowsHeight is its height in landscape, where its width follows.
    readonly property int keyboardDesignHeight: elder ? 1400 : 1000
    readonly property int keyboardRowsHeight: elder ? 620 : 440
}
