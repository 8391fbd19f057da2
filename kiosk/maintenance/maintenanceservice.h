// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <thread>
#include <vector>

class QQmlEngine;
class QJSEngine;

namespace kiosk {

namespace devices {
class DeviceManager;
}
namespace platform {
struct PlatformEndpoint;
}
class FleetCommandHost;
class FleetService;

/**
 * The technician's maintenance menu (technician PIN; docs/maintenance.md): the device
 * self-tests, a test receipt and an A4 test page, the network and platform checks (the same
 * as `kioskctl platform check`), and a restart of the app. One task at a time, on a worker
 * thread (the checks wait for devices and servers; the screen never does); its result is a few
 * lines of plain words. The fleet commands' code does the work (FleetCommandHost), so what the
 * technician runs here is what the fleet console runs remotely.
 */
class MaintenanceService : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Maintenance)
    QML_SINGLETON
    Q_PROPERTY(bool busy READ busy NOTIFY changed)
    /** The task running or last run, in words ("Device self-tests"). */
    Q_PROPERTY(QString task READ task NOTIFY changed)
    Q_PROPERTY(bool hasResult READ hasResult NOTIFY changed)
    Q_PROPERTY(bool resultOk READ resultOk NOTIFY changed)
    Q_PROPERTY(QStringList resultLines READ resultLines NOTIFY changed)
    /** The lines, one per line. */
    Q_PROPERTY(QString resultText READ resultText NOTIFY changed)

public:
    using Endpoints = std::function<std::vector<platform::PlatformEndpoint>()>;
    MaintenanceService(FleetCommandHost *commands, FleetService *fleet, devices::DeviceManager *devices, QString terminalLabel,
                       Endpoints endpoints, QObject *parent = nullptr);
    ~MaintenanceService() override;

    [[nodiscard]] bool busy() const { return m_busy; }
    [[nodiscard]] QString task() const { return m_task; }
    [[nodiscard]] bool hasResult() const { return m_hasResult; }
    [[nodiscard]] bool resultOk() const { return m_ok; }
    [[nodiscard]] QStringList resultLines() const { return m_lines; }
    [[nodiscard]] QString resultText() const { return m_lines.join(QLatin1Char('\n')); }

    Q_INVOKABLE void runSelfTests();
    Q_INVOKABLE void printTestReceipt();
    Q_INVOKABLE void printTestPage();
    Q_INVOKABLE void checkNetwork();
    /** Ends the app with the restart exit code (systemd starts it again); a simulated terminal only logs it. */
    Q_INVOKABLE void restartApp();
    /** Forgets the last result (the page is left). */
    Q_INVOKABLE void clear();

    /** The one-page A4 test document (PDF). */
    [[nodiscard]] static QByteArray testPagePdf(const QString &terminalLabel);

    static void setQmlInstance(MaintenanceService *instance);
    static MaintenanceService *create(QQmlEngine *, QJSEngine *);

Q_SIGNALS:
    void changed();

private:
    struct Outcome {
        bool ok = false;
        QStringList lines;
    };
    /** A task starts (false while another runs): its name shown, the last result cleared. */
    bool begin(const QString &task);
    void run(const QString &task, std::function<Outcome()> work);
    void finish(const Outcome &outcome);

    FleetCommandHost *m_commands;
    FleetService *m_fleet;
    devices::DeviceManager *m_devices;
    QString m_terminalLabel;
    Endpoints m_endpoints;
    std::thread m_worker;
    bool m_busy = false;
    bool m_hasResult = false;
    bool m_ok = false;
    QString m_task;
    QStringList m_lines;
    int m_documentJob = 0;
};

} // namespace kiosk
