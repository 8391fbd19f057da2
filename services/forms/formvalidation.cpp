// SPDX-License-Identifier: GPL-3.0-or-later
// Checking a resident's answers. Messages are plain words shown beside the field (and spoken):
// they name the field and say what to do, never only "invalid".
#include "devices/idcard/idnumber.h"
#include "services/forms/formdefinition.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace kiosk::forms {

namespace {

bool isEmpty(const QJsonValue &v)
{
    return v.isNull() || v.isUndefined() || (v.isString() && v.toString().trimmed().isEmpty())
        || (v.isArray() && v.toArray().isEmpty());
}

QString checkPhone(const QString &s)
{
    static const QRegularExpression mobile(QStringLiteral("^1[3-9][0-9]{9}$"));
    static const QRegularExpression landline(QStringLiteral("^0[0-9]{2,3}-?[0-9]{7,8}$"));
    if (mobile.match(s).hasMatch() || landline.match(s).hasMatch())
        return {};
    return QCoreApplication::translate("kiosk::forms", "Enter an 11-digit mobile number, or a landline with its area code (e.g. 0591-87654321).");
}

} // namespace

QString validateValue(const Field &f, const QJsonValue &value, const QDate &today)
{
    const bool required = f.required || f.type == FieldType::Consent;
    if (isEmpty(value)) {
        if (!required)
            return {};
        if (f.type == FieldType::Consent)
            return QCoreApplication::translate("kiosk::forms", "Please read and agree to this before submitting.");
        if (f.type == FieldType::Choice || f.type == FieldType::MultiChoice || f.type == FieldType::YesNo)
            return QCoreApplication::translate("kiosk::forms", "Please choose %1.").arg(f.label);
        return QCoreApplication::translate("kiosk::forms", "Please fill in %1.").arg(f.label);
    }
    switch (f.type) {
    case FieldType::Text:
    case FieldType::Address: {
        if (!value.isString())
            return QCoreApplication::translate("kiosk::forms", "%1 must be text.").arg(f.label);
        const QString s = value.toString().trimmed();
        if (s.size() < f.minLength)
            return QCoreApplication::translate("kiosk::forms", "%1 is too short: at least %2 characters.").arg(f.label).arg(f.minLength);
        if (s.size() > f.maxLength)
            return QCoreApplication::translate("kiosk::forms", "%1 is too long: at most %2 characters.").arg(f.label).arg(f.maxLength);
        if (!f.pattern.isEmpty()) {
            const QRegularExpression re(QRegularExpression::anchoredPattern(f.pattern));
            if (!re.match(s).hasMatch())
                return f.patternMessage;
        }
        return {};
    }
    case FieldType::Number: {
        double d = 0;
        if (value.isDouble()) {
            d = value.toDouble();
        } else if (value.isString()) {
            bool ok = false;
            d = value.toString().trimmed().toDouble(&ok);
            if (!ok)
                return QCoreApplication::translate("kiosk::forms", "%1 must be a number.").arg(f.label);
        } else {
            return QCoreApplication::translate("kiosk::forms", "%1 must be a number.").arg(f.label);
        }
        if (!std::isfinite(d))
            return QCoreApplication::translate("kiosk::forms", "%1 must be a number.").arg(f.label);
        const double scale = std::pow(10.0, f.decimals);
        if (std::abs(d * scale - std::round(d * scale)) > 1e-6)
            return f.decimals == 0 ? QCoreApplication::translate("kiosk::forms", "%1 must be a whole number.").arg(f.label)
                                   : QCoreApplication::translate("kiosk::forms", "%1: at most %2 digits after the decimal point.").arg(f.label).arg(f.decimals);
        if (d < f.min || d > f.max)
            return QCoreApplication::translate("kiosk::forms", "%1 must be between %2 and %3.").arg(f.label).arg(f.min).arg(f.max);
        return {};
    }
    case FieldType::Date: {
        const QDate d = value.isString() ? QDate::fromString(value.toString(), Qt::ISODate) : QDate();
        if (!d.isValid() || value.toString().size() != 10)
            return QCoreApplication::translate("kiosk::forms", "%1 is not a real date.").arg(f.label);
        if (f.minDate && d < f.minDate->resolve(today))
            return QCoreApplication::translate("kiosk::forms", "%1 cannot be before %2.").arg(f.label, f.minDate->resolve(today).toString(Qt::ISODate));
        if (f.maxDate && d > f.maxDate->resolve(today))
            return QCoreApplication::translate("kiosk::forms", "%1 cannot be after %2.").arg(f.label, f.maxDate->resolve(today).toString(Qt::ISODate));
        return {};
    }
    case FieldType::Phone:
        return value.isString() ? checkPhone(value.toString().trimmed()) : QCoreApplication::translate("kiosk::forms", "%1 must be a phone number.").arg(f.label);
    case FieldType::IdNumber: {
        if (!value.isString())
            return QCoreApplication::translate("kiosk::forms", "%1 must be an ID number.").arg(f.label);
        using devices::idcard::IdNumberError;
        switch (devices::idcard::validateIdNumber(value.toString().trimmed())) {
        case IdNumberError::None: return {};
        case IdNumberError::WrongLength: return QCoreApplication::translate("kiosk::forms", "An ID number has 18 characters. Please check %1.").arg(f.label);
        case IdNumberError::BadCharacter: return QCoreApplication::translate("kiosk::forms", "An ID number has 17 digits and a last digit or X. Please check %1.").arg(f.label);
        case IdNumberError::BadBirthDate: return QCoreApplication::translate("kiosk::forms", "The birth date inside %1 is not a real date. Please check it.").arg(f.label);
        case IdNumberError::BadCheckCharacter: return QCoreApplication::translate("kiosk::forms", "%1 does not add up: one of its characters is wrong. Please check it against the card.").arg(f.label);
        }
        return {};
    }
    case FieldType::BankCard: {
        // 16–19 digits (UnionPay debit cards). No Luhn check: some domestic debit cards do not
        // carry a Luhn check digit, and refusing a resident's real card is worse than a typo
        // caught by the department.
        static const QRegularExpression digits(QStringLiteral("^[0-9]{16,19}$"));
        if (!value.isString() || !digits.match(value.toString().trimmed()).hasMatch())
            return QCoreApplication::translate("kiosk::forms", "A bank card number has 16 to 19 digits. Please check %1 against the card.").arg(f.label);
        if (!f.pattern.isEmpty()) {
            const QRegularExpression re(QRegularExpression::anchoredPattern(f.pattern));
            if (!re.match(value.toString().trimmed()).hasMatch())
                return f.patternMessage;
        }
        return {};
    }
    case FieldType::Choice: {
        const QString s = value.toString();
        for (const Option &o : f.options) {
            if (o.value == s)
                return {};
        }
        return QCoreApplication::translate("kiosk::forms", "Please choose one of the options for %1.").arg(f.label);
    }
    case FieldType::MultiChoice: {
        if (!value.isArray())
            return QCoreApplication::translate("kiosk::forms", "Please choose from the options for %1.").arg(f.label);
        QSet<QString> allowed, chosen;
        for (const Option &o : f.options)
            allowed.insert(o.value);
        for (const QJsonValue &v : value.toArray()) {
            if (!allowed.contains(v.toString()) || chosen.contains(v.toString()))
                return QCoreApplication::translate("kiosk::forms", "Please choose from the options for %1.").arg(f.label);
            chosen.insert(v.toString());
        }
        if (chosen.size() < f.minChoices)
            return QCoreApplication::translate("kiosk::forms", "Choose at least %n option(s) for %1.", nullptr, f.minChoices).arg(f.label);
        if (f.maxChoices > 0 && chosen.size() > f.maxChoices)
            return QCoreApplication::translate("kiosk::forms", "Choose at most %n option(s) for %1.", nullptr, f.maxChoices).arg(f.label);
        return {};
    }
    case FieldType::YesNo:
        return value.isBool() ? QString() : QCoreApplication::translate("kiosk::forms", "Please answer yes or no for %1.").arg(f.label);
    case FieldType::Consent:
        return value.isBool() && value.toBool() ? QString() : QCoreApplication::translate("kiosk::forms", "Please read and agree to this before submitting.");
    }
    return {};
}

