// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import Kiosk

KioskButton {
    implicitWidth: Theme.keyHeight
    implicitHeight: Theme.keyHeight
    fontSize: Theme.fontHeading
}
