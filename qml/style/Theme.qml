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
    readonly property color border: elder ? "#000000" : "#cfd7e3"
    readonly property color warningBackground: "#fff4e0"
    readonly property color warningText: elder ? "#4d2a00" : "#7a4100"
    readonly property color scrim: "#b3000000"
    readonly property color attractTop: "#0b4f96"
    readonly property color attractBottom: "#0a3466"

    // Handling mode badges: colour plus words, never colour alone.
    readonly property color badgeTerminal: elder ? "#0b4f1f" : "#1b6e2e"
    readonly property color badgeCollect: elder ? "#00347a" : "#0b5cad"
    readonly property color badgeGuide: elder ? "#4d2a00" : "#7a4100"

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
    readonly property int margin: elder ? 32 : 28
    readonly property int radius: elder ? 12 : 16
    readonly property int borderWidth: elder ? 3 : 1
    readonly property int headerHeight: elder ? 128 : 108
    readonly property int navigationHeight: elder ? 150 : 124
    readonly property int tileHeight: elder ? (landscape ? 214 : 250) : 220
    readonly property int tileGlyph: elder ? (landscape ? 84 : 104) : 92
    readonly property int keyHeight: elder ? 120 : 96
}
