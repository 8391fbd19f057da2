// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/catalog/catalogparser.h"
#include "services/catalog/catalogsearch.h"

#include <QTest>

using namespace kiosk::catalog;

class TestCatalogSearch : public QObject
{
    Q_OBJECT

    Catalog m_catalog;
    CatalogSearch m_search;

    QStringList codes(const QString &query, int limit = -1) const
    {
        QStringList out;
        for (const auto &hit : m_search.search(query, limit))
            out << m_catalog.items[size_t(hit.item)].code;
        return out;
    }
    QString first(const QString &query) const { return codes(query, 1).value(0); }

private Q_SLOTS:
    void initTestCase()
    {
        auto r = loadCatalogFile(QStringLiteral(KIOSK_TEST_DATA_DIR "/catalog-small.json"));
        QVERIFY(r.catalog);
        m_catalog = std::move(*r.catalog);
        m_search.rebuild(m_catalog);
    }

    void normalize()
    {
        QCOMPARE(CatalogSearch::normalize(u"  SB-cx （社保）ＡＢ１"), std::u32string(U"sbcx社保ab1"));
    }

    void chineseCharacters()
    {
        QCOMPARE(first(QStringLiteral("医保参保凭证打印")), QStringLiteral("YB-0002")); // exact
        QCOMPARE(first(QStringLiteral("异地")), QStringLiteral("YB-0003")); // prefix
        QVERIFY(codes(QStringLiteral("养老")).contains(QStringLiteral("RS-0004"))); // inside
        QCOMPARE(codes(QStringLiteral("缴费证明")), QStringList({QStringLiteral("RS-0002")}));
    }

    void fullPinyin()
    {
        QCOMPARE(first(QStringLiteral("shebaojiaofei")), QStringLiteral("RS-0002")); // keyword 社保缴费
        QCOMPARE(first(QStringLiteral("yidijiuyi")), QStringLiteral("YB-0003"));
        QCOMPARE(first(QStringLiteral("gaolingjintie")), QStringLiteral("MZ-0001"));
        QCOMPARE(first(QStringLiteral("shebao jiaofei")), QStringLiteral("RS-0002")); // spaces ignored
    }

    void initials()
    {
        QCOMPARE(first(QStringLiteral("sbcx")), QStringLiteral("RS-0001")); // 社保查询
        QCOMPARE(first(QStringLiteral("sbjf")), QStringLiteral("RS-0002"));
        QCOMPARE(first(QStringLiteral("ydjy")), QStringLiteral("YB-0003"));
        QCOMPARE(first(QStringLiteral("SBCX")), QStringLiteral("RS-0001")); // case
    }

    void mixed()
    {
        QCOMPARE(first(QStringLiteral("社保jf")), QStringLiteral("RS-0002"));
        QCOMPARE(first(QStringLiteral("shebjf")), QStringLiteral("RS-0002"));
        QCOMPARE(first(QStringLiteral("sbjiaofei")), QStringLiteral("RS-0002"));
        QCOMPARE(first(QStringLiteral("gaol津贴")), QStringLiteral("MZ-0001"));
    }

    void polyphonicReadings()
    {
        QVERIFY(codes(QStringLiteral("yh")).contains(QStringLiteral("RS-0003"))); // 银行 háng
        QVERIFY(codes(QStringLiteral("yinhang")).contains(QStringLiteral("RS-0003")));
        QCOMPARE(first(QStringLiteral("cqhl")), QStringLiteral("YB-0001")); // 长期护理 cháng
        QVERIFY(codes(QStringLiteral("cq")).contains(QStringLiteral("YB-0001")));
        QVERIFY(codes(QStringLiteral("changqi")).contains(QStringLiteral("YB-0001")));
        // 长 also reads zhǎng: both readings index the same character.
        QVERIFY(codes(QStringLiteral("zhangqi")).contains(QStringLiteral("YB-0001")));
    }

