// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "devices/a4printer/ippstate.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <vector>

// libcups' types, kept out of the headers that include this one.
struct cups_dest_s;
struct _cups_dinfo_s;
struct _http_s;

namespace kiosk::devices::a4 {

/** A print destination as CUPS knows it (a local queue, or a printer found or named by URI). */
struct Destination {
    QString name;
    QString uri; ///< device-uri or printer-uri-supported
    bool viaScheduler = false; ///< a queue of a local cupsd (its job files are the scheduler's)
};

/** Why resolve() found no destination. */
enum class ResolveError {
    None,
    NotFound, ///< nothing by that name, or no IPP Everywhere printer at all
    Several, ///< no name given and several IPP Everywhere printers found: none is chosen
    BadAddress, ///< not a printer URI libcups takes
};

/** How long the CUPS calls may take. Every wait also ends on cancel(). */
struct LinkTiming {
    std::chrono::milliseconds connect{5000}; ///< TCP connect to the printer
    std::chrono::milliseconds request{15000}; ///< one IPP request and its answer
    std::chrono::milliseconds discovery{3000}; ///< cupsEnumDests: local queues and DNS-SD
};

/**
 * The A4 printer's transport: libcups and IPP, on one thread (the driver's). Resolves a
 * destination (a name, an ipp:// URI, or the one IPP Everywhere printer found), keeps one HTTP
 * connection to it, and sends Get-Printer-Attributes, Create-Job, Send-Document,
 * Get-Job-Attributes and Cancel-Job. No cupsd is needed for a printer named by URI; a name is
 * looked up in a local cupsd's queues and then among the printers DNS-SD finds.
 *
 * Every blocking call is bounded by LinkTiming and ends within 250 ms of cancel(), the one
 * call that may come from another thread. The document goes from memory onto the socket: it
 * is never written to a file.
 */
class CupsLink
{
public:
    explicit CupsLink(LinkTiming timing = {});
    ~CupsLink();
    CupsLink(const CupsLink &) = delete;
    CupsLink &operator=(const CupsLink &) = delete;

    /** Thread-safe: ends the wait in progress (and each one after it, until resume()). */
    void cancel();
    void resume();

    /**
     * Finds the destination: @p address is an ipp://, ipps://, http:// or https:// URI, a
     * destination name, or empty (the one IPP Everywhere printer found: with several, none is
     * chosen, and @p error lists them: a terminal must not guess which printer gets a resident's
     * papers). False with @p error when there is none.
     */
    bool resolve(const QString &address, QString *error);
    /** Why the last resolve() failed. */
    [[nodiscard]] ResolveError resolveError() const { return m_resolveError; }
    [[nodiscard]] bool isResolved() const { return m_dest != nullptr; }
    [[nodiscard]] const Destination &destination() const { return m_destination; }
    /** Drops the destination and the connection (the next resolve() looks again). */
    void reset();

    /** Connects when not connected. False with @p error when the printer cannot be reached. */
    bool ensureConnected(QString *error);
    void disconnect();
    [[nodiscard]] bool isConnected() const { return m_http != nullptr; }

    /** printer-state, -reasons, -message and printer-is-accepting-jobs. */
    std::optional<PrinterState> printerState(QString *error);
    /** Whether the printer takes application/pdf (checked once per connection). */
    [[nodiscard]] bool acceptsPdf();

    /** Create-Job with the terminal's job attributes (A4, one-sided, colour if it prints colour).
     *  Returns the printer's job id, 0 on failure. */
    int createJob(const QString &jobName, QString *error);
    /** Send-Document (application/pdf, last document) from memory. */
    bool sendDocument(int jobId, const QByteArray &pdf, const QString &documentName, QString *error);
    std::optional<JobState> jobState(int jobId, QString *error);
    bool cancelJob(int jobId, QString *error);

    /** One link per destination CUPS knows of now (local queues and DNS-SD; resolved, not
     *  connected), for `kioskctl printers list`. */
    [[nodiscard]] static std::vector<std::unique_ptr<CupsLink>> enumerate(LinkTiming timing);
    /** Whether the printer says it is IPP Everywhere (ipp-features-supported, or PWG raster). */
    [[nodiscard]] bool isIppEverywhere();

private:
    static int keepWaiting(_http_s *http, void *self);
    bool prepareInfo();
    void beginWait();
    QString lastError();

    LinkTiming m_timing;
    int m_cancel = 0; ///< libcups reads it (cupsConnectDest, cupsEnumDests); written through atomic_ref
    std::chrono::steady_clock::time_point m_waitStarted;
    std::chrono::milliseconds m_waitLimit{0};
    cups_dest_s *m_dest = nullptr;
    _cups_dinfo_s *m_info = nullptr;
    _http_s *m_http = nullptr;
    QByteArray m_resource;
    Destination m_destination;
    ResolveError m_resolveError = ResolveError::None;
    std::optional<bool> m_pdf;
    std::optional<bool> m_everywhere;
};

} // namespace kiosk::devices::a4
