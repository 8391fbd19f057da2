// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/query/answermodels.h"

namespace kiosk {

namespace {
QString pick(bool english, const QString &zh, const QString &en)
{
    return english && !en.isEmpty() ? en : zh;
}
} // namespace

void AnswerValueModel::reset(const std::vector<platform::query::Value> &values, bool english)
{
    beginResetModel();
    m_rows.clear();
    for (const auto &v : values)
        m_rows.push_back({pick(english, v.label, v.labelEn), v.value});
    endResetModel();
    Q_EMIT countChanged();
}

int AnswerValueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant AnswerValueModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const Row &r = m_rows[std::size_t(index.row())];
    switch (role) {
    case LabelRole: return r.label;
    case ValueRole: return r.value;
    default: return {};
    }
}

QHash<int, QByteArray> AnswerValueModel::roleNames() const
{
    return {{LabelRole, "label"}, {ValueRole, "value"}};
}

AnswerTable::AnswerTable(const platform::query::Table &table, bool english, QObject *parent)
    : QAbstractListModel(parent)
    , m_title(pick(english, table.title, table.titleEn))
    , m_columns(english && table.columnsEn.size() == table.columns.size() ? table.columnsEn : table.columns)
    , m_rows(table.rows)
{
}

int AnswerTable::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant AnswerTable::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()) || role != CellsRole)
        return {};
    return m_rows[std::size_t(index.row())];
}

QHash<int, QByteArray> AnswerTable::roleNames() const
{
    return {{CellsRole, "cells"}};
}

} // namespace kiosk
