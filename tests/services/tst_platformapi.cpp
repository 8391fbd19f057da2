// SPDX-License-Identifier: GPL-3.0-or-later
// The platform API's bodies as docs/platform-api.md describes them: pure functions, checked field
// by field (the paths are checked against the document in tst_platform).
#include "services/platform/platformapi.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace kiosk::platform;

class TestPlatformApi : public QObject
{
    Q_OBJECT

    static api::Application application(const QString &kind)
    {
        api::Application a;
        a.kind = kind;
        a.formId = QStringLiteral("retire-normal");
        a.itemCode = QStringLiteral("RS-0008");
        a.terminalId = QStringLiteral("T-0001");
        a.centerName = QStringLiteral("幸福里邻里中心");
        a.answers = QJsonObject{{QStringLiteral("phone"), QStringLiteral("13800138000")},
                                {QStringLiteral("category"), QStringLiteral("complaint")}};
        a.submittedAt = QDateTime(QDate(2026, 12, 1), QTime(9, 30, 15, 250), Qt::UTC);
        a.consentText = QStringLiteral("本人同意……");
        a.recipient = QStringLiteral("市人力资源和社会保障局");
        return a;
    }

private Q_SLOTS:
    void anApplicationCarriesItsAnswersAndConsent()
    {
        const QJsonObject b = QJsonDocument::fromJson(api::applicationBody(application(QLatin1String(api::kSubmission)))).object();
        QCOMPARE(b.value(QStringLiteral("formId")).toString(), QStringLiteral("retire-normal"));
        QCOMPARE(b.value(QStringLiteral("itemCode")).toString(), QStringLiteral("RS-0008"));
        QCOMPARE(b.value(QStringLiteral("terminal")).toString(), QStringLiteral("T-0001"));
        QCOMPARE(b.value(QStringLiteral("center")).toString(), QStringLiteral("幸福里邻里中心"));
        QCOMPARE(b.value(QStringLiteral("fields")).toObject().value(QStringLiteral("phone")).toString(), QStringLiteral("13800138000"));
        QCOMPARE(b.value(QStringLiteral("submittedAt")).toString(), QStringLiteral("2026-12-01T09:30:15.250Z"));
        const QJsonObject consent = b.value(QStringLiteral("consent")).toObject();
        QCOMPARE(consent.value(QStringLiteral("recipient")).toString(), QStringLiteral("市人力资源和社会保障局"));
        QCOMPARE(consent.value(QStringLiteral("text")).toString(), QStringLiteral("本人同意……"));
        QCOMPARE(consent.value(QStringLiteral("agreedAt")).toString(), QStringLiteral("2026-12-01T09:30:15Z"));
        // Only the hotline takes its answers at the top level.
        QVERIFY(!b.contains(QStringLiteral("phone")));
    }

    void aSuggestionAlsoCarriesItsAnswersAtTheTop()
    {
        const QJsonObject b = QJsonDocument::fromJson(api::applicationBody(application(QLatin1String(api::kSuggestion)))).object();
        QCOMPARE(b.value(QStringLiteral("category")).toString(), QStringLiteral("complaint"));
        QCOMPARE(b.value(QStringLiteral("phone")).toString(), QStringLiteral("13800138000"));
        QCOMPARE(b.value(QStringLiteral("fields")).toObject().size(), 2);
        // An answer named like an envelope field never replaces it.
        api::Application a = application(QLatin1String(api::kSuggestion));
        a.answers.insert(QStringLiteral("itemCode"), QStringLiteral("forged"));
        a.answers.insert(QStringLiteral("terminal"), QStringLiteral("forged"));
        a.answers.insert(QStringLiteral("consent"), QStringLiteral("forged"));
        const QJsonObject forged = QJsonDocument::fromJson(api::applicationBody(a)).object();
        QCOMPARE(forged.value(QStringLiteral("itemCode")).toString(), QStringLiteral("RS-0008"));
        QCOMPARE(forged.value(QStringLiteral("terminal")).toString(), QStringLiteral("T-0001"));
        QVERIFY(forged.value(QStringLiteral("consent")).isObject());
        QCOMPARE(forged.value(QStringLiteral("fields")).toObject().value(QStringLiteral("terminal")).toString(), QStringLiteral("forged"));
    }

    void aRatingCarriesCodesNotWords()
    {
        const QJsonObject b = QJsonDocument::fromJson(api::ratingBody({.level = 2,
                                                                       .reasons = {QStringLiteral("too_long"), QStringLiteral("unclear")},
                                                                       .itemCode = QStringLiteral("RS-0008"),
                                                                       .requestId = QStringLiteral("abc"),
                                                                       .trackingNumber = QStringLiteral("SQ1"),
                                                                       .terminalId = QStringLiteral("T-0001")}))
                                  .object();
        QCOMPARE(b.value(QStringLiteral("rating")).toInt(), 2);
        QCOMPARE(b.value(QStringLiteral("reasons")).toArray(), (QJsonArray{QStringLiteral("too_long"), QStringLiteral("unclear")}));
        QCOMPARE(b.value(QStringLiteral("trackingNumber")).toString(), QStringLiteral("SQ1"));
        QCOMPARE(b.value(QStringLiteral("requestId")).toString(), QStringLiteral("abc"));
        QCOMPARE(b.value(QStringLiteral("channel")).toString(), QStringLiteral("terminal"));
        QVERIFY(!b.contains(QStringLiteral("subject")));
    }
};

QTEST_GUILESS_MAIN(TestPlatformApi)
#include "tst_platformapi.moc"
