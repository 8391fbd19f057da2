// SPDX-License-Identifier: GPL-3.0-or-later
// The receipt a resident takes away: its wording (the English source strings, no translator
// loaded), and printing on the simulated printer under the real driver: printed, paper out
// (handed back, not reprinted by itself), reprinted on request, and no device layer at all.
#include "devices/devicemanager.h"
#include "devices/simulator/simulatedprinter.h"
#include "devices/simulator/simulatorconsole.h"
#include "kiosk/journey/receiptslip.h"

#include <QSignalSpy>
#include <QTest>

using namespace kiosk;
using namespace std::chrono_literals;
using State = ReceiptSlip::State;

namespace {

devices::DeviceManager::Options fast()
{
    devices::DeviceManager::Options o;
    o.realisticSimulation = false;
    o.printerTiming.settle = 0ms;
    o.printerTiming.recoveryPoll = 30ms;
    o.printerTiming.idlePoll = 200ms;
    return o;
}

ReceiptFacts facts(int legalDays = 20)
{
    return {.place = QStringLiteral("幸福里邻里中心 1号机"),
            .itemName = QStringLiteral("高龄津贴申请"),
            .time = QDateTime(QDate(2026, 3, 10), QTime(9, 30)),
            .number = QStringLiteral("SQ20260310000123"),
            .qrText = QStringLiteral("SQ20260310000123"),
            .legalDays = legalDays,
            .awaitingNetwork = false,
            .suggestion = false};
}

/** A started simulated device layer with the printer up. */
struct Devices {
    Devices()
        : manager(true)
    {
        manager.setOptions(fast());
        manager.start();
    }
    bool up() { return QTest::qWaitFor([&] { return manager.printerStatus() == devices::DeviceStatus::Normal; }, 5000); }
    [[nodiscard]] std::size_t printed() const { return manager.simulator()->printer()->receipts().size(); }
    devices::DeviceManager manager;
};

const QString progressNote = QStringLiteral("Progress: tap your ID card at this terminal or scan the QR code below");

} // namespace

