// SPDX-License-Identifier: GPL-3.0-or-later
// Tier 1: the device table (matching rules, what it generates), descriptor parsing, sysfs tty
// discovery, and the device list model.
#include "devices/devicelistmodel.h"
#include "devices/serial/serialport.h"
#include "devices/usb/devicetable.h"
#include "devices/usb/usbdeviceinfo.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace kiosk::devices;
using namespace kiosk::devices::usb;

class TestDeviceTable : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matching()
    {
        const InterfaceClass vendor[] = {{0, 0xFF, 0, 0}};
        auto m = matchDevice(0x0400, 0xc35a, vendor);
        QVERIFY(m);
        QCOMPARE(m.row->kind, DeviceKind::IdCardReader);
        QCOMPARE(m.interfaceNumber, 0);
        QVERIFY(m.row->quirks & SamSplitEndpoints);

        // A printer known by VID:PID wins over the class row, and keeps its quirks.
        const InterfaceClass printer[] = {{0, 7, 1, 2}};
        m = matchDevice(0x0416, 0x5011, printer);
        QCOMPARE(QString::fromLatin1(m.row->model), QStringLiteral("58 mm ESC/POS receipt printer (POS-58)"));
        QVERIFY(m.row->quirks & PrinterNoNativeQr);
        // Any bidirectional printer-class device is a receipt printer.
        const InterfaceClass other[] = {{0, 3, 0, 0}, {1, 7, 1, 2}};
        m = matchDevice(0x1234, 0x5678, other);
        QVERIFY(m);
        QCOMPARE(m.row->kind, DeviceKind::ReceiptPrinter);
        QCOMPARE(m.interfaceNumber, 1);
        // A keyboard is never taken for a scanner, nor a unidirectional printer for ours.
        const InterfaceClass keyboard[] = {{0, 3, 1, 1}};
        QVERIFY(!matchDevice(0x046d, 0xc31c, keyboard));
        const InterfaceClass uni[] = {{0, 7, 1, 1}};
        QVERIFY(!matchDevice(0x1234, 0x5678, uni));
        // Scanners by VID:PID, with their protocol.
        m = matchDevice(0x067e, 0x0809, keyboard);
        QVERIFY(m.row->quirks & ScannerHidPos);
        m = matchDevice(0x05e0, 0x1200, keyboard);
        QVERIFY(m.row->quirks & ScannerKeyboard);
        // A HID reader row needs its HID interface.
        const InterfaceClass cdc[] = {{0, 2, 2, 0}};
        QVERIFY(!matchDevice(0x10c4, 0xea80, cdc));
    }
    void everyRowIsSane()
    {
        for (const auto &row : supportedDevices()) {
            QVERIFY(row.model && *row.model);
            QVERIFY(row.driver && *row.driver);
            QVERIFY2(row.vendorId != 0 || row.interfaceClass >= 0, row.model);
            // Scanners only by VID:PID (a class rule would catch keyboards).
            if (row.kind == DeviceKind::CodeScanner)
                QVERIFY(row.vendorId != 0);
        }
        QCOMPARE(simulatedDevices().size(), std::size_t(3));
        for (const auto &sim : simulatedDevices()) {
            // Each simulator stands in for a real row.
            bool found = false;
            for (const auto &row : supportedDevices())
                found |= row.vendorId == sim.vendorId && row.productId == sim.productId && row.kind == sim.kind;
            QVERIFY2(found, sim.model);
        }
    }
    void udevRules()
    {
        const QString rules = QString::fromStdString(usb::udevRules("kiosk"));
        QVERIFY(rules.contains(QStringLiteral("ATTR{idVendor}==\"0400\", ATTR{idProduct}==\"c35a\", GROUP=\"kiosk\", MODE=\"0660\"")));
        QVERIFY(rules.contains(QStringLiteral("SUBSYSTEM==\"tty\", ATTRS{idVendor}==\"1a86\", ATTRS{idProduct}==\"7523\"")));
        QVERIFY(rules.contains(QStringLiteral("ENV{ID_USB_INTERFACES}==\"*:070102:*\"")));
        QCOMPARE(rules.count(QStringLiteral("GROUP=\"kiosk\"")), int(supportedDevices().size()));
        // The committed copy is exactly what the table generates.
        QFile committed(QStringLiteral(KIOSK_SOURCE_DIR "/packaging/udev/70-kiosk-devices.rules"));
        QVERIFY(committed.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(committed.readAll()), rules);
    }
    void descriptors()
    {
        // Device + configuration of a 0400:c35a firmware-A reader: two bulk pairs.
        const QByteArray d = QByteArray::fromHex(
            "12010002000000400004" "5ac3" "000101020301"
            "09022e00010100c032"
            "0904000004ff000000"
            "0705020240000007050602400000"
            "0705810240000007058502400000");
        const auto info = parseDescriptors(d);
        QVERIFY(info);
        QCOMPARE(info->vidPid(), QStringLiteral("0400:c35a"));
        QCOMPARE(info->interfaces.size(), std::size_t(1));
        const auto &itf = info->interfaces[0];
        QCOMPARE(itf.interfaceClass, 0xFF);
        QCOMPARE(itf.endpointsOf(TransferType::Bulk, false).size(), std::size_t(2));
        QCOMPARE(itf.endpointsOf(TransferType::Bulk, true)[1].address, std::uint8_t(0x85));
        QVERIFY(!parseDescriptors(d.left(17)));
        QVERIFY(!parseDescriptors(d.left(30))); // a descriptor cut in half
        // HID descriptor after the interface: report descriptor length.
        const QByteArray hid = QByteArray::fromHex(
            "1201000200000040" "7e06" "0908" "000101020301"
            "09022200010100a032"
            "090400000103000000"
            "0921110100012240 00"
            "07058103400001");
        const auto scanner = parseDescriptors(QByteArray(hid).replace(' ', ""));
        QVERIFY(scanner);
        QCOMPARE(scanner->interfaces[0].hidReportDescriptorLength(), 0x40);
    }
    void ttyDiscovery()
    {
        QTemporaryDir sys;
        UsbDeviceInfo info;
        info.portPath = QStringLiteral("1-1.4");
        QVERIFY(!serial::ttyForUsbDevice(info, sys.path()));
        const QString devices = sys.path() + QStringLiteral("/bus/usb/devices/");
        QVERIFY(QDir().mkpath(devices + QStringLiteral("1-1.4:1.0/ttyUSB3")));
        QCOMPARE(serial::ttyForUsbDevice(info, sys.path()), std::optional<QString>(QStringLiteral("/dev/ttyUSB3")));
        info.portPath = QStringLiteral("1-2");
        QVERIFY(QDir().mkpath(devices + QStringLiteral("1-2:1.0/tty/ttyACM0")));
        QCOMPARE(serial::ttyForUsbDevice(info, sys.path()), std::optional<QString>(QStringLiteral("/dev/ttyACM0")));
    }
    void listModel()
    {
        DeviceListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), kDeviceKindCount); // one row per kind, present or not
        QCOMPARE(model.data(model.index(3), DeviceListModel::KindIdRole).toString(), QStringLiteral("a4printer"));
        QCOMPARE(model.data(model.index(1), DeviceListModel::KindIdRole).toString(), QStringLiteral("printer"));
        QCOMPARE(model.data(model.index(1), DeviceListModel::KindRole).value<KindEnum::Kind>(), KindEnum::Kind::ReceiptPrinter);
        QCOMPARE(model.data(model.index(1), DeviceListModel::StatusRole).toInt(), -1);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        DeviceRow r = model.inService(DeviceKind::CodeScanner);
        r.status = DeviceStatus::Warning;
        r.present = true;
        model.setRow(2, r);
        QCOMPARE(changed.count(), 1);
        model.setRow(2, r); // no change, no signal
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.data(model.index(2), DeviceListModel::StatusNameRole).toString(), QStringLiteral("warning"));
        QSignalSpy count(&model, &DeviceListModel::countChanged);
        DeviceRow spare = r;
        spare.key = QStringLiteral("usb:001/009");
        model.addSpare(spare);
        QCOMPARE(model.rowCount(), kDeviceKindCount + 1);
        QCOMPARE(model.spareOf(DeviceKind::CodeScanner), kDeviceKindCount);
        model.removeSpare(spare.key);
        QCOMPARE(model.rowCount(), kDeviceKindCount);
        QCOMPARE(count.count(), 2);
        QCOMPARE(model.roleNames().value(DeviceListModel::VidPidRole), QByteArray("vidPid"));
        const QJsonObject json = model.inService(DeviceKind::CodeScanner).toJson();
        QCOMPARE(json.value(QStringLiteral("status")).toInt(), 1);
        QCOMPARE(json.value(QStringLiteral("kind")).toString(), QStringLiteral("scanner"));
        QCOMPARE(deviceKindFromId(u"printer"), std::optional(DeviceKind::ReceiptPrinter));
        QCOMPARE(deviceKindFromId(u"fax"), std::nullopt);
    }
};

QTEST_GUILESS_MAIN(TestDeviceTable)
#include "tst_devicetable.moc"
