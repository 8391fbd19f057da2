// SPDX-License-Identifier: GPL-3.0-or-later
// The session state machine, with an injected clock: idle warning and reset are tested by moving
// time, never by sleeping.
#include "kiosk/models/facetlistmodel.h"
#include "kiosk/models/servicelistmodel.h"
#include "kiosk/session/clock.h"
#include "kiosk/session/idlemonitor.h"
#include "kiosk/session/session.h"
#include "services/catalog/catalogparser.h"
#include "services/catalog/catalogsearch.h"

#include <QSignalSpy>
#include <QTest>

using namespace kiosk;
using Screen = Session::Screen;

class TestSession : public QObject
{
    Q_OBJECT

    catalog::Catalog m_catalog;
    catalog::CatalogSearch m_search;
    Config m_config;
    ManualClock m_clock;
    std::unique_ptr<Session> s;

private Q_SLOTS:
    void initTestCase()
    {
        auto r = catalog::loadCatalogFile(QStringLiteral(KIOSK_TEST_DATA_DIR "/catalog-small.json"));
        QVERIFY(r.catalog);
        m_catalog = std::move(*r.catalog);
        m_search.rebuild(m_catalog);
    }
    void init()
    {
        s = std::make_unique<Session>(m_config, &m_clock);
        s->setCatalog(&m_catalog, &m_search);
    }

