// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "services/fleet/commands.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <chrono>
#include <functional>
#include <map>
#include <string>

/**
 * The diagnostics a technician asks for by a fleet command (`upload-diagnostics`, docs/fleet.md
 * "Commands"): a report of the terminal's state (strings from a provider: terminal id, versions,
 * device statuses, queue counters, disk, uptime, the fleet client's status) and the last N lines
 * of its log — every value and every line through privacy::maskPersonalData, the function the
 * log's masking handler uses — POSTed as JSON over HTTPS (TLS 1.2+, the fleet's CA only) to the
 * command's URL.
 *
 * Blocking (a process and a network request): call it off the GUI thread.
 */
namespace kiosk::fleet::diagnostics {

struct Options {
    std::string caFile; ///< the CAs trusted for the upload's server (the fleet's caFile)
    std::string clientCertificateFile; ///< through the city's proxy, as the DDI client
    std::string clientKeyFile;
    /** `journalctl -u <unit> -n N -o cat` when journalctl is on the PATH and has lines for it;
     *  empty: the journal is not asked. */
    QString journalUnit = QStringLiteral("kiosk");
    QString logFile; ///< else the last lines of this file (empty: no log)
    std::chrono::milliseconds timeout{30000}; ///< connect, and each read and write
    std::size_t maxBodyBytes = 4 * 1024 * 1024; ///< the report is cut (log lines first) below this
};

/** The report's values, by name (strings only; the provider says nothing personal, and they are
 *  masked all the same). */
using Report = std::map<QString, QString>;

/** The last @p lines log lines and where they came from ("journal", "file", or "none": why). */
struct LogLines {
    QStringList lines;
    QString source;
};
[[nodiscard]] LogLines lastLogLines(const Options &options, int lines);
/** The last @p lines lines of @p path (read from its end: a large log is not read whole). */
[[nodiscard]] QStringList lastLinesOfFile(const QString &path, int lines, QString *why = nullptr);

/** {"format":1,"created":"…Z","report":{…},"logSource":"…","log":["…"]}, everything masked. */
[[nodiscard]] QByteArray reportJson(const Report &report, const LogLines &log);

struct Upload {
    bool ok = false;
    int status = 0; ///< the HTTP status, 0 when there was none
    QString message; ///< plain words: what happened
};
/** POSTs @p body (application/json) to @p url, https only, verified against options.caFile. */
[[nodiscard]] Upload post(const QString &url, const QByteArray &body, const Options &options);

/** The whole command: the report from @p provider, the log, the upload; the result in words. */
[[nodiscard]] commands::Result uploadDiagnostics(const QString &url, int logLines, const std::function<Report()> &provider, const Options &options);

} // namespace kiosk::fleet::diagnostics
