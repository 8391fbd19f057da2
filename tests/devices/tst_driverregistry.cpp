// SPDX-License-Identifier: GPL-3.0-or-later
// The driver registry and the driver interface: one plug per kind of the device table, each
// building a driver of its kind; typed status and errors; the scanner's protocol choice; the
// card as QML sees it (never the number in clear).
#include "devices/cardinfo.h"
#include "devices/devicedriver.h"
#include "devices/devicestatus.h"
#include "devices/driverregistry.h"
#include "devices/scanner/codescanner.h"
#include "devices/simulator/simulatedsam.h"

#include <QMetaEnum>
#include <QMetaProperty>
#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <set>

using namespace kiosk::devices;

class TestDriverRegistry : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void onePlugPerKindOfTheTable()
    {
        std::set<DeviceKind> tableKinds;
        for (const auto &row : usb::supportedDevices())
            tableKinds.insert(row.kind);
        std::set<DeviceKind> plugKinds;
        for (const DriverPlug &plug : driverPlugs()) {
            QVERIFY(plugKinds.insert(plug.kind).second); // one each
            QCOMPARE(driverPlug(plug.kind), &plug);
            QVERIFY(plug.create);
            QVERIFY(plug.unpluggedDetail && *plug.unpluggedDetail);
            std::unique_ptr<DeviceDriver> driver(plug.create(DeviceOptions{}));
            QVERIFY(driver);
            QCOMPARE(driver->kind(), plug.kind);
            QCOMPARE(driver->status(), DeviceStatus::Unknown);
        }
        // Every kind of the USB table has a plug; the others are on no bus (the A4 printer, on the
        // network), and their plug makes the candidate the configuration names.
        for (DeviceKind k : tableKinds)
            QVERIFY(plugKinds.count(k));
        for (const DriverPlug &plug : driverPlugs())
            QCOMPARE(bool(plug.configured), !tableKinds.count(plug.kind));
        QCOMPARE(int(plugKinds.size()), kDeviceKindCount);
        // The QML mirror of the kind has a value for each.
        QCOMPARE(QMetaEnum::fromType<KindEnum::Kind>().keyCount(), int(plugKinds.size()));
    }
    void onlySerialReadersWaitForATty()
    {
        DeviceCandidate c;
        c.kind = DeviceKind::IdCardReader;
        const DriverPlug *reader = driverPlug(DeviceKind::IdCardReader);
        QVERIFY(reader->needsTty);
        QVERIFY(!reader->needsTty(c)); // not USB
        c.usb = usb::UsbDeviceInfo{};
        QVERIFY(!reader->needsTty(c));
        c.quirks = usb::SamOverTty;
        QVERIFY(reader->needsTty(c));
        QVERIFY(!driverPlug(DeviceKind::ReceiptPrinter)->needsTty);
    }
    void openFailsWithATypedError()
    {
        // A candidate with nothing to open: the driver says so with an error enum, not only words.
        // (A network device's empty candidate is no such thing: it means "the one found", and the
        // driver looks on its next poll: tst_a4printer.)
        for (const DriverPlug &plug : driverPlugs()) {
            if (plug.configured)
                continue;
            std::unique_ptr<DeviceDriver> driver(plug.create(DeviceOptions{}));
            QSignalSpy failed(driver.get(), &DeviceDriver::openFailed);
            DeviceCandidate c;
            c.kind = plug.kind;
            c.key = QStringLiteral("nowhere");
            driver->open(c);
            QCOMPARE(failed.count(), 1);
            QCOMPARE(failed.first().at(0).toString(), QStringLiteral("nowhere"));
            QCOMPARE(failed.first().at(1).value<DeviceError>(), DeviceError::CannotOpen);
        }
    }
    void detachReportsTheReason()
    {
        std::unique_ptr<DeviceDriver> driver(driverPlug(DeviceKind::CodeScanner)->create(DeviceOptions{}));
        QSignalSpy status(driver.get(), &DeviceDriver::statusChanged);
        driver->detach(DeviceError::None, QString());
        QCOMPARE(status.count(), 0); // a quiet shutdown
        driver->detach(DeviceError::Disconnected, QStringLiteral("gone"));
        QCOMPARE(status.count(), 1);
        QCOMPARE(status.first().at(0).value<DeviceStatus>(), DeviceStatus::Fault);
        QCOMPARE(status.first().at(1).value<DeviceError>(), DeviceError::Disconnected);
        QCOMPARE(driver->error(), DeviceError::Disconnected);
        driver->detach(DeviceError::Disconnected, QStringLiteral("gone"));
        QCOMPARE(status.count(), 1); // no change, no signal
    }
    void scannerProtocolChoice()
    {
        using scanner::ScannerProtocol;
        QCOMPARE(scanner::chooseScannerProtocol(usb::ScannerKeyboard, 0, 0, std::nullopt), ScannerProtocol::Keyboard);
        QCOMPARE(scanner::chooseScannerProtocol(usb::ScannerHidPos, 1, 1, std::nullopt), ScannerProtocol::HidPos);
        // Usage page 0x8C (05 8C) in the report descriptor: HID POS, even on a boot interface.
        const std::uint8_t pos[] = {0x05, 0x8C, 0x09, 0x02, 0xA1, 0x01, 0xC0};
        QCOMPARE(scanner::chooseScannerProtocol(0, 1, 1, std::span<const std::uint8_t>(pos)), ScannerProtocol::HidPos);
        const std::uint8_t keyboard[] = {0x05, 0x01, 0x09, 0x06, 0xA1, 0x01, 0xC0};
        QCOMPARE(scanner::chooseScannerProtocol(0, 1, 1, std::span<const std::uint8_t>(keyboard)), ScannerProtocol::Keyboard);
        QCOMPARE(scanner::chooseScannerProtocol(0, 0, 0, std::span<const std::uint8_t>(keyboard)), std::nullopt);
        QCOMPARE(scanner::chooseScannerProtocol(0, 0, 0, std::nullopt), std::nullopt);
    }
    void errorAndStatusNames()
    {
        QCOMPARE(statusName(DeviceStatus::Fault), QStringLiteral("fault"));
        QCOMPARE(statusName(DeviceStatus::Unknown), QStringLiteral("unknown"));
        QCOMPARE(errorName(DeviceError::PaperNearEnd), QStringLiteral("paper-near-end"));
        QCOMPARE(errorName(CardReadError::NotAuthentic), QStringLiteral("not-authentic"));
        QCOMPARE(errorName(PrintError::TimedOut), QStringLiteral("timed-out"));
        QCOMPARE(printErrorOf(DeviceError::PaperOut), PrintError::PaperOut);
        QCOMPARE(printErrorOf(DeviceError::Disconnected), PrintError::Disconnected);
        QCOMPARE(statusFromCode(7), DeviceStatus::Unknown);
        QCOMPARE(int(DeviceStatus::Fault), 2); // the middleware's codes
    }
    void cardInfoHasNoNumberInClear()
    {
        const auto &cards = sim::sampleCards();
        const CardInfo info = CardInfo::fromCard(cards.front());
        QVERIFY(info.present);
        QCOMPARE(info.name, cards.front().name);
        QCOMPARE(info.idNumberMasked, QStringLiteral("3501**********2136"));
        // Nothing QML can read holds the number in clear: not CardInfo, not the IdCard gadget.
        for (const QMetaObject *mo : {&CardInfo::staticMetaObject, &idcard::IdCard::staticMetaObject}) {
            for (int i = 0; i < mo->propertyCount(); ++i)
                QVERIFY2(QByteArray(mo->property(i).name()) != "idNumber", mo->className());
        }
        for (int i = 0; i < CardInfo::staticMetaObject.propertyCount(); ++i) {
            const QVariant v = CardInfo::staticMetaObject.property(i).readOnGadget(&info);
            QVERIFY(!v.toString().contains(cards.front().idNumber));
        }
        QVERIFY(!CardInfo{}.present);
    }
};

QTEST_GUILESS_MAIN(TestDriverRegistry)
#include "tst_driverregistry.moc"
