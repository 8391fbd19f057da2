// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kiosk/config.h"

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <QVariantList>
#include <QVariantMap>

#include <memory>
#include <vector>

namespace kiosk::catalog {
class Catalog;
}
namespace kiosk::forms {
class FormSet;
struct Form;
struct Field;
}
namespace kiosk::devices {
class DeviceManager;
}

namespace kiosk {

class QueueService;
class Session;

/**
 * What a resident does after finding an item: fill its form (what the ID card holds is filled
 * in), review it, agree to the use of their data, submit it into the durable queue, take the
 * receipt, rate the service — and later, look up progress. A 12345 suggestion is the same
 * journey with the hotline's form.
 *
 * Session decides which screen shows; Journey holds what is on it. Everything the resident
 * entered is wiped by clear(), which runs when the visit ends. Lives on the GUI thread.
 */
class Journey : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool active READ active NOTIFY formChanged)
    /** "submission" or "suggestion" */
    Q_PROPERTY(QString kind READ kind NOTIFY formChanged)
    Q_PROPERTY(QString title READ title NOTIFY formChanged)
    Q_PROPERTY(QString itemCode READ itemCode NOTIFY formChanged)
    /** The department that receives the data: named in the consent. */
    Q_PROPERTY(QString departmentName READ departmentName NOTIFY formChanged)
    Q_PROPERTY(int legalDays READ legalDays NOTIFY formChanged)
    Q_PROPERTY(int step READ step NOTIFY stepChanged)
    Q_PROPERTY(int stepCount READ stepCount NOTIFY formChanged)
    /** The field asked on this step, with its value and error (see fieldMap()). */
    Q_PROPERTY(QVariantMap field READ field NOTIFY stepChanged)
    /** Every field for the review page: label, shown value, fromCard, error, step. */
    Q_PROPERTY(QVariantList review READ review NOTIFY answersChanged)
    Q_PROPERTY(bool consent READ consent WRITE setConsent NOTIFY answersChanged)
    Q_PROPERTY(QString consentText READ consentText NOTIFY formChanged)
    /** Why the last submit() failed, in plain words (empty when it did not). */
    Q_PROPERTY(QString submitError READ submitError NOTIFY receiptChanged)

    /** After submit(): sending (waiting briefly for the platform), sent, queued or refused. */
    Q_PROPERTY(QString deliveryState READ deliveryState NOTIFY receiptChanged)
    Q_PROPERTY(QString trackingNumber READ trackingNumber NOTIFY receiptChanged)
    /** The number the receipt and screen show: the platform's tracking number, or the terminal's. */
    Q_PROPERTY(QString receiptNumber READ receiptNumber NOTIFY receiptChanged)
    /** What the receipt's QR code carries; scanning it here opens the progress page. */
    Q_PROPERTY(QString qrText READ qrText NOTIFY receiptChanged)
    Q_PROPERTY(QString refusal READ refusal NOTIFY receiptChanged)
    /** "", printing, printed or failed */
    Q_PROPERTY(QString printState READ printState NOTIFY receiptChanged)
    Q_PROPERTY(QString printMessage READ printMessage NOTIFY receiptChanged)
    /** "", sent or skipped */
    Q_PROPERTY(QString evaluationState READ evaluationState NOTIFY evaluationChanged)

    /** The progress page: requests with their latest status; how they were found. */
    Q_PROPERTY(QVariantList requests READ requests NOTIFY requestsChanged)
    /** "", card or code */
    Q_PROPERTY(QString lookup READ lookup NOTIFY requestsChanged)

