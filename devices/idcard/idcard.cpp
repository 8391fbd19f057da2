// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/idcard/idcard.h"
#include "common/plaintext.h"
#include "common/privacy.h"

#include <QJsonValue>

#include <algorithm>
#include <array>
#include <cstring>

namespace kiosk::devices::idcard {

namespace {

// Field layout of the 256-byte text block: byte offset and size (UCS-2LE, space-padded).
struct Field {
    int offset;
    int size;
};
constexpr Field kName{0, 30};
constexpr Field kGender{30, 2};
constexpr Field kNation{32, 4};
constexpr Field kBirth{36, 16};
constexpr Field kAddress{52, 70};
constexpr Field kIdNumber{122, 36};
constexpr Field kAuthority{158, 30};
constexpr Field kValidFrom{188, 16};
constexpr Field kValidTo{204, 16};
constexpr int kTextSize = 256;

struct Nation {
    const char *code;
    const char16_t *name;
};
// GB 3304-1991 (+ 97 其他, 98 外国血统).
constexpr Nation kNations[] = {
    {"01", u"汉"}, {"02", u"蒙古"}, {"03", u"回"}, {"04", u"藏"}, {"05", u"维吾尔"}, {"06", u"苗"},
    {"07", u"彝"}, {"08", u"壮"}, {"09", u"布依"}, {"10", u"朝鲜"}, {"11", u"满"}, {"12", u"侗"},
    {"13", u"瑶"}, {"14", u"白"}, {"15", u"土家"}, {"16", u"哈尼"}, {"17", u"哈萨克"}, {"18", u"傣"},
    {"19", u"黎"}, {"20", u"傈僳"}, {"21", u"佤"}, {"22", u"畲"}, {"23", u"高山"}, {"24", u"拉祜"},
    {"25", u"水"}, {"26", u"东乡"}, {"27", u"纳西"}, {"28", u"景颇"}, {"29", u"柯尔克孜"}, {"30", u"土"},
    {"31", u"达斡尔"}, {"32", u"仫佬"}, {"33", u"羌"}, {"34", u"布朗"}, {"35", u"撒拉"}, {"36", u"毛南"},
    {"37", u"仡佬"}, {"38", u"锡伯"}, {"39", u"阿昌"}, {"40", u"普米"}, {"41", u"塔吉克"}, {"42", u"怒"},
    {"43", u"乌孜别克"}, {"44", u"俄罗斯"}, {"45", u"鄂温克"}, {"46", u"德昂"}, {"47", u"保安"},
    {"48", u"裕固"}, {"49", u"京"}, {"50", u"塔塔尔"}, {"51", u"独龙"}, {"52", u"鄂伦春"}, {"53", u"赫哲"},
    {"54", u"门巴"}, {"55", u"珞巴"}, {"56", u"基诺"}, {"97", u"其他"}, {"98", u"外国血统"},
};

const char16_t kForever[] = u"长期";

QString field(std::span<const std::uint8_t> text, Field f)
{
    QString s(f.size / 2, Qt::Uninitialized);
    for (int i = 0; i < f.size / 2; ++i) {
        const auto at = std::size_t(f.offset + 2 * i);
        s[i] = QChar(char16_t(text[at] | text[at + 1] << 8));
    }
    // Padding is spaces; some readers pad with NUL.
    qsizetype end = s.size();
    while (end > 0 && (s[end - 1] == QLatin1Char(' ') || s[end - 1].unicode() == 0))
        --end;
    s.truncate(end);
    return s;
}

bool cleanText(const QString &s)
{
    // Anyone can hold a card (or a device posing as a reader) to the pad: nothing in it may steer
    // the screen, so bidi overrides and marks are refused like control characters.
    if (!isPlainText(s))
        return false;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s[i];
        if (c.unicode() < 0x20 || c.unicode() == 0x7F)
            return false;
        if (c.isHighSurrogate()) {
            if (i + 1 >= s.size() || !s[i + 1].isLowSurrogate())
                return false;
            ++i;
        } else if (c.isLowSurrogate()) {
            return false;
        }
    }
    return true;
}

std::optional<QDate> parseDate(const QString &s)
{
    if (s.size() != 8)
        return std::nullopt;
    for (QChar c : s) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return std::nullopt;
    }
    const QDate d(QStringView(s).mid(0, 4).toInt(), QStringView(s).mid(4, 2).toInt(), QStringView(s).mid(6, 2).toInt());
    if (!d.isValid())
        return std::nullopt;
    return d;
}