class TestReceiptSlip : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void wording()
    {
        const auto r = ReceiptSlip::receiptText(facts(20));
        QCOMPARE(r.terminalName, QStringLiteral("幸福里邻里中心 1号机"));
        QCOMPARE(r.itemName, QStringLiteral("高龄津贴申请"));
        QCOMPARE(r.time, QDateTime(QDate(2026, 3, 10), QTime(9, 30)));
        QCOMPARE(r.trackingNumber, QStringLiteral("SQ20260310000123"));
        QCOMPARE(r.qrPayload, QStringLiteral("SQ20260310000123"));
        QCOMPARE(r.notes, (QStringList{QStringLiteral("Time limit set by law: 20 working day(s)"), progressNote}));
        QCOMPARE(r.footer, QStringLiteral("Please keep this receipt"));
        // The slip's own labels follow the visit's language too (here the English sources).
        QCOMPARE(r.title, QStringLiteral("Receipt"));
        QCOMPARE(r.itemLabel, QStringLiteral("Service: "));
        QCOMPARE(r.timeLabel, QStringLiteral("Time: "));
        QCOMPARE(r.numberLabel, QStringLiteral("Number: "));
        QCOMPARE(r.qrCaption, QStringLiteral("Scan to check progress"));

        QCOMPARE(ReceiptSlip::receiptText(facts(1)).notes.first(), QStringLiteral("Time limit set by law: 1 working day(s)"));
        QCOMPARE(ReceiptSlip::receiptText(facts(0)).notes.first(), QStringLiteral("Time limit set by law: done on the spot"));

        ReceiptFacts f = facts(15);
        f.number = QStringLiteral("DEMO-0001-1A2B3C4D");
        f.qrText = QStringLiteral("KIOSK:1a2b3c4d-0000");
        f.awaitingNetwork = true;
        f.suggestion = true;
        const auto later = ReceiptSlip::receiptText(f);
        QCOMPARE(later.trackingNumber, f.number);
        QCOMPARE(later.qrPayload, f.qrText);
        QCOMPARE(later.notes, (QStringList{QStringLiteral("Time limit set by law: 15 working day(s)"),
                                           QStringLiteral("Sent automatically once the network is back; the number stays the same"),
                                           progressNote, QStringLiteral("You can also ask on the 12345 hotline")}));
    }

    void printsThenPrinted()
    {
        Devices d;
        QVERIFY(d.up());
        ReceiptSlip slip(&d.manager);
        QList<State> states;
        connect(&slip, &ReceiptSlip::stateChanged, this, [&] { states << slip.state(); });
        QSignalSpy printed(&slip, &ReceiptSlip::printed);
        QSignalSpy failed(&slip, &ReceiptSlip::printFailed);
        QCOMPARE(slip.state(), State::None);
        slip.print(facts());
        QCOMPARE(slip.state(), State::Printing);
        slip.reprint(); // already printing: not a second copy
        QVERIFY(printed.wait(5000));
        QCOMPARE(slip.state(), State::Printed);
        QCOMPARE(states, (QList<State>{State::Printing, State::Printed}));
        QCOMPARE(failed.size(), 0);
        QTest::qWait(200);
        QCOMPARE(d.printed(), std::size_t(1));
        const QString text = d.manager.simulator()->printer()->receipts().front().plainText();
        QVERIFY2(text.contains(QStringLiteral("SQ20260310000123")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("高龄津贴申请")), qPrintable(text));

        // Another job's end is not this receipt's.
        QSignalSpy finished(&d.manager, &devices::DeviceManager::printFinished);
        d.manager.print(ReceiptSlip::receiptText(facts()));
        QVERIFY(finished.wait(5000));
        QCOMPARE(printed.size(), 1);

        // A second copy on request.
        slip.reprint();
        QCOMPARE(slip.state(), State::Printing);
        QVERIFY(printed.wait(5000));
        QCOMPARE(slip.state(), State::Printed);
        QCOMPARE(d.printed(), std::size_t(3));
    }

    void paperOutFailsThenReprints()
    {
        Devices d;
        QVERIFY(d.up());
        QVERIFY(d.manager.simulator()->setPaper(QStringLiteral("out")));
        QTRY_COMPARE(d.manager.printerStatus(), devices::DeviceStatus::Fault);
        ReceiptSlip slip(&d.manager);
        QSignalSpy printed(&slip, &ReceiptSlip::printed);
        QSignalSpy failed(&slip, &ReceiptSlip::printFailed);
        slip.print(facts());
        QCOMPARE(slip.state(), State::Printing);
        QVERIFY(failed.wait(5000));
        QCOMPARE(slip.state(), State::Failed);
        QCOMPARE(failed.size(), 1);

        // Paper back: nothing prints by itself (the resident may have gone) …
        QVERIFY(d.manager.simulator()->setPaper(QStringLiteral("ok")));
        QTRY_COMPARE(d.manager.printerStatus(), devices::DeviceStatus::Normal);
        QTest::qWait(300);
        QCOMPARE(d.printed(), std::size_t(0));
        QCOMPARE(slip.state(), State::Failed);
        // … until asked.
        slip.reprint();
        QCOMPARE(slip.state(), State::Printing);
        QVERIFY(printed.wait(5000));
        QCOMPARE(slip.state(), State::Printed);
        QCOMPARE(d.printed(), std::size_t(1));
        QVERIFY(d.manager.simulator()->printer()->receipts().front().plainText().contains(QStringLiteral("SQ20260310000123")));
        QCOMPARE(failed.size(), 1);
    }

    void noDeviceLayerFailsAtOnce()
    {
        devices::DeviceManager stopped(true); // never started
        ReceiptSlip slip(&stopped);
        QSignalSpy failed(&slip, &ReceiptSlip::printFailed);
        slip.print(facts());
        QCOMPARE(failed.size(), 1); // at once: no job to wait for
        QCOMPARE(slip.state(), State::Failed);
        slip.reprint();
        QCOMPARE(failed.size(), 2);

        Devices d;
        QVERIFY(d.up());
        d.manager.stop();
        ReceiptSlip afterStop(&d.manager);
        QSignalSpy failedAfterStop(&afterStop, &ReceiptSlip::printFailed);
        afterStop.print(facts());
        QCOMPARE(failedAfterStop.size(), 1);
        QCOMPARE(afterStop.state(), State::Failed);

        QSignalSpy stateChanged(&afterStop, &ReceiptSlip::stateChanged);
        afterStop.clear();
        QCOMPARE(afterStop.state(), State::None);
        QCOMPARE(stateChanged.size(), 1);
        afterStop.reprint(); // nothing to reprint after clear()
        QCOMPARE(afterStop.state(), State::None);
        QCOMPARE(failedAfterStop.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestReceiptSlip)
#include "tst_receiptslip.moc"
