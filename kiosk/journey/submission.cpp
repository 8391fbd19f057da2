// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/journey/submission.h"
#include "common/plaintext.h"
#include "common/logging.h"
#include "kiosk/queue/queueservice.h"
#include "services/queue/outbox.h"

namespace kiosk {

namespace {
// How long the result screen waits for the platform before saying "saved, it goes later":
// long enough for a working platform, short enough that a resident does not wonder.
constexpr int kDefaultWaitMs = 6000;
} // namespace

Submission::Submission(QueueService *queue, QObject *parent)
    : QObject(parent)
    , m_queue(queue)
{
    m_wait.setSingleShot(true);
    m_wait.setInterval(kDefaultWaitMs);
    connect(&m_wait, &QTimer::timeout, this, [this] {
        if (m_state == State::Sending)
            settle(State::Queued);
    });
    connect(m_queue, &QueueService::enqueued, this,
            [this](quint64 ticket, const QString &id, QueueService::SaveError error) {
                onEnqueued(ticket, id, error == QueueService::SaveError::None);
            });
    connect(m_queue, &QueueService::delivered, this, [this](const QString &id, const QString &tracking) {
        if (id.isEmpty() || id != m_requestId)
            return;
        m_tracking = tracking;
        if (m_state == State::Sending) {
            settle(State::Sent);
        } else {
            m_state = State::Sent; // already settled as queued: the screen and a reprint show the real number
            Q_EMIT changed();
        }
    });
    connect(m_queue, &QueueService::deadLettered, this, [this](const QString &id, const QString &reason) {
        if (id.isEmpty() || id != m_requestId)
            return;
        m_wait.stop();
        m_refusal = plainText(reason); // may quote the platform
        m_state = State::Refused;
        Q_EMIT changed();
        Q_EMIT refused();
    });
}

void Submission::submit(const NewRequest &request, const QDateTime &at)
{
    if (held()) // already saved or being saved: never twice
        return;
    m_error = Error::None;
    m_at = at;
    m_state = State::Saving;
    m_ticket = m_queue->enqueue(request);
    Q_EMIT changed();
}

void Submission::reject(Error error)
{
    if (held())
        return;
    m_error = error;
    Q_EMIT changed();
    Q_EMIT failed();
}

void Submission::onEnqueued(quint64 ticket, const QString &requestId, bool ok)
{
    if (ticket != m_ticket || m_state != State::Saving)
        return; // another request's answer, or one for a visit that has ended
    if (!ok) {
        qCWarning(lcApp) << "submit failed: the request could not be stored";
        m_state = State::None;
        m_error = Error::NotSaved;
        Q_EMIT changed();
        Q_EMIT failed();
        return;
    }
    m_requestId = requestId;
    m_state = State::Sending;
    m_wait.start();
    Q_EMIT changed();
    Q_EMIT saved();
    // Sent (or refused) before this answer arrived: the dispatcher can be that quick.
    if (const auto outcome = m_queue->recentOutcome(requestId)) {
        if (outcome->delivered) {
            m_tracking = outcome->text;
            settle(State::Sent);
        } else {
            m_wait.stop();
            m_refusal = plainText(outcome->text);
            m_state = State::Refused;
            Q_EMIT changed();
            Q_EMIT refused();
        }
    }
}

void Submission::settle(State state)
{
    m_wait.stop();
    m_state = state;
    Q_EMIT changed();
    Q_EMIT settled();
}

QString Submission::terminalNumber(const QString &requestId)
{
    const QString digits = QString::fromStdString(queue::receiptNumber(requestId.toStdString()));
    QString grouped;
    for (qsizetype i = 0; i < digits.size(); i += 4)
        grouped += (i ? QStringLiteral(" ") : QString()) + digits.mid(i, 4);
    return grouped;
}

QString Submission::receiptNumber() const
{
    if (!m_tracking.isEmpty())
        return m_tracking;
    return m_requestId.isEmpty() ? QString() : terminalNumber(m_requestId);
}

QString Submission::qrText() const
{
    // Always the capability, also once the platform's number is known: that number is
    // sequential on some platforms, so a scan of it alone opens nothing (QueueService::verifyReceiptCode).
    return m_requestId.isEmpty() ? QString() : m_queue->receiptCode(m_requestId);
}

void Submission::clear()
{
    m_wait.stop();
    m_ticket = 0;
    m_state = State::None;
    m_error = Error::None;
    m_requestId.clear();
    m_tracking.clear();
    m_refusal.clear();
    m_at = {};
    Q_EMIT changed();
}

} // namespace kiosk
