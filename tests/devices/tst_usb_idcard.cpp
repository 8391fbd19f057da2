// SPDX-License-Identifier: GPL-3.0-or-later
// Tier 3: the ID-card reader over real libusb against umockdev devices — a scripted replay of a
// bulk reader, and live in-process readers on each USB wiring (bulk pair, split endpoints of
// firmware A, CP2110 HID bridge), with hotplug, unplug mid-read and recovery.
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
    o.readerTiming.searchInterval = 20ms;
    o.readerTiming.presenceInterval = 40ms;
    o.readerTiming.faultRetryInterval = 200ms;
    return o;
}

const DeviceRow &reader(DeviceManager &m)
{
    return m.devices()->inService(DeviceKind::IdCardReader);
}

QString data(const char *name)
{
    return QStringLiteral(KIOSK_TEST_DATA_DIR "/") + QLatin1String(name);
}

} // namespace

class TestUsbIdCard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void replayedBulkReader()
    {
        UmockdevBed bed;
        bed.addReplay(3, 3, data("sam-bulk.umockdev"), data("sam-bulk.ioctl"));
        DeviceManager m(false);
        m.setOptions(fast());
        QSignalSpy read(&m, &DeviceManager::cardRead);
        m.start();
        QVERIFY(read.wait(5000));
        const auto card = read.first().first().value<idcard::IdCard>();
        QCOMPARE(card.name, QStringLiteral("张伟"));
        QCOMPARE(card.idNumber, QStringLiteral("350102198503122136"));
        QCOMPARE(card.address, QStringLiteral("福建省福州市鼓楼区五四路158号3单元502室"));
        QCOMPARE(card.photo.size(), 1024);
        QCOMPARE(reader(m).vidPid, QStringLiteral("0400:c35a"));
        QCOMPARE(reader(m).transport, QStringLiteral("usb-bulk"));
        QTRY_COMPARE(m.idCardStatus(), DeviceStatus::Normal);
        QTest::qWait(200); // presence polls (30 03 → 91): the card stays read once
        QCOMPARE(read.count(), 1);
        m.stop();
    }
    void liveReaders_data()
    {
        QTest::addColumn<int>("wiring");
        QTest::addColumn<QByteArray>("descriptors");
        QTest::addColumn<QString>("transport");
        QTest::addColumn<QString>("kernelDriver");
        QTest::newRow("bulk") << int(SamFunction::Wiring::Bulk) << descriptors::samBulk << QStringLiteral("usb-bulk") << QString();
        QTest::newRow("split") << int(SamFunction::Wiring::Split) << descriptors::samSplit << QStringLiteral("usb-split-endpoints") << QString();
        QTest::newRow("cp2110") << int(SamFunction::Wiring::Cp2110) << descriptors::samCp2110 << QStringLiteral("usb-hid-cp2110")
                                << QStringLiteral("usbhid");
    }
    void liveReaders()
    {
        QFETCH(int, wiring);
        QFETCH(QByteArray, descriptors);
        QFETCH(QString, transport);
        QFETCH(QString, kernelDriver);
        UmockdevBed bed;
        auto sam = std::make_shared<sim::SimulatedSam>();
        auto function = std::make_shared<SamFunction>(sam, SamFunction::Wiring(wiring));
        const QByteArray driver = kernelDriver.toLatin1();
        bed.addLive(3, 3, descriptors, function, kernelDriver.isEmpty() ? nullptr : driver.constData());
        DeviceManager m(false);
        m.setOptions(fast());
        QSignalSpy read(&m, &DeviceManager::cardRead);
        QSignalSpy removed(&m, &DeviceManager::cardRemoved);
        m.start();
        QTRY_COMPARE_WITH_TIMEOUT(m.idCardStatus(), DeviceStatus::Normal, 5000);
        QCOMPARE(reader(m).transport, transport);
        QVERIFY(bed.claimed(3));
        sam->insertCard(1);
        QVERIFY(read.wait(5000));
        QCOMPARE(read.first().first().value<idcard::IdCard>().name, QStringLiteral("林秀英"));
        QVERIFY(read.first().first().value<idcard::IdCard>().validForever);
        sam->removeCard();
        QVERIFY(removed.wait(3000));
        if (wiring == int(SamFunction::Wiring::Split)) {
            // Header and body went out on their own endpoints.
            const auto eps = function->outEndpoints();
            QVERIFY(std::count(eps.begin(), eps.end(), 0x02) > 0);
            QCOMPARE(std::count(eps.begin(), eps.end(), 0x02), std::count(eps.begin(), eps.end(), 0x06));
        }
        if (wiring == int(SamFunction::Wiring::Cp2110)) {
            // usbhid was detached; the UART was enabled and set to 115200 8N1 by feature reports.
            QCOMPARE(bed.detachCount(3), 1);
            const auto controls = function->controls();
            QCOMPARE(controls.size(), std::size_t(2));
            QCOMPARE(controls[0].value, std::uint16_t(0x0341));
            QCOMPARE(controls[0].data, QByteArray::fromHex("4101"));
            QCOMPARE(controls[1].value, std::uint16_t(0x0350));
            QCOMPARE(controls[1].data, QByteArray::fromHex("5000 01C200 00 00 03 00"));
        }
        m.stop();
        QVERIFY(!bed.claimed(3)); // released on stop
    }
    void threeDevicesAtOnce()
    {
        // A whole terminal: reader, printer and scanner on one bus, all working at the same time.
        UmockdevBed bed;
        auto sam = std::make_shared<sim::SimulatedSam>();
        auto printer = std::make_shared<sim::SimulatedPrinter>();
        auto scanner = std::make_shared<sim::SimulatedScanner>(kiosk::devices::scanner::ScannerProtocol::HidPos);
        bed.addLive(3, 3, descriptors::samBulk, std::make_shared<SamFunction>(sam, SamFunction::Wiring::Bulk));
        bed.addLive(4, 4, descriptors::printer, std::make_shared<PrinterFunction>(printer), "usblp");
        bed.addLive(6, 6, descriptors::scannerPos, std::make_shared<ScannerFunction>(scanner, QByteArray::fromHex("058C0902A101C0")), "usbhid");
        DeviceManager m(false);
        m.setOptions(fast());
        QSignalSpy read(&m, &DeviceManager::cardRead);
        QSignalSpy printed(&m, &DeviceManager::printFinished);
        QSignalSpy codes(&m, &DeviceManager::codeScanned);
        m.start();
        QTRY_VERIFY_WITH_TIMEOUT(m.idCardStatus() == DeviceStatus::Normal && m.printerStatus() == DeviceStatus::Normal && m.scannerStatus() == DeviceStatus::Normal, 5000);
        sam->insertCard(4);
        m.print(printer::sampleReceipt());
        scanner->scan("GL20260318000127");
        QTRY_VERIFY_WITH_TIMEOUT(read.count() == 1 && printed.count() == 1 && codes.count() == 1, 5000);
        QCOMPARE(read.first().first().value<idcard::IdCard>().name, QStringLiteral("王子轩"));
        QCOMPARE(codes.first().first().toString(), QStringLiteral("GL20260318000127"));
        QCOMPARE(printer->receipts().size(), std::size_t(1));
        m.stop();
    }
    void spareTakesOver()
    {
        // Two readers: the second is listed as a spare (disabled), and takes over when the
        // first is unplugged.
        UmockdevBed bed;
        auto first = std::make_shared<sim::SimulatedSam>();
        auto second = std::make_shared<sim::SimulatedSam>();
        bed.addLive(3, 3, descriptors::samBulk, std::make_shared<SamFunction>(first, SamFunction::Wiring::Bulk));
        DeviceManager m(false);
        m.setOptions(fast());
        QSignalSpy read(&m, &DeviceManager::cardRead);
        m.start();
        QTRY_COMPARE_WITH_TIMEOUT(m.idCardStatus(), DeviceStatus::Normal, 5000);
        bed.addLive(7, 7, descriptors::samSplit, std::make_shared<SamFunction>(second, SamFunction::Wiring::Split));
        QTRY_COMPARE_WITH_TIMEOUT(m.devices()->rowCount(), kDeviceKindCount + 1, 5000);
        const DeviceRow spare = m.devices()->rows()[kDeviceKindCount];
        QCOMPARE(spare.kind, DeviceKind::IdCardReader);
        QCOMPARE(spare.status, DeviceStatus::Disabled);
        QVERIFY(spare.message.contains(QStringLiteral("not used")));
        second->insertCard(2);
        QTest::qWait(200);
        QCOMPARE(read.count(), 0); // nobody polls the spare
        bed.unplug(3);
        QTRY_COMPARE_WITH_TIMEOUT(m.devices()->rowCount(), kDeviceKindCount, 3000);
        QTRY_COMPARE_WITH_TIMEOUT(read.count(), 1, 5000);
        QCOMPARE(read.first().first().value<idcard::IdCard>().name, QStringLiteral("陈思远"));
        QCOMPARE(reader(m).transport, QStringLiteral("usb-split-endpoints"));
        QTRY_COMPARE(m.idCardStatus(), DeviceStatus::Normal);
        m.stop();
    }
    void hotplugUnplugMidReadAndRecover()
    {
        UmockdevBed bed;
        DeviceManager m(false);
        m.setOptions(fast());
        QSignalSpy read(&m, &DeviceManager::cardRead);
        QSignalSpy fault(&m, &DeviceManager::deviceFault);
        m.start();
        QTest::qWait(200);
        QCOMPARE(m.idCardStatus(), DeviceStatus::Unknown);
        QVERIFY(!reader(m).present);

        // Plugged in while running.
        auto sam = std::make_shared<sim::SimulatedSam>();
        sam->setLatency({0ms, 1500ms}); // a slow read: time to pull the cable mid-transfer
        bed.addLive(3, 3, descriptors::samBulk, std::make_shared<SamFunction>(sam, SamFunction::Wiring::Bulk));
        QTRY_COMPARE_WITH_TIMEOUT(m.idCardStatus(), DeviceStatus::Normal, 5000);
        QVERIFY(reader(m).present);

        sam->insertCard(0);
        QTRY_COMPARE_WITH_TIMEOUT(m.idCardStatus(), DeviceStatus::Busy, 5000); // reading: the IN transfer is pending
        bed.unplug(3);
        QTRY_VERIFY_WITH_TIMEOUT(!fault.isEmpty(), 3000);
        QVERIFY2(fault.last().at(2).toString().contains(QStringLiteral("disconnected")), qPrintable(fault.last().at(2).toString()));
        QTRY_VERIFY(!reader(m).present);
        QCOMPARE(m.idCardStatus(), DeviceStatus::Fault);
        QTest::qWait(300);
        QCOMPARE(read.count(), 0);

        // Back again: the driver recovers and reads the card still lying there.
        sam->setLatency({0ms, 0ms});
        bed.replug(3);
        QVERIFY(read.wait(5000));
        QCOMPARE(read.first().first().value<idcard::IdCard>().name, QStringLiteral("张伟"));
        QTRY_COMPARE(m.idCardStatus(), DeviceStatus::Normal);
        QVERIFY(reader(m).present);
        m.stop();
    }
};

KIOSK_UMOCKDEV_TEST_MAIN(TestUsbIdCard)
#include "tst_usb_idcard.moc"
