// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/journey/journey.h"
#include "common/logging.h"
#include "common/privacy.h"
#include "kiosk/journey/evaluation.h"
#include "kiosk/journey/formsession.h"
#include "kiosk/journey/progressmodel.h"
#include "kiosk/journey/receiptslip.h"
#include "kiosk/journey/submission.h"
#include "kiosk/query/queryservice.h"
#include "kiosk/query/recordquery.h"
#include "kiosk/queue/queueservice.h"
#include "kiosk/ui/qmlinstance.h"
#include "services/catalog/catalog.h"
#include "services/forms/formdefinition.h"
#include "services/platform/platformapi.h"

namespace kiosk {

namespace {

const QString kSuggestionPlatform = QStringLiteral("hotline12345");
// The hotline's statutory time to answer a suggestion (working days).
constexpr int kSuggestionDays = 15;
Journey *g_instance = nullptr;

QString pick(bool en, const QString &zh, const QString &enText)
{
    return en && !enText.isEmpty() ? enText : zh;
}

} // namespace

Journey::Journey(const Config &config, QueueService *queue, QueryService *queries, devices::DeviceManager *devices, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_queue(queue)
    , m_form(std::make_unique<FormSession>())
    , m_submission(std::make_unique<Submission>(queue))
    , m_receipt(std::make_unique<ReceiptSlip>(devices))
    , m_evaluation(std::make_unique<Evaluation>(queue, config.terminalId))
    , m_progress(std::make_unique<ProgressModel>(queue))
    , m_query(std::make_unique<RecordQuery>(queries, devices))
{
    m_query->setPlace(config.centerName, config.terminalName, config.terminalId);
    // Personal records are asked for the card on the reader now, never for one read earlier.
    m_query->setIdentitySource([this]() -> std::optional<QueryIdentity> {
        if (!m_cardOnReader || !m_cardOnReader() || m_card.value(QStringLiteral("idNumber")).isEmpty())
            return std::nullopt;
        const QString id = m_card.value(QStringLiteral("idNumber"));
        return QueryIdentity{m_card.value(QStringLiteral("name")), id, privacy::maskIdNumber(id)};
    });
    connect(m_submission.get(), &Submission::saved, this, [this] {
        m_evaluation->setSubject(m_platform, m_itemCode, m_submission->requestId());
    });
    connect(m_submission.get(), &Submission::settled, this, &Journey::printReceipt);
    connect(m_submission.get(), &Submission::changed, this,
            [this] { m_evaluation->setTrackingNumber(m_submission->trackingNumber()); });
}

Journey::~Journey()
{
    if (g_instance == this)
        g_instance = nullptr;
}

void Journey::setQmlInstance(Journey *journey)
{
    g_instance = journey;
}

Journey *Journey::create(QQmlEngine *, QJSEngine *engine)
{
    return qmlInstance(g_instance, engine);
}

void Journey::setCatalog(const catalog::Catalog *catalog)
{
    m_catalog = catalog;
    m_progress->setCatalog(catalog);
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
    // A card read on the form (the page offered the reader first) answers its questions now.
    if (m_form->active() && !card.isEmpty())
        m_form->fillFromCard(card);
    // A personal query waiting for the card is asked now.
    if (!card.isEmpty() && m_query->state() == RecordQuery::State::NeedsCard)
        m_query->start();
}

void Journey::setEnglish(bool english)
{
    m_english = english;
    m_form->setEnglish(english);
    m_progress->setEnglish(english);
    m_query->setEnglish(english);
}

void Journey::setToday(const QDate &today)
{
    m_form->setToday(today);
}

bool Journey::begin(const QString &code)
{
    const catalog::Item *item = m_catalog ? m_catalog->item(code) : nullptr;
    if (!item || item->form.isEmpty() || item->handling == catalog::Handling::Guide || !m_forms)
        return false;
    const auto *dept = m_catalog->department(item->department);
    return beginForm(m_forms->form(item->form), item->platform == kSuggestionPlatform ? Kind::Suggestion : Kind::Application,
                     item->code, pick(m_english, item->name, item->nameEn),
                     dept ? pick(m_english, dept->name, dept->nameEn) : item->department, item->platform, item->legalDays);
}

bool Journey::beginQuery(const QString &code)
{
    const catalog::Item *item = m_catalog ? m_catalog->item(code) : nullptr;
    if (!item)
        return false;
    const bool certificate = item->form == QLatin1String("certificate-print");
    if (!certificate && item->form != QLatin1String("record-query"))
        return false;
    clear();
    m_query->begin(certificate ? RecordQuery::Kind::Certificate : RecordQuery::Kind::Query, item->code,
                   pick(m_english, item->name, item->nameEn), item->platform, !item->publicAccess());
    return true;
}

bool Journey::beginSuggestion()
{
    const forms::Form *form = m_forms ? m_forms->form(forms::suggestionFormId()) : nullptr;
    if (!form)
        return false;
    const auto *platform = m_catalog ? m_catalog->platform(kSuggestionPlatform) : nullptr;
    return beginForm(form, Kind::Suggestion, QStringLiteral("12345"), pick(m_english, form->title, form->titleEn),
                     platform ? pick(m_english, platform->name, platform->nameEn) : tr("12345 citizen service hotline"),
                     kSuggestionPlatform, kSuggestionDays);
}

bool Journey::beginForm(const forms::Form *form, Kind kind, const QString &code, const QString &title,
                        const QString &department, const QString &platform, int legalDays)
{
    if (!form)
        return false;
    clear();
    m_kind = kind;
    m_itemCode = code;
    m_title = title;
    m_departmentName = department;
    m_platform = platform;
    m_legalDays = legalDays;
    m_form->begin(form, m_card);
    qCInfo(lcApp).noquote() << "form" << form->id << "for" << code << ":" << m_form->stepCount() << "steps,"
                            << m_form->filledFromCard() << "filled from the ID card";
    Q_EMIT begun();
    return true;
}

QString Journey::consentText() const
{
    if (const forms::Form *form = m_form->form()) {
        for (const auto &f : form->fields) {
            // The form's own wording (it names what is agreed to), and who receives the data.
            if (f.type == forms::FieldType::Consent && !f.consentText.isEmpty() && !m_english)
                return f.consentText + QLatin1Char('\n') + tr("Receiving department: %1").arg(m_departmentName);
        }
    }
    if (!active())
        return {};
    return tr("I agree that the information above, including my ID number, is sent to %1 to handle \"%2\", is used only "
              "for that, and is kept as the law requires. This terminal keeps no readable copy.")
        .arg(m_departmentName, m_title);
}

void Journey::submit()
{
    if (!active() || m_submission->held())
        return;
    if (!m_form->consent())
        return m_submission->reject(Submission::Error::NoConsent);
    if (!m_form->validateAll())
        return m_submission->reject(Submission::Error::Invalid);
    const QString idNumber = m_card.value(QStringLiteral("idNumber")).isEmpty() ? m_form->subjectIdNumber()
                                                                                 : m_card.value(QStringLiteral("idNumber"));
    const QDateTime now = QDateTime::currentDateTime();
    platform::api::Application application{
        .kind = QLatin1String(m_kind == Kind::Suggestion ? platform::api::kSuggestion : platform::api::kSubmission),
        .formId = m_form->form()->id,
        .itemCode = m_itemCode,
        .terminalId = m_config.terminalId,
        .centerName = m_config.centerName,
        .answers = m_form->answers(),
        .submittedAt = now,
        .consentText = consentText(),
        .recipient = m_departmentName,
    };
    m_submission->submit({.platform = m_platform, .kind = application.kind, .itemCode = m_itemCode,
                          .subjectHash = m_queue->subjectHash(idNumber),
                          .payloadJson = platform::api::applicationBody(application)},
                         now);
}

void Journey::printReceipt()
{
    const QString center = pick(m_english, m_config.centerName, m_config.centerNameEn);
    const QString terminal = pick(m_english, m_config.terminalName, m_config.terminalNameEn);
    m_receipt->print({.place = center + QLatin1Char(' ') + terminal,
                      .itemName = m_title,
                      .time = m_submission->submittedAt(),
                      .number = m_submission->receiptNumber(),
                      .qrText = m_submission->qrText(),
                      .legalDays = m_legalDays,
                      .awaitingNetwork = m_submission->trackingNumber().isEmpty(),
                      .suggestion = m_kind == Kind::Suggestion});
}

void Journey::reprint()
{
    const auto s = m_submission->state();
    if (s == Submission::State::Sent || s == Submission::State::Queued)
        printReceipt(); // with the platform's number if it has come meanwhile
}

void Journey::clear()
{
    const bool was = active();
    m_kind = Kind::None;
    m_itemCode.clear();
    m_title.clear();
    m_departmentName.clear();
    m_platform.clear();
    m_legalDays = 0;
    m_form->clear();
    m_submission->clear();
    m_receipt->clear();
    m_evaluation->clear();
    m_progress->clear();
    if (was)
        Q_EMIT begun();
}

void Journey::endVisit()
{
    m_query->clear();
    m_card.clear();
    clear();
}

} // namespace kiosk
