// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/session/session.h"
#include "common/logging.h"
#include "kiosk/models/facetlistmodel.h"
#include "kiosk/models/servicelistmodel.h"
#include "kiosk/session/clock.h"
#include "services/catalog/catalog.h"
#include "services/catalog/catalogsearch.h"

#include <QVariantList>

namespace kiosk {

namespace {
// Search results shown at most; a resident never pages past this, and it keeps keystrokes fast.
constexpr int maxSearchResults = 100;
// The idle check runs four times a second: the countdown is shown in whole seconds.
constexpr int pollIntervalMs = 250;
// Longest query the search box takes (the matcher keeps 63 positions).
constexpr int maxQueryLength = 40;
} // namespace

Session::Session(const Config &config, const Clock *clock, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_clock(clock)
    , m_language(config.language)
    , m_items(std::make_unique<ServiceListModel>())
    , m_popular(std::make_unique<ServiceListModel>())
    , m_facets(std::make_unique<FacetListModel>())
    , m_categories(std::make_unique<FacetListModel>())
{
    applyLimits();
    refreshLanguage();
    m_pollTimer.setInterval(pollIntervalMs);
    connect(&m_pollTimer, &QTimer::timeout, this, &Session::poll);
}

Session::~Session() = default;

void Session::setCatalog(const catalog::Catalog *catalog, const catalog::CatalogSearch *search)
{
    m_catalog = catalog;
    m_search = search;
    // A new catalog starts a new visit: indices into the old one are meaningless now.
    reset();
    std::vector<FacetListModel::Entry> categories;
    for (const auto &c : catalog::serviceCategories()) {
        int count = 0;
        if (m_catalog) {
            for (const auto &i : m_catalog->items)
                count += i.category == c.id;
        }
        categories.push_back({c.id, c.name, c.nameEn, count});
    }
    m_categories->setEntries(std::move(categories));
    m_popular->setItems(m_catalog, m_catalog ? m_catalog->mostPopular(m_config.popularCount) : std::vector<int>());
    Q_EMIT catalogChanged();
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
    applyLimits();
    qCInfo(lcSession) << "elder mode" << (elder ? "on" : "off");
    Q_EMIT elderModeChanged();
}

void Session::setLanguage(const QString &language)
{
    const QString lang = language == QLatin1String("en") ? QStringLiteral("en") : QStringLiteral("zh_CN");
    if (m_language == lang)
        return;
    m_language = lang;
    refreshLanguage();
    // Titles and names computed from the catalog follow the language too.
    if (m_screen == Screen::ItemList || m_screen == Screen::FacetList || m_screen == Screen::ItemDetail)
        restore(currentFrame());
    Q_EMIT languageChanged();
}

void Session::refreshLanguage()
{
    m_items->setEnglish(english());
    m_popular->setEnglish(english());
    m_facets->setEnglish(english());
    m_categories->setEnglish(english());
}

void Session::applyLimits()
{
    m_idle.setLimits(qint64(m_elderMode ? m_config.elderIdleTimeoutSeconds : m_config.idleTimeoutSeconds) * 1000,
                     qint64(m_elderMode ? m_config.elderWarningSeconds : m_config.idleWarningSeconds) * 1000);
}

void Session::setScreen(Screen screen)
{
    m_screen = screen;
    Q_EMIT screenChanged();
}

Session::Frame Session::currentFrame() const
{
    return {m_screen, m_listKind, m_listId, m_itemCode, m_query};
}

void Session::push()
{
    m_history.push_back(currentFrame());
}

void Session::restore(const Frame &f)
{
    switch (f.screen) {
    case Screen::ItemList:
        showList(f.listKind, f.listId);
        break;
    case Screen::FacetList:
        showFacets(f.listKind);
        break;
    case Screen::Search:
        m_query = f.query;
        Q_EMIT queryChanged();
        runSearch();
        break;
    case Screen::ItemDetail: {
        const catalog::Item *item = m_catalog ? m_catalog->item(f.itemCode) : nullptr;
        if (!item)
            break;
        m_itemCode = item->code;
        const bool en = english();
        auto pick = [en](const QString &zh, const QString &enName) { return en && !enName.isEmpty() ? enName : zh; };
        QVariantList materials;
        for (const auto &m : item->materials)
            materials.append(QVariantMap{{QStringLiteral("name"), m.name},
                                         {QStringLiteral("note"), m.note},
                                         {QStringLiteral("optional"), m.optional}});
        QStringList events;
        for (const QString &e : item->lifeEvents) {
            if (const auto *f2 = m_catalog->lifeEvent(e))
                events.append(pick(f2->name, f2->nameEn));
        }
        const auto *dept = m_catalog->department(item->department);
        const auto *cat = catalog::Catalog::category(item->category);
        const auto *platform = m_catalog->platform(item->platform);
        m_item = {
            {QStringLiteral("code"), item->code},
            {QStringLiteral("name"), pick(item->name, item->nameEn)},
            {QStringLiteral("summary"), item->summary},
            {QStringLiteral("department"), dept ? pick(dept->name, dept->nameEn) : item->department},
            {QStringLiteral("category"), item->category},
            {QStringLiteral("categoryName"), cat ? pick(cat->name, cat->nameEn) : item->category},
            {QStringLiteral("lifeEvents"), events},
            {QStringLiteral("materials"), materials},
            {QStringLiteral("conditions"), item->conditions},
            {QStringLiteral("promisedDays"), item->promisedDays},
            {QStringLiteral("legalDays"), item->legalDays},
            {QStringLiteral("fee"), item->fee},
            {QStringLiteral("feeNote"), item->feeNote},
            {QStringLiteral("handling"), catalog::handlingId(item->handling)},
            {QStringLiteral("platform"), platform ? pick(platform->name, platform->nameEn) : item->platform},
            {QStringLiteral("where"), item->where},
            {QStringLiteral("nextSteps"), item->nextSteps},
            {QStringLiteral("form"), item->form},
        };
        Q_EMIT itemChanged();
        break;
    }
    case Screen::Home:
    case Screen::Attract:
    case Screen::Form:
    case Screen::Review:
    case Screen::Submitted:
    case Screen::Evaluation:
    case Screen::Progress:
    case Screen::StaffQueue:
    case Screen::StaffDevices:
        break;
    }
    setScreen(f.screen);
}

void Session::start()
{
    if (m_screen != Screen::Attract)
        return;
    qCInfo(lcSession) << "session started";
    m_idle.activity(m_clock->nowMs());
    m_pollTimer.start();
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
    openItemList(QStringLiteral("category"), id);
}

void Session::openDepartments()
{
    if (m_screen == Screen::Attract)
        return;
    push();
    showFacets(QStringLiteral("department"));
    setScreen(Screen::FacetList);
}

void Session::openLifeEvents()
{
    if (m_screen == Screen::Attract)
        return;
    push();
    showFacets(QStringLiteral("lifeEvent"));
    setScreen(Screen::FacetList);
}

void Session::showFacets(const QString &kind)
{
    m_listKind = kind;
    m_listId.clear();
    const bool dept = kind == QLatin1String("department");
    m_listTitle = dept ? tr("Departments") : tr("Life events");
    std::vector<FacetListModel::Entry> entries;
    if (m_catalog) {
        for (const auto &f : dept ? m_catalog->departments : m_catalog->lifeEvents) {
            int count = 0;
            for (const auto &i : m_catalog->items)
                count += dept ? i.department == f.id : i.lifeEvents.contains(f.id);
            if (count > 0)
                entries.push_back({f.id, f.name, f.nameEn, count});
        }
    }
    m_facets->setEntries(std::move(entries));
}

void Session::openItemList(const QString &kind, const QString &id)
{
    if (m_screen == Screen::Attract || !m_catalog)
        return;
    push();
    showList(kind, id);
    setScreen(Screen::ItemList);
}

void Session::showList(const QString &kind, const QString &id)
{
    m_listKind = kind;
    m_listId = id;
    std::vector<int> rows;
    const catalog::Facet *facet = nullptr;
    if (kind == QLatin1String("popular")) {
        rows = m_catalog->mostPopular(int(m_catalog->items.size()));
        rows.resize(std::min<size_t>(rows.size(), 30));
        m_listTitle = tr("Most used services");
    } else {
        if (kind == QLatin1String("category"))
            facet = catalog::Catalog::category(id);
        else if (kind == QLatin1String("department"))
            facet = m_catalog->department(id);
        else if (kind == QLatin1String("lifeEvent"))
            facet = m_catalog->lifeEvent(id);
        for (int i = 0; i < int(m_catalog->items.size()); ++i) {
            const auto &item = m_catalog->items[size_t(i)];
            const bool in = kind == QLatin1String("category") ? item.category == id
                : kind == QLatin1String("department")         ? item.department == id
                                                              : item.lifeEvents.contains(id);
            if (in)
                rows.push_back(i);
        }
        // Within a list, the items residents ask for most come first.
        std::stable_sort(rows.begin(), rows.end(), [this](int a, int b) {
            return m_catalog->items[size_t(a)].popularity > m_catalog->items[size_t(b)].popularity;
        });
        m_listTitle = facet ? (english() && !facet->nameEn.isEmpty() ? facet->nameEn : facet->name) : id;
    }
    m_items->setItems(m_catalog, std::move(rows));
}

void Session::openSearch()
{
    if (m_screen == Screen::Attract)
        return;
    push();
    runSearch();
    setScreen(Screen::Search);
}

bool Session::openItem(const QString &code)
{
    if (!m_catalog || !m_catalog->item(code.trimmed()))
        return false;
    if (m_screen == Screen::Attract) {
        m_idle.activity(m_clock->nowMs());
        m_pollTimer.start();
        m_screen = Screen::Home;
    }
    push();
    restore({Screen::ItemDetail, QString(), QString(), code.trimmed(), QString()});
    return true;
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
    if (m_subjectKey == subjectKey)
        return;
    m_residentName = name;
    m_residentIdMasked = idMasked;
    m_subjectKey = subjectKey;
    qCInfo(lcSession).noquote() << "resident identified by ID card" << idMasked;
    Q_EMIT residentChanged();
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
    if (m_screen == Screen::Attract)
        return;
    m_history.clear();
    m_history.push_back(Frame{Screen::Home, {}, {}, {}, {}});
    setScreen(Screen::Submitted);
}

void Session::openEvaluation()
{
    if (m_screen != Screen::Submitted)
        return;
    push();
    setScreen(Screen::Evaluation);
}

void Session::openProgress()
{
    if (m_screen == Screen::Attract)
        start();
    if (m_screen == Screen::Progress)
        return;
    push();
    setScreen(Screen::Progress);
}

void Session::handleScannedCode(const QString &code)
{
    const QString trimmed = code.trimmed();
    if (openItem(trimmed)) {
        qCInfo(lcSession).noquote() << "scanned code opened item" << trimmed;
        return;
    }
    // What a resident scans is not logged: it may be anyone's health code or payment code.
    qCInfo(lcSession) << "scanned code not recognised (" << trimmed.size() << "characters)";
    if (m_screen == Screen::Attract)
        start();
    showNotice(tr("This code is not one the terminal knows. Scan a service code or the code on your receipt."));
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
    if (pin != m_config.staffPin) {
        qCWarning(lcSession) << "staff mode: wrong PIN entered";
        return false;
    }
    qCInfo(lcSession) << "staff mode opened (queue page)";
    m_staff = true;
    push();
    setScreen(Screen::StaffQueue);
    return true;
}

bool Session::openStaffPage(const QString &page)
{
    if (!m_staff)
        return false;
    const Screen target = page == QLatin1String("devices") ? Screen::StaffDevices : Screen::StaffQueue;
    if (target == m_screen)
        return true;
    qCInfo(lcSession).noquote() << "staff page" << page;
    push();
    setScreen(target);
    return true;
}

void Session::typeText(const QString &text)
{
    setQuery(m_query + text);
}

void Session::backspace()
{
    if (!m_query.isEmpty())
        setQuery(m_query.chopped(1));
}

void Session::clearQuery()
{
    setQuery(QString());
}

void Session::setQuery(const QString &query)
{
    const QString q = query.left(maxQueryLength);
    if (q == m_query)
        return;
    m_query = q;
    Q_EMIT queryChanged();
    runSearch();
}

void Session::runSearch()
{
    if (!m_search || !m_catalog || m_query.isEmpty()) {
        m_items->clear();
        return;
    }
    std::vector<int> rows;
    for (const auto &hit : m_search->search(m_query, maxSearchResults))
        rows.push_back(hit.item);
    m_items->setItems(m_catalog, std::move(rows));
}

void Session::userActivity()
{
    if (m_screen == Screen::Attract)
        return;
    m_idle.activity(m_clock->nowMs());
    if (m_idleWarning)
        setIdle(false, 0);
}

void Session::continueSession()
{
    qCInfo(lcSession) << "resident continued after the idle warning";
    userActivity();
}

void Session::setIdle(bool warning, int secondsLeft)
{
    if (m_idleWarning == warning && m_idleSecondsLeft == secondsLeft)
        return;
    m_idleWarning = warning;
    m_idleSecondsLeft = secondsLeft;
    Q_EMIT idleChanged();
}

void Session::poll()
{
    if (m_screen == Screen::Attract)
        return;
    const qint64 now = m_clock->nowMs();
    switch (m_idle.phase(now)) {
    case IdleMonitor::Phase::Active:
        setIdle(false, 0);
        break;
    case IdleMonitor::Phase::Warning:
        setIdle(true, m_idle.secondsLeft(now));
        break;
    case IdleMonitor::Phase::Expired:
        qCInfo(lcSession) << "session ended: no touch for" << (m_elderMode ? m_config.elderIdleTimeoutSeconds : m_config.idleTimeoutSeconds)
                          << "+" << (m_elderMode ? m_config.elderWarningSeconds : m_config.idleWarningSeconds) << "s";
        reset();
        Q_EMIT timedOut();
        break;
    }
}

void Session::reset()
{
    m_pollTimer.stop();
    m_history.clear();
    m_listKind.clear();
    m_listId.clear();
    m_listTitle.clear();
    m_itemCode.clear();
    m_item.clear();
    Q_EMIT itemChanged();
    if (!m_query.isEmpty()) {
        m_query.clear();
        Q_EMIT queryChanged();
    }
    m_items->clear();
    m_facets->setEntries({});
    setIdle(false, 0);
    // The next resident starts from the terminal's defaults, not the last one's choices.
    setElderMode(false);
    setLanguage(m_config.language);
    clearNotice();
    m_staff = false;
    const bool wasIdentified = identified();
    m_residentName.clear();
    m_residentIdMasked.clear();
    m_subjectKey.clear();
    if (wasIdentified)
        Q_EMIT residentChanged();
    Q_EMIT ended();
    if (m_screen != Screen::Attract) {
        m_screen = Screen::Attract;
        Q_EMIT screenChanged();
    }
}

} // namespace kiosk
