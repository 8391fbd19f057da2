// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "services/catalog/catalogparser.h"

#include <QDate>
#include <QHash>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

/**
 * Forms as data (docs/forms-format.md): what each catalog item asks the resident, with the rules
 * every answer must meet and where the ID card fills it in.
 */
namespace kiosk::forms {

enum class FieldType { Text, Number, Date, Phone, IdNumber, BankCard, Choice, MultiChoice, Address, YesNo, Consent };

[[nodiscard]] QString fieldTypeName(FieldType t);

struct Option {
    QString value;
    QString label;
    QString labelEn;
    /** The person the form is about must be at least this old to choose it (0: no rule). Their
     *  age comes from the birth date the ID card gave, or the one inside the ID number typed. */
    int minAge = 0;
};

/** A date bound: absolute, or relative to the day the form is filled in. */
struct DateBound {
    std::optional<QDate> absolute;
    int years = 0, months = 0, days = 0; ///< offsets from today when not absolute
    [[nodiscard]] QDate resolve(const QDate &today) const;
};

struct Field {
    QString id;
    FieldType type = FieldType::Text;
    QString label;
    QString labelEn;
    QString purpose;
    QString placeholder;
    bool required = true;
    int minLength = 1;
    int maxLength = 100;
    QString pattern;
    QString patternMessage;
    double min = 0, max = 1e9;
    int decimals = 0;
    std::optional<DateBound> minDate, maxDate;
    std::vector<Option> options;
    int minChoices = 0, maxChoices = 0;
    QString prefill; ///< name, idNumber, gender, birthDate, address, nation — or empty
    QString consentText;
    QStringList phrases; ///< text fields: common phrases a resident can tap instead of typing
};

struct Form {
    QString id;
    QString title;
    QString titleEn;
    std::vector<Field> fields;
    [[nodiscard]] const Field *field(const QString &fieldId) const;
};

class FormSet
{
public:
    QString version;
    std::vector<Form> forms;
    [[nodiscard]] const Form *form(const QString &formId) const;
    void reindex();

private:
    QHash<QString, int> m_byId;
};

/** Problems are reported as for the catalog: where is the form id (or index), field the path. */
using catalog::Problem;

struct FormParseResult {
    std::optional<FormSet> forms;
    std::vector<Problem> problems;
    [[nodiscard]] int errorCount() const;
};

/** The 12345 hotline's suggestion form: used by the terminal itself, not by a catalog item. */
[[nodiscard]] inline QString suggestionFormId() { return QStringLiteral("hotline-12345"); }

/**
 * Parses and checks a forms file. Labels, purposes, placeholders and consent texts are checked
 * against @p deviceKinds like the catalog's texts (empty: the kinds this program drives).
 */
[[nodiscard]] FormParseResult parseForms(const QByteArray &json, const QStringList &deviceKinds = {});
[[nodiscard]] FormParseResult loadFormsFile(const QString &path, const QStringList &deviceKinds = {});
[[nodiscard]] QString builtInFormsPath();

/** Every terminal/collect item's form must exist in @p forms; every form should be used. */
[[nodiscard]] std::vector<Problem> crossCheck(const catalog::Catalog &catalog, const FormSet &forms);

// --- answers -----------------------------------------------------------------------------------

struct FieldError {
    QString field;
    QString message; ///< plain words for the resident, in the current language
};

/** Checks one answer (null/empty = not answered). Empty message when it is fine. */
[[nodiscard]] QString validateValue(const Field &field, const QJsonValue &value, const QDate &today);

/**
 * The age on @p today of the person the form is about: from the form's birth date (filled from the
 * card or entered), else from the birth date inside its ID number. Empty when the form has neither
 * answered (or the date is not real).
 */
[[nodiscard]] std::optional<int> subjectAge(const Form &form, const QJsonObject &answers, const QDate &today);

/** Whether @p form can know the age of the person it is about (it asks a birth date or an ID number). */
[[nodiscard]] bool knowsSubjectAge(const Form &form);

/** Checks a choice's age rule (Option::minAge) against @p age. Empty when fine or the age is unknown. */
[[nodiscard]] QString validateAgeRule(const Field &field, const QJsonValue &value, std::optional<int> age);

/** Checks every field of @p form against @p answers (field id → value). Every error is returned. */
[[nodiscard]] std::vector<FieldError> validateAnswers(const Form &form, const QJsonObject &answers, const QDate &today);

} // namespace kiosk::forms
