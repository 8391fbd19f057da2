// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kiosk/browse/serviceitem.h"

#include <QCoreApplication>

#include <memory>
#include <optional>

namespace kiosk::catalog {
class Catalog;
class CatalogSearch;
}

namespace kiosk {

class FacetListModel;
class ServiceListModel;

/**
 * What the browsing screens show of the catalog: item lists by category, department, life event
 * or popularity, the department and life-event lists, search results and an item's details, all
 * in the interface language. Session decides which screen shows and keeps the way back (a View
 * per screen); this holds what the current one shows and fills the models.
 */
class CatalogBrowser
{
    Q_DECLARE_TR_FUNCTIONS(CatalogBrowser)
public:
    enum class ListKind { Category, Department, LifeEvent, Popular };
    /** What a browsing screen shows, to show it again. */
    struct View {
        ListKind kind = ListKind::Category;
        QString listId;
        QString itemCode;
        QString query;
    };

    CatalogBrowser();
    ~CatalogBrowser();

    /** Both must outlive the browser or be replaced before they die. */
    void setCatalog(const catalog::Catalog *catalog, const catalog::CatalogSearch *search, int popularCount);
    void setEnglish(bool english);
    [[nodiscard]] bool hasCatalog() const { return m_catalog != nullptr; }

    /** Fills items() with a list of @p kind (@p id: the category, department or life event). */
    void showList(ListKind kind, const QString &id);
    /** Fills facets() with the departments or life events (@p kind). */
    void showFacets(ListKind kind);
    /** The query typed so far (cut to what the matcher takes); items() holds its best matches. False if unchanged. */
    bool setQuery(const QString &query);
    /** Fills item() with the item of @p code. False when there is none. */
    bool showItem(const QString &code);
    /** What is shown now: a Session frame keeps it to show it again. */
    [[nodiscard]] View view() const { return m_view; }
    /** Forgets what the last visit browsed. */
    void clear();

    [[nodiscard]] QString title() const { return m_title; }
    [[nodiscard]] ListKind listKind() const { return m_view.kind; }
    [[nodiscard]] QString query() const { return m_view.query; }
    [[nodiscard]] const ServiceItem &item() const { return m_item; }
    /** The item with @p code, as its page shows it. */
    [[nodiscard]] std::optional<ServiceItem> details(const QString &code) const;
    [[nodiscard]] bool hasItem(const QString &code) const;

    [[nodiscard]] ServiceListModel *items() const { return m_items.get(); }
    [[nodiscard]] ServiceListModel *popular() const { return m_popular.get(); }
    [[nodiscard]] FacetListModel *facets() const { return m_facets.get(); }
    [[nodiscard]] FacetListModel *categories() const { return m_categories.get(); }

private:
    [[nodiscard]] QString pick(const QString &zh, const QString &en) const { return m_english && !en.isEmpty() ? en : zh; }

    const catalog::Catalog *m_catalog = nullptr;
    const catalog::CatalogSearch *m_search = nullptr;
    bool m_english = false;
    View m_view;
    QString m_title;
    ServiceItem m_item;
    std::unique_ptr<ServiceListModel> m_items;
    std::unique_ptr<ServiceListModel> m_popular;
    std::unique_ptr<FacetListModel> m_facets;
    std::unique_ptr<FacetListModel> m_categories;
};

} // namespace kiosk
