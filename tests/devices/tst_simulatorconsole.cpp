// SPDX-License-Identifier: GPL-3.0-or-later
// The simulator console: exists only in simulation, drives the simulated devices under the real
// drivers, refuses what it cannot do, and answers the script language kioskctl speaks.
#include "devices/devicemanager.h"
#include "devices/simulator/simulatedprinter.h"
#include "devices/simulator/simulatedsam.h"
#include "devices/simulator/simulatorconsole.h"

#include <QSignalSpy>
#include <QTest>

using namespace kiosk::devices;
using namespace std::chrono_literals;

namespace {

DeviceManager::Options fast()
{
    DeviceManager::Options o;
    o.realisticSimulation = false;
    o.readerTiming.searchInterval = 20ms;
    o.readerTiming.presenceInterval = 30ms;
    o.printerTiming.settle = 0ms;
    o.printerTiming.recoveryPoll = 30ms;
    o.scannerReadTimeout = 50ms;
    return o;
}

} // namespace

class TestSimulatorConsole : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void onlyInSimulation()
    {
        DeviceManager real(false);
        QVERIFY(!real.simulator());
        QVERIFY(!real.isSimulated());
        DeviceManager simulated(true);
        QVERIFY(simulated.simulator());
        QVERIFY(simulated.isSimulated());
        QCOMPARE(simulated.simulator()->parent(), &simulated);
        // The QML singleton is what the composition root set, and nothing otherwise.
        QVERIFY(!sim::SimulatorConsole::create(nullptr, nullptr));
        sim::SimulatorConsole::setQmlInstance(simulated.simulator());
        QCOMPARE(sim::SimulatorConsole::create(nullptr, nullptr), simulated.simulator());
        sim::SimulatorConsole::setQmlInstance(nullptr);
    }
    void refusesWhileStopped()
    {
        DeviceManager m(true);
        sim::SimulatorConsole *c = m.simulator();
        QVERIFY(!c->insertCard(0));
        QVERIFY(!c->setPaper(QStringLiteral("out")));
        QVERIFY(!c->unplug(QStringLiteral("printer")));
        QCOMPARE(c->runCommand(QStringLiteral("insert 0")), QStringLiteral("the simulator is not running"));
        QCOMPARE(c->runCommand(QStringLiteral("# only a comment")), QString());
    }
    void sampleCardsAreMasked()
    {
        DeviceManager m(true);
        const QStringList cards = m.simulator()->sampleCardNames();
        QCOMPARE(cards.size(), 5);
        QVERIFY(cards.at(0).contains(QStringLiteral("3501**********2136")));
        for (const QString &c : cards)
            QVERIFY2(!c.contains(QStringLiteral("350102198503122136")), qPrintable(c));
    }
    void drivesTheDevices()
    {
        DeviceManager m(true);
        m.setOptions(fast());
        m.start();
        sim::SimulatorConsole *c = m.simulator();
        QTRY_COMPARE(m.printerStatus(), DeviceStatus::Normal);
        QTRY_COMPARE(m.idCardStatus(), DeviceStatus::Normal);
        QSignalSpy read(&m, &DeviceManager::cardRead);
        QVERIFY(c->insertCard(0));
        QVERIFY(read.wait(3000));
        QCOMPARE(m.card().name, QStringLiteral("张伟"));
        QVERIFY(c->removeCard());
        QTRY_VERIFY(!m.card().present);

        QVERIFY(c->setPaper(QStringLiteral("low")));
        QTRY_COMPARE(m.printerStatus(), DeviceStatus::Warning);
        QCOMPARE(m.devices()->inService(DeviceKind::ReceiptPrinter).error, DeviceError::PaperNearEnd);
        QVERIFY(!c->setPaper(QStringLiteral("wet")));
        QVERIFY(c->openCover(true));
        QTRY_COMPARE(m.devices()->inService(DeviceKind::ReceiptPrinter).error, DeviceError::CoverOpen);
        QVERIFY(c->openCover(false));
        QVERIFY(c->setPaper(QStringLiteral("ok")));
        QTRY_COMPARE(m.printerStatus(), DeviceStatus::Normal);

        QSignalSpy rendered(c, &sim::SimulatorConsole::receiptRendered);
        QCOMPARE(c->runCommand(QStringLiteral("print")), QString());
        QVERIFY(rendered.wait(3000));
        QVERIFY(c->lastReceiptText().contains(QStringLiteral("[cut]")));
        QCOMPARE(c->printer()->receipts().size(), std::size_t(1));

        QSignalSpy fault(&m, &DeviceManager::deviceFault);
        QVERIFY(c->unplug(QStringLiteral("scanner")));
        QVERIFY(!c->unplug(QStringLiteral("scanner")));
        QCOMPARE(fault.count(), 1);
        QCOMPARE(fault.first().at(0).value<DeviceKind>(), DeviceKind::CodeScanner);
        QCOMPARE(fault.first().at(1).value<DeviceError>(), DeviceError::Disconnected);
        QVERIFY(c->replug(QStringLiteral("scanner")));
        QTRY_COMPARE(m.scannerStatus(), DeviceStatus::Normal);
        QVERIFY(!c->unplug(QStringLiteral("fax")));

        QCOMPARE(c->runCommand(QStringLiteral("sam-fault 60")), QString());
        QTRY_COMPARE(m.idCardStatus(), DeviceStatus::Fault);
        QCOMPARE(m.devices()->inService(DeviceKind::IdCardReader).error, DeviceError::SamFault);
        QCOMPARE(c->runCommand(QStringLiteral("sam-fault 1FF")), QStringLiteral("cannot do \"sam-fault 1FF\""));
        QCOMPARE(c->runCommand(QStringLiteral("sam-fault off")), QString());
        QTRY_COMPARE_WITH_TIMEOUT(m.idCardStatus(), DeviceStatus::Normal, 3000);
        m.stop();
        QVERIFY(!c->insertCard(0));
    }
};

QTEST_GUILESS_MAIN(TestSimulatorConsole)
#include "tst_simulatorconsole.moc"
