// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/logging.h"
#include "common/privacy.h"

#include <QTest>

using namespace kiosk::privacy;

class TestPrivacy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void idNumbers()
    {
        QCOMPARE(maskIdNumber(QStringLiteral("350102199001011234")), QStringLiteral("3501**********1234"));
        QCOMPARE(maskIdNumber(QStringLiteral("11010519491231002X")), QStringLiteral("1101**********002X"));
        QCOMPARE(maskIdNumber(QStringLiteral("350102900101123")), QStringLiteral("3501*******1123"));
        QCOMPARE(maskIdNumber(QStringLiteral("12345678")), QStringLiteral("12******"));
        QCOMPARE(maskIdNumber(QString()), QString());
    }
    void phones()
    {
        QCOMPARE(maskPhone(QStringLiteral("13812345678")), QStringLiteral("138****5678"));
        QCOMPARE(maskPhone(QStringLiteral("123")), QStringLiteral("***"));
    }
    void bankCards()
    {
        QCOMPARE(maskBankCard(QStringLiteral("6222021234567890123")), QStringLiteral("6222 **** **** 0123"));
        QCOMPARE(maskBankCard(QStringLiteral("6222 0212 3456 7890")), QStringLiteral("6222 **** **** 7890"));
        QCOMPARE(maskBankCard(QStringLiteral("622202")), QStringLiteral("**2202"));
        QCOMPARE(maskBankCard(QStringLiteral("6222")), QStringLiteral("****"));
    }
    void names()
    {
        QCOMPARE(maskName(QStringLiteral("张三丰")), QStringLiteral("张**"));
        QCOMPARE(maskName(QStringLiteral("李")), QStringLiteral("李"));
    }
    void freeText_data()
    {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("out");
        QTest::newRow("id") << QStringLiteral("card 350102199001011234 read") << QStringLiteral("card 3501**********1234 read");
        QTest::newRow("id-x") << QStringLiteral("id=11010519491231002x;") << QStringLiteral("id=1101**********002x;");
        QTest::newRow("phone") << QStringLiteral("电话13812345678，") << QStringLiteral("电话138****5678，");
        QTest::newRow("two") << QStringLiteral("13812345678 350102199001011234")
                             << QStringLiteral("138****5678 3501**********1234");
        QTest::newRow("bank-19") << QStringLiteral("card 6222021234567890123 typed") << QStringLiteral("card 6222 **** **** 0123 typed");
        QTest::newRow("bank-16") << QStringLiteral("卡号1381234567890123。") << QStringLiteral("卡号1381 **** **** 0123。");
        QTest::newRow("old-id") << QStringLiteral("old 350102900101123 id") << QStringLiteral("old 3501*******1123 id");
        // Not personal data: longer digit runs (tracking numbers), codes, short numbers.
        QTest::newRow("long-run") << QStringLiteral("T2026112200000012345") << QStringLiteral("T2026112200000012345");
        QTest::newRow("code") << QStringLiteral("item RS-0001 took 12 ms") << QStringLiteral("item RS-0001 took 12 ms");
        QTest::newRow("landline") << QStringLiteral("0591-12345") << QStringLiteral("0591-12345");
    }
    void freeText()
    {
        QFETCH(QString, in);
        QFETCH(QString, out);
        QCOMPARE(maskPersonalData(in), out);
    }
    void logHandlerMasks()
    {
        static QString captured;
        qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &m) { captured = m; });
        kiosk::logging::installMaskingHandler();
        qWarning("resident 350102199001011234 phone 13812345678");
        qInstallMessageHandler(nullptr);
        QCOMPARE(captured, QStringLiteral("resident 3501**********1234 phone 138****5678"));
    }
};

QTEST_GUILESS_MAIN(TestPrivacy)
#include "tst_privacy.moc"
