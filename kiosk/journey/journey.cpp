// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/journey/journey.h"
#include "common/logging.h"
#include "common/privacy.h"
#include "devices/devicemanager.h"
#include "kiosk/queue/queueservice.h"
#include "kiosk/session/session.h"
#include "services/catalog/catalog.h"
#include "services/forms/formdefinition.h"
#include "services/queue/outbox.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace kiosk {

namespace {

const QString kSuggestionPlatform = QStringLiteral("hotline12345");
/** What a receipt's QR code says when the platform's tracking number is not known yet. */
const QString kRequestPrefix = QStringLiteral("KIOSK:");

QString pick(bool en, const QString &zh, const QString &enText)
{
    return en && !enText.isEmpty() ? enText : zh;
}

} // namespace

Journey::Journey(const Config &config, Session *session, QueueService *queue, devices::DeviceManager *devices, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_session(session)
    , m_queue(queue)
    , m_devices(devices)
{
    m_deliveryWait.setSingleShot(true);
    m_deliveryWait.setInterval(6000);
    connect(&m_deliveryWait, &QTimer::timeout, this, [this] {
        if (m_deliveryState == QLatin1String("sending"))
            settleDelivery(QStringLiteral("queued"));
    });
    connect(m_queue, &QueueService::delivered, this, &Journey::onDelivered);
    connect(m_queue, &QueueService::deadLettered, this, &Journey::onDead);
    connect(m_queue, &QueueService::statusChanged, this, [this](const QString &id) {
        if (m_requestIds.contains(id))
            refreshRequests();
    });
    connect(m_devices, &devices::DeviceManager::printFinished, this, [this](int job) {
        if (job != m_printJob)
            return;
        m_printState = QStringLiteral("printed");
        m_printMessage.clear();
        Q_EMIT receiptChanged();
    });
    connect(m_devices, &devices::DeviceManager::printFailed, this, [this](int job, devices::PrintError, const QString &message) {
        if (job != m_printJob)
            return;
        qCWarning(lcApp).noquote() << "receipt not printed:" << message;
        m_printState = QStringLiteral("failed");
        m_printMessage = message;
        Q_EMIT receiptChanged();
    });
    connect(m_session, &Session::languageChanged, this, [this] {
        Q_EMIT stepChanged();
        Q_EMIT answersChanged();
        if (!m_requestIds.isEmpty())
            refreshRequests();
    });
}

Journey::~Journey() = default;

void Journey::setCatalog(const catalog::Catalog *catalog)
{
    m_catalog = catalog;
}

void Journey::setForms(const forms::FormSet &forms)
{
    clear();
    m_forms = std::make_unique<forms::FormSet>(forms);
    m_forms->reindex();
}

void Journey::setCard(const QHash<QString, QString> &card)
{
    m_card = card;
}

bool Journey::english() const
{
    return m_session->language() == QLatin1String("en");
}

// --- the form ----------------------------------------------------------------------------------

bool Journey::begin(const QString &code)
{
    const catalog::Item *item = m_catalog ? m_catalog->item(code) : nullptr;
    if (!item || item->form.isEmpty() || item->handling == catalog::Handling::Guide || !m_forms)
        return false;
    const auto *dept = m_catalog->department(item->department);
    const bool en = english();
    return beginForm(m_forms->form(item->form), item->platform == kSuggestionPlatform ? QStringLiteral("suggestion") : QStringLiteral("submission"),
                     item->code, pick(en, item->name, item->nameEn), dept ? pick(en, dept->name, dept->nameEn) : item->department,
                     item->platform, item->legalDays);
}

bool Journey::beginSuggestion()
{
    if (!m_forms)
        return false;
    const forms::Form *form = m_forms->form(forms::suggestionFormId());
    if (!form)
        return false;
    const auto *platform = m_catalog ? m_catalog->platform(kSuggestionPlatform) : nullptr;
    return beginForm(form, QStringLiteral("suggestion"), QStringLiteral("12345"), pick(english(), form->title, form->titleEn),
                     platform ? pick(english(), platform->name, platform->nameEn) : tr("12345 citizen service hotline"),
                     kSuggestionPlatform, 15);
}

bool Journey::beginForm(const forms::Form *form, const QString &kind, const QString &code, const QString &title,
                        const QString &department, const QString &platform, int legalDays)
{
    if (!form)
        return false;
    clear();
    m_form = form;
    m_kind = kind;
    m_itemCode = code;
    m_title = title;
    m_departmentName = department;
    m_platform = platform;
    m_legalDays = legalDays;
    if (const QString id = m_card.value(QStringLiteral("idNumber")); !id.isEmpty())
        m_subjectHash = m_queue->subjectHash(id);
    for (int i = 0; i < int(form->fields.size()); ++i) {
        const forms::Field &f = form->fields[size_t(i)];
        const QString v = f.prefill.isEmpty() ? QString() : m_card.value(f.prefill);
        if (f.type == forms::FieldType::Consent)
            continue; // agreed to on the review page, where the receiving department is named
        if (!v.isEmpty()) {
            m_answers.insert(f.id, v);
            m_fromCard.insert(f.id);
        } else {
            m_steps.push_back(i);
        }
    }
    qCInfo(lcApp).noquote() << "form" << form->id << "for" << code << ":" << m_steps.size() << "steps," << m_fromCard.size()
                            << "filled from the ID card";
    Q_EMIT formChanged();
    Q_EMIT stepChanged();
    Q_EMIT answersChanged();
    Q_EMIT receiptChanged();
    return true;
}

forms::Field Journey::shown(const forms::Field &f) const
{
    forms::Field s = f;
    s.label = pick(english(), f.label, f.labelEn);
    for (auto &o : s.options)
        o.label = pick(english(), o.label, o.labelEn);
    return s;
}

QString Journey::validate(const forms::Field &f) const
{
    return forms::validateValue(shown(f), m_answers.value(f.id), today());
}

QVariantMap Journey::fieldMap(const forms::Field &field) const
{
    const forms::Field f = shown(field);
    const QDate day = today();
    QVariantList options;
    for (const auto &o : f.options)
        options.append(QVariantMap{{QStringLiteral("value"), o.value}, {QStringLiteral("label"), o.label}});
    return {
        {QStringLiteral("id"), f.id},
        {QStringLiteral("type"), forms::fieldTypeName(f.type)},
        {QStringLiteral("label"), f.label},
        {QStringLiteral("purpose"), f.purpose},
        {QStringLiteral("placeholder"), f.placeholder},
        {QStringLiteral("required"), f.required},
        {QStringLiteral("maxLength"), f.maxLength},
        {QStringLiteral("decimals"), f.decimals},
        {QStringLiteral("minDate"), f.minDate ? f.minDate->resolve(day).toString(Qt::ISODate) : QStringLiteral("1900-01-01")},
        {QStringLiteral("maxDate"), f.maxDate ? f.maxDate->resolve(day).toString(Qt::ISODate) : day.addYears(10).toString(Qt::ISODate)},
        {QStringLiteral("options"), options},
        {QStringLiteral("maxChoices"), f.maxChoices},
        {QStringLiteral("phrases"), f.phrases},
        {QStringLiteral("consentText"), f.consentText},
        {QStringLiteral("value"), m_answers.value(f.id).toVariant()},
        {QStringLiteral("error"), m_errors.value(f.id)},
    };
}

QVariantMap Journey::field() const
{
    if (!m_form || m_step < 0 || m_step >= int(m_steps.size()))
        return {};
    return fieldMap(m_form->fields[size_t(m_steps[size_t(m_step)])]);
}

QString Journey::displayValue(const forms::Field &field) const
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
    case forms::FieldType::Choice:
        return label(v.toString());
    case forms::FieldType::MultiChoice: {
        QStringList parts;
        for (const auto &x : v.toArray())
            parts << label(x.toString());
        return parts.join(english() ? QStringLiteral(", ") : QStringLiteral("、"));
    }
    case forms::FieldType::YesNo:
        return v.toBool() ? tr("Yes") : tr("No");
    case forms::FieldType::Consent:
        return v.toBool() ? tr("Agreed") : QString();
    default:
        return v.toVariant().toString();
    }
}

