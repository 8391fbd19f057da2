// SPDX-License-Identifier: GPL-3.0-or-later
// The A4 document the terminal lays out for a query answer, read back with QtPdf (pdfium) as a
// reader of the printout would: every value and table row is there, a long table continues on
// the next page under its headings again, each page says "page n of m", the ID number is masked.
#include "kiosk/query/querydocument.h"
#include "services/platform/queryapi.h"

#include <QBuffer>
#include <QtPdf/QPdfDocument>
#include <QtPdf/QPdfSelection>
#include <QtTest>

using namespace kiosk;

namespace {

platform::query::Answer contributions(int months)
{
    platform::query::Answer a;
    a.itemCode = QStringLiteral("RS-0022");
    a.title = QStringLiteral("社会保险个人权益记录");
    a.titleEn = QStringLiteral("Social insurance record");
    a.reference = QStringLiteral("RS0022-20261201-0007-K3QX");
    a.issuedAt = QDateTime(QDate(2026, 12, 1), QTime(9, 30), Qt::UTC);
    a.validUntil = a.issuedAt.addDays(1);
    a.values = {{QStringLiteral("参保状态"), QStringLiteral("Status"), QStringLiteral("正常参保")},
                {QStringLiteral("累计缴费月数"), QStringLiteral("Months paid"), QString::number(months)}};
    platform::query::Table t;
    t.title = QStringLiteral("近%1个月缴费明细").arg(months);
    t.titleEn = QStringLiteral("Last %1 months").arg(months);
    t.columns = {QStringLiteral("年月"), QStringLiteral("缴费基数"), QStringLiteral("个人缴纳"), QStringLiteral("状态")};
    t.columnsEn = {QStringLiteral("Month"), QStringLiteral("Base"), QStringLiteral("Paid"), QStringLiteral("Status")};
    for (int m = 0; m < months; ++m)
        t.rows.push_back({QStringLiteral("2%1年%2月").arg(23 + m / 12, 3, 10, QLatin1Char('0')).arg(m % 12 + 1),
                          QStringLiteral("6%1.00").arg(100 + m), QStringLiteral("5%1.08").arg(10 + m % 80), QStringLiteral("已到账")});
    a.tables.push_back(t);
    a.notes = {QStringLiteral("本记录仅供参考，以社保经办机构记录为准。")};
    return a;
}

struct ReadBack {
    int pages = 0;
    QStringList text; ///< per page
};

ReadBack readBack(const QByteArray &pdf)
{
    QByteArray bytes = pdf;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    QPdfDocument doc;
    doc.load(&buffer);
    ReadBack r;
    if (doc.status() != QPdfDocument::Status::Ready)
        return r;
    r.pages = doc.pageCount();
    for (int p = 0; p < r.pages; ++p)
        r.text << doc.getAllText(p).text();
    return r;
}

query::DocumentHeader header()
{
    query::DocumentHeader h;
    h.centre = QStringLiteral("鼓楼区五凤街道党群服务中心");
    h.terminalId = QStringLiteral("FZ-GL-0007");
    h.printedAt = QDateTime(QDate(2026, 12, 1), QTime(9, 31));
    h.residentName = QStringLiteral("张伟");
    h.residentIdMasked = QStringLiteral("3501**********2136");
    return h;
}

} // namespace

class TestQueryDocument : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shortAnswerOnePage()
    {
        const auto doc = query::layOutAnswer(contributions(6), header());
        QVERIFY(doc.pdf.startsWith("%PDF-"));
        const ReadBack r = readBack(doc.pdf);
        QCOMPARE(r.pages, 1);
        QCOMPARE(doc.pages, r.pages);
        const QString all = r.text.join(QLatin1Char('\n'));
        for (const char *expected : {"社会保险个人权益记录", "RS0022-20261201-0007-K3QX", "鼓楼区五凤街道党群服务中心", "FZ-GL-0007", "张伟",
                                     "3501**********2136", "累计缴费月数", "正常参保", "已到账", "社保经办机构"})
            QVERIFY2(all.contains(QString::fromUtf8(expected)), expected);
    }

    void longTableContinuesUnderItsHeadings()
    {
        const auto answer = contributions(120);
        const auto doc = query::layOutAnswer(answer, header());
        const ReadBack r = readBack(doc.pdf);
        QVERIFY2(r.pages >= 2, qPrintable(QString::number(r.pages)));
        QCOMPARE(doc.pages, r.pages);
        const QString all = r.text.join(QLatin1Char('\n'));
        // Every row made it onto paper, none twice (each row's base is its own).
        for (const QStringList &row : answer.tables.front().rows)
            QVERIFY2(all.count(row.at(1)) == 1, qPrintable(row.at(1)));
        for (int p = 1; p < r.pages; ++p) {
            QVERIFY2(r.text.at(p).contains(QStringLiteral("缴费基数")), "the headings again on every page the table continues on");
            QVERIFY(r.text.at(p).contains(QStringLiteral("RS0022-20261201-0007-K3QX")));
        }
    }

    void englishLabels()
    {
        auto h = header();
        h.english = true;
        const ReadBack r = readBack(query::layOutAnswer(contributions(3), h).pdf);
        const QString all = r.text.join(QLatin1Char('\n'));
        QVERIFY(all.contains(QStringLiteral("Social insurance record")));
        QVERIFY(all.contains(QStringLiteral("Months paid")));
        QVERIFY(!all.contains(QStringLiteral("累计缴费月数")));
    }

    void noResidentForAPublicItem()
    {
        auto h = header();
        h.residentName.clear();
        h.residentIdMasked.clear();
        const ReadBack r = readBack(query::layOutAnswer(contributions(2), h).pdf);
        QVERIFY(!r.text.join(QString()).contains(QStringLiteral("张伟")));
    }
};

QTEST_MAIN(TestQueryDocument)
#include "tst_querydocument.moc"
