// SPDX-License-Identifier: GPL-3.0-or-later
// One form, one question at a time, over the test forms: what the card fills is not asked, wrong
// answers stay on their step with the error beside them, answers are shown masked and by label.
// The review's model: tst_reviewmodel.
#include "journeytestsupport.h"
#include "kiosk/journey/formsession.h"

#include <QJsonArray>

using namespace kiosk;
using Kind = FormSession::FieldKind;

namespace {
const QDate today(2026, 3, 10);
const QString born1985 = QStringLiteral("35010219850101123X"); // 41 on today
const QString born1965 = QStringLiteral("350102196501011230"); // 61 on today

/** A retirement form as a city writes it: the ID number tells the age a choice needs. */
forms::FormSet retirementForms()
{
    const QByteArray json = R"({"format": 1, "version": "t", "fields": {
      "applicantName": {"type": "text", "label": "申请人姓名", "purpose": "核对申请人身份", "prefill": "name", "maxLength": 30},
      "idNumber": {"type": "idNumber", "label": "身份证号码", "purpose": "确认申请人身份", "prefill": "idNumber"},
      "bankAccount": {"type": "bankCard", "label": "银行卡号", "labelEn": "Bank card number", "purpose": "养老金发放到此账户"},
      "phone": {"type": "phone", "label": "联系电话", "purpose": "通知办理结果"}},
     "forms": [{"id": "retirement-apply", "title": "退休申请", "fields": ["applicantName", "idNumber",
       {"id": "retirementType", "type": "choice", "label": "退休方式", "labelEn": "Type of retirement", "purpose": "办理条件不同",
        "options": [{"value": "normal", "label": "到龄正常退休", "labelEn": "At statutory age", "minAge": 50},
                    {"value": "sick", "label": "因病退休", "minAge": 45},
                    {"value": "other", "label": "其他"}]},
       {"id": "plannedDate", "type": "date", "label": "选定的退休日期", "purpose": "按您选的日期办理", "required": false,
        "minDate": "today-1y", "maxDate": "today+5y"},
       "bankAccount", "phone"]}]})";
    auto r = forms::parseForms(json);
    for (const auto &p : r.problems)
        qWarning().noquote() << p.toString();
    if (!r.forms)
        qFatal("the inline retirement form does not parse");
    r.forms->reindex();
    return std::move(*r.forms);
}

ChoiceOption option(const FormField &f, int i)
{
    return f.options.value(i).value<ChoiceOption>();
}
} // namespace

class TestFormSession : public QObject
{
    Q_OBJECT

    forms::FormSet m_forms;
    std::unique_ptr<FormSession> s;

    const forms::Form *form(const char *id) const { return m_forms.form(QLatin1String(id)); }
    /** The elder subsidy form (every kind of question), begun with the whole card. */
    void beginElder(const QHash<QString, QString> &card = test::card())
    {
        s->begin(form("subsidy-apply-elder"), card);
    }
    /** Answers the elder form's asked questions rightly (card fields left alone). */
    void answerElder()
    {
        s->setAnswer(QStringLiteral("phone"), QStringLiteral("13812345678"));
        s->setAnswer(QStringLiteral("householdSize"), QStringLiteral("3"));
        s->setAnswer(QStringLiteral("monthlyIncome"), QStringLiteral("2500.50"));
        s->setAnswer(QStringLiteral("bankAccount"), QStringLiteral("6222021234567890123"));
        s->setAnswer(QStringLiteral("services"), QStringList{QStringLiteral("meal"), QStringLiteral("clean")});
        s->setAnswer(QStringLiteral("livesAlone"), true);
        s->setAnswer(QStringLiteral("preferredDate"), today.addDays(3).toString(Qt::ISODate));
    }
    QStringList askedIds()
    {
        QStringList ids;
        while (s->previous()) {
        }
        for (int i = 0; i < s->stepCount(); ++i) {
            if (s->step() != i)
                return {};
            ids << s->field().id;
            if (!s->lastStep())
                s->next();
        }
        return ids;
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto forms = test::smallForms();
        QVERIFY(forms);
        m_forms = std::move(*forms);
    }
    void init()
    {
        s = std::make_unique<FormSession>();
        s->setToday(today);
    }

