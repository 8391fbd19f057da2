// SPDX-License-Identifier: GPL-3.0-or-later
// The layout check on small scenes made for it: each rule finds its defect, and a clean scene
// passes. (The tour runs it over every screen and writes layout-report.tsv.)
#include "kiosk/ui/layoutcheck.h"

#include <QQmlComponent>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTest>

using namespace kiosk;

class TestLayoutCheck : public QObject
{
    Q_OBJECT

    QQmlEngine m_engine;

    std::vector<LayoutFinding> check(const QByteArray &qml, bool elder = false)
    {
        QQmlComponent c(&m_engine);
        c.setData("import QtQuick\nWindow { width: 400; height: 300; visible: true; color: \"white\"\n" + qml + "\n}", QUrl());
        std::unique_ptr<QObject> o(c.create());
        auto *window = qobject_cast<QQuickWindow *>(o.get());
        if (!window) {
            qWarning() << c.errorString();
            return {};
        }
        QTest::qWait(50);
        return checkLayout(window->contentItem(), window->grabWindow(), LayoutRules::forMode(elder));
    }
    static int count(const std::vector<LayoutFinding> &found, const char *rule)
    {
        return int(std::count_if(found.begin(), found.end(), [&](const LayoutFinding &f) { return f.rule == QLatin1String(rule); }));
    }

private Q_SLOTS:
    void contrastRatioIsWcags()
    {
        QCOMPARE(qRound(contrastRatio(qRgb(0, 0, 0), qRgb(255, 255, 255)) * 10), 210);
        QCOMPARE(contrastRatio(qRgb(120, 120, 120), qRgb(120, 120, 120)), 1.0);
        QVERIFY(contrastRatio(qRgb(0x76, 0x76, 0x76), qRgb(255, 255, 255)) >= 4.5); // #767676: the lightest grey that passes
    }

    void aCleanSceneHasNoFindings()
    {
        const auto found = check("Text { x: 10; y: 10; text: \"办事指南\"; font.pixelSize: 36; color: \"black\" }\n"
                                 "Rectangle { objectName: \"button\"; x: 10; y: 100; width: 120; height: 120; color: \"#0b5cad\"; signal clicked }",
                                 true);
        for (const auto &f : found)
            qWarning() << f.rule << f.path << f.detail;
        QVERIFY(found.empty());
    }

    void smallTextIsFound()
    {
        const auto found = check("Text { objectName: \"tiny\"; x: 10; y: 10; text: \"小字\"; font.pixelSize: 20; color: \"black\" }");
        QCOMPARE(count(found, "text-size"), 1);
        QVERIFY(found.front().path.endsWith(QLatin1String("tiny")));
        // 28 px is enough in normal mode, not in elder mode.
        QCOMPARE(count(check("Text { x: 10; y: 10; text: \"字\"; font.pixelSize: 28; color: \"black\" }"), "text-size"), 0);
        QCOMPARE(count(check("Text { x: 10; y: 10; text: \"字\"; font.pixelSize: 28; color: \"black\" }", true), "text-size"), 1);
    }

    void lowContrastIsFoundAgainstWhatIsDrawnBehind()
    {
        QCOMPARE(count(check("Text { x: 10; y: 10; text: \"浅灰色文字\"; font.pixelSize: 36; color: \"#aaaaaa\" }"), "contrast"), 1);
        // The same grey on black passes: the background is read from the pixels, not assumed.
        QCOMPARE(count(check("Rectangle { anchors.fill: parent; color: \"black\" }\n"
                             "Text { x: 10; y: 10; text: \"浅灰色文字\"; font.pixelSize: 36; color: \"#aaaaaa\" }"),
                       "contrast"),
                 0);
    }

    void elidedAndCutTextAreFound()
    {
        QCOMPARE(count(check("Text { x: 10; y: 10; width: 80; elide: Text.ElideRight; text: \"一段很长很长的说明文字\"; font.pixelSize: 30 }"), "elided"),
                 1);
        const auto cut = check("Item { x: 0; y: 0; width: 400; height: 100; clip: true\n"
                               "  Text { objectName: \"half\"; y: 80; text: \"被切掉一半\"; font.pixelSize: 36 } }");
        QCOMPARE(count(cut, "cut"), 1);
        // Wholly outside (on another page of a pager) is not cut.
        QCOMPARE(count(check("Item { width: 400; height: 100; clip: true\n"
                             "  Text { y: 200; text: \"下一页\"; font.pixelSize: 36 } }"),
                       "cut"),
                 0);
    }

    void smallTargetsAreFound()
    {
        const auto found = check("Rectangle { objectName: \"small\"; x: 10; y: 10; width: 90; height: 90; color: \"#eeeeee\"; signal clicked }", true);
        QCOMPARE(count(found, "target-size"), 1);
        QCOMPARE(count(check("Rectangle { x: 10; y: 10; width: 90; height: 90; color: \"#eeeeee\"; signal clicked }"), "target-size"), 0);
        // Hidden or disabled targets are not a resident's problem.
        QCOMPARE(count(check("Rectangle { visible: false; width: 20; height: 20; signal clicked }", true), "target-size"), 0);
        QCOMPARE(count(check("Rectangle { enabled: false; width: 20; height: 20; signal clicked }", true), "target-size"), 0);
    }