QVariantList Journey::review() const
{
    QVariantList out;
    if (!m_form)
        return out;
    for (int i = 0; i < int(m_form->fields.size()); ++i) {
        const forms::Field &f = m_form->fields[size_t(i)];
        if (f.type == forms::FieldType::Consent)
            continue;
        const auto step = std::find(m_steps.begin(), m_steps.end(), i);
        out.append(QVariantMap{
            {QStringLiteral("id"), f.id},
            {QStringLiteral("label"), pick(english(), f.label, f.labelEn)},
            {QStringLiteral("value"), displayValue(f)},
            {QStringLiteral("fromCard"), m_fromCard.contains(f.id)},
            {QStringLiteral("error"), m_errors.value(f.id)},
            {QStringLiteral("editable"), step != m_steps.end()},
        });
    }
    return out;
}

void Journey::setAnswer(const QString &fieldId, const QVariant &value)
{
    if (!m_form || !m_form->field(fieldId) || m_fromCard.contains(fieldId))
        return;
    QJsonValue v = QJsonValue::fromVariant(value);
    if (v.isString())
        v = v.toString().trimmed().isEmpty() ? QJsonValue() : QJsonValue(v.toString());
    if (v.isNull() || v.isUndefined())
        m_answers.remove(fieldId);
    else
        m_answers.insert(fieldId, v);
    // An error goes away as soon as the answer is right; a new one waits for "next".
    if (m_errors.contains(fieldId) && validate(*m_form->field(fieldId)).isEmpty())
        m_errors.remove(fieldId);
    Q_EMIT stepChanged();
    Q_EMIT answersChanged();
}

