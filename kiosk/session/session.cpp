// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/session/session.h"
#include "services/fleet/enrolment.h"
#include "common/logging.h"
#include "kiosk/browse/catalogbrowser.h"
#include "kiosk/journey/evaluation.h"
#include "kiosk/journey/formsession.h"
#include "kiosk/journey/journey.h"
#include "kiosk/journey/progressmodel.h"
#include "kiosk/journey/submission.h"
#include "kiosk/query/recordquery.h"
#include "kiosk/session/clock.h"
#include "kiosk/ui/qmlinstance.h"
#include "services/catalog/catalog.h"

namespace kiosk {

namespace {
Session *g_instance = nullptr;
} // namespace

Session::Session(const Config &config, const Clock *clock, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_clock(clock)
    , m_browser(std::make_unique<CatalogBrowser>())
    , m_idle(config, clock)
    , m_language(config.language == QLatin1String("en") ? QStringLiteral("en") : QStringLiteral("zh_CN"))
    , m_staffGate(config.staffPinHash, config.stateDir, clock)
    , m_lookups(kLookupFailureLimit, kLookupWindowMs, clock)
{
    m_staffGate.setTechnicianPinHash(config.technicianPinHash);
    connect(&m_staffGate, &StaffGate::unlocked, this, &Session::enterStaff);
    m_graceTimer.setInterval(250);
    connect(&m_graceTimer, &QTimer::timeout, this, &Session::poll);
    m_browser->setEnglish(english());
    connect(&m_idle, &IdleGuard::warningChanged, this, &Session::idleChanged);
    connect(&m_idle, &IdleGuard::expired, this, [this] {
        qCInfo(lcSession) << "session ended: no touch for" << m_idle.limitSeconds() << "s";
        reset();
        Q_EMIT timedOut();
    });
}

Session::~Session()
{
    if (g_instance == this)
        g_instance = nullptr;
}

void Session::setQmlInstance(Session *session)
{
    g_instance = session;
}

Session *Session::create(QQmlEngine *, QJSEngine *engine)
{
    return qmlInstance(g_instance, engine);
}

void Session::setCatalog(const catalog::Catalog *catalog, const catalog::CatalogSearch *search)
{
    // A new catalog starts a new visit: indices into the old one are meaningless now.
    reset();
    m_catalog = catalog;
    m_browser->setCatalog(catalog, search, m_config.popularCount);
    Q_EMIT catalogChanged();
}

void Session::setJourney(Journey *journey)
{
    // A personal answer on screen is like a submission: the visit ends soon after the card leaves.
    connect(journey->query(), &RecordQuery::personalAnswerShown, this, [this] { m_submitted = true; });
    m_journey = journey;
    journey->setEnglish(english());
    connect(journey->form(), &FormSession::reviewReady, this, &Session::openReview);
    connect(journey->form(), &FormSession::editRequested, this, [this] {
        if (m_screen == Screen::Review)
            back(); // the review was opened from the form: back is the form, at the question asked
    });
    connect(journey->submission(), &Submission::saved, this, &Session::showSubmitted);
    connect(journey->submission(), &Submission::failed, this, &Session::userActivity); // stays on the review, which says why
    connect(journey->evaluation(), &Evaluation::finished, this, [this](bool sent) {
        if (m_screen != Screen::Evaluation && m_screen != Screen::Submitted)
            return;
        goHome();
        QString thanks = sent ? tr("Thank you. Your rating has been recorded.") : tr("Thank you for using the terminal.");
        if (identified()) // the end of the visit: the card may still be on the pad
            thanks += QLatin1Char(' ') + tr("Please take your ID card.");
        showNotice(thanks);
    });
}

QString Session::catalogVersion() const
{
    return m_catalog ? m_catalog->version : QString();
}

int Session::itemTotal() const
{
    return m_catalog ? int(m_catalog->items.size()) : 0;
}

void Session::setElderMode(bool elder)
{
    if (m_elderMode == elder)
        return;
    m_elderMode = elder;
    m_idle.setElder(elder);
    qCInfo(lcSession) << "elder mode" << (elder ? "on" : "off");
    Q_EMIT elderModeChanged();
}

void Session::setLanguage(const QString &language)
{
    const QString lang = language == QLatin1String("en") ? QStringLiteral("en") : QStringLiteral("zh_CN");
    if (m_language == lang)
        return;
    m_language = lang;
    m_browser->setEnglish(english());
    if (m_journey)
        m_journey->setEnglish(english());
    // Titles and names computed from the catalog follow the language too.
    if (m_screen == Screen::ItemList || m_screen == Screen::FacetList || m_screen == Screen::ItemDetail)
        restore(currentFrame());
    Q_EMIT languageChanged();
}

void Session::toggleLanguage()
{
    setLanguage(english() ? QStringLiteral("zh_CN") : QStringLiteral("en"));
}

void Session::setScreen(Screen screen)
{
    // A notice belongs to the screen it was said on: the next one must not open half covered.
    if (screen != m_screen)
        clearNotice();
    // Leaving the answer's page while it is asked: the call ends; nothing of it is kept.
    if (m_screen == Screen::Query && screen != Screen::Query && m_journey)
        m_journey->query()->cancel();
    m_screen = screen;
    Q_EMIT screenChanged();
}

Session::Frame Session::currentFrame() const
{
    return {m_screen, m_browser->view()};
}

void Session::push()
{
    m_history.push_back(currentFrame());
}

void Session::restore(const Frame &f)
{
    switch (f.screen) {
    case Screen::ItemList:
        m_browser->showList(f.view.kind, f.view.listId);
        break;
    case Screen::FacetList:
        m_browser->showFacets(f.view.kind);
        break;
    case Screen::Search:
        if (m_browser->setQuery(f.view.query))
            Q_EMIT queryChanged();
        break;
    case Screen::ItemDetail:
        if (m_browser->showItem(f.view.itemCode))
            Q_EMIT itemChanged();
        break;
    default: // the other screens show what the journey or the queue holds
        break;
    }
    setScreen(f.screen);
}

void Session::start()
{
    if (m_screen != Screen::Attract)
        return;
    qCInfo(lcSession) << "session started";
    m_idle.start();
    setScreen(Screen::Home);
}

void Session::goHome()
{
    if (m_screen == Screen::Attract)
        return start();
    m_history.clear();
    setScreen(Screen::Home);
}

void Session::back()
{
    // On the form, back is the previous question first; from the first one, the item again.
    if (m_screen == Screen::Form && m_journey && m_journey->form()->previous())
        return;
    if (m_history.empty()) {
        if (m_screen != Screen::Home && m_screen != Screen::Attract)
            setScreen(Screen::Home);
        return;
    }
    const Frame f = m_history.back();
    m_history.pop_back();
    restore(f);
}

void Session::openCategory(const QString &id)
{
    openList(ListKind::Category, id);
}

void Session::openPopular()
{
    openList(ListKind::Popular, QString());
}

void Session::openDepartments()
{
    openFacets(ListKind::Department);
}

void Session::openLifeEvents()
{
    openFacets(ListKind::LifeEvent);
}

void Session::openFacet(const QString &id)
{
    if (m_screen == Screen::FacetList)
        openList(m_browser->listKind(), id);
}

void Session::openFacets(ListKind kind)
{
    if (m_screen == Screen::Attract)
        return;
    push();
    m_browser->showFacets(kind);
    setScreen(Screen::FacetList);
}

void Session::openList(ListKind kind, const QString &id)
{
    if (m_screen == Screen::Attract || !m_catalog)
        return;
    push();
    m_browser->showList(kind, id);
    setScreen(Screen::ItemList);
}

void Session::openSearch()
{
    if (m_screen == Screen::Attract)
        return;
    push();
    m_browser->setQuery(m_browser->query());
    setScreen(Screen::Search);
}

bool Session::openItem(const QString &code)
{
    const QString c = code.trimmed();
    if (!m_browser->hasItem(c))
        return false;
    if (m_screen == Screen::Attract)
        start();
    push();
    restore({Screen::ItemDetail, {.kind = ListKind::Category, .listId = {}, .itemCode = c, .query = {}}});
    return true;
}

void Session::apply()
{
    if (m_screen != Screen::ItemDetail || !m_journey)
        return;
    if (m_journey->beginQuery(m_browser->item().code)) {
        push();
        setScreen(Screen::Query);
        return;
    }
    if (!m_journey->begin(m_browser->item().code)) {
        showNotice(tr("This service cannot be applied for at this terminal right now. Please ask staff."));
        return;
    }
    openForm();
}

void Session::suggest()
{
    if (!m_journey)
        return;
    if (!m_journey->beginSuggestion()) {
        if (m_screen == Screen::Attract)
            start();
        showNotice(tr("Suggestions cannot be made at this terminal right now. Please call 12345."));
        return;
    }
    openForm();
}

void Session::identify(const QString &name, const QString &idMasked, const QString &subjectKey)
{
    if (!m_subjectKey.isEmpty() && m_subjectKey != subjectKey) {
        qCInfo(lcSession) << "another resident's card: the previous visit ends";
        reset();
    }
    if (m_screen == Screen::Attract)
        start();
    else
        userActivity();
    if (identified() && m_subjectKey == subjectKey) {
        cancelCardGrace(); // put back in time: the visit goes on
        if (m_screen == Screen::Progress && m_journey && m_journey->progress()->lookup() != ProgressModel::Lookup::Code)
            lookUpResident(); // the card back on the reader: its requests can be shown
        return; // the same card again (or, with no key to tell cards apart, any card)
    }
    m_residentName = name;
    m_residentIdMasked = idMasked;
    m_subjectKey = subjectKey;
    qCInfo(lcSession).noquote() << "resident identified by ID card" << idMasked;
    Q_EMIT residentChanged();
    if (m_screen == Screen::Progress)
        lookUpResident();
}

void Session::openForm()
{
    if (m_screen == Screen::Attract)
        start();
    if (m_screen == Screen::Form)
        return;
    push();
    setScreen(Screen::Form);
}

void Session::openReview()
{
    if (m_screen != Screen::Form)
        return;
    push();
    setScreen(Screen::Review);
}

void Session::showSubmitted()
{
    if (m_screen != Screen::Review)
        return;
    m_submitted = true;
    m_history.clear();
    m_history.push_back(Frame{Screen::Home, {}});
    setScreen(Screen::Submitted);
}

void Session::openEvaluation()
{
    if (m_screen != Screen::Submitted || !m_journey || !m_journey->evaluation()->rateable())
        return;
    push();
    setScreen(Screen::Evaluation);
}

void Session::lookUpResident()
{
    if (!m_journey)
        return;
    ProgressModel *progress = m_journey->progress();
    // The card must be on the reader now: an identity remembered from earlier in the visit is
    // not enough to show someone's requests (the resident may have gone, the next one not).
    if (m_subjectKey.isEmpty() || !m_cardOnReader || !m_cardOnReader()) {
        if (progress->lookup() == ProgressModel::Lookup::Card)
            progress->clear();
        if (!m_subjectKey.isEmpty())
            showNotice(tr("Place your ID card on the reader to see your requests."));
        return;
    }
    progress->lookupByCard(m_subjectKey);
}

void Session::openProgress()
{
    if (m_screen == Screen::Attract)
        start();
    if (m_screen == Screen::Progress)
        return;
    // Opening the page asks again: the resident on the reader, unless a receipt was just scanned.
    // (After the screen change, which clears notices: "place your card" belongs to this page.)
    const bool byCard = m_journey && m_journey->progress()->lookup() != ProgressModel::Lookup::Code;
    push();
    setScreen(Screen::Progress);
    if (byCard)
        lookUpResident();
}

void Session::handleScannedCode(const QString &code)
{
    const QString trimmed = code.trimmed();
    // An enrolment code carries a target token: taken on the maintenance page only, never logged.
    if (fleet::enrolment::isQrText(trimmed)) {
        if (m_screen == Screen::Maintenance && m_technician) {
            userActivity();
            Q_EMIT enrolmentScanned(trimmed);
        } else {
            qCWarning(lcSession) << "an enrolment code was scanned outside the maintenance menu: ignored";
        }
        return;
    }
    const bool receiptLike = trimmed.startsWith(Submission::requestPrefix(), Qt::CaseInsensitive);
    // An item code opens the item (public facts: not a lookup, never paused).
    if (!receiptLike && openItem(trimmed)) {
        qCInfo(lcSession).noquote() << "scanned code opened item" << trimmed;
        return;
    }
    if (m_screen == Screen::Attract)
        start();
    if (m_lookups.paused()) {
        qCInfo(lcSession) << "scanned code not looked up: lookups are paused for" << m_lookups.secondsLeft() << "s";
        showNotice(tr("Too many codes could not be checked. Please wait %n second(s), then scan your receipt again.", "",
                      m_lookups.secondsLeft()));
        return;
    }
    // A receipt's capability opens its progress; nothing else does (a bare number can be guessed).
    if (m_journey && m_journey->progress()->lookupByCode(trimmed)) {
        qCInfo(lcSession) << "scanned receipt code opened its progress";
        if (m_screen == Screen::Progress)
            return;
        push();
        setScreen(Screen::Progress);
        return;
    }
    // What a resident scans is not logged: it may be anyone's health code or payment code.
    qCInfo(lcSession) << "scanned code not recognised (" << trimmed.size() << "characters)";
    if (m_lookups.fail())
        qCWarning(lcSession) << kLookupFailureLimit << "scanned codes in a minute opened nothing: lookups paused for"
                             << m_lookups.secondsLeft() << "s (someone may be trying receipt codes)";
    showNotice(receiptLike ? tr("This receipt's code cannot be checked here. Scan the QR code of a receipt printed by this terminal, "
                                "or place your ID card on the reader.")
                           : tr("This code is not one the terminal knows. Scan a service code or the code on your receipt."));
}

int Session::visitEndingSeconds() const
{
    if (m_cardGoneAt < 0)
        return 0;
    const qint64 left = m_cardGoneAt + kCardGraceSeconds * 1000 - m_clock->nowMs();
    return left > 0 ? int((left + 999) / 1000) : 0;
}

void Session::cardRemoved()
{
    // Requests shown by card are the card holder's: they go with the card.
    if (m_journey && m_journey->progress()->lookup() == ProgressModel::Lookup::Card)
        m_journey->progress()->clear();
    if (!identified() || !m_submitted || m_cardGoneAt >= 0 || m_screen == Screen::Attract)
        return;
    qCInfo(lcSession) << "the ID card was taken after a submission: the visit ends in" << kCardGraceSeconds << "s";
    m_cardGoneAt = m_clock->nowMs();
    m_graceTimer.start();
    // Visible only: the terminal has no speech output yet.
    showNotice(tr("You took your ID card: this visit ends in %n second(s). Put the card back to continue.", "", kCardGraceSeconds));
}

void Session::cancelCardGrace()
{
    if (m_cardGoneAt < 0)
        return;
    m_cardGoneAt = -1;
    m_graceTimer.stop();
    clearNotice();
}

void Session::showNotice(const QString &text)
{
    userActivity();
    m_notice = text;
    Q_EMIT noticeChanged();
}

void Session::clearNotice()
{
    if (m_notice.isEmpty())
        return;
    m_notice.clear();
    Q_EMIT noticeChanged();
}

bool Session::unlockStaff(const QString &pin)
{
    if (m_screen == Screen::Attract)
        start();
    if (!m_staffGate.check(pin))
        return false;
    enterStaff();
    return true;
}

void Session::enterStaff()
{
    if (m_screen == Screen::Attract)
        start();
    m_staff = true;
    m_technician = m_staffGate.role() == StaffGate::Role::Technician;
    qCInfo(lcSession) << (m_technician ? "maintenance menu opened (technician PIN)" : "staff mode opened (queue page)");
    push();
    setScreen(m_technician ? Screen::Maintenance : Screen::StaffQueue);
}

void Session::openMaintenance()
{
    openStaffPage(Screen::Maintenance);
}

void Session::openStaffQueue()
{
    openStaffPage(Screen::StaffQueue);
}

void Session::openStaffDevices()
{
    openStaffPage(Screen::StaffDevices);
}

void Session::openStaffFleet()
{
    openStaffPage(Screen::StaffFleet);
}

void Session::openStaffPage(Screen page)
{
    if (!m_staff || page == m_screen)
        return;
    if ((page == Screen::Maintenance || page == Screen::StaffFleet) && !m_technician) {
        qCWarning(lcSession) << "staff page" << page << "refused: it needs the technician PIN";
        return;
    }
    qCInfo(lcSession) << "staff page" << page;
    push();
    setScreen(page);
}

void Session::setQuery(const QString &query)
{
    if (m_browser->setQuery(query))
        Q_EMIT queryChanged();
}

void Session::userActivity()
{
    if (m_screen != Screen::Attract)
        m_idle.activity();
}

void Session::continueSession()
{
    qCInfo(lcSession) << "resident continued after the idle warning";
    userActivity();
}

void Session::poll()
{
    m_idle.poll();
    m_staffGate.poll();
    if (m_cardGoneAt < 0)
        return;
    if (visitEndingSeconds() > 0) {
        Q_EMIT noticeChanged(); // the seconds left
        return;
    }
    qCInfo(lcSession) << "the ID card was not put back: the visit ended";
    reset();
    Q_EMIT cardTakenAway();
}

void Session::reset()
{
    m_idle.stop();
    m_history.clear();
    const bool hadQuery = !m_browser->query().isEmpty();
    m_browser->clear();
    Q_EMIT itemChanged();
    if (hadQuery)
        Q_EMIT queryChanged();
    // The next resident starts from the terminal's defaults, not the last one's choices.
    setElderMode(false);
    setLanguage(m_config.language);
    m_cardGoneAt = -1;
    m_graceTimer.stop();
    clearNotice();
    m_staff = false;
    m_technician = false;
    m_submitted = false;
    m_staffGate.reset(); // the pad closes; its digits are forgotten
    const bool wasIdentified = identified();
    m_residentName.clear();
    m_residentIdMasked.clear();
    m_subjectKey.clear();
    if (wasIdentified)
        Q_EMIT residentChanged();
    if (m_journey)
        m_journey->endVisit();
    Q_EMIT ended();
    if (m_screen != Screen::Attract) {
        m_screen = Screen::Attract;
        Q_EMIT screenChanged();
    }
}

} // namespace kiosk
