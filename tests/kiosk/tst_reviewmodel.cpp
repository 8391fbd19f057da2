// SPDX-License-Identifier: GPL-3.0-or-later
// The form's review (ReviewModel) under QAbstractItemModelTester: a row per question but the
// consent, masked and labelled values, where each answer came from, and every change followed.
#include "journeytestsupport.h"
#include "kiosk/journey/formsession.h"

#include <QAbstractItemModelTester>

using namespace kiosk;

class TestReviewModel : public QObject
{
    Q_OBJECT

    forms::FormSet m_forms;
    std::unique_ptr<FormSession> s;

    const forms::Form *form(const char *id) const { return m_forms.form(QLatin1String(id)); }
    void beginElder() { s->begin(form("subsidy-apply-elder"), test::card()); }

private Q_SLOTS:
    void initTestCase()
    {
        auto forms = test::smallForms();
        QVERIFY(forms);
        m_forms = std::move(*forms);
    }
    void init()
    {
        s = std::make_unique<FormSession>();
        s->setToday(QDate(2026, 3, 10));
    }

    void reviewListsEveryAnswer()
    {
        ReviewModel *review = s->review();
        QAbstractItemModelTester tester(review, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(review->rowCount(), 0);
        QSignalSpy count(review, &ReviewModel::countChanged);
        beginElder();
        QCOMPARE(review->rowCount(), 12); // every field but the consent
        QCOMPARE(count.size(), 1);
        const auto names = review->roleNames();
        QCOMPARE(names.value(ReviewModel::FieldIdRole), QByteArray("fieldId"));
        QCOMPARE(names.value(ReviewModel::EditableRole), QByteArray("editable"));
        auto row = [&](const QString &id) {
            for (int r = 0; r < review->rowCount(); ++r)
                if (review->index(r).data(ReviewModel::FieldIdRole).toString() == id)
                    return review->index(r);
            return QModelIndex();
        };
        for (int r = 0; r < review->rowCount(); ++r)
            QVERIFY(review->index(r).data(ReviewModel::FieldIdRole).toString() != QLatin1String("consent"));
        const QModelIndex id = row(QStringLiteral("idNumber"));
        QVERIFY(id.isValid());
        QCOMPARE(id.data(ReviewModel::LabelRole).toString(), QStringLiteral("身份证号码"));
        QCOMPARE(id.data(ReviewModel::ValueRole).toString(), QStringLiteral("3501**********2136"));
        QVERIFY(id.data(ReviewModel::FromCardRole).toBool());
        QVERIFY(!id.data(ReviewModel::EditableRole).toBool());
        const QModelIndex phone = row(QStringLiteral("phone"));
        QVERIFY(!phone.data(ReviewModel::FromCardRole).toBool());
        QVERIFY(phone.data(ReviewModel::EditableRole).toBool());
        QCOMPARE(phone.data(ReviewModel::ValueRole).toString(), QString());

        QSignalSpy dataChanged(review, &QAbstractItemModel::dataChanged);
        s->setAnswer(QStringLiteral("phone"), QStringLiteral("13812345678"));
        QVERIFY(!dataChanged.isEmpty());
        QCOMPARE(row(QStringLiteral("phone")).data(ReviewModel::ValueRole).toString(), QStringLiteral("13812345678"));
        QVERIFY(s->validateAll() == false);
        QVERIFY(!row(QStringLiteral("householdSize")).data(ReviewModel::ErrorRole).toString().isEmpty());
        s->setAnswer(QStringLiteral("householdSize"), QStringLiteral("2"));
        QVERIFY(row(QStringLiteral("householdSize")).data(ReviewModel::ErrorRole).toString().isEmpty());
        s->setEnglish(true);
        QCOMPARE(row(QStringLiteral("idNumber")).data(ReviewModel::LabelRole).toString(), QStringLiteral("ID number"));

        count.clear();
        s->begin(form("certificate-print"), test::card()); // 3 rows
        QCOMPARE(review->rowCount(), 3);
        QVERIFY(!count.isEmpty()); // twice in fact: begin() clears (0 rows) before it fills
        QCOMPARE(review->property("count").toInt(), 3);
    }
};

QTEST_MAIN(TestReviewModel)
#include "tst_reviewmodel.moc"
