// SPDX-License-Identifier: GPL-3.0-or-later
// What the browsing screens show of the catalog: lists by category, department and life event
// with the most asked-for items first, the most used list (capped, over the built-in catalog),
// facets with their counts, search, and an item's page in either language.
#include "kiosk/browse/catalogbrowser.h"
#include "kiosk/models/facetlistmodel.h"
#include "kiosk/models/servicelistmodel.h"
#include "services/catalog/catalog.h"
#include "services/catalog/catalogparser.h"
#include "services/catalog/catalogsearch.h"
#include "services/catalog/catalogstore.h"

#include <QAbstractItemModelTester>
#include <QTest>

#include <algorithm>

using namespace kiosk;
using List = CatalogBrowser::ListKind;

namespace {

QStringList codes(const ServiceListModel *m)
{
    QStringList out;
    for (int r = 0; r < m->rowCount(); ++r)
        out << m->codeAt(r);
    return out;
}

bool sortedByPopularity(const ServiceListModel *m)
{
    for (int r = 1; r < m->rowCount(); ++r)
        if (m->index(r - 1).data(ServiceListModel::PopularityRole).toInt() < m->index(r).data(ServiceListModel::PopularityRole).toInt())
            return false;
    return true;
}

/** Facet id → count, as the list shows them. */
QMap<QString, int> counts(const FacetListModel *m)
{
    QMap<QString, int> out;
    for (int r = 0; r < m->rowCount(); ++r)
        out.insert(m->idAt(r), m->index(r).data(FacetListModel::CountRole).toInt());
    return out;
}

} // namespace

class TestCatalogBrowser : public QObject
{
    Q_OBJECT

    catalog::Catalog m_catalog;
    catalog::CatalogSearch m_search;
    std::unique_ptr<CatalogBrowser> b;

private Q_SLOTS:
    void initTestCase()
    {
        auto r = catalog::loadCatalogFile(QStringLiteral(KIOSK_TEST_DATA_DIR "/catalog-small.json"));
        QVERIFY(r.catalog);
        m_catalog = std::move(*r.catalog);
        m_search.rebuild(m_catalog);
    }
    void init()
    {
        b = std::make_unique<CatalogBrowser>();
        QVERIFY(!b->hasCatalog());
        b->setCatalog(&m_catalog, &m_search, 6);
        QVERIFY(b->hasCatalog());
    }