namespace {

bool isSubjectIdNumber(const Field &f)
{
    return f.type == FieldType::IdNumber && (f.prefill == QLatin1String("idNumber") || f.id == QLatin1String("idNumber"));
}

bool isSubjectBirthDate(const Field &f)
{
    return f.type == FieldType::Date && f.prefill == QLatin1String("birthDate");
}

} // namespace

bool knowsSubjectAge(const Form &form)
{
    return std::any_of(form.fields.begin(), form.fields.end(),
                       [](const Field &f) { return isSubjectBirthDate(f) || isSubjectIdNumber(f); });
}

std::optional<int> subjectAge(const Form &form, const QJsonObject &answers, const QDate &today)
{
    std::optional<QDate> born;
    for (const Field &f : form.fields) {
        if (isSubjectBirthDate(f)) {
            const QDate d = QDate::fromString(answers.value(f.id).toString(), Qt::ISODate);
            if (d.isValid())
                born = d;
        }
    }
    if (!born) {
        for (const Field &f : form.fields) {
            const QString id = answers.value(f.id).toString().trimmed();
            if (isSubjectIdNumber(f) && devices::idcard::validateIdNumber(id) == devices::idcard::IdNumberError::None)
                born = devices::idcard::birthDateOfIdNumber(id);
        }
    }
    if (!born || !born->isValid() || *born > today)
        return std::nullopt;
    int age = today.year() - born->year();
    if (today.month() < born->month() || (today.month() == born->month() && today.day() < born->day()))
        --age;
    return age;
}

QString validateAgeRule(const Field &f, const QJsonValue &value, std::optional<int> age)
{
    if (f.type != FieldType::Choice || !age || !value.isString())
        return {};
    for (const Option &o : f.options) {
        if (o.value == value.toString() && o.minAge > 0 && *age < o.minAge)
            //: %1 the option chosen (e.g. 到龄正常退休), %2 its minimum age, %3 the resident's age
            return QCoreApplication::translate("kiosk::forms", "“%1” is only for people aged %2 or over; by the birth date in the ID number you are %3. Please choose another option, or ask the staff.")
                .arg(o.label).arg(o.minAge).arg(*age);
    }
    return {};
}

std::vector<FieldError> validateAnswers(const Form &form, const QJsonObject &answers, const QDate &today)
{
    std::vector<FieldError> errors;
    const std::optional<int> age = subjectAge(form, answers, today);
    for (const Field &f : form.fields) {
        QString message = validateValue(f, answers.value(f.id), today);
        if (message.isEmpty())
            message = validateAgeRule(f, answers.value(f.id), age);
        if (!message.isEmpty())
            errors.push_back({f.id, message});
    }
    return errors;
}

} // namespace kiosk::forms
