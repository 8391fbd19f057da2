// SPDX-License-Identifier: GPL-3.0-or-later
// Qt Quick Test entry: the real application parts (KioskApp: session, queue with the in-process
// reference platform, simulated devices) over the test catalog, before the QML tests run.
#include "devices/devicemanager.h"
#include "kiosk/input/virtualkeyboard.h"
#include "kiosk/kioskapp.h"
#include "kiosk/queue/queueservice.h"
#include "services/simulation/referenceplatform.h"
#include "kiosk/session/clock.h"
#include "kiosk/session/session.h"
#include "kiosk/ui/localization.h"
#include "kiosk/ui/qrimageprovider.h"
#include "kiosk/ui/documentpreviewprovider.h"
#include "kiosk/journey/journey.h"
#include "kiosk/query/recordquery.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QQmlEngine>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(KioskPlugin)
Q_IMPORT_QML_PLUGIN(Kiosk_DevicesPlugin)

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

/**
 * The simulated city platform (a real HTTPS server on 127.0.0.1), as the tests look at it: what
 * it received, and the department moving a request along.
 */
class TestPlatform : public QObject
{
    Q_OBJECT
public:
    explicit TestPlatform(kiosk::KioskApp *app)
        : m_app(app)
    {
    }
    /** Requests of @p kind the platform took in (each idempotency key once). */
    Q_INVOKABLE int count(const QString &kind) const
    {
        int n = 0;
        for (const auto &e : platform()->effects())
            n += e.kind == kind.toStdString();
        return n;
    }
    /** Requests of @p kind whose JSON body has @p field (a dotted path: "fields.phone") equal to
     *  @p value: a test's own requests, told apart from earlier tests' that may still be arriving
     *  from the queue. */
    Q_INVOKABLE int countWith(const QString &kind, const QString &field, const QString &value) const
    {
        int n = 0;
        for (const auto &e : platform()->effects()) {
            if (e.kind != kind.toStdString())
                continue;
            QJsonValue v = QJsonDocument::fromJson(QByteArray::fromStdString(e.body)).object();
            for (const QString &part : field.split(u'.'))
                v = v.toObject().value(part);
            n += v.toString() == value;
        }
        return n;
    }
    /** The last request of @p kind: its JSON body, plus trackingNumber and key (deliveries per key). */
    Q_INVOKABLE QVariantMap last(const QString &kind) const
    {
        const auto effects = platform()->effects();
        for (auto it = effects.rbegin(); it != effects.rend(); ++it) {
            if (it->kind != kind.toStdString())
                continue;
            QVariantMap m = QJsonDocument::fromJson(QByteArray::fromStdString(it->body)).object().toVariantMap();
            m.insert(QStringLiteral("_trackingNumber"), QString::fromStdString(it->trackingNumber));
            m.insert(QStringLiteral("_deliveries"), platform()->deliveries(it->idempotencyKey));
            return m;
        }
        return {};
    }
    Q_INVOKABLE bool setStatus(const QString &tracking, const QString &status, const QString &message)
    {
        return platform()->setStatus(tracking.toStdString(), status.toStdString(), message.toStdString());
    }
    /** Queries and certificate requests that carried no ID number. */
    Q_INVOKABLE int queriesWithoutIdentity() const { return platform()->queriesWithoutIdentity(); }
    /** Slow: the next requests wait @p ms before they are answered (0: no longer). */
    Q_INVOKABLE void setSlow(int ms)
    {
        platform()->clearFaults();
        if (ms > 0)
            platform()->injectFault(kiosk::simulation::ReferencePlatform::Fault::Latency, 20, ms);
    }
    /** Down: every request meets a 503 until up again. */
    Q_INVOKABLE void setDown(bool down)
    {
        platform()->clearFaults();
        if (down)
            platform()->injectFault(kiosk::simulation::ReferencePlatform::Fault::ServerError, 100000);
    }

private:
    kiosk::simulation::ReferencePlatform *platform() const
    {
        Q_ASSERT(m_app->simulatedPlatform());
        return m_app->simulatedPlatform();
    }
    kiosk::KioskApp *m_app;
};

class Setup : public QObject
{
    Q_OBJECT
public Q_SLOTS:
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(QStringLiteral("qrc:/"));
        engine->addImportPath(kiosk::input::keyboardImportPath());
        if (!m_app) { // one application for all test files (this runs once per file)
            kiosk::Config config;
            config.catalogPath = QStringLiteral(KIOSK_TEST_DATA_DIR "/catalog-small.json");
            config.formsPath = QStringLiteral(KIOSK_TEST_DATA_DIR "/forms-small.json");
            config.stateDir = m_stateDir.path();
            config.simulate = true;
            config.useDemoStaffPinIfUnset(); // the staff tests type the demo PIN
            auto clock = std::make_unique<kiosk::ManualClock>();
            m_clock = clock.get();
            m_app = std::make_unique<kiosk::KioskApp>(config, std::move(clock));
            kiosk::devices::DeviceManager::Options o = m_app->devices()->options();
            o.realisticSimulation = false;
            m_app->devices()->setOptions(o);
            m_app->loadCatalog();
            m_app->startQueue();
            m_app->startDevices();
            m_app->startFleet();
            // A request for a platform this terminal does not know: the dispatcher dead-letters
            // it, and the staff page has something to show.
            m_app->queue()->enqueue({QStringLiteral("nowhere"), QStringLiteral("submission"), QStringLiteral("RS-0001"), QString(),
                                     QByteArrayLiteral("{\"itemCode\":\"RS-0001\"}")});
            m_testClock = std::make_unique<TestClock>(m_clock, m_app->session());
            qmlRegisterSingletonInstance("KioskTest", 1, 0, "TestClock", m_testClock.get());
            m_testPlatform = std::make_unique<TestPlatform>(m_app.get());
            qmlRegisterSingletonInstance("KioskTest", 1, 0, "TestPlatform", m_testPlatform.get());
        }
        m_app->exposeToQml();
        engine->addImageProvider(QStringLiteral("qr"), new kiosk::QrImageProvider);
        engine->addImageProvider(QStringLiteral("document"), new kiosk::DocumentPreviewProvider([app = m_app.get()] { return app->journey()->query()->document(); }));
        m_l10n = std::make_unique<kiosk::Localization>(m_app->session(), engine);
    }
    void cleanupTestCase()
    {
        // After the last test file, while the application object and its event loop still exist:
        // the kiosk stops its threads and devices as it does at exit (destroyed after main's
        // QGuiApplication, its device and queue threads could not hand their objects back).
        m_l10n.reset();
        m_testPlatform.reset();
        m_testClock.reset();
        m_app.reset();
    }

private:
    QTemporaryDir m_stateDir;
    kiosk::ManualClock *m_clock = nullptr;
    std::unique_ptr<kiosk::KioskApp> m_app;
    std::unique_ptr<kiosk::Localization> m_l10n;
    std::unique_ptr<TestClock> m_testClock;
    std::unique_ptr<TestPlatform> m_testPlatform;
};

int main(int argc, char **argv)
{
    kiosk::input::useVirtualKeyboard(); // the form pages type through the terminal's keyboard
    QTEST_SET_MAIN_SOURCE_PATH
    Setup setup;
    return quick_test_main_with_setup(argc, argv, "kiosk_qml", QUICK_TEST_SOURCE_DIR, &setup);
}
#include "tst_qml.moc"
