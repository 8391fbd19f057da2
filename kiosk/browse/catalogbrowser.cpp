// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/browse/catalogbrowser.h"
#include "kiosk/models/facetlistmodel.h"
#include "kiosk/models/servicelistmodel.h"
#include "services/catalog/catalog.h"
#include "services/catalog/catalogsearch.h"

#include <algorithm>

namespace kiosk {

namespace {
// Search results shown at most; a resident never pages past this, and it keeps keystrokes fast.
constexpr int maxSearchResults = 100;
// The "most used" list: long enough to find the everyday items, short enough to page through.
constexpr size_t maxPopularList = 30;
// Longest query the search box takes (the matcher keeps 63 positions).
constexpr int maxQueryLength = 40;
} // namespace

CatalogBrowser::CatalogBrowser()
    : m_items(std::make_unique<ServiceListModel>())
    , m_popular(std::make_unique<ServiceListModel>())
    , m_facets(std::make_unique<FacetListModel>())
    , m_categories(std::make_unique<FacetListModel>())
{
}

CatalogBrowser::~CatalogBrowser() = default;

void CatalogBrowser::setCatalog(const catalog::Catalog *catalog, const catalog::CatalogSearch *search, int popularCount)
{
    m_catalog = catalog;
    m_search = search;
    clear();
    std::vector<FacetListModel::Entry> categories;
    for (const auto &c : catalog::serviceCategories()) {
        int count = 0;
        if (m_catalog) {
            for (const auto &i : m_catalog->items)
                count += i.category == c.id;
        }
        categories.push_back({c.id, c.name, c.nameEn, count});
    }
    m_categories->setEntries(std::move(categories));
    m_popular->setItems(m_catalog, m_catalog ? m_catalog->mostPopular(popularCount) : std::vector<int>());
}

void CatalogBrowser::setEnglish(bool english)
{
    m_english = english;
    m_items->setEnglish(english);
    m_popular->setEnglish(english);
    m_facets->setEnglish(english);
    m_categories->setEnglish(english);
}

void CatalogBrowser::showFacets(ListKind kind)
{
    const bool dept = kind == ListKind::Department;
    m_view.kind = kind;
    m_view.listId.clear();
    std::vector<FacetListModel::Entry> entries;
    if (m_catalog) {
        for (const auto &f : dept ? m_catalog->departments : m_catalog->lifeEvents) {
            int count = 0;
            for (const auto &i : m_catalog->items)
                count += dept ? i.department == f.id : i.lifeEvents.contains(f.id);
            if (count > 0)
                entries.push_back({f.id, f.name, f.nameEn, count});
        }
    }
    m_facets->setEntries(std::move(entries));
    m_title = dept ? tr("Departments") : tr("Life events");
}

void CatalogBrowser::showList(ListKind kind, const QString &id)
{
    if (!m_catalog)
        return;
    m_view.kind = kind;
    m_view.listId = id;
    std::vector<int> rows;
    QString &title = m_title;
    if (kind == ListKind::Popular) {
        rows = m_catalog->mostPopular(int(m_catalog->items.size()));
        rows.resize(std::min(rows.size(), maxPopularList));
        title = tr("Most used services");
    } else {
        const catalog::Facet *facet = kind == ListKind::Category ? catalog::Catalog::category(id)
            : kind == ListKind::Department                       ? m_catalog->department(id)
                                                                 : m_catalog->lifeEvent(id);
        for (int i = 0; i < int(m_catalog->items.size()); ++i) {
            const auto &item = m_catalog->items[size_t(i)];
            const bool in = kind == ListKind::Category ? item.category == id
                : kind == ListKind::Department         ? item.department == id
                                                       : item.lifeEvents.contains(id);
            if (in)
                rows.push_back(i);
        }
        // Within a list, the items residents ask for most come first.
        std::stable_sort(rows.begin(), rows.end(), [this](int a, int b) {
            return m_catalog->items[size_t(a)].popularity > m_catalog->items[size_t(b)].popularity;
        });
        title = facet ? pick(facet->name, facet->nameEn) : id;
    }
    m_items->setItems(m_catalog, std::move(rows));
}

bool CatalogBrowser::setQuery(const QString &query)
{
    const QString q = query.left(maxQueryLength);
    const bool changed = q != m_view.query;
    m_view.query = q;
    if (!m_search || !m_catalog || q.isEmpty()) {
        m_items->clear();
        return changed;
    }
    std::vector<int> rows;
    for (const auto &hit : m_search->search(q, maxSearchResults))
        rows.push_back(hit.item);
    m_items->setItems(m_catalog, std::move(rows));
    return changed;
}

bool CatalogBrowser::hasItem(const QString &code) const
{
    return m_catalog && m_catalog->item(code);
}

bool CatalogBrowser::showItem(const QString &code)
{
    auto d = details(code);
    if (!d)
        return false;
    m_view.itemCode = d->code;
    m_item = std::move(*d);
    return true;
}

std::optional<ServiceItem> CatalogBrowser::details(const QString &code) const
{
    const catalog::Item *item = m_catalog ? m_catalog->item(code) : nullptr;
    if (!item)
        return std::nullopt;
    ServiceItem s;
    s.code = item->code;
    s.name = pick(item->name, item->nameEn);
    s.summary = item->summary;
    const auto *dept = m_catalog->department(item->department);
    s.department = dept ? pick(dept->name, dept->nameEn) : item->department;
    s.category = item->category;
    const auto *cat = catalog::Catalog::category(item->category);
    s.categoryName = cat ? pick(cat->name, cat->nameEn) : item->category;
    for (const QString &e : item->lifeEvents) {
        if (const auto *f = m_catalog->lifeEvent(e))
            s.lifeEvents.append(pick(f->name, f->nameEn));
    }
    for (const auto &m : item->materials)
        s.materials.append(QVariant::fromValue(ServiceMaterial{m.name, m.note, m.optional}));
    s.conditions = item->conditions;
    s.promisedDays = item->promisedDays;
    s.legalDays = item->legalDays;
    s.fee = item->fee;
    s.feeNote = item->feeNote;
    s.handling = ServiceHandling::of(item->handling);
    s.applicable = item->handling != catalog::Handling::Guide && !item->form.isEmpty();
    s.action = item->form == QLatin1String("certificate-print") ? ServiceHandling::Action::Certificate
             : item->form == QLatin1String("record-query")     ? ServiceHandling::Action::Query
                                                               : ServiceHandling::Action::Apply;
    s.publicAccess = item->publicAccess();
    const auto *platform = m_catalog->platform(item->platform);
    s.platform = platform ? pick(platform->name, platform->nameEn) : item->platform;
    s.where = item->where;
    s.nextSteps = item->nextSteps;
    s.detailsInChinese = m_english;
    return s;
}

void CatalogBrowser::clear()
{
    m_view = {};
    m_title.clear();
    m_item = {};
    m_items->clear();
    m_facets->setEntries({});
}

} // namespace kiosk