QVariant Journey::answer(const QString &fieldId) const
{
    return m_answers.value(fieldId).toVariant();
}

QString Journey::next()
{
    if (!m_form || m_step >= int(m_steps.size()))
        return m_form ? QStringLiteral("review") : QStringLiteral("error");
    const forms::Field &f = m_form->fields[size_t(m_steps[size_t(m_step)])];
    const QString error = validate(f);
    if (!error.isEmpty()) {
        m_errors.insert(f.id, error);
        Q_EMIT stepChanged();
        Q_EMIT answersChanged();
        return QStringLiteral("error");
    }
    m_errors.remove(f.id);
    if (m_step + 1 >= int(m_steps.size())) {
        Q_EMIT answersChanged();
        return QStringLiteral("review");
    }
    ++m_step;
    Q_EMIT stepChanged();
    return QStringLiteral("step");
}

bool Journey::previous()
{
    if (m_step <= 0)
        return false;
    --m_step;
    Q_EMIT stepChanged();
    return true;
}

bool Journey::editField(const QString &fieldId)
{
    if (!m_form)
        return false;
    for (int s = 0; s < int(m_steps.size()); ++s) {
        if (m_form->fields[size_t(m_steps[size_t(s)])].id == fieldId) {
            m_step = s;
            Q_EMIT stepChanged();
            return true;
        }
    }
    return false;
}

void Journey::setConsent(bool consent)
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
    Q_EMIT answersChanged();
}

QString Journey::consentText() const
{
    if (!m_form)
        return {};
    for (const auto &f : m_form->fields) {
        // The form's own wording (it names what is agreed to), and who receives the data.
        if (f.type == forms::FieldType::Consent && !f.consentText.isEmpty() && !english())
            return f.consentText + QLatin1Char('\n') + tr("Receiving department: %1").arg(m_departmentName);
    }
    return tr("I agree that the information above, including my ID number, is sent to %1 to handle \"%2\", is used only "
              "for that, and is kept as the law requires. This terminal keeps no readable copy.")
        .arg(m_departmentName, m_title);
}

// --- submitting --------------------------------------------------------------------------------

