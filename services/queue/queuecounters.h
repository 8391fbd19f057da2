// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "services/queue/outbox.h"

#include <functional>
#include <mutex>
#include <optional>
#include <vector>

namespace kiosk::queue {

/**
 * The staff counters (requests per state, the oldest waiting, the store's fill level), kept up
 * to date by the threads that change the outbox instead of being queried after every change.
 *
 * Threads: update() and recount() run on the writer and dispatcher threads. Each holds the
 * lock across its outbox write *and* the delta it applies, so a recount never sees a write
 * without its delta or the other way round. The published callback runs on the changing thread,
 * after the lock is released; a Qt owner forwards the snapshot with a queued call. Nobody on the
 * GUI thread ever takes the lock.
 */
class QueueCounters
{
public:
    /** What one write moved. */
    struct Delta {
        int pending = 0, sending = 0, done = 0, dead = 0, discarded = 0;
        std::optional<std::int64_t> oldestPendingCreatedAt = std::nullopt; ///< set when known to have changed
        std::int64_t enqueuedAt = 0; ///< a new request's created_at: the oldest, if nothing else waits
        std::optional<std::int64_t> bytesUsed = std::nullopt;
        std::optional<std::vector<OutboxEntry>> deadLetters = std::nullopt; ///< the newest dead letters, when they changed
        [[nodiscard]] bool empty() const
        {
            return !pending && !sending && !done && !dead && !discarded && !oldestPendingCreatedAt && !enqueuedAt && !bytesUsed && !deadLetters;
        }
    };
    using Published = std::function<void(const OutboxCounts &counts, const std::optional<std::vector<OutboxEntry>> &deadLetters)>;

    explicit QueueCounters(Published published = {}, std::int64_t capBytes = 0, double warnRatio = 0.8);

    /** Runs @p write (an outbox write returning what it moved) under the lock, applies, publishes. */
    template<class Write>
    auto update(Write &&write)
    {
        std::unique_lock lock(m_mutex);
        auto [result, delta] = write();
        apply(delta);
        const OutboxCounts snapshot = m_counts;
        lock.unlock();
        if (m_published && !delta.empty())
            m_published(snapshot, delta.deadLetters);
        return result;
    }
    /** Replaces the counters with what @p query (a full count, with the dead letters) says, under the lock. */
    void recount(const std::function<std::pair<OutboxCounts, std::vector<OutboxEntry>>()> &query);

    /** A copy, under the lock (tests and tools; the GUI thread gets its copies published). */
    [[nodiscard]] OutboxCounts snapshot() const;

private:
    void apply(const Delta &d);

    Published m_published;
    double m_warnRatio;
    mutable std::mutex m_mutex;
    OutboxCounts m_counts;
};

} // namespace kiosk::queue
