// SPDX-License-Identifier: GPL-3.0-or-later
// Tier 2: the A4 printer through the simulated IPP printer (devices/simulator/simulateda4printer.h),
// an HTTP/IPP server on 127.0.0.1 in the test process. The driver's real CUPS code talks to it;
// DeviceManager's GUI-thread API is what the test drives: a job with progress, paper out before
// and during a job, a jam, an open door, toner low, the printer going offline, cancelling, and
// polling without a busy loop.
#include "devices/a4printer/textpdf.h"
#include "devices/devicemanager.h"
#include "devices/simulator/simulateda4printer.h"
#include "devices/simulator/simulatorconsole.h"

#include <QSignalSpy>
#include <QTest>

using namespace kiosk::devices;
using namespace std::chrono_literals;

namespace {

constexpr int kPageMs = 150; ///< the simulated printer's time per page here

DeviceManager::Options fast()
{
    DeviceManager::Options o;
    o.realisticSimulation = false;
    o.printerTiming.settle = 0ms;
    o.a4Timing.idlePoll = 200ms;
    o.a4Timing.jobPoll = 50ms;
    o.a4Timing.unreachableDuringJob = 400ms;
    o.a4Timing.link.connect = 1000ms;
    o.a4Timing.link.request = 2000ms;
    o.simulatedA4PageTime = std::chrono::milliseconds(kPageMs);
    return o;
}

QByteArray document(int pages)
{
    QList<QStringList> content;
    for (int p = 1; p <= pages; ++p)
        content.append(QStringList{QStringLiteral("社会保险缴费证明"), QStringLiteral("Page %1 of %2").arg(p).arg(pages)});
    return kiosk::devices::a4::textPdf(QStringLiteral("certificate"), content);
}

struct Progress {
    int job;
    int done;
    int total;
};

/** A started simulated manager with its A4 printer up, and what it reports. */
struct Sim {
    Sim()
        : manager(true)
        , progress(&manager, &DeviceManager::documentProgress)
        , finished(&manager, &DeviceManager::documentFinished)
    {
        manager.setOptions(fast());
        manager.start();
    }
    [[nodiscard]] bool a4Is(DeviceStatus status, DeviceError error = DeviceError::None, int ms = 5000)
    {
        return QTest::qWaitFor([&] { return manager.a4PrinterStatus() == status && manager.a4PrinterError() == error; }, ms);
    }
    [[nodiscard]] bool finishedJob(int job, int ms = 10000)
    {
        return QTest::qWaitFor([&] { return outcome(job).has_value(); }, ms);
    }
    /** ok, error, detail of @p job's documentFinished, if it came. */
    std::optional<std::tuple<bool, DeviceError, QString>> outcome(int job) const
    {
        int n = 0;
        std::optional<std::tuple<bool, DeviceError, QString>> out;
        for (const QList<QVariant> &args : finished) {
            if (args.at(0).toInt() == job) {
                ++n;
                out = std::make_tuple(args.at(1).toBool(), args.at(2).value<DeviceError>(), args.at(3).toString());
            }
        }
        return n == 1 ? out : std::nullopt; // exactly once
    }
    [[nodiscard]] QList<Progress> progressOf(int job) const
    {
        QList<Progress> out;
        for (const QList<QVariant> &args : progress) {
            if (args.at(0).toInt() == job)
                out.append({job, args.at(1).toInt(), args.at(2).toInt()});
        }
        return out;
    }
    [[nodiscard]] bool sawProgress(int job, int done) const
    {
        const auto p = progressOf(job);
        return std::any_of(p.begin(), p.end(), [&](const Progress &x) { return x.done == done; });
    }
    sim::SimulatorConsole &console() { return *manager.simulator(); }
    sim::SimulatedA4Printer &printer() { return *manager.simulator()->a4Printer(); }

    DeviceManager manager;
    QSignalSpy progress;
    QSignalSpy finished;
};

} // namespace

