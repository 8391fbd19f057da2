// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/platform/dispatcher.h"

#include "services/platform/platformapi.h"

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
        if (t - m_lastHousekeeping >= m_options.housekeepingIntervalMs) {
            m_lastHousekeeping = t;
            const int expired = counted([&] {
                const int n = m_outbox->expire(t, m_options.backoff.maxAgeMs);
                queue::QueueCounters::Delta d{.pending = -n, .dead = n};
                if (n > 0) {
                    d.oldestPendingCreatedAt = m_outbox->oldestPendingCreatedAt();
                    d.deadLetters = m_outbox->list("dead", deadLetterListSize);
                }
                return std::pair(n, d);
            });
            if (expired > 0)
                qCWarning(lcPlatform) << expired << "requests were not delivered in time and were given up";
            m_outbox->purge(t);
            if (expired > 0 && m_callbacks.queueChanged)
                m_callbacks.queueChanged();
        }
        if (deliverOne(t))
            continue;
        if (checkStatuses(t))
            continue;

        // Nothing to do now: sleep until something will be.
        std::set<std::string> blocked;
        std::int64_t wakeAt = t + maxSleepMs;
        for (const auto &[id, breaker] : m_breakers) {
            if (!breaker.allows(t)) {
                blocked.insert(id);
                wakeAt = std::min(wakeAt, breaker.openUntil());
            }
        }
        if (const auto due = m_outbox->nextDueAt(blocked))
            wakeAt = std::min(wakeAt, *due);
        if (!m_outbox->dueStatusChecks(t + m_options.statusIntervalMs, m_options.statusIntervalMs, 1).empty())
            wakeAt = std::min(wakeAt, t + std::min<std::int64_t>(m_options.statusIntervalMs, maxSleepMs));
        wakeAt = std::min(wakeAt, m_lastHousekeeping + m_options.housekeepingIntervalMs);
        std::unique_lock lock(m_mutex);
        const auto wait = std::chrono::milliseconds(std::max<std::int64_t>(wakeAt - now(), 1));
        m_cv.wait_for(lock, wait, [this] { return m_stopping || m_woken; });
    }
}

bool Dispatcher::deliverOne(std::int64_t t)
{
    std::set<std::string> blocked;
    for (const auto &[id, breaker] : m_breakers) {
        if (!breaker.allows(t))
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
            results.push_back({queue::Outbox::Result::Kind::Dead, e.id, {}, {}, 0, reason});
            deadNow.emplace_back(e.id, reason);
            continue;
        }
        if (auto bad = m_misconfigured.find(e.platform); bad != m_misconfigured.end()) {
            results.push_back({queue::Outbox::Result::Kind::Retry, e.id, {}, {}, now() + m_options.backoff.capMs, bad->second});
            continue;
        }
        auto client = m_clients.find(e.platform);
        if (client == m_clients.end()) {
            const std::string reason = "no platform \"" + e.platform + "\" is configured on this terminal";
            results.push_back({queue::Outbox::Result::Kind::Dead, e.id, {}, {}, 0, reason});
            deadNow.emplace_back(e.id, reason);
            continue;
        }
        CircuitBreaker &breaker = m_breakers.at(e.platform);
        if (!breaker.allows(now())) { // opened by an earlier request of this batch
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
                outcome = {queue::Outcome::Kind::Retry, 0, "the platform's reply could not be read"};
        }
        switch (outcome.kind) {
        case queue::Outcome::Kind::Done:
            breaker.success();
            results.push_back({queue::Outbox::Result::Kind::Done, e.id, accepted->trackingNumber, accepted->status, 0, {}});
            deliveredNow.emplace_back(e.id, accepted->trackingNumber);
            break;
        case queue::Outcome::Kind::Retry: {
            breaker.failure(after);
            const std::int64_t delay = m_options.backoff.delayMs(std::max(0, e.attempts - 1), m_rng, outcome.retryAfterMs);
            results.push_back({queue::Outbox::Result::Kind::Retry, e.id, {}, {}, after + delay, masked(outcome.reason)});
            break;
        }
        case queue::Outcome::Kind::Dead:
            breaker.success(); // the platform answered: it is alive, the request is what is wrong
            results.push_back({queue::Outbox::Result::Kind::Dead, e.id, {}, {}, 0, masked(outcome.reason)});
            deadNow.emplace_back(e.id, masked(outcome.reason));
            break;
        }
    }
    counted([&] {
        queue::QueueCounters::Delta d;
        if (m_outbox->record(results, now())) {
            for (const auto &r : results) {
                --d.sending;
                ++(r.kind == queue::Outbox::Result::Kind::Done ? d.done : r.kind == queue::Outbox::Result::Kind::Dead ? d.dead : d.pending);
            }
        } else {
            // Left in sending: sent again after the next restart, which the platform de-duplicates.
            qCWarning(lcPlatform) << "the results of" << results.size() << "deliveries could not be recorded";
        }
        m_outbox->release(unsent, now());
        d.sending -= int(unsent.size());
        d.pending += int(unsent.size());
        d.oldestPendingCreatedAt = m_outbox->oldestPendingCreatedAt();
        if (d.dead > 0)
            d.deadLetters = m_outbox->list("dead", deadLetterListSize);
        return std::pair(0, d);
    });
    for (const auto &[id, tracking] : deliveredNow) {
        if (m_callbacks.delivered)
            m_callbacks.delivered(id, tracking);
    }
    for (const auto &[id, reason] : deadNow) {
        qCWarning(lcPlatform).noquote() << "request" << QString::fromStdString(id) << "failed for good:" << QString::fromStdString(reason);
        if (m_callbacks.dead)
            m_callbacks.dead(id, reason);
    }
    if (m_callbacks.queueChanged)
        m_callbacks.queueChanged();
    return true;
}

bool Dispatcher::checkStatuses(std::int64_t t)
{
    bool any = false;
    for (const auto &e : m_outbox->dueStatusChecks(t, m_options.statusIntervalMs)) {
        auto client = m_clients.find(e.platform);
        if (client == m_clients.end() || !m_breakers.at(e.platform).allows(t))
            continue;
        const PlatformReply reply = client->second->get(api::statusPath(e.trackingNumber));
        const std::int64_t after = now();
        if (reply.error != queue::TransportError::None || reply.status >= 500) {
            m_breakers.at(e.platform).failure(after);
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
        m_outbox->updatePlatformStatus(e.id, status, masked(a->message), after);
        if ((status != e.platformStatus || a->message != e.platformMessage) && m_callbacks.statusChanged)
            m_callbacks.statusChanged(e.id, status, masked(a->message));
    }
    return any && !m_outbox->dueStatusChecks(t, m_options.statusIntervalMs, 1).empty();
}

} // namespace kiosk::platform
