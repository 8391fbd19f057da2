// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "services/fleet/ddiapi.h"

#include <QString>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace kiosk::fleet {

/**
 * How long the client waits before its next poll: @p interval (the server's, or the local
 * override) after a good poll. After @p failures failed polls in a row: 429 (hawkBit's DoS
 * filter) never sooner than the interval and doubling, up to max(interval, 6 h); any other
 * failure sooner than the interval, to find the server back — min(interval, errorBase × 2ⁿ⁻¹,
 * errorMax). @p jitter (0.75…1.25, drawn by the caller) spreads a fleet's retries apart.
 */
[[nodiscard]] std::chrono::milliseconds pollDelay(std::chrono::milliseconds interval, int failures, bool tooManyRequests,
                                                  std::chrono::milliseconds errorBase, std::chrono::milliseconds errorMax, double jitter);

/** An artifact downloaded and checked (size and SHA-256) in the staging folder. */
struct StagedArtifact {
    QString part; ///< the chunk's part ("bundle", "commands" …)
    QString chunkName;
    QString chunkVersion;
    QString filename;
    std::filesystem::path file;
};

/** What applying a deployment came to. */
struct InstallResult {
    bool ok = false;
    QString reason; ///< short, plain words; sent as the feedback's detail (nothing personal)
    QStringList details; ///< more lines for the server (a command's output …), at most a few
};

/**
 * What the terminal does with a deployment once its artifacts are checked: the signed bundles
 * and commands (docs/fleet.md). Called on the client's thread.
 */
class Installer
{
public:
    virtual ~Installer() = default;
    /** Applies it. Only called once per action id, ever (the journal remembers across restarts). */
    virtual InstallResult install(const ddi::Deployment &deployment, const std::vector<StagedArtifact> &artifacts) = 0;
    /** After a restart in the middle of install(): did it take effect? (A swap is atomic.) */
    virtual bool tookEffect(const ddi::Deployment &deployment) = 0;
    /** Parts whose artifacts carry their own signature (checked by install()): only those may
     *  come over a plain-HTTP link, when the server gives no HTTPS one. */
    [[nodiscard]] virtual bool selfVerifying(const QString &part) const = 0;
};

/**
 * The terminal's client of Eclipse hawkBit's device API (DDI v1): it polls the fleet server,
 * reports the terminal's attributes, downloads and checks deployments, applies them through the
 * Installer when the terminal is idle, and reports each step. One thread of its own that sleeps
 * (no CPU) between polls. Everything it keeps across restarts (the action journal, the staged
 * artifacts) is in its state folder, 0600 files in 0700 folders.
 *
 * Polling: GET base with `Authorization: TargetToken …` and If-None-Match; the interval from
 * config.polling.sleep in both forms (the last good one kept on garbage), or the local override.
 * Network errors and 5xx: retried after min(interval, 5 min × 2ⁿ⁻¹, 1 h), with ±25 % jitter; 429
 * (hawkBit's DoS filter, no Retry-After): never sooner than the interval, and doubling.
 *
 * Deployments (one action at a time): `download` when the downloads start, `downloaded` when
 * every artifact is checked, `proceeding` when it is applied (or waits for the attract screen or
 * the maintenance window: said once), then `closed` with success or failure and the reason, only
 * after the Installer's result is known. A download resumes with Range after a cut, aborts below
 * 100 B/s for 60 s, and is retried a bounded number of times; a cancel from the server, looked
 * for between retries, stops it. 410 on feedback: the server closed the action; the client drops
 * it. The same action id after a restart is resumed or reported, never applied twice.
 *
 * One client per state folder: start() and pollOnce() take its lock file (flock), and refuse
 * while another process (the kiosk, or kioskctl) holds it.
 */
