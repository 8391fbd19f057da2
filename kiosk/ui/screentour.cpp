// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/ui/screentour.h"
#include "common/logging.h"
#include "devices/devicemanager.h"
#include "devices/simulator/simulatorconsole.h"
#include "kiosk/journey/evaluation.h"
#include "kiosk/journey/formsession.h"
#include "kiosk/journey/journey.h"
#include "kiosk/journey/progressmodel.h"
#include "kiosk/journey/receiptslip.h"
#include "kiosk/journey/submission.h"
#include "kiosk/kioskapp.h"
#include "kiosk/fleet/fleetservice.h"
#include "kiosk/maintenance/maintenanceservice.h"
#include "services/fleet/ddiclient.h"
#include "services/simulation/ddiserver.h"
#include "kiosk/query/recordquery.h"
#include "kiosk/queue/queueservice.h"
#include "services/simulation/referenceplatform.h"
#include "kiosk/models/facetlistmodel.h"
#include "kiosk/models/servicelistmodel.h"
#include "kiosk/session/clock.h"
#include "kiosk/session/session.h"
#include "kiosk/session/staffpin.h"
#include "kiosk/ui/layoutcheck.h"
#include "kiosk/ui/wholepages.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QElapsedTimer>
#include <QImage>
#include <QMetaEnum>
#include <QQmlApplicationEngine>
#include <QQmlComponent>
#include <QQuickItem>
#include <QQuickWindow>

#include <algorithm>

