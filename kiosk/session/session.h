// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kiosk/browse/catalogbrowser.h"
#include "kiosk/config.h"
#include "kiosk/session/idleguard.h"
#include "kiosk/session/ratelimiter.h"
#include "kiosk/session/staffgate.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <memory>
#include <vector>

class QQmlEngine;
class QJSEngine;

namespace kiosk::catalog {
class Catalog;
class CatalogSearch;
}

namespace kiosk {

class CatalogBrowser;
class Clock;
class FacetListModel;
class Journey;
class ServiceListModel;

/**
 * One resident's visit, as a state machine: QML only shows `screen` and calls one method per
 * button; every change of screen is decided here, from the resident's taps and from the
 * journey's signals. Everything a resident entered is wiped by reset().
 *
 *   Attract ──start()──▶ Home ──openCategory/openPopular──▶ ItemList ──openItem──▶ ItemDetail
 *                          │ ──openDepartments/openLifeEvents──▶ FacetList ──openFacet──▶ ItemList
 *                          └──openSearch──▶ Search ──openItem──▶ ItemDetail
 *   ItemDetail ──apply()──▶ Form ──form.reviewReady──▶ Review ──submission.saved──▶ Submitted
 *   Review ──form.editRequested──▶ Form;  submission.failed keeps Review (the reason is shown)
 *   Submitted ──openEvaluation──▶ Evaluation ──evaluation.finished──▶ Home (with a thank-you)
 *   (Submitted forgets the way back: a request is never submitted twice by going back.)
 *   Attract/Home ──suggest()──▶ Form (12345);  ──openProgress()──▶ Progress (looked up by card)
 *   A receipt's code scanned anywhere ──▶ Progress;  an item code ──▶ ItemDetail
 *   A receipt's code is looked up only as its capability (QueueService::verifyReceiptCode());
 *   codes that open nothing are counted, and after kLookupFailureLimit of them in a minute
 *   lookups pause (lookupsPaused). Progress by card needs the card on the reader now.
 *   An identified visit that submitted a request ends kCardGraceSeconds after the card is
 *   taken away (a notice says so; putting the card back keeps the visit).
 *   Staff: the hidden gesture opens the PIN pad (staffPad, a StaffGate); the staff PIN opens the
 *   queue page, the technician PIN the maintenance menu (Maintenance, and StaffFleet from it).
 *   An enrolment QR code scanned on the maintenance page goes to enrolmentScanned(); anywhere
 *   else it is ignored. The pad closes and forgets its digits when the visit ends.
 *   back() returns to the previous screen (on the form: the previous question first), goHome()
 *   to Home; idle for the configured time shows a warning (idleWarning, idleSecondsLeft);
 *   continueSession() or any touch dismisses it; at zero the session resets to Attract.
 *
 * Lives on the GUI thread. The clock is injected (tests move it by hand).
 */
class Session : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_MOC_INCLUDE("kiosk/models/facetlistmodel.h")
    Q_MOC_INCLUDE("kiosk/models/servicelistmodel.h")

    Q_PROPERTY(Screen screen READ screen NOTIFY screenChanged)
    Q_PROPERTY(bool canGoBack READ canGoBack NOTIFY screenChanged)
    Q_PROPERTY(QString listTitle READ listTitle NOTIFY screenChanged)
    Q_PROPERTY(kiosk::ServiceItem item READ item NOTIFY itemChanged)
    Q_PROPERTY(QString query READ query NOTIFY queryChanged)
    Q_PROPERTY(kiosk::ServiceListModel *items READ items CONSTANT)
    Q_PROPERTY(kiosk::ServiceListModel *popular READ popular CONSTANT)
    Q_PROPERTY(kiosk::FacetListModel *facets READ facets CONSTANT)
    Q_PROPERTY(kiosk::FacetListModel *categories READ categories CONSTANT)
    Q_PROPERTY(bool idleWarning READ idleWarning NOTIFY idleChanged)
    Q_PROPERTY(int idleSecondsLeft READ idleSecondsLeft NOTIFY idleChanged)
    Q_PROPERTY(bool elderMode READ elderMode WRITE setElderMode NOTIFY elderModeChanged)
    Q_PROPERTY(bool english READ english NOTIFY languageChanged)
    /** The terminal's and the centre's names in the interface language (the Chinese ones when no English is configured). */
    Q_PROPERTY(QString terminalName READ terminalName NOTIFY languageChanged)
    Q_PROPERTY(QString centerName READ centerName NOTIFY languageChanged)
    Q_PROPERTY(QString catalogVersion READ catalogVersion NOTIFY catalogChanged)
    Q_PROPERTY(int itemTotal READ itemTotal NOTIFY catalogChanged)
    /** A resident who tapped their ID card: the name is shown, the ID number only masked. */
    Q_PROPERTY(bool identified READ identified NOTIFY residentChanged)
    Q_PROPERTY(QString residentName READ residentName NOTIFY residentChanged)
    Q_PROPERTY(QString residentIdMasked READ residentIdMasked NOTIFY residentChanged)
    /** The staff PIN pad (its digits, its wait after wrong PINs, the alert counters). */
    Q_PROPERTY(kiosk::StaffGate *staffPad READ staffPad CONSTANT)
    /** The technician's PIN opened this visit: the maintenance menu and the fleet page are open to it. */
    Q_PROPERTY(bool technician READ technician NOTIFY screenChanged)
    /** Too many receipt codes that opened nothing: scans look nothing up for a while. */
    Q_PROPERTY(bool lookupsPaused READ lookupsPaused NOTIFY noticeChanged)
    /** The card was taken after a submission: the visit ends soon (seconds left; 0: not ending). */
    Q_PROPERTY(int visitEndingSeconds READ visitEndingSeconds NOTIFY noticeChanged)
    /** A short message for the resident (an unknown code scanned, a card that could not be read). */
    Q_PROPERTY(QString notice READ notice NOTIFY noticeChanged)

public:
    enum class Screen { Attract, Home, FacetList, ItemList, Search, ItemDetail, Form, Review, Submitted, Evaluation, Progress, Query, StaffQueue, StaffDevices, StaffFleet, Maintenance };
    Q_ENUM(Screen)

