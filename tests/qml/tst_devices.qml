// SPDX-License-Identifier: GPL-3.0-or-later
// The devices as a resident meets them, on the simulated hardware below the real protocol code:
// an ID card starts an identified visit, a scanned code opens its item, a broken printer is said
// before anyone relies on it, an unknown code is explained.
import QtQuick
import QtTest
import Kiosk
import Kiosk.Devices
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
        name: "Devices"
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

        function init() {
            Simulator.removeCard()
            Session.reset()
        }
        function cleanup() {
            // A failed test must not leave the printer unplugged for the next ones.
            Simulator.replug("printer")
        }

        function test_cardStartsIdentifiedVisit() {
            compare(Session.screen, Session.Attract)
            verify(Simulator.insertCard(0))
            tryCompare(Session, "identified", true, 5000)
            compare(Session.screen, Session.Home)
            compare(Session.residentName, "张伟")
            const header = allText(shell)
            verify(header.indexOf("张伟") >= 0)
            verify(header.indexOf("3501**********2136") >= 0)
            verify(header.indexOf("350102198503122136") < 0) // never the number in clear
            // Finishing wipes the card from the device manager too.
            Session.reset()
            tryCompare(Devices, "cardPresent", false)
        }

        function test_scanOpensItem() {
            verify(Simulator.scanCode("RS-0002"))
            tryCompare(Session, "screen", Session.ItemDetail, 5000)
            compare(Session.item.code, "RS-0002")
        }

        function test_unknownCodeIsExplained() {
            verify(Simulator.scanCode("https://example.invalid/pay?x=1"))
            tryVerify(() => Session.notice.length > 0, 5000)
            const notice = findByName(shell, "notice")
            verify(notice)
            mouseClick(findByName(shell, "noticeClose"))
            compare(Session.notice, "")
        }

        function test_printerFaultIsSaidBeforehand() {
            Session.start()
            // An application: its receipt needs the printer (a query prints only when asked, on A4).
            verify(Session.openItem("RS-0003"))
            verify(!findByName(shell, "itemDeviceNotice"))
            verify(Simulator.unplug("printer"))
            tryCompare(Devices, "printerStatus", DeviceStatus.Fault, 5000)
            tryVerify(() => findByName(shell, "itemDeviceNotice") !== null)
            verify(allText(findByName(shell, "itemDeviceNotice")).indexOf("打印机") >= 0)
            // A guide-only item does not need the printer: no notice there.
            verify(Session.openItem("MZ-0002"))
            verify(!findByName(shell, "itemDeviceNotice"))
            // Nor does a query answered on screen (it prints on A4 only when asked).
            verify(Session.openItem("RS-0001"))
            verify(!findByName(shell, "itemDeviceNotice"))
            verify(Simulator.replug("printer"))
            tryVerify(() => Devices.printerStatus !== DeviceStatus.Fault, 5000)
        }

        function test_errorEnumsKeepTheirOwnValues() {
            // Each error enum is its own QML element: shared value names do not overwrite each other.
            compare(DeviceError.PaperOut, 8)
            compare(DeviceError.Disconnected, 1)
            compare(PrintError.PaperOut, 1)
            compare(PrintError.Disconnected, 6)
            compare(CardReadError.ReadFailed, 1)
            compare(CardReadError.NotAuthentic, 2)
        }

        function test_staffFleetPage() {
            // The staff PIN opens no fleet page: that is the technician's.
            Session.start()
            verify(Session.unlockStaff("135790"))
            compare(Session.screen, Session.StaffQueue)
            tryVerify(() => findByName(shell, "staffQueuePage") !== null)
            compare(findByName(shell, "toMaintenancePage"), null) // not shown to staff
            Session.openStaffFleet()
            compare(Session.screen, Session.StaffQueue)
            Session.reset()
            // Enrolled with the simulated fleet server: the terminal id, the server, the polls.
            Session.start()
            verify(Session.unlockStaff("864200"))
            compare(Session.screen, Session.Maintenance)
            tryVerify(() => findByName(shell, "maintenancePage") !== null)
            touch("maintenanceToFleetPage")
            compare(Session.screen, Session.StaffFleet)
            tryVerify(() => findByName(shell, "staffFleetPage") !== null)
            verify(Fleet.enrolled)
            verify(allText(findByName(shell, "enrolment")).indexOf(Fleet.controllerId) >= 0)
            verify(findByName(shell, "enrolmentCode").text.indexOf(Fleet.controllerId) >= 0)
            // The page asks the client while it is open: the poll is shown in words, translated.
            tryVerify(() => Fleet.pollText.indexOf("300") >= 0, 10000)
            verify(Fleet.pollText.indexOf("Polled") < 0, Fleet.pollText)
            verify(allText(findByName(shell, "pollText")).indexOf(Fleet.pollText) >= 0)
            compare(Fleet.actionText, qsTranslate("kiosk::FleetService", "No update in progress"))
            mouseClick(findByName(shell, "fleetToMaintenancePage"))
            compare(Session.screen, Session.Maintenance)
            Session.reset()
        }

        // A control on a later page of the maintenance page is turned to before it is touched.
        function touch(name) {
            const item = findByName(shell, name)
            verify(item, name)
            const view = findByName(shell, "maintenancePages")
            view.showItem(item)
            tryVerify(() => { const p = item.mapToItem(view, 0, 0); return p.y >= -1 && p.y + item.height <= view.height + 1 }, 3000,
                      name + " at " + item.mapToItem(view, 0, 0).y + "+" + item.height + " in " + view.height)
            wait(50)
            mouseClick(item)
        }

        function test_maintenancePage() {
            Session.start()
            verify(Session.unlockStaff("864200"))
            compare(Session.screen, Session.Maintenance)
            tryVerify(() => findByName(shell, "maintenancePage") !== null)
            verify(findByName(shell, "terminalCode").text.indexOf(Fleet.controllerId) >= 0)
            // In the interface's language, though the service was made before the translator.
            compare(Fleet.enrolmentText, qsTranslate("kiosk::FleetService", "Enrolled with the simulated fleet server (demo)"))
            verify(Fleet.enrolmentText.indexOf("Enrolled") < 0, Fleet.enrolmentText)
            // The self-tests run off the GUI thread; the result comes back in words.
            touch("selfTestButton")
            verify(Maintenance.busy)
            verify(!findByName(shell, "selfTestButton").enabled)
            tryVerify(() => !Maintenance.busy, 10000)
            verify(Maintenance.hasResult)
            verify(Maintenance.resultLines.length >= 3, Maintenance.resultLines.join("|"))
            verify(allText(findByName(shell, "checkResult")).indexOf(Maintenance.resultLines[0]) >= 0)
            // The restart asks first; cancelled, nothing happens.
            touch("restartButton")
            tryVerify(() => findByName(shell, "restartConfirm") !== null)
            verify(!Maintenance.busy)
            verify(Maintenance.task !== qsTranslate("kiosk::MaintenanceService", "Restart"))
            Session.reset()
            verify(Session.unlockStaff("864200"))
            tryVerify(() => findByName(shell, "maintenancePage") !== null)
            compare(findByName(shell, "restartConfirm"), null)
            // A mistyped code is refused in words; the enrolment in force stays.
            const server = Fleet.server
            for (const ch of "ABCDEFGH")
                touch("codeKey_" + ch)
            compare(Fleet.codeEntry, "ABCD-EFGH")
            verify(!findByName(shell, "enrolButton").enabled)
            touch("codeKey_backspace")
            compare(Fleet.codeEntry, "ABCD-EFG")
            Fleet.enrolWithCode("ABCD-EFGH-JKMN-PQRS-TVWX")
            tryVerify(() => !Fleet.enrolling && Fleet.enrolmentResult !== "", 15000)
            verify(Fleet.enrolmentFailed)
            verify(allText(findByName(shell, "enrolmentResult")).indexOf(Fleet.enrolmentResult) >= 0)
            compare(Fleet.server, server)
            // The code stays for the technician to correct; Clear empties it.
            compare(Fleet.codeEntry, "ABCD-EFG")
            touch("codeKey_clear")
            compare(Fleet.codeEntry, "")
            // The code the simulated enrolment host holds, typed on the keypad: enrolled.
            const code = Fleet.simulatedEnrolmentCode()
            for (const ch of code.replace(/-/g, ""))
                touch("codeKey_" + ch)
            compare(Fleet.codeEntry, code)
            verify(findByName(shell, "enrolButton").enabled)
            touch("enrolButton")
            tryVerify(() => !Fleet.enrolling && Fleet.enrolmentResult !== "" && !Fleet.enrolmentFailed, 15000)
            verify(Fleet.enrolled)
            verify(Fleet.enrolmentText.indexOf("127.0.0.1") >= 0, Fleet.enrolmentText)
            Session.reset()
            compare(Fleet.codeEntry, "")
        }

        function test_staffDevicePage() {
            Session.start()
            verify(Session.unlockStaff("135790"))
            Session.openStaffDevices()
            compare(Session.screen, Session.StaffDevices)
            tryVerify(() => findByName(shell, "device_printer") !== null)
            verify(findByName(shell, "device_idcard"))
            verify(findByName(shell, "device_scanner"))
            // A technician reads words chosen from the typed status, in the interface language,
            // never the driver's English detail.
            const ready = qsTranslate("StaffDevicesPage", "Ready: waiting for a card")
            verify(ready !== "Ready: waiting for a card", "the zh_CN catalog translates it")
            tryCompare(findByName(findByName(shell, "device_idcard"), "deviceDetail"), "text", ready, 5000)
            for (const kind of ["idcard", "printer", "scanner"]) {
                const text = allText(findByName(shell, "device_" + kind))
                verify(text.indexOf("ready") < 0, text)
                verify(text.indexOf("waiting for a card") < 0, text)
            }
            // The developer panel drives the simulators; it is on a later page: turn to it.
            const insert = findByName(shell, "insertCard_1")
            const view = findByName(shell, "devicePages").viewport
            const inView = () => {
                const at = insert.mapToItem(view, 0, 0)
                return at.y >= 0 && at.y + insert.height <= view.height
            }
            tryVerify(() => view.height > 0, 2000, "the page is counted")
            for (let guard = 0; guard < 6 && !inView(); ++guard)
                mouseClick(findByName(shell, "pageDownButton"))
            verify(inView(), "the developer panel can be paged to")
            mouseClick(insert)
            tryCompare(Session, "identified", true, 5000)
        }
    }
}