namespace kiosk {

ScreenTour::ScreenTour(KioskApp &app, ManualClock &clock)
    : m_app(app)
    , m_clock(clock)
{
}

void ScreenTour::waitFor(const std::function<bool()> &condition, int ms)
{
    QElapsedTimer t;
    t.start();
    while (!condition() && t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
}

void ScreenTour::shoot(const QString &name, const char *expectedPage)
{
    QQuickWindow *window = m_app.window();
    for (int i = 0; i < 5; ++i)
        QCoreApplication::processEvents();
    const QString label = QStringLiteral("%1-%2-%3").arg(m_prefix).arg(++m_step, 2, 10, QLatin1Char('0')).arg(name);
    // A page the Loader just replaced lingers hidden until it is deleted: look for a visible one.
    const auto pages = window->findChildren<QQuickItem *>(QLatin1String(expectedPage));
    if (std::none_of(pages.begin(), pages.end(), [](QQuickItem *p) { return p->isVisible(); }))
        m_errors.append(QStringLiteral("%1: page %2 is not shown").arg(label, QLatin1String(expectedPage)));
    const QStringList &warnings = m_app.qmlWarnings();
    for (const QString &w : warnings)
        m_errors.append(QStringLiteral("%1: QML: %2").arg(label, w));
    const_cast<QStringList &>(warnings).clear();
    if (m_outputDir.isEmpty())
        return;
    const QImage image = window->grabWindow();
    const QString file = QDir(m_outputDir).filePath(label + QStringLiteral(".png"));
    if (image.isNull() || !image.save(file)) {
        m_errors.append(QStringLiteral("%1: could not render to %2").arg(label, file));
        return;
    }
    m_written.append(file);
    // What a person would trip over on this screen, from the live item tree and the pixels.
    for (const LayoutFinding &f : checkLayout(window->contentItem(), image, LayoutRules::forMode(m_elder)))
        m_layout.append(QStringList{label, f.rule, f.path, f.detail}.join(QLatin1Char('\t')));
}

namespace {

/** A valid answer to @p field, as a resident would give it. */
QVariant sampleAnswer(const FormField &field)
{
    using K = FormSession::FieldKind;
    const auto firstOption = [&field] { return field.options.value(0).value<ChoiceOption>().value; };
    switch (field.kind) {
    case K::IdNumber: return QStringLiteral("11010519491231002X");
    case K::BankCard: return QStringLiteral("6222020200112233445");
    case K::Phone: return QStringLiteral("13800138000");
    case K::Date: {
        const QString d = QStringLiteral("1956-03-08");
        return d < field.minDate ? field.minDate : d > field.maxDate ? field.maxDate : d;
    }
    case K::Number: return QStringLiteral("2");
    case K::Address: return QStringLiteral("幸福里小区3栋2单元101室");
    case K::Choice: return firstOption();
    case K::MultiChoice: return QVariantList{firstOption()};
    case K::YesNo: return true;
    case K::None:
    case K::Text: break;
    }
    if (field.id == QLatin1String("creditCode"))
        return QStringLiteral("91350102MA2Y4PJK3C");
    if (!field.phrases.isEmpty())
        return field.phrases.first();
    return QStringLiteral("请工作人员协助办理");
}

QString kindName(FormSession::FieldKind kind)
{
    return QString::fromLatin1(QMetaEnum::fromType<FormSession::FieldKind>().valueToKey(int(kind))).toLower();
}

} // namespace

void ScreenTour::typePinyin(const QString &letters)
{
    // Keys as the keyboard sends them, through Qt Virtual Keyboard's input engine.
    QQmlComponent typist(m_app.engine());
    typist.setData("import QtQuick\nimport QtQuick.VirtualKeyboard\n"
                   "QtObject { function type(s) { for (const c of s)"
                   " InputContext.inputEngine.virtualKeyClick(Qt.Key_A + c.charCodeAt(0) - 97, c, 0) } }",
                   QUrl(QStringLiteral("qrc:/tour/Typist.qml")));
    std::unique_ptr<QObject> object(typist.create());
    if (!object) {
        m_errors.append(QStringLiteral("typing pinyin: %1").arg(typist.errorString()));
        return;
    }
    QMetaObject::invokeMethod(object.get(), "type", Q_ARG(QVariant, letters));
}

bool ScreenTour::answerAll(const QString &shotPrefix, const QString &stopAt)
{
    FormSession *form = m_app.journey()->form();
    Session *s = m_app.session();
    QSet<FormSession::FieldKind> shotKinds;
    for (int guard = 0; guard < 40; ++guard) {
        const FormField field = form->field();
        if (!stopAt.isEmpty() && field.id == stopAt)
            return true;
        form->setAnswer(field.id, sampleAnswer(field));
        // A choice the card's holder is too young for (an age rule) is refused at once: the
        // resident would tap the next option.
        for (int o = 1; field.kind == FormSession::FieldKind::Choice && !form->field().error.isEmpty() && o < field.options.size(); ++o)
            form->setAnswer(field.id, field.options.at(o).value<ChoiceOption>().value);
        if (!shotPrefix.isEmpty() && !shotKinds.contains(field.kind)) {
            shotKinds.insert(field.kind);
            shoot(shotPrefix + kindName(field.kind), "formPage");
        }
        const int step = form->step();
        form->next(); // what the "next" button does; the session follows the form's signals
        if (s->screen() == Session::Screen::Review)
            return true;
        if (form->step() == step) {
            m_errors.append(QStringLiteral("%1: the tour's answer to %2 was refused: %3").arg(shotPrefix, field.id, form->field().error));
            return false;
        }
    }
    return false;
}

void ScreenTour::journey(bool elder)
{
    Session *s = m_app.session();
    Journey *j = m_app.journey();
    FormSession *form = j->form();
    Submission *sub = j->submission();
    ReceiptSlip *receipt = j->receipt();
    devices::DeviceManager *d = m_app.devices();
    simulation::ReferencePlatform *platform = m_app.simulatedPlatform();
    if (!d || !d->isSimulated() || !platform)
        return;
    sub->setDeliveryWaitMs(1500);
    // A service done entirely here whose form asks a choice, a date, a typed number and a phone.
    QString code = QStringLiteral("RS-0008");
    s->reset();
    d->simulator()->removeCard();
    d->simulator()->insertCard(0);
    waitFor([s] { return s->identified(); }, 8000);
    s->setElderMode(elder);
    if (!s->openItem(code) || !s->item().applicable) {
        m_errors.append(QStringLiteral("journey: item %1 has no form at this terminal").arg(code));
        return;
    }
    shoot(QStringLiteral("journey-item-apply"), "serviceDetailPage");
    s->apply();
    if (!answerAll(QStringLiteral("journey-form-")))
        return;
    shoot(QStringLiteral("journey-review"), "reviewPage");
    j->submit();
    shoot(QStringLiteral("journey-review-no-consent"), "reviewPage");
    form->setConsent(true);
    j->submit();
    waitFor([s] { return s->screen() == Session::Screen::Submitted; }, 5000);
    if (s->screen() != Session::Screen::Submitted) {
        m_errors.append(QStringLiteral("journey: submit failed (%1)").arg(int(sub->error())));
        return;
    }
    waitFor([sub, receipt] { return sub->state() != Submission::State::Sending && receipt->state() == ReceiptSlip::State::Printed; }, 10000);
    shoot(QStringLiteral("journey-submitted"), "submittedPage");
    const QString tracking = sub->trackingNumber();

    // Out of paper: the number and a QR code large enough to photograph, and "print again".
    d->simulator()->setPaper(QStringLiteral("out"));
    waitFor([d] { return d->printerStatus() != devices::DeviceStatus::Normal; }, 2000);
    j->reprint();
    waitFor([receipt] { return receipt->state() == ReceiptSlip::State::Failed; }, 10000);
    shoot(QStringLiteral("journey-printer-out-of-paper"), "submittedPage");
    d->simulator()->setPaper(QStringLiteral("ok"));

    s->openEvaluation();
    // A dissatisfied rating shows its reasons.
    Evaluation *rating = j->evaluation();
    rating->setLevel(2);
    rating->toggleReason(rating->reasons().value(0).value<EvaluationReason>().code);
    shoot(QStringLiteral("journey-evaluation"), "evaluationPage");
    rating->send();

    // Progress, by card; then the department moves it along and the reply appears.
    s->openProgress();
    shoot(QStringLiteral("journey-progress"), "progressPage");
    platform->setStatus(tracking.toStdString(), "in_progress", "已转社区经办人员审核，预计3个工作日内办结");
    ProgressModel *progress = j->progress();
    progress->lookupByCard(s->subjectKey());
    waitFor([progress] {
        return progress->rowCount() > 0
            && progress->index(0).data(ProgressModel::StateRole).value<ProgressModel::RequestState>() == ProgressModel::RequestState::InProgress;
    }, 5000);
    shoot(QStringLiteral("journey-progress-updated"), "progressPage");
    // The card taken after the submission: the visit ends soon, unless it is put back.
    d->simulator()->removeCard();
    waitFor([s] { return s->visitEndingSeconds() > 0; }, 3000);
    shoot(QStringLiteral("journey-card-taken"), "progressPage");
    d->simulator()->insertCard(0);
    waitFor([s] { return s->visitEndingSeconds() == 0; }, 8000);

    // The platform is down: the request is saved and the resident is told so, honestly.
    code = QStringLiteral("RS-0001");
    platform->injectFault(simulation::ReferencePlatform::Fault::ServerError, 1000);
    s->goHome();
    s->openItem(code);
    s->apply();
    answerAll(QString());
    form->setConsent(true);
    j->submit();
    waitFor([sub, receipt] { return sub->state() == Submission::State::Queued && receipt->state() != ReceiptSlip::State::Printing; }, 10000);
    shoot(QStringLiteral("journey-platform-down"), "submittedPage");
    platform->clearFaults();

    // Without a card: the ID number is typed, and a wrong one is explained beside the field.
    s->reset();
    s->start();
    s->setElderMode(elder);
    s->openItem(code);
    s->apply();
    // The card reader is offered first; then every kind of question once, typed (the card no
    // longer fills name, sex, birth date and address).
    if (form->offerCard()) {
        shoot(QStringLiteral("journey-anonymous-card-offer"), "formPage");
        form->typeInstead();
    }
    QSet<FormSession::FieldKind> shot;
    for (int guard = 0; guard < 20 && s->screen() == Session::Screen::Form; ++guard) {
        const FormField field = form->field();
        if (field.kind == FormSession::FieldKind::IdNumber && !shot.contains(field.kind)) {
            form->setAnswer(field.id, QStringLiteral("350102199001011235")); // one digit wrong: the checksum fails
            form->next();
            shoot(QStringLiteral("journey-invalid-id-number"), "formPage");
        } else if (!shot.contains(field.kind)) {
            shoot(QStringLiteral("journey-anonymous-") + kindName(field.kind) + QStringLiteral("-empty"), "formPage");
        }
        shot.insert(field.kind);
        form->setAnswer(field.id, sampleAnswer(field));
        form->next();
    }

    // 12345: the description, typed with pinyin or taken from common phrases.
    s->reset();
    s->start();
    s->setElderMode(elder);
    s->suggest();
    if (s->screen() == Session::Screen::Form) {
        answerAll(QString(), QStringLiteral("description"));
        shoot(QStringLiteral("journey-12345-description"), "formPage");
        typePinyin(QStringLiteral("xiexie"));
        shoot(QStringLiteral("journey-12345-pinyin-candidates"), "formPage");
        answerAll(QString());
        form->setConsent(true);
        shoot(QStringLiteral("journey-12345-review"), "reviewPage");
    }
    s->reset();
}

void ScreenTour::queries(bool elder)
{
    Session *s = m_app.session();
    RecordQuery *q = m_app.journey()->query();
    devices::DeviceManager *d = m_app.devices();
    simulation::ReferencePlatform *platform = m_app.simulatedPlatform();
    if (!d || !d->isSimulated() || !platform)
        return;
    const auto settled = [q] { return q->state() != RecordQuery::State::Asking && q->state() != RecordQuery::State::Idle; };

    // 社会保险个人权益记录查询 without a card: the card is asked for first.
    s->reset();
    d->simulator()->removeCard();
    s->start();
    s->setElderMode(elder);
    const QString record = QStringLiteral("RS-0022");
    if (!s->openItem(record)) {
        m_errors.append(QStringLiteral("queries: no item %1").arg(record));
        return;
    }
    shoot(QStringLiteral("query-item"), "serviceDetailPage");
    s->apply();
    shoot(QStringLiteral("query-needs-card"), "queryPage");
    // The platform is slow: progress and cancel from the first second.
    // (Several: the queue's own status polls may take one.)
    platform->injectFault(simulation::ReferencePlatform::Fault::Latency, 4, 2500);
    d->simulator()->insertCard(0);
    waitFor([q] { return q->state() == RecordQuery::State::Asking; }, 8000);
    waitFor([q] { return q->waitedSeconds() >= 1; }, 3000);
    shoot(QStringLiteral("query-asking"), "queryPage");
    waitFor(settled, 15000);
    platform->clearFaults();
    if (q->state() != RecordQuery::State::Answered) {
        q->start();
        waitFor(settled, 10000);
    }
    if (q->state() != RecordQuery::State::Answered) {
        m_errors.append(QStringLiteral("queries: %1 was not answered (%2)").arg(record, q->message()));
        return;
    }
    shoot(QStringLiteral("query-answer"), "queryPage");
    // The table continues on the next pages: whole rows only.
    for (QQuickItem *pages : m_app.window()->findChildren<QQuickItem *>(QStringLiteral("queryPages"))) {
        auto *whole = pages->isVisible() ? pages->findChild<WholePages *>() : nullptr;
        if (whole && whole->pageCount() > 1) {
            whole->next();
            shoot(QStringLiteral("query-answer-page-2"), "queryPage");
            whole->first();
        } else if (whole) {
            m_errors.append(QStringLiteral("queries: the answer of %1 fits one page; the tour expects its table to continue").arg(record));
        }
    }
    q->print();
    waitFor([q] { return q->printState() != RecordQuery::PrintState::Printing || q->pagesDone() > 0; }, 8000);
    shoot(QStringLiteral("query-printing"), "queryPage");
    waitFor([q] { return q->printState() != RecordQuery::PrintState::Printing; }, 20000);
    shoot(QStringLiteral("query-printed"), "queryPage");

    // The platform down: said plainly, nothing kept.
    platform->injectFault(simulation::ReferencePlatform::Fault::ServerError, 1000);
    s->back();
    s->apply();
    waitFor(settled, 10000);
    shoot(QStringLiteral("query-platform-down"), "queryPage");
    platform->clearFaults();

    // 社会保险缴费证明打印: the department's PDF, its first page, printed page by page.
    s->goHome();
    const QString certificate = QStringLiteral("RS-0023");
    if (!s->openItem(certificate)) {
        m_errors.append(QStringLiteral("queries: no item %1").arg(certificate));
        return;
    }
    s->apply();
    waitFor(settled, 15000);
    if (q->state() != RecordQuery::State::Answered) {
        m_errors.append(QStringLiteral("queries: %1 was not fetched (%2)").arg(certificate, q->message()));
        return;
    }
    shoot(QStringLiteral("certificate-preview"), "queryPage");
    q->print();
    waitFor([q] { return q->printState() != RecordQuery::PrintState::Printing || q->pagesDone() > 0; }, 8000);
    shoot(QStringLiteral("certificate-printing"), "queryPage");
    waitFor([q] { return q->printState() != RecordQuery::PrintState::Printing; }, 20000);

    // Out of paper in the A4 printer: the job fails with the reason, and can be printed once more.
    d->simulator()->setA4Paper(QStringLiteral("out"));
    waitFor([d] { return d->a4PrinterStatus() == devices::DeviceStatus::Fault; }, 8000);
    s->back();
    shoot(QStringLiteral("certificate-a4-fault-item"), "serviceDetailPage");
    s->apply();
    waitFor(settled, 15000);
    q->print();
    waitFor([q] { return q->printState() != RecordQuery::PrintState::Printing; }, 10000);
    shoot(QStringLiteral("certificate-a4-paper-out"), "queryPage");
    d->simulator()->setA4Paper(QStringLiteral("ok"));
    waitFor([d] { return d->a4PrinterStatus() != devices::DeviceStatus::Fault; }, 8000);
    s->reset();
    d->simulator()->removeCard();
}

void ScreenTour::tourFleet()
{
    Session *s = m_app.session();
    FleetService *fleet = m_app.fleet();
    MaintenanceService *maintenance = m_app.maintenance();
    if (!fleet || !fleet->simulatedServer() || !fleet->client() || !maintenance)
        return;
    // The technician's PIN opens the maintenance menu (from the staff pages, as on the terminal).
    if (!s->unlockStaff(staffpin::demoTechnicianPin())) {
        m_errors.append(QStringLiteral("the demo technician PIN did not open the maintenance menu"));
        return;
    }
    fleet->pollNow();
    waitFor([fleet] { return fleet->client() && fleet->client()->status().lastPoll.has_value(); }, 8000);
    fleet->refresh();
    shoot(QStringLiteral("maintenance"), "maintenancePage");
    maintenance->runSelfTests();
    waitFor([maintenance] { return !maintenance->busy(); }, 8000);
    shoot(QStringLiteral("maintenance-self-test"), "maintenancePage");
    maintenance->clear();
    s->openStaffFleet();
    shoot(QStringLiteral("staff-fleet"), "staffFleetPage");
    // An update arrives while the technician is at the terminal: downloaded, it waits for the attract screen.
    simulation::DdiServer::Assignment a;
    simulation::DdiServer::Chunk c;
    c.name = "catalog";
    c.version = "2026.12.2";
    c.artifacts.push_back({"catalog-2026.12.2.bundle", std::string(4096, 'x'), false});
    a.chunks.push_back(c);
    fleet->simulatedServer()->assign(fleet->controllerId().toStdString(), a);
    fleet->pollNow();
    waitFor([fleet] { return fleet->client()->status().actionStage.startsWith(QLatin1String("waiting")); }, 8000);
    fleet->refresh();
    shoot(QStringLiteral("staff-fleet-update-waiting"), "staffFleetPage");
    // What a new terminal shows before it is enrolled, and its enrolment by one-time code.
    fleet->resetSimulatedEnrolment();
    fleet->refresh();
    shoot(QStringLiteral("staff-fleet-not-enrolled"), "staffFleetPage");
    s->openMaintenance();
    const QString code = fleet->simulatedEnrolmentCode();
    for (const QChar ch : code.left(12))
        if (ch != QLatin1Char('-'))
            fleet->typeCode(QString(ch));
    shoot(QStringLiteral("maintenance-not-enrolled"), "maintenancePage");
    fleet->enrolWithCode(code);
    waitFor([fleet] { return !fleet->enrolling(); }, 15000);
    shoot(QStringLiteral("maintenance-enrolled-by-code"), "maintenancePage");
    if (!fleet->enrolled())
        m_errors.append(QStringLiteral("the simulated enrolment by code failed: %1").arg(fleet->enrolmentResult()));
}

bool ScreenTour::run(const QString &outputDir)
{
    m_outputDir = outputDir;
    if (!m_outputDir.isEmpty() && !QDir().mkpath(m_outputDir)) {
        m_errors.append(QStringLiteral("cannot create %1").arg(m_outputDir));
        return false;
    }
    Session *s = m_app.session();
    QQuickWindow *window = m_app.window();
    const QString defaultLanguage = s->language();

    struct Pass {
        QSize size;
        const char *orientation;
        bool elder;
    };
    const Pass passes[] = {
        {portrait, "portrait", false},
        {portrait, "portrait", true},
        {landscape, "landscape", false},
        {landscape, "landscape", true},
    };
    for (const Pass &pass : passes) {
        m_step = 0;
        m_prefix = QStringLiteral("%1-%2").arg(QLatin1String(pass.orientation), pass.elder ? QStringLiteral("elder") : QStringLiteral("normal"));
        m_elder = pass.elder;
        window->resize(pass.size);
        window->setMinimumSize(pass.size);
        window->setMaximumSize(pass.size);
        s->reset();
        if (pass.elder)
            s->setElderMode(true); // on the attract screen the theme follows too
        shoot(QStringLiteral("attract"), "attractPage");

        s->start();
        s->setElderMode(pass.elder);
        shoot(QStringLiteral("home"), "homePage");

        s->openCategory(QStringLiteral("eldercare"));
        shoot(QStringLiteral("category-eldercare"), "serviceListPage");

        const QString firstCode = s->items()->codeAt(0);
        s->openItem(firstCode);
        shoot(QStringLiteral("item-detail"), "serviceDetailPage");

        s->goHome();
        s->openDepartments();
        shoot(QStringLiteral("departments"), "facetListPage");
        s->openFacet(s->facets()->idAt(0));
        shoot(QStringLiteral("department-items"), "serviceListPage");

        s->goHome();
        s->openLifeEvents();
        shoot(QStringLiteral("life-events"), "facetListPage");

        s->goHome();
        s->openSearch();
        shoot(QStringLiteral("search-empty"), "searchPage");
        for (const char c : {'s', 'b', 'c', 'x'})
            s->typeText(QString(QLatin1Char(c)));
        shoot(QStringLiteral("search-sbcx"), "searchPage");
        s->setQuery(QStringLiteral("qqqq"));
        shoot(QStringLiteral("search-no-result"), "searchPage");

        // Idle: move the clock past the idle time; the warning counts down.
        s->goHome();
        const auto &cfg = m_app.config();
        m_clock.advance(qint64(pass.elder ? cfg.elderIdleTimeoutSeconds : cfg.idleTimeoutSeconds) * 1000 + 1500);
        s->poll();
        shoot(QStringLiteral("idle-warning"), "homePage");
        s->continueSession();

        // Staff: the PIN pad, a wrong PIN's pause, the lockout, and a terminal without a PIN.
        // Demo mode only (the demo PIN); the wrong PINs are undone by the right one at the end.
        s->goHome();
        StaffGate *pad = s->staffPad();
        const auto typePin = [pad](const QString &pin) {
            for (const QChar c : pin)
                pad->press(QString(c));
        };
        const auto waitOut = [this, pad, s] {
            m_clock.advance(qint64(pad->waitSeconds()) * 1000 + 1000);
            s->userActivity(); // the staff member is still there: no idle warning over the pad
            s->poll();
        };
        if (cfg.demoStaffPin) {
            pad->openPad();
            typePin(QStringLiteral("12"));
            shoot(QStringLiteral("staff-pin-pad"), "homePage");
            for (int i = 0; i <= StaffGate::kFreeAttempts; ++i) {
                waitOut();
                typePin(QStringLiteral("0000"));
                pad->submit();
                if (i == 0)
                    shoot(QStringLiteral("staff-pin-wrong"), "homePage");
            }
            shoot(QStringLiteral("staff-pin-locked"), "homePage");
            pad->cancel();
            waitOut();
            pad->setPinHash(QString());
            pad->openPad();
            shoot(QStringLiteral("staff-not-set-up"), "homePage");
            pad->cancel();
            pad->setPinHash(cfg.staffPinHash);
        }
        if (cfg.demoStaffPin && s->unlockStaff(staffpin::demoPin())) {
            shoot(QStringLiteral("staff-queue"), "staffQueuePage");
            s->openStaffDevices();
            shoot(QStringLiteral("staff-devices"), "staffDevicesPage");
            tourFleet();
        }
        s->reset();

        // The devices (simulated under --simulate): an ID card, a fault, a scanned code.
        if (devices::DeviceManager *d = m_app.devices(); d && d->isSimulated()) {
            d->simulator()->removeCard();
            d->simulator()->insertCard(0);
            waitFor([s] { return s->identified(); }, 8000);
            s->setElderMode(pass.elder);
            shoot(QStringLiteral("card-identified"), "homePage");
            d->simulator()->removeCard();
            d->simulator()->unplug(QStringLiteral("printer"));
            waitFor([d] { return d->printerStatus() == devices::DeviceStatus::Fault; });
            shoot(QStringLiteral("printer-fault-home"), "homePage");
            s->openItem(firstCode);
            shoot(QStringLiteral("printer-fault-item"), "serviceDetailPage");
            d->simulator()->replug(QStringLiteral("printer"));
            waitFor([d] { return d->printerStatus() != devices::DeviceStatus::Fault; });
            s->goHome();
            d->simulator()->scanCode(QStringLiteral("https://example.invalid/pay?code=123"));
            waitFor([s] { return !s->notice().isEmpty(); });
            shoot(QStringLiteral("scan-unknown-code"), "homePage");
            s->reset();
            s->start();
            s->setElderMode(pass.elder);
        } else {
            s->start();
            s->setElderMode(pass.elder);
        }

        journey(pass.elder);
        queries(pass.elder);
        s->start();
        s->setElderMode(pass.elder);

        s->setLanguage(QStringLiteral("en"));
        shoot(QStringLiteral("home-english"), "homePage");
        s->openItem(firstCode);
        shoot(QStringLiteral("item-detail-english"), "serviceDetailPage");
        s->setLanguage(defaultLanguage);
        s->reset();
    }
    if (!m_outputDir.isEmpty()) {
        QFile report(QDir(m_outputDir).filePath(QStringLiteral("layout-report.tsv")));
        if (report.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
            report.write((QStringLiteral("screen\trule\titem\tdetail\n") + m_layout.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8());
    }
    window->setMinimumSize(QSize(0, 0));
    window->setMaximumSize(QSize((1 << 24) - 1, (1 << 24) - 1));
    return m_errors.isEmpty();
}

} // namespace kiosk
