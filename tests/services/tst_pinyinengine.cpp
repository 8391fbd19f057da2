// SPDX-License-Identifier: GPL-3.0-or-later
// The Chinese input engine over libgooglepinyin: what a resident types becomes characters.
#include "services/input/pinyinengine.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/wait.h>
#include <unistd.h>

using kiosk::input::PinyinEngine;

class TestPinyinEngine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(PinyinEngine::instance().isOpen(), qPrintable(PinyinEngine::instance().error()));
    }
    void init() { PinyinEngine::instance().reset(); }

    void staleUserDictionariesAreRemoved()
    {
        // What residents typed, left by a kiosk process that crashed: gone at the next start.
        QTemporaryDir dir;
        const pid_t child = ::fork();
        if (child == 0)
            ::_exit(0);
        QVERIFY(child > 0);
        QCOMPARE(::waitpid(child, nullptr, 0), child); // a pid that no longer runs
        auto make = [&](qint64 pid) {
            QFile f(QDir(dir.path()).filePath(QStringLiteral("kiosk-pinyin-%1.dat").arg(pid)));
            if (f.open(QIODevice::WriteOnly))
                f.write("shebao zhang wei");
            return f.fileName();
        };
        const QString dead = make(child);
        const QString running = make(::getppid());
        const QString mine = make(QCoreApplication::applicationPid());
        QCOMPARE(PinyinEngine::removeStaleUserDictionaries(dir.path()), 1);
        QVERIFY(!QFile::exists(dead));
        QVERIFY(QFile::exists(running));
        QVERIFY(QFile::exists(mine));
    }

    void shebao()
    {
        auto &e = PinyinEngine::instance();
        const QStringList c = e.search(QStringLiteral("shebao"));
        QVERIFY(!c.isEmpty());
        QCOMPARE(c.first(), QStringLiteral("社保"));
        QCOMPARE(e.choose(0), QStringLiteral("社保"));
    }
    void nothingTypedIsKeptAnywhere()
    {
        // No user dictionary: what a resident chose leaves no file, and a visit's end reopens
        // nothing (a reopen leaks in libgooglepinyin).
        auto &e = PinyinEngine::instance();
        QVERIFY(!e.search(QStringLiteral("zhangwei")).isEmpty());
        QVERIFY(!e.choose(0).isEmpty());
        e.forget();
        QVERIFY(e.isOpen());
        const QString own = QStringLiteral("kiosk-pinyin-%1*").arg(QCoreApplication::applicationPid());
        QVERIFY(QDir(QStringLiteral("/dev/shm")).entryList({own}, QDir::AllEntries | QDir::Hidden).isEmpty());
        QVERIFY(QDir::temp().entryList({own}, QDir::AllEntries | QDir::Hidden).isEmpty());
        QCOMPARE(e.search(QStringLiteral("shebao")).value(0), QStringLiteral("社保"));
    }
    void longerPhrases_data()
    {
        QTest::addColumn<QString>("letters");
        QTest::addColumn<QString>("phrase");
        QTest::newRow("医疗保险") << "yiliaobaoxian" << "医疗保险";
        QTest::newRow("养老") << "yanglao" << "养老";
        QTest::newRow("路灯") << "ludeng" << "路灯";
    }
    void longerPhrases()
    {
        QFETCH(QString, letters);
        QFETCH(QString, phrase);
        const QStringList c = PinyinEngine::instance().search(letters);
        QVERIFY2(c.contains(phrase), qPrintable(c.mid(0, 5).join(QLatin1Char(' '))));
    }
    void stepByStepChoice()
    {
        // Choose a single character first; the rest stays open and is offered next.
        auto &e = PinyinEngine::instance();
        const QStringList c = e.search(QStringLiteral("shebao"));
        const int she = int(c.indexOf(QStringLiteral("社")));
        QVERIFY2(she >= 0, qPrintable(c.join(QLatin1Char(' '))));
        QStringList rest;
        QCOMPARE(e.choose(she, &rest), QString());
        QCOMPARE(e.composing(), QStringLiteral("社bao"));
        const int bao = int(rest.indexOf(QStringLiteral("保")));
        QVERIFY2(bao >= 0, qPrintable(rest.join(QLatin1Char(' '))));
        QCOMPARE(e.choose(bao), QStringLiteral("社保"));
    }
    void noInput()
    {
        auto &e = PinyinEngine::instance();
        QVERIFY(e.search(QString()).isEmpty());
        QVERIFY(e.search(QStringLiteral("123 ")).isEmpty());
        QCOMPARE(e.choose(0), QString());
        // 27+ unsplittable letters abort the library; input is cut before that.
        for (const char *pattern : {"a", "zh", "x", "q"}) {
            QString s;
            while (s.size() < 200)
                s += QLatin1String(pattern);
            e.search(s);
            QVERIFY(e.composing().size() <= 24);
        }
    }
};

QTEST_GUILESS_MAIN(TestPinyinEngine)
#include "tst_pinyinengine.moc"