class DdiClient
{
public:
    struct Options {
        QString baseUrl; ///< "https://fleet.example/DEFAULT/controller/v1/" (ends with the API's "v1/")
        QString controllerId; ///< the terminal id
        QString targetToken; ///< Authorization: TargetToken …; empty with a client certificate
        std::string caFile; ///< the CAs trusted for the fleet server and its artifacts
        std::string clientCertificateFile; ///< through the city's proxy, instead of a token
        std::string clientKeyFile;
        std::filesystem::path stateDir; ///< the client's own folder (journal, staging)
        /** A local override of the server's interval (a bench terminal); also below 30 s. */
        std::optional<std::chrono::milliseconds> pollOverride;
        std::chrono::milliseconds connectTimeout{20000};
        std::chrono::milliseconds ioTimeout{60000}; ///< one socket read or write
        int lowSpeedBytesPerSecond = 100; ///< a download slower than this …
        std::chrono::milliseconds lowSpeedTime{60000}; ///< … for this long is aborted (and retried)
        int downloadAttempts = 5; ///< per artifact
        std::chrono::milliseconds retryBase{2000}; ///< between download attempts: base × 2ⁿ⁻¹
        std::chrono::milliseconds errorRetryBase{300000}; ///< after a failed poll (5 min)
        std::chrono::milliseconds errorRetryMax{3600000};
        std::uint32_t jitterSeed = 0; ///< 0: from the clock
        /** false: poll and report attributes only; a deployment or cancel is seen (status) but not
         *  touched (kioskctl fleet poll --once, which has no installer). */
        bool actOnActions = true;
    };

    /** The terminal's attributes for configData (strings; nothing personal). */
    using Attributes = std::map<QString, QString>;

    /** What a technician sees of the client (kioskctl fleet status, the maintenance page). */
    struct Status {
        bool running = false;
        std::optional<std::chrono::system_clock::time_point> lastPoll; ///< the last poll answered
        QString lastPollResult; ///< "ok", "not modified", or what went wrong, in plain words
        std::optional<std::chrono::system_clock::time_point> nextPoll;
        std::chrono::seconds interval{300}; ///< the server's (the last good one)
        int failuresInARow = 0;
        std::int64_t actionId = 0; ///< the action in hand (0: none)
        QString actionStage; ///< "downloading", "waiting for the attract screen" …
        std::int64_t lastActionId = 0;
        QString lastActionResult; ///< "success" or "failure: …"
        int polls = 0;
        int configDataSent = 0;
        std::int64_t offeredActionId = 0; ///< the action the server offers at the last poll (0: none)
        bool offeredCancel = false; ///< … and whether it asks to cancel it
    };

    DdiClient(Options options, Installer *installer);
    ~DdiClient();
    DdiClient(const DdiClient &) = delete;
    DdiClient &operator=(const DdiClient &) = delete;

    /** Starts the thread: the first poll at once. False (and @p error) when another process
     *  holds the state folder's lock or the folder cannot be made. */
    bool start(QString *error = nullptr);
    /** Ends the thread: a transfer in progress is cut (and resumed next time). */
    void stop();

    /** Thread-safe. Sent when the server asks, or when a value other than @p volatileKeys changed. */
    void setAttributes(const Attributes &attributes);
    /** Keys that change all the time (uptime, disk free …) and do not by themselves cause a PUT. */
    void setVolatileKeys(std::vector<QString> keys);
    /** Thread-safe: whether a deployment may be applied now (no resident in a visit). The client
     *  asks before applying, and waits (asking again at each poll and on idleChanged()). */
    void setIdleGate(std::function<bool()> idle);
    void idleChanged();
    /** Thread-safe: poll now rather than at the next interval. */
    void pollNow();

    [[nodiscard]] Status status() const;

    /** Runs one poll cycle on the calling thread (kioskctl fleet poll --once); the thread must not run. */
    bool pollOnce(QString *error = nullptr);

    /** What status() says, as JSON (the client writes it to status.json in its folder after each
     *  poll, for `kioskctl fleet status` while the kiosk runs). */
    [[nodiscard]] static QByteArray statusJson(const Status &status);

private:
    class Impl;
    std::unique_ptr<Impl> d;
};

} // namespace kiosk::fleet
