// SPDX-License-Identifier: GPL-3.0-or-later
// Tier 1: the A4 printer's IPP codec (devices/a4printer/ippstate.h): every printer-state-reasons
// keyword the terminal knows, every suffix, every printer-state and job-state, and the priorities
// between several reasons. Pure: no CUPS, no server.
#include "devices/a4printer/ippstate.h"

#include <QTest>

using namespace kiosk::devices;
using namespace kiosk::devices::a4;

Q_DECLARE_METATYPE(kiosk::devices::a4::Severity)

namespace {

QStringList L(std::initializer_list<const char *> values)
{
    QStringList out;
    for (const char *v : values)
        out << QString::fromLatin1(v);
    return out;
}

PrinterState printer(int state, QStringList reasons, bool accepting = true)
{
    return PrinterState{state, std::move(reasons), accepting, QString()};
}

} // namespace

class TestIppState : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseReason_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("keyword");
        QTest::addColumn<Severity>("severity");
        QTest::newRow("error suffix") << "media-empty-error" << "media-empty" << Severity::Error;
        QTest::newRow("warning suffix") << "media-empty-warning" << "media-empty" << Severity::Warning;
        QTest::newRow("report suffix") << "toner-low-report" << "toner-low" << Severity::Report;
        QTest::newRow("known error, no suffix") << "media-jam" << "media-jam" << Severity::Error;
        QTest::newRow("known warning, no suffix") << "toner-low" << "toner-low" << Severity::Warning;
        QTest::newRow("media-low is a warning") << "media-low" << "media-low" << Severity::Warning;
        QTest::newRow("unknown, no suffix: an error (RFC 8011)") << "fuser-over-temp" << "fuser-over-temp" << Severity::Error;
        QTest::newRow("CUPS' own reasons report") << "cups-waiting-for-job-completed" << "cups-waiting-for-job-completed" << Severity::Report;
        QTest::newRow("none") << "none" << "none" << Severity::Report;
        QTest::newRow("a bare suffix is a keyword") << "-error" << "-error" << Severity::Error;
    }
    void parseReason()
    {
        QFETCH(QString, value);
        QFETCH(QString, keyword);
        QFETCH(Severity, severity);
        const Reason r = a4::parseReason(value);
        QCOMPARE(r.keyword, keyword);
        QCOMPARE(r.severity, severity);
    }

    void everyReason_data()
    {
        QTest::addColumn<QString>("reason");
        QTest::addColumn<DeviceStatus>("status");
        QTest::addColumn<DeviceError>("error");
        const auto F = DeviceStatus::Fault;
        const auto W = DeviceStatus::Warning;
        QTest::newRow("media-empty-error") << "media-empty-error" << F << DeviceError::PaperOut;
        QTest::newRow("media-empty") << "media-empty" << F << DeviceError::PaperOut;
        QTest::newRow("media-needed-error") << "media-needed-error" << F << DeviceError::PaperOut;
        QTest::newRow("media-needed") << "media-needed" << F << DeviceError::PaperOut;
        QTest::newRow("input-tray-missing-error") << "input-tray-missing-error" << F << DeviceError::PaperOut;
        QTest::newRow("media-jam-error") << "media-jam-error" << F << DeviceError::PaperJam;
        QTest::newRow("media-jam") << "media-jam" << F << DeviceError::PaperJam;
        QTest::newRow("door-open-error") << "door-open-error" << F << DeviceError::DoorOpen;
        QTest::newRow("door-open") << "door-open" << F << DeviceError::DoorOpen;
        QTest::newRow("cover-open-error") << "cover-open-error" << F << DeviceError::CoverOpen;
        QTest::newRow("interlock-open-error") << "interlock-open-error" << F << DeviceError::CoverOpen;
        QTest::newRow("toner-empty-error") << "toner-empty-error" << F << DeviceError::TonerEmpty;
        QTest::newRow("marker-supply-empty-error") << "marker-supply-empty-error" << F << DeviceError::TonerEmpty;
        QTest::newRow("toner-low-warning") << "toner-low-warning" << W << DeviceError::TonerLow;
        QTest::newRow("toner-low") << "toner-low" << W << DeviceError::TonerLow;
        QTest::newRow("marker-supply-low-warning") << "marker-supply-low-warning" << W << DeviceError::TonerLow;
        QTest::newRow("media-low-warning") << "media-low-warning" << W << DeviceError::PaperNearEnd;
        QTest::newRow("offline-report is only a report") << "offline-report" << DeviceStatus::Normal << DeviceError::None;
        QTest::newRow("offline-error") << "offline-error" << F << DeviceError::Offline;
        QTest::newRow("offline") << "offline" << F << DeviceError::Offline;
        QTest::newRow("connecting-to-device") << "connecting-to-device" << F << DeviceError::Offline;
        QTest::newRow("shutdown") << "shutdown" << F << DeviceError::Offline;
        QTest::newRow("timed-out") << "timed-out" << F << DeviceError::Offline;
        QTest::newRow("paused") << "paused" << F << DeviceError::PrinterError;
        QTest::newRow("moving-to-paused") << "moving-to-paused" << F << DeviceError::PrinterError;
        QTest::newRow("spool-area-full") << "spool-area-full" << F << DeviceError::PrinterError;
        QTest::newRow("output-area-full-error") << "output-area-full-error" << F << DeviceError::PrinterError;
        QTest::newRow("other-error") << "other-error" << F << DeviceError::PrinterError;
        QTest::newRow("unknown keyword, no suffix") << "fuser-over-temp" << F << DeviceError::PrinterError;
        QTest::newRow("unknown warning: nothing to tell") << "developer-low-warning" << DeviceStatus::Normal << DeviceError::None;
        QTest::newRow("a known error sent as a warning") << "media-empty-warning" << W << DeviceError::PaperOut;
        QTest::newRow("media-jam-report") << "media-jam-report" << DeviceStatus::Normal << DeviceError::None;
        QTest::newRow("cups report") << "cups-waiting-for-job-completed" << DeviceStatus::Normal << DeviceError::None;
        QTest::newRow("none") << "none" << DeviceStatus::Normal << DeviceError::None;
    }
    void everyReason()
    {
        QFETCH(QString, reason);
        QFETCH(DeviceStatus, status);
        QFETCH(DeviceError, error);
        const StatusReport r = statusOf(printer(3, {reason}));
        QCOMPARE(r.status, status);
        QCOMPARE(r.error, error);
        if (error != DeviceError::None)
            QVERIFY2(r.detail.contains(reason), qPrintable(r.detail)); // the technician sees what the printer said
    }

    void printerStates_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<bool>("accepting");
        QTest::addColumn<DeviceStatus>("status");
        QTest::addColumn<DeviceError>("error");
        QTest::newRow("idle") << 3 << true << DeviceStatus::Normal << DeviceError::None;
        QTest::newRow("processing") << 4 << true << DeviceStatus::Busy << DeviceError::None;
        QTest::newRow("stopped, no reason") << 5 << true << DeviceStatus::Fault << DeviceError::PrinterError;
        QTest::newRow("idle, not accepting jobs") << 3 << false << DeviceStatus::Fault << DeviceError::PrinterError;
        QTest::newRow("an out-of-range state") << 7 << true << DeviceStatus::Fault << DeviceError::GarbledReply;
    }
    void printerStates()
    {
        QFETCH(int, state);
        QFETCH(bool, accepting);
        QFETCH(DeviceStatus, status);
        QFETCH(DeviceError, error);
        const StatusReport r = statusOf(printer(state, {QStringLiteral("none")}, accepting));
        QCOMPARE(r.status, status);
        QCOMPARE(r.error, error);
    }

    void stateAndReasonsTogether()
    {
        // A stopped printer names its reason; a processing one with a warning needs attention.
        QCOMPARE(statusOf(printer(5, {QStringLiteral("media-empty-error")})).error, DeviceError::PaperOut);
        QCOMPARE(statusOf(printer(4, {QStringLiteral("toner-low-warning")})).status, DeviceStatus::Warning);
        QCOMPARE(statusOf(printer(4, {QStringLiteral("cups-waiting-for-job-completed")})).status, DeviceStatus::Busy);
        // A stopped printer with only a warning is still stopped.
        const StatusReport s = statusOf(printer(5, {QStringLiteral("toner-low-warning")}));
        QCOMPARE(s.status, DeviceStatus::Fault);
        QCOMPARE(s.error, DeviceError::PrinterError);
        // The printer's own message travels in the detail.
        PrinterState withMessage = printer(3, {QStringLiteral("media-jam-error")});
        withMessage.message = QStringLiteral("Jam in tray 2");
        QVERIFY(statusOf(withMessage).detail.contains(QLatin1String("Jam in tray 2")));
    }

    void priorities_data()
    {
        QTest::addColumn<QStringList>("reasons");
        QTest::addColumn<DeviceStatus>("status");
        QTest::addColumn<DeviceError>("error");
        const auto F = DeviceStatus::Fault;
        QTest::newRow("offline hides the rest") << L({"media-empty-error", "offline-error", "media-jam-error"}) << F << DeviceError::Offline;
        QTest::newRow("a jam before paper out") << L({"media-empty-error", "media-jam-error"}) << F << DeviceError::PaperJam;
        QTest::newRow("a door before paper out") << L({"media-needed-error", "door-open-error"}) << F << DeviceError::DoorOpen;
        QTest::newRow("paper out before toner empty") << L({"toner-empty-error", "media-empty-error"}) << F << DeviceError::PaperOut;
        QTest::newRow("toner empty before an unknown error") << L({"other-error", "toner-empty-error"}) << F << DeviceError::TonerEmpty;
        QTest::newRow("any error before a warning") << L({"toner-low-warning", "other-error"}) << F << DeviceError::PrinterError;
        QTest::newRow("toner low before paper low") << L({"media-low-warning", "toner-low-warning"}) << DeviceStatus::Warning << DeviceError::TonerLow;
        QTest::newRow("reports change nothing") << L({"media-jam-report", "none"}) << DeviceStatus::Normal << DeviceError::None;
        QTest::newRow("order does not matter") << L({"media-jam-error", "media-empty-error"}) << F << DeviceError::PaperJam;
    }
    void priorities()
    {
        QFETCH(QStringList, reasons);
        QFETCH(DeviceStatus, status);
        QFETCH(DeviceError, error);
        const StatusReport r = statusOf(printer(3, reasons));
        QCOMPARE(r.status, status);
        QCOMPARE(r.error, error);
    }

    void unreachablePrinter()
    {
        const StatusReport r = unreachable(QStringLiteral("Connection refused"));
        QCOMPARE(r.status, DeviceStatus::Fault);
        QCOMPARE(r.error, DeviceError::Offline);
        QVERIFY(r.detail.contains(QLatin1String("Connection refused")));
    }

    void pages_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<int>("impressions");
        QTest::addColumn<int>("sheets");
        QTest::addColumn<int>("total");
        QTest::addColumn<int>("done");
        QTest::newRow("impressions first") << 5 << 1 << 0 << 2 << 1;
        QTest::newRow("sheets when no impressions") << 5 << -1 << 1 << 2 << 1;
        QTest::newRow("nothing sent") << 5 << -1 << -1 << 2 << 0;
        QTest::newRow("never more than the total") << 5 << 7 << 7 << 2 << 2;
        QTest::newRow("completed counts all") << 9 << 0 << 0 << 2 << 2;
        QTest::newRow("aborted counts what it says") << 8 << 1 << 1 << 3 << 1;
        QTest::newRow("pending") << 3 << 0 << 0 << 1 << 0;
    }
    void pages()
    {
        QFETCH(int, state);
        QFETCH(int, impressions);
        QFETCH(int, sheets);
        QFETCH(int, total);
        QFETCH(int, done);
        JobState j;
        j.state = state;
        j.impressionsCompleted = impressions;
        j.sheetsCompleted = sheets;
        QCOMPARE(pagesDone(j, total), done);
    }

    void jobStates()
    {
        for (int s = 3; s <= 9; ++s)
            QCOMPARE(isFinal(s), s >= 7);
    }

    void jobFailures()
    {
        const PrinterState fine = printer(3, {QStringLiteral("none")});
        JobState j;
        j.state = int(JobStateValue::Aborted);
        j.reasons = {QStringLiteral("job-canceled-at-device")};
        QCOMPARE(jobFailure(j, fine), DeviceError::JobCancelled);
        j.reasons = {QStringLiteral("document-format-error")};
        QCOMPARE(jobFailure(j, fine), DeviceError::DocumentRejected);
        j.reasons = {QStringLiteral("unsupported-document-format")};
        QCOMPARE(jobFailure(j, fine), DeviceError::DocumentRejected);
        // The printer's fault explains an aborted job without a reason of its own.
        j.reasons = {QStringLiteral("aborted-by-system")};
        QCOMPARE(jobFailure(j, printer(5, {QStringLiteral("media-empty-error")})), DeviceError::PaperOut);
        QCOMPARE(jobFailure(j, printer(5, {QStringLiteral("media-jam-error")})), DeviceError::PaperJam);
        QCOMPARE(jobFailure(j, fine), DeviceError::PrinterError);
        j.state = int(JobStateValue::Canceled);
        j.reasons = {QStringLiteral("none")};
        QCOMPARE(jobFailure(j, fine), DeviceError::JobCancelled);
    }

    void jobNames()
    {
        QCOMPARE(jobNameOf(QStringLiteral("SB-0012 Q-20261201-0042")), QStringLiteral("SB-0012 Q-20261201-0042"));
        // Personal data in Chinese never reaches the printer's job list.
        QCOMPARE(jobNameOf(QStringLiteral("社会保险缴费证明 张伟 SB-0012")), QStringLiteral("SB-0012"));
        QCOMPARE(jobNameOf(QStringLiteral("张伟")), QStringLiteral("kiosk document"));
        QCOMPARE(jobNameOf(QStringLiteral("a\nb\tc\"d'e")), QStringLiteral("abcde"));
        QCOMPARE(jobNameOf(QString(100, QLatin1Char('x'))).size(), 64);
    }

    void newErrorsHaveStableNames()
    {
        QCOMPARE(errorName(DeviceError::PaperJam), QStringLiteral("paper-jam"));
        QCOMPARE(errorName(DeviceError::DoorOpen), QStringLiteral("door-open"));
        QCOMPARE(errorName(DeviceError::TonerLow), QStringLiteral("toner-low"));
        QCOMPARE(errorName(DeviceError::TonerEmpty), QStringLiteral("toner-empty"));
        QCOMPARE(errorName(DeviceError::JobCancelled), QStringLiteral("job-cancelled"));
        QCOMPARE(errorName(DeviceError::DocumentRejected), QStringLiteral("document-rejected"));
        QCOMPARE(printErrorOf(DeviceError::TonerLow), PrintError::None);
        QCOMPARE(printErrorOf(DeviceError::DoorOpen), PrintError::CoverOpen);
    }
};

QTEST_GUILESS_MAIN(TestIppState)
#include "tst_ippstate.moc"
