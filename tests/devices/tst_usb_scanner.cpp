// SPDX-License-Identifier: GPL-3.0-or-later
// Tier 3: the code scanner over real libusb against umockdev devices — a scripted replay of a
// keyboard-wedge scanner (SET_PROTOCOL, boot reports with shift), and a live HID POS scanner
// (report descriptor read, usbhid detached) unplugged while its interrupt transfer is pending.
#include "emulatedfunctions.h"
#include "umockdevice.h"

#include "devices/devicemanager.h"

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
    o.scannerReadTimeout = 100ms;
    return o;
}

const DeviceRow &scannerRow(DeviceManager &m)
{
    return m.devices()->inService(DeviceKind::CodeScanner);
}

QString data(const char *name)
{
    return QStringLiteral(KIOSK_TEST_DATA_DIR "/") + QLatin1String(name);
}

// Usage Page 0x8C (bar code scanner), Usage 0x02, collection; report 2: 63 bytes of data.
const QByteArray kPosReportDescriptor = QByteArray::fromHex("058C0902A101850209FE1500 26FF00750895 3F8102 C0").replace(' ', "");

} // namespace

class TestUsbScanner : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void replayedKeyboardWedge()
    {
        UmockdevBed bed;
        bed.addReplay(5, 5, data("scanner-keyboard.umockdev"), data("scanner-keyboard.ioctl"));
        DeviceManager m(false);
        m.setOptions(fast());
        QSignalSpy codes(&m, &DeviceManager::codeScanned);
        m.start();
        QVERIFY(codes.wait(5000));
        QCOMPARE(codes.first().first().toString(), QStringLiteral("KIOSK-1"));
        QCOMPARE(scannerRow(m).vidPid, QStringLiteral("05e0:1200"));
        QCOMPARE(scannerRow(m).transport, QStringLiteral("usb-interrupt-keyboard"));
        // The script ends with the device gone mid-transfer (-ESHUTDOWN): reported, and nothing
        // typed twice.
        QTRY_COMPARE_WITH_TIMEOUT(m.scannerStatus(), DeviceStatus::Fault, 3000);
        QVERIFY(scannerRow(m).message.contains(QStringLiteral("disconnected")));
        QTest::qWait(200);
        QCOMPARE(codes.count(), 1);
        m.stop();
    }
    void liveHidPos()
    {
        UmockdevBed bed;
        auto scanner = std::make_shared<sim::SimulatedScanner>(kiosk::devices::scanner::ScannerProtocol::HidPos);
        auto function = std::make_shared<ScannerFunction>(scanner, kPosReportDescriptor);
        bed.addLive(6, 6, descriptors::scannerPos, function, "usbhid");
        DeviceManager m(false);
        m.setOptions(fast());
        QSignalSpy codes(&m, &DeviceManager::codeScanned);
        QSignalSpy bytes(&m, &DeviceManager::codeScannedBytes);
        m.start();
        QTRY_COMPARE_WITH_TIMEOUT(m.scannerStatus(), DeviceStatus::Normal, 5000);
        QCOMPARE(scannerRow(m).transport, QStringLiteral("usb-interrupt-hid-pos"));
        QCOMPARE(bed.detachCount(6), 1); // taken from usbhid: no keystrokes reach the UI
        const QByteArray code = QStringLiteral("https://zwfw.example.gov.cn/查询?编号=GL20260318000127&事项=城乡居民养老保险参保登记").toUtf8();
        scanner->scan(code);
        QVERIFY(codes.wait(3000));
        QCOMPARE(bytes.first().first().toByteArray(), code);
        QCOMPARE(codes.first().first().toString(), QString::fromUtf8(code));
        const QByteArray binary("\x00\x01\x02\xfe\xff", 5);
        scanner->scan(binary);
        QVERIFY(bytes.wait(3000));
        QCOMPARE(bytes.last().first().toByteArray(), binary);
        m.stop();
    }
    void liveUnplugWhileReading()
    {
        UmockdevBed bed;
        auto scanner = std::make_shared<sim::SimulatedScanner>(kiosk::devices::scanner::ScannerProtocol::HidPos);
        bed.addLive(6, 6, descriptors::scannerPos, std::make_shared<ScannerFunction>(scanner, kPosReportDescriptor), "usbhid");
        DeviceManager m(false);
        auto o = fast();
        o.scannerReadTimeout = 2000ms; // the interrupt IN transfer is in flight when the cable goes
        m.setOptions(o);
        QSignalSpy codes(&m, &DeviceManager::codeScanned);
        QSignalSpy fault(&m, &DeviceManager::deviceFault);
        m.start();
        QTRY_COMPARE_WITH_TIMEOUT(m.scannerStatus(), DeviceStatus::Normal, 5000);
        QTest::qWait(100);
        bed.unplug(6);
        QTRY_VERIFY_WITH_TIMEOUT(!fault.isEmpty(), 1500); // well before the 2 s read timeout
        QVERIFY(fault.last().at(2).toString().contains(QStringLiteral("disconnected")));
        QTRY_VERIFY(!scannerRow(m).present);
        bed.replug(6);
        QTRY_COMPARE_WITH_TIMEOUT(m.scannerStatus(), DeviceStatus::Normal, 5000);
        scanner->scan("again");
        QVERIFY(codes.wait(3000));
        QCOMPARE(codes.first().first().toString(), QStringLiteral("again"));
        m.stop();
    }
};

KIOSK_UMOCKDEV_TEST_MAIN(TestUsbScanner)
#include "tst_usb_scanner.moc"
