// SPDX-License-Identifier: GPL-3.0-or-later
// Tier 3: the receipt printer over real libusb against umockdev devices — scripted replays
// (status, a job, paper out) and a live printer-class device running the simulated printer,
// with usblp detached, paper out mid-receipt, and unplug/replug with a job waiting.
#include "emulatedfunctions.h"
#include "umockdevice.h"

#include "devices/devicemanager.h"
#include "devices/printer/receipt.h"

#include <QGuiApplication>
#include <QSignalSpy>
#include <QTest>

using namespace kiosk::devices;
using namespace kiosk::test;
using namespace std::chrono_literals;

namespace {

DeviceManager::Options fast()
{
    DeviceManager::Options o;
    o.printerTiming.recoveryPoll = 50ms;
    o.printerTiming.idlePoll = 300ms;
    o.printerTiming.settle = 200ms; // status is watched while the printer prints
    return o;
}

const DeviceRow &printerRow(DeviceManager &m)
{
    return m.devices()->inService(DeviceKind::ReceiptPrinter);
}

QString data(const char *name)
{
    return QStringLiteral(KIOSK_TEST_DATA_DIR "/") + QLatin1String(name);
}

// The job of the replay scripts (tests/devices/data/make-replays.py).
const QByteArray kJob = QByteArray::fromHex("1B401C26BBD8D6B40A1D564100");

} // namespace

class TestUsbPrinter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void replayedJob()
    {
        UmockdevBed bed;
        bed.addReplay(4, 4, data("printer.umockdev"), data("printer-ok.ioctl"));
        DeviceManager m(false);
        m.setOptions(fast());
        m.start();
        QTRY_COMPARE_WITH_TIMEOUT(m.printerStatus(), DeviceStatus::Normal, 5000);
        QCOMPARE(printerRow(m).vidPid, QStringLiteral("0416:5011"));
        QCOMPARE(printerRow(m).transport, QStringLiteral("usb-bulk"));
        QCOMPARE(printerRow(m).message, QStringLiteral("ready"));
        QSignalSpy finished(&m, &DeviceManager::printFinished);
        const int id = m.printRaw(kJob);
        QVERIFY(finished.wait(5000)); // the job matched the script byte for byte
        QCOMPARE(finished.first().first().toInt(), id);
        m.stop();
    }
    void replayedPaperOut()
    {
        UmockdevBed bed;
        bed.addReplay(4, 4, data("printer.umockdev"), data("printer-paper-out.ioctl"));
        DeviceManager m(false);
        m.setOptions(fast());
        QSignalSpy fault(&m, &DeviceManager::deviceFault);
        m.start();
        QTRY_COMPARE_WITH_TIMEOUT(m.printerStatus(), DeviceStatus::Fault, 5000);
        QVERIFY(printerRow(m).message.contains(QStringLiteral("paper roll empty")));
        QCOMPARE(fault.last().at(0).value<DeviceKind>(), DeviceKind::ReceiptPrinter);
        QSignalSpy waiting(&m, &DeviceManager::printWaiting);
        m.printRaw(kJob);
        QVERIFY(waiting.wait(3000));
        m.stop();
    }
    void liveReceipt()
    {
        UmockdevBed bed;
        auto printer = std::make_shared<sim::SimulatedPrinter>();
        bed.addLive(4, 4, descriptors::printer, std::make_shared<PrinterFunction>(printer), "usblp");
        DeviceManager m(false);
        m.setOptions(fast());
        m.start();
        QTRY_COMPARE_WITH_TIMEOUT(m.printerStatus(), DeviceStatus::Normal, 5000);
        QCOMPARE(bed.detachCount(4), 1); // usblp let go of the interface
        QSignalSpy finished(&m, &DeviceManager::printFinished);
        m.print(printer::sampleReceipt());
        QVERIFY(finished.wait(5000));
        const auto receipts = printer->receipts();
        QCOMPARE(receipts.size(), std::size_t(1));
        QVERIFY(receipts.front().plainText().contains(QStringLiteral("受理编号：GL20260318000127")));
        QVERIFY(receipts.front().plainText().contains(QStringLiteral("[raster "))); // 0416:5011 has no GS ( k
        QVERIFY(printer->problems().isEmpty());
        printer->setPaper(sim::SimulatedPrinter::Paper::NearEnd);
        QTRY_COMPARE_WITH_TIMEOUT(m.printerStatus(), DeviceStatus::Warning, 3000);
        m.stop();
    }
    void livePaperOutMidReceipt()
    {
        UmockdevBed bed;
        auto printer = std::make_shared<sim::SimulatedPrinter>();
        bed.addLive(4, 4, descriptors::printer, std::make_shared<PrinterFunction>(printer), "usblp");
        DeviceManager m(false);
        m.setOptions(fast());
        m.start();
        QTRY_COMPARE_WITH_TIMEOUT(m.printerStatus(), DeviceStatus::Normal, 5000);
        QSignalSpy waiting(&m, &DeviceManager::printWaiting);
        QSignalSpy finished(&m, &DeviceManager::printFinished);
        printer->setPaperRemaining(150);
        const int id = m.print(printer::sampleReceipt());
        QVERIFY(waiting.wait(5000));
        QCOMPARE(m.printerStatus(), DeviceStatus::Fault);
        QCOMPARE(printer->interruptedReceipts().size(), std::size_t(1));
        printer->setPaper(sim::SimulatedPrinter::Paper::Ok); // a new roll
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.first().first().toInt(), id);
        QCOMPARE(printer->receipts().size(), std::size_t(1));
        QVERIFY(printer->receipts().front().plainText().contains(QStringLiteral("扫码查询办理进度")));
        m.stop();
    }
    void liveUnplugWithJobWaiting()
    {
        UmockdevBed bed;
        auto printer = std::make_shared<sim::SimulatedPrinter>();
        bed.addLive(4, 4, descriptors::printer, std::make_shared<PrinterFunction>(printer), "usblp");
        DeviceManager m(false);
        m.setOptions(fast());
        m.start();
        QTRY_COMPARE_WITH_TIMEOUT(m.printerStatus(), DeviceStatus::Normal, 5000);
        QSignalSpy waiting(&m, &DeviceManager::printWaiting);
        QSignalSpy finished(&m, &DeviceManager::printFinished);
        QSignalSpy fault(&m, &DeviceManager::deviceFault);
        printer->setPaper(sim::SimulatedPrinter::Paper::Out);
        const int id = m.print(printer::sampleReceipt());
        QVERIFY(waiting.wait(5000));
        bed.unplug(4);
        QTRY_VERIFY_WITH_TIMEOUT(!printerRow(m).present, 3000);
        QVERIFY(fault.last().at(2).toString().contains(QStringLiteral("disconnected")));
        printer->setPaper(sim::SimulatedPrinter::Paper::Ok);
        QTest::qWait(200);
        QCOMPARE(finished.count(), 0);
        bed.replug(4);
        QVERIFY(finished.wait(5000)); // the job survived the unplug and printed in full
        QCOMPARE(finished.first().first().toInt(), id);
        QCOMPARE(printer->receipts().size(), std::size_t(1));
        QCOMPARE(bed.detachCount(4), 2); // usblp was back after the replug, detached again
        m.stop();
    }
};

KIOSK_UMOCKDEV_TEST_MAIN(TestUsbPrinter)
#include "tst_usb_printer.moc"
