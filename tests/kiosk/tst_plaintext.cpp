// SPDX-License-Identifier: GPL-3.0-or-later
// Strings from outside are shown as plain text: control and bidi characters removed on the way
// in (kiosk::plainText), and every QML Text set to Text.PlainText, so a platform reply or a card
// name with tags in it can neither format the screen nor fetch a remote image.
#include "common/plaintext.h"

#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace kiosk;

class TestPlainText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void controlAndBidiCharactersAreRemoved()
    {
        // An override would show "已办结" reversed or hide where a sentence ends.
        QCOMPARE(plainText(QStringLiteral("请到\u202E窗口\u202C领取")), QStringLiteral("请到窗口领取"));
        QCOMPARE(plainText(QStringLiteral("a\u2066b\u2069c\u200Ed\u200Fe\u061Cf\uFEFFg")), QStringLiteral("abcdefg"));
        QCOMPARE(plainText(QStringLiteral("x\x01y\x1bz\x7f")), QStringLiteral("xyz"));
        QCOMPARE(plainText(QString(QChar(0x85)) + QStringLiteral("ok")), QStringLiteral("ok")); // C1
        // What a resident should read stays: Chinese, punctuation, line breaks, tags as characters.
        QCOMPARE(plainText(QStringLiteral("已办结，\n备案<b>有效</b>")), QStringLiteral("已办结，\n备案<b>有效</b>"));
        QCOMPARE(plainText(QString()), QString());
    }

    void everyQmlTextIsPlain()
    {
        // A Text without textFormat is AutoText: "<img src=…>" in a reply would be fetched and drawn.
        static const QRegularExpression open(QStringLiteral("^(\\s*)Text \\{\\s*$"));
        QStringList missing;
        int texts = 0;
        QDirIterator it(QStringLiteral(KIOSK_SOURCE_DIR "/qml"), {QStringLiteral("*.qml")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (path.contains(QLatin1String("/keyboard/")))
                continue; // the keyboard's own key labels
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
            for (int i = 0; i < lines.size(); ++i) {
                const auto m = open.match(lines[i]);
                if (!m.hasMatch())
                    continue;
                ++texts;
                const QString indent = m.captured(1);
                bool plain = false;
                for (int j = i + 1; j < lines.size() && lines[j] != indent + QLatin1Char('}'); ++j)
                    plain = plain || lines[j].trimmed() == QLatin1String("textFormat: Text.PlainText");
                if (!plain)
                    missing << QStringLiteral("%1:%2").arg(QFileInfo(path).fileName()).arg(i + 1);
            }
        }
        QVERIFY(texts > 50);
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1String(", "))));
    }
};

QTEST_MAIN(TestPlainText)
#include "tst_plaintext.moc"
