// SPDX-License-Identifier: GPL-3.0-or-later
// The A4 printer's protocol codec: what an IPP printer says (printer-state, printer-state-reasons,
// job-state, job-state-reasons, page counters) → the device layer's status vocabulary. Pure
// functions, no CUPS and no I/O: the transport (cupslink.h) fills these records, the driver
// (a4printer.h) acts on the results, and tests check every reason and state.
#pragma once

#include "devices/devicestatus.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace kiosk::devices::a4 {

/** printer-state (RFC 8011 §5.4.11). */
enum class PrinterStateValue : int { Idle = 3, Processing = 4, Stopped = 5 };

/** What Get-Printer-Attributes said about the printer's state. */
struct PrinterState {
    int state = int(PrinterStateValue::Idle); ///< printer-state
    QStringList reasons; ///< printer-state-reasons as sent: "media-empty-error", "none", …
    bool acceptingJobs = true; ///< printer-is-accepting-jobs
    QString message; ///< printer-state-message (the printer's own words, for the log)
};

/** How bad one printer-state-reasons value is (its suffix, RFC 8011 §5.4.12). */
enum class Severity { Report, Warning, Error };

/** One printer-state-reasons value split into its keyword and severity. */
struct Reason {
    QString keyword; ///< without the -report/-warning/-error suffix
    Severity severity = Severity::Error;
    friend bool operator==(const Reason &, const Reason &) = default;
};

/**
 * Splits "media-empty-error" into {"media-empty", Error}. A value without a suffix takes the
 * keyword's own severity (toner-low is a warning, media-jam an error); an unknown keyword
 * without a suffix is an error as RFC 8011 says, except CUPS' own "cups-…" values, which report.
 */
[[nodiscard]] Reason parseReason(QStringView value);

/** The device error a reason keyword stands for, if the terminal knows it. */
[[nodiscard]] std::optional<DeviceError> errorOfReason(QStringView keyword);

/** What the device list shows for the printer. */
struct StatusReport {
    DeviceStatus status = DeviceStatus::Unknown;
    DeviceError error = DeviceError::None;
    QString detail; ///< English, for technicians and the log
    friend bool operator==(const StatusReport &, const StatusReport &) = default;
};

/**
 * The status of a printer from its state and reasons. Errors (fault) win over warnings; among
 * several errors the one a technician must see first wins: offline, paper jam, door or cover
 * open, paper out, toner empty, then any other error. A stopped printer without a known reason
 * is a printer error; one not accepting jobs too. Processing without a problem is Busy.
 */
[[nodiscard]] StatusReport statusOf(const PrinterState &state);

/** The report for a printer that cannot be reached at all (connection refused, timed out). */
[[nodiscard]] StatusReport unreachable(const QString &why);

/** job-state (RFC 8011 §5.3.7). */
enum class JobStateValue : int {
    Pending = 3,
    PendingHeld = 4,
    Processing = 5,
    ProcessingStopped = 6,
    Canceled = 7,
    Aborted = 8,
    Completed = 9,
};

/** What Get-Job-Attributes said about a job. */
struct JobState {
    int state = int(JobStateValue::Pending); ///< job-state
    QStringList reasons; ///< job-state-reasons
    int impressionsCompleted = -1; ///< job-impressions-completed (-1: not sent)
    int sheetsCompleted = -1; ///< job-media-sheets-completed (-1: not sent)
    QString message; ///< job-state-message
};

[[nodiscard]] constexpr bool isFinal(int jobState)
{
    return jobState >= int(JobStateValue::Canceled);
}

/**
 * Pages printed of a job of @p total pages, one-sided: the impressions counter, else the sheets
 * counter; never more than @p total, never negative. A completed job counts as all pages.
 */
[[nodiscard]] int pagesDone(const JobState &job, int total);

/**
 * Why a job did not complete: a reason of the job's own (cancelled, document refused), else the
 * printer's fault (paper out during the job), else a plain printer error.
 */
[[nodiscard]] DeviceError jobFailure(const JobState &job, const PrinterState &printer);

/**
 * The job-name sent to the printer: printable ASCII only (letters, digits, space, - _ . : /),
 * at most 64 characters. The caller passes the item code and a reference; anything else (a
 * resident's name in Chinese, by mistake) never reaches the printer's job list.
 */
[[nodiscard]] QString jobNameOf(const QString &title);

} // namespace kiosk::devices::a4
