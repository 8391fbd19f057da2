// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace kiosk::simulation {

/**
 * An Eclipse hawkBit fleet server as the terminal sees it, for tests: the Direct Device
 * Integration (DDI) API of /work/shared/reference/fleet-ddi.md (docs/fleet.md, "The loopback DDI
 * server") over TLS on 127.0.0.1, with hawkBit's JSON shapes, links, ETags, limits and action
 * states, and faults on request. Artifacts are served from memory, over HTTPS and over a second,
 * plain-HTTP listener on 127.0.0.1 (hawkBit's `download-http` links).
 *
 * Not hawkBit: one tenant, one target token for every controller, no confirmation flow, no
 * rollouts; error replies carry `{"errorCode","message"}` but not hawkBit's exact codes.
 *
 * Runs on its own threads (Poco HTTPServer, its own ThreadPool); every public function is
 * thread-safe. stop() (also the destructor) waits for requests in progress, slow downloads too.
 */
class DdiServer
{
public:
    struct Options {
        std::string certificateFile; ///< the HTTPS listener's certificate (DevPki::issue)
        std::string keyFile;
        std::string tenant = "DEFAULT";
        /** Expected in `Authorization: TargetToken <t>` on every request (both listeners); empty: no check. Wrong or missing → 401. */
        std::string targetToken;
        /** config.polling.sleep in base replies, sent as given (it may be garbage on purpose). */
        std::string sleep = "00:05:00";
        /**
         * Ask for configData as hawkBit does on its own: when a controller registers (its first
         * request) and after an update finishes. Off by default: tests set the link with requestConfigData().
         */
        bool hawkbitConfigDataRequests = false;
        int maxThreads = 8; ///< per listener
    };

    explicit DdiServer(Options options);
    ~DdiServer();
    DdiServer(const DdiServer &) = delete;
    DdiServer &operator=(const DdiServer &) = delete;

    /** Starts both listeners on free ports of 127.0.0.1; false with @p error when TLS or a socket fails. */
    bool start(std::string *error);
    void stop();
    /** The HTTPS listener's port (0 before start()). */
    [[nodiscard]] std::uint16_t port() const;
    /** The plain-HTTP listener's port: artifacts only, as `download-http` links give them. */
    [[nodiscard]] std::uint16_t plainPort() const;
    /** "https://127.0.0.1:<port>/<tenant>/controller/v1/": append the controller id for its base. */
    [[nodiscard]] std::string baseUrl() const;

    /**
     * The city's enrolment host, beside the DDI API (hawkBit has none; any HTTPS file server does):
     * `GET /enrolment/<slot>` answers @p file once, then 404 (a one-time code is used once).
     */
    void publishEnrolment(const std::string &slot, const std::string &file);
    [[nodiscard]] int enrolmentFetches() const;
    /** "https://127.0.0.1:<port>/enrolment/". */
    [[nodiscard]] std::string enrolmentUrl() const { return "https://127.0.0.1:" + std::to_string(port()) + "/enrolment/"; }

    /** config.polling.sleep from now on, raw (hawkBit sends `HH:mm:ss` below a day, ISO-8601 `PT24H` from one up). */
    void setSleep(const std::string &sleep);
    /** The next base replies carry the configData link until a PUT configData of this controller is accepted. */
    void requestConfigData(const std::string &controllerId);

