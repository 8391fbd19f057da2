// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/forms/formdefinition.h"
#include "services/catalog/catalog.h"
#include "services/catalog/devicepromises.h"
#include "services/json/jsonreader.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace kiosk::forms {

using json::Kind;
using json::Reader;
using json::typeName;

QString fieldTypeName(FieldType t)
{
    switch (t) {
    case FieldType::Text: return QStringLiteral("text");
    case FieldType::Number: return QStringLiteral("number");
    case FieldType::Date: return QStringLiteral("date");
    case FieldType::Phone: return QStringLiteral("phone");
    case FieldType::IdNumber: return QStringLiteral("idNumber");
    case FieldType::BankCard: return QStringLiteral("bankCard");
    case FieldType::Choice: return QStringLiteral("choice");
    case FieldType::MultiChoice: return QStringLiteral("multiChoice");
    case FieldType::Address: return QStringLiteral("address");
    case FieldType::YesNo: return QStringLiteral("yesNo");
    case FieldType::Consent: return QStringLiteral("consent");
    }
    return {};
}

QDate DateBound::resolve(const QDate &today) const
{
    if (absolute)
        return *absolute;
    return today.addYears(years).addMonths(months).addDays(days);
}

const Field *Form::field(const QString &fieldId) const
{
    for (const Field &f : fields) {
        if (f.id == fieldId)
            return &f;
    }
    return nullptr;
}

const Form *FormSet::form(const QString &formId) const
{
    const auto it = m_byId.constFind(formId);
    return it == m_byId.cend() ? nullptr : &forms[size_t(*it)];
}

void FormSet::reindex()
{
    m_byId.clear();
    for (int i = 0; i < int(forms.size()); ++i)
        m_byId.insert(forms[size_t(i)].id, i);
}

int FormParseResult::errorCount() const
{
    return int(std::count_if(problems.begin(), problems.end(), [](const Problem &p) { return p.isError(); }));
}

QString builtInFormsPath()
{
    return QStringLiteral(":/forms/default-forms.json");
}

