// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/models/servicelistmodel.h"
#include "kiosk/browse/servicehandling.h"
#include "services/catalog/catalog.h"

#include <QFontMetricsF>

#include <algorithm>

namespace kiosk {

ServiceListModel::ServiceListModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void ServiceListModel::setItems(const catalog::Catalog *catalog, std::vector<int> items)
{
    const int before = int(m_items.size());
    beginResetModel();
    m_catalog = catalog;
    m_items = catalog ? std::move(items) : std::vector<int>();
    endResetModel();
    if (before != int(m_items.size()))
        Q_EMIT countChanged();
    ++m_nameRevision;
    Q_EMIT namesChanged();
}

void ServiceListModel::setEnglish(bool english)
{
    if (m_english == english)
        return;
    m_english = english;
    if (!m_items.empty())
        Q_EMIT dataChanged(index(0), index(int(m_items.size()) - 1), {NameRole, DepartmentRole});
    ++m_nameRevision;
    Q_EMIT namesChanged();
}

qreal ServiceListModel::widestName(const QFont &font) const
{
    const QFontMetricsF metrics(font);
    qreal widest = 0;
    for (int row = 0; row < int(m_items.size()); ++row)
        widest = std::max(widest, metrics.horizontalAdvance(data(index(row), NameRole).toString()));
    return widest;
}

QString ServiceListModel::codeAt(int row) const
{
    if (row < 0 || row >= int(m_items.size()))
        return {};
    return m_catalog->items[size_t(m_items[size_t(row)])].code;
}

int ServiceListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

QVariant ServiceListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const catalog::Item &item = m_catalog->items[size_t(m_items[size_t(index.row())])];
    switch (role) {
    case CodeRole:
        return item.code;
    case Qt::DisplayRole:
    case NameRole:
        return m_english && !item.nameEn.isEmpty() ? item.nameEn : item.name;
    case SummaryRole:
        return item.summary;
    case DepartmentRole:
        if (const auto *d = m_catalog->department(item.department))
            return m_english && !d->nameEn.isEmpty() ? d->nameEn : d->name;
        return item.department;
    case CategoryRole:
        return item.category;
    case HandlingRole:
        return QVariant::fromValue(ServiceHandling::of(item.handling));
    case PopularityRole:
        return item.popularity;
    default:
        return {};
    }
}

QHash<int, QByteArray> ServiceListModel::roleNames() const
{
    return {
        {CodeRole, "code"}, {NameRole, "name"}, {SummaryRole, "summary"}, {DepartmentRole, "department"},
        {CategoryRole, "category"}, {HandlingRole, "handling"}, {PopularityRole, "popularity"},
    };
}

} // namespace kiosk
