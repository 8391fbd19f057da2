// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>
#include <QDate>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace kiosk::forms {
struct Form;
struct Field;
}

namespace kiosk {

struct FormField;
class ReviewModel;

/**
 * One form being filled in, one question at a time: the answers, their validation against the
 * form's rules, and what the ID card fills in (those fields are not asked again). The screen
 * follows the signals: stepChanged() for a new question, reviewReady() once the last one is
 * answered, editRequested() when the review sends the resident back to a question.
 *
 * Lives on the GUI thread; clear() forgets every answer.
 */
class FormSession : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the journey's form")
    Q_PROPERTY(bool active READ active NOTIFY formChanged)
    Q_PROPERTY(int step READ step NOTIFY stepChanged)
    Q_PROPERTY(int stepCount READ stepCount NOTIFY formChanged)
    Q_PROPERTY(bool lastStep READ lastStep NOTIFY stepChanged)
    /** The question asked on this step, with its answer and error. */
    Q_PROPERTY(kiosk::FormField field READ field NOTIFY stepChanged)
    /** Every answer for the review page. */
    Q_PROPERTY(kiosk::ReviewModel *review READ review CONSTANT)
    Q_PROPERTY(bool consent READ consent WRITE setConsent NOTIFY consentChanged)
    /**
     * This question is one the ID card answers, and no card has been read: the page offers the
     * card reader first (请在读卡区放置身份证), typing second (typeInstead()). A card read then
     * fills every such question (fillFromCard()).
     */
    Q_PROPERTY(bool offerCard READ offerCard NOTIFY stepChanged)

public:
    /** The kinds of question (forms::FieldType without the consent, agreed to on the review). */
    enum class FieldKind { None, Text, Number, Date, Phone, IdNumber, BankCard, Choice, MultiChoice, Address, YesNo };
    Q_ENUM(FieldKind)

    explicit FormSession(QObject *parent = nullptr);
    ~FormSession() override;

    /**
     * Starts @p form (which must outlive the session or be cleared first). @p card holds what the
     * ID card says, by prefill name (name, idNumber, gender, birthDate, address, nation).
     */
    void begin(const forms::Form *form, const QHash<QString, QString> &card);
    /**
     * An ID card was read while the form is open: every question it answers is filled from it
     * (typed answers to those questions are replaced) and no longer asked. The resident stays on
     * the question they were on, or goes to the next one still asked.
     */
    void fillFromCard(const QHash<QString, QString> &card);
    void clear();
    /** Labels and messages in English (true) or Chinese. */
    void setEnglish(bool english);
    /** The day answers are validated against (tests fix it). */
    void setToday(const QDate &today) { m_today = today; }

    [[nodiscard]] bool active() const { return m_form != nullptr; }
    [[nodiscard]] const forms::Form *form() const { return m_form; }
    [[nodiscard]] int step() const { return m_step; }
    [[nodiscard]] int stepCount() const { return int(m_steps.size()); }
    [[nodiscard]] bool lastStep() const { return m_step + 1 >= stepCount(); }
    [[nodiscard]] FormField field() const;
    [[nodiscard]] ReviewModel *review() const { return m_review; }
    [[nodiscard]] bool consent() const { return m_consent; }
    void setConsent(bool consent);
    [[nodiscard]] const QJsonObject &answers() const { return m_answers; }
    [[nodiscard]] int filledFromCard() const { return int(m_fromCard.size()); }
    /** The ID number of the person the form is about: the card's, or the one typed. */
    [[nodiscard]] QString subjectIdNumber() const;

    /** The answer to @p fieldId (undefined when none). */
    Q_INVOKABLE QVariant answer(const QString &fieldId) const { return m_answers.value(fieldId).toVariant(); }
    [[nodiscard]] bool offerCard() const;
    /** The resident would rather type what the card holds: the questions are asked. */
    Q_INVOKABLE void typeInstead();

    /** Sets an answer (text, number as text, ISO date, choice value, list of values, bool). */
    Q_INVOKABLE void setAnswer(const QString &fieldId, const QVariant &value);
    /** What is being typed (pinyin not yet chosen) becomes the text: before moving on or adding a phrase. */
    Q_INVOKABLE void commitTyping();
    /** Checks this step's answer: its error is shown, or the next question, or reviewReady(). */
    Q_INVOKABLE void next();
    /** False on the first step (the session then leaves the form). */
    bool previous();
    /** From the review: back to the question that asks @p fieldId (editRequested()). */
    Q_INVOKABLE bool editField(const QString &fieldId);
    /** Checks every answer; the errors are shown on the review. True when all are right. */
    bool validateAll();