    void cardFieldsAndConsentAreNotAsked()
    {
        QSignalSpy formChanged(s.get(), &FormSession::formChanged);
        beginElder();
        QVERIFY(s->active());
        QCOMPARE(formChanged.size(), 1);
        QCOMPARE(s->filledFromCard(), 5);
        QCOMPARE(s->stepCount(), 7); // 13 fields less 5 from the card, less the consent
        QCOMPARE(s->step(), 0);
        QVERIFY(!s->lastStep());
        QCOMPARE(s->answer(QStringLiteral("applicantName")).toString(), QStringLiteral("张伟"));
        QVERIFY(s->isFromCard(QStringLiteral("idNumber")));
        QVERIFY(!s->isAsked(QStringLiteral("idNumber")));
        QVERIFY(!s->answer(QStringLiteral("consent")).isValid());
        QCOMPARE(s->subjectIdNumber(), test::card().value(QStringLiteral("idNumber")));
        answerElder();
        QCOMPARE(askedIds(), (QStringList{QStringLiteral("phone"), QStringLiteral("householdSize"), QStringLiteral("monthlyIncome"),
                                          QStringLiteral("bankAccount"), QStringLiteral("services"), QStringLiteral("livesAlone"),
                                          QStringLiteral("preferredDate")}));
        QVERIFY(s->lastStep());

        // A card without gender, birth date and address: those are asked, in the form's order.
        QHash<QString, QString> partial = test::card();
        partial.remove(QStringLiteral("gender"));
        partial.remove(QStringLiteral("birthDate"));
        partial[QStringLiteral("address")] = QString(); // empty on the card: asked too
        beginElder(partial);
        QCOMPARE(s->filledFromCard(), 2);
        QCOMPARE(s->stepCount(), 10);
        QCOMPARE(s->field().id, QStringLiteral("gender"));
        QVERIFY(!s->answer(QStringLiteral("gender")).isValid()); // nothing from the last form survives

        // Everything filled by the card: no question, straight to the review.
        s->begin(form("record-query"), test::card());
        QCOMPARE(s->stepCount(), 0);
        QVERIFY(s->lastStep());
        QVERIFY(s->field().id.isEmpty());
        QSignalSpy review(s.get(), &FormSession::reviewReady);
        s->next();
        QCOMPARE(review.size(), 1);
    }

