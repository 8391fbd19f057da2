// SPDX-License-Identifier: GPL-3.0-or-later
// Qt Quick Test entry: builds the real session over the test catalog before the QML tests run.
#include "kiosk/session/clock.h"
#include "kiosk/session/session.h"
#include "kiosk/ui/localization.h"
#include "kiosk/ui/qmlregistration.h"
#include "services/catalog/catalogparser.h"
#include "services/catalog/catalogsearch.h"

#include <QQmlEngine>
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
        m_testClock = std::make_unique<TestClock>(&m_clock, m_session.get());
        qmlRegisterSingletonInstance("KioskTest", 1, 0, "TestClock", m_testClock.get());
    }
    void cleanupTestCase() { m_l10n.reset(); }

private:
    kiosk::Config m_config;
    kiosk::ManualClock m_clock;
    kiosk::catalog::Catalog m_catalog;
    kiosk::catalog::CatalogSearch m_search;
    std::unique_ptr<kiosk::Session> m_session;
    std::unique_ptr<kiosk::Localization> m_l10n;
    std::unique_ptr<TestClock> m_testClock;
};

QUICK_TEST_MAIN_WITH_SETUP(kiosk_qml, Setup)
#include "tst_qml.moc"