    void listsSortedByPopularity()
    {
        QAbstractItemModelTester tester(b->items(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        b->showList(List::Category, QStringLiteral("eldercare"));
        QCOMPARE(b->title(), QStringLiteral("老有所养"));
        QCOMPARE(codes(b->items()), (QStringList{QStringLiteral("MZ-0001"), QStringLiteral("RS-0004"), QStringLiteral("YB-0001")}));
        b->showList(List::Department, QStringLiteral("medicare"));
        QCOMPARE(b->title(), QStringLiteral("市医疗保障局"));
        QCOMPARE(codes(b->items()), (QStringList{QStringLiteral("YB-0002"), QStringLiteral("YB-0003"), QStringLiteral("YB-0001")}));
        b->showList(List::LifeEvent, QStringLiteral("retirement"));
        QCOMPARE(b->title(), QStringLiteral("退休"));
        QCOMPARE(codes(b->items()), (QStringList{QStringLiteral("RS-0001"), QStringLiteral("RS-0004")}));
        b->showList(List::Category, QStringLiteral("affairs"));
        QCOMPARE(b->title(), QStringLiteral("事有所办"));
        QCOMPARE(b->items()->rowCount(), 6);
        QVERIFY(sortedByPopularity(b->items()));
        b->showList(List::Department, QStringLiteral("no-such-dept"));
        QCOMPARE(b->title(), QStringLiteral("no-such-dept"));
        QCOMPARE(b->items()->rowCount(), 0);

        b->setEnglish(true);
        b->showList(List::Category, QStringLiteral("eldercare"));
        QCOMPARE(b->title(), QStringLiteral("Elderly care"));
        b->showList(List::Department, QStringLiteral("medicare"));
        QCOMPARE(b->title(), QStringLiteral("Healthcare Security Bureau"));
        b->showList(List::LifeEvent, QStringLiteral("retirement"));
        QCOMPARE(b->title(), QStringLiteral("Retirement"));
        QCOMPARE(b->items()->index(0).data(ServiceListModel::NameRole).toString(), QStringLiteral("Social insurance record enquiry"));
        QCOMPARE(b->items()->index(1).data(ServiceListModel::NameRole).toString(), QStringLiteral("城乡居民基本养老保险参保登记"));
    }

    void popularListIsCapped()
    {
        // The small catalog has fewer than the cap: all of it, most used first.
        b->showList(List::Popular, {});
        QCOMPARE(b->title(), QStringLiteral("Most used services"));
        QCOMPARE(b->items()->rowCount(), int(m_catalog.items.size()));
        QVERIFY(sortedByPopularity(b->items()));
        QCOMPARE(b->items()->codeAt(0), QStringLiteral("RS-0001"));
        // The home screen's short list is its own model, of the count asked for.
        QCOMPARE(codes(b->popular()), (QStringList{QStringLiteral("RS-0001"), QStringLiteral("RS-0002"), QStringLiteral("YB-0002"),
                                                   QStringLiteral("MZ-0001"), QStringLiteral("RS-0004"), QStringLiteral("YB-0003")}));

        auto r = catalog::loadCatalogFile(catalog::CatalogStore::builtInPath());
        QVERIFY(r.catalog);
        const catalog::Catalog big = std::move(*r.catalog);
        QVERIFY(big.items.size() > 30);
        CatalogBrowser browser;
        browser.setCatalog(&big, nullptr, 6);
        browser.showList(List::Popular, {});
        const ServiceListModel *items = browser.items();
        QCOMPARE(items->rowCount(), 30);
        QVERIFY(sortedByPopularity(items));
        // The 30 most popular: nobody left out is more popular than the last one shown.
        const int last = items->index(29).data(ServiceListModel::PopularityRole).toInt();
        const QStringList shown = codes(items);
        int top = 0;
        for (const auto &i : big.items)
            if (!shown.contains(i.code))
                top = std::max(top, i.popularity);
        QVERIFY2(top <= last, qPrintable(QStringLiteral("%1 > %2").arg(top).arg(last)));
        browser.setQuery(QStringLiteral("社保")); // no search index: nothing, no crash
        QCOMPARE(browser.items()->rowCount(), 0);
    }

    void facetsWithCounts()
    {
        QAbstractItemModelTester tester(b->facets(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QMap<QString, int> categories{{QStringLiteral("childcare"), 0}, {QStringLiteral("eldercare"), 3},
                                            {QStringLiteral("medical"), 2},   {QStringLiteral("food"), 0},
                                            {QStringLiteral("living"), 0},    {QStringLiteral("affairs"), 6}};
        QCOMPARE(counts(b->categories()), categories);
        b->showFacets(CatalogBrowser::ListKind::Department);
        QCOMPARE(b->title(), QStringLiteral("Departments"));
        QCOMPARE(counts(b->facets()), (QMap<QString, int>{{QStringLiteral("hrss"), 4}, {QStringLiteral("medicare"), 3},
                                                          {QStringLiteral("civil"), 4}}));
        QCOMPARE(b->facets()->index(0).data(FacetListModel::NameRole).toString(), QStringLiteral("市人力资源和社会保障局"));
        b->showFacets(CatalogBrowser::ListKind::LifeEvent);
        QCOMPARE(b->title(), QStringLiteral("Life events"));
        QCOMPARE(counts(b->facets()), (QMap<QString, int>{{QStringLiteral("retirement"), 2}, {QStringLiteral("medical"), 3},
                                                          {QStringLiteral("eldercare"), 3}}));
        b->setEnglish(true);
        QCOMPARE(b->facets()->index(0).data(FacetListModel::NameRole).toString(), QStringLiteral("Retirement"));

        b->showList(List::Category, QStringLiteral("affairs"));
        b->clear(); // the last visit's lists go; the home screen's stay
        QCOMPARE(b->items()->rowCount(), 0);
        QCOMPARE(b->facets()->rowCount(), 0);
        QCOMPARE(b->categories()->rowCount(), 6);
        QCOMPARE(b->popular()->rowCount(), 6);
    }

    void searchResults()
    {
        const catalog::Item *ltc = m_catalog.item(QStringLiteral("YB-0001"));
        b->setQuery(ltc->name);
        QVERIFY(b->items()->rowCount() >= 1);
        QCOMPARE(b->items()->codeAt(0), ltc->code);
        b->setQuery(QStringLiteral("异地就医"));
        QVERIFY(codes(b->items()).contains(QStringLiteral("YB-0003")));
        b->setQuery(QString());
        QCOMPARE(b->items()->rowCount(), 0);
        b->setQuery(QStringLiteral("zzzzqqqq"));
        QCOMPARE(b->items()->rowCount(), 0);
    }

    void itemPage()
    {
        QVERIFY(!b->details(QStringLiteral("XX-9999")));
        const catalog::Item *src = m_catalog.item(QStringLiteral("YB-0001"));
        const auto ltc = b->details(src->code);
        QVERIFY(ltc);
        QCOMPARE(ltc->code, src->code);
        QCOMPARE(ltc->name, src->name);
        QCOMPARE(ltc->summary, src->summary);
        QCOMPARE(ltc->department, QStringLiteral("市医疗保障局"));
        QCOMPARE(ltc->category, QStringLiteral("eldercare"));
        QCOMPARE(ltc->categoryName, QStringLiteral("老有所养"));
        QCOMPARE(ltc->lifeEvents, (QStringList{QStringLiteral("养老"), QStringLiteral("就医")}));
        QCOMPARE(ltc->materials.size(), qsizetype(src->materials.size()));
        QVERIFY(ltc->materials.at(0).canConvert<ServiceMaterial>());
        const auto material = ltc->materials.at(0).value<ServiceMaterial>();
        QCOMPARE(material.name, src->materials[0].name);
        QCOMPARE(material.note, src->materials[0].note);
        QCOMPARE(material.optional, src->materials[0].optional);
        QCOMPARE(ltc->legalDays, 30);
        QCOMPARE(ltc->promisedDays, 15);
        QCOMPARE(ltc->handling, ServiceHandling::Kind::Collect);
        QVERIFY(ltc->applicable); // collect, with a form
        QCOMPARE(ltc->platform, QStringLiteral("网上办事大厅"));
        QVERIFY(!ltc->detailsInChinese); // the Chinese page needs no such mark

        QVERIFY(b->details(QStringLiteral("RS-0001"))->applicable); // terminal, with a form
        const auto guide = b->details(QStringLiteral("MZ-0003"));
        QCOMPARE(guide->handling, ServiceHandling::Kind::Guide);
        QVERIFY(!guide->applicable);
        QCOMPARE(guide->fee, 9.0);
        QVERIFY(guide->materials.isEmpty());

        // A terminal item whose form is missing is not applied for here.
        catalog::Catalog edited = m_catalog;
        for (auto &i : edited.items)
            if (i.code == QLatin1String("RS-0002"))
                i.form.clear();
        edited.reindex();
        CatalogBrowser other;
        other.setCatalog(&edited, nullptr, 6);
        QVERIFY(!other.details(QStringLiteral("RS-0002"))->applicable);

        b->setEnglish(true);
        QCOMPARE(b->details(QStringLiteral("RS-0001"))->name, QStringLiteral("Social insurance record enquiry"));
        const auto en = b->details(QStringLiteral("YB-0001"));
        QCOMPARE(en->name, src->name); // no English name: the Chinese one
        QCOMPARE(en->department, QStringLiteral("Healthcare Security Bureau"));
        QCOMPARE(en->categoryName, QStringLiteral("Elderly care"));
        QCOMPARE(en->lifeEvents, (QStringList{QStringLiteral("Old age"), QStringLiteral("Seeing a doctor")}));
        QCOMPARE(en->platform, QStringLiteral("Online service hall"));
        // The catalog's texts exist only in Chinese: the English page is told so, to say it.
        QVERIFY(en->detailsInChinese);
        QCOMPARE(en->summary, src->summary);
    }
};

QTEST_GUILESS_MAIN(TestCatalogBrowser)
#include "tst_catalogbrowser.moc"
