// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/models/facetlistmodel.h"

namespace kiosk {

FacetListModel::FacetListModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void FacetListModel::setEntries(std::vector<Entry> entries)
{
    const int before = int(m_entries.size());
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
    if (before != int(m_entries.size()))
        Q_EMIT countChanged();
}

void FacetListModel::setEnglish(bool english)
{
    if (m_english == english)
        return;
    m_english = english;
    if (!m_entries.empty())
        Q_EMIT dataChanged(index(0), index(int(m_entries.size()) - 1), {NameRole, Qt::DisplayRole});
}

QString FacetListModel::idAt(int row) const
{
    return row >= 0 && row < int(m_entries.size()) ? m_entries[size_t(row)].id : QString();
}

int FacetListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant FacetListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &e = m_entries[size_t(index.row())];
    switch (role) {
    case IdRole:
        return e.id;
    case Qt::DisplayRole:
    case NameRole:
        return m_english && !e.nameEn.isEmpty() ? e.nameEn : e.name;
    case CountRole:
        return e.count;
    default:
        return {};
    }
}

QHash<int, QByteArray> FacetListModel::roleNames() const
{
    return {{IdRole, "facetId"}, {NameRole, "name"}, {CountRole, "count"}};
}

} // namespace kiosk
