// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/query/recordquery.h"

#include "common/logging.h"
#include "devices/devicemanager.h"
#include "devices/idcard/idcard.h"
#include "devices/printer/receipt.h"
#include "kiosk/query/answermodels.h"
#include "kiosk/query/querydocument.h"
#include "kiosk/query/queryservice.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcQuery)

namespace kiosk {

namespace {

} // namespace

RecordQuery::RecordQuery(QueryService *service, devices::DeviceManager *devices, QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_devices(devices)
    , m_values(std::make_unique<AnswerValueModel>())
{
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, [this] {
        m_waitedSeconds = int(m_waited.elapsed() / 1000);
        Q_EMIT waitedChanged();
    });
    connect(m_service, &QueryService::finished, this, &RecordQuery::onFinished);
    connect(m_devices, &devices::DeviceManager::documentProgress, this, [this](int job, int done, int total) {
        if (job == 0 || job != m_job)
            return;
        m_pagesDone = done;
        m_pagesTotal = total;
        Q_EMIT printChanged();
    });
    connect(m_devices, &devices::DeviceManager::documentFinished, this, [this](int job, bool ok, devices::DeviceError error, const QString &detail) {
        if (job == 0 || job != m_job)
            return;
        m_job = 0;
        m_printError = ok ? devices::DeviceError::None : error;
        if (ok)
            m_pagesDone = m_pagesTotal;
        else
            qCWarning(lcQuery).noquote() << m_itemCode << "document not printed:" << detail;
        m_printState = ok ? PrintState::Printed : PrintState::PrintFailed;
        Q_EMIT printChanged();
    });
    connect(m_devices, &devices::DeviceManager::printFinished, this, [this](int job) {
        if (job != 0 && job == m_slipJob) {
            m_slipJob = 0;
            m_slipState = PrintState::Printed;
            Q_EMIT printChanged();
        }
    });
    connect(m_devices, &devices::DeviceManager::printFailed, this, [this](int job, devices::PrintError, const QString &) {
        if (job != 0 && job == m_slipJob) {
            m_slipJob = 0;
            m_slipState = PrintState::PrintFailed;
            Q_EMIT printChanged();
        }
    });
}

RecordQuery::~RecordQuery()
{
    wipe();
}

void RecordQuery::setPlace(const QString &centre, const QString &terminalName, const QString &terminalId)
{
    m_centre = centre;
    m_terminalName = terminalName;
    m_terminalId = terminalId;
}

void RecordQuery::setEnglish(bool english)
{
    if (m_english == english)
        return;
    m_english = english;
    if (m_answer || m_certificate)
        showAnswer();
}

int RecordQuery::deadlineSeconds() const
{
    return (m_kind == Kind::Certificate ? platform::query::kCertificateDeadlineMs : platform::query::kQueryDeadlineMs) / 1000;
}

void RecordQuery::begin(Kind kind, const QString &itemCode, const QString &itemName, const QString &platform, bool personal)
{
    wipe();
    m_kind = kind;
    m_itemCode = itemCode;
    m_itemName = itemName;
    m_platform = platform;
    m_personal = personal;
    Q_EMIT begun();
    Q_EMIT answerChanged();
    Q_EMIT printChanged();
    start();
}

void RecordQuery::start()
{
    if (m_itemCode.isEmpty() || m_state == State::Asking)
        return;
    platform::query::Request request;
    request.itemCode = m_itemCode;
    request.terminalId = m_terminalId;
    m_asker = {};
    if (m_personal) {
        // The resident's own card, on the reader now: an identity remembered from earlier in the
        // visit is not enough to show someone's records.
        const std::optional<QueryIdentity> who = m_identity ? m_identity() : std::nullopt;
        if (!who || who->idNumber.isEmpty()) {
            setState(State::NeedsCard);
            return;
        }
        m_asker = *who;
        request.idNumber = who->idNumber;
        request.name = who->name;
    }
    m_waited.start();
    m_waitedSeconds = 0;
    m_tick.start();
    setState(State::Asking);
    Q_EMIT waitedChanged();
    m_call = m_service->ask(m_platform, request, m_kind == Kind::Certificate, deadlineSeconds() * 1000);
    devices::idcard::wipeString(request.idNumber);
}

void RecordQuery::cancel()
{
    if (m_state != State::Asking)
        return;
    const int call = std::exchange(m_call, 0);
    m_tick.stop();
    m_service->cancel(call);
    setState(State::Idle);
}

void RecordQuery::onFinished(int id, const QueryOutcome &o)
{
    if (id == 0 || id != m_call)
        return;
    m_call = 0;
    m_tick.stop();
    using F = QueryOutcome::Failure;
    switch (o.failure) {
    case F::None:
        break;
    case F::Cancelled:
        setState(State::Idle);
        return;
    case F::NoPlatform:
        setState(State::Failed, tr("This query is not available at this terminal. Please ask staff."));
        return;
    case F::Unreachable:
        setState(State::Failed, tr("The department's system cannot be reached just now. Nothing was kept. Please try again in a few minutes, or ask staff."));
        return;
    case F::TimedOut:
        setState(State::Failed, tr("The department's system did not answer in time. Nothing was kept. Please try again, or ask staff."));
        return;
    case F::Refused:
        setState(State::Failed, o.refusal.isEmpty() ? tr("The department's system could not answer this request. Please ask staff.") : o.refusal);
        return;
    case F::ServerError:
        setState(State::Failed, tr("The department's system has a problem just now. Please try again later, or ask staff."));
        return;
    case F::Malformed:
        setState(State::Failed, m_kind == Kind::Certificate
                                    ? tr("The document did not pass the terminal's check and was not printed. Please try again, or ask staff.")
                                    : tr("The answer could not be shown. Please try again, or ask staff."));
        return;
    }
    const platform::query::Outcome outcome = o.certificate ? o.certificate->outcome : o.answer ? o.answer->outcome : platform::query::Outcome::NoRecord;
    const QString words = o.certificate ? (m_english && !o.certificate->messageEn.isEmpty() ? o.certificate->messageEn : o.certificate->message)
                        : o.answer ? (m_english && !o.answer->messageEn.isEmpty() ? o.answer->messageEn : o.answer->message)
                                   : QString();
    if (outcome == platform::query::Outcome::NoRecord) {
        setState(State::NoRecord, words.isEmpty() ? tr("Nothing is on record for you for this item.") : words);
        return;
    }
    if (outcome == platform::query::Outcome::NotPermitted) {
        setState(State::NotPermitted, words.isEmpty() ? tr("This record can only be seen by the person it belongs to.") : words);
        return;
    }
    m_answer = o.answer;
    m_certificate = o.certificate;
    ++m_serial;
    showAnswer();
    setState(State::Answered);
    if (m_personal)
        Q_EMIT personalAnswerShown();
}

void RecordQuery::showAnswer()
{
    dropTables();
    if (m_answer) {
        m_values->reset(m_answer->values, m_english);
        for (const auto &t : m_answer->tables)
            m_tables.append(new AnswerTable(t, m_english, this));
    } else {
        m_values->reset({}, m_english);
    }
    Q_EMIT answerChanged();
}

QString RecordQuery::title() const
{
    if (m_answer)
        return m_english && !m_answer->titleEn.isEmpty() ? m_answer->titleEn : m_answer->title;
    if (m_certificate)
        return m_english && !m_certificate->titleEn.isEmpty() ? m_certificate->titleEn : m_certificate->title;
    return m_itemName;
}

QString RecordQuery::reference() const
{
    return m_answer ? m_answer->reference : m_certificate ? m_certificate->reference : QString();
}

QString RecordQuery::answeredAt() const
{
    return query::localTimeText(m_answer ? m_answer->issuedAt : m_certificate ? m_certificate->issuedAt : QDateTime(), m_english);
}

QString RecordQuery::validUntil() const
{
    return m_answer ? query::localTimeText(m_answer->validUntil, m_english) : QString();
}

QStringList RecordQuery::notes() const
{
    if (!m_answer)
        return {};
    return m_english && !m_answer->notesEn.isEmpty() ? m_answer->notesEn : m_answer->notes;
}

QString RecordQuery::verificationCode() const
{
    return m_certificate ? m_certificate->verificationCode : QString();
}

int RecordQuery::documentPages() const
{
    return m_certificate ? m_certificate->pages : 0;
}

QString RecordQuery::previewSource() const
{
    return m_certificate ? QStringLiteral("image://document/%1").arg(m_serial) : QString();
}

QByteArray RecordQuery::document() const
{
    return m_certificate ? m_certificate->document : QByteArray();
}

void RecordQuery::print()
{
    if (m_state != State::Answered || m_printState == PrintState::Printing || m_printState == PrintState::Printed)
        return;
    m_reprinted = false;
    startPrint();
}

void RecordQuery::printAgain()
{
    if (!canPrintAgain())
        return;
    m_reprinted = true;
    startPrint();
}

void RecordQuery::startPrint()
{
    QByteArray pdf;
    int pages = 0;
    if (m_certificate) {
        pdf = m_certificate->document;
        pages = m_certificate->pages;
    } else if (m_answer) {
        query::DocumentHeader h;
        h.centre = m_centre;
        h.terminalId = m_terminalId;
        h.printedAt = QDateTime::currentDateTime();
        h.residentName = m_asker.name;
        h.residentIdMasked = m_asker.idMasked;
        h.english = m_english;
        query::LaidOutDocument doc = query::layOutAnswer(*m_answer, h);
        pdf = std::move(doc.pdf);
        pages = doc.pages;
    }
    m_pagesDone = 0;
    m_pagesTotal = pages;
    m_printError = devices::DeviceError::None;
    m_job = pdf.isEmpty() ? 0 : m_devices->printDocument(pdf, m_itemCode + QLatin1Char(' ') + reference(), pages);
    if (!m_certificate)
        devices::idcard::wipeBuffer(pdf);
    if (m_job == 0) {
        m_printState = PrintState::PrintFailed;
        m_printError = m_devices->a4PrinterError() == devices::DeviceError::None ? devices::DeviceError::Offline : m_devices->a4PrinterError();
    } else {
        m_printState = PrintState::Printing;
    }
    Q_EMIT printChanged();
}

void RecordQuery::printSlip()
{
    if (m_state != State::Answered || m_slipState == PrintState::Printing)
        return;
    devices::printer::ReceiptData r;
    r.terminalName = m_terminalName.isEmpty() ? m_centre : m_centre + QLatin1Char(' ') + m_terminalName;
    r.itemName = title();
    r.time = QDateTime::currentDateTime();
    r.trackingNumber = reference();
    r.qrPayload = m_certificate ? m_certificate->verificationCode : reference();
    r.title = tr("Query result");
    r.itemLabel = tr("Item: ");
    r.timeLabel = tr("Time: ");
    r.numberLabel = tr("Reference: ");
    r.qrCaption = m_certificate ? tr("Verification code") : tr("Reference number");
    if (m_answer) {
        // The slip is short: the first values; the whole answer is on the A4 document.
        const int n = std::min(8, m_values->rowCount());
        for (int i = 0; i < n; ++i) {
            const QModelIndex ix = m_values->index(i);
            r.notes << QStringLiteral("%1：%2").arg(ix.data(AnswerValueModel::LabelRole).toString(), ix.data(AnswerValueModel::ValueRole).toString());
        }
        if (!m_answer->validUntil.isNull())
            r.notes << tr("Valid until: %1").arg(validUntil());
    }
    r.footer = tr("The department's records prevail.");
    m_slipJob = m_devices->print(r, devices::printer::JobPolicy::HandBack);
    m_slipState = m_slipJob ? PrintState::Printing : PrintState::PrintFailed;
    Q_EMIT printChanged();
}

void RecordQuery::dropTables()
{
    if (m_tables.isEmpty())
        return;
    // QML lets go of the old tables first (answerChanged), then they go.
    const QList<AnswerTable *> old = std::exchange(m_tables, {});
    Q_EMIT answerChanged();
    for (AnswerTable *t : old)
        t->deleteLater();
}

void RecordQuery::setState(State state, const QString &message)
{
    if (m_state == state && m_message == message)
        return;
    m_state = state;
    m_message = message;
    Q_EMIT stateChanged();
}

void RecordQuery::wipe()
{
    if (m_call) {
        m_service->cancel(std::exchange(m_call, 0));
    }
    m_tick.stop();
    if (m_job)
        m_devices->cancelDocument(std::exchange(m_job, 0));
    if (m_certificate) {
        devices::idcard::wipeBuffer(m_certificate->document);
        devices::idcard::wipeString(m_certificate->verificationCode);
    }
    m_certificate.reset();
    if (m_answer) {
        // What the platform said about this person: overwritten, not only let go.
        for (auto &v : m_answer->values)
            devices::idcard::wipeString(v.value);
        for (auto &t : m_answer->tables)
            for (QStringList &row : t.rows)
                for (QString &cell : row)
                    devices::idcard::wipeString(cell);
    }
    m_answer.reset();
    devices::idcard::wipeString(m_asker.idNumber);
    devices::idcard::wipeString(m_asker.name);
    m_asker = {};
    dropTables();
    m_values->reset({}, m_english);
    m_state = State::Idle;
    m_message.clear();
    m_printState = PrintState::NotPrinted;
    m_slipState = PrintState::NotPrinted;
    m_slipJob = 0;
    m_pagesDone = m_pagesTotal = 0;
    m_printError = devices::DeviceError::None;
    m_reprinted = false;
}

void RecordQuery::clear()
{
    wipe();
    m_itemCode.clear();
    m_itemName.clear();
    m_platform.clear();
    Q_EMIT begun();
    Q_EMIT stateChanged();
    Q_EMIT answerChanged();
    Q_EMIT printChanged();
}

} // namespace kiosk
