// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/pinyin/pinyin.h"

#include <QTest>

#include <algorithm>
#include <string>

using namespace kiosk;

static std::vector<std::string> readingsOf(char32_t c)
{
    std::vector<std::string> out;
    for (auto id : pinyin::readings(c))
        out.emplace_back(pinyin::syllable(id));
    return out;
}

static bool has(const std::vector<std::string> &v, const char *s)
{
    return std::find(v.begin(), v.end(), s) != v.end();
}

class TestPinyin : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tableIsComplete()
    {
        // Unihan 15 has readings for over 40,000 characters and ~410 toneless syllables.
        QVERIFY2(pinyin::characterCount() > 30000, "Unihan readings were not compiled in");
        QVERIFY(pinyin::syllableCount() > 380 && pinyin::syllableCount() < 500);
    }
    void customaryReadingFirst()
    {
        QCOMPARE(readingsOf(U'社').front(), std::string("she"));
        QCOMPARE(readingsOf(U'保').front(), std::string("bao"));
        QCOMPARE(readingsOf(U'银').front(), std::string("yin"));
    }
    void polyphonicCharacters_data()
    {
        QTest::addColumn<uint>("ch");
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::newRow("行") << uint(U'行') << "xing" << "hang";
        QTest::newRow("长") << uint(U'长') << "chang" << "zhang";
        QTest::newRow("重") << uint(U'重') << "zhong" << "chong";
        QTest::newRow("调") << uint(U'调') << "diao" << "tiao";
        QTest::newRow("还") << uint(U'还') << "hai" << "huan";
        QTest::newRow("单") << uint(U'单') << "dan" << "shan";
        QTest::newRow("乐") << uint(U'乐') << "le" << "yue";
    }
    void polyphonicCharacters()
    {
        QFETCH(uint, ch);
        QFETCH(QString, a);
        QFETCH(QString, b);
        const auto r = readingsOf(char32_t(ch));
        QVERIFY2(has(r, a.toLatin1().constData()), qPrintable(a));
        QVERIFY2(has(r, b.toLatin1().constData()), qPrintable(b));
    }
    void umlautAsVAndU()
    {
        const auto r = readingsOf(U'旅');
        QVERIFY(has(r, "lv"));
        QVERIFY(has(r, "lu"));
    }
    void nonHan()
    {
        QVERIFY(pinyin::readings(U'a').empty());
        QVERIFY(pinyin::readings(U'（').empty());
        QVERIFY(pinyin::syllable(60000).empty());
    }
};

QTEST_GUILESS_MAIN(TestPinyin)
#include "tst_pinyin.moc"
