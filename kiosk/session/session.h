// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kiosk/config.h"
#include "kiosk/session/idlemonitor.h"

#include <QObject>
#include <QTimer>
#include <QVariantMap>

#include <memory>
#include <vector>

namespace kiosk::catalog {
class Catalog;
class CatalogSearch;
}

namespace kiosk {

class Clock;
class FacetListModel;
class ServiceListModel;

/**
 * One resident's visit, as a state machine. QML only shows `screen` and calls the transitions;
 * everything a resident entered lives here and is wiped by reset().
 *
 *   Attract ──start()──▶ Home ──openCategory/openItemList──▶ ItemList ──openItem──▶ ItemDetail
 *                          │ ──openDepartments/openLifeEvents──▶ FacetList ──openItemList──▶ …
 *                          └──openSearch──▶ Search ──openItem──▶ ItemDetail
 *   ItemDetail ──openForm──▶ Form ──openReview──▶ Review ──showSubmitted──▶ Submitted ──openEvaluation──▶ Evaluation
 *   (Submitted forgets the way back: a request is never submitted twice by going back.)
 *   Attract/Home ──openForm (a 12345 suggestion) / openProgress──▶ …
 *   back() returns to the previous screen, goHome() to Home; idle for the configured time shows
 *   a warning (idleWarning, idleSecondsLeft); continueSession() or any touch dismisses it; at
 *   zero the session resets to Attract.
 *
 * Lives on the GUI thread. The clock is injected (tests move it by hand).
 */
class Session : public QObject
{
    Q_OBJECT

    Q_PROPERTY(Screen screen READ screen NOTIFY screenChanged)
    Q_PROPERTY(bool canGoBack READ canGoBack NOTIFY screenChanged)
    Q_PROPERTY(QString listTitle READ listTitle NOTIFY screenChanged)
    Q_PROPERTY(QString listKind READ listKind NOTIFY screenChanged)
    Q_PROPERTY(QVariantMap item READ item NOTIFY itemChanged)
    Q_PROPERTY(QString query READ query NOTIFY queryChanged)
    Q_PROPERTY(kiosk::ServiceListModel *items READ items CONSTANT)
    Q_PROPERTY(kiosk::ServiceListModel *popular READ popular CONSTANT)
    Q_PROPERTY(kiosk::FacetListModel *facets READ facets CONSTANT)
    Q_PROPERTY(kiosk::FacetListModel *categories READ categories CONSTANT)
    Q_PROPERTY(bool idleWarning READ idleWarning NOTIFY idleChanged)
    Q_PROPERTY(int idleSecondsLeft READ idleSecondsLeft NOTIFY idleChanged)
    Q_PROPERTY(bool elderMode READ elderMode WRITE setElderMode NOTIFY elderModeChanged)
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)
    Q_PROPERTY(QString terminalName READ terminalName CONSTANT)
    Q_PROPERTY(QString centerName READ centerName CONSTANT)
    Q_PROPERTY(QString catalogVersion READ catalogVersion NOTIFY catalogChanged)
    Q_PROPERTY(int itemTotal READ itemTotal NOTIFY catalogChanged)
    /** A resident who tapped their ID card: the name is shown, the ID number only masked. */
    Q_PROPERTY(bool identified READ identified NOTIFY residentChanged)
    Q_PROPERTY(QString residentName READ residentName NOTIFY residentChanged)
    Q_PROPERTY(QString residentIdMasked READ residentIdMasked NOTIFY residentChanged)
    /** A short message for the resident (an unknown code scanned, a card that could not be read). */
    Q_PROPERTY(QString notice READ notice NOTIFY noticeChanged)

public:
    enum class Screen { Attract, Home, FacetList, ItemList, Search, ItemDetail, Form, Review, Submitted, Evaluation, Progress, StaffQueue, StaffDevices };
    Q_ENUM(Screen)

    Session(const Config &config, const Clock *clock, QObject *parent = nullptr);
    ~Session() override;

    /** The catalog and its index; both must outlive the session or be replaced before they die. */
    void setCatalog(const catalog::Catalog *catalog, const catalog::CatalogSearch *search);

