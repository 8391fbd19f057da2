// SPDX-License-Identifier: GPL-3.0-or-later
// 查询办理进度 over a real queue and the reference platform: a resident's requests by the keyed
// hash of their ID number (ratings left out), newest first; a receipt's code in each of its
// forms; and the department moving a request along, seen on the row.
#include "journeytestsupport.h"
#include "kiosk/journey/progressmodel.h"
#include "kiosk/journey/submission.h"
#include "services/catalog/catalog.h"
#include "services/catalog/catalogparser.h"
#include "services/platform/platformapi.h"

#include <QAbstractItemModelTester>

using namespace kiosk;
using RState = ProgressModel::RequestState;
using Lookup = ProgressModel::Lookup;

namespace {
const QString terminal = QStringLiteral("T-0042");

NewRequest forItem(const QString &hash, const char *item, const char *kind = "submission", const char *platform = "hall")
{
    NewRequest r = test::request(hash, kind);
    r.itemCode = QLatin1String(item);
    r.platform = QLatin1String(platform);
    r.payloadJson = "{\"itemCode\":\"" + QByteArray(item) + "\"}";
    return r;
}

RState stateAt(const ProgressModel &m, int row)
{
    return m.index(row).data(ProgressModel::StateRole).value<RState>();
}
QString textAt(const ProgressModel &m, int row, int role)
{
    return m.index(row).data(role).toString();
}
} // namespace

class TestProgressModel : public QObject
{
    Q_OBJECT

    catalog::Catalog m_catalog;

private Q_SLOTS:
    void initTestCase()
    {
        auto r = catalog::loadCatalogFile(QStringLiteral(KIOSK_TEST_DATA_DIR "/catalog-small.json"));
        QVERIFY(r.catalog);
        m_catalog = std::move(*r.catalog);
    }

