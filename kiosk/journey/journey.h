// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kiosk/config.h"

#include <QDate>
#include <QHash>
#include <QObject>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <memory>

class QQmlEngine;
class QJSEngine;

namespace kiosk::catalog {
class Catalog;
}
namespace kiosk::forms {
class FormSet;
struct Form;
}
namespace kiosk::devices {
class DeviceManager;
}

namespace kiosk {

class Evaluation;
class FormSession;
class ProgressModel;
class QueryService;
class QueueService;
class RecordQuery;
struct QueryIdentity;
class ReceiptSlip;
class Submission;

/**
 * What a resident does after finding an item, by role: the form (FormSession), the request on
 * its way (Submission), the receipt (ReceiptSlip), the rating (Evaluation) and, later, progress
 * (ProgressModel). A 12345 suggestion is the same journey with the hotline's form.
 *
 * Journey holds these parts and what they share (the item, the receiving department, the consent
 * wording); Session decides the screen from their signals. clear() forgets everything of the
 * resident; the session calls it when the visit ends. Lives on the GUI thread.
 */
class Journey : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_MOC_INCLUDE("kiosk/journey/evaluation.h")
    Q_MOC_INCLUDE("kiosk/journey/formsession.h")
    Q_MOC_INCLUDE("kiosk/journey/progressmodel.h")
    Q_MOC_INCLUDE("kiosk/journey/receiptslip.h")
    Q_MOC_INCLUDE("kiosk/journey/submission.h")
    Q_MOC_INCLUDE("kiosk/query/recordquery.h")
    Q_PROPERTY(bool active READ active NOTIFY begun)
    Q_PROPERTY(Kind kind READ kind NOTIFY begun)
    Q_PROPERTY(QString title READ title NOTIFY begun)
    Q_PROPERTY(QString itemCode READ itemCode NOTIFY begun)
    /** The department that receives the data: named in the consent. */
    Q_PROPERTY(QString departmentName READ departmentName NOTIFY begun)
    Q_PROPERTY(int legalDays READ legalDays NOTIFY begun)
    Q_PROPERTY(QString consentText READ consentText NOTIFY begun)
    Q_PROPERTY(kiosk::FormSession *form READ form CONSTANT)
    Q_PROPERTY(kiosk::Submission *submission READ submission CONSTANT)
    Q_PROPERTY(kiosk::ReceiptSlip *receipt READ receipt CONSTANT)
    Q_PROPERTY(kiosk::Evaluation *evaluation READ evaluation CONSTANT)
    Q_PROPERTY(kiosk::ProgressModel *progress READ progress CONSTANT)
    /** A record query or certificate, answered on the spot (not an application). */
    Q_PROPERTY(kiosk::RecordQuery *query READ query CONSTANT)

public:
    enum class Kind { None, Application, Suggestion };
    Q_ENUM(Kind)

    Journey(const Config &config, QueueService *queue, QueryService *queries, devices::DeviceManager *devices, QObject *parent = nullptr);
    ~Journey() override;

    /** The instance QML gets (set by the composition root before QML loads). */
    static void setQmlInstance(Journey *journey);
    static Journey *create(QQmlEngine *, QJSEngine *);

    void setCatalog(const catalog::Catalog *catalog);
    /** The forms; Journey keeps its own copy. */
    void setForms(const forms::FormSet &forms);
    /**
     * What the ID card holds, for prefilling: name, idNumber, gender (male/female, as the forms'
     * option values), birthDate (ISO), address, nation. A form already open is filled from it.
     */
    void setCard(const QHash<QString, QString> &card);
    void setEnglish(bool english);
    /** The day forms are validated against (tests fix it). */
    void setToday(const QDate &today);

    [[nodiscard]] bool active() const { return m_kind != Kind::None; }
    [[nodiscard]] Kind kind() const { return m_kind; }
    [[nodiscard]] QString title() const { return m_title; }
    [[nodiscard]] QString itemCode() const { return m_itemCode; }
    [[nodiscard]] QString departmentName() const { return m_departmentName; }
    [[nodiscard]] int legalDays() const { return m_legalDays; }
    [[nodiscard]] QString consentText() const;
    [[nodiscard]] FormSession *form() const { return m_form.get(); }
    [[nodiscard]] Submission *submission() const { return m_submission.get(); }
    [[nodiscard]] ReceiptSlip *receipt() const { return m_receipt.get(); }
    [[nodiscard]] Evaluation *evaluation() const { return m_evaluation.get(); }
    [[nodiscard]] ProgressModel *progress() const { return m_progress.get(); }
    [[nodiscard]] RecordQuery *query() const { return m_query.get(); }

    /** The form of catalog item @p code. False when the item has no form at this terminal. */
    bool begin(const QString &code);
    /**
     * Item @p code when it is answered on the spot (a record query, a certificate to print):
     * begins the query, which asks at once when it can. False for any other item.
     */
    bool beginQuery(const QString &code);
    /** Whether the card on the reader now is there, and whose it is (personal queries ask then only). */
    void setCardOnReader(std::function<bool()> probe) { m_cardOnReader = std::move(probe); }
    /** The 12345 hotline's suggestion/complaint form. */
    bool beginSuggestion();
    /** Puts the request in the durable queue (once); Submission says how it went. */
    Q_INVOKABLE void submit();
    /** Prints the receipt again (after the printer failed, or for a second copy). */
    Q_INVOKABLE void reprint();
    /** Leaves the current form (the answers are forgotten). */
    void clear();
    /** The visit ended: forgets everything of this resident, the card included. */
    void endVisit();

Q_SIGNALS:
    void begun();

private:
    bool beginForm(const forms::Form *form, Kind kind, const QString &code, const QString &title, const QString &department,
                   const QString &platform, int legalDays);
    void printReceipt();

    Config m_config;
    QueueService *m_queue;
    const catalog::Catalog *m_catalog = nullptr;
    std::unique_ptr<forms::FormSet> m_forms;
    QHash<QString, QString> m_card;
    bool m_english = false;

    Kind m_kind = Kind::None;
    QString m_itemCode, m_title, m_departmentName, m_platform;
    int m_legalDays = 0;

    std::unique_ptr<FormSession> m_form;
    std::unique_ptr<Submission> m_submission;
    std::unique_ptr<ReceiptSlip> m_receipt;
    std::unique_ptr<Evaluation> m_evaluation;
    std::unique_ptr<ProgressModel> m_progress;
    std::unique_ptr<RecordQuery> m_query;
    std::function<bool()> m_cardOnReader;
};

} // namespace kiosk
