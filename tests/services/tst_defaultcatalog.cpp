// SPDX-License-Identifier: GPL-3.0-or-later
// The catalog the terminal ships with: complete, valid, and the searches residents make work.
#include "services/catalog/catalogparser.h"
#include "services/catalog/catalogsearch.h"
#include "services/catalog/catalogstore.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace kiosk::catalog;

class TestDefaultCatalog : public QObject
{
    Q_OBJECT
    Catalog m_catalog;

private Q_SLOTS:
    void initTestCase()
    {
        auto r = loadCatalogFile(CatalogStore::builtInPath());
        for (const auto &p : r.problems)
            qWarning().noquote() << p.toString();
        QVERIFY(r.catalog);
        QCOMPARE(r.problems.size(), size_t(0)); // not even a warning
        m_catalog = std::move(*r.catalog);
    }

    void has427Items()
    {
        QCOMPARE(m_catalog.items.size(), size_t(427));
    }

    void everyCategoryAndDepartmentIsUsed()
    {
        QSet<QString> categories, departments;
        for (const auto &i : m_catalog.items) {
            categories.insert(i.category);
            departments.insert(i.department);
        }
        QCOMPARE(categories.size(), qsizetype(serviceCategories().size()));
        QCOMPARE(departments.size(), qsizetype(m_catalog.departments.size()));
    }

    void noFillerOrNearDuplicates()
    {
        static const QRegularExpression filler(QStringLiteral("(事项|服务|item)\\s*[0-9]+$"), QRegularExpression::CaseInsensitiveOption);
        static const QRegularExpression noise(QStringLiteral("[（）()\\s]"));
        QSet<QString> folded;
        for (const auto &i : m_catalog.items) {
            QVERIFY2(!filler.match(i.name).hasMatch(), qPrintable(i.name));
            QVERIFY2(i.summary != i.name, qPrintable(i.code));
            QString key = i.name;
            key.remove(noise);
            QVERIFY2(!folded.contains(key), qPrintable(QStringLiteral("near-duplicate name: ") + i.name));
            folded.insert(key);
        }
    }

    void everyItemIsFindableByItsInitials()
    {
        // Typing the initials of the first four characters of any name must find that item.
        const CatalogSearch search(m_catalog);
        int checked = 0;
        for (int idx = 0; idx < int(m_catalog.items.size()); ++idx) {
            const Item &item = m_catalog.items[size_t(idx)];
            QString initials;
            for (char32_t c : CatalogSearch::normalize(item.name)) {
                const auto r = kiosk::pinyin::readings(c);
                initials += r.empty() ? QString::fromUcs4(&c, 1) : QString(QLatin1Char(kiosk::pinyin::syllable(r[0])[0]));
                if (initials.size() == 4)
                    break;
            }
            bool found = false;
            for (const auto &hit : search.search(initials))
                found |= hit.item == idx;
            QVERIFY2(found, qPrintable(item.code + QLatin1Char(' ') + initials));
            ++checked;
        }
        QCOMPARE(checked, 427);
    }

    void residentsSearches_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("mustContain");
        QTest::newRow("sbcx") << "sbcx" << "社";
        QTest::newRow("社保缴费") << "shebaojiaofei" << "缴费";
        QTest::newRow("ybbx") << "医保报销" << "医";
        QTest::newRow("gjjtq") << "gjjtq" << "公积金";
        QTest::newRow("低保") << "dibao" << "低";
        QTest::newRow("高龄") << "gljt" << "高龄";
        QTest::newRow("居住证") << "juzhuzheng" << "居住证";
    }
    void residentsSearches()
    {
        QFETCH(QString, query);
        QFETCH(QString, mustContain);
        const CatalogSearch search(m_catalog);
        const auto hits = search.search(query, 5);
        QVERIFY2(!hits.empty(), qPrintable(query));
        const Item &top = m_catalog.items[size_t(hits[0].item)];
        QVERIFY2(top.name.contains(mustContain) || top.keywords.join(QString()).contains(mustContain),
                 qPrintable(query + QStringLiteral(" → ") + top.name));
    }
};

QTEST_GUILESS_MAIN(TestDefaultCatalog)
#include "tst_defaultcatalog.moc"
