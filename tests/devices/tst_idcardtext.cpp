// SPDX-License-Identifier: GPL-3.0-or-later
// Tier 1: the 256-byte text block, GB 11643 ID numbers, gender and nation codes, dates, 长期,
// masking, and every named error for a malformed block.
#include "devices/idcard/idcard.h"
#include "devices/idcard/idnumber.h"
#include "devices/idcard/samframe.h"
#include "devices/simulator/simulatedsam.h"

#include <QJsonObject>
#include <QTest>

using namespace kiosk::devices::idcard;

namespace {

IdCard sample(int i)
{
    return kiosk::devices::sim::sampleCards()[std::size_t(i)];
}

/** A block with one field's raw UCS-2 text replaced. */
QByteArray withField(QByteArray block, int offset, int size, const QString &value)
{
    for (int i = 0; i < size / 2; ++i) {
        const char16_t c = i < value.size() ? value[i].unicode() : u' ';
        block[offset + 2 * i] = char(c & 0xFF);
        block[offset + 2 * i + 1] = char(c >> 8);
    }
    return block;
}

} // namespace

class TestIdCardText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void idNumbers_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("error");
        // The GB 11643 example (Appendix A) and numbers checked by hand with the weights.
        QTest::newRow("gb11643-example") << QStringLiteral("11010519491231002X") << int(IdNumberError::None);
        QTest::newRow("lower-x") << QStringLiteral("11010519491231002x") << int(IdNumberError::None);
        QTest::newRow("digit") << QStringLiteral("350102198503122136") << int(IdNumberError::None);
        QTest::newRow("check-0") << QStringLiteral("440524188001010014") << int(IdNumberError::None);
        QTest::newRow("wrong-check") << QStringLiteral("350102198503122137") << int(IdNumberError::BadCheckCharacter);
        QTest::newRow("x-not-due") << QStringLiteral("35010219850312213X") << int(IdNumberError::BadCheckCharacter);
        QTest::newRow("short") << QStringLiteral("35010219850312213") << int(IdNumberError::WrongLength);
        QTest::newRow("15-digit") << QStringLiteral("350102850312213") << int(IdNumberError::WrongLength);
        QTest::newRow("letter") << QStringLiteral("3501021985031A2136") << int(IdNumberError::BadCharacter);
        QTest::newRow("fullwidth-digit") << QStringLiteral("35010219850312213６") << int(IdNumberError::BadCharacter);
        QTest::newRow("feb-30") << QStringLiteral("350102198502302135") << int(IdNumberError::BadBirthDate);
        QTest::newRow("month-13") << QStringLiteral("350102198513012133") << int(IdNumberError::BadBirthDate);
    }
    void idNumbers()
    {
        QFETCH(QString, id);
        QFETCH(int, error);
        const auto e = validateIdNumber(id);
        QCOMPARE(int(e), error);
        QVERIFY(!idNumberErrorName(e).isEmpty());
    }
    void checkCharacter()
    {
        QCOMPARE(idCheckCharacter(u"11010519491231002"), std::optional<QChar>(QLatin1Char('X')));
        QCOMPARE(idCheckCharacter(u"35010219850312213"), std::optional<QChar>(QLatin1Char('6')));
        QCOMPARE(idCheckCharacter(u"1101051949123100"), std::nullopt);
        QCOMPARE(birthDateOfIdNumber(u"11010519491231002X"), std::optional<QDate>(QDate(1949, 12, 31)));
    }
    void sampleCardsRoundTrip_data()
    {
        QTest::addColumn<int>("index");
        for (int i = 0; i < int(kiosk::devices::sim::sampleCards().size()); ++i)
            QTest::newRow(qPrintable(sample(i).name)) << i;
    }
    void sampleCardsRoundTrip()
    {
        QFETCH(int, index);
        IdCard card = sample(index);
        QCOMPARE(validateIdNumber(card.idNumber), IdNumberError::None);
        const QByteArray block = encodeTextBlock(card);
        QCOMPARE(block.size(), 256);
        const auto parsed = parseTextBlock(bytesOf(block));
        QVERIFY2(parsed.card, qPrintable(parsed.detail));
        card.photo.clear();
        QCOMPARE(*parsed.card, card);
    }
    void fieldsOfASample()
    {
        const auto parsed = parseTextBlock(bytesOf(encodeTextBlock(sample(0))));
        const IdCard &c = *parsed.card;
        QCOMPARE(c.name, QStringLiteral("张伟"));
        QCOMPARE(c.genderName(), QStringLiteral("男"));
        QCOMPARE(c.nation, QStringLiteral("汉"));
        QCOMPARE(c.birthDate, QDate(1985, 3, 12));
        QCOMPARE(c.address, QStringLiteral("福建省福州市鼓楼区五四路158号3单元502室"));
        QCOMPARE(c.authority, QStringLiteral("福州市公安局鼓楼分局"));
        QCOMPARE(c.validTo, QDate(2036, 5, 20));
        QVERIFY(!c.validForever);
        QCOMPARE(c.idNumberMasked(), QStringLiteral("3501**********2136"));
    }
    void validForever()
    {
        const auto c = parseTextBlock(bytesOf(encodeTextBlock(sample(1)))).card;
        QVERIFY(c->validForever);
        QVERIFY(!c->validTo.isValid());
        QVERIFY(!c->isExpired(QDate(2099, 1, 1)));
        QCOMPARE(c->toJson().value(QStringLiteral("validTo")).toString(), QStringLiteral("长期"));
        QCOMPARE(c->idNumber.back(), QLatin1Char('X'));
    }
    void expiry()
    {
        const IdCard expired = sample(2);
        QVERIFY(expired.isExpired(QDate(2020, 8, 2)));
        QVERIFY(!expired.isExpired(QDate(2020, 8, 1))); // valid through its last day
        QVERIFY(expired.isExpiredToday());
        QCOMPARE(expired.nation, QStringLiteral("畲"));
    }
    void textLayoutOffsets()
    {
        // The layout itself: name at 0, ID number at byte 122, 长期 at byte 204, UCS-2LE.
        const QByteArray block = encodeTextBlock(sample(1));
        QCOMPARE(block.mid(0, 2), QByteArray::fromHex("9767")); // 林 U+6797
        QCOMPARE(block.mid(30, 2), QByteArray("2\0", 2));
        QCOMPARE(block.mid(32, 4), QByteArray("0\0" "1\0", 4));
        QCOMPARE(block.mid(122, 2), QByteArray("3\0", 2));
        QCOMPARE(block.mid(156, 2), QByteArray("X\0", 2));
        QCOMPARE(block.mid(204, 4), QByteArray::fromHex("7F951F67")); // 长期
        QCOMPARE(block.mid(208, 2), QByteArray(" \0", 2));
        QCOMPARE(block.mid(220, 36), QByteArray(" \0", 2).repeated(18));
    }
    void genders()
    {
        for (int code : {0, 1, 2, 9}) {
            IdCard c = sample(0);
            c.genderCode = code;
            const auto parsed = parseTextBlock(bytesOf(encodeTextBlock(c)));
            QVERIFY(parsed.card);
            QCOMPARE(parsed.card->genderCode, code);
        }
        IdCard c;
        c.genderCode = 9;
        QCOMPARE(c.genderName(), QStringLiteral("未说明"));
        c.genderCode = 0;
        QCOMPARE(c.genderName(), QStringLiteral("未知"));
    }
    void nations()
    {
        int known = 0;
        for (int i = 0; i <= 99; ++i) {
            const QString code = QStringLiteral("%1").arg(i, 2, 10, QLatin1Char('0'));
            if (!nationName(code).isEmpty())
                ++known;
        }
        QCOMPARE(known, 58); // 56 nations + 97 其他 + 98 外国血统
        QCOMPARE(nationName(u"05"), QStringLiteral("维吾尔"));
        QCOMPARE(nationName(u"56"), QStringLiteral("基诺"));
        QCOMPARE(nationName(u"98"), QStringLiteral("外国血统"));
        QVERIFY(nationName(u"57").isEmpty());
    }
    void malformed_data()
    {
        QTest::addColumn<QByteArray>("block");
        QTest::addColumn<int>("error");
        const QByteArray good = encodeTextBlock(sample(0));
        QTest::newRow("size") << good.left(255) << int(TextError::WrongSize);
        QTest::newRow("empty-name") << withField(good, 0, 30, QString()) << int(TextError::EmptyName);
        QTest::newRow("control-char") << withField(good, 52, 70, QStringLiteral("福建\x01")) << int(TextError::BadCharacters);
        // A name that would reorder what the screen shows (right-to-left override).
        QTest::newRow("bidi-override") << withField(good, 0, 30, QStringLiteral("张\u202E伟")) << int(TextError::BadCharacters);
        QTest::newRow("lone-surrogate") << withField(good, 0, 30, QString(QChar(0xD800))) << int(TextError::BadCharacters);
        QTest::newRow("gender-3") << withField(good, 30, 2, QStringLiteral("3")) << int(TextError::BadGenderCode);
        QTest::newRow("nation-00") << withField(good, 32, 4, QStringLiteral("00")) << int(TextError::BadNationCode);
        QTest::newRow("nation-99") << withField(good, 32, 4, QStringLiteral("99")) << int(TextError::BadNationCode);
        QTest::newRow("birth") << withField(good, 36, 16, QStringLiteral("1985031")) << int(TextError::BadBirthDate);
        QTest::newRow("birth-date") << withField(good, 36, 16, QStringLiteral("19850231")) << int(TextError::BadBirthDate);
        QTest::newRow("id-check") << withField(good, 122, 36, QStringLiteral("350102198503122137")) << int(TextError::BadIdNumber);
        QTest::newRow("id-short") << withField(good, 122, 36, QStringLiteral("3501021985")) << int(TextError::BadIdNumber);
        QTest::newRow("birth-mismatch") << withField(good, 36, 16, QStringLiteral("19850313")) << int(TextError::BirthDateMismatch);
        QTest::newRow("from") << withField(good, 188, 16, QStringLiteral("2016-5-2")) << int(TextError::BadValidFrom);
        QTest::newRow("to") << withField(good, 204, 16, QStringLiteral("长久")) << int(TextError::BadValidTo);
        QTest::newRow("to-before-from") << withField(good, 204, 16, QStringLiteral("20060520")) << int(TextError::BadValidTo);
    }
    void malformed()
    {
        QFETCH(QByteArray, block);
        QFETCH(int, error);
        const auto parsed = parseTextBlock(bytesOf(block));
        QVERIFY(!parsed.card);
        QCOMPARE(int(parsed.error), error);
        QVERIFY(!parsed.detail.isEmpty());
        QVERIFY(textErrorName(parsed.error).startsWith(QLatin1String("text-")));
    }
    void nulPadding()
    {
        // Some readers pad with NUL instead of spaces.
        QByteArray block = encodeTextBlock(sample(0));
        block.replace(QByteArray(" \0", 2), QByteArray(2, '\0'));
        const auto parsed = parseTextBlock(bytesOf(block));
        QVERIFY2(parsed.card, qPrintable(parsed.detail));
        QCOMPARE(parsed.card->name, QStringLiteral("张伟"));
    }
    void jsonMasksByDefault()
    {
        const IdCard c = sample(3);
        const QJsonObject masked = c.toJson();
        QCOMPARE(masked.value(QStringLiteral("idNumber")).toString(), QStringLiteral("6501**********0687"));
        QCOMPARE(masked.value(QStringLiteral("photoBytes")).toInt(), 1024);
        QVERIFY(!masked.contains(QStringLiteral("photo")));
        QCOMPARE(c.toJson(true).value(QStringLiteral("idNumber")).toString(), QStringLiteral("650102200105190687"));
    }
    void wipe()
    {
        IdCard c = sample(0);
        const QByteArray shared = c.photo; // another holder of the same bytes
        c.wipe();
        QVERIFY(c.name.isEmpty());
        QVERIFY(c.idNumber.isEmpty());
        QVERIFY(c.photo.isEmpty());
        QVERIFY(!c.isValid());
        QCOMPARE(shared.size(), 1024); // other copies are their holders' business
    }
};

QTEST_GUILESS_MAIN(TestIdCardText)
#include "tst_idcardtext.moc"