    void fieldDescribesTheQuestion()
    {
        QHash<QString, QString> partial = test::card();
        partial.remove(QStringLiteral("gender"));
        partial.remove(QStringLiteral("birthDate"));
        beginElder(partial);
        FormField f = s->field();
        QCOMPARE(f.id, QStringLiteral("gender"));
        QCOMPARE(f.kind, Kind::Choice);
        QCOMPARE(f.label, QStringLiteral("性别"));
        QCOMPARE(f.purpose, QStringLiteral("核对身份信息"));
        QVERIFY(f.required);
        QCOMPARE(f.options.size(), 2);
        QCOMPARE(option(f, 0).value.toString(), QStringLiteral("male"));
        QCOMPARE(option(f, 1).label, QStringLiteral("女"));
        QVERIFY(!f.value.isValid());
        QVERIFY(f.text.isEmpty());
        s->setAnswer(QStringLiteral("gender"), QStringLiteral("female"));
        QCOMPARE(s->field().text, QStringLiteral("female"));
        QCOMPARE(s->field().value.toString(), QStringLiteral("female"));
        s->next();

        f = s->field();
        QCOMPARE(f.kind, Kind::Date);
        QCOMPARE(f.minDate, today.addYears(-120).toString(Qt::ISODate)); // today-120y
        QCOMPARE(f.maxDate, today.toString(Qt::ISODate)); // today
        s->setToday(today.addDays(1)); // the bounds follow the day
        QCOMPARE(s->field().maxDate, today.addDays(1).toString(Qt::ISODate));
        s->setToday(today);
        s->setAnswer(QStringLiteral("birthDate"), QStringLiteral("1950-05-06"));
        s->next();

        QCOMPARE(s->field().kind, Kind::Phone);
        answerElder();
        s->setAnswer(QStringLiteral("householdSize"), 4);
        s->next();
        QCOMPARE(s->field().kind, Kind::Number);
        QCOMPARE(s->field().text, QStringLiteral("4")); // numbers are shown as text too
        s->next();
        QCOMPARE(s->field().decimals, 2);
        s->next();
        s->next();

        f = s->field();
        QCOMPARE(f.kind, Kind::MultiChoice);
        QCOMPARE(f.maxChoices, 2);
        QCOMPARE(f.options.size(), 3);
        s->setAnswer(QStringLiteral("services"), QStringList{QStringLiteral("bath"), QStringLiteral("meal")});
        f = s->field();
        QCOMPARE(f.chosen, (QStringList{QStringLiteral("bath"), QStringLiteral("meal")}));
        QVERIFY(f.text.isEmpty());
        QCOMPARE(f.value.toList().size(), 2);
        s->next();

        f = s->field();
        QCOMPARE(f.kind, Kind::YesNo);
        QCOMPARE(f.options.size(), 2);
        QCOMPARE(option(f, 0).value, QVariant(true));
        QCOMPARE(option(f, 0).label, QStringLiteral("Yes")); // no translator loaded: the source strings
        QCOMPARE(option(f, 1).value, QVariant(false));
        QCOMPARE(option(f, 1).label, QStringLiteral("No"));
        s->setAnswer(QStringLiteral("livesAlone"), false);
        s->next();

        f = s->field();
        QCOMPARE(f.id, QStringLiteral("preferredDate"));
        QCOMPARE(f.minDate, today.toString(Qt::ISODate));
        QCOMPARE(f.maxDate, today.addDays(30).toString(Qt::ISODate));
        QVERIFY(s->lastStep());
    }

    void setAnswerTrimsClearsAndRefusesCardFields()
    {
        beginElder();
        QSignalSpy changed(s.get(), &FormSession::answersChanged);
        s->setAnswer(QStringLiteral("phone"), QStringLiteral("  13812345678 "));
        QCOMPARE(s->answer(QStringLiteral("phone")).toString(), QStringLiteral("13812345678"));
        QCOMPARE(s->field().text, QStringLiteral("13812345678"));
        QCOMPARE(changed.size(), 1);
        s->setAnswer(QStringLiteral("phone"), QStringLiteral("   "));
        QVERIFY(!s->answer(QStringLiteral("phone")).isValid());
        QVERIFY(!s->answers().contains(QStringLiteral("phone")));
        s->setAnswer(QStringLiteral("phone"), QStringLiteral("13812345678"));
        s->setAnswer(QStringLiteral("phone"), QString());
        QVERIFY(!s->answers().contains(QStringLiteral("phone")));

        changed.clear();
        s->setAnswer(QStringLiteral("applicantName"), QStringLiteral("李四")); // the card's word stands
        s->setAnswer(QStringLiteral("idNumber"), QString());
        s->setAnswer(QStringLiteral("noSuchField"), QStringLiteral("x"));
        QCOMPARE(s->answer(QStringLiteral("applicantName")).toString(), QStringLiteral("张伟"));
        QCOMPARE(s->answer(QStringLiteral("idNumber")).toString(), test::card().value(QStringLiteral("idNumber")));
        QCOMPARE(changed.size(), 0);
    }

