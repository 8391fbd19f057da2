// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "services/platform/platformclient.h"
#include "services/queue/outbox.h"
#include "services/queue/queuecounters.h"
#include "services/queue/retrypolicy.h"

#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace kiosk::platform {

/** What a platform that took a request replied (docs/platform-api.md), checked and bounded. */
struct Accepted {
    std::string trackingNumber; ///< printable ASCII, 1–40 characters: it goes on a receipt and into a QR code
    std::string status;
    std::string message;
};

/** Reads a 2xx reply (or a status reply); nothing when it is unreadable or out of bounds. */
[[nodiscard]] std::optional<Accepted> parseAccepted(const std::string &body);
/** The "error" a refusing platform gave, at most 300 bytes; empty when there is none. */
[[nodiscard]] std::string platformReason(const std::string &body);

/**
 * Delivers the outbox to the platforms, on its own thread.
 *
 * Ownership and threads: the Dispatcher owns its thread, its own Outbox connection and one
 * PlatformClient per platform; they are touched only by that thread. start(), wake() and stop()
 * may be called from any thread. The callbacks run on the dispatcher's thread: a Qt owner
 * forwards them to the GUI thread with a queued signal. Shutdown: stop() wakes the thread, waits
 * for the request in flight (bounded by the client timeout) and joins; the destructor calls stop().
 *
 * Between attempts the thread sleeps on a condition variable until the next request is due, a
 * breaker re-closes, a status check is due, or wake() is called: no polling, no CPU while idle.
 */
class Dispatcher
{
public:
    struct Options {
        queue::Outbox::Options outbox;
        queue::PayloadCipher::Key key{};
        queue::BackoffPolicy backoff;
        std::vector<PlatformEndpoint> platforms;
        /** Platforms configured but unusable (e.g. an unreadable signing key): their requests wait, saying why. */
        std::map<std::string, std::string> misconfigured;
        /** When set, every state change this thread commits is counted here (see QueueCounters). */
        std::shared_ptr<queue::QueueCounters> counters;
        int breakerThreshold = 5;
        std::int64_t breakerOpenMs = 30'000;
        std::int64_t statusIntervalMs = 10 * 60'000; ///< how often a platform is asked about a request's progress
        std::int64_t housekeepingIntervalMs = 60'000; ///< expiry and purge
        std::function<std::int64_t()> clock; ///< wall-clock ms; system clock when empty
        /** Monotonic ms (ages, breakers, housekeeping); CLOCK_BOOTTIME when empty. */
        std::function<std::int64_t()> monotonicClock;
        /** Whether the wall clock is synchronised; nothing expires while it is not. systemClockSynchronised() when empty. */
        std::function<bool()> clockSynchronised;
    };
    struct Callbacks {
        std::function<void(const std::string &id, const std::string &trackingNumber)> delivered;
        std::function<void(const std::string &id, const std::string &reason)> dead;
        std::function<void(const std::string &id, const std::string &status, const std::string &message)> statusChanged;
        std::function<void()> queueChanged; ///< anything staff would see changed
        /** The platforms whose requests are held by a refusal of the terminal's clock or credentials, when that changed. */
        std::function<void(const std::vector<queue::HeldPlatform> &held)> heldChanged;
    };

    Dispatcher(Options options, Callbacks callbacks = {});
    ~Dispatcher();

    /** Starts the thread; false (with @p error) when the outbox cannot be opened. */
    bool start(std::string *error);
    void wake();
    void stop();

private:
    void run();
    /** @p now wall ms, @p mono the monotonic ms read with it (breakers). */
    bool deliverOne(std::int64_t now, std::int64_t mono);
    bool checkStatuses(std::int64_t now, std::int64_t mono);
    std::int64_t now() const;
    std::int64_t mono() const;
    void housekeeping(std::int64_t t);
    /** Asks the outbox which platforms hold requests; tells heldChanged when that changed. */
    void refreshHeld();
    /** Runs an outbox write that returns {result, what it moved} through the counters, if any. */
    template<class Write>
    auto counted(Write &&write)
    {
        if (m_options.counters)
            return m_options.counters->update(std::forward<Write>(write));
        return write().first;
    }

    Options m_options;
    Callbacks m_callbacks;
    std::unique_ptr<queue::Outbox> m_outbox;
    std::map<std::string, std::unique_ptr<PlatformClient>> m_clients;
    std::map<std::string, CircuitBreaker> m_breakers;
    std::map<std::string, std::string> m_misconfigured; ///< platform → why it cannot be used
    std::mt19937_64 m_rng;
    std::int64_t m_lastHousekeeping = 0; ///< monotonic
    std::int64_t m_lastClockTick = 0; ///< monotonic time the outbox clock was last advanced to
    int m_recordFailures = 0; ///< results that could not be recorded, in a row (backoff of the release)
    bool m_warnedUnsynchronised = false;
    bool m_housekept = false, m_clockTicked = false;
    std::vector<queue::HeldPlatform> m_held;

    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_stopping = false;
    bool m_woken = false;
    std::thread m_thread;
};

} // namespace kiosk::platform
