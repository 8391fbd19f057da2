// SPDX-License-Identifier: GPL-3.0-or-later
// The staff devices page as the real terminal builds it: the developer panel (开发调试面板),
// which plays the resident's and the hardware's part, exists only under --simulate — without it
// not one of its items is created, and there is no simulator behind it either.
#include "devices/devicemanager.h"
#include "kiosk/kioskapp.h"
#include "kiosk/session/clock.h"
#include "kiosk/session/session.h"
#include "kiosk/session/staffpin.h"

#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(KioskPlugin)
Q_IMPORT_QML_PLUGIN(Kiosk_DevicesPlugin)

using namespace kiosk;

namespace {

/** Every item named @p name under @p item, visible or not. */
int countNamed(QQuickItem *item, const QString &name)
{
    if (!item)
        return 0;
    int n = item->objectName() == name ? 1 : 0;
    for (QQuickItem *child : item->childItems())
        n += countNamed(child, name);
    return n;
}

} // namespace

class TestDevicesPage : public QObject
{
    Q_OBJECT

    /** The composition root as main() builds it, the staff devices page open. */
    static std::unique_ptr<KioskApp> openDevicesPage(bool simulate, const QString &stateDir)
    {
        Config config;
        config.stateDir = stateDir;
        config.simulate = simulate;
        config.staffPinHash = staffpin::demoHash(); // a PIN set up, as on a real terminal
        auto app = std::make_unique<KioskApp>(config, std::make_unique<ManualClock>());
        app->loadCatalog();
        if (!app->loadUi()) {
            qWarning() << app->qmlWarnings();
            return nullptr;
        }
        Session *s = app->session();
        s->start();
        if (!s->unlockStaff(staffpin::demoPin()))
            return nullptr;
        s->openStaffDevices();
        return app;
    }

private Q_SLOTS:
    void noDeveloperPanelWithoutSimulate()
    {
        QTemporaryDir state;
        auto app = openDevicesPage(false, state.path());
        QVERIFY(app);
        QCOMPARE(app->session()->screen(), Session::Screen::StaffDevices);
        QQuickItem *root = app->window()->contentItem();
        QTRY_COMPARE(countNamed(root, QStringLiteral("staffDevicesPage")), 1);
        QTRY_COMPARE(countNamed(root, QStringLiteral("device_printer")), 1);
        QTest::qWait(100); // give a Loader every chance to build what it would build
        QCOMPARE(countNamed(root, QStringLiteral("developerPanel")), 0);
        QCOMPARE(countNamed(root, QStringLiteral("insertCard_0")), 0);
        QCOMPARE(countNamed(root, QStringLiteral("paperOut")), 0);
        QVERIFY(!app->devices()->isSimulated());
        QVERIFY(!app->devices()->simulator());
        QVERIFY2(app->qmlWarnings().isEmpty(), qPrintable(app->qmlWarnings().join(QLatin1Char('\n'))));
    }

    void developerPanelWithSimulate()
    {
        // The same page under --simulate: the panel is there (so the test above can see one).
        QTemporaryDir state;
        auto app = openDevicesPage(true, state.path());
        QVERIFY(app);
        QQuickItem *root = app->window()->contentItem();
        QTRY_COMPARE(countNamed(root, QStringLiteral("developerPanel")), 1);
        QVERIFY(countNamed(root, QStringLiteral("insertCard_0")) == 1);
        QVERIFY(app->devices()->simulator());
    }
};

QTEST_MAIN(TestDevicesPage)
#include "tst_devicespage.moc"