    void itemCode()
    {
        QCOMPARE(first(QStringLiteral("YB-0003")), QStringLiteral("YB-0003"));
        QCOMPARE(first(QStringLiteral("yb0003")), QStringLiteral("YB-0003"));
    }

    void englishNames()
    {
        // The English name is found from the start of any of its words, in any case.
        QCOMPARE(first(QStringLiteral("Social insurance record enquiry")), QStringLiteral("RS-0001"));
        QCOMPARE(m_search.search(QStringLiteral("social insurance record enquiry"))[0].rank, CatalogSearch::Rank::NameExact);
        QCOMPARE(first(QStringLiteral("print proof")), QStringLiteral("RS-0002"));
        QCOMPARE(m_search.search(QStringLiteral("Print"))[0].rank, CatalogSearch::Rank::NamePrefix);
        QCOMPARE(codes(QStringLiteral("contributions")), QStringList({QStringLiteral("RS-0002")}));
        QCOMPARE(codes(QStringLiteral("enquiry")), QStringList({QStringLiteral("RS-0001")}));
        QCOMPARE(first(QStringLiteral("proof of soc")), QStringLiteral("RS-0002")); // across words
        // Both items say "social insurance": the more popular comes first.
        QCOMPARE(codes(QStringLiteral("social insurance")).mid(0, 2), QStringList({QStringLiteral("RS-0001"), QStringLiteral("RS-0002")}));
        // Not from the middle of a word: "nquiry" is inside "enquiry", "surance" inside "insurance".
        QVERIFY(!codes(QStringLiteral("nquiry")).contains(QStringLiteral("RS-0001")));
        QVERIFY(!codes(QStringLiteral("surance")).contains(QStringLiteral("RS-0002")));
    }

    void noResult()
    {
        QVERIFY(codes(QStringLiteral("qqqq")).isEmpty());
        QVERIFY(codes(QStringLiteral("火箭")).isEmpty());
        QVERIFY(codes(QString()).isEmpty());
        QVERIFY(codes(QStringLiteral("  ·（）")).isEmpty());
        // A match must be contiguous: 社 … 印 are both in 社会保险缴费证明打印 but not adjacent.
        QVERIFY(!codes(QStringLiteral("sy")).contains(QStringLiteral("RS-0002")));
    }

    void ranking()
    {
        // Exact name first, then names that start with the query, then popular ones containing it.
        const auto hits = m_search.search(QStringLiteral("社会保"));
        QVERIFY(hits.size() >= 3);
        QCOMPARE(hits[0].rank, CatalogSearch::Rank::NamePrefix);
        // Among equal ranks the more popular item comes first: RS-0001 (95) before RS-0002 (90).
        QCOMPARE(codes(QStringLiteral("社会保险")).mid(0, 2), QStringList({QStringLiteral("RS-0001"), QStringLiteral("RS-0002")}));
        QCOMPARE(m_search.search(QStringLiteral("社保查询"))[0].rank, CatalogSearch::Rank::KeywordExact);
        QCOMPARE(m_search.search(QStringLiteral("异地就医备案"))[0].rank, CatalogSearch::Rank::NameExact);
        // A prefix match outranks a more popular item that only contains the query.
        // "cx": 城乡居民… (popularity 70) starts with it; …记录查询 (95) only contains it.
        const QStringList cx = codes(QStringLiteral("cx"));
        QCOMPARE(cx.value(0), QStringLiteral("RS-0004"));
        QVERIFY(cx.indexOf(QStringLiteral("RS-0001")) > 0);
    }

    void limit()
    {
        QCOMPARE(codes(QStringLiteral("s"), 3).size(), 3);
        QVERIFY(codes(QStringLiteral("s")).size() > 3);
        QCOMPARE(codes(QStringLiteral("s"), 3), codes(QStringLiteral("s")).mid(0, 3));
    }

    void longQueryIsCut()
    {
        const QString q(200, QLatin1Char('a'));
        QVERIFY(codes(q).isEmpty()); // no crash, no match
    }
};

QTEST_GUILESS_MAIN(TestCatalogSearch)
#include "tst_catalogsearch.moc"
