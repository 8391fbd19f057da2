# SPDX-License-Identifier: GPL-3.0-or-later
# Qt Virtual Keyboard's C++ API (for the pinyin input method). Debian 12's qt6-virtualkeyboard-dev
# ships a broken CMake package (Qt6VirtualKeyboardConfigVersionImpl.cmake is missing, so even a
# QUIET find_package fails), so the library is imported by hand.
find_library(KIOSK_QTVK_LIBRARY NAMES Qt6VirtualKeyboard REQUIRED)
find_path(KIOSK_QTVK_INCLUDE NAMES QtVirtualKeyboard/qvirtualkeyboardabstractinputmethod.h
          PATHS /usr/include/${CMAKE_LIBRARY_ARCHITECTURE}/qt6 REQUIRED)
add_library(KioskQtVirtualKeyboard INTERFACE)
target_link_libraries(KioskQtVirtualKeyboard INTERFACE ${KIOSK_QTVK_LIBRARY} Qt6::Gui)
target_include_directories(KioskQtVirtualKeyboard SYSTEM INTERFACE ${KIOSK_QTVK_INCLUDE} ${KIOSK_QTVK_INCLUDE}/QtVirtualKeyboard)
