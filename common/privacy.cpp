// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/privacy.h"

#include <QRegularExpression>

namespace kiosk::privacy {

QString maskIdNumber(const QString &idNumber)
{
    const qsizetype n = idNumber.size();
    if (n >= 15) // GB 11643: keep the 4-digit area prefix and the last 4 (sequence + check)
        return idNumber.left(4) + QString(n - 8, QLatin1Char('*')) + idNumber.right(4);
    const qsizetype keep = n / 4;
    return idNumber.left(keep) + QString(n - keep, QLatin1Char('*'));
}

QString maskPhone(const QString &phone)
{
    if (phone.size() >= 7)
        return phone.left(3) + QString(phone.size() - 7, QLatin1Char('*')) + phone.right(4);
    return QString(phone.size(), QLatin1Char('*'));
}

QString maskBankCard(const QString &cardNumber)
{
    const QString digits = QString(cardNumber).remove(QLatin1Char(' '));
    if (digits.size() >= 12)
        return digits.left(4) + QStringLiteral(" **** **** ") + digits.right(4);
    if (digits.size() > 4)
        return QString(digits.size() - 4, QLatin1Char('*')) + digits.right(4);
    return QString(digits.size(), QLatin1Char('*'));
}

QString maskName(const QString &name)
{
    if (name.size() <= 1)
        return name;
    return name.left(1) + QString(name.size() - 1, QLatin1Char('*'));
}

QString maskPersonalData(const QString &text)
{
    // Digit runs not glued to other digits: an 18-char ID (last may be X/x), a 15-digit old ID,
    // a 16–19 digit bank card number, or an 11-digit mobile number starting with 1[3-9]. An
    // 18-digit run is masked as an ID number: either way only 4 + 4 digits stay.
    static const QRegularExpression re(QStringLiteral(
        "(?<![0-9A-Za-z])(?:([0-9]{17}[0-9Xx])|([0-9]{15})|(1[3-9][0-9]{9})|([0-9]{16,19}))(?![0-9A-Za-z])"));
    QString out;
    out.reserve(text.size());
    qsizetype last = 0;
    auto it = re.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        out += QStringView(text).mid(last, m.capturedStart() - last);
        out += m.capturedLength(3) ? maskPhone(m.captured())
             : m.capturedLength(4) ? maskBankCard(m.captured())
                                   : maskIdNumber(m.captured());
        last = m.capturedEnd();
    }
    if (last == 0)
        return text;
    out += QStringView(text).mid(last);
    return out;
}

} // namespace kiosk::privacy