    /** Failed receipt lookups allowed per minute, for the whole terminal. */
    static constexpr int kLookupFailureLimit = 5;
    static constexpr qint64 kLookupWindowMs = 60'000;
    /** After a submission, the card taken away: the visit ends after this (put the card back to stay). */
    static constexpr int kCardGraceSeconds = 10;

    Session(const Config &config, const Clock *clock, QObject *parent = nullptr);
    ~Session() override;

    /** The instance QML gets (set by the composition root before QML loads). */
    static void setQmlInstance(Session *session);
    static Session *create(QQmlEngine *, QJSEngine *);

    /** The catalog and its index; both must outlive the session or be replaced before they die. */
    void setCatalog(const catalog::Catalog *catalog, const catalog::CatalogSearch *search);
    /** The journey whose signals move the screens after 立即申请 (outlives the session's use of it). */
    void setJourney(Journey *journey);
    /** Asks the devices layer whether a card is on the reader now (progress by card needs it). */
    void setCardOnReader(std::function<bool()> probe) { m_cardOnReader = std::move(probe); }

    [[nodiscard]] Screen screen() const { return m_screen; }
    [[nodiscard]] bool canGoBack() const { return !m_history.empty(); }
    [[nodiscard]] QString listTitle() const { return m_browser->title(); }
    [[nodiscard]] ServiceItem item() const { return m_browser->item(); }
    [[nodiscard]] QString query() const { return m_browser->query(); }
    [[nodiscard]] ServiceListModel *items() const { return m_browser->items(); }
    [[nodiscard]] ServiceListModel *popular() const { return m_browser->popular(); }
    [[nodiscard]] FacetListModel *facets() const { return m_browser->facets(); }
    [[nodiscard]] FacetListModel *categories() const { return m_browser->categories(); }
    [[nodiscard]] bool idleWarning() const { return m_idle.warning(); }
    [[nodiscard]] int idleSecondsLeft() const { return m_idle.secondsLeft(); }
    [[nodiscard]] bool elderMode() const { return m_elderMode; }
    void setElderMode(bool elder);
    /** "zh_CN" or "en". */
    [[nodiscard]] QString language() const { return m_language; }
    void setLanguage(const QString &language);
    [[nodiscard]] bool english() const { return m_language == QLatin1String("en"); }
    [[nodiscard]] QString terminalName() const
    {
        return english() && !m_config.terminalNameEn.isEmpty() ? m_config.terminalNameEn : m_config.terminalName;
    }
    [[nodiscard]] QString centerName() const
    {
        return english() && !m_config.centerNameEn.isEmpty() ? m_config.centerNameEn : m_config.centerName;
    }
    [[nodiscard]] QString catalogVersion() const;
    [[nodiscard]] int itemTotal() const;
    [[nodiscard]] bool identified() const { return !m_residentName.isEmpty(); }
    [[nodiscard]] QString notice() const { return m_notice; }
    [[nodiscard]] QString residentName() const { return m_residentName; }
    [[nodiscard]] QString residentIdMasked() const { return m_residentIdMasked; }
    /** The keyed hash of the identified resident's ID number (empty when anonymous). */
    [[nodiscard]] QString subjectKey() const { return m_subjectKey; }
    [[nodiscard]] StaffGate *staffPad() { return &m_staffGate; }
    [[nodiscard]] bool lookupsPaused() const { return m_lookups.paused(); }
    [[nodiscard]] int visitEndingSeconds() const;

