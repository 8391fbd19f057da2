// SPDX-License-Identifier: GPL-3.0-or-later
// The 中文/English switch: the compiled translations are in the binary and the switch is live.
#include "kiosk/session/clock.h"
#include "kiosk/session/session.h"
#include "kiosk/ui/localization.h"

#include <QCoreApplication>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QTest>

using namespace kiosk;

class TestLocalization : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void switchesLive()
    {
        Config config;
        ManualClock clock;
        Session session(config, &clock);
        QQmlEngine engine;
        Localization l10n(&session, &engine);

        // A binding through qsTr re-evaluates when the language changes.
        QQmlComponent component(&engine);
        component.setData("import QtQml\nQtObject { property string label: qsTranslate(\"AttractPage\", \"Touch to start\") }", QUrl());
        std::unique_ptr<QObject> obj(component.create());
        QVERIFY2(obj, qPrintable(component.errorString()));
        QCOMPARE(obj->property("label").toString(), QStringLiteral("轻触屏幕开始"));
        QCOMPARE(QCoreApplication::translate("CatalogBrowser", "Most used services"), QStringLiteral("常办事项"));

        session.setLanguage(QStringLiteral("en"));
        QCOMPARE(obj->property("label").toString(), QStringLiteral("Touch to start"));
        QCOMPARE(QCoreApplication::translate("CatalogBrowser", "Most used services"), QStringLiteral("Most used services"));

        session.setLanguage(QStringLiteral("zh_CN"));
        QCOMPARE(obj->property("label").toString(), QStringLiteral("轻触屏幕开始"));
    }

    void everyChineseStringIsTranslated()
    {
        // The zh_CN catalog must not leave a resident with English: every message has a translation.
        QFile ts(QStringLiteral(KIOSK_SOURCE_DIR "/i18n/kiosk_zh_CN.ts"));
        QVERIFY(ts.open(QIODevice::ReadOnly));
        const QByteArray text = ts.readAll();
        QVERIFY(text.count("<message") > 40);
        QCOMPARE(text.count("type=\"unfinished\""), qsizetype(0));
    }
};

QTEST_MAIN(TestLocalization)
#include "tst_localization.moc"
