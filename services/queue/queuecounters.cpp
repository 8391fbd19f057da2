// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/queue/queuecounters.h"

namespace kiosk::queue {

QueueCounters::QueueCounters(Published published, std::int64_t capBytes, double warnRatio)
    : m_published(std::move(published))
    , m_warnRatio(warnRatio)
{
    m_counts.capBytes = capBytes;
}

void QueueCounters::apply(const Delta &d)
{
    m_counts.pending += d.pending;
    m_counts.sending += d.sending;
    m_counts.done += d.done;
    m_counts.dead += d.dead;
    m_counts.discarded += d.discarded;
    if (d.oldestPendingCreatedAt)
        m_counts.oldestPendingCreatedAt = *d.oldestPendingCreatedAt;
    else if (d.enqueuedAt && m_counts.oldestPendingCreatedAt == 0)
        m_counts.oldestPendingCreatedAt = d.enqueuedAt;
    if (m_counts.pending + m_counts.sending == 0)
        m_counts.oldestPendingCreatedAt = 0;
    if (d.bytesUsed)
        m_counts.bytesUsed = *d.bytesUsed;
    m_counts.nearCap = m_counts.capBytes > 0 && double(m_counts.bytesUsed) >= m_warnRatio * double(m_counts.capBytes);
}

void QueueCounters::recount(const std::function<std::pair<OutboxCounts, std::vector<OutboxEntry>>()> &query)
{
    std::unique_lock lock(m_mutex);
    auto [counts, dead] = query();
    counts.capBytes = m_counts.capBytes;
    m_counts = counts;
    apply({});
    const OutboxCounts snapshot = m_counts;
    lock.unlock();
    if (m_published)
        m_published(snapshot, dead);
}

OutboxCounts QueueCounters::snapshot() const
{
    std::lock_guard lock(m_mutex);
    return m_counts;
}

} // namespace kiosk::queue