public:
    Journey(const Config &config, Session *session, QueueService *queue, devices::DeviceManager *devices,
            QObject *parent = nullptr);
    ~Journey() override;

    void setCatalog(const catalog::Catalog *catalog);
    /** The forms; Journey keeps its own copy. */
    void setForms(const forms::FormSet &forms);
    /**
     * What the ID card holds, for prefilling: name, idNumber, gender (male/female, as the forms'
     * option values), birthDate (ISO), address, nation.
     */
    void setCard(const QHash<QString, QString> &card);
    /** How long submit waits for the platform before printing the terminal's own number. */
    void setDeliveryWaitMs(int ms) { m_deliveryWait.setInterval(ms); }
    /** The day forms are validated against (tests fix it). */
    void setToday(const QDate &today) { m_today = today; }

    bool active() const { return m_form != nullptr; }
    QString kind() const { return m_kind; }
    QString title() const { return m_title; }
    QString itemCode() const { return m_itemCode; }
    QString departmentName() const { return m_departmentName; }
    int legalDays() const { return m_legalDays; }
    int step() const { return m_step; }
    int stepCount() const { return int(m_steps.size()); }
    QVariantMap field() const;
    QVariantList review() const;
    bool consent() const { return m_consent; }
    void setConsent(bool consent);
    QString consentText() const;
    QString submitError() const { return m_submitError; }
    QString deliveryState() const { return m_deliveryState; }
    QString trackingNumber() const { return m_trackingNumber; }
    QString receiptNumber() const;
    QString qrText() const;
    QString refusal() const { return m_refusal; }
    QString printState() const { return m_printState; }
    QString printMessage() const { return m_printMessage; }
    QString evaluationState() const { return m_evaluationState; }
    QVariantList requests() const { return m_requests; }
    QString lookup() const { return m_lookup; }

    /** The form of catalog item @p code. False when the item has no form at this terminal. */
    Q_INVOKABLE bool begin(const QString &code);
    /** The 12345 hotline's suggestion/complaint form. */
    Q_INVOKABLE bool beginSuggestion();
    /** Sets an answer (text, number as text, ISO date, choice value, list of values, bool). */
    Q_INVOKABLE void setAnswer(const QString &fieldId, const QVariant &value);
    Q_INVOKABLE QVariant answer(const QString &fieldId) const;
    /** Checks this step's answer: "error" (shown beside the field), "step" (moved on) or "review". */
    Q_INVOKABLE QString next();
    /** False on the first step (the page then goes back to the item). */
    Q_INVOKABLE bool previous();
    /** From the review: the step that asks @p fieldId. */
    Q_INVOKABLE bool editField(const QString &fieldId);
    /** Puts the request in the durable queue; true only once it is on disk. */
    Q_INVOKABLE bool submit();
    /** Prints the receipt again (after the printer failed or for a second copy). */
    Q_INVOKABLE void reprint();

    /** The reasons a resident may tick for @p level (1 非常不满意 … 5 非常满意): [{code, label}]. */
    Q_INVOKABLE QVariantList evaluationReasons(int level) const;
    /** @p reasons: codes from evaluationReasons(); others are ignored. */
    Q_INVOKABLE bool submitEvaluation(int level, const QStringList &reasons);
    Q_INVOKABLE void skipEvaluation();

    /** The identified resident's requests. False when nobody is identified. */
    Q_INVOKABLE bool lookupByCard();
    /** The request a receipt's QR (or typed number) names. False when the terminal does not know it. */
    Q_INVOKABLE bool lookupByCode(const QString &code);

    /** Forgets everything of this resident (the visit ended). */
    Q_INVOKABLE void clear();

Q_SIGNALS:
    void formChanged();
    void stepChanged();
    void answersChanged();
    void receiptChanged();
    void evaluationChanged();
    void requestsChanged();

private:
    bool beginForm(const forms::Form *form, const QString &kind, const QString &code, const QString &title,
                   const QString &department, const QString &platform, int legalDays);
    QVariantMap fieldMap(const forms::Field &f) const;
    forms::Field shown(const forms::Field &f) const; ///< labels in the current language
    QString displayValue(const forms::Field &f) const;
    QString validate(const forms::Field &f) const;
    QString statusText(const QString &state, const QString &platformStatus) const;
    QString terminalNumber(const QString &requestId) const;
    QDate today() const { return m_today.isValid() ? m_today : QDate::currentDate(); }
    void onDelivered(const QString &id, const QString &tracking);
    void onDead(const QString &id, const QString &reason);
    void settleDelivery(const QString &state);
    void printReceipt();
    void refreshRequests();
    bool english() const;

    Config m_config;
    Session *m_session;
    QueueService *m_queue;
    devices::DeviceManager *m_devices;
    const catalog::Catalog *m_catalog = nullptr;
    std::unique_ptr<forms::FormSet> m_forms;
    QHash<QString, QString> m_card;
    QDate m_today;

    const forms::Form *m_form = nullptr;
    QString m_kind, m_itemCode, m_title, m_departmentName, m_platform;
    int m_legalDays = 0;
    std::vector<int> m_steps; ///< indices of the fields asked (the card fills the rest)
    int m_step = 0;
    QJsonObject m_answers;
    QHash<QString, QString> m_errors;
    QSet<QString> m_fromCard;
    bool m_consent = false;
    QString m_subjectHash;

    QString m_submitError;
    QString m_requestId, m_deliveryState, m_trackingNumber, m_refusal;
    QDateTime m_submittedAt;
    QTimer m_deliveryWait;
    int m_printJob = 0;
    QString m_printState, m_printMessage;
    QString m_evaluationState;

    QVariantList m_requests;
    QStringList m_requestIds;
    QString m_lookup, m_lookupCode;
};

} // namespace kiosk