    struct Artifact {
        std::string filename;
        std::string content;
        bool wrongHash = false; ///< advertise a wrong sha256 (sha1, md5 and the ETag stay right)
    };
    struct Chunk {
        std::string part = "bundle";
        std::string name;
        std::string version;
        std::vector<Artifact> artifacts;
        std::vector<std::pair<std::string, std::string>> metadata;
    };
    struct Assignment {
        std::vector<Chunk> chunks;
        std::string download = "forced"; ///< skip, attempt, forced
        std::string update = "forced";
        /** "" (no schedule: the field is left out), "available" or "unavailable" (then `update` is sent as "skip", as hawkBit does). */
        std::string maintenanceWindow;
    };
    /**
     * Assigns a distribution to @p controllerId (registering it): a new action, id 1, 2, …, in
     * state "running". While it is the controller's oldest open action, base replies carry
     * `deploymentBase` → `…/deploymentBase/<id>?c=<cache-buster>`. Each chunk becomes a software
     * module of its own (ids 1, 2, … across the server).
     */
    int assign(const std::string &controllerId, Assignment assignment);
    /** "", "available" or "unavailable" for an action's deployment from now on. */
    void setMaintenanceWindow(int actionId, const std::string &state);
    /**
     * The operator cancels an open action: state "canceling"; base replies carry `cancelAction`
     * instead of `deploymentBase`, and deploymentBase/<id> answers 404. Feedback on cancelAction
     * (DdiRootController.generateActionCancelStatus): closed+success/none → "canceled"; rejected or
     * closed+failure → cancel refused (back to "running", the deploymentBase link returns); anything
     * else, `canceled` too (hawkBit: "not supported"), is recorded and changes nothing.
     */
    void cancel(int actionId);
    /** The operator closes an action on the server: "closed-by-server", its links disappear, feedback to it gets 410 Gone. */
    void closeOnServer(int actionId);

    enum class Fault {
        TooManyRequests, ///< 429 without Retry-After (hawkBit's DoS filter), on every route and listener
        ServerError, ///< 503, on every route and listener
        SlowDownload, ///< artifact bodies sent at `value` bytes/s
        CutDownload, ///< artifact replies promise the whole body, send `value` bytes of it and drop the connection
        LegacyLinksOnly, ///< deploymentBase/installedBase replies carry only `download-http`/`md5sum-http` links
        DownloadNotFound, ///< 404 on artifacts
    };
    /**
     * @p fault meets the next @p count requests it applies to (-1: until clearFaults()). 429 and
     * 503 apply to every request and come before the token check; the download faults to artifact
     * requests (SlowDownload and CutDownload combine); LegacyLinksOnly to deployment replies.
     */
    void injectFault(Fault fault, int count, int value = 0);
    void clearFaults();

    /** A feedback the server accepted (2xx), as it arrived. */
    struct Feedback {
        int actionId = 0;
        bool cancelAction = false; ///< sent to cancelAction/<id>/feedback (not deploymentBase)
        std::string execution; ///< closed, proceeding, canceled, scheduled, rejected, resumed, downloaded, download
        std::string finished; ///< success, failure, none
        int cnt = -1; ///< result.progress, -1 when absent
        int of = -1;
        int code = 0; ///< status.code, 0 when absent
        std::vector<std::string> details;
        std::string body; ///< the request body as sent
    };
    [[nodiscard]] std::vector<Feedback> feedback(const std::string &controllerId) const;
    /** The controller's attributes, merged as hawkBit does (modes merge, replace, remove). */
    [[nodiscard]] std::map<std::string, std::string> configData(const std::string &controllerId) const;
    /** PUT configData requests of this controller that were accepted. */
    [[nodiscard]] int configDataPuts(const std::string &controllerId) const;
    /** Base GETs answered 200 or 304. */
    [[nodiscard]] int polls(const std::string &controllerId) const;
    /** Of those, the 304s (If-None-Match matched the reply's ETag). */
    [[nodiscard]] int notModified(const std::string &controllerId) const;
    /** The Range header of each artifact request that passed 429/503 and the token check, in order ("" when none). */
    [[nodiscard]] std::vector<std::string> rangeHeaders() const;
    /** Artifact requests that passed 429/503 and the token check (both listeners). */
    [[nodiscard]] int artifactRequests() const;
    /**
     * hawkBit's action state: "running", "canceling" (cancel() awaiting the device), "finished"
     * (closed+success; closed+none too, as hawkBit), "error" (closed+failure), "canceled",
     * "warning" (rejected: still open), "closed-by-server"; "" for an unknown action.
     */
    [[nodiscard]] std::string actionState(int actionId) const;

    struct State;

private:
    std::shared_ptr<State> m_state;
};

} // namespace kiosk::simulation
