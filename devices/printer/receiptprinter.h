// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "devices/devicedriver.h"
#include "devices/deviceio.h"
#include "devices/devicestatus.h"
#include "devices/printer/printerstatus.h"
#include "devices/printer/receipt.h"

#include <QByteArray>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <deque>
#include <memory>
#include <mutex>

namespace kiosk::devices::printer {

/** What happens to a job the printer could not finish. */
enum class JobPolicy {
    ReprintAfterRecovery, ///< kept, and printed again in full once the printer is ready
    HandBack, ///< returned to the caller at once (jobFailed carries its bytes)
};

struct PrintJob {
    int id = 0;
    QByteArray data; ///< the whole ESC/POS job
    JobPolicy policy = JobPolicy::ReprintAfterRecovery;
};

/** Status polling and timeouts of the printer driver. */
struct PrinterTiming {
    std::chrono::milliseconds idlePoll{3000}; ///< status refresh while idle (paper low etc.)
    std::chrono::milliseconds recoveryPoll{500}; ///< while a job waits for paper/cover
    /** After the last byte, how long status is watched for a paper end during printing. The
     *  printer buffers data and prints ~100 mm/s, so a receipt takes about a second. */
    std::chrono::milliseconds settle{1500};
    std::chrono::milliseconds statusTimeout{300}; ///< one DLE EOT reply
    std::chrono::milliseconds writeTimeout{5000}; ///< one chunk (the printer may throttle)
    std::chrono::milliseconds maxWait{10 * 60 * 1000}; ///< then a waiting job is handed back
    std::size_t chunkSize = 1024; ///< status is checked between chunks
};

/**
 * The receipt printer driver: a job queue over a DeviceIo (USB printer class bulk OUT/IN, or the
 * simulated printer), with real-time status (DLE EOT 1–4) before, during and after each job.
 *
 * A job interrupted by paper out, an open cover or an unplug is never lost: it is printed again in
 * full once the printer reports ready (a receipt printed in two halves is worse than none), or,
 * with JobPolicy::HandBack or after maxWait, handed back through jobFailed.
 *
 * Threads: like IdCardReader — lives on a worker thread, cancelTransfers() is the one call that
 * may come from elsewhere.
 */
class ReceiptPrinter : public DeviceDriver
{
    Q_OBJECT

public:
    using Timing = PrinterTiming;

    explicit ReceiptPrinter(Timing timing = {}, QObject *parent = nullptr);
    ~ReceiptPrinter() override;

    [[nodiscard]] DeviceKind kind() const override { return DeviceKind::ReceiptPrinter; }
    void cancel() override;
    /** Claims the printer-class interface (bulk OUT, and bulk IN when bidirectional) or plugs
     *  onto the simulated printer; the profile comes from the table row's quirks. */
    void open(const kiosk::devices::DeviceCandidate &candidate) override;
    void detach(kiosk::devices::DeviceError reason, const QString &detail) override;
    /** Queries status now (tests; after a simulated paper change). */
    void refresh() override;
    [[nodiscard]] std::size_t queuedJobs() const { return m_jobs.size(); }
    [[nodiscard]] const PrinterStatus &lastStatus() const { return m_status; }

public Q_SLOTS:
    /** Takes over @p io; @p bidirectional: the printer answers DLE EOT (interface protocol 2). */
    void attach(std::shared_ptr<kiosk::devices::DeviceIo> io, kiosk::devices::printer::PrinterProfile profile, bool bidirectional);
    void submit(const kiosk::devices::printer::PrintJob &job);
    /** Encodes @p receipt for the attached printer's profile (native or raster QR) and queues it. */
    void submitReceipt(int id, const kiosk::devices::printer::ReceiptData &receipt, kiosk::devices::printer::JobPolicy policy);

Q_SIGNALS:
    void jobStarted(int id);
    void jobFinished(int id);
    /** The job cannot print now or stopped midway (@p error says why; @p detail for logs); it
     *  is printed again in full once the printer is ready. Emitted once per wait. */
    void jobWaiting(int id, kiosk::devices::PrintError error, const QString &detail);
    /** The job is given up and handed back to the caller with its bytes. */
    void jobFailed(int id, kiosk::devices::PrintError error, const QString &detail, const QByteArray &data);
    void profileChanged(const kiosk::devices::printer::PrinterProfile &profile);

private:
    enum class Outcome { Finished, Interrupted, Lost };
    struct Queued {
        PrintJob job;
        int attempts = 0;
        bool announcedWait = false;
        std::chrono::steady_clock::time_point waitingSince;
    };

    void process();
    std::optional<PrinterStatus> queryStatus(bool full, IoError *error);
    struct Why {
        PrintError error = PrintError::None;
        QString detail;
    };
    Outcome send(Queued &q, Why *why);
    void schedule(std::chrono::milliseconds in);
    void lose(IoError error);
    /** The head job cannot go on: wait for recovery, or hand it back. */
    void waitOrGiveUp(const Why &why);
    std::optional<std::uint8_t> readReply(std::chrono::milliseconds timeout, IoError *error);

    Timing m_timing;
    IoSlot m_io;
    PrinterProfile m_profile;
    bool m_bidirectional = true;
    std::deque<Queued> m_jobs;
    PrinterStatus m_status;
    int m_silentReplies = 0;
    QTimer m_timer;
    bool m_processing = false;
};

} // namespace kiosk::devices::printer

Q_DECLARE_METATYPE(kiosk::devices::printer::PrintJob)
Q_DECLARE_METATYPE(kiosk::devices::printer::PrinterProfile)
