// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "devices/a4printer/cupslink.h"
#include "devices/a4printer/ippstate.h"
#include "devices/devicedriver.h"

#include <QByteArray>
#include <QTimer>

#include <chrono>
#include <deque>
#include <optional>

namespace kiosk::devices::a4 {

/** Polling and patience of the A4 printer driver. */
struct A4Timing {
    std::chrono::milliseconds idlePoll{5000}; ///< printer-state while idle (paper, toner, offline)
    std::chrono::milliseconds jobPoll{1000}; ///< job and printer state while a job prints
    /** How often a printer not found is looked for again (a DNS-SD browse each time). */
    std::chrono::milliseconds rediscover{30000};
    /** A job that shows no progress this long is given up (cancelled at the printer). Generous:
     *  a cold laser printer warms up for half a minute before its first page. */
    std::chrono::milliseconds stall{120000};
    /** A printer unreachable this long during a job: the job fails as Offline. Short: the
     *  resident is waiting at the terminal. */
    std::chrono::milliseconds unreachableDuringJob{5000};
    LinkTiming link;
};

/** One document to print. */
struct A4Job {
    int id = 0; ///< the manager's job id
    QByteArray pdf; ///< dropped once sent
    QString title; ///< job-name (see jobNameOf())
    int pages = 1; ///< what the caller expects; progress counts against it
};

/**
 * The A4 printer driver (DeviceKind::A4Printer): an IPP Everywhere printer through libcups (no
 * vendor driver, no cupsd needed). Its candidate carries the destination (DeviceCandidate::address:
 * a name, an ipp:// URI, or empty for "the one IPP Everywhere printer found"); the driver resolves
 * it, polls printer-state and printer-state-reasons (idlePoll, jobPoll while printing) on its
 * worker thread with a timer (never a busy loop), and reports them through the shared vocabulary
 * (ippstate.h: statusOf()).
 *
 * Jobs print one at a time, in order: Create-Job (job-name from the title only, A4, one-sided,
 * colour where available), Send-Document (application/pdf from memory), then Get-Job-Attributes
 * each jobPoll for the pages done, until completed, aborted or cancelled. A job is refused at once
 * (jobFinished with the reason) when the printer reports a fault before it starts. A fault during
 * the job (paper out after k pages, a jam, the printer unreachable) cancels it at the printer and
 * fails it with the reason: it is never left to resume later, when the resident has gone and the
 * next one stands at the printer.
 *
 * Threads: as every DeviceDriver; submit() and cancelJob() are invoked queued on its thread.
 */
class A4Printer : public DeviceDriver
{
    Q_OBJECT

public:
    explicit A4Printer(A4Timing timing = {}, QObject *parent = nullptr);
    ~A4Printer() override;

    [[nodiscard]] DeviceKind kind() const override { return DeviceKind::A4Printer; }
    void cancel() override;
    void open(const kiosk::devices::DeviceCandidate &candidate) override;
    void detach(kiosk::devices::DeviceError reason, const QString &detail) override;
    void refresh() override;

    /** Queues @p job; its outcome comes as jobFinished(). */
    void submit(const kiosk::devices::a4::A4Job &job);
    /** Cancels job @p id (queued or printing); jobFinished(id, false, JobCancelled, …) follows. */
    void cancelJob(int id);

    /** The destination in use (after the first poll): name and URI. */
    [[nodiscard]] Destination destination() const { return m_link.destination(); }

Q_SIGNALS:
    void jobProgress(int id, int pagesDone, int pagesTotal);
    /** @p error None when @p ok; @p detail English, for the log and technicians. */
    void jobFinished(int id, bool ok, kiosk::devices::DeviceError error, const QString &detail);

private:
    struct Active {
        A4Job job;
        int ippJob = 0;
        int done = -1;
        std::chrono::steady_clock::time_point lastProgress;
        std::optional<std::chrono::steady_clock::time_point> unreachableSince;
    };

    void process();
    void schedule(std::chrono::milliseconds in);
    /** Resolves and polls; the status report, or nullopt when the printer cannot be reached. */
    std::optional<StatusReport> poll(QString *why);
    void startNext(const StatusReport &status);
    void follow(const StatusReport &status, const PrinterState &printer);
    void finish(bool ok, DeviceError error, const QString &detail);
    void failAll(DeviceError error, const QString &detail);
    void giveUp(DeviceError error, const QString &detail);

    A4Timing m_timing;
    CupsLink m_link;
    QString m_address; ///< from the candidate
    bool m_open = false;
    QString m_transport;
    std::deque<A4Job> m_queue;
    std::optional<Active> m_active;
    PrinterState m_printer;
    QTimer m_timer;
    bool m_processing = false;
};

/** The candidate for the configured A4 printer (DriverPlug::configured). */
[[nodiscard]] DeviceCandidate configuredCandidate(const QString &address);

} // namespace kiosk::devices::a4

Q_DECLARE_METATYPE(kiosk::devices::a4::A4Job)
