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
 * in the interface language. Session decides which screen shows; this fills the models.
 */
class CatalogBrowser
{
    Q_DECLARE_TR_FUNCTIONS(CatalogBrowser)
public:
    enum class ListKind { Category, Department, LifeEvent, Popular };
    enum class FacetKind { Department, LifeEvent };

    CatalogBrowser();
    ~CatalogBrowser();

    /** Both must outlive the browser or be replaced before they die. */
    void setCatalog(const catalog::Catalog *catalog, const catalog::CatalogSearch *search, int popularCount);
    void setEnglish(bool english);
    [[nodiscard]] bool hasCatalog() const { return m_catalog != nullptr; }

    /** Fills items() with a list; returns its title. */
    QString showList(ListKind kind, const QString &id);
    /** Fills facets(); returns the title. */
    QString showFacets(FacetKind kind);
    /** Fills items() with the best matches for @p query (empty: nothing). */
    void search(const QString &query);
    /** The item with @p code, as its page shows it. */
    [[nodiscard]] std::optional<ServiceItem> item(const QString &code) const;
    /** Forgets the lists of the last visit. */
    void clear();

    [[nodiscard]] ServiceListModel *items() const { return m_items.get(); }
    [[nodiscard]] ServiceListModel *popular() const { return m_popular.get(); }
    [[nodiscard]] FacetListModel *facets() const { return m_facets.get(); }
    [[nodiscard]] FacetListModel *categories() const { return m_categories.get(); }

private:
    [[nodiscard]] QString pick(const QString &zh, const QString &en) const { return m_english && !en.isEmpty() ? en : zh; }

    const catalog::Catalog *m_catalog = nullptr;
    const catalog::CatalogSearch *m_search = nullptr;
    bool m_english = false;
    std::unique_ptr<ServiceListModel> m_items;
    std::unique_ptr<ServiceListModel> m_popular;
    std::unique_ptr<FacetListModel> m_facets;
    std::unique_ptr<FacetListModel> m_categories;
};

} // namespace kiosk
