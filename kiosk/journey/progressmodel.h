// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace kiosk::catalog {
class Catalog;
}

namespace kiosk {

class QueueService;

/**
 * 查询办理进度: the requests this terminal knows for the resident on the reader (by the keyed
 * hash of their ID number) or for a scanned receipt, newest first, with the platform's latest
 * status and reply. Asking the platforms again is started on every lookup; a status change
 * refreshes the rows. Forgotten with clear() at the end of the visit.
 */
class ProgressModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the journey's progress lookup")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(Lookup lookup READ lookup NOTIFY lookupChanged)

public:
    enum class Lookup { None, Card, Code };
    Q_ENUM(Lookup)
    /** Where a request stands, as a resident is told it. */
    enum class RequestState { Waiting, Received, InProgress, Done, Rejected, Undeliverable, Withdrawn };
    Q_ENUM(RequestState)
    enum Role { RequestIdRole = Qt::UserRole + 1, ItemNameRole, NumberRole, SubmittedRole, StateRole, MessageRole };
    Q_ENUM(Role)

    explicit ProgressModel(QueueService *queue, QObject *parent = nullptr);

    void setCatalog(const catalog::Catalog *catalog) { m_catalog = catalog; }
    void setEnglish(bool english);

    /** The requests of the resident whose keyed ID hash is @p subjectKey. False when empty. */
    bool lookupByCard(const QString &subjectKey);
    /** The request a receipt's QR code names (its capability, QueueService::verifyReceiptCode()).
     *  False for anything else, a bare tracking number included, and for a request no longer kept. */
    bool lookupByCode(const QString &code);
    void clear();

    [[nodiscard]] Lookup lookup() const { return m_lookup; }
    [[nodiscard]] QStringList requestIds() const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void countChanged();
    void lookupChanged();

private:
    struct Row {
        QString id, itemName, number, submitted, message;
        RequestState state = RequestState::Waiting;
    };
    void refresh();
    void setLookup(Lookup lookup);

    QueueService *m_queue;
    const catalog::Catalog *m_catalog = nullptr;
    bool m_english = false;
    Lookup m_lookup = Lookup::None;
    QString m_subjectKey, m_code;
    std::vector<Row> m_rows;
};

} // namespace kiosk