void put(QByteArray &block, Field f, const QString &value)
{
    for (int i = 0; i < f.size / 2; ++i) {
        const char16_t c = i < value.size() ? value[i].unicode() : u' ';
        block[f.offset + 2 * i] = char(c & 0xFF);
        block[f.offset + 2 * i + 1] = char(c >> 8);
    }
}

} // namespace

QString nationName(QStringView code)
{
    for (const auto &n : kNations) {
        if (code == QLatin1String(n.code))
            return QString::fromUtf16(n.name);
    }
    return {};
}

QString IdCard::genderName() const
{
    switch (genderCode) {
    case 1: return QStringLiteral("男");
    case 2: return QStringLiteral("女");
    case 9: return QStringLiteral("未说明");
    default: return QStringLiteral("未知");
    }
}

QString IdCard::idNumberMasked() const
{
    return privacy::maskIdNumber(idNumber);
}

bool IdCard::isExpired(QDate today) const
{
    return !validForever && validTo.isValid() && today > validTo;
}

QJsonObject IdCard::toJson(bool unmasked) const
{
    QJsonObject o;
    o.insert(QStringLiteral("name"), name);
    o.insert(QStringLiteral("gender"), genderName());
    o.insert(QStringLiteral("genderCode"), genderCode);
    o.insert(QStringLiteral("nation"), nation);
    o.insert(QStringLiteral("nationCode"), nationCode);
    o.insert(QStringLiteral("birthDate"), birthDate.toString(Qt::ISODate));
    o.insert(QStringLiteral("address"), address);
    o.insert(QStringLiteral("idNumber"), unmasked ? idNumber : idNumberMasked());
    o.insert(QStringLiteral("authority"), authority);
    o.insert(QStringLiteral("validFrom"), validFrom.toString(Qt::ISODate));
    o.insert(QStringLiteral("validTo"), validForever ? QStringLiteral("长期") : validTo.toString(Qt::ISODate));
    o.insert(QStringLiteral("expired"), isExpiredToday());
    o.insert(QStringLiteral("photoBytes"), int(photo.size()));
    return o;
}

void wipeBuffer(QByteArray &bytes)
{
    // Static data (literals) and shared buffers are not ours to overwrite.
    if (!bytes.isEmpty() && bytes.isDetached())
        explicit_bzero(bytes.data(), std::size_t(bytes.size()));
    bytes = QByteArray();
}

void wipeString(QString &text)
{
    if (!text.isEmpty() && text.isDetached())
        explicit_bzero(text.data(), std::size_t(text.size()) * sizeof(QChar));
    text = QString();
}

void IdCard::wipe()
{
    wipeBuffer(photo);
    for (QString *s : {&name, &nationCode, &nation, &address, &idNumber, &authority})
        wipeString(*s);
    *this = IdCard{};
}

QString textErrorName(TextError error)
{
    switch (error) {
    case TextError::None: return QStringLiteral("ok");
    case TextError::WrongSize: return QStringLiteral("text-wrong-size");
    case TextError::EmptyName: return QStringLiteral("text-empty-name");
    case TextError::BadCharacters: return QStringLiteral("text-bad-characters");
    case TextError::BadGenderCode: return QStringLiteral("text-bad-gender-code");
    case TextError::BadNationCode: return QStringLiteral("text-bad-nation-code");
    case TextError::BadBirthDate: return QStringLiteral("text-bad-birth-date");
    case TextError::BadIdNumber: return QStringLiteral("text-bad-id-number");
    case TextError::BirthDateMismatch: return QStringLiteral("text-birth-date-mismatch");
    case TextError::BadValidFrom: return QStringLiteral("text-bad-valid-from");
    case TextError::BadValidTo: return QStringLiteral("text-bad-valid-to");
    }
    return QStringLiteral("unknown");
}

