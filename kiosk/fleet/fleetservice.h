// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kiosk/config.h"
#include "services/fleet/commands.h"
#include "services/fleet/enrolment.h"

#include <QObject>
#include <QString>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

#include <atomic>
#include <filesystem>
#include <memory>
#include <thread>

namespace kiosk {

namespace devices {
class DeviceManager;
}
namespace fleet {
class BundleStore;
class DdiClient;
class Installer;
}
namespace simulation {
class DdiServer;
}
class QueueService;
class Session;

/**
 * The terminal in its city's fleet (Eclipse hawkBit; docs/fleet.md): runs the DDI client on its
 * own thread when the terminal is enrolled, keeps the attributes it reports up to date (model,
 * versions, each device's status, paper, the queue, disk, uptime — nothing personal), lets it
 * apply a deployment only on the attract screen, and shows the technician where it stands on
 * the maintenance page. Lives on the GUI thread.
 */
class FleetService : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Fleet)
    QML_SINGLETON
    Q_PROPERTY(bool enrolled READ enrolled NOTIFY statusChanged)
    Q_PROPERTY(QString controllerId READ controllerId NOTIFY statusChanged)
    Q_PROPERTY(QString server READ server NOTIFY statusChanged)
    /** What the client is doing, in words ("polled 20:15, next 20:20" …). */
    Q_PROPERTY(QString pollText READ pollText NOTIFY statusChanged)
    Q_PROPERTY(bool pollFailing READ pollFailing NOTIFY statusChanged)
    Q_PROPERTY(QString actionText READ actionText NOTIFY statusChanged)
    Q_PROPERTY(QString lastActionText READ lastActionText NOTIFY statusChanged)
    /** What a technician scans to enrol this terminal (its id), also shown as text. */
    Q_PROPERTY(QString enrolmentCode READ enrolmentCode NOTIFY statusChanged)
    /** How the terminal is enrolled, in words ("enrolled with fleet.example by QR code, 12-01 10:00"). */
    Q_PROPERTY(QString enrolmentText READ enrolmentText NOTIFY statusChanged)
    /** An enrolment is being checked (fetched, probed): the page waits. */
    Q_PROPERTY(bool enrolling READ enrolling NOTIFY statusChanged)
    /** What the last enrolment attempt came to (empty: none in this run). */
    Q_PROPERTY(QString enrolmentResult READ enrolmentResult NOTIFY statusChanged)
    Q_PROPERTY(bool enrolmentFailed READ enrolmentFailed NOTIFY statusChanged)
    /** The one-time code as typed on the maintenance page's keypad, in groups of four. */
    Q_PROPERTY(QString codeEntry READ codeEntry NOTIFY statusChanged)
    /** A one-time code can be typed (an enrolment host is configured). */
    Q_PROPERTY(bool canEnrolByCode READ canEnrolByCode NOTIFY statusChanged)

