// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace kiosk::input {

/**
 * Chooses Qt Virtual Keyboard and the terminal's own layouts (zh_CN pinyin, en_GB). Must run
 * before the QGuiApplication exists: Qt reads both settings once, at start.
 * The layouts: $KIOSK_KEYBOARD_LAYOUTS, else share/kiosk/keyboard/layouts next to the
 * executable's bin/, else the source tree's (a build that was not installed).
 */
void useVirtualKeyboard();

/** The folder useVirtualKeyboard() picked. */
[[nodiscard]] QString keyboardLayoutsPath();

/**
 * The QML import folder that holds the keyboard style (QtQuick/VirtualKeyboard/Styles/kiosk),
 * next to the layouts; every engine that shows the keyboard adds it to its import paths.
 */
[[nodiscard]] QString keyboardImportPath();

} // namespace kiosk::input
