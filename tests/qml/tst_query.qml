// SPDX-License-Identifier: GPL-3.0-or-later
// Answered on the spot, as a resident meets it on the real pages: a personal record asks for the
// card first and is looked up the moment it is placed; the answer's values and tables are on
// screen and print on A4 page by page; a certificate shows its first page and prints; without a
// reachable platform or with an empty A4 printer the resident is told why, in words.
import QtQuick
import QtTest
import Kiosk
import Kiosk.Devices
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
        name: "Query"
        when: windowShown

        function findByName(parent, name) {
            return Finder.findByName(parent, name)
        }
        function allText(item) {
            if (!item)
                return ""
            let s = item.text !== undefined ? String(item.text) : ""
            const kids = item.children || []
            for (let i = 0; i < kids.length; ++i)
                s += "|" + allText(kids[i])
            return s
        }
        function openQuery(code) {
            Session.start()
            verify(Session.openItem(code))
            const apply = findByName(shell, "applyButton")
            verify(apply)
            mouseClick(apply)
            compare(Session.screen, Session.Query)
        }

        function init() {
            TestPlatform.setDown(false)
            Simulator.setA4Paper("ok")
            Simulator.removeCard()
            Session.reset()
        }
        function cleanup() {
            Session.elderMode = false
            TestPlatform.setSlow(0)
            TestPlatform.setDown(false)
            Simulator.setA4Paper("ok")
        }

        function test_personalRecordWaitsForTheCard() {
            openQuery("RS-0001")
            compare(Journey.query.state, RecordQuery.NeedsCard)
            const needsCard = findByName(shell, "needsCard")
            verify(needsCard, "the card is asked for on the page")
            verify(allText(needsCard).indexOf("ID card") >= 0 || allText(needsCard).indexOf("身份证") >= 0, allText(needsCard))
            verify(Simulator.insertCard(0))
            tryCompare(Journey.query, "state", RecordQuery.Answered, 10000)
            // The answer is the card holder's, with its reference, values and a table.
            verify(Journey.query.reference !== "")
            verify(Journey.query.values.count > 0)
            verify(Journey.query.tables.length > 0)
            tryVerify(() => findByName(shell, "value_0") !== null)
            const text = allText(findByName(shell, "queryPages"))
            verify(text.indexOf(Journey.query.reference) >= 0)
        }

        function test_publicItemNeedsNoCard() {
            // Open information (access "public" in the catalog): asked at once, no card asked for.
            const before = TestPlatform.queriesWithoutIdentity()
            openQuery("MZ-0004")
            verify(!Journey.query.personal)
            verify(Journey.query.state !== RecordQuery.NeedsCard, "a public item does not ask for the card")
            const needsCard = findByName(shell, "needsCard")
            verify(!needsCard || !needsCard.visible)
            tryCompare(Journey.query, "state", RecordQuery.Answered, 10000)
            compare(TestPlatform.queriesWithoutIdentity(), before + 1)
            verify(Journey.query.tables.length > 0, "the directory's table")
            tryVerify(() => findByName(shell, "value_0") !== null)
            verify(allText(findByName(shell, "queryPages")).indexOf(Journey.query.reference) >= 0)
        }

        function test_publicItemSendsNoIdentityWithACardOnTheReader() {
            // A card on the reader is not read into a public query: nothing personal goes out.
            verify(Simulator.insertCard(0))
            tryCompare(Session, "identified", true, 5000)
            const before = TestPlatform.queriesWithoutIdentity()
            openQuery("MZ-0004")
            tryCompare(Journey.query, "state", RecordQuery.Answered, 10000)
            compare(TestPlatform.queriesWithoutIdentity(), before + 1)
            tryVerify(() => findByName(shell, "value_0") !== null)
            const text = allText(findByName(shell, "queryPages"))
            verify(text.indexOf("姓名") < 0 && text.indexOf("ID number") < 0 && text.indexOf("*****") < 0, text)
        }

        function test_answerPrintsOnA4PageByPage() {
            verify(Simulator.insertCard(0))
            tryCompare(Session, "identified", true, 5000)
            openQuery("RS-0001")
            tryCompare(Journey.query, "state", RecordQuery.Answered, 10000)
            waitForRendering(shell) // the row of buttons laid out for the answer before it is touched
            mouseClick(findByName(shell, "printButton"))
            tryCompare(Journey.query, "printState", RecordQuery.Printing, 3000)
            tryCompare(Journey.query, "printState", RecordQuery.Printed, 20000)
            verify(Journey.query.pagesTotal >= 1)
            compare(Journey.query.pagesDone, Journey.query.pagesTotal)
            verify(allText(findByName(shell, "printStatus")).indexOf("取走") >= 0)
        }

        function test_continuedTableRepeatsItsHeadings() {
            // In elder mode the answer's table goes on over pages: each later page shows the
            // table's column headings again, above its rows.
            Session.elderMode = true
            verify(Simulator.insertCard(0))
            tryCompare(Session, "identified", true, 5000)
            openQuery("RS-0001")
            tryCompare(Journey.query, "state", RecordQuery.Answered, 10000)
            waitForRendering(shell)
            const pages = findByName(shell, "queryPages")
            verify(pages.pages.pageCount > 1, "the answer takes more than one page in elder mode")
            compare(pages.continuedGroup, -1, "the first page begins with the title")
            let continued = false
            while (pages.pages.page < pages.pages.pageCount - 1) {
                pages.pages.next()
                waitForRendering(shell)
                if (pages.continuedGroup < 0)
                    continue
                continued = true
                const heading = findByName(shell, "continuedHeading")
                const columns = findByName(shell, "continuedColumns")
                verify(heading && heading.visible && columns, "the headings are shown")
                compare(columns.texts, Journey.query.tables[pages.continuedGroup].columns)
                compare(columns.height, heading.height)
                compare(heading.height, pages.pages.continuedHeight)
                // Above the rows, not over them.
                verify(heading.y + heading.height <= pages.viewport.y + 0.5)
            }
            verify(continued, "a page continues the table")

        }

        function test_certificatePreviewAndPrint() {
            verify(Simulator.insertCard(0))
            tryCompare(Session, "identified", true, 5000)
            openQuery("RS-0002")
            tryCompare(Journey.query, "state", RecordQuery.Answered, 15000)
            compare(Journey.query.kind, RecordQuery.Certificate)
            verify(Journey.query.documentPages >= 1)
            verify(Journey.query.previewSource.indexOf("image://document/") === 0)
            const preview = findByName(shell, "certificatePreview")
            verify(preview && preview.visible)
            tryVerify(() => Devices.a4PrinterStatus === DeviceStatus.Normal, 8000)
            const print = findByName(shell, "printButton")
            verify(print && print.enabled, "the print button can be used")
            waitForRendering(shell) // the row of buttons laid out for the answer before it is touched
            mouseClick(print)
            tryCompare(Journey.query, "printState", RecordQuery.Printed, 20000)
            compare(Journey.query.pagesTotal, Journey.query.documentPages)
        }

        function test_paperOutFailsWithWordsAndPrintsAgainOnce() {
            verify(Simulator.insertCard(0))
            tryCompare(Session, "identified", true, 5000)
            openQuery("RS-0002")
            tryCompare(Journey.query, "state", RecordQuery.Answered, 15000)
            verify(Simulator.setA4Paper("out"))
            tryCompare(Devices, "a4PrinterStatus", DeviceStatus.Fault, 8000)
            // Said before printing, and the print button cannot be used.
            tryVerify(() => allText(findByName(shell, "a4Notice")).indexOf("A4") >= 0, 3000)
            compare(findByName(shell, "printButton").enabled, false)
            Journey.query.print()
            tryCompare(Journey.query, "printState", RecordQuery.PrintFailed, 10000)
            compare(Journey.query.printError, DeviceError.PaperOut)
            verify(allText(findByName(shell, "printStatus")).indexOf("纸") >= 0)
            verify(Journey.query.canPrintAgain)
            verify(Simulator.setA4Paper("ok"))
            tryVerify(() => Devices.a4PrinterStatus !== DeviceStatus.Fault, 8000)
            Journey.query.printAgain()
            tryCompare(Journey.query, "printState", RecordQuery.Printed, 20000)
            verify(!Journey.query.canPrintAgain)
        }

        function test_platformDownIsSaidAndNothingKept() {
            verify(Simulator.insertCard(0))
            tryCompare(Session, "identified", true, 5000)
            TestPlatform.setDown(true)
            openQuery("RS-0001")
            tryCompare(Journey.query, "state", RecordQuery.Failed, 10000)
            verify(Journey.query.message.length > 0)
            verify(findByName(shell, "queryProblem").visible)
            compare(Journey.query.reference, "")
            TestPlatform.setDown(false)
            waitForRendering(shell)
            mouseClick(findByName(shell, "retryButton"))
            tryCompare(Journey.query, "state", RecordQuery.Answered, 10000)
        }

        function test_cancelWhileAsking() {
            verify(Simulator.insertCard(0))
            tryCompare(Session, "identified", true, 5000)
            TestPlatform.setSlow(5000)
            openQuery("RS-0001")
            tryCompare(Journey.query, "state", RecordQuery.Asking, 3000)
            // Progress and a way out from the first second.
            verify(findByName(shell, "askingProgress"))
            const cancel = findByName(shell, "cancelQueryButton")
            verify(cancel)
            waitForRendering(shell)
            mouseClick(cancel)
            compare(Journey.query.state, RecordQuery.Idle)
            // The slow answer arriving later changes nothing.
            wait(800)
            compare(Journey.query.state, RecordQuery.Idle)
            compare(Journey.query.reference, "")
            TestPlatform.setSlow(0)
        }

        function test_endOfVisitWipesTheAnswer() {
            verify(Simulator.insertCard(0))
            tryCompare(Session, "identified", true, 5000)
            openQuery("RS-0001")
            tryCompare(Journey.query, "state", RecordQuery.Answered, 10000)
            Session.reset()
            compare(Journey.query.state, RecordQuery.Idle)
            compare(Journey.query.reference, "")
            compare(Journey.query.values.count, 0)
            compare(Journey.query.tables.length, 0)
        }
    }
}
