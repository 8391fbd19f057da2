// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kiosk/config.h"
#include "services/fleet/commands.h"
#include "services/fleet/diagnostics.h"

#include <QObject>
#include <QTimer>

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>

namespace kiosk {

namespace devices {
class DeviceManager;
}
class FleetService;
class QueueService;

/**
 * The fleet commands on the terminal's real parts (docs/fleet.md, "Commands"): the device
 * manager's status of each device after asking each driver to query its device, a test slip on
 * the receipt printer, the platforms asked again for the progress of open requests, the
 * diagnostics upload, the local maintenance window (kept by FleetService), the restart.
 *
 * Threads: lives on the GUI thread; CommandRunner calls it on the fleet client's thread. Each
 * call that touches the GUI's objects is queued to the GUI thread and waited for through a
 * promise, at most callTimeout, and never past stop(): KioskApp calls stop() before it stops
 * the fleet client, whose stop() joins the client's thread from the GUI thread — a call in
 * flight then returns "the terminal is shutting down" instead of waiting for a GUI thread that
 * is busy joining (no BlockingQueuedConnection, so no deadlock). Waiting for a device (the
 * printer's answer, the drivers' queries) happens on the client's thread, never on the GUI's.
 */
class FleetCommandHost : public QObject, public fleet::commands::CommandHost
{
    Q_OBJECT

public:
    FleetCommandHost(const Config &config, devices::DeviceManager *devices, QueueService *queue, FleetService *fleet, QObject *parent = nullptr);
    ~FleetCommandHost() override;

    /** From now on every call returns at once with a failure (GUI thread, before the client stops). */
    void stop();

    fleet::commands::Result selfTest() override;
    fleet::commands::Result printTestReceipt() override;
    fleet::commands::Result refetchProgress() override;
    fleet::commands::Result uploadDiagnostics(const QString &url, int logLines) override;
    fleet::commands::Result setMaintenanceWindow(const std::optional<fleet::commands::Window> &window) override;
    fleet::commands::Result restartApp() override;

    /** Tests: how long a call waits for the GUI thread, and a device's answer. */
    std::chrono::milliseconds callTimeout{20000};
    std::chrono::milliseconds printTimeout{20000};
    std::chrono::milliseconds deviceQueryTime{1500};
    /** The exit code restart-app ends the app with (the appliance's unit restarts on it). */
    static constexpr int kRestartExitCode = 75;

    /**
     * The app ends with kRestartExitCode once the fleet client has closed the action in hand (at
     * least 2 s, at most 60 s after @p since); --simulate only logs it. GUI thread. @p why: the
     * log's words ("restart-app (fleet command)", "config 3 in force").
     */
    void restartWhenReported(std::chrono::steady_clock::time_point since, const QString &why);
    /** Whether a restart was asked for in this run (tests: a simulated terminal never exits). */
    [[nodiscard]] bool restartRequested() const { return !m_restartWhy.isEmpty(); }

private:
    /** Runs @p f on the GUI thread and waits for it (bounded; stop() ends the wait). */
    std::optional<fleet::commands::Result> onGui(std::function<fleet::commands::Result()> f);

    Config m_config;
    devices::DeviceManager *m_devices;
    QueueService *m_queue;
    FleetService *m_fleet;
    std::atomic<bool> m_stopping{false};
    QTimer m_restartTimer;
    std::chrono::steady_clock::time_point m_restartSince;
    QString m_restartWhy;
};

} // namespace kiosk
