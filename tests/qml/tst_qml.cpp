// SPDX-License-Identifier: GPL-3.0-or-later
// Qt Quick Test entry: the real application parts (KioskApp: session, queue with the in-process
// reference platform, simulated devices) over the test catalog, before the QML tests run.
#include "devices/devicemanager.h"
#include "kiosk/input/virtualkeyboard.h"
#include "kiosk/kioskapp.h"
#include "kiosk/queue/queueservice.h"
#include "kiosk/session/clock.h"
#include "kiosk/session/session.h"
#include "kiosk/ui/localization.h"

#include <QQmlEngine>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(KioskPlugin)

/** Lets a QML test move the session's clock: the idle timeout without waiting. */
class TestClock : public QObject
{
    Q_OBJECT
public:
    TestClock(kiosk::ManualClock *clock, kiosk::Session *session)
        : m_clock(clock)
        , m_session(session)
    {
    }
    Q_INVOKABLE void advance(int ms)
    {
        m_clock->advance(ms);
        m_session->poll();
    }

private:
    kiosk::ManualClock *m_clock;
    kiosk::Session *m_session;
};

class Setup : public QObject
{
    Q_OBJECT
public Q_SLOTS:
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(QStringLiteral("qrc:/"));
        if (!m_app) { // one application for all test files (this runs once per file)
            kiosk::Config config;
            config.catalogPath = QStringLiteral(KIOSK_TEST_DATA_DIR "/catalog-small.json");
            config.formsPath = QStringLiteral(KIOSK_TEST_DATA_DIR "/forms-small.json");
            config.stateDir = m_stateDir.path();
            config.simulate = true;
            auto clock = std::make_unique<kiosk::ManualClock>();
            m_clock = clock.get();
            m_app = std::make_unique<kiosk::KioskApp>(config, std::move(clock));
            kiosk::devices::DeviceManager::Options o = m_app->devices()->options();
            o.realisticSimulation = false;
            m_app->devices()->setOptions(o);
            m_app->loadCatalog();
            m_app->startQueue();
            m_app->startDevices();
            // A request for a platform this terminal does not know: the dispatcher dead-letters
            // it, and the staff page has something to show.
            m_app->queue()->enqueue(QStringLiteral("nowhere"), QStringLiteral("submission"), QStringLiteral("RS-0001"), QString(),
                                    QByteArrayLiteral("{\"itemCode\":\"RS-0001\"}"));
            m_testClock = std::make_unique<TestClock>(m_clock, m_app->session());
            qmlRegisterSingletonInstance("KioskTest", 1, 0, "TestClock", m_testClock.get());
        }
        m_app->exposeToQml();
        m_l10n = std::make_unique<kiosk::Localization>(m_app->session(), engine);
    }
    void cleanupTestCase()
    {
        m_l10n.reset();
    }

private:
    QTemporaryDir m_stateDir;
    kiosk::ManualClock *m_clock = nullptr;
    std::unique_ptr<kiosk::KioskApp> m_app;
    std::unique_ptr<kiosk::Localization> m_l10n;
    std::unique_ptr<TestClock> m_testClock;
};

int main(int argc, char **argv)
{
    kiosk::input::useVirtualKeyboard(); // the form pages type through the terminal's keyboard
    QTEST_SET_MAIN_SOURCE_PATH
    Setup setup;
    return quick_test_main_with_setup(argc, argv, "kiosk_qml", QUICK_TEST_SOURCE_DIR, &setup);
}
#include "tst_qml.moc"
