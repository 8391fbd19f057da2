// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/fleet/commandhost.h"
#include "kiosk/fleet/runrecord.h"

#include "devices/devicemanager.h"
#include "kiosk/fleet/fleetservice.h"
#include "kiosk/queue/queueservice.h"
#include "services/fleet/ddiclient.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLoggingCategory>
#include <QPointer>
#include <QThread>

#include <future>
#include <memory>
#include <thread>

Q_DECLARE_LOGGING_CATEGORY(lcFleet)

namespace kiosk {

using fleet::commands::Result;

namespace {

const Result kShuttingDown{false, {QStringLiteral("the terminal is shutting down: not done")}};

Result timedOut(const QString &what)
{
    return {false, {QStringLiteral("%1 did not answer in time").arg(what)}};
}

/** Waits for @p future, at most @p timeout and only while @p stopping is false. */
template<typename T>
std::optional<T> waitFor(std::future<T> &future, std::chrono::milliseconds timeout, const std::atomic<bool> &stopping)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (future.wait_for(std::chrono::milliseconds(50)) != std::future_status::ready) {
        if (stopping.load() || std::chrono::steady_clock::now() >= deadline)
            return std::nullopt;
    }
    try {
        return future.get();
    } catch (const std::future_error &) { // the GUI's side went away (shutdown) without answering
        return std::nullopt;
    }
}

QString statusWords(const devices::DeviceRow &row)
{
    if (!row.present)
        return QStringLiteral("not found");
    QString s = devices::statusName(row.status);
    if (row.error != devices::DeviceError::None)
        s += QStringLiteral(" (%1)").arg(devices::errorName(row.error));
    if (!row.message.isEmpty() && row.status != devices::DeviceStatus::Normal)
        s += QStringLiteral(": ") + row.message.left(120);
    return s;
}

template<typename T>
std::optional<T> callOn(QObject *context, const std::function<T()> &f, std::chrono::milliseconds timeout, const std::atomic<bool> &stopping)
{
    if (stopping.load())
        return std::nullopt;
    if (QThread::currentThread() == context->thread())
        return f();
    auto promise = std::make_shared<std::promise<T>>();
    auto future = promise->get_future();
    // Queued, not blocking: if the GUI thread is joining the client's thread, the wait below
    // ends on stop() and the queued call is dropped with the host (or runs harmlessly later).
    QMetaObject::invokeMethod(
        context,
        [promise, f] {
            promise->set_value(f());
        },
        Qt::QueuedConnection);
    return waitFor(future, timeout, stopping);
}

} // namespace

