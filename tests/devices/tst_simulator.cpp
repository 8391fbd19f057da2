// SPDX-License-Identifier: GPL-3.0-or-later
// Tier 2: simulator scenarios. The real drivers, codecs and DeviceManager run over the simulated
// devices: insert and remove cards, expired and 长期 cards, scans, receipts, paper out
// mid-receipt, an open cover, unplugging each device mid-operation and plugging it back.
#include "devices/devicemanager.h"
#include "devices/idcard/idcardreader.h"
#include "devices/idcard/samtransport.h"
#include "devices/printer/receipt.h"
#include "devices/simulator/simulatedprinter.h"
#include "devices/simulator/simulatedsam.h"
#include "devices/simulator/simulatedscanner.h"
#include "devices/simulator/simulatorconsole.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
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
    o.readerTiming.faultRetryInterval = 100ms;
    o.printerTiming.settle = 0ms;
    o.printerTiming.recoveryPoll = 30ms;
    o.printerTiming.idlePoll = 200ms;
    o.scannerReadTimeout = 50ms;
    return o;
}

/** A started simulated manager, with all three devices up. */
struct Sim {
    explicit Sim(DeviceManager::Options o = fast())
        : manager(true)
    {
        manager.setOptions(o);
        manager.start();
    }
    bool up()
    {
        return QTest::qWaitFor(
            [&] {
                return manager.idCardStatus() == DeviceStatus::Normal && manager.printerStatus() == DeviceStatus::Normal
                    && manager.scannerStatus() == DeviceStatus::Normal;
            },
            5000);
    }
    sim::SimulatorConsole &console() { return *manager.simulator(); }
    DeviceManager manager;
};

const DeviceRow &row(DeviceManager &m, DeviceKind k)
{
    return m.devices()->inService(k);
}

} // namespace