    void idleMonitorArithmetic()
    {
        IdleMonitor m;
        m.setLimits(90'000, 30'000);
        m.activity(1000);
        QCOMPARE(m.phase(90'999), IdleMonitor::Phase::Active);
        QCOMPARE(m.phase(91'000), IdleMonitor::Phase::Warning);
        QCOMPARE(m.secondsLeft(91'000), 30);
        QCOMPARE(m.secondsLeft(91'001), 30);
        QCOMPARE(m.secondsLeft(120'000), 1);
        QCOMPARE(m.phase(121'000), IdleMonitor::Phase::Expired);
        QCOMPARE(m.secondsLeft(200'000), 0);
    }

    void startsOnAttract()
    {
        QCOMPARE(s->screen(), Screen::Attract);
        QCOMPARE(s->categories()->rowCount(), 6);
        QCOMPARE(s->popular()->rowCount(), m_config.popularCount);
        QCOMPARE(s->popular()->codeAt(0), QStringLiteral("RS-0001"));
        // Nothing happens on the attract screen, whatever the clock says.
        m_clock.advance(10'000'000);
        s->poll();
        QCOMPARE(s->screen(), Screen::Attract);
    }

    void browseAndBack()
    {
        s->start();
        QCOMPARE(s->screen(), Screen::Home);
        QVERIFY(!s->canGoBack());
        s->openCategory(QStringLiteral("eldercare"));
        QCOMPARE(s->screen(), Screen::ItemList);
        QCOMPARE(s->listTitle(), QStringLiteral("老有所养"));
        QCOMPARE(s->items()->rowCount(), 3);
        QCOMPARE(s->items()->codeAt(0), QStringLiteral("MZ-0001")); // most popular first (75)
        QVERIFY(s->openItem(QStringLiteral("YB-0001")));
        QCOMPARE(s->screen(), Screen::ItemDetail);
        QCOMPARE(s->item().name, QStringLiteral("长期护理保险待遇申请"));
        QCOMPARE(s->item().department, QStringLiteral("市医疗保障局"));
        QCOMPARE(s->item().promisedDays, 15);
        QCOMPARE(s->item().materials.size(), 1);
        s->back();
        QCOMPARE(s->screen(), Screen::ItemList);
        QCOMPARE(s->items()->rowCount(), 3);
        s->back();
        QCOMPARE(s->screen(), Screen::Home);
        s->back(); // nothing further back than home
        QCOMPARE(s->screen(), Screen::Home);
    }

    void departmentsAndLifeEvents()
    {
        s->start();
        s->openDepartments();
        QCOMPARE(s->screen(), Screen::FacetList);
        QCOMPARE(s->facets()->rowCount(), 3);
        QCOMPARE(s->facets()->idAt(0), QStringLiteral("hrss"));
        QCOMPARE(s->facets()->data(s->facets()->index(0), FacetListModel::CountRole).toInt(), 4);
        s->openFacet(QStringLiteral("civil"));
        QCOMPARE(s->items()->rowCount(), 4);
        s->goHome();
        QVERIFY(!s->canGoBack());
        s->openLifeEvents();
        QCOMPARE(s->listTitle(), QStringLiteral("Life events"));
        s->openFacet(QStringLiteral("medical"));
        QCOMPARE(s->items()->rowCount(), 3);
        s->back();
        QCOMPARE(s->screen(), Screen::FacetList);
        QCOMPARE(s->listTitle(), QStringLiteral("Life events"));
        s->openFacet(QStringLiteral("medical")); // the life event again, not a department of that id
        QCOMPARE(s->items()->rowCount(), 3);
    }

    void searchTyping()
    {
        s->start();
        s->openSearch();
        QCOMPARE(s->screen(), Screen::Search);
        QCOMPARE(s->items()->rowCount(), 0);
        for (const char *k : {"s", "b", "c", "x"})
            s->typeText(QString::fromLatin1(k));
        QCOMPARE(s->query(), QStringLiteral("sbcx"));
        QCOMPARE(s->items()->codeAt(0), QStringLiteral("RS-0001"));
        s->backspace();
        QCOMPARE(s->query(), QStringLiteral("sbc"));
        s->clearQuery();
        QCOMPARE(s->items()->rowCount(), 0);
        s->setQuery(QStringLiteral("qqqq"));
        QCOMPARE(s->items()->rowCount(), 0);
        // The search is kept when the resident comes back from an item.
        s->setQuery(QStringLiteral("ydjy"));
        QVERIFY(s->openItem(s->items()->codeAt(0)));
        s->back();
        QCOMPARE(s->screen(), Screen::Search);
        QCOMPARE(s->query(), QStringLiteral("ydjy"));
        QCOMPARE(s->items()->codeAt(0), QStringLiteral("YB-0003"));
    }

    void openUnknownItemStays()
    {
        s->start();
        QVERIFY(!s->openItem(QStringLiteral("XX-9999")));
        QCOMPARE(s->screen(), Screen::Home);
    }

    void scannedCodeFromAttractOpensItem()
    {
        QVERIFY(s->openItem(QStringLiteral("YB-0002")));
        QCOMPARE(s->screen(), Screen::ItemDetail);
        s->back();
        QCOMPARE(s->screen(), Screen::Home);
    }

    void idleWarningThenReset()
    {
        QSignalSpy timedOut(s.get(), &Session::timedOut);
        s->start();
        s->setElderMode(false);
        s->openSearch();
        s->typeText(QStringLiteral("sbcx"));
        m_clock.advance(89'000);
        s->poll();
        QVERIFY(!s->idleWarning());
        m_clock.advance(1'000);
        s->poll();
        QVERIFY(s->idleWarning());
        QCOMPARE(s->idleSecondsLeft(), 30);
        m_clock.advance(20'500);
        s->poll();
        QCOMPARE(s->idleSecondsLeft(), 10);
        QCOMPARE(s->screen(), Screen::Search); // still there during the countdown
        m_clock.advance(9'500);
        s->poll();
        // Reset: everything the resident entered is gone.
        QCOMPARE(s->screen(), Screen::Attract);
        QCOMPARE(timedOut.size(), 1);
        QVERIFY(!s->idleWarning());
        QVERIFY(s->query().isEmpty());
        QCOMPARE(s->items()->rowCount(), 0);
        QVERIFY(s->item().code.isEmpty());
        QVERIFY(!s->canGoBack());
    }

    void continueDismissesWarning()
    {
        s->start();
        m_clock.advance(95'000);
        s->poll();
        QVERIFY(s->idleWarning());
        s->continueSession();
        QVERIFY(!s->idleWarning());
        m_clock.advance(89'000);
        s->poll();
        QVERIFY(!s->idleWarning()); // the idle time starts again from "continue"
        QCOMPARE(s->screen(), Screen::Home);
    }

    void touchKeepsSessionAlive()
    {
        s->start();
        for (int i = 0; i < 10; ++i) {
            m_clock.advance(60'000);
            s->userActivity();
            s->poll();
        }
        QCOMPARE(s->screen(), Screen::Home);
        QVERIFY(!s->idleWarning());
    }

    void elderModeGetsMoreTime()
    {
        s->start();
        s->setElderMode(true);
        s->userActivity();
        m_clock.advance(150'000); // past the normal 90 + 30 s
        s->poll();
        QVERIFY(!s->idleWarning());
        QCOMPARE(s->screen(), Screen::Home);
        m_clock.advance(30'000); // 180 s: the elder warning starts, 60 s long
        s->poll();
        QVERIFY(s->idleWarning());
        QCOMPARE(s->idleSecondsLeft(), 60);
        m_clock.advance(60'000);
        s->poll();
        QCOMPARE(s->screen(), Screen::Attract);
        QVERIFY(!s->elderMode()); // the next resident starts in the default mode
    }

    void languageSwitchIsLiveAndReset()
    {
        QSignalSpy changed(s.get(), &Session::languageChanged);
        s->start();
        QVERIFY(s->openItem(QStringLiteral("RS-0001")));
        s->setLanguage(QStringLiteral("en"));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(s->item().name, QStringLiteral("Social insurance record enquiry"));
        QCOMPARE(s->item().department, QStringLiteral("Human Resources and Social Security Bureau"));
        s->goHome();
        QCOMPARE(s->popular()->data(s->popular()->index(0), ServiceListModel::NameRole).toString(),
                 QStringLiteral("Social insurance record enquiry"));
        // No English name: the Chinese one is shown rather than nothing.
        QVERIFY(s->openItem(QStringLiteral("MZ-0001")));
        QCOMPARE(s->item().name, QStringLiteral("高龄津贴申领"));
        // The header's names follow the language too.
        QCOMPARE(s->centerName(), m_config.centerNameEn);
        QCOMPARE(s->terminalName(), m_config.terminalNameEn);
        s->reset();
        QCOMPARE(s->centerName(), m_config.centerName);
        QCOMPARE(s->terminalName(), m_config.terminalName);
        QCOMPARE(s->language(), QStringLiteral("zh_CN"));
        s->setLanguage(QStringLiteral("klingon")); // anything unknown means the default
        QCOMPARE(s->language(), QStringLiteral("zh_CN"));
    }

    void idCardStartsAnIdentifiedVisit()
    {
        QSignalSpy ended(s.get(), &Session::ended);
        s->identify(QStringLiteral("张三"), QStringLiteral("1101**********002X"), QStringLiteral("key-a"));
        QCOMPARE(s->screen(), Screen::Home);
        QVERIFY(s->identified());
        QCOMPARE(s->residentName(), QStringLiteral("张三"));
        QCOMPARE(s->residentIdMasked(), QStringLiteral("1101**********002X"));
        s->openCategory(QStringLiteral("medical"));
        // The same card again: nothing changes.
        s->identify(QStringLiteral("张三"), QStringLiteral("1101**********002X"), QStringLiteral("key-a"));
        QCOMPARE(s->screen(), Screen::ItemList);
        QCOMPARE(ended.size(), 0);
        // Another resident's card: the first visit ends (wiped), the new one starts.
        s->identify(QStringLiteral("李四"), QStringLiteral("3501**********0012"), QStringLiteral("key-b"));
        QCOMPARE(ended.size(), 1);
        QCOMPARE(s->screen(), Screen::Home);
        QCOMPARE(s->residentName(), QStringLiteral("李四"));
        QVERIFY(!s->canGoBack());
        s->reset();
        QVERIFY(!s->identified());
        QVERIFY(s->residentName().isEmpty());
        QCOMPARE(ended.size(), 2);
    }

    void cardDuringAnonymousVisitIdentifiesIt()
    {
        s->start();
        s->openSearch();
        s->typeText(QStringLiteral("sb"));
        s->identify(QStringLiteral("王五"), QStringLiteral("3501**********0012"), QStringLiteral("key-c"));
        QCOMPARE(s->screen(), Screen::Search); // the resident's place is kept
        QCOMPARE(s->query(), QStringLiteral("sb"));
        QVERIFY(s->identified());
    }

    void endButtonResets()
    {
        s->start();
        s->openCategory(QStringLiteral("medical"));
        s->reset();
        QCOMPARE(s->screen(), Screen::Attract);
        QCOMPARE(s->items()->rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