bool Journey::submit()
{
    if (!m_form)
        return false;
    if (!m_requestId.isEmpty()) // already saved: never twice
        return true;
    m_submitError.clear();
    m_errors.clear();
    if (!m_consent) {
        m_submitError = tr("Please agree to the use of your information, or end the visit if you do not want to submit.");
        Q_EMIT answersChanged();
        Q_EMIT receiptChanged();
        return false;
    }
    forms::Form shownForm = *m_form;
    for (auto &f : shownForm.fields)
        f = shown(f);
    for (const auto &e : forms::validateAnswers(shownForm, m_answers, today()))
        m_errors.insert(e.field, e.message);
    if (!m_errors.isEmpty()) {
        m_submitError = tr("Some answers need another look; they are marked below.");
        Q_EMIT answersChanged();
        Q_EMIT receiptChanged();
        return false;
    }
    if (m_subjectHash.isEmpty()) {
        for (const auto &f : m_form->fields)
            if (f.type == forms::FieldType::IdNumber && (f.prefill == QLatin1String("idNumber") || f.id == QLatin1String("idNumber")))
                m_subjectHash = m_queue->subjectHash(m_answers.value(f.id).toString());
    }
    m_submittedAt = QDateTime::currentDateTime();
    QJsonObject payload{
        {QStringLiteral("formId"), m_form->id},
        {QStringLiteral("fields"), m_answers},
        {QStringLiteral("terminal"), m_config.terminalId},
        {QStringLiteral("center"), m_config.centerName},
        {QStringLiteral("submittedAt"), m_submittedAt.toString(Qt::ISODateWithMs)},
        {QStringLiteral("consent"), QJsonObject{{QStringLiteral("text"), consentText()},
                                                {QStringLiteral("recipient"), m_departmentName},
                                                {QStringLiteral("agreedAt"), m_submittedAt.toString(Qt::ISODate)}}},
    };
    if (m_kind == QLatin1String("suggestion")) {
        // The hotline's API takes its fields at the top level (docs/platform-api.md).
        for (auto it = m_answers.begin(); it != m_answers.end(); ++it)
            payload.insert(it.key(), it.value());
    }
    payload.insert(QStringLiteral("itemCode"), m_itemCode);
    const QVariantMap r = m_queue->enqueue(m_platform, m_kind, m_itemCode, m_subjectHash,
                                           QJsonDocument(payload).toJson(QJsonDocument::Compact));
    if (!r.value(QStringLiteral("ok")).toBool()) {
        m_submitError = tr("Your request could not be saved on this terminal, so it was not submitted. Nothing was sent. "
                           "Please ask staff for help or use the counter.");
        qCWarning(lcApp).noquote() << "submit failed:" << r.value(QStringLiteral("error")).toString();
        Q_EMIT receiptChanged();
        return false;
    }
    m_requestId = r.value(QStringLiteral("id")).toString();
    m_deliveryState = QStringLiteral("sending");
    m_deliveryWait.start();
    Q_EMIT receiptChanged();
    return true;
}

void Journey::onDelivered(const QString &id, const QString &tracking)
{
    if (id != m_requestId)
        return;
    m_trackingNumber = tracking;
    if (m_deliveryState == QLatin1String("sending")) {
        settleDelivery(QStringLiteral("sent"));
    } else {
        m_deliveryState = QStringLiteral("sent");
        Q_EMIT receiptChanged();
    }
}

void Journey::onDead(const QString &id, const QString &reason)
{
    if (id != m_requestId)
        return;
    m_refusal = reason;
    m_deliveryWait.stop();
    m_deliveryState = QStringLiteral("refused");
    Q_EMIT receiptChanged();
}

void Journey::settleDelivery(const QString &state)
{
    m_deliveryWait.stop();
    m_deliveryState = state;
    Q_EMIT receiptChanged();
    printReceipt();
}

QString Journey::receiptNumber() const
{
    if (!m_trackingNumber.isEmpty())
        return m_trackingNumber;
    return m_requestId.isEmpty() ? QString() : terminalNumber(m_requestId);
}

QString Journey::terminalNumber(const QString &requestId) const
{
    // The terminal's own number until the platform gives one: terminal id and the request id's start.
    return m_config.terminalId + QLatin1Char('-') + requestId.left(8).toUpper();
}

QString Journey::qrText() const
{
    if (!m_trackingNumber.isEmpty())
        return m_trackingNumber;
    return m_requestId.isEmpty() ? QString() : kRequestPrefix + m_requestId;
}

void Journey::printReceipt()
{
    if (m_requestId.isEmpty())
        return;
    const QString days = m_legalDays > 0 ? QStringLiteral("%1个工作日").arg(m_legalDays) : QStringLiteral("即时办结");
    QStringList notes{QStringLiteral("法定办结时限：") + days};
    if (m_trackingNumber.isEmpty())
        notes << QStringLiteral("网络恢复后自动报送，编号不变");
    notes << QStringLiteral("查询进度：在本机刷身份证或扫描下方二维码");
    if (m_kind == QLatin1String("suggestion"))
        notes << QStringLiteral("也可拨打12345热线查询");
    devices::printer::ReceiptData receipt;
    receipt.terminalName = m_config.centerName + QLatin1Char(' ') + m_config.terminalName;
    receipt.itemName = m_title;
    receipt.time = m_submittedAt.isValid() ? m_submittedAt : QDateTime::currentDateTime();
    receipt.trackingNumber = receiptNumber();
    receipt.qrPayload = qrText();
    receipt.notes = notes;
    receipt.footer = QStringLiteral("请妥善保管本回执");
    m_printJob = m_devices->print(receipt, devices::printer::JobPolicy::HandBack);
    if (m_printJob == 0) {
        m_printState = QStringLiteral("failed");
        m_printMessage = QStringLiteral("printer not available");
    } else {
        m_printState = QStringLiteral("printing");
        m_printMessage.clear();
    }
    Q_EMIT receiptChanged();
}

