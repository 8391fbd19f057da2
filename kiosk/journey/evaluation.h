// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QStringList>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace kiosk {

class QueueService;

/** A reason a resident may tick with their rating. */
struct EvaluationReason {
    Q_GADGET
    QML_VALUE_TYPE(evaluationReason)
    Q_PROPERTY(QString code MEMBER code)
    Q_PROPERTY(QString label MEMBER label)
public:
    QString code; ///< what the platform receives: the same in every language
    QString label;
};

/**
 * 好差评 for the request just made: five levels, reasons that depend on the level, or no rating
 * at all. The rating goes through the queue like any request and never holds the resident up:
 * finished() follows send() or skip() at once.
 */
class Evaluation : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the journey's evaluation")
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    /** The level chosen (1 非常不满意 … 5 非常满意; 0 none yet). */
    Q_PROPERTY(int level READ level WRITE setLevel NOTIFY choiceChanged)
    /** The reasons offered for the level: EvaluationReason values. */
    Q_PROPERTY(QVariantList reasons READ reasons NOTIFY choiceChanged)
    /** The codes of the reasons ticked. */
    Q_PROPERTY(QStringList chosen READ chosen NOTIFY choiceChanged)

public:
    enum class State { None, Sent, Skipped };
    Q_ENUM(State)

    Evaluation(QueueService *queue, const QString &terminalId, QObject *parent = nullptr);

    /** What is rated: set when a request has been saved. */
    void setSubject(const QString &platform, const QString &itemCode, const QString &requestId);
    void setTrackingNumber(const QString &trackingNumber) { m_tracking = trackingNumber; }
    void clear();

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] bool rateable() const { return !m_requestId.isEmpty() && m_state == State::None; }

    [[nodiscard]] int level() const { return m_level; }
    void setLevel(int level);
    [[nodiscard]] QVariantList reasons() const;
    [[nodiscard]] QStringList chosen() const { return m_chosen; }
    /** Ticks or unticks the reason @p code. */
    Q_INVOKABLE void toggleReason(const QString &code);
    /** Queues the rating with the reasons ticked. */
    Q_INVOKABLE void send();
    Q_INVOKABLE void skip();

Q_SIGNALS:
    void stateChanged();
    void choiceChanged();
    /** The resident is done with rating (@p sent: a rating was queued). */
    void finished(bool sent);

private:
    [[nodiscard]] std::vector<EvaluationReason> reasonList(int level) const;

    QueueService *m_queue;
    QString m_terminalId;
    QString m_platform, m_itemCode, m_requestId, m_tracking;
    State m_state = State::None;
    int m_level = 0;
    QStringList m_chosen;
};

} // namespace kiosk