namespace {

const QRegularExpression &fieldIdPattern()
{
    static const QRegularExpression re(QStringLiteral("^[a-z][A-Za-z0-9]{1,39}$"));
    return re;
}
const QRegularExpression &formIdPattern()
{
    static const QRegularExpression re(QStringLiteral("^[a-z0-9][a-z0-9-]{2,63}$"));
    return re;
}
const QRegularExpression &optionPattern()
{
    static const QRegularExpression re(QStringLiteral("^[a-z0-9_]{1,32}$"));
    return re;
}

std::optional<FieldType> typeFromName(const QString &n)
{
    static const QHash<QString, FieldType> types = {
        {QStringLiteral("text"), FieldType::Text}, {QStringLiteral("number"), FieldType::Number},
        {QStringLiteral("date"), FieldType::Date}, {QStringLiteral("phone"), FieldType::Phone},
        {QStringLiteral("idNumber"), FieldType::IdNumber}, {QStringLiteral("bankCard"), FieldType::BankCard},
        {QStringLiteral("choice"), FieldType::Choice},
        {QStringLiteral("multiChoice"), FieldType::MultiChoice}, {QStringLiteral("address"), FieldType::Address},
        {QStringLiteral("yesNo"), FieldType::YesNo}, {QStringLiteral("consent"), FieldType::Consent},
    };
    const auto it = types.constFind(n);
    return it == types.cend() ? std::nullopt : std::optional(*it);
}

/** "2026-01-31", "today", "today-18y", "today+30d", "today-6m". */
std::optional<DateBound> parseDateBound(const QString &s)
{
    static const QRegularExpression rel(QStringLiteral("^today(?:([+-])([0-9]{1,3})([ymd]))?$"));
    DateBound b;
    if (const auto m = rel.match(s); m.hasMatch()) {
        if (m.capturedLength(1)) {
            const int n = m.captured(2).toInt() * (m.captured(1) == QLatin1String("-") ? -1 : 1);
            (m.captured(3) == QLatin1String("y") ? b.years : m.captured(3) == QLatin1String("m") ? b.months : b.days) = n;
        }
        return b;
    }
    const QDate d = QDate::fromString(s, Qt::ISODate);
    if (!d.isValid() || s.size() != 10)
        return std::nullopt;
    b.absolute = d;
    return b;
}

/** Reads one field's definition on top of @p base (the library entry for a ref). */
Field readField(Reader &r, Field f, bool fromLibrary)
{
    Q_UNUSED(fromLibrary)
    if (r.has(QStringLiteral("type"))) {
        const QString t = r.string(QStringLiteral("type"), true);
        if (const auto type = typeFromName(t)) {
            f.type = *type;
            if (f.type == FieldType::Address) {
                f.minLength = 5;
                f.maxLength = 120;
            }
        } else {
            r.problem(Kind::Invalid, QStringLiteral("type"), QStringLiteral("\"%1\" is not a field type").arg(t));
        }
    }
    auto str = [&r](const char *key, QString &out, int minLen, int maxLen) {
        if (r.has(QLatin1String(key)))
            out = r.string(QLatin1String(key), false, minLen, maxLen);
    };
    str("label", f.label, 1, 20);
    str("labelEn", f.labelEn, 1, 60);
    str("purpose", f.purpose, 4, 80);
    str("placeholder", f.placeholder, 0, 60);
    str("pattern", f.pattern, 1, 200);
    str("patternMessage", f.patternMessage, 2, 80);
    str("prefill", f.prefill, 1, 20);
    str("consentText", f.consentText, 10, 400);
    if (r.has(QStringLiteral("phrases")))
        f.phrases = r.stringList(QStringLiteral("phrases"));
    if (const auto b = r.boolean(QStringLiteral("required")))
        f.required = *b;
    auto integer = [&r](const char *key, int &out, double lo, double hi) {
        if (r.has(QLatin1String(key)))
            out = int(r.number(QLatin1String(key), false, lo, hi, true).value_or(out));
    };
    integer("minLength", f.minLength, 0, 500);
    integer("maxLength", f.maxLength, 1, 500);
    integer("decimals", f.decimals, 0, 2);
    integer("minChoices", f.minChoices, 0, 20);
    integer("maxChoices", f.maxChoices, 0, 20);
    if (r.has(QStringLiteral("min")))
        f.min = r.number(QStringLiteral("min"), false, -1e12, 1e12, false).value_or(f.min);
    if (r.has(QStringLiteral("max")))
        f.max = r.number(QStringLiteral("max"), false, -1e12, 1e12, false).value_or(f.max);
    for (const char *key : {"minDate", "maxDate"}) {
        if (!r.has(QLatin1String(key)))
            continue;
        const QString s = r.string(QLatin1String(key), true);
        const auto b = parseDateBound(s);
        if (!b)
            r.problem(Kind::Invalid, QLatin1String(key), QStringLiteral("\"%1\" must be YYYY-MM-DD or today[±N(y|m|d)]").arg(s));
        else
            (QLatin1String(key) == QLatin1String("minDate") ? f.minDate : f.maxDate) = b;
    }
    if (r.has(QStringLiteral("options"))) {
        f.options.clear();
        if (const auto arr = r.array(QStringLiteral("options"), false)) {
            QSet<QString> values;
            for (qsizetype i = 0; i < arr->size(); ++i) {
                const QString where = QStringLiteral("options[%1]").arg(i);
                if (!arr->at(i).isObject()) {
                    r.problem(Kind::WrongType, where, QStringLiteral("must be an object, not %1").arg(typeName(arr->at(i))));
                    continue;
                }
                std::vector<Problem> sub;
                Reader o(arr->at(i).toObject(), r.where(), sub);
                Option opt{o.string(QStringLiteral("value"), true), o.string(QStringLiteral("label"), true, 1, 30),
                           o.string(QStringLiteral("labelEn"), false, 1, 60)};
                // 16: below it no choice of a form asked at this terminal depends on age.
                opt.minAge = int(o.number(QStringLiteral("minAge"), false, 16, 120, true).value_or(0));
                o.reportUnknownKeys();
                if (!opt.value.isEmpty() && !optionPattern().match(opt.value).hasMatch())
                    o.problem(Kind::Invalid, QStringLiteral("value"), QStringLiteral("\"%1\" must be lower-case letters, digits or _").arg(opt.value));
                else if (values.contains(opt.value))
                    o.problem(Kind::Duplicate, QStringLiteral("value"), QStringLiteral("\"%1\" is listed twice").arg(opt.value));
                values.insert(opt.value);
                for (auto &p : sub) {
                    p.field = r.where() == p.where ? where + QLatin1Char('.') + p.field : p.field;
                    r.problem(p.kind, p.field, p.message);
                }
                f.options.push_back(opt);
            }
        }
    }
    return f;
}

/** The rules that need the whole field (after library entry and overrides are merged). */
void checkField(const Field &f, Reader &r, const QString &path)
{
    auto bad = [&](Kind k, const QString &key, const QString &msg) { r.problem(k, path + key, msg); };
    if (f.label.isEmpty())
        bad(Kind::Missing, QStringLiteral("label"), QStringLiteral("is required"));
    if (f.purpose.isEmpty())
        bad(Kind::Missing, QStringLiteral("purpose"), QStringLiteral("must say why the field is needed"));
    if (f.minLength > f.maxLength)
        bad(Kind::Inconsistent, QStringLiteral("minLength"), QStringLiteral("%1 is more than maxLength %2").arg(f.minLength).arg(f.maxLength));
    if (f.min > f.max)
        bad(Kind::Inconsistent, QStringLiteral("min"), QStringLiteral("%1 is more than max %2").arg(f.min).arg(f.max));
    if (f.pattern.isEmpty() != f.patternMessage.isEmpty())
        bad(Kind::Inconsistent, QStringLiteral("pattern"), QStringLiteral("pattern and patternMessage go together"));
    if (!f.pattern.isEmpty() && !QRegularExpression(f.pattern).isValid())
        bad(Kind::Invalid, QStringLiteral("pattern"), QStringLiteral("is not a valid regular expression: %1").arg(QRegularExpression(f.pattern).errorString()));
    const bool choice = f.type == FieldType::Choice || f.type == FieldType::MultiChoice;
    if (choice && (f.options.size() < 2 || f.options.size() > 20))
        bad(Kind::Invalid, QStringLiteral("options"), QStringLiteral("a %1 field needs 2–20 options").arg(fieldTypeName(f.type)));
    if (!choice && !f.options.empty())
        bad(Kind::Inconsistent, QStringLiteral("options"), QStringLiteral("only choice fields have options"));
    if (f.type == FieldType::MultiChoice && (f.minChoices > f.maxChoices || f.maxChoices > int(f.options.size())))
        bad(Kind::Inconsistent, QStringLiteral("maxChoices"), QStringLiteral("needs minChoices ≤ maxChoices ≤ number of options"));
    if (f.type != FieldType::Choice
        && std::any_of(f.options.begin(), f.options.end(), [](const Option &o) { return o.minAge > 0; }))
        bad(Kind::Inconsistent, QStringLiteral("options"), QStringLiteral("only the options of a choice field take minAge"));
    if (!f.phrases.isEmpty() && f.type != FieldType::Text)
        bad(Kind::Inconsistent, QStringLiteral("phrases"), QStringLiteral("only text fields offer common phrases"));
    for (const QString &p : f.phrases)
        if (p.isEmpty() || p.size() > f.maxLength)
            bad(Kind::Invalid, QStringLiteral("phrases"), QStringLiteral("\"%1\" must be 1–%2 characters").arg(p).arg(f.maxLength));
    if (f.type == FieldType::Consent && f.consentText.isEmpty())
        bad(Kind::Missing, QStringLiteral("consentText"), QStringLiteral("a consent field must say what is agreed to"));
    if (f.type != FieldType::Consent && !f.consentText.isEmpty())
        bad(Kind::Inconsistent, QStringLiteral("consentText"), QStringLiteral("only consent fields have a consent text"));
    if (f.type == FieldType::Date && f.minDate && f.maxDate) {
        const QDate today(2026, 1, 1);
        if (f.minDate->resolve(today) > f.maxDate->resolve(today))
            bad(Kind::Inconsistent, QStringLiteral("minDate"), QStringLiteral("is after maxDate"));
    }
    if (!f.prefill.isEmpty()) {
        static const QHash<QString, QList<FieldType>> fits = {
            {QStringLiteral("name"), {FieldType::Text}},
            {QStringLiteral("idNumber"), {FieldType::IdNumber}},
            {QStringLiteral("gender"), {FieldType::Choice}},
            {QStringLiteral("birthDate"), {FieldType::Date}},
            {QStringLiteral("address"), {FieldType::Address, FieldType::Text}},
            {QStringLiteral("nation"), {FieldType::Text}},
        };
        const auto it = fits.constFind(f.prefill);
        if (it == fits.cend())
            bad(Kind::Invalid, QStringLiteral("prefill"), QStringLiteral("\"%1\" is not something the ID card holds").arg(f.prefill));
        else if (!it->contains(f.type))
            bad(Kind::Inconsistent, QStringLiteral("prefill"), QStringLiteral("%1 from the card cannot fill a %2 field").arg(f.prefill, fieldTypeName(f.type)));
        else if (f.prefill == QLatin1String("gender")) {
            QSet<QString> v;
            for (const auto &o : f.options)
                v.insert(o.value);
            if (!v.contains(QStringLiteral("male")) || !v.contains(QStringLiteral("female")))
                bad(Kind::Inconsistent, QStringLiteral("prefill"), QStringLiteral("a gender field needs the options male and female"));
        }
    }
}

/** A field's words promise only what the terminal's devices can do (services/catalog/devicepromises.h). */
void checkPromises(const Field &f, Reader &r, const QString &path, const QStringList &kinds)
{
    const std::pair<const char *, const QString *> texts[] = {
        {"label", &f.label}, {"purpose", &f.purpose}, {"placeholder", &f.placeholder}, {"consentText", &f.consentText},
    };
    for (const auto &[key, text] : texts) {
        QString phrase;
        if (const auto *p = catalog::brokenPromise(*text, kinds, &phrase))
            r.problem(Kind::DeviceMissing, path + QLatin1String(key),
                      QStringLiteral("promises \"%1\", which needs %2 (%3); this terminal's devices: %4")
                          .arg(phrase, QLatin1String(p->device), QLatin1String(p->deviceKind), kinds.join(QStringLiteral(", "))));
    }
}

} // namespace