public:
    FleetService(const Config &config, Session *session, devices::DeviceManager *devices, QueueService *queue, QObject *parent = nullptr);
    ~FleetService() override;

    /** Starts polling when enrolled (the token read from its credential or file). */
    void start();
    void stop();
    /** What the deployments are applied with (null: deployments are refused with a reason). */
    void setInstaller(fleet::Installer *installer);
    void setVersions(const QString &catalogVersion, const QString &formsVersion);
    /** How the previous run ended (kiosk/fleet/runrecord.h), reported as lastRestartReason. */
    void setLastRestartReason(const QString &reason) { m_lastRestartReason = reason; }

    [[nodiscard]] bool enrolled() const { return m_config.fleet.enrolled(); }
    // (With --simulate and no server configured, start() enrols with the simulated one.)
    [[nodiscard]] QString controllerId() const;
    [[nodiscard]] QString server() const { return m_config.fleet.server; }
    [[nodiscard]] QString pollText() const { return m_pollText; }
    [[nodiscard]] bool pollFailing() const { return m_pollFailing; }
    [[nodiscard]] QString actionText() const { return m_actionText; }
    [[nodiscard]] QString lastActionText() const { return m_lastActionText; }
    [[nodiscard]] QString enrolmentCode() const;
    [[nodiscard]] QString enrolmentText() const;
    [[nodiscard]] bool enrolling() const { return m_enrolling; }
    [[nodiscard]] QString enrolmentResult() const { return m_enrolmentResult; }
    [[nodiscard]] bool enrolmentFailed() const { return m_enrolmentFailed; }
    [[nodiscard]] bool canEnrolByCode() const { return !m_config.fleet.enrolmentUrl.isEmpty(); }

    /**
     * Enrolment on site (services/fleet/enrolment.h): a one-time code typed on the maintenance
     * page (fetched from the enrolment host and checked against the code), a QR code scanned
     * there, or the enrolment file beside the configuration at first boot (start()). Each is
     * checked, the fleet server probed with it (a refused token or an untrusted certificate
     * keeps the previous settings; an unreachable server is saved and tried on), stored, and the
     * client restarted with it. The result is in enrolmentResult. GUI thread; the network on a
     * worker thread.
     */
    Q_INVOKABLE void enrolWithCode(const QString &typed);
    /** The keypad: one character, the last one off, all off, and OK (enrolWithCode with what was
     *  typed; kept for correction when refused, emptied when enrolled). */
    Q_INVOKABLE void typeCode(const QString &character);
    Q_INVOKABLE void eraseCode();
    Q_INVOKABLE void clearCode();
    Q_INVOKABLE void submitCode();
    [[nodiscard]] QString codeEntry() const;
    void enrolWithQrText(const QString &text);
    /** The bundle store whose operator keys an enrolment sets (KioskApp). */
    void setBundleStore(fleet::BundleStore *store) { m_bundles = store; }
    /** With --simulate only: forgets the demo terminal's enrolment (the tour's "new terminal"). */
    void resetSimulatedEnrolment();
    /** With --simulate: a one-time code the simulated enrolment host answers (the tour, tests). */
    Q_INVOKABLE QString simulatedEnrolmentCode();
    /** @p config with the enrolment stored in its state folder in force (server, CA, token, keys). */
    [[nodiscard]] static Config withStoredEnrolment(Config config);

    /** The maintenance page: refresh what it shows (it asks while it is open), poll now. */
    Q_INVOKABLE void refresh();
    Q_INVOKABLE void pollNow();

    /** The attributes as they would be sent now (tests, kioskctl). */
    [[nodiscard]] std::map<QString, QString> attributes() const;
    /** What a diagnostics upload reports: the attributes and the client's status (nothing personal). */
    [[nodiscard]] std::map<QString, QString> diagnosticsReport() const;
    /** The fleet settings in force (with --simulate: the simulated server's CA). */
    [[nodiscard]] const FleetConfig &fleetConfig() const { return m_config.fleet; }

    /**
     * The local maintenance window (a fleet command sets it): deployments are applied only
     * inside it, on the attract screen — on top of the server's own maintenanceWindow. Kept in
     * `<state>/fleet/maintenance-window.json` (0600). nullopt: none (applied whenever idle).
     * Returns empty, or why it could not be stored (then nothing changed).
     */
    QString setLocalWindow(const std::optional<fleet::commands::Window> &window);
    [[nodiscard]] std::optional<fleet::commands::Window> localWindow() const;
    /** `--simulate` without a fleet server: the in-process one this terminal is enrolled with (null otherwise). */
    [[nodiscard]] simulation::DdiServer *simulatedServer() const { return m_simulated.get(); }
    [[nodiscard]] fleet::DdiClient *client() const { return m_client.get(); }

    static void setQmlInstance(FleetService *instance);
    static FleetService *create(QQmlEngine *, QJSEngine *);

Q_SIGNALS:
    void statusChanged();

private:
    void updateAttributes();
    void takeEnrolment(const QByteArray &file, const QString &source);
    void finishEnrolment(const QByteArray &file, const QString &source, const fleet::enrolment::Probe &probe);
    void enrolmentFailedWith(const QString &why);
    /** Re-reads the enrolment in force (after an enrolment, a reset); the words are made when asked. */
    void updateEnrolmentText();
    /** No server any more: the texts say so (stop() of a demo terminal, resetSimulatedEnrolment()). */
    void showNotEnrolled();
    void applyStoredEnrolment();
    void joinWorker();
    bool startSimulatedServer();
    void enrolWithSimulatedServer();
    [[nodiscard]] QString windowFile() const;

    Config m_config;
    Session *m_session;
    devices::DeviceManager *m_devices;
    QueueService *m_queue;
    fleet::Installer *m_installer = nullptr;
    std::unique_ptr<simulation::DdiServer> m_simulated; ///< before the client: destroyed after it
    QString m_simulatedToken;
    std::unique_ptr<fleet::DdiClient> m_client;
    std::shared_ptr<std::atomic<bool>> m_idle;
    /** The local window for the client's thread: start × 1440 + end minutes, −1 none. */
    std::shared_ptr<std::atomic<int>> m_window;
    QString m_catalogVersion, m_formsVersion;
    QString m_lastRestartReason = QStringLiteral("unknown");
    qint64 m_startedMs = 0;
    QTimer m_attributesTimer;
    QTimer m_windowTimer; ///< once a minute while a local window is set: its opening lets a waiting deployment go on
    bool m_windowWasOpen = false;
    QString m_pollText, m_actionText, m_lastActionText;
    bool m_pollFailing = false;
    fleet::BundleStore *m_bundles = nullptr;
    std::unique_ptr<fleet::enrolment::EnrolmentStore> m_enrolments;
    std::filesystem::path m_enrolmentRoot;
    bool m_simulatedFleet = false; ///< --simulate with nothing said about the fleet: the in-process server
    std::thread m_worker; ///< an enrolment's fetch and probe
    bool m_enrolling = false;
    bool m_enrolmentFailed = false;
    std::optional<fleet::enrolment::EnrolmentStore::Stored> m_stored; ///< the enrolment in force, as last read
    QString m_enrolmentResult;
    QString m_codeEntry; ///< without dashes
};

} // namespace kiosk
