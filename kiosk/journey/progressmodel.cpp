// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/journey/progressmodel.h"
#include "common/plaintext.h"
#include "kiosk/journey/submission.h"
#include "kiosk/queue/queueservice.h"
#include "services/catalog/catalog.h"
#include "services/platform/platformapi.h"
#include "services/queue/outbox.h"

#include <QDateTime>

namespace kiosk {

namespace {

ProgressModel::RequestState stateOf(const std::string &state, const std::string &platformStatus)
{
    using S = ProgressModel::RequestState;
    if (state == "pending" || state == "sending")
        return S::Waiting;
    if (state == "dead")
        return S::Undeliverable;
    if (state == "discarded")
        return S::Withdrawn;
    if (platformStatus == "in_progress")
        return S::InProgress;
    if (platformStatus == "done")
        return S::Done;
    if (platformStatus == "rejected")
        return S::Rejected;
    return S::Received;
}

} // namespace

ProgressModel::ProgressModel(QueueService *queue, QObject *parent)
    : QAbstractListModel(parent)
    , m_queue(queue)
{
    connect(m_queue, &QueueService::statusChanged, this, [this](const QString &id) {
        if (std::any_of(m_rows.begin(), m_rows.end(), [&](const Row &r) { return r.id == id; }))
            refresh();
    });
}

void ProgressModel::setEnglish(bool english)
{
    if (m_english == english)
        return;
    m_english = english;
    if (m_lookup != Lookup::None)
        refresh();
}

bool ProgressModel::lookupByCard(const QString &subjectKey)
{
    if (subjectKey.isEmpty())
        return false;
    m_subjectKey = subjectKey;
    m_code.clear();
    setLookup(Lookup::Card);
    refresh();
    m_queue->checkStatusNow(requestIds());
    return !m_rows.empty();
}

bool ProgressModel::lookupByCode(const QString &code)
{
    // Only a receipt's capability opens a request: a tracking or receipt number can be guessed.
    const QString id = m_queue->verifyReceiptCode(code);
    if (id.isEmpty() || !m_queue->request(id))
        return false;
    m_code = id;
    m_subjectKey.clear();
    setLookup(Lookup::Code);
    refresh();
    m_queue->checkStatusNow(requestIds());
    return true;
}

void ProgressModel::clear()
{
    m_subjectKey.clear();
    m_code.clear();
    setLookup(Lookup::None);
    refresh();
}

void ProgressModel::setLookup(Lookup lookup)
{
    if (m_lookup == lookup)
        return;
    m_lookup = lookup;
    Q_EMIT lookupChanged();
}

QStringList ProgressModel::requestIds() const
{
    QStringList ids;
    for (const Row &r : m_rows)
        ids << r.id;
    return ids;
}

void ProgressModel::refresh()
{
    std::vector<queue::OutboxEntry> entries;
    if (m_lookup == Lookup::Card) {
        entries = m_queue->requestsFor(m_subjectKey);
    } else if (m_lookup == Lookup::Code) {
        if (auto e = m_queue->request(m_code))
            entries.push_back(*e);
    }
    std::vector<Row> rows;
    for (const auto &e : entries) {
        if (e.kind == platform::api::kEvaluation)
            continue;
        const QString code = QString::fromStdString(e.itemCode);
        const catalog::Item *item = m_catalog ? m_catalog->item(code) : nullptr;
        QString name = item ? (m_english && !item->nameEn.isEmpty() ? item->nameEn : item->name) : code;
        if (e.kind == platform::api::kSuggestion && !item)
            name = tr("12345 suggestion or complaint");
        const QString id = QString::fromStdString(e.id);
        const QString tracking = QString::fromStdString(e.trackingNumber);
        rows.push_back({.id = id,
                        .itemName = name,
                        .number = tracking.isEmpty() ? Submission::terminalNumber(id) : tracking,
                        .submitted = QDateTime::fromMSecsSinceEpoch(e.createdAt).toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                        .message = plainText(QString::fromStdString(e.platformMessage)), // the platform's words
                        .state = stateOf(e.state, e.platformStatus)});
    }
    const bool countChanges = rows.size() != m_rows.size();
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
    if (countChanges)
        Q_EMIT countChanged();
}

int ProgressModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ProgressModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[size_t(index.row())];
    switch (role) {
    case RequestIdRole: return r.id;
    case Qt::DisplayRole:
    case ItemNameRole: return r.itemName;
    case NumberRole: return r.number;
    case SubmittedRole: return r.submitted;
    case StateRole: return QVariant::fromValue(r.state);
    case MessageRole: return r.message;
    default: return {};
    }
}

QHash<int, QByteArray> ProgressModel::roleNames() const
{
    return {{RequestIdRole, "requestId"}, {ItemNameRole, "itemName"}, {NumberRole, "number"},
            {SubmittedRole, "submitted"}, {StateRole, "state"}, {MessageRole, "message"}};
}

} // namespace kiosk