    void wrongAnswerStaysWithItsError()
    {
        beginElder();
        QSignalSpy rejected(s.get(), &FormSession::answerRejected);
        QSignalSpy stepChanged(s.get(), &FormSession::stepChanged);
        s->setAnswer(QStringLiteral("phone"), QStringLiteral("12345"));
        QVERIFY(s->field().error.isEmpty()); // no error before "next"
        s->next();
        QCOMPARE(rejected.size(), 1);
        QCOMPARE(s->step(), 0);
        const forms::Field *phone = form("subsidy-apply-elder")->field(QStringLiteral("phone"));
        const QString expected = forms::validateValue(*phone, QJsonValue(QStringLiteral("12345")), today);
        QVERIFY(!expected.isEmpty());
        QCOMPARE(s->field().error, expected);
        s->setAnswer(QStringLiteral("phone"), QStringLiteral("1381234567")); // still wrong: the error stays
        QCOMPARE(s->field().error, expected);
        s->setAnswer(QStringLiteral("phone"), QStringLiteral("13812345678")); // right: gone at once
        QVERIFY(s->field().error.isEmpty());
        QCOMPARE(s->step(), 0);
        stepChanged.clear();
        s->next();
        QCOMPARE(s->step(), 1);
        QCOMPARE(stepChanged.size(), 1);
        QCOMPARE(rejected.size(), 1);

        s->next(); // householdSize not answered: required
        QCOMPARE(rejected.size(), 2);
        QCOMPARE(s->step(), 1);
        QVERIFY(!s->field().error.isEmpty());
        s->setAnswer(QStringLiteral("householdSize"), QStringLiteral("21")); // over max 20
        s->next();
        QCOMPARE(rejected.size(), 3);
        QCOMPARE(s->step(), 1);
    }

    void navigation()
    {
        beginElder();
        QVERIFY(!s->previous()); // first step: the session leaves the form
        QCOMPARE(s->step(), 0);
        answerElder();
        QSignalSpy review(s.get(), &FormSession::reviewReady);
        for (int i = 0; i < s->stepCount() - 1; ++i)
            s->next();
        QVERIFY(s->lastStep());
        QCOMPARE(review.size(), 0);
        s->next();
        QCOMPARE(review.size(), 1);
        QCOMPARE(s->step(), s->stepCount() - 1); // stays on the last step

        QVERIFY(s->previous());
        QCOMPARE(s->step(), s->stepCount() - 2);

        QSignalSpy edit(s.get(), &FormSession::editRequested);
        QVERIFY(s->editField(QStringLiteral("householdSize")));
        QCOMPARE(edit.size(), 1);
        QCOMPARE(s->field().id, QStringLiteral("householdSize"));
        QCOMPARE(s->field().text, QStringLiteral("3"));
        QVERIFY(!s->editField(QStringLiteral("idNumber"))); // from the card: not editable
        QVERIFY(!s->editField(QStringLiteral("nothing")));
        QCOMPARE(edit.size(), 1);
        QCOMPARE(s->field().id, QStringLiteral("householdSize"));
    }

    void consentAndValidateAll()
    {
        beginElder();
        QVERIFY(!s->validateAll());
        QVERIFY(!s->errorOf(QStringLiteral("phone")).isEmpty());
        QVERIFY(!s->errorOf(QStringLiteral("consent")).isEmpty());
        QVERIFY(s->errorOf(QStringLiteral("applicantName")).isEmpty());
        answerElder();
        QVERIFY(!s->validateAll()); // everything but the consent
        QVERIFY(s->errorOf(QStringLiteral("phone")).isEmpty());
        QVERIFY(!s->errorOf(QStringLiteral("consent")).isEmpty());

        QSignalSpy consentChanged(s.get(), &FormSession::consentChanged);
        s->setConsent(true);
        QVERIFY(s->consent());
        QCOMPARE(consentChanged.size(), 1);
        QCOMPARE(s->answer(QStringLiteral("consent")), QVariant(true));
        QVERIFY(s->errorOf(QStringLiteral("consent")).isEmpty());
        s->setConsent(true);
        QCOMPARE(consentChanged.size(), 1);
        QVERIFY(s->validateAll());
        s->setConsent(false);
        QVERIFY(!s->answers().contains(QStringLiteral("consent")));
        QVERIFY(!s->validateAll());
    }