FleetCommandHost::FleetCommandHost(const Config &config, devices::DeviceManager *devices, QueueService *queue, FleetService *fleet, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_devices(devices)
    , m_queue(queue)
    , m_fleet(fleet)
{
    m_restartTimer.setInterval(500);
    // The client closes the action (journal first, then the server) after the runner returns:
    // the restart waits until it has (no action in hand), at least 2 s, at most 60 s. Should the
    // closing feedback not get through, the journal sends it after the restart; the action is
    // closed there, so its commands are never run again.
    connect(&m_restartTimer, &QTimer::timeout, this, [this] {
        const auto waited = std::chrono::steady_clock::now() - m_restartSince;
        const bool reported = !m_fleet->client() || m_fleet->client()->status().actionId == 0;
        if (m_stopping || waited < std::chrono::seconds(2) || (!reported && waited < std::chrono::seconds(60)))
            return;
        m_restartTimer.stop();
        if (m_config.simulate) {
            qCInfo(lcFleet).noquote() << m_restartWhy + QStringLiteral(": a simulated terminal is not restarted");
            return;
        }
        qCWarning(lcFleet).noquote() << m_restartWhy + QStringLiteral(": the app ends with") << kRestartExitCode << "to be started again";
        runrecord::setReason(m_restartWhy); // the next start tells the fleet why
        QCoreApplication::exit(kRestartExitCode);
    });
}

FleetCommandHost::~FleetCommandHost()
{
    stop();
}

void FleetCommandHost::stop()
{
    m_stopping = true;
    m_restartTimer.stop();
}

std::optional<Result> FleetCommandHost::onGui(std::function<Result()> f)
{
    return callOn<Result>(this, f, callTimeout, m_stopping);
}

Result FleetCommandHost::selfTest()
{
    const std::pair<devices::DeviceKind, bool> kinds[] = {
        {devices::DeviceKind::IdCardReader, m_config.devices.isEmpty() || m_config.devices.contains(QStringLiteral("idcard"))},
        {devices::DeviceKind::ReceiptPrinter, m_config.devices.isEmpty() || m_config.devices.contains(QStringLiteral("printer"))},
        {devices::DeviceKind::CodeScanner, m_config.devices.isEmpty() || m_config.devices.contains(QStringLiteral("scanner"))},
        {devices::DeviceKind::A4Printer, false}, // reported, but a terminal may have none
    };
    // 1. Each driver queries its device now (DeviceManager has no self-test of its own: the
    //    drivers' status queries are what it has); 2. the answers are given a moment, on this
    //    thread; 3. the statuses are read.
    if (!onGui([this, kinds] {
            for (const auto &[kind, fitted] : kinds)
                m_devices->refresh(kind);
            return Result{true, {}};
        }))
        return m_stopping ? kShuttingDown : timedOut(QStringLiteral("the app"));
    const auto until = std::chrono::steady_clock::now() + deviceQueryTime;
    while (std::chrono::steady_clock::now() < until && !m_stopping)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const auto r = onGui([this, kinds] {
        Result out{true, {}};
        if (!m_devices->isRunning()) {
            out.ok = false;
            out.lines << QStringLiteral("the device layer is not running");
            return out;
        }
        for (const auto &[kind, fitted] : kinds) {
            const devices::DeviceRow &row = m_devices->devices()->inService(kind);
            if (!fitted && !row.present)
                continue;
            out.lines << QStringLiteral("%1: %2").arg(devices::deviceKindName(kind), statusWords(row));
            if (fitted && (!row.present || row.status == devices::DeviceStatus::Fault || row.status == devices::DeviceStatus::Unknown))
                out.ok = false;
            if (!fitted && row.status == devices::DeviceStatus::Fault)
                out.ok = false;
        }
        return out;
    });
    return r ? *r : (m_stopping ? kShuttingDown : timedOut(QStringLiteral("the app")));
}

Result FleetCommandHost::printTestReceipt()
{
    // The printer's answer arrives on the GUI thread; it is waited for here, on the client's.
    auto answer = std::make_shared<std::promise<Result>>();
    auto future = answer->get_future();
    auto guard = std::make_shared<QPointer<QObject>>();
    const auto started = onGui([this, answer, guard] {
        devices::printer::ReceiptData slip;
        slip.title = QStringLiteral("测试页 TEST");
        slip.terminalName = QStringLiteral("%1 %2").arg(m_config.centerName, m_config.terminalId).trimmed();
        slip.itemName = QStringLiteral("打印测试 / printer test (fleet command)");
        slip.time = QDateTime::currentDateTime();
        slip.trackingNumber = QStringLiteral("TEST-%1").arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMddHHmmss")));
        slip.qrPayload = QStringLiteral("KIOSK-TEST:%1").arg(m_config.terminalId);
        slip.notes << QStringLiteral("This slip was asked for by the fleet console.");
        auto *context = new QObject(this); // the connections below go with it
        *guard = context;
        auto job = std::make_shared<int>(0);
        auto settle = [answer, context](Result r) {
            try {
                answer->set_value(std::move(r));
            } catch (const std::future_error &) { // already answered
            }
            context->deleteLater();
        };
        connect(m_devices, &devices::DeviceManager::printFinished, context, [job, settle](int id) {
            if (id == *job)
                settle({true, {QStringLiteral("test slip printed")}});
        });
        connect(m_devices, &devices::DeviceManager::printFailed, context, [job, settle](int id, devices::PrintError error, const QString &detail) {
            if (id == *job)
                settle({false, {QStringLiteral("the test slip was not printed: %1 %2").arg(devices::errorName(error), detail.left(120)).trimmed()}});
        });
        *job = m_devices->print(slip, devices::printer::JobPolicy::HandBack);
        if (*job == 0) {
            settle({false, {QStringLiteral("the device layer is not running")}});
            return Result{false, {}};
        }
        return Result{true, {}};
    });
    if (!started) {
        QMetaObject::invokeMethod(this, [guard] { delete guard->data(); }, Qt::QueuedConnection);
        return m_stopping ? kShuttingDown : timedOut(QStringLiteral("the app"));
    }
    const auto r = waitFor(future, printTimeout, m_stopping);
    if (!r)
        QMetaObject::invokeMethod(this, [guard] { delete guard->data(); }, Qt::QueuedConnection);
    return r ? *r : (m_stopping ? kShuttingDown : timedOut(QStringLiteral("the receipt printer")));
}

Result FleetCommandHost::refetchProgress()
{
    const auto r = onGui([this] {
        const int n = m_queue->checkAllStatusesNow();
        if (n < 0)
            return Result{false, {QStringLiteral("the request queue is not running")}};
        return Result{true, {QStringLiteral("asked the platforms again for the progress of %1 open request(s)").arg(n)}};
    });
    return r ? *r : (m_stopping ? kShuttingDown : timedOut(QStringLiteral("the app")));
}

Result FleetCommandHost::uploadDiagnostics(const QString &url, int logLines)
{
    // The report is read on the GUI thread; the log and the upload run here, off it.
    struct Taken {
        fleet::diagnostics::Options options;
        fleet::diagnostics::Report report;
    };
    auto taken = std::make_shared<Taken>(); // shared: a late GUI call never writes into a gone frame
    const auto got = onGui([this, taken] {
        const FleetConfig &fc = m_fleet->fleetConfig();
        taken->options.caFile = fc.caFile.toStdString();
        taken->options.clientCertificateFile = fc.clientCertificateFile.toStdString();
        taken->options.clientKeyFile = fc.clientKeyFile.toStdString();
        taken->options.logFile = fc.logFile;
        taken->report = m_fleet->diagnosticsReport();
        return Result{true, {}};
    });
    if (!got)
        return m_stopping ? kShuttingDown : timedOut(QStringLiteral("the app"));
    return fleet::diagnostics::uploadDiagnostics(url, logLines, [taken] { return taken->report; }, taken->options);
}

Result FleetCommandHost::setMaintenanceWindow(const std::optional<fleet::commands::Window> &window)
{
    const auto r = onGui([this, window] {
        if (const QString w = m_fleet->setLocalWindow(window); !w.isEmpty())
            return Result{false, {w}};
        return Result{true,
                      {window ? QStringLiteral("updates are applied only between %1 and %2 (local time), when no resident is using the terminal")
                                    .arg(window->text().left(5), window->text().mid(6))
                              : QStringLiteral("no local maintenance window: updates are applied whenever no resident is using the terminal")}};
    });
    return r ? *r : (m_stopping ? kShuttingDown : timedOut(QStringLiteral("the app")));
}

Result FleetCommandHost::restartApp()
{
    const auto r = onGui([this] {
        restartWhenReported(std::chrono::steady_clock::now(), QStringLiteral("restart-app (fleet command)"));
        if (m_config.simulate)
            return Result{true, {QStringLiteral("simulated terminal: the restart is logged, not made")}};
        return Result{true, {QStringLiteral("the app restarts once this result is sent (exit %1; systemd starts it again)").arg(kRestartExitCode)}};
    });
    return r ? *r : (m_stopping ? kShuttingDown : timedOut(QStringLiteral("the app")));
}

void FleetCommandHost::restartWhenReported(std::chrono::steady_clock::time_point since, const QString &why)
{
    m_restartWhy = why;
    m_restartSince = since;
    m_restartTimer.start();
}

} // namespace kiosk
