// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/journey/formsession.h"
#include "common/logging.h"
#include "common/privacy.h"
#include "services/forms/formdefinition.h"

#include <QGuiApplication>
#include <QInputMethod>
#include <QJsonArray>

#include <algorithm>

namespace kiosk {

namespace {

FormSession::FieldKind kindOf(forms::FieldType t)
{
    using K = FormSession::FieldKind;
    switch (t) {
    case forms::FieldType::Text: return K::Text;
    case forms::FieldType::Number: return K::Number;
    case forms::FieldType::Date: return K::Date;
    case forms::FieldType::Phone: return K::Phone;
    case forms::FieldType::IdNumber: return K::IdNumber;
    case forms::FieldType::BankCard: return K::BankCard;
    case forms::FieldType::Choice: return K::Choice;
    case forms::FieldType::MultiChoice: return K::MultiChoice;
    case forms::FieldType::Address: return K::Address;
    case forms::FieldType::YesNo: return K::YesNo;
    case forms::FieldType::Consent: return K::None;
    }
    return K::None;
}

QString pick(bool en, const QString &zh, const QString &enText)
{
    return en && !enText.isEmpty() ? enText : zh;
}

} // namespace

FormSession::FormSession(QObject *parent)
    : QObject(parent)
    , m_review(new ReviewModel(this, this))
{
}

FormSession::~FormSession() = default;

void FormSession::begin(const forms::Form *form, const QHash<QString, QString> &card)
{
    clear();
    m_form = form;
    if (!form)
        return;
    for (const forms::Field &f : form->fields) {
        const QString v = f.prefill.isEmpty() || f.type == forms::FieldType::Consent ? QString() : card.value(f.prefill);
        if (!v.isEmpty()) {
            m_answers.insert(f.id, v);
            m_fromCard.insert(f.id);
        }
    }
    m_cardRead = !card.isEmpty();
    rebuildSteps();
    m_review->refresh();
    Q_EMIT formChanged();
    Q_EMIT stepChanged();
    Q_EMIT answersChanged();
}

void FormSession::rebuildSteps()
{
    m_steps.clear();
    for (int i = 0; i < int(m_form->fields.size()); ++i) {
        const forms::Field &f = m_form->fields[size_t(i)];
        // A consent is agreed to on the review page, where the receiving department is named.
        if (f.type != forms::FieldType::Consent && !m_fromCard.contains(f.id))
            m_steps.push_back(i);
    }
}

void FormSession::fillFromCard(const QHash<QString, QString> &card)
{
    if (!m_form)
        return;
    const int current = m_step < int(m_steps.size()) ? m_steps[size_t(m_step)] : int(m_form->fields.size());
    bool filled = false;
    for (const forms::Field &f : m_form->fields) {
        const QString v = f.prefill.isEmpty() || f.type == forms::FieldType::Consent ? QString() : card.value(f.prefill);
        if (v.isEmpty() || (m_fromCard.contains(f.id) && m_answers.value(f.id).toString() == v))
            continue;
        m_answers.insert(f.id, v);
        m_fromCard.insert(f.id);
        m_errors.remove(f.id);
        filled = true;
    }
    if (!filled)
        return;
    m_cardRead = true;
    rebuildSteps();
    // The question the resident was on, or the next one still asked.
    const auto at = std::lower_bound(m_steps.begin(), m_steps.end(), current);
    m_step = at == m_steps.end() ? std::max(0, int(m_steps.size()) - 1) : int(at - m_steps.begin());
    qCInfo(lcApp) << "the ID card filled" << m_fromCard.size() << "answers of the open form";
    m_review->refresh();
    Q_EMIT formChanged();
    Q_EMIT stepChanged();
    Q_EMIT answersChanged();
}

bool FormSession::offerCard() const
{
    if (!m_form || m_cardRead || m_typing || m_step >= int(m_steps.size()))
        return false;
    const auto fillable = [](const forms::Field &f) { return !f.prefill.isEmpty() && f.type != forms::FieldType::Consent; };
    if (!fillable(m_form->fields[size_t(m_steps[size_t(m_step)])]))
        return false;
    // Once one of them is typed, the resident has chosen to type.
    return std::none_of(m_form->fields.begin(), m_form->fields.end(),
                        [&](const forms::Field &f) { return fillable(f) && m_answers.contains(f.id); });
}

void FormSession::typeInstead()
{
    if (m_typing)
        return;
    m_typing = true;
    Q_EMIT stepChanged();
}

void FormSession::clear()
{
    const bool had = m_form != nullptr || m_consent;
    m_form = nullptr;
    m_steps.clear();
    m_step = 0;
    m_answers = {};
    m_errors.clear();
    m_fromCard.clear();
    m_consent = false;
    m_cardRead = false;
    m_typing = false;
    m_review->refresh();
    if (had) {
        Q_EMIT formChanged();
        Q_EMIT stepChanged();
        Q_EMIT answersChanged();
        Q_EMIT consentChanged();
    }
}

void FormSession::setEnglish(bool english)
{
    if (m_english == english)
        return;
    m_english = english;
    m_review->refresh();
    Q_EMIT stepChanged();
}

forms::Field FormSession::shown(const forms::Field &field) const
{
    forms::Field f = field;
    f.label = pick(m_english, field.label, field.labelEn);
    for (auto &o : f.options)
        o.label = pick(m_english, o.label, o.labelEn);
    return f;
}

QString FormSession::labelOf(const forms::Field &field) const
{
    return pick(m_english, field.label, field.labelEn);
}

QString FormSession::validate(const forms::Field &f) const
{
    const forms::Field field = shown(f);
    const QJsonValue v = m_answers.value(f.id);
    const QString error = forms::validateValue(field, v, today());
    return error.isEmpty() ? forms::validateAgeRule(field, v, forms::subjectAge(*m_form, m_answers, today())) : error;
}

bool FormSession::isAsked(const QString &fieldId) const
{
    return m_form && std::any_of(m_steps.begin(), m_steps.end(),
                                 [&](int i) { return m_form->fields[size_t(i)].id == fieldId; });
}

FormField FormSession::field() const
{
    if (!m_form || m_step < 0 || m_step >= int(m_steps.size()))
        return {};
    const forms::Field f = shown(m_form->fields[size_t(m_steps[size_t(m_step)])]);
    const QDate day = today();
    FormField out;
    out.id = f.id;
    out.kind = kindOf(f.type);
    out.label = f.label;
    out.purpose = f.purpose;
    out.placeholder = f.placeholder;
    out.required = f.required;
    out.maxLength = f.maxLength;
    out.decimals = f.decimals;
    out.minDate = (f.minDate ? f.minDate->resolve(day) : QDate(1900, 1, 1)).toString(Qt::ISODate);
    out.maxDate = (f.maxDate ? f.maxDate->resolve(day) : day.addYears(10)).toString(Qt::ISODate);
    out.startDate = std::clamp(day, f.minDate ? f.minDate->resolve(day) : QDate(1900, 1, 1),
                               f.maxDate ? f.maxDate->resolve(day) : day.addYears(10)).toString(Qt::ISODate);
    if (f.type == forms::FieldType::YesNo) {
        out.options = {QVariant::fromValue(ChoiceOption{true, tr("Yes")}), QVariant::fromValue(ChoiceOption{false, tr("No")})};
    } else {
        for (const auto &o : f.options)
            out.options.append(QVariant::fromValue(ChoiceOption{o.value, o.label}));
    }
    out.maxChoices = f.maxChoices;
    out.phrases = f.phrases;
    const QJsonValue v = m_answers.value(f.id);
    out.value = v.toVariant();
    if (v.isArray()) {
        for (const auto &x : v.toArray())
            out.chosen << x.toString();
    } else if (v.isString() || v.isDouble()) {
        out.text = v.toVariant().toString();
    }
    out.error = m_errors.value(f.id);
    return out;
}

QString FormSession::displayValue(const forms::Field &field) const
{
    const forms::Field f = shown(field);
    const QJsonValue v = m_answers.value(f.id);
    if (v.isUndefined() || v.isNull() || (v.isString() && v.toString().isEmpty()))
        return {};
    auto label = [&f](const QString &value) {
        for (const auto &o : f.options)
            if (o.value == value)
                return o.label;
        return value;
    };
    switch (f.type) {
    case forms::FieldType::IdNumber:
        return privacy::maskIdNumber(v.toString());
    case forms::FieldType::BankCard:
        return privacy::maskBankCard(v.toString());
    case forms::FieldType::Choice:
        return label(v.toString());
    case forms::FieldType::MultiChoice: {
        QStringList parts;
        for (const auto &x : v.toArray())
            parts << label(x.toString());
        return parts.join(m_english ? QStringLiteral(", ") : QStringLiteral("、"));
    }
    case forms::FieldType::YesNo:
        return v.toBool() ? tr("Yes") : tr("No");
    case forms::FieldType::Consent:
        return v.toBool() ? tr("Agreed") : QString();
    default:
        return v.toVariant().toString();
    }
}

QString FormSession::subjectIdNumber() const
{
    if (!m_form)
        return {};
    for (const auto &f : m_form->fields)
        if (f.type == forms::FieldType::IdNumber && (f.prefill == QLatin1String("idNumber") || f.id == QLatin1String("idNumber")))
            return m_answers.value(f.id).toString();
    return {};
}

void FormSession::answersTouched()
{
    m_review->refresh();
    Q_EMIT stepChanged();
    Q_EMIT answersChanged();
}

void FormSession::setAnswer(const QString &fieldId, const QVariant &value)
{
    if (!m_form || !m_form->field(fieldId) || m_fromCard.contains(fieldId))
        return;
    QJsonValue v = QJsonValue::fromVariant(value);
    if (v.isString()) { // stored as validated: "13812345678 " passes the check, so it must be sent as checked
        const QString text = v.toString().trimmed();
        v = text.isEmpty() ? QJsonValue() : QJsonValue(text);
    }
    if (v.isNull() || v.isUndefined())
        m_answers.remove(fieldId);
    else
        m_answers.insert(fieldId, v);
    // An error goes away as soon as the answer is right; a new one waits for "next" — except a
    // choice the resident is too young for, refused at once, beside the options just tapped.
    const forms::Field &f = *m_form->field(fieldId);
    const QString error = validate(f);
    if (error.isEmpty()) {
        m_errors.remove(fieldId);
    } else if (f.type == forms::FieldType::Choice
               && !forms::validateAgeRule(shown(f), v, forms::subjectAge(*m_form, m_answers, today())).isEmpty()) {
        m_errors.insert(fieldId, error);
        answersTouched();
        Q_EMIT answerRejected();
        return;
    }
    answersTouched();
}

void FormSession::commitTyping()
{
    if (QInputMethod *im = QGuiApplication::inputMethod())
        im->commit();
}

void FormSession::next()
{
    if (!m_form)
        return;
    if (m_step >= int(m_steps.size())) { // nothing left to ask (the card filled it all)
        Q_EMIT reviewReady();
        return;
    }
    const forms::Field &f = m_form->fields[size_t(m_steps[size_t(m_step)])];
    if (const QString error = validate(f); !error.isEmpty()) {
        m_errors.insert(f.id, error);
        answersTouched();
        Q_EMIT answerRejected();
        return;
    }
    m_errors.remove(f.id);
    if (m_step + 1 >= int(m_steps.size())) {
        answersTouched();
        Q_EMIT reviewReady();
        return;
    }
    ++m_step;
    Q_EMIT stepChanged();
}

bool FormSession::previous()
{
    if (m_step <= 0)
        return false;
    --m_step;
    Q_EMIT stepChanged();
    return true;
}

bool FormSession::editField(const QString &fieldId)
{
    if (!m_form)
        return false;
    for (int s = 0; s < int(m_steps.size()); ++s) {
        if (m_form->fields[size_t(m_steps[size_t(s)])].id == fieldId) {
            m_step = s;
            Q_EMIT stepChanged();
            Q_EMIT editRequested();
            return true;
        }
    }
    return false;
}

void FormSession::setConsent(bool consent)
{
    if (consent == m_consent)
        return;
    m_consent = consent;
    for (const auto &f : m_form ? m_form->fields : std::vector<forms::Field>{}) {
        if (f.type != forms::FieldType::Consent)
            continue;
        if (consent)
            m_answers.insert(f.id, true);
        else
            m_answers.remove(f.id);
        m_errors.remove(f.id);
    }
    Q_EMIT consentChanged();
    Q_EMIT answersChanged();
}

bool FormSession::validateAll()
{
    if (!m_form)
        return false;
    m_errors.clear();
    forms::Form shownForm = *m_form;
    for (auto &f : shownForm.fields)
        f = shown(f);
    for (const auto &e : forms::validateAnswers(shownForm, m_answers, today()))
        m_errors.insert(e.field, e.message);
    answersTouched();
    return m_errors.isEmpty();
}

// --- the review ----------------------------------------------------------------------------------

ReviewModel::ReviewModel(const FormSession *form, QObject *parent)
    : QAbstractListModel(parent)
    , m_form(form)
{
}

void ReviewModel::refresh()
{
    std::vector<int> rows;
    if (const forms::Form *f = m_form->form()) {
        for (int i = 0; i < int(f->fields.size()); ++i)
            if (f->fields[size_t(i)].type != forms::FieldType::Consent)
                rows.push_back(i);
    }
    if (rows == m_rows) {
        if (!m_rows.empty())
            Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1));
        return;
    }
    const bool countChanges = rows.size() != m_rows.size();
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
    if (countChanges)
        Q_EMIT countChanged();
}

int ReviewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ReviewModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !m_form->form())
        return {};
    const forms::Field &f = m_form->form()->fields[size_t(m_rows[size_t(index.row())])];
    switch (role) {
    case FieldIdRole: return f.id;
    case Qt::DisplayRole:
    case LabelRole: return m_form->labelOf(f);
    case ValueRole: return m_form->displayValue(f);
    case FromCardRole: return m_form->isFromCard(f.id);
    case ErrorRole: return m_form->errorOf(f.id);
    case EditableRole: return m_form->isAsked(f.id);
    default: return {};
    }
}

QHash<int, QByteArray> ReviewModel::roleNames() const
{
    return {{FieldIdRole, "fieldId"}, {LabelRole, "label"}, {ValueRole, "value"},
            {FromCardRole, "fromCard"}, {ErrorRole, "error"}, {EditableRole, "editable"}};
}

} // namespace kiosk
