// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kiosk/config.h"

#include <QObject>
#include <QStringList>

#include <memory>

class QQmlApplicationEngine;
class QQuickWindow;

namespace kiosk {

namespace devices {
class DeviceManager;
}
namespace catalog {
class CatalogSearch;
class CatalogStore;
}
class ActivityFilter;
class FleetCommandHost;
class MaintenanceService;
class FleetService;
class Journey;
class Clock;
class Localization;
class QueryService;
class QueueComposition;
class QueueService;
namespace simulation {
class ReferencePlatform;
}
namespace fleet {
class BundleStore;
class Installer;
}
class Session;

/**
 * Builds the terminal from its configuration and wires the parts together: catalog store and
 * search index, the session, translations, and the QML engine with its window.
 *
 * Order of construction (and reverse order of destruction): catalog → session → engine/window.
 * Everything lives on the GUI thread.
 */
class KioskApp : public QObject
{
    Q_OBJECT
public:
    /** @p clock: the time source for timeouts; a SteadyClock when null. */
    explicit KioskApp(const Config &config, std::unique_ptr<Clock> clock = nullptr, QObject *parent = nullptr);
    ~KioskApp() override;

    /**
     * Loads the catalog (falling back as CatalogStore describes) and the forms (a broken forms
     * file falls back to the built-in forms) and gives them to the session and the journey.
     */
    void loadCatalog();

    /** Opens the request store and starts delivering to the platforms (in the background). */
    void startQueue();
    /** Finds the devices (or starts the simulators) and connects them to the session. */
    void startDevices();
    /** Joins the city's fleet (hawkBit) when enrolled, or the simulated one with --simulate. */
    void startFleet();

    /** Hands the session, queue and devices to QML (before any QML file loads). */
    void exposeToQml();

    /** Loads qrc:/Kiosk/Main.qml. Returns false, with the reasons in qmlWarnings(), on failure. */
    bool loadUi();

    Session *session() const { return m_session.get(); }
    QueueService *queue() const { return m_queue.get(); }
    /** The in-process reference platform of --simulate (null otherwise). */
    simulation::ReferencePlatform *simulatedPlatform() const;
    Journey *journey() const { return m_journey.get(); }
    FleetService *fleet() const { return m_fleet.get(); }
    MaintenanceService *maintenance() const { return m_maintenance.get(); }
    /** The signed bundles in force (catalog, forms … delivered by the fleet; docs/fleet.md). */
    fleet::BundleStore *bundles() const { return m_bundles.get(); }
    /** After the first frame: the bundles this start runs with are good (no rollback). */
    void confirmStarted();
    /** A bundle was put in force: the catalog, forms and staff PIN it brings are taken at once; a
     *  config or platforms bundle restarts the app once the fleet has the result (docs/fleet.md). */
    void reloadFromBundles();
    /** The fleet commands' host (and the restart after a config or platforms bundle). */
    FleetCommandHost *commandHost() const { return m_commands.get(); }
    devices::DeviceManager *devices() const { return m_devices.get(); }
    catalog::CatalogStore *catalogStore() const { return m_store.get(); }
    QQmlApplicationEngine *engine() const { return m_engine.get(); }
    QQuickWindow *window() const { return m_window; }
    const Config &config() const { return m_config; }
    /** Every QML warning and error the engine reported since loadUi(). */
    const QStringList &qmlWarnings() const { return m_qmlWarnings; }

private:
    /** The configuration in force at start (kiosk/fleet/bundlesinforce.h); sets m_confirmStart, m_restartBundles. */
    Config startWith();

    std::unique_ptr<fleet::BundleStore> m_bundles; ///< first: the configuration in force comes from it
    Config m_fileConfig; ///< as given (the config file, the command line): what the bundles go on top of
    bool m_confirmStart = true; ///< false: a bundle in force could not be used, this start is not confirmed
    QStringList m_restartBundles; ///< "config 3", "platforms 2": in force at start (another one needs a restart)
    Config m_config; ///< m_fileConfig with the bundles in force (startWith())
    std::unique_ptr<Clock> m_clock;
    std::unique_ptr<catalog::CatalogStore> m_store;
    std::unique_ptr<catalog::CatalogSearch> m_search;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<QueueService> m_queue;
    std::unique_ptr<QueueComposition> m_queueParts; ///< after m_queue->stop(): the simulated city
    std::unique_ptr<devices::DeviceManager> m_devices;
    std::unique_ptr<QueryService> m_queries; ///< before the journey, which asks through it
    std::unique_ptr<Journey> m_journey;
    std::unique_ptr<fleet::Installer> m_installer; ///< before the fleet, which applies through it
    std::unique_ptr<FleetService> m_fleet;
    std::unique_ptr<FleetCommandHost> m_commands; ///< the fleet commands on the parts above (stopped before the fleet)
    std::unique_ptr<MaintenanceService> m_maintenance; ///< the technician's menu (on m_commands)
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    std::unique_ptr<Localization> m_localization;
    std::unique_ptr<ActivityFilter> m_activity;
    QQuickWindow *m_window = nullptr;
    QStringList m_qmlWarnings;
};

} // namespace kiosk
