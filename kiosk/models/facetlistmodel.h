// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace kiosk {

/** Ways into the catalog: service categories, departments or life events, each with its item count. */
class FacetListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("provided by Session")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        NameRole,
        CountRole,
    };
    Q_ENUM(Role)

    struct Entry {
        QString id;
        QString name;
        QString nameEn;
        int count = 0;
    };

    explicit FacetListModel(QObject *parent = nullptr);

    void setEntries(std::vector<Entry> entries);
    void setEnglish(bool english);
    [[nodiscard]] QString idAt(int row) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void countChanged();

private:
    std::vector<Entry> m_entries;
    bool m_english = false;
};

} // namespace kiosk