    /** Checks the idle time; the session's own timer calls it, tests call it after moving the clock. */
    void poll();
    /**
     * An ID card was read: from the attract screen this starts an identified visit; during an
     * anonymous visit it identifies it; another resident's card ends the visit and starts theirs.
     * @p subjectKey tells residents apart without the number (a keyed hash).
     */
    void identify(const QString &name, const QString &idMasked, const QString &subjectKey);
    /** A scanned code: a receipt's code opens its progress, an item code the item; anything else is explained. */
    void handleScannedCode(const QString &code);
    /** The card left the reader (devices layer). After a submission the visit ends soon. */
    void cardRemoved();

public Q_SLOTS:
    void start();
    void goHome();
    void back();
    void openCategory(const QString &id);
    void openPopular();
    void openDepartments();
    void openLifeEvents();
    /** On the department or life-event list: the items of that facet. */
    void openFacet(const QString &id);
    void openSearch();
    /** Opens the item with @p code; returns false (and stays) when there is none. */
    bool openItem(const QString &code);
    /** 立即申请 on the item's page: its form; for an item answered on the spot (查询, 打印证明), its answer. */
    void apply();
    /** A 12345 suggestion or complaint; from Attract it starts a visit. */
    void suggest();
    void openEvaluation();
    /** This resident's requests (by the card on the reader); from Attract it starts a visit. */
    void openProgress();

    void typeText(const QString &text) { setQuery(query() + text); }
    void backspace() { setQuery(query().chopped(qMin<qsizetype>(1, query().size()))); }
    void clearQuery() { setQuery(QString()); }
    void setQuery(const QString &query);

    /** Staff mode with @p pin (the pad's path too): opens the queue page. False for a wrong PIN,
     *  while the pad waits after wrong PINs, or with no PIN set up. Counted and logged by StaffGate. */
    bool unlockStaff(const QString &pin);
    /** Staff only (after unlockStaff in this visit). */
    void openStaffQueue();
    void openStaffDevices();
    /** The fleet page: the fleet server's polls and the update in hand (technician only). */
    void openStaffFleet();
    /** The maintenance menu: enrolment, checks, test prints, restart (technician only). */
    void openMaintenance();
    [[nodiscard]] bool technician() const { return m_technician; }

    /** A touch, key or card anywhere: the resident is still here. */
    void userActivity();
    /** 中文 ⇄ English. */
    void toggleLanguage();
    /** The warning's "continue" button. */
    void continueSession();
    void showNotice(const QString &text);
    void clearNotice();
    /** Wipes everything the resident entered and returns to the attract screen. */
    void reset();

Q_SIGNALS:
    void screenChanged();
    void itemChanged();
    void queryChanged();
    void idleChanged();
    void elderModeChanged();
    void languageChanged();
    void catalogChanged();
    /** The resident walked away: the session was wiped by the idle timeout. */
    void timedOut();
    void residentChanged();
    void noticeChanged();
    /** A visit ended (finish, idle, another card): whatever holds its data must forget it now. */
    void ended();
    /** The card was taken after a submission and not put back: the visit ended. */
    void cardTakenAway();
    /** An enrolment QR code was scanned on the maintenance page (FleetService takes it). */
    void enrolmentScanned(const QString &text);

private:
    using ListKind = CatalogBrowser::ListKind;
    struct Frame {
        Screen screen;
        CatalogBrowser::View view;
    };
    Frame currentFrame() const;
    void restore(const Frame &frame);
    void push();
    void setScreen(Screen screen);
    void openList(ListKind kind, const QString &id);
    void openFacets(ListKind kind);
    void openForm();
    void openReview();
    void showSubmitted();
    void openStaffPage(Screen page);
    void lookUpResident();
    void enterStaff();
    void cancelCardGrace();

    Config m_config;
    const Clock *m_clock;
    Journey *m_journey = nullptr;
    const catalog::Catalog *m_catalog = nullptr;
    std::unique_ptr<CatalogBrowser> m_browser;
    IdleGuard m_idle;

    Screen m_screen = Screen::Attract;
    std::vector<Frame> m_history;
    bool m_elderMode = false;
    QString m_language;
    QString m_residentName;
    QString m_residentIdMasked;
    QString m_subjectKey;
    QString m_notice;
    bool m_staff = false;
    bool m_technician = false;
    StaffGate m_staffGate;
    RateLimiter m_lookups;
    std::function<bool()> m_cardOnReader;
    bool m_submitted = false; ///< a request was saved in this visit
    qint64 m_cardGoneAt = -1; ///< on m_clock; -1: the card is not gone after a submission
    QTimer m_graceTimer;
};

} // namespace kiosk