    void displayValueMasksAndLabels()
    {
        beginElder();
        answerElder();
        const forms::Form *f = form("subsidy-apply-elder");
        auto shown = [&](const char *id) { return s->displayValue(*f->field(QLatin1String(id))); };
        QCOMPARE(shown("idNumber"), QStringLiteral("3501**********2136"));
        QVERIFY(!shown("idNumber").contains(QStringLiteral("19850312")));
        QCOMPARE(shown("gender"), QStringLiteral("男"));
        QCOMPARE(shown("services"), QStringLiteral("助餐、助洁"));
        QCOMPARE(shown("livesAlone"), QStringLiteral("Yes"));
        s->setAnswer(QStringLiteral("phone"), QString());
        QCOMPARE(shown("phone"), QString());

        QSignalSpy stepChanged(s.get(), &FormSession::stepChanged);
        s->setEnglish(true);
        QCOMPARE(stepChanged.size(), 1);
        QCOMPARE(shown("gender"), QStringLiteral("Male"));
        QCOMPARE(shown("services"), QStringLiteral("助餐, 助洁")); // no English labels: Chinese, English separator
        QCOMPARE(s->labelOf(*f->field(QStringLiteral("householdSize"))), QStringLiteral("Household size"));
        QCOMPARE(s->field().label, QStringLiteral("Phone"));
        s->setEnglish(false);
        QCOMPARE(s->field().label, QStringLiteral("联系电话"));

        s->begin(form("hotline-12345"), {});
        s->setEnglish(true);
        QCOMPARE(option(s->field(), 1).label, QStringLiteral("Complaint"));
        s->setAnswer(QStringLiteral("category"), QStringLiteral("praise"));
        QCOMPARE(s->displayValue(*form("hotline-12345")->field(QStringLiteral("category"))), QStringLiteral("Praise"));
        s->begin(form("ltc-apply"), test::card());
        QCOMPARE(s->field().label, QStringLiteral("失能等级")); // no English label: the Chinese one
    }

    void anAgeRuleRefusesAChoiceTheResidentIsTooYoungFor()
    {
        const forms::FormSet set = retirementForms();
        const forms::Form *retire = set.form(QStringLiteral("retirement-apply"));
        s->begin(retire, {{QStringLiteral("name"), QStringLiteral("王芳")}, {QStringLiteral("idNumber"), born1985}});
        QCOMPARE(s->field().id, QStringLiteral("retirementType"));
        QSignalSpy rejected(s.get(), &FormSession::answerRejected);
        s->setAnswer(QStringLiteral("retirementType"), QStringLiteral("normal"));
        // Refused at once, beside the options, in words: the option, the age it needs, the resident's.
        QCOMPARE(rejected.size(), 1);
        const QString error = s->field().error;
        QVERIFY2(error.contains(QStringLiteral("到龄正常退休")) && error.contains(QStringLiteral("50"))
                     && error.contains(QStringLiteral("41")), qPrintable(error));
        s->next();
        QCOMPARE(rejected.size(), 2);
        QCOMPARE(s->field().id, QStringLiteral("retirementType")); // it does not move on
        QVERIFY(!s->validateAll());
        QCOMPARE(s->errorOf(QStringLiteral("retirementType")), error);
        s->setAnswer(QStringLiteral("retirementType"), QStringLiteral("other")); // no age rule
        QVERIFY(s->field().error.isEmpty());
        s->next();
        QCOMPARE(s->field().id, QStringLiteral("plannedDate"));

        // 61: the same choice is fine. The age comes from the ID number typed as well.
        s->begin(retire, {});
        s->typeInstead();
        s->setAnswer(QStringLiteral("applicantName"), QStringLiteral("王芳"));
        s->next();
        s->setAnswer(QStringLiteral("idNumber"), born1965);
        s->next();
        s->setAnswer(QStringLiteral("retirementType"), QStringLiteral("normal"));
        QVERIFY(s->field().error.isEmpty());
        s->next();
        QCOMPARE(s->field().id, QStringLiteral("plannedDate"));
        // …and a changed ID number is checked again on the review.
        s->setAnswer(QStringLiteral("idNumber"), born1985);
        QVERIFY(!s->validateAll());
        QVERIFY(!s->errorOf(QStringLiteral("retirementType")).isEmpty());

        // The rule in the form's own words, for the resident who reads English.
        s->setEnglish(true);
        s->validateAll();
        QVERIFY(s->errorOf(QStringLiteral("retirementType")).contains(QStringLiteral("At statutory age")));
    }

