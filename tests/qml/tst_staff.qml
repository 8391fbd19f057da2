// SPDX-License-Identifier: GPL-3.0-or-later
// Staff mode: the hidden gesture and PIN, the queue page, retry and discard (with confirmation).
import QtQuick
import QtTest
import Kiosk
import "finder.js" as Finder

Item {
    id: root
    width: 1080
    height: 1920

    AppShell {
        id: shell
        anchors.fill: parent
    }

    TestCase {
        name: "Staff"
        when: windowShown

        function findByName(parent, name) {
            return Finder.findByName(parent, name)
        }
        function tap(name) {
            let item = null
            tryVerify(() => (item = findByName(shell, name)) !== null, 3000, "no visible " + name)
            mouseClick(item)
        }

        function test_gesturePinAndQueue() {
            Session.reset()
            mouseClick(shell)
            tryCompare(Session, "screen", Session.Home)
            // The dead letter from the setup: a platform the terminal does not know.
            tryCompare(Queue, "dead", 1, 10000)

            const identity = findByName(shell, "headerIdentity")
            verify(identity)
            compare(Session.screen, Session.Home)
            mousePress(identity)
            wait(3300)
            mouseRelease(identity)
            compare(Session.screen, Session.Home)
            const pin = findByName(shell, "pinPopup")
            tryVerify(() => pin.visible)
            for (const d of ["1", "1", "1", "1"])
                tap("pin_" + d)
            tap("pin_OK")
            // Wrong PIN: the pad stays, says so, and nothing underneath was touched.
            compare(Session.screen, Session.Home)
            compare(pin.message, "密码错误。")
            verify(pin.visible)
            for (const d of ["2", "4", "6", "8", "1", "0"])
                tap("pin_" + d)
            tap("pin_OK")
            tryCompare(Session, "screen", Session.StaffQueue)
            verify(!pin.visible)

            const list = findByName(shell, "deadLetters")
            tryCompare(list, "count", 1)
            const row = list.view.itemAtIndex(0)
            verify(row.reason.indexOf("nowhere") >= 0)
            compare(findByName(shell, "count_dead").modelData.value, 1)

            // Discard asks first; cancelling keeps the request.
            tap("discard_" + row.requestId)
            tap("confirmCancel")
            compare(Queue.dead, 1)
            tap("discard_" + row.requestId)
            tap("confirmOk")
            tryCompare(Queue, "dead", 0)
            tryCompare(list, "count", 0)
        }
    }
}