class TestSimulator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void devicesComeUp()
    {
        Sim s;
        QAbstractItemModelTester tester(s.manager.devices(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(s.up());
        QVERIFY(s.manager.isSimulated());
        QVERIFY(s.manager.isRunning());
        QTRY_COMPARE(row(s.manager, DeviceKind::IdCardReader).transport, QStringLiteral("simulated-bulk"));
        QTRY_COMPARE(row(s.manager, DeviceKind::ReceiptPrinter).transport, QStringLiteral("simulated-usb-printer"));
        QTRY_COMPARE(row(s.manager, DeviceKind::CodeScanner).transport, QStringLiteral("simulated-hid-pos"));
        QCOMPARE(row(s.manager, DeviceKind::IdCardReader).vidPid, QStringLiteral("0400:c35a"));
        QCOMPARE(s.console().sampleCardNames().size(), 5);
        QVERIFY(s.console().sampleCardNames().at(1).contains(QStringLiteral("3501**********128X 长期")));
        s.manager.stop();
        QVERIFY(!s.manager.isRunning());
        QCOMPARE(s.manager.idCardStatus(), DeviceStatus::Unknown);
    }
    void insertReadRemove()
    {
        Sim s;
        QVERIFY(s.up());
        QSignalSpy read(&s.manager, &DeviceManager::cardRead);
        QSignalSpy removed(&s.manager, &DeviceManager::cardRemoved);
        QVERIFY(s.console().insertCard(0));
        QVERIFY(read.wait(3000));
        const auto card = read.first().first().value<idcard::IdCard>();
        QCOMPARE(card.name, QStringLiteral("张伟"));
        QCOMPARE(card.idNumber, QStringLiteral("350102198503122136"));
        QCOMPARE(card.photo.size(), 1024);
        QVERIFY(s.manager.isCardPresent());
        QCOMPARE(s.manager.card().idNumberMasked, QStringLiteral("3501**********2136"));
        QVERIFY(s.manager.card().present);
        // Lying there, it is not read again: the reader polls presence, not find.
        const int finds = s.console().reader()->requestCount(idcard::Command::FindCard);
        QTest::qWait(300);
        QCOMPARE(read.count(), 1);
        QVERIFY(s.console().reader()->requestCount(idcard::Command::ReadAppendedAddress) >= 3);
        QCOMPARE(s.console().reader()->requestCount(idcard::Command::FindCard), finds);
        QVERIFY(s.console().removeCard());
        QVERIFY(removed.wait(2000));
        QVERIFY(!s.manager.isCardPresent());
        QVERIFY(!s.manager.card().present);
        QVERIFY(s.manager.card().name.isEmpty());
        // The same card again reads again.
        s.console().insertCard(0);
        QVERIFY(read.wait(3000));
        QCOMPARE(read.count(), 2);
        s.manager.clearCard();
        QVERIFY(!s.manager.currentCard());
    }
    void expiredAndForeverCards()
    {
        Sim s;
        QVERIFY(s.up());
        QSignalSpy read(&s.manager, &DeviceManager::cardRead);
        QSignalSpy removed(&s.manager, &DeviceManager::cardRemoved);
        s.console().insertCard(2);
        QVERIFY(read.wait(3000));
        QVERIFY(s.manager.card().expired);
        QCOMPARE(s.manager.card().nation, QStringLiteral("畲"));
        // Swapping cards: the old one leaves, the new one is read.
        s.console().insertCard(1);
        QVERIFY(removed.wait(2000));
        QTRY_COMPARE(read.count(), 2);
        QVERIFY(s.manager.card().validForever);
        QVERIFY(!s.manager.card().expired);
    }
    void samFaultAndRecovery()
    {
        Sim s;
        QVERIFY(s.up());
        QSignalSpy fault(&s.manager, &DeviceManager::deviceFault);
        QCOMPARE(s.console().runCommand(QStringLiteral("sam-fault 60")), QString());
        QVERIFY(fault.wait(2000));
        QCOMPARE(fault.first().at(0).value<DeviceKind>(), DeviceKind::IdCardReader);
        QCOMPARE(fault.first().at(1).value<DeviceError>(), DeviceError::SamFault);
        QVERIFY(fault.first().at(2).toString().contains(QStringLiteral("self-test")));
        QCOMPARE(s.manager.idCardStatus(), DeviceStatus::Fault);
        s.console().runCommand(QStringLiteral("sam-fault off"));
        QTRY_COMPARE_WITH_TIMEOUT(s.manager.idCardStatus(), DeviceStatus::Normal, 3000);
    }
    void scans()
    {
        Sim s;
        QVERIFY(s.up());
        QSignalSpy codes(&s.manager, &DeviceManager::codeScanned);
        QSignalSpy bytes(&s.manager, &DeviceManager::codeScannedBytes);
        const QString chinese = QStringLiteral("https://zwfw.example.gov.cn/查询?编号=GL20260318000127&事项=城乡居民养老保险");
        for (const QString &code : {QStringLiteral("ABC-123"), chinese, QString(300, QLatin1Char('9'))}) {
            QVERIFY(s.console().scanCode(code));
            QVERIFY(codes.wait(2000));
            QCOMPARE(codes.last().first().toString(), code);
            QCOMPARE(bytes.last().first().toByteArray(), code.toUtf8());
        }
        QCOMPARE(codes.count(), 3);
    }
    void receipt()
    {
        QTemporaryDir dir;
        auto o = fast();
        o.receiptOutputDir = dir.path();
        Sim s(o);
        QVERIFY(s.up());
        QSignalSpy finished(&s.manager, &DeviceManager::printFinished);
        QSignalSpy rendered(&s.console(), &sim::SimulatorConsole::receiptRendered);
        printer::ReceiptData r;
        r.terminalName = QStringLiteral("台江区瀛洲街道便民服务中心");
        r.itemName = QStringLiteral("居住证签注");
        r.time = QDateTime::fromString(QStringLiteral("2026-04-01T10:05:00"), Qt::ISODate);
        r.trackingNumber = QStringLiteral("TJ20260401000009");
        const int id = s.manager.print(r);
        QVERIFY(id > 0);
        QVERIFY(finished.wait(3000));
        QCOMPARE(finished.first().first().toInt(), id);
        const auto receipts = s.console().printer()->receipts();
        QCOMPARE(receipts.size(), std::size_t(1));
        const QString text = receipts.front().plainText();
        QVERIFY(text.contains(QStringLiteral("事项：居住证签注")));
        QVERIFY(text.contains(QStringLiteral("时间：2026-04-01 10:05")));
        QVERIFY(text.contains(QStringLiteral("[raster "))); // the 58 mm printer has no GS ( k
        QVERIFY(text.endsWith(QStringLiteral("[cut]")));
        QVERIFY(s.console().printer()->problems().isEmpty());
        QTRY_COMPARE(rendered.count(), 1);
        const QString png = rendered.first().first().toString();
        QCOMPARE(s.console().lastReceiptImage(), png);
        QImage image(png);
        QCOMPARE(image.width(), 384);
        QVERIFY(image.height() > 400);
    }
    void paperOutMidReceiptReprintsInFull()
    {
        Sim s;
        QVERIFY(s.up());
        QSignalSpy waiting(&s.manager, &DeviceManager::printWaiting);
        QSignalSpy finished(&s.manager, &DeviceManager::printFinished);
        QVERIFY(s.console().setPaperRemaining(150)); // runs out a few lines in
        const int id = s.manager.print(kiosk::devices::printer::sampleReceipt());
        QVERIFY(waiting.wait(3000));
        QCOMPARE(waiting.first().at(0).toInt(), id);
        QCOMPARE(waiting.first().at(1).value<PrintError>(), PrintError::PaperOut);
        QVERIFY(waiting.first().at(2).toString().contains(QStringLiteral("paper")));
        QCOMPARE(row(s.manager, DeviceKind::ReceiptPrinter).error, DeviceError::PaperOut);
        QCOMPARE(s.manager.printerStatus(), DeviceStatus::Fault);
        QVERIFY(row(s.manager, DeviceKind::ReceiptPrinter).message.contains(QStringLiteral("replace the roll")));
        auto *printer = s.console().printer();
        QCOMPARE(printer->interruptedReceipts().size(), std::size_t(1));
        QVERIFY(printer->receipts().empty());
        QTest::qWait(200);
        QCOMPARE(finished.count(), 0); // it waits; nothing is lost or half-printed again
        QVERIFY(s.console().setPaper(QStringLiteral("ok")));
        QVERIFY(finished.wait(3000));
        QCOMPARE(finished.first().first().toInt(), id);
        QCOMPARE(printer->receipts().size(), std::size_t(1));
        const QString text = printer->receipts().front().plainText();
        QVERIFY(text.startsWith(kiosk::devices::printer::sampleReceipt().terminalName));
        QVERIFY(text.contains(QStringLiteral("扫码查询办理进度")));
        QTRY_COMPARE(s.manager.printerStatus(), DeviceStatus::Normal);
        QCOMPARE(waiting.count(), 1);
    }
    void paperOutHandsTheJobBack()
    {
        Sim s;
        QVERIFY(s.up());
        QSignalSpy failed(&s.manager, &DeviceManager::printFailed);
        QSignalSpy handedBack(&s.manager, &DeviceManager::printHandedBack);
        s.console().setPaper(QStringLiteral("out"));
        QTRY_COMPARE(s.manager.printerStatus(), DeviceStatus::Fault);
        kiosk::devices::printer::ReceiptData r;
        r.itemName = QStringLiteral("低保申请");
        r.trackingNumber = QStringLiteral("X1");
        r.time = QDateTime(QDate(2026, 1, 2), QTime(3, 4));
        const int id = s.manager.print(r, printer::JobPolicy::HandBack);
        QVERIFY(failed.wait(3000));
        QCOMPARE(failed.first().at(0).toInt(), id);
        QCOMPARE(failed.first().at(1).value<PrintError>(), PrintError::PaperOut);
        QCOMPARE(handedBack.count(), 1);
        kiosk::devices::printer::PrinterProfile raster;
        raster.nativeQr = false;
        QCOMPARE(handedBack.first().at(1).toByteArray(), kiosk::devices::printer::encodeReceipt(r, raster));
        QVERIFY(s.console().printer()->receipts().empty());
    }
    void coverOpenAndPaperLow()
    {
        Sim s;
        QVERIFY(s.up());
        QSignalSpy waiting(&s.manager, &DeviceManager::printWaiting);
        QSignalSpy finished(&s.manager, &DeviceManager::printFinished);
        s.console().openCover(true);
        QTRY_COMPARE(s.manager.printerStatus(), DeviceStatus::Fault);
        QVERIFY(row(s.manager, DeviceKind::ReceiptPrinter).message.contains(QStringLiteral("cover open")));
        s.manager.print(kiosk::devices::printer::sampleReceipt());
        QVERIFY(waiting.wait(2000));
        s.console().openCover(false);
        QVERIFY(finished.wait(3000));
        s.console().setPaper(QStringLiteral("low"));
        QTRY_COMPARE(s.manager.printerStatus(), DeviceStatus::Warning);
        QVERIFY(row(s.manager, DeviceKind::ReceiptPrinter).message.contains(QStringLiteral("paper low")));
        s.manager.print(kiosk::devices::printer::sampleReceipt()); // a warning does not stop printing
        QTRY_COMPARE(finished.count(), 2);
        s.console().runCommand(QStringLiteral("cutter jam"));
        QTRY_COMPARE(s.manager.printerStatus(), DeviceStatus::Fault);
        QVERIFY(row(s.manager, DeviceKind::ReceiptPrinter).message.contains(QStringLiteral("cutter")));
    }
    void unplugReaderMidRead()
    {
        Sim s;
        QVERIFY(s.up());
        s.console().reader()->setLatency({0ms, 600ms}); // a read takes its time over the air
        QSignalSpy read(&s.manager, &DeviceManager::cardRead);
        QSignalSpy fault(&s.manager, &DeviceManager::deviceFault);
        s.console().insertCard(3);
        QTRY_COMPARE_WITH_TIMEOUT(s.manager.idCardStatus(), DeviceStatus::Busy, 3000); // busy: reading
        QVERIFY(s.console().unplug(QStringLiteral("idcard")));
        QTRY_VERIFY(fault.count() >= 1);
        QCOMPARE(fault.last().at(1).value<DeviceError>(), DeviceError::Disconnected);
        QVERIFY(fault.last().at(2).toString().contains(QStringLiteral("disconnected")));
        QCOMPARE(s.manager.idCardStatus(), DeviceStatus::Fault);
        QVERIFY(!row(s.manager, DeviceKind::IdCardReader).present);
        QTest::qWait(700);
        QCOMPARE(read.count(), 0); // the read in flight is lost, not half-reported
        QVERIFY(!s.console().unplug(QStringLiteral("idcard"))); // already out
        QVERIFY(s.console().replug(QStringLiteral("idcard")));
        QVERIFY(read.wait(4000)); // recovered: the card still lies there and is read
        QCOMPARE(read.first().first().value<idcard::IdCard>().name, QStringLiteral("阿依古丽·买买提"));
        QTRY_COMPARE(s.manager.idCardStatus(), DeviceStatus::Normal);
        QVERIFY(row(s.manager, DeviceKind::IdCardReader).present);
    }
    void unplugWithCardPresentReportsRemoval()
    {
        Sim s;
        QVERIFY(s.up());
        QSignalSpy read(&s.manager, &DeviceManager::cardRead);
        QSignalSpy removed(&s.manager, &DeviceManager::cardRemoved);
        s.console().insertCard(0);
        QVERIFY(read.wait(3000));
        s.console().unplug(QStringLiteral("idcard"));
        QVERIFY(removed.wait(2000));
        QVERIFY(!s.manager.isCardPresent());
    }
    void unplugPrinterMidJob()
    {
        Sim s;
        QVERIFY(s.up());
        QSignalSpy waiting(&s.manager, &DeviceManager::printWaiting);
        QSignalSpy finished(&s.manager, &DeviceManager::printFinished);
        QSignalSpy fault(&s.manager, &DeviceManager::deviceFault);
        s.console().setPaperRemaining(100);
        const int id = s.manager.print(kiosk::devices::printer::sampleReceipt());
        QVERIFY(waiting.wait(3000));
        s.console().unplug(QStringLiteral("printer"));
        QTRY_VERIFY(fault.count() >= 1);
        QVERIFY(fault.last().at(2).toString().contains(QStringLiteral("printer disconnected")));
        QCOMPARE(s.manager.printerStatus(), DeviceStatus::Fault);
        s.console().setPaper(QStringLiteral("ok")); // new roll while unplugged
        QTest::qWait(100);
        QCOMPARE(finished.count(), 0);
        s.console().replug(QStringLiteral("printer"));
        QVERIFY(finished.wait(3000));
        QCOMPARE(finished.first().first().toInt(), id);
        QCOMPARE(s.console().printer()->receipts().size(), std::size_t(1));
    }
    void unplugScanner()
    {
        Sim s;
        QVERIFY(s.up());
        QSignalSpy codes(&s.manager, &DeviceManager::codeScanned);
        QSignalSpy fault(&s.manager, &DeviceManager::deviceFault);
        s.console().unplug(QStringLiteral("scanner"));
        QTRY_VERIFY(fault.count() >= 1);
        QCOMPARE(s.manager.scannerStatus(), DeviceStatus::Fault);
        s.console().scanCode(QStringLiteral("lost")); // nobody listens: a scanner without a cable
        QTest::qWait(150);
        QCOMPARE(codes.count(), 0);
        s.console().replug(QStringLiteral("scanner"));
        QTRY_COMPARE(s.manager.scannerStatus(), DeviceStatus::Normal);
        s.console().scanCode(QStringLiteral("back"));
        QVERIFY(codes.wait(2000));
        QCOMPARE(codes.first().first().toString(), QStringLiteral("back"));
    }
    void stopWhileReading()
    {
        Sim s;
        QVERIFY(s.up());
        s.console().reader()->setLatency({0ms, 3000ms});
        s.console().insertCard(0);
        QTRY_COMPARE_WITH_TIMEOUT(s.manager.idCardStatus(), DeviceStatus::Busy, 3000);
        QElapsedTimer t;
        t.start();
        s.manager.stop();
        QVERIFY2(t.elapsed() < 1000, qPrintable(QString::number(t.elapsed())));
    }
    void scriptInterface()
    {
        Sim s;
        QVERIFY(s.up());
        QCOMPARE(s.console().runCommand(QStringLiteral("# a comment")), QString());
        QCOMPARE(s.console().runCommand(QStringLiteral("insert 9")), QStringLiteral("cannot do \"insert 9\""));
        QCOMPARE(s.console().runCommand(QStringLiteral("insert x")), QStringLiteral("cannot do \"insert x\""));
        QCOMPARE(s.console().runCommand(QStringLiteral("paper wet")), QStringLiteral("cannot do \"paper wet\""));
        QCOMPARE(s.console().runCommand(QStringLiteral("unplug fax")), QStringLiteral("cannot do \"unplug fax\""));
        QCOMPARE(s.console().runCommand(QStringLiteral("sam-fault zz")), QStringLiteral("cannot do \"sam-fault zz\""));
        QCOMPARE(s.console().runCommand(QStringLiteral("dance")), QStringLiteral("unknown command \"dance\""));
        QSignalSpy codes(&s.manager, &DeviceManager::codeScanned);
        QCOMPARE(s.console().runCommand(QStringLiteral("scan 社保 查询")), QString());
        QVERIFY(codes.wait(2000));
        QCOMPARE(codes.first().first().toString(), QStringLiteral("社保 查询"));
        // Outside simulation there is no console at all.
        DeviceManager real(false);
        QVERIFY(!real.simulator());
        QVERIFY(!real.isSimulated());
    }
    void readerOverAnyPacketSize_data()
    {
        QTest::addColumn<int>("packet");
        for (int p : {0, 1, 7, 64, 512})
            QTest::newRow(qPrintable(QString::number(p))) << p;
    }
    void readerOverAnyPacketSize()
    {
        // The driver alone on the simulated SAM, whatever size the transport's reads come in.
        QFETCH(int, packet);
        auto sam = std::make_shared<sim::SimulatedSam>();
        sam->setPacketSize(std::size_t(packet));
        sam->insertCard(4);
        idcard::ReaderStateMachine::Timing t;
        t.searchInterval = 10ms;
        idcard::IdCardReader reader(t);
        QSignalSpy read(&reader, &idcard::IdCardReader::cardRead);
        reader.attach(std::make_shared<idcard::StreamSamTransport>(std::make_shared<sim::SimulatedIo>(sam)));
        QTRY_COMPARE(read.count(), 1);
        QCOMPARE(read.first().first().value<idcard::IdCard>().idNumber, QStringLiteral("350104201409081056"));
        reader.detach(DeviceError::None, QString());
    }
    void hungReaderBecomesAFault()
    {
        auto sam = std::make_shared<sim::SimulatedSam>();
        sam->setMute(true);
        idcard::ReaderStateMachine::Timing t;
        t.searchInterval = 10ms;
        t.faultRetryInterval = 50ms;
        idcard::IdCardReader reader(t);
        QSignalSpy status(&reader, &idcard::IdCardReader::statusChanged);
        reader.attach(std::make_shared<idcard::StreamSamTransport>(std::make_shared<sim::SimulatedIo>(sam)));
        // Three 500 ms timeouts, then the fault.
        QTRY_VERIFY_WITH_TIMEOUT(!status.isEmpty() && status.last().at(0).value<DeviceStatus>() == DeviceStatus::Fault, 4000);
        QCOMPARE(status.last().at(1).value<DeviceError>(), DeviceError::NotResponding);
        QVERIFY(status.last().at(2).toString().contains(QStringLiteral("does not answer")));
        sam->setMute(false);
        QTRY_VERIFY_WITH_TIMEOUT(status.last().at(0).value<DeviceStatus>() == DeviceStatus::Normal, 3000);
        reader.detach(DeviceError::None, QString());
    }
};

QTEST_MAIN(TestSimulator)
#include "tst_simulator.moc"