    void byCardThenByCode()
    {
        test::SimulatedQueue q;
        QVERIFY(q.queue.available());
        const QString mine = q.queue.subjectHash(test::card().value(QStringLiteral("idNumber")));
        const QString other = q.queue.subjectHash(QStringLiteral("11010519491231002X"));
        const QString older = q.save(forItem(mine, "RS-0001"));
        QTest::qWait(5); // created_at has millisecond resolution
        NewRequest evaluation = forItem(mine, "RS-0001", "evaluation");
        evaluation.payloadJson = platform::api::ratingBody({.level = 5, .reasons = {}, .itemCode = QStringLiteral("RS-0001"),
                                                            .requestId = older, .trackingNumber = {}, .terminalId = terminal});
        const QString rating = q.save(evaluation); // with a subject, as no rating is: still not a row
        QTest::qWait(5);
        const QString newer = q.save(forItem(mine, "YB-0002"));
        const QString someoneElse = q.save(forItem(other, "RS-0002"));
        QVERIFY(!older.isEmpty() && !rating.isEmpty() && !newer.isEmpty() && !someoneElse.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(q.queue.done(), 4, 10'000);

        ProgressModel m(&q.queue);
        m.setCatalog(&m_catalog);
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy lookupChanged(&m, &ProgressModel::lookupChanged);
        QSignalSpy countChanged(&m, &ProgressModel::countChanged);
        QCOMPARE(m.lookup(), Lookup::None);
        QVERIFY(!m.lookupByCard(QString()));
        QCOMPARE(m.lookup(), Lookup::None);

        QVERIFY(m.lookupByCard(mine));
        QCOMPARE(m.lookup(), Lookup::Card);
        QCOMPARE(lookupChanged.size(), 1);
        QCOMPARE(countChanged.size(), 1);
        QCOMPARE(m.requestIds(), (QStringList{newer, older})); // newest first, the rating left out
        QCOMPARE(textAt(m, 0, ProgressModel::ItemNameRole), m_catalog.item(QStringLiteral("YB-0002"))->name);
        QCOMPARE(textAt(m, 1, Qt::DisplayRole), m_catalog.item(QStringLiteral("RS-0001"))->name);
        QCOMPARE(textAt(m, 1, ProgressModel::NumberRole), QString::fromStdString(q.queue.request(older)->trackingNumber));
        QVERIFY(!textAt(m, 1, ProgressModel::NumberRole).isEmpty());
        QCOMPARE(stateAt(m, 0), RState::Received);
        QCOMPARE(textAt(m, 0, ProgressModel::SubmittedRole).size(), 16); // yyyy-MM-dd HH:mm
        QCOMPARE(m.roleNames().value(ProgressModel::StateRole), QByteArray("state"));

        m.setEnglish(true);
        QCOMPARE(textAt(m, 1, ProgressModel::ItemNameRole), m_catalog.item(QStringLiteral("RS-0001"))->nameEn);
        QCOMPARE(textAt(m, 0, ProgressModel::ItemNameRole), m_catalog.item(QStringLiteral("YB-0002"))->name); // no English name

        // A receipt's code: only the QR's capability (id + MAC) opens a request.
        const QString tracking = QString::fromStdString(q.queue.request(older)->trackingNumber);
        QVERIFY(m.lookupByCode(q.queue.receiptCode(older)));
        QCOMPARE(m.lookup(), Lookup::Code);
        QCOMPARE(m.requestIds(), QStringList{older});
        QVERIFY(m.lookupByCode(q.queue.receiptCode(newer)));
        QCOMPARE(m.requestIds(), QStringList{newer});
        QVERIFY(m.lookupByCode(QStringLiteral(" ") + q.queue.receiptCode(someoneElse).toLower() + QLatin1Char(' ')));
        QCOMPARE(m.requestIds(), QStringList{someoneElse});
        // The platform's number, the request id, the old "KIOSK:<id>": guessable, so refused.
        for (const QString &guess : {tracking, older, Submission::requestPrefix() + older, Submission::terminalNumber(older)}) {
            QVERIFY2(!m.lookupByCode(guess), qPrintable(guess));
            QCOMPARE(m.requestIds(), QStringList{someoneElse});
        }

        // What the terminal does not know changes nothing.
        lookupChanged.clear();
        QVERIFY(!m.lookupByCode(QStringLiteral("SQ-NOT-KNOWN")));
        QVERIFY(!m.lookupByCode(QStringLiteral("KIOSK:")));
        QVERIFY(!m.lookupByCode(QString()));
        QCOMPARE(m.lookup(), Lookup::Code);
        QCOMPARE(m.requestIds(), QStringList{someoneElse});
        QCOMPARE(lookupChanged.size(), 0);
        QVERIFY(m.lookupByCode(q.queue.receiptCode(older)));

        // The department moves it along: the next lookup asks again, the row follows.
        QVERIFY(q.platform().setStatus(tracking.toStdString(), "in_progress", "材料审核中"));
        QSignalSpy status(&q.queue, &QueueService::statusChanged);
        QVERIFY(m.lookupByCard(mine));
        QVERIFY(status.wait(10'000));
        QTRY_COMPARE(stateAt(m, 1), RState::InProgress);
        QCOMPARE(textAt(m, 1, ProgressModel::MessageRole), QStringLiteral("材料审核中"));
        QCOMPARE(stateAt(m, 0), RState::Received);
        QVERIFY(q.platform().setStatus(tracking.toStdString(), "done", "已办结，请到窗口领取"));
        QVERIFY(m.lookupByCode(q.queue.receiptCode(older)));
        QTRY_COMPARE_WITH_TIMEOUT(stateAt(m, 0), RState::Done, 10'000);
        QCOMPARE(textAt(m, 0, ProgressModel::MessageRole), QStringLiteral("已办结，请到窗口领取"));

        countChanged.clear();
        lookupChanged.clear();
        m.clear();
        QCOMPARE(m.rowCount(), 0);
        QCOMPARE(m.lookup(), Lookup::None);
        QCOMPARE(lookupChanged.size(), 1);
        QCOMPARE(countChanged.size(), 1);
        QVERIFY(m.requestIds().isEmpty());
    }

    void notYetSentAndUndeliverable()
    {
        test::SimulatedQueue q;
        q.setDown(true);
        const QString mine = q.queue.subjectHash(test::card().value(QStringLiteral("idNumber")));
        const QString waiting = q.save(forItem(mine, "RS-0001"));
        QTest::qWait(5);
        const QString suggestion = q.save(forItem(mine, "12345", "suggestion", "hotline12345"));
        QTest::qWait(5);
        const QString lost = q.save(forItem(mine, "RS-0001", "submission", "nowhere")); // no such platform
        QVERIFY(!waiting.isEmpty() && !suggestion.isEmpty() && !lost.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(q.queue.dead(), 1, 10'000);

        ProgressModel m(&q.queue);
        m.setCatalog(&m_catalog);
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(m.lookupByCard(mine));
        QCOMPARE(m.requestIds(), (QStringList{lost, suggestion, waiting}));
        QCOMPARE(stateAt(m, 0), RState::Undeliverable);
        QCOMPARE(stateAt(m, 2), RState::Waiting);
        // No platform number yet: the terminal's own, as on the receipt.
        QCOMPARE(textAt(m, 2, ProgressModel::NumberRole), Submission::terminalNumber(waiting));
        QCOMPARE(textAt(m, 1, ProgressModel::ItemNameRole), QStringLiteral("12345 suggestion or complaint"));
        QVERIFY(m.lookupByCode(q.queue.receiptCode(waiting)));
        QCOMPARE(stateAt(m, 0), RState::Waiting);

        QVERIFY(!m.lookupByCard(q.queue.subjectHash(QStringLiteral("11010519491231002X")))); // nobody's requests
        QCOMPARE(m.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestProgressModel)
#include "tst_progressmodel.moc"
