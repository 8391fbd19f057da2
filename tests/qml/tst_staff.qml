// SPDX-License-Identifier: GPL-3.0-or-later
// Staff mode: the hidden gesture and PIN, the queue page, retry and discard (with confirmation).
import QtQuick
import QtTest
import Kiosk
import KioskTest
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
            // Wrong PIN: the pad stays, says so, and nothing underneath was touched. It does not
            // re-arm at once: for a few seconds the keys take nothing.
            compare(Session.screen, Session.Home)
            compare(Session.staffPad.state, StaffGate.WrongPin)
            verify(pin.visible)
            const message = findByName(shell, "pinMessage")
            verify(message.text.indexOf("密码错误") === 0, message.text)
            verify(message.text.indexOf("3") > 0, "the wait is said: " + message.text)
            mouseClick(findByName(shell, "pin_2"))
            compare(Session.staffPad.digits, 0)
            TestClock.advance(3000)
            tryCompare(Session.staffPad, "accepting", true)
            for (const d of ["1", "3", "5", "7", "9", "0"])
                tap("pin_" + d)
            tap("pin_OK")
            tryCompare(Session, "screen", Session.StaffQueue)
            verify(!pin.visible)
            compare(Session.staffPad.failedAttempts, 0)

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

        function test_lockoutAndVisitReset() {
            Session.reset()
            mouseClick(shell)
            tryCompare(Session, "screen", Session.Home)
            Session.staffPad.openPad()
            const pin = findByName(shell, "pinPopup")
            tryVerify(() => pin.visible)
            // Three wrong PINs in a row: the pad locks, says for how long, and takes no digits.
            for (let i = 0; i < 3; ++i) {
                TestClock.advance(Session.staffPad.waitSeconds * 1000)
                tryCompare(Session.staffPad, "accepting", true)
                for (const d of ["9", "9", "9", "9"])
                    tap("pin_" + d)
                tap("pin_OK")
            }
            compare(Session.staffPad.state, StaffGate.Locked)
            const message = findByName(shell, "pinMessage")
            verify(message.text.indexOf("30") > 0, message.text)
            verify(!findByName(shell, "pin_5").enabled)
            mouseClick(findByName(shell, "pin_5"))
            compare(Session.staffPad.digits, 0)
            TestClock.advance(29000)
            verify(!Session.staffPad.accepting)
            TestClock.advance(1000)
            tryCompare(Session.staffPad, "accepting", true)
            // Typed digits and the open pad end with the visit.
            tap("pin_1")
            tap("pin_3")
            compare(Session.staffPad.digits, 2)
            Session.reset()
            verify(!pin.visible)
            compare(Session.staffPad.digits, 0)
            mouseClick(shell)
            tryCompare(Session, "screen", Session.Home)
            Session.staffPad.openPad()
            tryVerify(() => pin.visible)
            compare(findByName(shell, "pinDots").text, "")
            // The right PIN still opens the staff pages and clears the count.
            for (const d of ["1", "3", "5", "7", "9", "0"])
                tap("pin_" + d)
            tap("pin_OK")
            tryCompare(Session, "screen", Session.StaffQueue)
            compare(Session.staffPad.failedAttempts, 0)
            compare(Session.staffPad.failuresBeforeUnlock, 3)
            Session.reset()
        }
    }
}
