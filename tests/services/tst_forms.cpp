// SPDX-License-Identifier: GPL-3.0-or-later
// Form definitions as data, and the checking of every field type and rule.
#include "services/catalog/catalogparser.h"
#include "services/forms/formdefinition.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace kiosk::forms;
using Kind = kiosk::catalog::Problem::Kind;

namespace {
QJsonObject fixture()
{
    QFile f(QStringLiteral(KIOSK_TEST_DATA_DIR "/forms-small.json"));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture");
    return QJsonDocument::fromJson(f.readAll()).object();
}
bool has(const FormParseResult &r, Kind kind, const QString &where, const QString &fieldPart)
{
    for (const auto &p : r.problems) {
        if (p.kind == kind && p.where == where && p.field.contains(fieldPart))
            return true;
    }
    for (const auto &p : r.problems)
        qWarning().noquote() << kiosk::catalog::problemKindName(p.kind) << p.toString();
    return false;
}
const QDate today(2026, 11, 22);
} // namespace

class TestForms : public QObject
{
    Q_OBJECT
    FormSet m_forms;

    QString check(const QString &form, const QString &field, const QJsonValue &v)
    {
        return validateValue(*m_forms.form(form)->field(field), v, today);
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto r = loadFormsFile(QStringLiteral(KIOSK_TEST_DATA_DIR "/forms-small.json"));
        for (const auto &p : r.problems)
            qWarning().noquote() << p.toString();
        QVERIFY(r.forms);
        m_forms = std::move(*r.forms);
    }

    void parsedWithLibraryAndOverrides()
    {
        const Form *f = m_forms.form(QStringLiteral("certificate-print"));
        QVERIFY(f);
        QCOMPARE(f->fields.size(), std::size_t(3));
        QCOMPARE(f->fields[0].prefill, QStringLiteral("name"));
        QCOMPARE(f->fields[2].type, FieldType::Phone);
        QVERIFY(!f->fields[2].required); // overridden in this form
        QVERIFY(m_forms.form(QStringLiteral("insurance-enrol"))->field(QStringLiteral("phone"))->required); // library default
        const Field *care = m_forms.form(QStringLiteral("ltc-apply"))->field(QStringLiteral("careLevel"));
        QVERIFY(care);
        QCOMPARE(care->options.size(), std::size_t(2));
        QCOMPARE(m_forms.form(QStringLiteral("subsidy-apply-elder"))->field(QStringLiteral("address"))->minLength, 5);
        QVERIFY(!m_forms.form(QStringLiteral("nope")));
        // The 12345 form: used by the terminal itself, with common phrases for the description.
        const Form *hotline = m_forms.form(suggestionFormId());
        QVERIFY(hotline);
        QCOMPARE(hotline->field(QStringLiteral("description"))->phrases.size(), 8);
        QVERIFY(!hotline->field(QStringLiteral("phone"))->required);
    }

    void crossCheckWithCatalog()
    {
        auto cat = kiosk::catalog::loadCatalogFile(QStringLiteral(KIOSK_TEST_DATA_DIR "/catalog-small.json"));
        QVERIFY(cat.catalog);
        auto problems = crossCheck(*cat.catalog, m_forms);
        QVERIFY(problems.empty());
        FormSet fewer = m_forms;
        fewer.forms.erase(fewer.forms.begin()); // drop record-query
        fewer.reindex();
        problems = crossCheck(*cat.catalog, fewer);
        QCOMPARE(problems.size(), std::size_t(2)); // the personal and the public query item
        QCOMPARE(problems[0].where, QStringLiteral("RS-0001"));
        QCOMPARE(problems[0].kind, Kind::UnknownReference);
        QCOMPARE(problems[1].where, QStringLiteral("MZ-0004"));
        QCOMPARE(problems[1].kind, Kind::UnknownReference);
    }

