// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/idcard/idnumber.h"

#include <array>

namespace kiosk::devices::idcard {

namespace {
// GB 11643: weight of digit i is 2^(17-i) mod 11.
constexpr std::array<int, 17> kWeights{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr char kCheck[] = "10X98765432";

bool allDigits(QStringView s)
{
    for (QChar c : s) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return false;
    }
    return true;
}
} // namespace

QString idNumberErrorName(IdNumberError error)
{
    switch (error) {
    case IdNumberError::None: return QStringLiteral("ok");
    case IdNumberError::WrongLength: return QStringLiteral("id-wrong-length");
    case IdNumberError::BadCharacter: return QStringLiteral("id-bad-character");
    case IdNumberError::BadBirthDate: return QStringLiteral("id-bad-birth-date");
    case IdNumberError::BadCheckCharacter: return QStringLiteral("id-bad-check-character");
    }
    return QStringLiteral("unknown");
}

std::optional<QChar> idCheckCharacter(QStringView first17)
{
    if (first17.size() != 17 || !allDigits(first17))
        return std::nullopt;
    int sum = 0;
    for (int i = 0; i < 17; ++i)
        sum += (first17[i].unicode() - '0') * kWeights[std::size_t(i)];
    return QLatin1Char(kCheck[sum % 11]);
}

std::optional<QDate> birthDateOfIdNumber(QStringView idNumber)
{
    if (idNumber.size() < 14 || !allDigits(idNumber.mid(6, 8)))
        return std::nullopt;
    const QDate d(idNumber.mid(6, 4).toInt(), idNumber.mid(10, 2).toInt(), idNumber.mid(12, 2).toInt());
    if (!d.isValid())
        return std::nullopt;
    return d;
}

IdNumberError validateIdNumber(QStringView idNumber)
{
    if (idNumber.size() != 18)
        return IdNumberError::WrongLength;
    const QChar last = idNumber[17].toUpper();
    if (!allDigits(idNumber.left(17)) || !((last >= QLatin1Char('0') && last <= QLatin1Char('9')) || last == QLatin1Char('X')))
        return IdNumberError::BadCharacter;
    if (!birthDateOfIdNumber(idNumber))
        return IdNumberError::BadBirthDate;
    if (*idCheckCharacter(idNumber.left(17)) != last)
        return IdNumberError::BadCheckCharacter;
    return IdNumberError::None;
}

} // namespace kiosk::devices::idcard
