// SPDX-License-Identifier: GPL-3.0-or-later
// Qt Quick Test entry: builds the real session over the test catalog before the QML tests run.
#include "kiosk/queue/queueservice.h"
#include "kiosk/session/clock.h"
#include "kiosk/session/session.h"
#include "kiosk/ui/localization.h"
#include "kiosk/ui/qmlregistration.h"
#include "services/catalog/catalogparser.h"
#include "services/catalog/catalogsearch.h"

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
        auto r = kiosk::catalog::loadCatalogFile(QStringLiteral(KIOSK_TEST_DATA_DIR "/catalog-small.json"));
        if (!r.catalog)
            qFatal("test catalog is invalid");
        m_catalog = std::move(*r.catalog);
        m_search.rebuild(m_catalog);
        m_session = std::make_unique<kiosk::Session>(m_config, &m_clock);
        m_session->setCatalog(&m_catalog, &m_search);
        kiosk::QmlSingletons::session = m_session.get();
        m_l10n = std::make_unique<kiosk::Localization>(m_session.get(), engine);
        engine->addImportPath(QStringLiteral("qrc:/"));
        // A real queue in a scratch state folder, with one request for a platform this terminal
        // does not know: the dispatcher dead-letters it, and the staff page has something to show.
        m_config.stateDir = m_stateDir.path();
        if (m_queue) { // one queue for all test files (qmlEngineAvailable runs once per file)
            kiosk::QmlSingletons::queue = m_queue.get();
            m_testClock = std::make_unique<TestClock>(&m_clock, m_session.get());
            return;
        }
        m_queue = std::make_unique<kiosk::QueueService>(m_config);
        if (!m_queue->start())
            qFatal("queue did not start");
        m_queue->enqueue(QStringLiteral("nowhere"), QStringLiteral("submission"), QStringLiteral("RS-0001"), QString(),
                         QByteArrayLiteral("{\"itemCode\":\"RS-0001\"}"));
        kiosk::QmlSingletons::queue = m_queue.get();
        m_testClock = std::make_unique<TestClock>(&m_clock, m_session.get());
        qmlRegisterSingletonInstance("KioskTest", 1, 0, "TestClock", m_testClock.get());
    }
    void cleanupTestCase()
    {
        m_l10n.reset();
        if (m_queue)
            m_queue->stop();
    }

private:
    kiosk::Config m_config;
    kiosk::ManualClock m_clock;
    kiosk::catalog::Catalog m_catalog;
    kiosk::catalog::CatalogSearch m_search;
    std::unique_ptr<kiosk::Session> m_session;
    std::unique_ptr<kiosk::Localization> m_l10n;
    std::unique_ptr<TestClock> m_testClock;
    QTemporaryDir m_stateDir;
    std::unique_ptr<kiosk::QueueService> m_queue;
};

QUICK_TEST_MAIN_WITH_SETUP(kiosk_qml, Setup)
#include "tst_qml.moc"