ParsedText parseTextBlock(std::span<const std::uint8_t> text)
{
    ParsedText out;
    auto fail = [&](TextError e, QString detail) {
        out.error = e;
        out.detail = std::move(detail);
        return out;
    };
    if (text.size() != std::size_t(kTextSize))
        return fail(TextError::WrongSize, QStringLiteral("%1 bytes, expected 256").arg(text.size()));

    IdCard c;
    QString gender, birth, from, to;
    // A refused block still held a resident's data: nothing of it is freed unwiped.
    struct Wipe {
        IdCard &card;
        std::initializer_list<QString *> fields;
        bool keep = false;
        ~Wipe()
        {
            for (QString *f : fields)
                wipeString(*f);
            if (!keep)
                card.wipe();
        }
    } wipe{c, {&gender, &birth, &from, &to}};
    c.name = field(text, kName);
    gender = field(text, kGender);
    c.nationCode = field(text, kNation);
    birth = field(text, kBirth);
    c.address = field(text, kAddress);
    c.idNumber = field(text, kIdNumber);
    c.authority = field(text, kAuthority);
    from = field(text, kValidFrom);
    to = field(text, kValidTo);

    for (const QString *s : std::initializer_list<const QString *>{&c.name, &gender, &c.nationCode, &birth, &c.address, &c.idNumber, &c.authority, &from, &to}) {
        if (!cleanText(*s))
            return fail(TextError::BadCharacters, QStringLiteral("a field holds control characters or broken UTF-16"));
    }
    if (c.name.isEmpty())
        return fail(TextError::EmptyName, QStringLiteral("the name field is empty"));
    if (gender.size() != 1 || !QStringLiteral("0129").contains(gender[0]))
        return fail(TextError::BadGenderCode, QStringLiteral("gender code \"%1\" is not 0, 1, 2 or 9").arg(gender));
    c.genderCode = gender[0].unicode() - '0';
    c.nation = nationName(c.nationCode);
    if (c.nation.isEmpty())
        return fail(TextError::BadNationCode, QStringLiteral("nation code \"%1\" is not in GB 3304").arg(c.nationCode));
    const auto birthDate = parseDate(birth);
    if (!birthDate)
        return fail(TextError::BadBirthDate, QStringLiteral("birth date \"%1\" is not YYYYMMDD").arg(birth));
    c.birthDate = *birthDate;
    if (const auto e = validateIdNumber(c.idNumber); e != IdNumberError::None)
        return fail(TextError::BadIdNumber, idNumberErrorName(e));
    if (c.idNumber[17] == QLatin1Char('x'))
        c.idNumber[17] = QLatin1Char('X');
    if (birthDateOfIdNumber(c.idNumber) != c.birthDate)
        return fail(TextError::BirthDateMismatch, QStringLiteral("the ID number's birth date differs from the birth-date field"));
    const auto validFrom = parseDate(from);
    if (!validFrom)
        return fail(TextError::BadValidFrom, QStringLiteral("valid-from \"%1\" is not YYYYMMDD").arg(from));
    c.validFrom = *validFrom;
    if (to == QStringView(kForever)) {
        c.validForever = true;
    } else if (const auto validTo = parseDate(to); validTo && *validTo >= c.validFrom) {
        c.validTo = *validTo;
    } else {
        return fail(TextError::BadValidTo, QStringLiteral("valid-to \"%1\" is neither a date after valid-from nor 长期").arg(to));
    }
    out.card = c; // shares every buffer: the guard's wipe of c only lets go of them
    wipe.keep = true;
    return out;
}

QByteArray encodeTextBlock(const IdCard &card)
{
    QByteArray block(kTextSize, '\0');
    // The reserved tail is spaces on real cards, like every padded field.
    put(block, {0, kTextSize}, QString());
    put(block, kName, card.name);
    put(block, kGender, QString::number(card.genderCode));
    put(block, kNation, card.nationCode);
    put(block, kBirth, card.birthDate.toString(QStringLiteral("yyyyMMdd")));
    put(block, kAddress, card.address);
    put(block, kIdNumber, card.idNumber);
    put(block, kAuthority, card.authority);
    put(block, kValidFrom, card.validFrom.toString(QStringLiteral("yyyyMMdd")));
    put(block, kValidTo, card.validForever ? QString::fromUtf16(kForever) : card.validTo.toString(QStringLiteral("yyyyMMdd")));
    return block;
}

} // namespace kiosk::devices::idcard
