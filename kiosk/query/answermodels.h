// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "services/platform/queryapi.h"

#include <QAbstractListModel>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace kiosk {

/** The labelled values of an answer ("缴费月数" "156"), in the interface language. */
class AnswerValueModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("an answer's values")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    enum Role { LabelRole = Qt::UserRole + 1, ValueRole };
    Q_ENUM(Role)

    using QAbstractListModel::QAbstractListModel;
    void reset(const std::vector<platform::query::Value> &values, bool english);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void countChanged();

private:
    struct Row {
        QString label, value;
    };
    std::vector<Row> m_rows;
};

/** One table of an answer: headings and rows (each row's cells), in the interface language. */
class AnswerTable : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("an answer's table")
    Q_PROPERTY(QString title READ title CONSTANT)
    Q_PROPERTY(QStringList columns READ columns CONSTANT)
    Q_PROPERTY(int count READ rowCount CONSTANT)

public:
    enum Role { CellsRole = Qt::UserRole + 1 };
    Q_ENUM(Role)

    AnswerTable(const platform::query::Table &table, bool english, QObject *parent = nullptr);

    [[nodiscard]] QString title() const { return m_title; }
    [[nodiscard]] QStringList columns() const { return m_columns; }
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QString m_title;
    QStringList m_columns;
    std::vector<QStringList> m_rows;
};

} // namespace kiosk
