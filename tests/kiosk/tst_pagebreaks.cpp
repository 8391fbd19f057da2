// SPDX-License-Identifier: GPL-3.0-or-later
// Paging by whole items: the pure page breaks, and WholePages over a live column of QML items
// (pages hold whole items; the count follows the content; the page shown stays put).
#include "kiosk/ui/pagebreaks.h"
#include "kiosk/ui/wholepages.h"

#include <QQmlComponent>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTest>

using namespace kiosk;

class TestPageBreaks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pagesHoldOnlyWholeSpans()
    {
        // Rows of 100 with 20 between them, a viewport of 350: three whole rows (340) a page.
        std::vector<Span> rows;
        for (int i = 0; i < 7; ++i)
            rows.push_back({i * 120.0, i * 120.0 + 100});
        const auto pages = breakIntoPages(rows, 350);
        QCOMPARE(pages.size(), std::size_t(3));
        QCOMPARE(pages[0].top, 0.0);
        QCOMPARE(pages[0].bottom, 340.0); // rows 0–2
        QCOMPARE(pages[1].top, 360.0); // row 3 begins the next page
        QCOMPARE(pages[1].bottom, 700.0);
        QCOMPARE(pages[2].top, 720.0);
        QCOMPARE(pages[2].bottom, 820.0);
        for (const auto &p : pages) {
            QVERIFY(!p.cut);
            QVERIFY(p.bottom - p.top <= 350);
        }
    }

    void sideBySideStaysTogether()
    {
        // Two columns: a QR code (0–300) beside three lines of text; the row is one.
        const std::vector<Span> spans{{0, 300}, {0, 80}, {100, 180}, {200, 280}, {320, 400}};
        const auto pages = breakIntoPages(spans, 350);
        QCOMPARE(pages.size(), std::size_t(2));
        QCOMPARE(pages[0].bottom, 300.0);
        QCOMPARE(pages[1].top, 320.0);
    }

    void aHeadingGoesWithWhatFollows()
    {
        // A heading at the bottom of the first page would be orphaned: it moves on.
        const std::vector<Span> spans{{0, 200}, {220, 260, true}, {270, 400}};
        const auto pages = breakIntoPages(spans, 300);
        QCOMPARE(pages.size(), std::size_t(2));
        QCOMPARE(pages[0].bottom, 200.0);
        QCOMPARE(pages[1].top, 220.0);
        // Where heading and text cannot share a page, the heading does not make a cut page.
        const std::vector<Span> tall{{0, 40, true}, {60, 290}};
        const auto two = breakIntoPages(tall, 250);
        QCOMPARE(two.size(), std::size_t(2));
        QVERIFY(!two[0].cut && !two[1].cut);
    }

    void tooTallIsAloneAndMarkedCut()
    {
        const std::vector<Span> spans{{0, 100}, {120, 620}, {640, 700}};
        const auto pages = breakIntoPages(spans, 300);
        QCOMPARE(pages.size(), std::size_t(3));
        QVERIFY(!pages[0].cut);
        QVERIFY(pages[1].cut);
        QCOMPARE(pages[1].top, 120.0);
        QCOMPARE(pages[2].top, 640.0);
    }

    void aContinuedTableLeavesRoomForItsHeading()
    {
        // Text (0–100), then a table: its title and column headings (120–200, kept with the
        // first row) and rows of 50 with no gap; the heading to repeat is 40 tall. Viewport 300.
        std::vector<Span> spans{{0, 100}};
        spans.push_back({120, 160, true, 0, 40, true});
        spans.push_back({160, 200, true, 0, 40});
        for (int r = 0; r < 8; ++r)
            spans.push_back({200 + r * 50.0, 250 + r * 50.0, false, 0, 40});
        spans.push_back({620, 900}); // a long note after the table
        const auto pages = breakIntoPages(spans, 300);
        QCOMPARE(pages.size(), std::size_t(4));
        // Page 1: the text, the table's start and two rows, nothing repeated.
        QCOMPARE(pages[0].top, 0.0);
        QCOMPARE(pages[0].bottom, 300.0);
        QCOMPARE(pages[0].continues, -1);
        // Page 2 continues the table: 260 for rows (5 of them), the heading's 40 above.
        QCOMPARE(pages[1].top, 300.0);
        QCOMPARE(pages[1].bottom, 550.0);
        QCOMPARE(pages[1].continues, 0);
        QCOMPARE(pages[1].repeatHeight, 40.0);
        QVERIFY(pages[1].bottom - pages[1].top + pages[1].repeatHeight <= 300);
        // Page 3: the last row, still continued; the note does not fit with it (550–900 > 260).
        QCOMPARE(pages[2].top, 550.0);
        QCOMPARE(pages[2].bottom, 600.0);
        QCOMPARE(pages[2].continues, 0);
        // Page 4 begins with the note: no table heading.
        QCOMPARE(pages[3].top, 620.0);
        QCOMPARE(pages[3].continues, -1);
        QCOMPARE(pages[3].repeatHeight, 0.0);
        // Without the group, the same rows fill whole pages.
        for (auto &sp : spans)
            sp.group = -1;
        QVERIFY(breakIntoPages(spans, 300)[1].bottom > 550);
    }

    void aPageBeginningWithTheTableRepeatsNothing()
    {
        // The table's own start on a new page: its heading is there already.
        std::vector<Span> spans{{0, 280}, {300, 340, true, 0, 40, true}};
        for (int r = 0; r < 3; ++r)
            spans.push_back({340 + r * 50.0, 390 + r * 50.0, false, 0, 40});
        const auto pages = breakIntoPages(spans, 300);
        QCOMPARE(pages.size(), std::size_t(2));
        QCOMPARE(pages[1].top, 300.0);
        QCOMPARE(pages[1].continues, -1);
    }

    void emptyIsOnePage()
    {
        QCOMPARE(breakIntoPages({}, 300).size(), std::size_t(1));
    }

    void liveContentIsRecountedAndStaysOnItsPage()
    {
        qmlRegisterType<WholePages>("PagesTest", 1, 0, "WholePages");
        QQmlEngine engine;
        QQmlComponent c(&engine);
        c.setData("import QtQuick\nimport PagesTest\nWindow { width: 400; height: 400; visible: true\n"
                  "  property alias pages: pages\n  property alias warning: warning\n"
                  "  Column { id: column; width: 400; spacing: 20\n"
                  "    Repeater { model: 6; Rectangle { width: 400; height: 100; color: \"#eeeeee\" } }\n"
                  "    Rectangle { id: warning; visible: false; width: 400; height: 100; color: \"red\" } }\n"
                  "  WholePages { id: pages; content: column; viewportHeight: 350; pagerHeight: 0 } }",
                  QUrl());
        std::unique_ptr<QObject> window(c.create());
        QVERIFY2(window, qPrintable(c.errorString()));
        auto *pages = window->property("pages").value<WholePages *>();
        QVERIFY(pages);
        QTRY_COMPARE(pages->pageCount(), 2); // 6 rows of 100, 3 whole ones to a page of 350
        QCOMPARE(pages->pageHeight(), 340.0);
        pages->next();
        QCOMPARE(pages->page(), 1);
        QCOMPARE(pages->pageTop(), 360.0);
        // A warning appears at the end: one more page, and the resident stays where they were.
        window->property("warning").value<QQuickItem *>()->setVisible(true);
        QTRY_COMPARE(pages->pageCount(), 3);
        QCOMPARE(pages->page(), 1);
        pages->next();
        QCOMPARE(pages->pageTop(), 720.0);
        QCOMPARE(pages->pageHeight(), 100.0);
        pages->next(); // past the end: stays on the last
        QCOMPARE(pages->page(), 2);
    }

    void liveTableIsContinuedWithItsHeading()
    {
        // A table block (repeatHeading: 40) of a 40 heading and 10 rows of 50 in a viewport of 300.
        QQmlEngine engine;
        QQmlComponent c(&engine);
        c.setData("import QtQuick\nimport PagesTest\nWindow { width: 400; height: 400; visible: true\n"
                  "  property alias pages: pages\n"
                  "  Column { id: column; width: 400\n"
                  "    Rectangle { width: 400; height: 100 }\n"
                  "    Column { width: 400; readonly property real repeatHeading: 40\n"
                  "      Rectangle { width: 400; height: 40; readonly property bool keepWithNext: true }\n"
                  "      Repeater { model: 10; Rectangle { width: 400; height: 50 } } } }\n"
                  "  WholePages { id: pages; content: column; viewportHeight: 300; pagerHeight: 0 } }",
                  QUrl());
        std::unique_ptr<QObject> window(c.create());
        QVERIFY2(window, qPrintable(c.errorString()));
        auto *pages = window->property("pages").value<WholePages *>();
        QVERIFY(pages);
        // 100 + 40 + 3 rows = 290 on page 1; then 5 rows (250) under the 40 heading, twice.
        QTRY_COMPARE(pages->pageCount(), 3);
        QCOMPARE(pages->continuedGroup(), -1);
        QCOMPARE(pages->continuedHeight(), 0.0);
        pages->next();
        QCOMPARE(pages->continuedGroup(), 0);
        QCOMPARE(pages->continuedHeight(), 40.0);
        QCOMPARE(pages->pageHeight(), 250.0);
        pages->next();
        QCOMPARE(pages->continuedGroup(), 0);
        QCOMPARE(pages->pageTop(), 540.0);
    }
};

QTEST_MAIN(TestPageBreaks)
#include "tst_pagebreaks.moc"
