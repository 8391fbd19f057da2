// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

namespace kiosk {

class QueueService;
struct NewRequest;

/**
 * One request on its way to a platform, from the resident's "submit" until they walk away:
 * saved in the durable queue (saved() — only then does the screen say so), then delivered or,
 * after a short wait, told honestly that it goes later (settled(): time to print the receipt).
 * A refusal by the platform arrives as refused(). Never submits twice: a second submit() while a
 * request is held does nothing.
 *
 * Lives on the GUI thread; the queue answers through queued signals.
 */
class Submission : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the journey's submission")
    Q_PROPERTY(State state READ state NOTIFY changed)
    Q_PROPERTY(Error error READ error NOTIFY changed)
    /** The platform's tracking number (empty until it answers). */
    Q_PROPERTY(QString trackingNumber READ trackingNumber NOTIFY changed)
    /** The number the receipt and screen show: the platform's, or the terminal's own. */
    Q_PROPERTY(QString receiptNumber READ receiptNumber NOTIFY changed)
    /** What the receipt's QR code carries: the request's capability (QueueService::receiptCode());
     *  scanning it here opens the progress page. */
    Q_PROPERTY(QString qrText READ qrText NOTIFY changed)
    /** The platform's reason for refusing (its own words). */
    Q_PROPERTY(QString refusal READ refusal NOTIFY changed)

public:
    enum class State {
        None,
        Saving, ///< handed to the queue, not yet on disk
        Sending, ///< on disk; waiting briefly for the platform
        Sent, ///< the platform took it and gave a tracking number
        Queued, ///< on disk; the platform did not answer in time, it goes when it can
        Refused, ///< the platform refused it for good
    };
    Q_ENUM(State)
    enum class Error {
        None,
        NoConsent, ///< the resident has not agreed to the use of their data
        Invalid, ///< some answers are wrong (marked on the review)
        NotSaved, ///< the terminal could not store it: nothing was sent
    };
    Q_ENUM(Error)

    /** How a receipt's QR code begins (`KIOSK:<request id>.<MAC>`, QueueService::receiptCode()). */
    static QString requestPrefix() { return QStringLiteral("KIOSK:"); }
    /**
     * The terminal's own number for a request, until the platform gives one: 13 digits derived
     * from the request's id (queue::receiptNumber, unique in the terminal's outbox), in groups of
     * four so that it can be read out over the phone — "3816 0274 5519 3".
     */
    static QString terminalNumber(const QString &requestId);

    explicit Submission(QueueService *queue, QObject *parent = nullptr);

    /** How long to wait for the platform before settling for "queued". */
    void setDeliveryWaitMs(int ms) { m_wait.setInterval(ms); }

    /** Hands @p request to the queue (once). */
    void submit(const NewRequest &request, const QDateTime &at);
    /** The resident cannot submit yet (@p error is NoConsent or Invalid); the review says why. */
    void reject(Error error);
    void clear();

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] Error error() const { return m_error; }
    [[nodiscard]] bool held() const { return m_state != State::None; }
    [[nodiscard]] QString requestId() const { return m_requestId; }
    [[nodiscard]] QDateTime submittedAt() const { return m_at; }
    [[nodiscard]] QString trackingNumber() const { return m_tracking; }
    [[nodiscard]] QString receiptNumber() const;
    [[nodiscard]] QString qrText() const;
    [[nodiscard]] QString refusal() const { return m_refusal; }

Q_SIGNALS:
    void changed();
    /** The request is on disk. */
    void saved();
    /** The request could not be submitted; error() says why. */
    void failed();
    /** Delivered, or waiting for the network: the receipt can be printed. */
    void settled();
    void refused();

private:
    void onEnqueued(quint64 ticket, const QString &requestId, bool ok);
    void settle(State state);

    QueueService *m_queue;
    QTimer m_wait;
    quint64 m_ticket = 0;
    State m_state = State::None;
    Error m_error = Error::None;
    QString m_requestId, m_tracking, m_refusal;
    QDateTime m_at;
};

} // namespace kiosk