class TestA4Printer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<DeviceError>();
    }

    void comesUpThroughCups()
    {
        Sim s;
        QVERIFY(s.a4Is(DeviceStatus::Normal));
        const DeviceRow &row = s.manager.devices()->inService(DeviceKind::A4Printer);
        QCOMPARE(row.transport, QStringLiteral("simulated-ipp"));
        QCOMPARE(row.model, QStringLiteral("Simulated A4 printer (IPP Everywhere)"));
        QVERIFY(row.present);
        QVERIFY(s.printer().uri().startsWith(QLatin1String("ipp://127.0.0.1:")));
    }

    void jobCompletesWithProgress()
    {
        Sim s;
        QVERIFY(s.a4Is(DeviceStatus::Normal));
        const int job = s.manager.printDocument(document(2), QStringLiteral("SB-0012 Q-20261201-0042 张伟"), 2);
        QVERIFY(job > 0);
        QVERIFY(s.finishedJob(job));
        const auto [ok, error, detail] = *s.outcome(job);
        QVERIFY2(ok, qPrintable(detail));
        QCOMPARE(error, DeviceError::None);
        QVERIFY(s.sawProgress(job, 1));
        QVERIFY(s.sawProgress(job, 2));
        const auto p = s.progressOf(job);
        QCOMPARE(p.last().done, 2);
        QCOMPARE(p.last().total, 2);
        for (qsizetype i = 1; i < p.size(); ++i)
            QVERIFY(p[i].done > p[i - 1].done); // progress only moves on
        // What the printer got: the pages (counted from the PDF), A4 one-sided, no name.
        const auto jobs = s.printer().jobs();
        QCOMPARE(jobs.size(), std::size_t(1));
        QCOMPARE(jobs[0].pages, 2);
        QCOMPARE(jobs[0].printed, 2);
        QCOMPARE(jobs[0].state, 9);
        QCOMPARE(jobs[0].name, QStringLiteral("SB-0012 Q-20261201-0042"));
        QCOMPARE(jobs[0].media, QStringLiteral("iso_a4_210x297mm"));
        QCOMPARE(jobs[0].sides, QStringLiteral("one-sided"));
        QCOMPARE(jobs[0].format, QStringLiteral("application/pdf"));
        QVERIFY(s.a4Is(DeviceStatus::Normal));
    }

    void paperOutBeforeJobIsRefusedAtOnce()
    {
        Sim s;
        QVERIFY(s.a4Is(DeviceStatus::Normal));
        QVERIFY(s.console().runCommand(QStringLiteral("a4 paper out")).isEmpty());
        QVERIFY(s.a4Is(DeviceStatus::Fault, DeviceError::PaperOut));
        // The manager knows: no job id.
        QCOMPARE(s.manager.printDocument(document(1), QStringLiteral("SB-0012"), 1), 0);
        QVERIFY(s.manager.a4PrinterMessage().contains(QLatin1String("media-empty")));
        // Paper back: printing again.
        QVERIFY(s.console().runCommand(QStringLiteral("a4 paper ok")).isEmpty());
        QVERIFY(s.a4Is(DeviceStatus::Normal));
        // The paper ran out after the last poll: the driver's own poll before the job refuses it,
        // and the printer never sees a job.
        s.printer().setPaperOut(true);
        const int job = s.manager.printDocument(document(1), QStringLiteral("SB-0012"), 1);
        QVERIFY(job > 0);
        QVERIFY(s.finishedJob(job, 3000));
        const auto [ok, error, detail] = *s.outcome(job);
        QVERIFY(!ok);
        QCOMPARE(error, DeviceError::PaperOut);
        QVERIFY2(detail.contains(QLatin1String("not printed")), qPrintable(detail));
        QVERIFY(s.progressOf(job).isEmpty());
        QVERIFY(s.printer().jobs().empty());
    }

    void paperOutDuringJob()
    {
        Sim s;
        QVERIFY(s.a4Is(DeviceStatus::Normal));
        QVERIFY(s.console().runCommand(QStringLiteral("a4 paper-runs-out 1")).isEmpty());
        const int job = s.manager.printDocument(document(2), QStringLiteral("SB-0012 Q-1"), 2);
        QVERIFY(job > 0);
        QVERIFY(s.finishedJob(job));
        const auto [ok, error, detail] = *s.outcome(job);
        QVERIFY(!ok);
        QCOMPARE(error, DeviceError::PaperOut);
        QVERIFY2(detail.contains(QLatin1String("after 1 of 2 pages")), qPrintable(detail));
        QVERIFY(s.sawProgress(job, 1));
        QVERIFY(!s.sawProgress(job, 2));
        QVERIFY(s.a4Is(DeviceStatus::Fault, DeviceError::PaperOut));
        // Cancelled at the printer: the second page does not come out for the next resident.
        const auto jobs = s.printer().jobs();
        QCOMPARE(jobs.size(), std::size_t(1));
        QCOMPARE(jobs[0].state, 7);
        QCOMPARE(jobs[0].printed, 1);
        s.console().runCommand(QStringLiteral("a4 paper ok"));
        QVERIFY(s.a4Is(DeviceStatus::Normal));
        QTest::qWait(3 * kPageMs);
        QCOMPARE(s.printer().jobs()[0].printed, 1);
    }

    void jamDuringJob()
    {
        Sim s;
        QVERIFY(s.a4Is(DeviceStatus::Normal));
        const int job = s.manager.printDocument(document(3), QStringLiteral("SB-0012"), 3);
        QVERIFY(job > 0);
        QVERIFY(QTest::qWaitFor([&] { return s.sawProgress(job, 1); }, 5000));
        QVERIFY(s.console().runCommand(QStringLiteral("a4 jam on")).isEmpty());
        QVERIFY(s.finishedJob(job));
        const auto [ok, error, detail] = *s.outcome(job);
        QVERIFY(!ok);
        QCOMPARE(error, DeviceError::PaperJam);
        QVERIFY2(detail.contains(QLatin1String("media-jam")), qPrintable(detail));
        QVERIFY(s.a4Is(DeviceStatus::Fault, DeviceError::PaperJam));
        s.console().runCommand(QStringLiteral("a4 jam off"));
        QVERIFY(s.a4Is(DeviceStatus::Normal));
    }

    void doorOpen()
    {
        Sim s;
        QVERIFY(s.a4Is(DeviceStatus::Normal));
        QVERIFY(s.console().runCommand(QStringLiteral("a4 door open")).isEmpty());
        QVERIFY(s.a4Is(DeviceStatus::Fault, DeviceError::DoorOpen));
        QCOMPARE(s.manager.printDocument(document(1), QStringLiteral("SB-0012"), 1), 0);
        s.console().runCommand(QStringLiteral("a4 door closed"));
        QVERIFY(s.a4Is(DeviceStatus::Normal));
    }

    void tonerLowStillPrints()
    {
        Sim s;
        QVERIFY(s.a4Is(DeviceStatus::Normal));
        QVERIFY(s.console().runCommand(QStringLiteral("a4 toner low")).isEmpty());
        QVERIFY(s.a4Is(DeviceStatus::Warning, DeviceError::TonerLow));
        const int job = s.manager.printDocument(document(2), QStringLiteral("SB-0012"), 2);
        QVERIFY(job > 0);
        QVERIFY(s.finishedJob(job));
        const auto [ok, error, detail] = *s.outcome(job);
        QVERIFY2(ok, qPrintable(detail));
        QVERIFY(s.sawProgress(job, 2));
        QVERIFY(s.a4Is(DeviceStatus::Warning, DeviceError::TonerLow));
        // Empty toner is a fault.
        s.console().runCommand(QStringLiteral("a4 toner empty"));
        QVERIFY(s.a4Is(DeviceStatus::Fault, DeviceError::TonerEmpty));
    }

    void offline()
    {
        Sim s;
        QVERIFY(s.a4Is(DeviceStatus::Normal));
        // Unreachable while idle: Offline, and nothing is accepted.
        QVERIFY(s.console().runCommand(QStringLiteral("a4 offline")).isEmpty());
        QVERIFY(s.a4Is(DeviceStatus::Fault, DeviceError::Offline));
        QVERIFY(s.manager.a4PrinterMessage().contains(QLatin1String("unreachable")));
        QCOMPARE(s.manager.printDocument(document(1), QStringLiteral("SB-0012"), 1), 0);
        QVERIFY(s.console().runCommand(QStringLiteral("a4 online")).isEmpty());
        QVERIFY(s.a4Is(DeviceStatus::Normal));
        // Unreachable during a job: the job fails as Offline, with words saying so.
        const int job = s.manager.printDocument(document(4), QStringLiteral("SB-0012"), 4);
        QVERIFY(job > 0);
        QVERIFY(QTest::qWaitFor([&] { return s.sawProgress(job, 1); }, 5000));
        s.printer().setOffline(true);
        QVERIFY(s.finishedJob(job));
        const auto [ok, error, detail] = *s.outcome(job);
        QVERIFY(!ok);
        QCOMPARE(error, DeviceError::Offline);
        QVERIFY2(detail.contains(QLatin1String("unreachable during the job")), qPrintable(detail));
        s.printer().setOffline(false);
        QVERIFY(s.a4Is(DeviceStatus::Normal));
    }

    void cancelDuringJob()
    {
        Sim s;
        QVERIFY(s.a4Is(DeviceStatus::Normal));
        const int job = s.manager.printDocument(document(5), QStringLiteral("SB-0012"), 5);
        QVERIFY(job > 0);
        QVERIFY(QTest::qWaitFor([&] { return s.sawProgress(job, 1); }, 5000));
        s.manager.cancelDocument(job);
        QVERIFY(s.finishedJob(job));
        const auto [ok, error, detail] = *s.outcome(job);
        QVERIFY(!ok);
        QCOMPARE(error, DeviceError::JobCancelled);
        QCOMPARE(s.printer().jobs()[0].state, 7);
        // Queued jobs are cancelled before they reach the printer.
        const int a = s.manager.printDocument(document(1), QStringLiteral("A"), 1);
        const int b = s.manager.printDocument(document(1), QStringLiteral("B"), 1);
        s.manager.cancelDocument(b);
        QVERIFY(s.finishedJob(a));
        QVERIFY(s.finishedJob(b));
        QVERIFY(std::get<0>(*s.outcome(a)));
        QCOMPARE(std::get<1>(*s.outcome(b)), DeviceError::JobCancelled);
        QCOMPARE(s.printer().jobs().size(), std::size_t(2));
    }

    void unplugAndReplug()
    {
        Sim s;
        QVERIFY(s.a4Is(DeviceStatus::Normal));
        QVERIFY(s.console().unplug(QStringLiteral("a4printer")));
        QVERIFY(s.a4Is(DeviceStatus::Fault, DeviceError::Disconnected));
        QCOMPARE(s.manager.printDocument(document(1), QStringLiteral("SB-0012"), 1), 0);
        QVERIFY(s.console().replug(QStringLiteral("a4printer")));
        QVERIFY(s.a4Is(DeviceStatus::Normal));
    }

    void pollsWithoutBusyLoop()
    {
        Sim s;
        QVERIFY(s.a4Is(DeviceStatus::Normal));
        const int before = s.printer().requestCount();
        QTest::qWait(1000);
        const int polls = s.printer().requestCount() - before;
        // idlePoll is 200 ms here: about 5 Get-Printer-Attributes in a second, never hundreds.
        QVERIFY2(polls >= 2 && polls <= 10, qPrintable(QString::number(polls)));
    }

    void printerNotFound()
    {
        // A printer named and missing is a fault; none configured and none found is "not
        // connected" (a terminal may have no A4 printer). Neither takes a job.
        for (const QString &address : {QStringLiteral("kiosk-test-no-such-printer"), QString()}) {
            DeviceManager m(false);
            DeviceManager::Options o = fast();
            o.a4Printer = address;
            o.a4Timing.link.discovery = 500ms;
            m.setOptions(o);
            m.start();
            const DeviceStatus expected = address.isEmpty() ? DeviceStatus::Unknown : DeviceStatus::Fault;
            const bool reported = QTest::qWaitFor([&] { return m.a4PrinterError() != DeviceError::None; }, 5000);
            if (address.isEmpty() && m.a4PrinterStatus() == DeviceStatus::Normal)
                QSKIP("an IPP Everywhere printer is reachable from this machine");
            QVERIFY2(reported, qPrintable(m.a4PrinterMessage()));
            QCOMPARE(m.a4PrinterStatus(), expected);
            QCOMPARE(m.a4PrinterError(), DeviceError::Disconnected);
            QVERIFY2(m.a4PrinterMessage().contains(address.isEmpty() ? QStringLiteral("no IPP Everywhere printer found") : address),
                     qPrintable(m.a4PrinterMessage()));
            QCOMPARE(m.printDocument(document(1), QStringLiteral("SB-0012"), 1), 0);
        }
    }

    void nothingWhenStopped()
    {
        DeviceManager m(true);
        QCOMPARE(m.printDocument(document(1), QStringLiteral("SB-0012"), 1), 0);
        m.cancelDocument(1); // harmless
    }
};

QTEST_MAIN(TestA4Printer)
#include "tst_a4printer.moc"
