// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "services/fleet/ddiclient.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QTime>

#include <optional>
#include <vector>

/**
 * Fleet commands (docs/fleet.md, "Commands"): what a technician asks a terminal to do from the
 * fleet console, carried as `commands.json` in a signed bundle of kind `commands`. The bundle is
 * verified as every bundle is (signature, trusted key, a version above the last one run: the
 * replay protection); then CommandRunner runs its list once, in order, through a CommandHost
 * (the app's real parts, or a test's), and the results go back as the closing feedback's details.
 *
 * The parser and the runner are pure: no thread, no file, no network of their own.
 */
namespace kiosk::fleet::commands {

inline constexpr int kFormat = 1;
inline constexpr qsizetype kMaxJsonBytes = 64 * 1024;
inline constexpr int kMaxCommands = 16; ///< a technician's visit by wire, not a script
inline constexpr int kMaxIdLength = 32;
inline constexpr int kMaxUrlLength = 512;
inline constexpr int kDefaultLogLines = 200;
inline constexpr int kMaxLogLines = 2000;
/** The closing feedback carries the reason first, then these lines: hawkBit takes 50 in all. */
inline constexpr int kMaxDetailLines = ddi::kMaxDetails - 1;
inline constexpr int kMaxLineLength = 512;
inline constexpr int kMaxLinesPerCommand = 12; ///< so one chatty command leaves room for the rest

enum class Command { SelfTest, PrintTestReceipt, RefetchProgress, UploadDiagnostics, SetMaintenanceWindow, RestartApp };

/** "self-test", "print-test-receipt", "refetch-progress", "upload-diagnostics",
 *  "set-maintenance-window", "restart-app". */
[[nodiscard]] QString commandId(Command command);
[[nodiscard]] std::optional<Command> commandFromId(const QString &id);

/** A local maintenance window, "02:00-04:00" (may wrap past midnight: "22:00-02:00"), in the
 *  terminal's local time. The start is inside, the end is not. */
struct Window {
    int startMinute = 0; ///< minutes after midnight, 0 … 1439
    int endMinute = 0; ///< ≠ startMinute
    [[nodiscard]] bool contains(QTime time) const;
    [[nodiscard]] QString text() const; ///< "02:00-04:00"
    bool operator==(const Window &) const = default;
};
/** "HH:MM-HH:MM" (24-hour, two digits each, start ≠ end); nullopt with @p why otherwise. */
[[nodiscard]] std::optional<Window> parseWindow(const QString &text, QString *why = nullptr);

struct Entry {
    QString id; ///< the technician's, echoed in the results (1–32 of A–Z a–z 0–9 _ -, unique)
    Command command = Command::SelfTest;
    bool continueOnFailure = false; ///< run the next command even when this one fails
    QString url; ///< upload-diagnostics: https only
    int logLines = kDefaultLogLines; ///< upload-diagnostics: 1 … kMaxLogLines
    std::optional<Window> window; ///< set-maintenance-window: nullopt clears it ("window":"none")
};

struct CommandList {
    std::vector<Entry> commands; ///< 1 … kMaxCommands; restart-app only last
};

/**
 * `{"format":1,"commands":[{"id":"c1","command":"self-test"}, …]}`: every key known, every value
 * of its type, the limits; restart-app at most once and last (it ends the app). nullopt with the
 * reason in plain words (the first problem) otherwise.
 */
[[nodiscard]] std::optional<CommandList> parseCommands(const QByteArray &json, QString *why = nullptr);

/** What one command came to: short lines in plain words, nothing personal (they are masked
 *  again on their way out all the same). */
struct Result {
    bool ok = false;
    QStringList lines;
};

/**
 * What the commands act on: one call per command. CommandRunner calls these on the fleet
 * client's thread; an implementation that touches the GUI marshals the call there itself
 * (kiosk/fleet/commandhost.h) and must return within a bounded time.
 */
class CommandHost
{
public:
    virtual ~CommandHost() = default;
    /** Each device's status in words (and its own self-test where it has one). */
    virtual Result selfTest() = 0;
    /** The receipt printer prints a test slip. */
    virtual Result printTestReceipt() = 0;
    /** The platforms are asked again now for the progress of the requests still open. */
    virtual Result refetchProgress() = 0;
    /** The diagnostics report and the last @p logLines log lines, masked, POSTed to @p url. */
    virtual Result uploadDiagnostics(const QString &url, int logLines) = 0;
    /** Stores the local window (nullopt: none) in which deployments may be applied. */
    virtual Result setMaintenanceWindow(const std::optional<Window> &window) = 0;
    /** Schedules the app's restart once the closing feedback is sent (never at once). */
    virtual Result restartApp() = 0;
};

/**
 * Runs a CommandList through a CommandHost: in order, stopping at the first failure unless that
 * command says continueOnFailure; restart-app (always last) only when nothing before it stopped
 * the list. The results become an InstallResult: ok when every command run succeeded and none
 * was skipped; the reason one line; the details "<id> <command>: ok|failed" each followed by
 * the command's lines ("  …"), every line masked (privacy::maskPersonalData) and cut to 512
 * characters, at most kMaxDetailLines in all (the last saying how many were left out).
 */
class CommandRunner
{
public:
    explicit CommandRunner(CommandHost *host);
    [[nodiscard]] InstallResult run(const CommandList &list);

private:
    CommandHost *m_host;
};

} // namespace kiosk::fleet::commands