    /** The answer shown to the resident (ID and bank card numbers masked, choices by label). */
    [[nodiscard]] QString displayValue(const forms::Field &field) const;
    [[nodiscard]] QString errorOf(const QString &fieldId) const { return m_errors.value(fieldId); }
    [[nodiscard]] bool isFromCard(const QString &fieldId) const { return m_fromCard.contains(fieldId); }
    [[nodiscard]] bool isAsked(const QString &fieldId) const;
    [[nodiscard]] QString labelOf(const forms::Field &field) const;

Q_SIGNALS:
    void formChanged();
    void stepChanged();
    void answersChanged();
    void consentChanged();
    /** This step's answer was checked and is wrong: the error is beside it. */
    void answerRejected();
    /** The last question is answered: time for the review. */
    void reviewReady();
    /** The resident wants to change an answer from the review. */
    void editRequested();

private:
    [[nodiscard]] forms::Field shown(const forms::Field &f) const;
    [[nodiscard]] QString validate(const forms::Field &f) const;
    void rebuildSteps();
    [[nodiscard]] QDate today() const { return m_today.isValid() ? m_today : QDate::currentDate(); }
    void answersTouched();

    const forms::Form *m_form = nullptr;
    std::vector<int> m_steps; ///< indices of the fields asked (the card fills the rest)
    int m_step = 0;
    QJsonObject m_answers;
    QHash<QString, QString> m_errors;
    QSet<QString> m_fromCard;
    bool m_consent = false;
    bool m_cardRead = false; ///< the card has filled this form (at begin or later)
    bool m_typing = false; ///< the resident chose to type what the card would fill
    bool m_english = false;
    QDate m_today;
    ReviewModel *m_review;
};

/** A question as the form page shows it. */
struct FormField {
    Q_GADGET
    QML_VALUE_TYPE(formField)
    Q_PROPERTY(QString id MEMBER id)
    Q_PROPERTY(kiosk::FormSession::FieldKind kind MEMBER kind)
    Q_PROPERTY(QString label MEMBER label)
    Q_PROPERTY(QString purpose MEMBER purpose)
    Q_PROPERTY(QString placeholder MEMBER placeholder)
    Q_PROPERTY(bool required MEMBER required)
    Q_PROPERTY(int maxLength MEMBER maxLength)
    Q_PROPERTY(int decimals MEMBER decimals)
    /** ISO dates bounding a date answer. */
    Q_PROPERTY(QString minDate MEMBER minDate)
    Q_PROPERTY(QString maxDate MEMBER maxDate)
    /** Where the date picker starts while nothing is chosen (today, within the bounds). Not an answer. */
    Q_PROPERTY(QString startDate MEMBER startDate)
    /** ChoiceOption values. */
    Q_PROPERTY(QVariantList options MEMBER options)
    Q_PROPERTY(int maxChoices MEMBER maxChoices)
    Q_PROPERTY(QStringList phrases MEMBER phrases)
    /** The answer: text, ISO date, choice value, list of values or bool; undefined when none. */
    Q_PROPERTY(QVariant value MEMBER value)
    /** The answer as text ("" when none): what the keypad and text box show. */
    Q_PROPERTY(QString text MEMBER text)
    Q_PROPERTY(QStringList chosen MEMBER chosen)
    Q_PROPERTY(QString error MEMBER error)

public:
    QString id;
    FormSession::FieldKind kind = FormSession::FieldKind::None;
    QString label, purpose, placeholder;
    bool required = true;
    int maxLength = 0;
    int decimals = 0;
    QString minDate, maxDate, startDate;
    QVariantList options;
    int maxChoices = 0;
    QStringList phrases;
    QVariant value;
    QString text;
    QStringList chosen;
    QString error;
};

/** One choice of a question. */
struct ChoiceOption {
    Q_GADGET
    QML_VALUE_TYPE(choiceOption)
    Q_PROPERTY(QVariant value MEMBER value)
    Q_PROPERTY(QString label MEMBER label)
public:
    QVariant value;
    QString label;
};

/** Every question of the form with its answer, for the review page. */
class ReviewModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the form's review")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
public:
    enum Role { FieldIdRole = Qt::UserRole + 1, LabelRole, ValueRole, FromCardRole, ErrorRole, EditableRole };
    Q_ENUM(Role)

    explicit ReviewModel(const FormSession *form, QObject *parent = nullptr);
    /** The form's answers changed: every row is read again. */
    void refresh();

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void countChanged();

private:
    const FormSession *m_form;
    std::vector<int> m_rows; ///< field indices shown (consent excluded)
};

} // namespace kiosk
