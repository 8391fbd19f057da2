// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/journey/evaluation.h"
#include "common/logging.h"
#include "kiosk/queue/queueservice.h"
#include "services/platform/platformapi.h"

#include <algorithm>

namespace kiosk {

Evaluation::Evaluation(QueueService *queue, const QString &terminalId, QObject *parent)
    : QObject(parent)
    , m_queue(queue)
    , m_terminalId(terminalId)
{
}

void Evaluation::setSubject(const QString &platform, const QString &itemCode, const QString &requestId)
{
    m_platform = platform;
    m_itemCode = itemCode;
    m_requestId = requestId;
}

std::vector<EvaluationReason> Evaluation::reasonList(int level) const
{
    // Codes go to the platform (the same in every language); labels are for the screen.
    const std::pair<const char *, QString> all[] = {
        {"quick", tr("Quick and easy")},
        {"clear", tr("Clear instructions")},
        {"one_visit", tr("Done in one visit")},
        {"staff_helpful", tr("Helpful staff")},
        {"less_paperwork", tr("Less paperwork")},
        {"too_long", tr("Took too long")},
        {"unclear", tr("Instructions unclear")},
        {"too_many_materials", tr("Too many materials")},
        {"materials_twice", tr("Asked for materials twice")},
        {"hard_screen", tr("Hard to use the screen")},
        {"device_fault", tr("Device did not work")},
        {"staff_unhelpful", tr("Staff were unhelpful")},
        {"other", tr("Other")},
    };
    static const std::vector<const char *> satisfied{"quick", "clear", "one_visit", "staff_helpful", "less_paperwork"};
    static const std::vector<const char *> fair{"too_long", "unclear", "too_many_materials", "hard_screen", "other"};
    static const std::vector<const char *> dissatisfied{"too_long", "unclear", "materials_twice", "hard_screen",
                                                         "device_fault", "staff_unhelpful", "other"};
    std::vector<EvaluationReason> out;
    if (level < 1 || level > 5)
        return out;
    const auto &wanted = level >= 4 ? satisfied : level == 3 ? fair : dissatisfied;
    for (const char *code : wanted)
        for (const auto &[c, label] : all)
            if (qstrcmp(code, c) == 0)
                out.push_back({QLatin1String(code), label});
    return out;
}

QVariantList Evaluation::reasons() const
{
    QVariantList out;
    for (const auto &r : reasonList(m_level))
        out.append(QVariant::fromValue(r));
    return out;
}

void Evaluation::setLevel(int level)
{
    level = std::clamp(level, 0, 5);
    if (level == m_level)
        return;
    m_level = level;
    // Reasons offered for the new level only (a dissatisfied reason never rides with a 5).
    QStringList kept;
    for (const auto &r : reasonList(level))
        if (m_chosen.contains(r.code))
            kept << r.code;
    m_chosen = kept;
    Q_EMIT choiceChanged();
}

void Evaluation::toggleReason(const QString &code)
{
    const auto offered = reasonList(m_level);
    if (std::none_of(offered.begin(), offered.end(), [&](const EvaluationReason &r) { return r.code == code; }))
        return;
    if (!m_chosen.removeOne(code))
        m_chosen << code;
    Q_EMIT choiceChanged();
}

void Evaluation::send()
{
    if (m_level < 1 || !rateable()) {
        Q_EMIT finished(false);
        return;
    }
    const int level = m_level;
    platform::api::Rating rating{.level = level, .reasons = m_chosen, .itemCode = m_itemCode, .requestId = m_requestId,
                                 .trackingNumber = m_tracking, .terminalId = m_terminalId};
    // No subject: a rating is not part of the resident's own records.
    m_queue->enqueue({.platform = m_platform, .kind = QLatin1String(platform::api::kEvaluation), .itemCode = m_itemCode,
                      .subjectHash = {}, .payloadJson = platform::api::ratingBody(rating)});
    qCInfo(lcApp).noquote() << "evaluation" << level << "for" << m_itemCode << "queued";
    m_state = State::Sent;
    Q_EMIT stateChanged();
    Q_EMIT finished(true);
}

void Evaluation::skip()
{
    if (m_state == State::None) {
        m_state = State::Skipped;
        Q_EMIT stateChanged();
    }
    Q_EMIT finished(false);
}

void Evaluation::clear()
{
    m_platform.clear();
    m_itemCode.clear();
    m_requestId.clear();
    m_tracking.clear();
    if (m_level != 0 || !m_chosen.isEmpty()) {
        m_level = 0;
        m_chosen.clear();
        Q_EMIT choiceChanged();
    }
    if (m_state != State::None) {
        m_state = State::None;
        Q_EMIT stateChanged();
    }
}

} // namespace kiosk