    void aBankCardNumberIsTypedOnTheKeypadAndShownMasked()
    {
        const forms::FormSet set = retirementForms();
        const forms::Form *retire = set.form(QStringLiteral("retirement-apply"));
        s->begin(retire, {{QStringLiteral("name"), QStringLiteral("王芳")}, {QStringLiteral("idNumber"), born1965}});
        QVERIFY(s->editField(QStringLiteral("bankAccount")));
        QCOMPARE(s->field().kind, Kind::BankCard);
        QSignalSpy rejected(s.get(), &FormSession::answerRejected);
        s->setAnswer(QStringLiteral("bankAccount"), QStringLiteral("6222"));
        s->next();
        QCOMPARE(rejected.size(), 1);
        QVERIFY(!s->field().error.isEmpty());
        s->setAnswer(QStringLiteral("bankAccount"), QStringLiteral("6222021234567890123"));
        s->next();
        QCOMPARE(s->field().id, QStringLiteral("phone"));
        const QString shown = s->displayValue(*retire->field(QStringLiteral("bankAccount")));
        QCOMPARE(shown, QStringLiteral("6222 **** **** 0123"));
        // The review shows the same masked number, never the digits in between.
        ReviewModel *review = s->review();
        bool seen = false;
        for (int row = 0; row < review->rowCount(); ++row) {
            const QModelIndex i = review->index(row);
            if (review->data(i, ReviewModel::FieldIdRole) == QStringLiteral("bankAccount")) {
                QCOMPARE(review->data(i, ReviewModel::ValueRole).toString(), shown);
                seen = true;
            }
            QVERIFY(!review->data(i, ReviewModel::ValueRole).toString().contains(QStringLiteral("0212345678")));
        }
        QVERIFY(seen);
        // What is sent is the number itself.
        QCOMPARE(s->answers().value(QStringLiteral("bankAccount")).toString(), QStringLiteral("6222021234567890123"));
    }

    void anOptionalDateStartsEmptyAndCanBeClearedAgain()
    {
        const forms::FormSet set = retirementForms();
        s->begin(set.form(QStringLiteral("retirement-apply")), {{QStringLiteral("name"), QStringLiteral("王芳")}, {QStringLiteral("idNumber"), born1965}});
        s->setAnswer(QStringLiteral("retirementType"), QStringLiteral("other"));
        s->next();
        FormField f = s->field();
        QCOMPARE(f.kind, Kind::Date);
        QVERIFY(!f.required);
        QVERIFY(!f.value.isValid()); // not today, not anything: no answer until the resident picks one
        QVERIFY(f.text.isEmpty());
        QVERIFY(!s->answers().contains(QStringLiteral("plannedDate")));
        QCOMPARE(f.startDate, today.toString(Qt::ISODate)); // where the picker starts, shown as not chosen
        s->setAnswer(QStringLiteral("plannedDate"), today.addMonths(2).toString(Qt::ISODate));
        QCOMPARE(s->field().text, today.addMonths(2).toString(Qt::ISODate));
        s->setAnswer(QStringLiteral("plannedDate"), QString()); // 清除日期
        QVERIFY(!s->answers().contains(QStringLiteral("plannedDate")));
        QVERIFY(s->field().text.isEmpty());
        s->next();
        QCOMPARE(s->field().id, QStringLiteral("bankAccount")); // empty is a fine answer here

        // The picker's start stays within the bounds: a date that must lie ahead starts there.
        const forms::Form *elder = form("subsidy-apply-elder");
        s->begin(elder, test::card());
        QVERIFY(s->editField(QStringLiteral("preferredDate")));
        QVERIFY(!s->field().value.isValid());
        QCOMPARE(s->field().startDate, today.toString(Qt::ISODate)); // minDate today
    }

