// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import Kiosk

Window {
    id: window
    width: 1080
    height: 1920
    visible: true
    title: "24小时自助便民服务终端"
    color: Theme.background

    AppShell {
        anchors.fill: parent
    }
}