FormParseResult parseForms(const QByteArray &bytes, const QStringList &deviceKinds)
{
    const QStringList kinds = deviceKinds.isEmpty() ? catalog::terminalDeviceKinds() : deviceKinds;
    FormParseResult result;
    auto &problems = result.problems;
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
    if (err.error != QJsonParseError::NoError) {
        const int line = 1 + int(bytes.left(err.offset).count('\n'));
        problems.push_back({Kind::Syntax, QString(), QString(), QStringLiteral("not valid JSON at line %1: %2").arg(line).arg(err.errorString())});
        return result;
    }
    if (!doc.isObject()) {
        problems.push_back({Kind::WrongType, QString(), QString(), QStringLiteral("the top level must be a JSON object")});
        return result;
    }
    FormSet set;
    Reader top(doc.object(), QString(), problems);
    if (const auto format = top.number(QStringLiteral("format"), true, 1, 1000, true); format && *format != 1)
        top.problem(Kind::Invalid, QStringLiteral("format"), QStringLiteral("format %1 is not supported (supports 1)").arg(*format));
    set.version = top.string(QStringLiteral("version"), true, 1, 64);

    QHash<QString, Field> library;
    const QJsonValue lib = top.value(QStringLiteral("fields"));
    if (!lib.isObject()) {
        top.problem(lib.isUndefined() ? Kind::Missing : Kind::WrongType, QStringLiteral("fields"), QStringLiteral("must be an object of field definitions"));
    } else {
        const QJsonObject o = lib.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QString where = QStringLiteral("fields.") + it.key();
            if (!fieldIdPattern().match(it.key()).hasMatch())
                problems.push_back({Kind::Invalid, where, QString(), QStringLiteral("field ids are lowerCamel letters and digits")});
            if (!it.value().isObject()) {
                problems.push_back({Kind::WrongType, where, QString(), QStringLiteral("must be an object")});
                continue;
            }
            Reader r(it.value().toObject(), where, problems);
            if (!r.has(QStringLiteral("type")))
                r.problem(Kind::Missing, QStringLiteral("type"), QStringLiteral("is required"));
            Field f = readField(r, Field{}, true);
            f.id = it.key();
            r.reportUnknownKeys();
            checkField(f, r, QString());
            checkPromises(f, r, QString(), kinds);
            library.insert(f.id, f);
        }
    }

    const auto forms = top.array(QStringLiteral("forms"), true);
    top.reportUnknownKeys();
    QSet<QString> formIds;
    for (qsizetype i = 0; forms && i < forms->size(); ++i) {
        QString where = QStringLiteral("forms[%1]").arg(i);
        if (!forms->at(i).isObject()) {
            problems.push_back({Kind::WrongType, where, QString(), QStringLiteral("must be an object")});
            continue;
        }
        Reader r(forms->at(i).toObject(), where, problems);
        Form form;
        form.id = r.string(QStringLiteral("id"), true);
        if (!form.id.isEmpty() && !formIdPattern().match(form.id).hasMatch()) {
            r.problem(Kind::Invalid, QStringLiteral("id"), QStringLiteral("\"%1\" must be lower-case letters, digits or -").arg(form.id));
        } else if (formIds.contains(form.id)) {
            r.problem(Kind::Duplicate, QStringLiteral("id"), QStringLiteral("\"%1\" is defined twice").arg(form.id));
        } else if (!form.id.isEmpty()) {
            formIds.insert(form.id);
            r.setWhere(form.id);
        }
        form.title = r.string(QStringLiteral("title"), true, 2, 40);
        form.titleEn = r.string(QStringLiteral("titleEn"), false, 2, 100);
        const auto fields = r.array(QStringLiteral("fields"), true);
        r.reportUnknownKeys();
        if (fields && (fields->isEmpty() || fields->size() > 20))
            r.problem(Kind::Invalid, QStringLiteral("fields"), QStringLiteral("a form has 1–20 fields, this one %1").arg(fields->size()));
        QSet<QString> seen;
        for (qsizetype k = 0; fields && k < fields->size(); ++k) {
            const QString path = QStringLiteral("fields[%1].").arg(k);
            const QJsonValue v = fields->at(k);
            Field f;
            if (v.isString()) {
                if (!library.contains(v.toString())) {
                    r.problem(Kind::UnknownReference, path.chopped(1), QStringLiteral("\"%1\" is not in the field library").arg(v.toString()));
                    continue;
                }
                f = library.value(v.toString());
            } else if (v.isObject()) {
                std::vector<Problem> sub;
                Reader fr(v.toObject(), r.where(), sub);
                const QString ref = fr.has(QStringLiteral("ref")) ? fr.string(QStringLiteral("ref"), true) : QString();
                Field base;
                if (!ref.isEmpty()) {
                    if (!library.contains(ref)) {
                        r.problem(Kind::UnknownReference, path + QStringLiteral("ref"), QStringLiteral("\"%1\" is not in the field library").arg(ref));
                        continue;
                    }
                    base = library.value(ref);
                } else if (!fr.has(QStringLiteral("type"))) {
                    r.problem(Kind::Missing, path + QStringLiteral("type"), QStringLiteral("an inline field needs a type (or a ref)"));
                }
                f = readField(fr, base, false);
                if (fr.has(QStringLiteral("id")))
                    f.id = fr.string(QStringLiteral("id"), true);
                if (f.id.isEmpty())
                    r.problem(Kind::Missing, path + QStringLiteral("id"), QStringLiteral("an inline field needs an id"));
                else if (!fieldIdPattern().match(f.id).hasMatch())
                    r.problem(Kind::Invalid, path + QStringLiteral("id"), QStringLiteral("\"%1\": field ids are lowerCamel letters and digits").arg(f.id));
                fr.reportUnknownKeys();
                for (auto &p : sub)
                    r.problem(p.kind, path + p.field, p.message);
            } else {
                r.problem(Kind::WrongType, path.chopped(1), QStringLiteral("must be a field id or an object, not %1").arg(typeName(v)));
                continue;
            }
            if (seen.contains(f.id))
                r.problem(Kind::Duplicate, path + QStringLiteral("id"), QStringLiteral("\"%1\" appears twice in this form").arg(f.id));
            seen.insert(f.id);
            checkField(f, r, path);
            checkPromises(f, r, path, kinds);
            form.fields.push_back(std::move(f));
        }
        const bool ageRules = std::any_of(form.fields.begin(), form.fields.end(), [](const Field &f) {
            return std::any_of(f.options.begin(), f.options.end(), [](const Option &o) { return o.minAge > 0; });
        });
        if (ageRules && !knowsSubjectAge(form))
            r.problem(Kind::Inconsistent, QStringLiteral("fields"),
                      QStringLiteral("an option with minAge needs the form to ask the birth date (prefill birthDate) or the ID number (prefill idNumber)"));
        set.forms.push_back(std::move(form));
    }
    if (result.errorCount() == 0) {
        set.reindex();
        result.forms = std::move(set);
    }
    return result;
}

FormParseResult loadFormsFile(const QString &path, const QStringList &deviceKinds)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        FormParseResult r;
        r.problems.push_back({Kind::Unreadable, path, QString(), QStringLiteral("cannot be read: %1").arg(file.errorString())});
        return r;
    }
    return parseForms(file.readAll(), deviceKinds);
}

std::vector<Problem> crossCheck(const catalog::Catalog &catalog, const FormSet &forms)
{
    std::vector<Problem> problems;
    QSet<QString> used;
    for (const auto &item : catalog.items) {
        if (item.form.isEmpty())
            continue;
        used.insert(item.form);
        if (!forms.form(item.form))
            problems.push_back({Kind::UnknownReference, item.code, QStringLiteral("form"),
                                QStringLiteral("\"%1\" is not defined in the forms file").arg(item.form)});
    }
    for (const Form &f : forms.forms) {
        if (!used.contains(f.id) && f.id != suggestionFormId())
            problems.push_back({Kind::UnknownKey, f.id, QString(), QStringLiteral("no catalog item uses this form")});
    }
    return problems;
}

} // namespace kiosk::forms
