// SPDX-License-Identifier: GPL-3.0-or-later
// The 中文/English switch: the compiled translations are in the binary and the switch is live.
#include "kiosk/session/clock.h"
#include "kiosk/session/session.h"
#include "kiosk/ui/localization.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QFileInfo>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QRegularExpression>
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

    void noChineseOutsideTranslations()
    {
        // Everything the terminal itself says goes through qsTr(), so the English interface says
        // it in English: a Chinese string literal in QML is one the English resident would meet
        // untranslated. Outside comments and qsTr(), only these may stay Chinese.
        const QStringList allowed = {
            QStringLiteral("HeaderPanel.qml: \"中文\""), QStringLiteral("AttractPage.qml: \"中文\""), // the language switch names its language
            QStringLiteral("HomePage.qml: \"育\""), QStringLiteral("HomePage.qml: \"养\""), // the categories' glyphs,
            QStringLiteral("HomePage.qml: \"医\""), QStringLiteral("HomePage.qml: \"食\""), // pictures rather than words
            QStringLiteral("HomePage.qml: \"乐\""), QStringLiteral("HomePage.qml: \"办\""),
            QStringLiteral("Main.qml: \"24小时自助便民服务终端\""), // the window's title, never on the screen
        };
        static const QRegularExpression literal(QStringLiteral("\"[^\"]*[\\x{4e00}-\\x{9fff}][^\"]*\""));
        static const QRegularExpression translated(QStringLiteral("qsTr(anslate)?\\((\"[^\"]*\",\\s*)?$"));
        QStringList found;
        QDirIterator it(QStringLiteral(KIOSK_SOURCE_DIR "/qml"), {QStringLiteral("*.qml")}, QDir::Files, QDirIterator::Subdirectories);
        int files = 0;
        while (it.hasNext()) {
            const QString path = it.next();
            if (path.contains(QLatin1String("/keyboard/")))
                continue; // the keyboard's own layouts
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly | QIODevice::Text));
            ++files;
            int n = 0;
            for (const QString &raw : QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'))) {
                ++n;
                const qsizetype comment = raw.indexOf(QLatin1String("//"));
                const QString line = comment >= 0 ? raw.left(comment) : raw;
                for (auto m = literal.globalMatch(line); m.hasNext();) {
                    const auto hit = m.next();
                    if (translated.match(line.left(hit.capturedStart())).hasMatch())
                        continue;
                    const QString where = QFileInfo(path).fileName() + QStringLiteral(": ") + hit.captured();
                    if (!allowed.contains(where))
                        found << QStringLiteral("%1 (line %2)").arg(where).arg(n);
                }
            }
        }
        QVERIFY(files > 20);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
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
