// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/catalog/catalog.h"

#include <algorithm>
#include <numeric>

namespace kiosk::catalog {

QString handlingId(Handling h)
{
    switch (h) {
    case Handling::Terminal: return QStringLiteral("terminal");
    case Handling::Collect: return QStringLiteral("collect");
    case Handling::Guide: break;
    }
    return QStringLiteral("guide");
}

QString accessId(Access a)
{
    return a == Access::Public ? QStringLiteral("public") : QStringLiteral("personal");
}

const std::vector<Facet> &serviceCategories()
{
    static const std::vector<Facet> categories = {
        {QStringLiteral("childcare"), QStringLiteral("幼有所育"), QStringLiteral("Childcare")},
        {QStringLiteral("eldercare"), QStringLiteral("老有所养"), QStringLiteral("Elderly care")},
        {QStringLiteral("medical"), QStringLiteral("病有所医"), QStringLiteral("Medical care")},
        {QStringLiteral("food"), QStringLiteral("食有所安"), QStringLiteral("Food safety")},
        {QStringLiteral("living"), QStringLiteral("居有所乐"), QStringLiteral("Community life")},
        {QStringLiteral("affairs"), QStringLiteral("事有所办"), QStringLiteral("Public affairs")},
    };
    return categories;
}

void Catalog::reindex()
{
    m_byCode.clear();
    m_byCode.reserve(qsizetype(items.size()));
    for (int i = 0; i < int(items.size()); ++i)
        m_byCode.insert(items[size_t(i)].code, i);
}

const Item *Catalog::item(const QString &code) const
{
    const auto it = m_byCode.constFind(code);
    return it == m_byCode.cend() ? nullptr : &items[size_t(*it)];
}

static const Facet *findFacet(const std::vector<Facet> &list, const QString &id)
{
    const auto it = std::find_if(list.begin(), list.end(), [&](const Facet &f) { return f.id == id; });
    return it == list.end() ? nullptr : &*it;
}

const Facet *Catalog::department(const QString &id) const
{
    return findFacet(departments, id);
}

const Facet *Catalog::lifeEvent(const QString &id) const
{
    return findFacet(lifeEvents, id);
}

const Facet *Catalog::platform(const QString &id) const
{
    return findFacet(platforms, id);
}

const Facet *Catalog::category(const QString &id)
{
    return findFacet(serviceCategories(), id);
}

std::vector<int> Catalog::mostPopular(int count) const
{
    std::vector<int> order(items.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [this](int a, int b) {
        return items[size_t(a)].popularity > items[size_t(b)].popularity;
    });
    order.resize(std::min(order.size(), size_t(std::max(count, 0))));
    return order;
}

} // namespace kiosk::catalog