void Journey::reprint()
{
    if (m_deliveryState == QLatin1String("sent") || m_deliveryState == QLatin1String("queued"))
        printReceipt();
}

// --- 好差评 --------------------------------------------------------------------------------------

QVariantList Journey::evaluationReasons(int level) const
{
    // Codes go to the platform (the same in every language); labels are for the screen.
    const std::pair<const char *, QString> all[] = {
        {"quick", tr("Quick and easy")},
        {"clear", tr("Clear instructions")},
        {"one_visit", tr("Done in one visit")},
        {"staff_helpful", tr("Helpful staff")},
        {"less_paperwork", tr("Less paperwork")},
        {"too_long", tr("Took too long")},
        {"unclear", tr("Instructions unclear")},
        {"too_many_materials", tr("Too many materials")},
        {"materials_twice", tr("Asked for materials twice")},
        {"hard_screen", tr("Hard to use the screen")},
        {"device_fault", tr("Device did not work")},
        {"staff_unhelpful", tr("Staff were unhelpful")},
        {"other", tr("Other")},
    };
    static const std::vector<const char *> satisfied{"quick", "clear", "one_visit", "staff_helpful", "less_paperwork"};
    static const std::vector<const char *> fair{"too_long", "unclear", "too_many_materials", "hard_screen", "other"};
    static const std::vector<const char *> dissatisfied{"too_long", "unclear", "materials_twice", "hard_screen",
                                                         "device_fault", "staff_unhelpful", "other"};
    const auto &wanted = level >= 4 ? satisfied : level == 3 ? fair : dissatisfied;
    QVariantList out;
    for (const char *code : wanted)
        for (const auto &[c, label] : all)
            if (qstrcmp(code, c) == 0)
                out.append(QVariantMap{{QStringLiteral("code"), QLatin1String(code)}, {QStringLiteral("label"), label}});
    return out;
}

bool Journey::submitEvaluation(int level, const QStringList &reasons)
{
    if (level < 1 || level > 5 || m_requestId.isEmpty() || !m_evaluationState.isEmpty())
        return false;
    QStringList allowed;
    for (const QVariant &r : evaluationReasons(level))
        allowed << r.toMap().value(QStringLiteral("code")).toString();
    QJsonArray chosen;
    for (const QString &r : reasons)
        if (allowed.contains(r))
            chosen.append(r);
    const QJsonObject payload{
        {QStringLiteral("rating"), level},
        {QStringLiteral("reasons"), chosen},
        {QStringLiteral("itemCode"), m_itemCode},
        {QStringLiteral("requestId"), m_requestId},
        {QStringLiteral("trackingNumber"), m_trackingNumber},
        {QStringLiteral("channel"), QStringLiteral("terminal")},
        {QStringLiteral("terminal"), m_config.terminalId},
    };
    // No subject: a rating is not part of the resident's own records.
    const QVariantMap r = m_queue->enqueue(m_platform, QStringLiteral("evaluation"), m_itemCode, QString(),
                                           QJsonDocument(payload).toJson(QJsonDocument::Compact));
    if (!r.value(QStringLiteral("ok")).toBool())
        return false; // never blocks the resident: the page moves on regardless
    m_evaluationState = QStringLiteral("sent");
    qCInfo(lcApp).noquote() << "evaluation" << level << "for" << m_itemCode << "queued";
    Q_EMIT evaluationChanged();
    return true;
}

void Journey::skipEvaluation()
{
    if (m_evaluationState.isEmpty()) {
        m_evaluationState = QStringLiteral("skipped");
        Q_EMIT evaluationChanged();
    }
}

// --- progress ----------------------------------------------------------------------------------

