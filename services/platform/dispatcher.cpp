// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/platform/dispatcher.h"

#include "services/platform/platformapi.h"
#include "services/queue/clocks.h"

#include "common/logging.h"
#include "common/privacy.h"

#include <Poco/JSON/Object.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>

#include <QString>

#include <chrono>

namespace kiosk::platform {

namespace {
// Sleep at most this long even with nothing due: housekeeping and clock changes are noticed.
constexpr std::int64_t maxSleepMs = 60'000;
// Requests claimed and recorded per transaction: large enough to amortise the fsyncs, small
// enough that staff see progress and a stop() is quick.
constexpr int maxBatch = 32;
// As many dead letters as the staff page lists.
constexpr int deadLetterListSize = 50;

/** Error text as stored and shown: never with an ID or phone number an echoing server sent back. */
std::string masked(const std::string &s)
{
    return privacy::maskPersonalData(QString::fromStdString(s)).toStdString();
}

} // namespace

std::optional<Accepted> parseAccepted(const std::string &body)
{
    try {
        auto o = Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
        Accepted a{o->optValue<std::string>("trackingNumber", ""), o->optValue<std::string>("status", "accepted"),
                   o->optValue<std::string>("message", "")};
        // A tracking number goes on a receipt and into a QR code: printable ASCII, bounded.
        if (a.trackingNumber.empty() || a.trackingNumber.size() > 40)
            return std::nullopt;
        for (char c : a.trackingNumber) {
            if (c < 0x21 || c > 0x7e)
                return std::nullopt;
        }
        if (a.status.size() > 32 || a.message.size() > 500)
            return std::nullopt;
        return a;
    } catch (const std::exception &e) {
        // Reported, not swallowed: the caller retries the request as "reply could not be read".
        qCDebug(lcPlatform) << "unreadable reply:" << e.what();
        return std::nullopt;
    }
}

std::string platformReason(const std::string &body)
{
    try {
        auto o = Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
        std::string reason = o->optValue<std::string>("error", "");
        if (reason.size() > 300) {
            // Cut at a character boundary: the reason is stored and shown as text.
            std::size_t n = 300;
            while (n > 0 && (std::uint8_t(reason[n]) & 0xC0) == 0x80)
                --n;
            reason.resize(n);
        }
        return reason;
    } catch (const std::exception &e) {
        qCDebug(lcPlatform) << "a refusal without a readable reason:" << e.what();
        return {};
    }
}

Dispatcher::Dispatcher(Options options, Callbacks callbacks)
    : m_options(std::move(options))
    , m_callbacks(std::move(callbacks))
    , m_rng(std::random_device{}())
{
}

Dispatcher::~Dispatcher()
{
    stop();
}

std::int64_t Dispatcher::now() const
{
    if (m_options.clock)
        return m_options.clock();
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::int64_t Dispatcher::mono() const
{
    return m_options.monotonicClock ? m_options.monotonicClock() : queue::monotonicMs();
}

bool Dispatcher::start(std::string *error)
{
    if (m_thread.joinable())
        return true;
    queue::Outbox::Options own = m_options.outbox;
    own.syncEveryCommit = false; // see Outbox::Options::syncEveryCommit
    m_outbox = queue::Outbox::open(own, queue::PayloadCipher(m_options.key), error);
    if (!m_outbox)
        return false;
    m_misconfigured = m_options.misconfigured;
    for (const auto &[id, why] : m_misconfigured)
        qCWarning(lcPlatform).noquote() << QString::fromStdString(why);
    for (const auto &p : m_options.platforms) {
        m_breakers.emplace(p.id, CircuitBreaker(m_options.breakerThreshold, m_options.breakerOpenMs));
        try {
            m_clients[p.id] = std::make_unique<PlatformClient>(p);
        } catch (const Poco::Exception &e) {
            // A broken CA file or client certificate must not stop the terminal: the platform's
            // requests wait (and say why) until provisioning fixes it.
            m_misconfigured[p.id] = "platform \"" + p.id + "\" is misconfigured on this terminal: " + e.displayText();
            qCWarning(lcPlatform).noquote() << QString::fromStdString(m_misconfigured[p.id]);
        }
    }
    m_stopping = false;
    m_thread = std::thread([this] { run(); });
    return true;
}

void Dispatcher::wake()
{
    {
        std::lock_guard lock(m_mutex);
        m_woken = true;
    }
    m_cv.notify_one();
}

void Dispatcher::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_cv.notify_one();
    if (m_thread.joinable())
        m_thread.join();
}

void Dispatcher::run()
{
    // Whatever was being sent when the power went is sent again; the key makes that harmless.
    const int recovered = counted([&] {
        const int n = m_outbox->recoverInterrupted(now());
        return std::pair(n, queue::QueueCounters::Delta{.pending = n, .sending = -n});
    });
    if (recovered > 0) {
        qCInfo(lcPlatform) << recovered << "requests interrupted by a restart are sent again";
        if (m_callbacks.queueChanged)
            m_callbacks.queueChanged();
    }
    for (;;) {
        {
            std::lock_guard lock(m_mutex);
            if (m_stopping)
                return;
            m_woken = false;
        }
        const std::int64_t t = now();
        // On the monotonic clock: a wall clock set back must not stop housekeeping.
        if (!m_housekept || mono() - m_lastHousekeeping >= m_options.housekeepingIntervalMs)
            housekeeping(t);
        // One monotonic reading for both decisions, as one wall reading before: a breaker must not
        // be closed for the status checks a moment after it blocked delivery.
        const std::int64_t tm = mono();
        if (deliverOne(t, tm))
            continue;
        if (checkStatuses(t, tm))
            continue;

        // Nothing to do now: sleep until something will be.
        std::set<std::string> blocked;
        std::int64_t wakeAt = t + maxSleepMs;
        const std::int64_t m = tm; // the same reading as the decisions above
        for (const auto &[id, breaker] : m_breakers) {
            if (!breaker.allows(m)) {
                blocked.insert(id);
                wakeAt = std::min(wakeAt, t + (breaker.openUntil() - m));
            }
        }
        if (const auto due = m_outbox->nextDueAt(blocked))
            wakeAt = std::min(wakeAt, *due);
        if (!m_outbox->dueStatusChecks(t + m_options.statusIntervalMs, m_options.statusIntervalMs, 1).empty())
            wakeAt = std::min(wakeAt, t + std::min<std::int64_t>(m_options.statusIntervalMs, maxSleepMs));
        wakeAt = std::min(wakeAt, t + (m_lastHousekeeping + m_options.housekeepingIntervalMs - m));
        std::unique_lock lock(m_mutex);
        const auto wait = std::chrono::milliseconds(std::max<std::int64_t>(wakeAt - now(), 1));
        m_cv.wait_for(lock, wait, [this] { return m_stopping || m_woken; });
    }
}

void Dispatcher::housekeeping(std::int64_t t)
{
    const std::int64_t m = mono();
    m_lastHousekeeping = m;
    m_housekept = true;
    // The outbox clock runs only while the terminal does, on the monotonic clock: ages are
    // neither shortened nor stretched by the wall clock jumping (docs/queue.md, "Ages").
    if (!m_clockTicked) {
        m_lastClockTick = m;
        m_clockTicked = true;
    }
    else if (m > m_lastClockTick && m_outbox->advanceClock(m - m_lastClockTick))
        m_lastClockTick = m;
    // Rows left sending by a result that could not be recorded (nor released) are sent again
    // now, not only after a restart. No batch is in flight here: this is the sending thread.
    const int stranded = counted([&] {
        const int n = m_outbox->recoverInterrupted(t);
        return std::pair(n, queue::QueueCounters::Delta{.pending = n, .sending = -n});
    });
    if (stranded > 0)
        qCWarning(lcPlatform) << stranded << "requests left in sending are sent again";
    // A wall clock set back (an RTC reset) would leave requests due in a year: none waits longer
    // than the longest pause the backoff or a platform may ask for.
    const std::int64_t longest = std::max<std::int64_t>(m_options.backoff.capMs, 24LL * 3600'000);
    if (const int clamped = m_outbox->clampFutureAttempts(t + longest + maxSleepMs, t + m_options.backoff.capMs); clamped > 0)
        qCWarning(lcPlatform) << clamped << "requests were due implausibly far ahead (the clock was set back?); they are tried again soon";
    int expired = 0;
    const bool synced = m_options.clockSynchronised ? m_options.clockSynchronised() : queue::systemClockSynchronised();
    if (!synced) {
        if (!m_warnedUnsynchronised)
            qCWarning(lcPlatform) << "the system clock is not synchronised: no request is given up until it is";
        m_warnedUnsynchronised = true;
    } else {
        m_warnedUnsynchronised = false;
        expired = counted([&] {
            const int n = m_outbox->expire(t, m_options.backoff.maxAgeMs, m_options.backoff.minAttempts);
            queue::QueueCounters::Delta d{.pending = -n, .dead = n};
            if (n > 0) {
                d.oldestPendingCreatedAt = m_outbox->oldestPendingCreatedAt();
                d.deadLetters = m_outbox->list("dead", deadLetterListSize);
            }
            return std::pair(n, d);
        });
        if (expired > 0)
            qCWarning(lcPlatform) << expired << "requests were not delivered in time and were given up";
    }
    const int purged = m_outbox->purge(t);
    if (purged > 0) {
        qCInfo(lcPlatform) << purged << "requests past their retention were cleared";
        if (m_options.counters)
            m_options.counters->recount([this] { return std::pair(m_outbox->counts(), m_outbox->list("dead", deadLetterListSize)); });
    }
    refreshHeld();
    if ((expired > 0 || purged > 0 || stranded > 0) && m_callbacks.queueChanged)
        m_callbacks.queueChanged();
}

void Dispatcher::refreshHeld()
{
    std::vector<queue::HeldPlatform> held = m_outbox->heldPlatforms();
    auto same = [](const std::vector<queue::HeldPlatform> &a, const std::vector<queue::HeldPlatform> &b) {
        if (a.size() != b.size())
            return false;
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (a[i].platform != b[i].platform || a[i].why != b[i].why || a[i].requests != b[i].requests)
                return false;
        }
        return true;
    };
    if (same(held, m_held))
        return;
    for (const auto &h : held) {
        qCWarning(lcPlatform).noquote() << "platform" << QString::fromStdString(h.platform)
                                        << (h.why == "clock" ? "refuses this terminal's clock;" : "refuses this terminal's credentials;")
                                        << h.requests << "requests are kept and retried:" << QString::fromStdString(h.lastError);
    }
    m_held = std::move(held);
    if (m_callbacks.heldChanged)
        m_callbacks.heldChanged(m_held);
}

bool Dispatcher::deliverOne(std::int64_t t, std::int64_t tm)
{
    std::set<std::string> blocked;
    for (const auto &[id, breaker] : m_breakers) {
        if (!breaker.allows(tm))
            blocked.insert(id);
    }
    // A batch is claimed in one transaction and its results recorded in one: two fsyncs per
    // batch instead of two per request. Losing the results in a crash only means resending,
    // which the Idempotency-Key makes harmless.
    auto batch = counted([&] {
        auto b = m_outbox->claimBatch(t, blocked, maxBatch);
        const int n = int(b.size());
        return std::pair(std::move(b), queue::QueueCounters::Delta{.pending = -n, .sending = n});
    });
    if (batch.empty())
        return false;
    std::vector<queue::Outbox::Result> results;
    std::vector<std::string> unsent;
    std::vector<std::pair<std::string, std::string>> deliveredNow, deadNow;
    bool anyHeld = false;
    for (auto &claimed : batch) {
        const queue::OutboxEntry &e = claimed.entry;
        {
            std::lock_guard lock(m_mutex);
            if (m_stopping) {
                unsent.push_back(e.id);
                continue;
            }
        }
        if (!claimed.payload) {
            const std::string reason = "the stored request is damaged and cannot be read (failed its integrity check)";
            results.push_back({queue::Outbox::Result::Kind::Dead, e.id, {}, {}, 0, reason, {}});
            deadNow.emplace_back(e.id, reason);
            continue;
        }
        if (auto bad = m_misconfigured.find(e.platform); bad != m_misconfigured.end()) {
            results.push_back({queue::Outbox::Result::Kind::Retry, e.id, {}, {}, now() + m_options.backoff.capMs, bad->second, {}});
            continue;
        }
        auto client = m_clients.find(e.platform);
        if (client == m_clients.end()) {
            const std::string reason = "no platform \"" + e.platform + "\" is configured on this terminal";
            results.push_back({queue::Outbox::Result::Kind::Dead, e.id, {}, {}, 0, reason, {}});
            deadNow.emplace_back(e.id, reason);
            continue;
        }
        CircuitBreaker &breaker = m_breakers.at(e.platform);
        if (!breaker.allows(mono())) { // opened by an earlier request of this batch
            unsent.push_back(e.id);
            continue;
        }
        const PlatformReply reply = client->second->post(api::pathFor(e.kind), e.id, *claimed.payload);
        const std::int64_t after = now();
        queue::Outcome outcome = queue::classify(reply.status, reply.error, reply.retryAfter,
                                                 reply.error == queue::TransportError::None ? platformReason(reply.body) : reply.errorText,
                                                 after);
        std::optional<Accepted> accepted;
        if (outcome.kind == queue::Outcome::Kind::Done) {
            accepted = parseAccepted(reply.body);
            if (!accepted) // the effect may have happened; asking again with the same key is harmless
                outcome = {queue::Outcome::Kind::Retry, 0, "the platform's reply could not be read", {}};
        }
        switch (outcome.kind) {
        case queue::Outcome::Kind::Done:
            breaker.success();
            results.push_back({queue::Outbox::Result::Kind::Done, e.id, accepted->trackingNumber, accepted->status, 0, {}, {}});
            deliveredNow.emplace_back(e.id, accepted->trackingNumber);
            break;
        case queue::Outcome::Kind::Retry: {
            breaker.failure(mono());
            const std::int64_t delay = m_options.backoff.delayMs(std::max(0, e.attempts - 1), m_rng, outcome.retryAfterMs);
            results.push_back({queue::Outbox::Result::Kind::Retry, e.id, {}, {}, after + delay, masked(outcome.reason), outcome.held});
            if (!outcome.held.empty())
                anyHeld = true;
            break;
        }
        case queue::Outcome::Kind::Dead:
            breaker.success(); // the platform answered: it is alive, the request is what is wrong
            results.push_back({queue::Outbox::Result::Kind::Dead, e.id, {}, {}, 0, masked(outcome.reason), {}});
            deadNow.emplace_back(e.id, masked(outcome.reason));
            break;
        }
    }
    const std::int64_t recordedAt = now();
    const bool recorded = counted([&] {
        queue::QueueCounters::Delta d;
        const bool ok = m_outbox->record(results, recordedAt);
        std::vector<std::string> back = unsent;
        std::int64_t due = recordedAt;
        if (ok) {
            m_recordFailures = 0;
            for (const auto &r : results) {
                --d.sending;
                ++(r.kind == queue::Outbox::Result::Kind::Done ? d.done : r.kind == queue::Outbox::Result::Kind::Dead ? d.dead : d.pending);
            }
        } else {
            // Not recorded (the store is full, the disk failed): nothing is reported, and the
            // requests go back to waiting — a release writes nothing that grows — to be sent
            // again later, which the platform de-duplicates by the Idempotency-Key.
            for (const auto &r : results)
                back.push_back(r.id);
            due += m_options.backoff.windowMs(m_recordFailures++);
        }
        if (m_outbox->release(back, recordedAt, due)) {
            d.sending -= int(back.size());
            d.pending += int(back.size());
        } else {
            // Still sending in the file: housekeeping's recoverInterrupted() brings them back.
            qCWarning(lcPlatform) << back.size() << "requests could not be put back to waiting; they are recovered within"
                                  << m_options.housekeepingIntervalMs / 1000 << "s";
        }
        d.oldestPendingCreatedAt = m_outbox->oldestPendingCreatedAt();
        if (d.dead > 0)
            d.deadLetters = m_outbox->list("dead", deadLetterListSize);
        return std::pair(ok, d);
    });
    if (!recorded) {
        qCWarning(lcPlatform) << "the results of" << results.size()
                              << "deliveries could not be recorded; the requests are sent again later and none is reported yet";
        if (m_callbacks.queueChanged)
            m_callbacks.queueChanged();
        return true;
    }
    for (const auto &[id, tracking] : deliveredNow) {
        if (m_callbacks.delivered)
            m_callbacks.delivered(id, tracking);
    }
    for (const auto &[id, reason] : deadNow) {
        qCWarning(lcPlatform).noquote() << "request" << QString::fromStdString(id) << "failed for good:" << QString::fromStdString(reason);
        if (m_callbacks.dead)
            m_callbacks.dead(id, reason);
    }
    if (anyHeld || !m_held.empty())
        refreshHeld();
    if (m_callbacks.queueChanged)
        m_callbacks.queueChanged();
    return true;
}

bool Dispatcher::checkStatuses(std::int64_t t, std::int64_t tm)
{
    bool any = false;
    for (const auto &e : m_outbox->dueStatusChecks(t, m_options.statusIntervalMs)) {
        auto client = m_clients.find(e.platform);
        if (client == m_clients.end() || !m_breakers.at(e.platform).allows(tm))
            continue;
        const PlatformReply reply = client->second->get(api::statusPath(e.trackingNumber));
        const std::int64_t after = now();
        if (reply.error != queue::TransportError::None || reply.status >= 500) {
            m_breakers.at(e.platform).failure(mono());
            m_outbox->updatePlatformStatus(e.id, e.platformStatus, e.platformMessage, after); // ask again later
            continue;
        }
        any = true;
        const auto a = reply.status == 200 ? parseAccepted(reply.body) : std::nullopt;
        if (!a) {
            m_outbox->updatePlatformStatus(e.id, e.platformStatus, e.platformMessage, after);
            continue;
        }
        static const std::set<std::string> known = {"accepted", "in_progress", "done", "rejected"};
        const std::string status = known.contains(a->status) ? a->status : e.platformStatus;
        // Told only once it is stored: otherwise it is asked again at the next interval.
        if (!m_outbox->updatePlatformStatus(e.id, status, masked(a->message), after))
            continue;
        if ((status != e.platformStatus || a->message != e.platformMessage) && m_callbacks.statusChanged)
            m_callbacks.statusChanged(e.id, status, masked(a->message));
    }
    return any && !m_outbox->dueStatusChecks(t, m_options.statusIntervalMs, 1).empty();
}

} // namespace kiosk::platform