    void targetsTooCloseAreFound()
    {
        const char *two = "Rectangle { objectName: \"a\"; x: 10; y: 10; width: 120; height: 120; color: \"#0b5cad\"; signal clicked }\n"
                          "Rectangle { objectName: \"b\"; x: %1; y: 10; width: 120; height: 120; color: \"#0b5cad\"; signal clicked }";
        QCOMPARE(count(check(QByteArray(two).replace("%1", "140"), true), "target-gap"), 1); // 10 px apart
        QCOMPARE(count(check(QByteArray(two).replace("%1", "150"), true), "target-gap"), 0); // 20 px
        QCOMPARE(count(check(QByteArray(two).replace("%1", "143")), "target-gap"), 0); // 13 px is enough in normal mode
        // A button's own label is part of it, not a neighbour.
        QCOMPARE(count(check("Rectangle { x: 10; y: 10; width: 120; height: 120; color: \"#0b5cad\"; signal clicked\n"
                             "  Rectangle { x: 5; y: 5; width: 110; height: 110; color: \"white\"; signal clicked } }", true),
                       "target-gap"),
                 0);
    }

    void somethingDrawnOverTextIsFound()
    {
        // A bar painted over the end of a list: the row's text is under it.
        const auto found = check("Text { objectName: \"row\"; x: 10; y: 250; text: \"社会保险缴费证明打印\"; font.pixelSize: 30 }\n"
                                 "Rectangle { objectName: \"bar\"; y: 240; width: 400; height: 60; color: \"white\" }");
        QCOMPARE(count(found, "overlap"), 1);
        QVERIFY(found.front().path.endsWith(QLatin1String("row")));
        QVERIFY(found.front().detail.contains(QLatin1String("bar")));
        // Drawn behind (a card under its text) is not an overlap; nor is a transparent frame.
        QCOMPARE(count(check("Rectangle { y: 240; width: 400; height: 60; color: \"#eeeeee\" }\n"
                             "Text { x: 10; y: 250; text: \"在卡片上\"; font.pixelSize: 30 }"),
                       "overlap"),
                 0);
        QCOMPARE(count(check("Text { x: 10; y: 250; text: \"边框\"; font.pixelSize: 30 }\n"
                             "Rectangle { y: 240; width: 400; height: 60; color: \"transparent\"; border.width: 2 }"),
                       "overlap"),
                 0);
    }

    void onlyAModalOverlayIsLookedAtWhileItIsUp()
    {
        const QByteArray scene = "Text { x: 10; y: 10; text: \"小字\"; font.pixelSize: 12 }\n"
                                 "Rectangle { objectName: \"overlay\"; readonly property bool modalOverlay: %1; anchors.fill: parent; color: \"#eeffffff\"\n"
                                 "  Text { x: 10; y: 200; text: \"您还在办理吗？\"; font.pixelSize: 36 } }";
        const auto up = check(QByteArray(scene).replace("%1", "true"));
        QCOMPARE(count(up, "text-size"), 0);
        QCOMPARE(count(up, "overlap"), 0);
        // Not modal: the small text underneath is still looked at (and is covered).
        const auto notModal = check(QByteArray(scene).replace("%1", "false"));
        QCOMPARE(count(notModal, "text-size"), 1);
        QCOMPARE(count(notModal, "overlap"), 1);
    }

    void aPagesPrimaryActionMustBeInView()
    {
        const QByteArray page = "Item { objectName: \"reviewPage\"; anchors.fill: parent; readonly property Item primaryAction: submit\n"
                                "  Item { width: 400; height: 200; clip: true\n"
                                "    Rectangle { id: submit; objectName: \"submitButton\"; y: %1; width: 300; height: 90; color: \"#0b5cad\"; signal clicked } } }";
        QCOMPARE(count(check(QByteArray(page).replace("%1", "10")), "primary-action"), 0);
        const auto below = check(QByteArray(page).replace("%1", "250")); // on a later page: not in view
        QCOMPARE(count(below, "primary-action"), 1);
        QVERIFY(below.front().detail.contains(QLatin1String("submitButton")) || below.back().detail.contains(QLatin1String("submitButton")));
        QCOMPARE(count(check(QByteArray(page).replace("%1", "150")), "primary-action"), 1); // partly cut
    }

    void aPlaceholderIsLighterThanTypedText()
    {
        const QByteArray field = "Item { x: 10; y: 10; width: 300; height: 60\n"
                                 "  TextInput { width: 300; height: 60; font.pixelSize: 30; color: \"#1a1f29\" }\n"
                                 "  Text { objectName: \"placeholder\"; text: \"请输入\"; font.pixelSize: 30; color: \"%1\" } }";
        QCOMPARE(count(check(QByteArray(field).replace("%1", "#5f6b7a")), "placeholder"), 0); // the theme's hint colour
        QCOMPARE(count(check(QByteArray(field).replace("%1", "#2a2f39")), "placeholder"), 1); // nearly as dark as typed text
    }

    void theWayOutStaysWhileTyping()
    {
        const QByteArray keyboard = "Rectangle { objectName: \"keyboard\"; y: 200; width: 400; height: 100; color: \"#333333\" }\n";
        const QByteArray home = "Rectangle { objectName: \"homeButton\"; x: 10; y: 10; width: 90; height: 90; color: \"#0b5cad\"; signal clicked }\n";
        const QByteArray end = "Rectangle { objectName: \"endButton\"; x: 120; y: 10; width: 90; height: 90; color: \"#0b5cad\"; signal clicked }\n";
        QCOMPARE(count(check(keyboard + home + end), "way-out"), 0);
        QCOMPARE(count(check(keyboard + home), "way-out"), 1); // no end button
        // Covered by the keyboard is not a way out.
        QCOMPARE(count(check(home + QByteArray(end).replace("y: 10", "y: 210") + keyboard), "way-out"), 1);
        // No keyboard, no rule.
        QCOMPARE(count(check(home), "way-out"), 0);
    }
};

QTEST_MAIN(TestLayoutCheck)
#include "tst_layoutcheck.moc"
