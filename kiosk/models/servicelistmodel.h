// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>
#include <QFont>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace kiosk::catalog {
class Catalog;
}

namespace kiosk {

/** A list of catalog items (a category, a search result, the most used …) for a list view. */
class ServiceListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("provided by Session")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    /** Changes whenever the names shown change (new items, another language). */
    Q_PROPERTY(int nameRevision READ nameRevision NOTIFY namesChanged)

public:
    enum Role {
        CodeRole = Qt::UserRole + 1,
        NameRole,
        SummaryRole,
        DepartmentRole,
        CategoryRole,
        HandlingRole,
        PopularityRole,
    };
    Q_ENUM(Role)

    explicit ServiceListModel(QObject *parent = nullptr);

    /** Shows @p items (indices into @p catalog's items); the catalog must outlive the model's use. */
    void setItems(const catalog::Catalog *catalog, std::vector<int> items);
    void clear() { setItems(nullptr, {}); }
    void setEnglish(bool english);

    Q_INVOKABLE [[nodiscard]] QString codeAt(int row) const;
    /** The width of the widest name in @p font, in pixels: whether rows need a second line. */
    Q_INVOKABLE [[nodiscard]] qreal widestName(const QFont &font) const;
    int nameRevision() const { return m_nameRevision; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void countChanged();
    void namesChanged();

private:
    const catalog::Catalog *m_catalog = nullptr;
    std::vector<int> m_items;
    bool m_english = false;
    int m_nameRevision = 0;
};

} // namespace kiosk
