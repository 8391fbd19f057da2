// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/queue/queuewriter.h"

#include "common/logging.h"

#include <QDateTime>

namespace kiosk {

QueueWriter::QueueWriter(std::unique_ptr<queue::Outbox> outbox, std::shared_ptr<queue::QueueCounters> counters, std::function<void()> wake)
    : m_outbox(std::move(outbox))
    , m_counters(std::move(counters))
    , m_wake(std::move(wake))
{
}

QueueWriter::~QueueWriter() = default;

QueueService::SaveError QueueWriter::saveErrorFor(queue::StoreError error)
{
    switch (error) {
    case queue::StoreError::None: return QueueService::SaveError::None;
    case queue::StoreError::Full: return QueueService::SaveError::Full;
    case queue::StoreError::TooLarge: return QueueService::SaveError::TooLarge;
    case queue::StoreError::Io:
    case queue::StoreError::Busy:
    case queue::StoreError::Crypto:
    case queue::StoreError::Failed: return QueueService::SaveError::Failed;
    }
    return QueueService::SaveError::Failed;
}

QueueWriter::Written QueueWriter::write(const NewRequest &request)
{
    const queue::Outbox::Request r{request.platform.toStdString(), request.kind.toStdString(), request.itemCode.toStdString(),
                                   request.subjectHash.toStdString(), request.payloadJson.toStdString()};
    const auto result = m_counters->update([&] {
        auto written = m_outbox->enqueue(r, QDateTime::currentMSecsSinceEpoch());
        queue::QueueCounters::Delta d;
        if (written.ok) {
            d.pending = 1;
            d.enqueuedAt = written.createdAt;
        }
        return std::pair(std::move(written), d);
    });
    if (!result.ok) {
        qCWarning(lcQueue).noquote() << "could not queue" << request.kind << request.itemCode << ":" << QString::fromStdString(result.error);
        return {{}, saveErrorFor(result.failure)};
    }
    qCInfo(lcQueue).noquote() << "queued" << request.kind << request.itemCode << "as" << QString::fromStdString(result.id);
    return {QString::fromStdString(result.id), QueueService::SaveError::None};
}

void QueueWriter::wakeSender()
{
    if (m_wake)
        m_wake();
}

void QueueWriter::measure()
{
    m_counters->update([&] { return std::pair(0, queue::QueueCounters::Delta{.bytesUsed = m_outbox->bytesUsed()}); });
}

void QueueWriter::makeStatusDue(const QStringList &ids)
{
    std::vector<std::string> v;
    for (const QString &id : ids)
        v.push_back(id.toStdString());
    if (m_outbox->makeStatusDue(v) > 0 && m_wake)
        m_wake();
}

void QueueWriter::recount()
{
    m_counters->recount([this] { return std::pair(m_outbox->counts(), m_outbox->list("dead", 50)); });
}

} // namespace kiosk