bool Journey::lookupByCard()
{
    if (m_session->subjectKey().isEmpty())
        return false;
    m_lookup = QStringLiteral("card");
    m_lookupCode.clear();
    refreshRequests();
    m_queue->checkStatusNow(m_requestIds);
    return true;
}

bool Journey::lookupByCode(const QString &code)
{
    QString c = code.trimmed();
    if (c.startsWith(kRequestPrefix))
        c = c.mid(kRequestPrefix.size());
    if (!m_queue->findRequest(c))
        return false;
    m_lookup = QStringLiteral("code");
    m_lookupCode = c;
    refreshRequests();
    m_queue->checkStatusNow(m_requestIds);
    return true;
}

QString Journey::statusText(const QString &state, const QString &platformStatus) const
{
    if (state == QLatin1String("pending") || state == QLatin1String("sending"))
        return tr("Saved on this terminal; it is sent as soon as the network allows");
    if (state == QLatin1String("dead"))
        return tr("Could not be delivered; staff have been told and will help");
    if (state == QLatin1String("discarded"))
        return tr("Withdrawn by staff");
    if (platformStatus == QLatin1String("in_progress"))
        return tr("Being handled");
    if (platformStatus == QLatin1String("done"))
        return tr("Completed");
    if (platformStatus == QLatin1String("rejected"))
        return tr("Not approved");
    return tr("Received by the department");
}

void Journey::refreshRequests()
{
    std::vector<queue::OutboxEntry> entries;
    if (m_lookup == QLatin1String("card")) {
        entries = m_queue->requestsFor(m_session->subjectKey());
    } else if (m_lookup == QLatin1String("code")) {
        if (auto e = m_queue->findRequest(m_lookupCode))
            entries.push_back(*e);
    }
    m_requests.clear();
    m_requestIds.clear();
    for (const auto &e : entries) {
        if (e.kind == "evaluation")
            continue;
        const QString code = QString::fromStdString(e.itemCode);
        const catalog::Item *item = m_catalog ? m_catalog->item(code) : nullptr;
        QString name = item ? pick(english(), item->name, item->nameEn) : code;
        if (e.kind == "suggestion" && !item)
            name = tr("12345 suggestion or complaint");
        const QString id = QString::fromStdString(e.id);
        const QString tracking = QString::fromStdString(e.trackingNumber);
        const QString state = QString::fromStdString(e.state);
        const QString status = QString::fromStdString(e.platformStatus);
        m_requestIds << id;
        m_requests.append(QVariantMap{
            {QStringLiteral("id"), id},
            {QStringLiteral("itemName"), name},
            {QStringLiteral("number"), tracking.isEmpty() ? terminalNumber(id) : tracking},
            {QStringLiteral("submitted"), QDateTime::fromMSecsSinceEpoch(e.createdAt).toString(QStringLiteral("yyyy-MM-dd HH:mm"))},
            {QStringLiteral("state"), state == QLatin1String("done") ? (status.isEmpty() ? QStringLiteral("accepted") : status) : state},
            {QStringLiteral("statusText"), statusText(state, status)},
            {QStringLiteral("message"), QString::fromStdString(e.platformMessage)},
        });
    }
    Q_EMIT requestsChanged();
}

void Journey::clear()
{
    m_deliveryWait.stop();
    m_form = nullptr;
    m_kind.clear();
    m_itemCode.clear();
    m_title.clear();
    m_departmentName.clear();
    m_platform.clear();
    m_legalDays = 0;
    m_steps.clear();
    m_step = 0;
    m_answers = {};
    m_errors.clear();
    m_fromCard.clear();
    m_consent = false;
    m_subjectHash.clear();
    m_submitError.clear();
    m_requestId.clear();
    m_deliveryState.clear();
    m_trackingNumber.clear();
    m_refusal.clear();
    m_printJob = 0;
    m_printState.clear();
    m_printMessage.clear();
    m_evaluationState.clear();
    m_requests.clear();
    m_requestIds.clear();
    m_lookup.clear();
    m_lookupCode.clear();
    Q_EMIT formChanged();
    Q_EMIT stepChanged();
    Q_EMIT answersChanged();
    Q_EMIT receiptChanged();
    Q_EMIT evaluationChanged();
    Q_EMIT requestsChanged();
}

} // namespace kiosk
