// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

/**
 * Eclipse hawkBit's Direct Device Integration API (DDI v1), the terminal's side of it: what the
 * fleet server sends (the base poll, a deployment, a cancel) parsed into types, and what the
 * terminal sends (feedback, configData) made from them. Shapes as in hawkBit 1.1's
 * hawkbit-ddi-api model (docs/fleet.md). Pure functions: no I/O, no clock. A reply that does not
 * parse gives nullopt and a reason in plain words, never a half-read value.
 */
namespace kiosk::fleet::ddi {

/** Limits on what the terminal takes from a server (a hostile reply cannot grow it unbounded). */
inline constexpr qsizetype kMaxReplyBytes = 256 * 1024;
inline constexpr int kMaxChunks = 16;
inline constexpr int kMaxArtifacts = 32; ///< per chunk
inline constexpr std::int64_t kMaxArtifactBytes = 512LL * 1024 * 1024;
/** hawkBit: at most 50 detail messages per status. */
inline constexpr int kMaxDetails = 50;
/** The poll interval the terminal accepts from a server: 30 s … 7 days (hawkBit's own floor is 30 s). */
inline constexpr std::chrono::seconds kMinSleep{30};
inline constexpr std::chrono::seconds kMaxSleep{7 * 24 * 3600};

/**
 * config.polling.sleep, in both of hawkBit's forms: "HH:mm:ss" below a day ("00:05:00") and an
 * ISO-8601 duration from a day up ("PT24H", "P1DT2H", "PT36H30M"). nullopt for anything else
 * ("XX:00:00", "", "-PT5M", "00:61:00", zero): the caller keeps its last good interval. A value
 * outside kMinSleep…kMaxSleep is clamped into it.
 */
[[nodiscard]] std::optional<std::chrono::seconds> parseSleep(const QString &text);

/** The links of a base poll reply: each present only when the server has something to say. */
struct BaseLinks {
    QString deploymentBase; ///< a deployment to do (href as given, with its ?c= cache-buster)
    QString cancelAction; ///< an action the server wants stopped
    QString configData; ///< the server asks for the terminal's attributes
    QString installedBase; ///< what the server believes is installed
    QString confirmationBase; ///< an action waiting for the device's confirmation
};

struct BasePoll {
    std::optional<std::chrono::seconds> sleep; ///< nullopt: missing or unreadable (keep the last)
    QString sleepText; ///< as sent, for the log when it did not parse
    BaseLinks links;
};
[[nodiscard]] std::optional<BasePoll> parseBase(const QByteArray &body, QString *error = nullptr);

/** The action id at the end of a deploymentBase / cancelAction / installedBase href ("…/5?c=…" → 5). */
[[nodiscard]] std::optional<std::int64_t> actionIdFromHref(const QString &href);

/** download / update: what the server wants done with a deployment. */
enum class Handling { Skip, Attempt, Forced };
/** "skip", "attempt", "forced". */
[[nodiscard]] QString handlingId(Handling handling);

enum class MaintenanceWindow { None, Available, Unavailable };

struct Artifact {
    QString filename;
    std::int64_t size = 0;
    QByteArray sha256; ///< lower-case hex; required: an artifact without one is refused
    QByteArray sha1;
    QByteArray md5;
    QString download; ///< https link
    QString downloadHttp; ///< plain-http link (legacy servers); followed only when no https link is given
};

struct Chunk {
    QString part; ///< "bundle", "os", "commands" …
    QString name;
    QString version;
    std::vector<Artifact> artifacts;
    std::vector<std::pair<QString, QString>> metadata;
};

struct Deployment {
    std::int64_t actionId = 0;
    Handling download = Handling::Forced;
    Handling update = Handling::Forced;
    MaintenanceWindow window = MaintenanceWindow::None;
    std::vector<Chunk> chunks;
    /** May the update be applied now, as far as the server is concerned (update not skip, and the
     *  maintenance window, when there is one, available)? */
    [[nodiscard]] bool updateAllowedNow() const { return update != Handling::Skip && window != MaintenanceWindow::Unavailable; }
};
[[nodiscard]] std::optional<Deployment> parseDeployment(const QByteArray &body, QString *error = nullptr);

/** cancelAction: the action to stop. */
[[nodiscard]] std::optional<std::int64_t> parseCancel(const QByteArray &body, QString *error = nullptr);

/** status.execution of a feedback. */
enum class Execution { Closed, Proceeding, Canceled, Scheduled, Rejected, Resumed, Downloaded, Download };
/** status.result.finished. */
enum class Finished { Success, Failure, None };
[[nodiscard]] QString executionId(Execution execution);
[[nodiscard]] QString finishedId(Finished finished);

struct Feedback {
    Execution execution = Execution::Proceeding;
    Finished finished = Finished::None;
    std::optional<std::pair<int, int>> progress; ///< cnt of of
    std::optional<int> code; ///< a device-specific status code (hawkBit shows it)
    QStringList details; ///< at most kMaxDetails, each at most 512 characters (longer ones cut)
};
/** The feedback body; @p timestampMs the terminal's clock (ms since the epoch). */
[[nodiscard]] QByteArray feedbackBody(const Feedback &feedback, std::int64_t timestampMs);

enum class ConfigMode { Merge, Replace, Remove };
/** PUT configData: the attributes (strings), at most 100 (hawkBit's quota). */
[[nodiscard]] QByteArray configDataBody(const std::map<QString, QString> &data, ConfigMode mode = ConfigMode::Merge);

} // namespace kiosk::fleet::ddi