    Screen screen() const { return m_screen; }
    bool canGoBack() const { return !m_history.empty(); }
    QString listTitle() const { return m_listTitle; }
    QString listKind() const { return m_listKind; }
    QVariantMap item() const { return m_item; }
    QString query() const { return m_query; }
    ServiceListModel *items() const { return m_items.get(); }
    ServiceListModel *popular() const { return m_popular.get(); }
    FacetListModel *facets() const { return m_facets.get(); }
    FacetListModel *categories() const { return m_categories.get(); }
    bool idleWarning() const { return m_idleWarning; }
    int idleSecondsLeft() const { return m_idleSecondsLeft; }
    bool elderMode() const { return m_elderMode; }
    void setElderMode(bool elder);
    QString language() const { return m_language; }
    void setLanguage(const QString &language);
    QString terminalName() const { return m_config.terminalName; }
    QString centerName() const { return m_config.centerName; }
    QString catalogVersion() const;
    int itemTotal() const;

    /** Checks the idle time; the session's own timer calls it, tests call it after moving the clock. */
    void poll();

public Q_SLOTS:
    void start();
    void goHome();
    void back();
    void openCategory(const QString &id);
    void openDepartments();
    void openLifeEvents();
    /** @p kind: "category", "department", "lifeEvent" or "popular". */
    void openItemList(const QString &kind, const QString &id);
    void openSearch();
    /** Opens the item with @p code; returns false (and stays) when there is none. */
    bool openItem(const QString &code);

    void typeText(const QString &text);
    void backspace();
    void clearQuery();
    void setQuery(const QString &query);

    bool identified() const { return !m_residentName.isEmpty(); }
    QString notice() const { return m_notice; }
    QString residentName() const { return m_residentName; }
    QString residentIdMasked() const { return m_residentIdMasked; }
    /** The keyed hash of the identified resident's ID number (empty when anonymous). */
    QString subjectKey() const { return m_subjectKey; }
    /**
     * An ID card was read: from the attract screen this starts an identified visit; during an
     * anonymous visit it identifies it; another resident's card ends the visit and starts theirs.
     * @p subjectKey tells residents apart without the number (a keyed hash).
     */
    void identify(const QString &name, const QString &idMasked, const QString &subjectKey);

    /** The form of the journey (Journey holds its contents); from Attract it starts a visit. */
    void openForm();
    void openReview();
    /** The request is saved: the way back to the form is forgotten. */
    void showSubmitted();
    void openEvaluation();
    /** This resident's requests (Journey fills them); from Attract it starts a visit. */
    void openProgress();

    /** A scanned code: a catalog item code opens that item; anything else is explained. */
    void handleScannedCode(const QString &code);

    /** Staff mode (hidden gesture + PIN): opens the queue page. False for a wrong PIN. Logged. */
    bool unlockStaff(const QString &pin);
    /** Staff only (after unlockStaff in this visit): "queue" or "devices". */
    bool openStaffPage(const QString &page);

    /** A touch, key or card anywhere: the resident is still here. */
    void userActivity();
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

private:
    struct Frame {
        Screen screen;
        QString listKind;
        QString listId;
        QString itemCode;
        QString query;
    };
    Frame currentFrame() const;
    void restore(const Frame &frame);
    void push();
    void setScreen(Screen screen);
    void showList(const QString &kind, const QString &id);
    void showFacets(const QString &kind);
    void runSearch();
    void applyLimits();
    void refreshLanguage();
    void setIdle(bool warning, int secondsLeft);
    bool english() const { return m_language == QLatin1String("en"); }

    Config m_config;
    const Clock *m_clock;
    const catalog::Catalog *m_catalog = nullptr;
    const catalog::CatalogSearch *m_search = nullptr;
    IdleMonitor m_idle;
    QTimer m_pollTimer;

    Screen m_screen = Screen::Attract;
    std::vector<Frame> m_history;
    QString m_listKind;
    QString m_listId;
    QString m_listTitle;
    QString m_itemCode;
    QVariantMap m_item;
    QString m_query;
    bool m_idleWarning = false;
    int m_idleSecondsLeft = 0;
    bool m_elderMode = false;
    QString m_language;
    QString m_residentName;
    QString m_residentIdMasked;
    QString m_subjectKey;
    QString m_notice;
    bool m_staff = false;

    std::unique_ptr<ServiceListModel> m_items;
    std::unique_ptr<ServiceListModel> m_popular;
    std::unique_ptr<FacetListModel> m_facets;
    std::unique_ptr<FacetListModel> m_categories;
};

} // namespace kiosk