    void withoutACardTheReaderIsOfferedFirst()
    {
        const forms::FormSet set = retirementForms();
        const forms::Form *retire = set.form(QStringLiteral("retirement-apply"));
        QSignalSpy stepChanged(s.get(), &FormSession::stepChanged);
        s->begin(retire, {});
        QVERIFY(s->offerCard());
        QCOMPARE(s->field().id, QStringLiteral("applicantName"));
        QCOMPARE(s->stepCount(), 6);

        // A card read on the form fills what it holds; the next question still asked comes up.
        stepChanged.clear();
        s->fillFromCard(test::card());
        QVERIFY(!s->offerCard());
        QVERIFY(stepChanged.size() >= 1);
        QCOMPARE(s->stepCount(), 4);
        QCOMPARE(s->step(), 0);
        QCOMPARE(s->field().id, QStringLiteral("retirementType"));
        QVERIFY(s->isFromCard(QStringLiteral("idNumber")));
        QCOMPARE(s->answer(QStringLiteral("applicantName")).toString(), QStringLiteral("张伟"));
        QCOMPARE(s->subjectIdNumber(), test::card().value(QStringLiteral("idNumber")));

        // Typing is the second choice: then the questions are asked, and stay typed.
        s->begin(retire, {});
        s->typeInstead();
        QVERIFY(!s->offerCard());
        QCOMPARE(s->field().id, QStringLiteral("applicantName"));
        s->setAnswer(QStringLiteral("applicantName"), QStringLiteral("王芳"));
        s->next();
        QCOMPARE(s->field().id, QStringLiteral("idNumber"));
        // A card read later still answers for the card's holder (the typed name is replaced).
        s->fillFromCard(test::card());
        QCOMPARE(s->answer(QStringLiteral("applicantName")).toString(), QStringLiteral("张伟"));
        QCOMPARE(s->field().id, QStringLiteral("retirementType"));

        // A name typed without tapping "type it in" means the same choice.
        s->begin(retire, {});
        s->setAnswer(QStringLiteral("applicantName"), QStringLiteral("王芳"));
        QVERIFY(!s->offerCard());

        // With the card read before the form: nothing to offer.
        s->begin(retire, test::card());
        QVERIFY(!s->offerCard());
        // A form the card does not answer (the 12345 suggestion starts with its category): no offer.
        s->begin(form("hotline-12345"), {});
        QVERIFY(!s->offerCard());
    }

    void clearForgetsEverything()
    {
        beginElder();
        answerElder();
        s->setConsent(true);
        s->next();
        s->validateAll();
        QSignalSpy formChanged(s.get(), &FormSession::formChanged);
        QSignalSpy consentChanged(s.get(), &FormSession::consentChanged);
        s->clear();
        QCOMPARE(formChanged.size(), 1);
        QCOMPARE(consentChanged.size(), 1);
        QVERIFY(!s->active());
        QVERIFY(!s->form());
        QCOMPARE(s->stepCount(), 0);
        QCOMPARE(s->step(), 0);
        QVERIFY(s->answers().isEmpty());
        QVERIFY(!s->consent());
        QCOMPARE(s->filledFromCard(), 0);
        QVERIFY(s->subjectIdNumber().isEmpty());
        QVERIFY(s->field().id.isEmpty());
        QCOMPARE(s->review()->rowCount(), 0);
        QVERIFY(!s->validateAll());
        s->clear(); // nothing left: no signal
        QCOMPARE(formChanged.size(), 1);
    }
};

QTEST_MAIN(TestFormSession)
#include "tst_formsession.moc"
