// SPDX-License-Identifier: GPL-3.0-or-later
// A resident's touches on the real pages: attract → home → category → item, and the search keypad.
import QtQuick
import QtTest
import Kiosk
import KioskTest

Item {
    id: root
    width: 1080
    height: 1920

    AppShell {
        id: shell
        anchors.fill: parent
    }

    TestCase {
        name: "Navigation"
        when: windowShown

        function findByName(parent, name) {
            if (!parent)
                return null
            if (parent.objectName === name)
                return parent
            const kids = parent.children || []
            for (let i = 0; i < kids.length; ++i) {
                const found = findByName(kids[i], name)
                if (found)
                    return found
            }
            // ListView/GridView delegates live under contentItem
            if (parent.contentItem && parent.contentItem !== parent) {
                const found = findByName(parent.contentItem, name)
                if (found)
                    return found
            }
            return null
        }
        function tap(name) {
            let item = null
            tryVerify(() => (item = findByName(shell, name)) !== null && item.visible, 2000, "no visible " + name)
            mouseClick(item)
            wait(0)
        }

        function init() {
            Session.reset()
            tryCompare(Session, "screen", Session.Attract)
        }

        function test_homeCategoryItem() {
            verify(findByName(shell, "attractPage"))
            mouseClick(shell)
            tryCompare(Session, "screen", Session.Home)
            verify(findByName(shell, "homePage"))
            tap("categoryTile_eldercare")
            tryCompare(Session, "screen", Session.ItemList)
            compare(Session.listTitle, "老有所养")
            const list = findByName(shell, "serviceList")
            tryCompare(list, "count", 3)
            // Tap the first service in the list: the most used eldercare item.
            const first = list.view.itemAtIndex(0)
            verify(first)
            mouseClick(first)
            tryCompare(Session, "screen", Session.ItemDetail)
            compare(Session.item.code, "MZ-0001")
            const name = findByName(shell, "itemName")
            compare(name.text, "高龄津贴申领")
            verify(findByName(shell, "materialsSection").visible)
            tap("backButton")
            tryCompare(Session, "screen", Session.ItemList)
            tap("homeButton")
            tryCompare(Session, "screen", Session.Home)
        }

        function test_attractScreenRests() {
            // Two pulses when it appears, then still: an animation that never ends redraws the
            // screen every frame all night (idle-bench measures the CPU).
            const button = findByName(shell, "startButton")
            verify(button)
            wait(4000) // the two pulses (3.6 s)
            for (let i = 0; i < 10; ++i) {
                wait(200)
                compare(button.scale, 1, "the start button is still animating")
            }
        }

        function test_searchSbcx() {
            mouseClick(shell)
            tryCompare(Session, "screen", Session.Home)
            tap("searchEntry")
            tryCompare(Session, "screen", Session.Search)
            for (const k of ["S", "B", "C", "X"])
                tap("key_" + k)
            compare(Session.query, "sbcx")
            compare(findByName(shell, "queryText").text, "sbcx")
            const results = findByName(shell, "searchResults")
            tryVerify(() => results.count >= 1)
            const top = results.view.itemAtIndex(0)
            compare(top.name, "社会保险个人权益记录查询")
            tap("key_backspace")
            compare(Session.query, "sbc")
            tap("key_clear")
            compare(Session.query, "")
            tryCompare(results, "count", 0)
        }

        function test_elderModeIsLarger() {
            mouseClick(shell)
            tryCompare(Session, "screen", Session.Home)
            const before = Theme.fontBody
            const targetBefore = Theme.touchTarget
            tap("elderModeSwitch")
            compare(Session.elderMode, true)
            verify(Theme.fontBody >= 32 && Theme.fontBody > before)
            verify(Theme.touchTarget >= 110 && Theme.touchTarget > targetBefore)
            tap("elderModeSwitch")
            compare(Session.elderMode, false)
        }

        function test_languageSwitch() {
            mouseClick(shell)
            tryCompare(Session, "screen", Session.Home)
            const home = findByName(shell, "homeButton")
            compare(home.text, "首页")
            tap("languageSwitch")
            compare(Session.english, true)
            compare(home.text, "Home")
            tap("languageSwitch")
            compare(Session.english, false)
            compare(home.text, "首页")
        }

        function test_idleWarningContinue() {
            mouseClick(shell)
            tryCompare(Session, "screen", Session.Home)
            tap("categoryTile_medical")
            const popup = findByName(shell, "idleWarning")
            verify(!popup.visible)
            TestClock.advance(91000)
            verify(popup.visible)
            compare(findByName(shell, "idleCountdown").text, "29")
            tap("continueButton")
            verify(!popup.visible)
            compare(Session.screen, Session.ItemList)
            // Walk away: warning, countdown, then the attract screen and nothing kept.
            TestClock.advance(95000)
            verify(popup.visible)
            TestClock.advance(30000)
            tryCompare(Session, "screen", Session.Attract)
            verify(!popup.visible)
            verify(findByName(shell, "attractPage"))
        }
    }
}
