// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "services/platform/platformclient.h"
#include "services/platform/queryapi.h"

#include <QObject>
#include <QString>

#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace kiosk::platform {
class QueryClient;
}

namespace kiosk {

/** How one on-the-spot call ended. */
struct QueryOutcome {
    enum class Failure {
        None, ///< answer or certificate holds the platform's reply (its outcome may be NoRecord …)
        NoPlatform, ///< the item's platform is not configured at this terminal
        Unreachable, ///< no connection (network down, platform down)
        TimedOut, ///< no whole answer before the deadline
        Refused, ///< the platform refused the request (4xx); refusal holds its words when it gave any
        ServerError, ///< 5xx
        Malformed, ///< an answer that does not parse, or a document that fails its digest
        Cancelled, ///< the resident cancelled (or the visit ended)
    };
    Failure failure = Failure::None;
    QString refusal; ///< the platform's own words for a refusal, plain text
    QString detail; ///< for technicians and the log (English; nothing personal)
    std::optional<platform::query::Answer> answer;
    std::optional<platform::query::Certificate> certificate;
};

/**
 * Record queries and certificates, asked of the city platforms while the resident waits. Never
 * queued and never stored: one call at a time on a worker thread of its own (a new call cancels
 * the one before), each with its deadline, cancellable at once from the GUI thread. The outcome
 * comes back on the GUI thread through finished(). A call's copy of the resident's ID number and
 * name is overwritten once it has been sent.
 */
class QueryService : public QObject
{
    Q_OBJECT

public:
    explicit QueryService(QObject *parent = nullptr);
    ~QueryService() override;

    /** The platforms, with their keys and TLS settings (as the queue's dispatcher has them). */
    void setEndpoints(std::vector<platform::PlatformEndpoint> endpoints);
    [[nodiscard]] bool knows(const QString &platformId) const;

    /** Starts a call; returns its id (> 0). finished() follows, exactly once per id. */
    int ask(const QString &platformId, const platform::query::Request &request, bool certificate, int deadlineMs);
    /** Ends the call @p id at once (finished() with Cancelled, unless it has already finished). */
    void cancel(int id);

Q_SIGNALS:
    void finished(int id, const kiosk::QueryOutcome &outcome);

private:
    struct Call {
        int id = 0;
        std::string platform;
        platform::query::Request request;
        bool certificate = false;
        int deadlineMs = 0;
    };
    void run();
    QueryOutcome perform(const Call &call);
    void emitCancelled(int id);

    std::vector<platform::PlatformEndpoint> m_endpoints;
    std::map<std::string, std::unique_ptr<platform::QueryClient>> m_clients; ///< worker thread only

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Call> m_pending;
    int m_nextId = 1;
    int m_running = 0; ///< the call on the worker now
    platform::QueryClient *m_runningClient = nullptr;
    int m_cancelled = 0; ///< the id cancel() ended, so its late outcome is dropped
    bool m_stopping = false;
    std::thread m_worker;
};

} // namespace kiosk
