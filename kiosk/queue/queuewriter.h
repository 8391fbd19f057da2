// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kiosk/queue/queueservice.h"
#include "services/queue/outbox.h"
#include "services/queue/queuecounters.h"

#include <QObject>

#include <functional>
#include <memory>

namespace kiosk {

/**
 * The queue's writer: the only place requests are enqueued, on its own thread with its own
 * outbox connection (synchronous=FULL), so an fsync — or a wait for the dispatcher's write
 * lock — never holds up the GUI thread.
 *
 * Threads: created on the GUI thread, then moved to the writer thread; every function runs
 * there (QueueService posts them with QMetaObject::invokeMethod). @p wake (Dispatcher::wake) is
 * thread-safe.
 */
class QueueWriter : public QObject
{
    Q_OBJECT
public:
    struct Written {
        QString requestId;
        QueueService::SaveError error = QueueService::SaveError::None;
    };

    QueueWriter(std::unique_ptr<queue::Outbox> outbox, std::shared_ptr<queue::QueueCounters> counters, std::function<void()> wake);
    ~QueueWriter() override;

    /** Commits @p request (fsync'd) and counts it. */
    [[nodiscard]] Written write(const NewRequest &request);
    /** Counts the store's fill level again (after each write, once its ticket is answered). */
    /** Tells the sender there is something to send (after the answer has been posted). */
    void wakeSender();
    void measure();
    void makeStatusDue(const QStringList &ids);
    /** Counts everything again (staff refresh, after staff actions). */
    void recount();

    [[nodiscard]] static QueueService::SaveError saveErrorFor(queue::StoreError error);

private:
    std::unique_ptr<queue::Outbox> m_outbox;
    std::shared_ptr<queue::QueueCounters> m_counters;
    std::function<void()> m_wake;
};

} // namespace kiosk