    void definitionErrors_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("field");
        auto edit = [](const std::function<void(QJsonObject &)> &f) {
            QJsonObject o = fixture();
            f(o);
            return QString::fromUtf8(QJsonDocument(o).toJson());
        };
        auto setLib = [&](const QString &id, const QString &key, const QJsonValue &v) {
            return edit([=](QJsonObject &o) {
                QJsonObject lib = o[QStringLiteral("fields")].toObject();
                QJsonObject f = lib[id].toObject();
                if (v.isUndefined())
                    f.remove(key);
                else
                    f[key] = v;
                lib[id] = f;
                o[QStringLiteral("fields")] = lib;
            });
        };
        auto setForm = [&](int i, const QJsonArray &fields) {
            return edit([=](QJsonObject &o) {
                QJsonArray forms = o[QStringLiteral("forms")].toArray();
                QJsonObject f = forms[i].toObject();
                f[QStringLiteral("fields")] = fields;
                forms[i] = f;
                o[QStringLiteral("forms")] = forms;
            });
        };
        QTest::newRow("syntax") << QStringLiteral("{\"format\": 1,") << int(Kind::Syntax) << "" << "";
        QTest::newRow("unknown type") << setLib(QStringLiteral("phone"), QStringLiteral("type"), QStringLiteral("telephone")) << int(Kind::Invalid) << "fields.phone" << "type";
        QTest::newRow("no purpose") << setLib(QStringLiteral("phone"), QStringLiteral("purpose"), QJsonValue::Undefined) << int(Kind::Missing) << "fields.phone" << "purpose";
        QTest::newRow("bad regex") << setLib(QStringLiteral("bankAccount"), QStringLiteral("pattern"), QStringLiteral("[0-9")) << int(Kind::Invalid) << "fields.bankAccount" << "pattern";
        QTest::newRow("pattern without message") << setLib(QStringLiteral("bankAccount"), QStringLiteral("patternMessage"), QJsonValue::Undefined) << int(Kind::Inconsistent) << "fields.bankAccount" << "pattern";
        QTest::newRow("min > max") << setLib(QStringLiteral("householdSize"), QStringLiteral("min"), 30) << int(Kind::Inconsistent) << "fields.householdSize" << "min";
        QTest::newRow("bad date bound") << setLib(QStringLiteral("preferredDate"), QStringLiteral("maxDate"), QStringLiteral("next week")) << int(Kind::Invalid) << "fields.preferredDate" << "maxDate";
        QTest::newRow("dates reversed") << setLib(QStringLiteral("preferredDate"), QStringLiteral("minDate"), QStringLiteral("today+60d")) << int(Kind::Inconsistent) << "fields.preferredDate" << "minDate";
        QTest::newRow("one option") << setLib(QStringLiteral("gender"), QStringLiteral("options"), QJsonArray{QJsonObject{{QStringLiteral("value"), QStringLiteral("male")}, {QStringLiteral("label"), QStringLiteral("男")}}}) << int(Kind::Invalid) << "fields.gender" << "options";
        QTest::newRow("prefill type") << setLib(QStringLiteral("phone"), QStringLiteral("prefill"), QStringLiteral("idNumber")) << int(Kind::Inconsistent) << "fields.phone" << "prefill";
        QTest::newRow("prefill source") << setLib(QStringLiteral("phone"), QStringLiteral("prefill"), QStringLiteral("fingerprint")) << int(Kind::Invalid) << "fields.phone" << "prefill";
        QTest::newRow("consent text") << setLib(QStringLiteral("consent"), QStringLiteral("consentText"), QJsonValue::Undefined) << int(Kind::Missing) << "fields.consent" << "consentText";
        QTest::newRow("max choices") << setLib(QStringLiteral("services"), QStringLiteral("maxChoices"), 9) << int(Kind::Inconsistent) << "fields.services" << "maxChoices";
        QTest::newRow("unknown ref") << setForm(0, {QStringLiteral("applicantName"), QStringLiteral("shoeSize")}) << int(Kind::UnknownReference) << "record-query" << "fields[1]";
        QTest::newRow("repeat") << setForm(0, {QStringLiteral("applicantName"), QStringLiteral("applicantName")}) << int(Kind::Duplicate) << "record-query" << "fields[1]";
        QTest::newRow("empty form") << setForm(0, {}) << int(Kind::Invalid) << "record-query" << "fields";
        QTest::newRow("inline without type") << setForm(0, {QJsonObject{{QStringLiteral("id"), QStringLiteral("x1")}, {QStringLiteral("label"), QStringLiteral("某")}, {QStringLiteral("purpose"), QStringLiteral("某某某某")}}}) << int(Kind::Missing) << "record-query" << "type";
        QTest::newRow("phrases on a phone") << setLib(QStringLiteral("phone"), QStringLiteral("phrases"), QJsonArray{QStringLiteral("110")}) << int(Kind::Inconsistent) << "fields.phone" << "phrases";
        QTest::newRow("phrase too long") << setLib(QStringLiteral("applicantName"), QStringLiteral("phrases"), QJsonArray{QString(31, QChar(0x738b))}) << int(Kind::Invalid) << "fields.applicantName" << "phrases";
        QTest::newRow("unknown bank type") << setLib(QStringLiteral("bankAccount"), QStringLiteral("type"), QStringLiteral("bankcard")) << int(Kind::Invalid) << "fields.bankAccount" << "type";
        const QJsonObject tooYoung{{QStringLiteral("value"), QStringLiteral("normal")}, {QStringLiteral("label"), QStringLiteral("到龄正常退休")},
                                   {QStringLiteral("minAge"), 50}};
        const QJsonObject anyAge{{QStringLiteral("value"), QStringLiteral("other")}, {QStringLiteral("label"), QStringLiteral("其他")}};
        auto retirement = [&](const QString &type, const QJsonArray &options) {
            return QJsonObject{{QStringLiteral("id"), QStringLiteral("retirementType")}, {QStringLiteral("type"), type},
                               {QStringLiteral("label"), QStringLiteral("退休方式")}, {QStringLiteral("purpose"), QStringLiteral("办理条件不同")},
                               {QStringLiteral("options"), options}};
        };
        QTest::newRow("minAge without a birth date") << setForm(0, {QStringLiteral("applicantName"), retirement(QStringLiteral("choice"), {tooYoung, anyAge})})
                                                     << int(Kind::Inconsistent) << "record-query" << "fields";
        QTest::newRow("minAge on a multiChoice") << setForm(0, {QStringLiteral("idNumber"), retirement(QStringLiteral("multiChoice"), {tooYoung, anyAge})})
                                                 << int(Kind::Inconsistent) << "record-query" << "options";
        QJsonObject child = tooYoung;
        child[QStringLiteral("minAge")] = 3;
        QTest::newRow("minAge below 16") << setForm(0, {QStringLiteral("idNumber"), retirement(QStringLiteral("choice"), {child, anyAge})})
                                         << int(Kind::Invalid) << "record-query" << "minAge";
        QTest::newRow("bank card reader promised") << setLib(QStringLiteral("bankAccount"), QStringLiteral("placeholder"), QStringLiteral("插入银行卡自动读取，或手动输入"))
                                                   << int(Kind::DeviceMissing) << "fields.bankAccount" << "placeholder";
        QTest::newRow("face capture promised") << setLib(QStringLiteral("dataConsent"), QStringLiteral("consentText"), QStringLiteral("本人同意终端采集人脸图像，仅用于本次认证。"))
                                               << int(Kind::DeviceMissing) << "fields.dataConsent" << "consentText";
        QTest::newRow("typo key") << setLib(QStringLiteral("phone"), QStringLiteral("lable"), QStringLiteral("x")) << int(Kind::UnknownKey) << "fields.phone" << "lable";
    }
    void definitionErrors()
    {
        QFETCH(QString, json);
        QFETCH(int, kind);
        QFETCH(QString, where);
        QFETCH(QString, field);
        const auto r = parseForms(json.toUtf8());
        QVERIFY(has(r, Kind(kind), where, field));
        QCOMPARE(bool(r.forms), Kind(kind) == Kind::UnknownKey);
    }

    void requiredAndOptional()
    {
        QCOMPARE(check(QStringLiteral("insurance-enrol"), QStringLiteral("phone"), QString()), QStringLiteral("Please fill in 联系电话."));
        QCOMPARE(check(QStringLiteral("certificate-print"), QStringLiteral("phone"), QJsonValue()), QString()); // optional
        QVERIFY(check(QStringLiteral("subsidy-apply-elder"), QStringLiteral("gender"), QJsonValue()).startsWith(QStringLiteral("Please choose")));
    }

    void textAndPattern()
    {
        const QString f = QStringLiteral("subsidy-apply-elder");
        QCOMPARE(check(f, QStringLiteral("bankAccount"), QStringLiteral("6222020200112233445")), QString());
        QCOMPARE(check(f, QStringLiteral("bankAccount"), QStringLiteral("6222-0202")), QStringLiteral("银行卡号是16到19位数字"));
        QCOMPARE(check(f, QStringLiteral("bankAccount"), QStringLiteral("62220202001122334455667")), QStringLiteral("银行卡号是16到19位数字"));
        QVERIFY(check(f, QStringLiteral("address"), QStringLiteral("福州")).contains(QStringLiteral("too short")));
        QCOMPARE(check(f, QStringLiteral("address"), QStringLiteral("福建省福州市鼓楼区东街1号")), QString());
        QVERIFY(check(f, QStringLiteral("applicantName"), QString(31, QLatin1Char('x'))).contains(QStringLiteral("too long")));
        QVERIFY(check(f, QStringLiteral("applicantName"), 42).contains(QStringLiteral("must be text")));
    }

    void numbers()
    {
        const QString f = QStringLiteral("subsidy-apply-elder");
        QCOMPARE(check(f, QStringLiteral("householdSize"), 3), QString());
        QCOMPARE(check(f, QStringLiteral("householdSize"), QStringLiteral("3")), QString());
        QVERIFY(check(f, QStringLiteral("householdSize"), 2.5).contains(QStringLiteral("whole number")));
        QVERIFY(check(f, QStringLiteral("householdSize"), 0).contains(QStringLiteral("between 1 and 20")));
        QVERIFY(check(f, QStringLiteral("householdSize"), QStringLiteral("three")).contains(QStringLiteral("must be a number")));
        QCOMPARE(check(f, QStringLiteral("monthlyIncome"), 3500.25), QString());
        QVERIFY(check(f, QStringLiteral("monthlyIncome"), 3500.255).contains(QStringLiteral("decimal point")));
        QVERIFY(check(f, QStringLiteral("monthlyIncome"), -1).contains(QStringLiteral("between")));
    }

    void dates()
    {
        const QString f = QStringLiteral("subsidy-apply-elder");
        QCOMPARE(check(f, QStringLiteral("birthDate"), QStringLiteral("1940-02-29")), QString()); // a leap day
        QVERIFY(check(f, QStringLiteral("birthDate"), QStringLiteral("1941-02-29")).contains(QStringLiteral("not a real date")));
        QVERIFY(check(f, QStringLiteral("birthDate"), QStringLiteral("2027-01-01")).contains(QStringLiteral("cannot be after 2026-11-22")));
        QVERIFY(check(f, QStringLiteral("birthDate"), QStringLiteral("1900-01-01")).contains(QStringLiteral("cannot be before 1906-11-22")));
        QVERIFY(check(f, QStringLiteral("birthDate"), QStringLiteral("1990-1-1")).contains(QStringLiteral("not a real date")));
        QCOMPARE(check(f, QStringLiteral("preferredDate"), QStringLiteral("2026-12-22")), QString()); // today + 30 d
        QVERIFY(!check(f, QStringLiteral("preferredDate"), QStringLiteral("2026-12-23")).isEmpty());
        QVERIFY(!check(f, QStringLiteral("preferredDate"), QStringLiteral("2026-11-21")).isEmpty());
    }

    void phones_data()
    {
        QTest::addColumn<QString>("phone");
        QTest::addColumn<bool>("ok");
        QTest::newRow("mobile") << "13812345678" << true;
        QTest::newRow("mobile 19x") << "19912345678" << true;
        QTest::newRow("landline") << "0591-87654321" << true;
        QTest::newRow("landline no dash") << "059187654321" << true;
        QTest::newRow("10 digits") << "1381234567" << false;
        QTest::newRow("starts 12") << "12812345678" << false;
        QTest::newRow("letters") << "1381234567a" << false;
    }
    void phones()
    {
        QFETCH(QString, phone);
        QFETCH(bool, ok);
        QCOMPARE(check(QStringLiteral("insurance-enrol"), QStringLiteral("phone"), phone).isEmpty(), ok);
    }

    void idNumbers_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("error");
        QTest::newRow("valid") << "11010519491231002X" << "";
        QTest::newRow("valid lower x") << "11010519491231002x" << "";
        QTest::newRow("valid digit") << "350102199003070012" << "";
        QTest::newRow("check digit") << "110105194912310021" << "does not add up";
        QTest::newRow("length") << "11010519491231002" << "18 characters";
        QTest::newRow("letters") << "1101051949123100AX" << "17 digits";
        QTest::newRow("birth date") << "110105194913310026" << "birth date";
    }
    void idNumbers()
    {
        QFETCH(QString, id);
        QFETCH(QString, error);
        const QString message = check(QStringLiteral("record-query"), QStringLiteral("idNumber"), id);
        QVERIFY2(error.isEmpty() ? message.isEmpty() : message.contains(error), qPrintable(message));
    }

    void choices()
    {
        const QString f = QStringLiteral("subsidy-apply-elder");
        QCOMPARE(check(f, QStringLiteral("gender"), QStringLiteral("female")), QString());
        QVERIFY(!check(f, QStringLiteral("gender"), QStringLiteral("other")).isEmpty());
        QCOMPARE(check(f, QStringLiteral("services"), QJsonArray{QStringLiteral("meal")}), QString());
        QVERIFY(check(f, QStringLiteral("services"), QJsonArray{QStringLiteral("meal"), QStringLiteral("bath"), QStringLiteral("clean")}).contains(QStringLiteral("at most 2")));
        QVERIFY(!check(f, QStringLiteral("services"), QJsonArray{QStringLiteral("meal"), QStringLiteral("meal")}).isEmpty());
        QVERIFY(!check(f, QStringLiteral("services"), QJsonArray{QStringLiteral("spa")}).isEmpty());
        QVERIFY(!check(f, QStringLiteral("services"), QJsonArray{}).isEmpty()); // required, at least 1
    }

    void yesNoAndConsent()
    {
        const QString f = QStringLiteral("subsidy-apply-elder");
        QCOMPARE(check(f, QStringLiteral("livesAlone"), false), QString());
        QVERIFY(!check(f, QStringLiteral("livesAlone"), QStringLiteral("no")).isEmpty());
        QCOMPARE(check(f, QStringLiteral("consent"), true), QString());
        QVERIFY(check(f, QStringLiteral("consent"), false).contains(QStringLiteral("agree")));
        QVERIFY(check(f, QStringLiteral("consent"), QJsonValue()).contains(QStringLiteral("agree")));
    }

    void bankCards()
    {
        Field f;
        f.type = FieldType::BankCard;
        f.label = QStringLiteral("银行卡号");
        QCOMPARE(validateValue(f, QStringLiteral("6222020200112233445"), today), QString()); // 19
        QCOMPARE(validateValue(f, QStringLiteral("6222020200112233"), today), QString()); // 16
        for (const char *bad : {"622202020011223", "62220202001122334455", "6222-0202-0011-2233", "6222O20200112233"})
            QVERIFY2(validateValue(f, QString::fromLatin1(bad), today).contains(QStringLiteral("16 to 19 digits")), bad);
        QVERIFY(validateValue(f, 6222020200112233.0, today).contains(QStringLiteral("16 to 19 digits"))); // a number loses digits
        QCOMPARE(fieldTypeName(FieldType::BankCard), QStringLiteral("bankCard"));
    }

    void ageRules()
    {
        auto r = parseForms(R"({"format": 1, "version": "t", "fields": {}, "forms": [{"id": "retirement-apply", "title": "退休申请", "fields": [
            {"id": "idNumber", "type": "idNumber", "label": "身份证号码", "purpose": "确认申请人身份", "prefill": "idNumber"},
            {"id": "birthDate", "type": "date", "label": "出生日期", "purpose": "核对年龄", "prefill": "birthDate", "required": false},
            {"id": "retirementType", "type": "choice", "label": "退休方式", "purpose": "办理条件不同",
             "options": [{"value": "normal", "label": "到龄正常退休", "minAge": 50}, {"value": "other", "label": "其他"}]}]}]})");
        for (const auto &p : r.problems)
            qWarning().noquote() << p.toString();
        QVERIFY(r.forms);
        const Form &form = r.forms->forms.front();
        QCOMPARE(form.fields[2].options[0].minAge, 50);
        QCOMPARE(form.fields[2].options[1].minAge, 0);
        QVERIFY(knowsSubjectAge(form));

        // 2026-11-22: born 1985-01-01 is 41; the birth date field wins over the ID number's.
        QJsonObject answers{{QStringLiteral("idNumber"), QStringLiteral("35010219850101123X")},
                            {QStringLiteral("retirementType"), QStringLiteral("normal")}};
        QCOMPARE(subjectAge(form, answers, today), std::optional<int>(41));
        answers[QStringLiteral("birthDate")] = QStringLiteral("1966-11-23");
        QCOMPARE(subjectAge(form, answers, today), std::optional<int>(59)); // the day before the birthday
        answers[QStringLiteral("birthDate")] = QStringLiteral("1966-11-22");
        QCOMPARE(subjectAge(form, answers, today), std::optional<int>(60));
        answers.remove(QStringLiteral("birthDate"));
        auto errors = validateAnswers(form, answers, today);
        QCOMPARE(errors.size(), std::size_t(1));
        QCOMPARE(errors[0].field, QStringLiteral("retirementType"));
        QVERIFY(errors[0].message.contains(QStringLiteral("50")));
        QVERIFY(errors[0].message.contains(QStringLiteral("41")));
        answers[QStringLiteral("retirementType")] = QStringLiteral("other");
        QVERIFY(validateAnswers(form, answers, today).empty());
        // No age known (no ID number yet): the rule cannot speak; the required fields do.
        QVERIFY(validateAgeRule(form.fields[2], QStringLiteral("normal"), std::nullopt).isEmpty());
        QCOMPARE(subjectAge(form, {}, today), std::nullopt);
    }

    void wholeForm()
    {
        const Form *f = m_forms.form(QStringLiteral("card-bank-change"));
        QJsonObject answers{{QStringLiteral("applicantName"), QStringLiteral("张三")},
                            {QStringLiteral("idNumber"), QStringLiteral("11010519491231002X")},
                            {QStringLiteral("bankAccount"), QStringLiteral("123")}};
        auto errors = validateAnswers(*f, answers, today);
        QCOMPARE(errors.size(), std::size_t(2)); // bank account and consent: every error, not the first
        QCOMPARE(errors[0].field, QStringLiteral("bankAccount"));
        QCOMPARE(errors[1].field, QStringLiteral("consent"));
        answers[QStringLiteral("bankAccount")] = QStringLiteral("6222020200112233445");
        answers[QStringLiteral("consent")] = true;
        QVERIFY(validateAnswers(*f, answers, today).empty());
    }
};

QTEST_GUILESS_MAIN(TestForms)
#include "tst_forms.moc"
