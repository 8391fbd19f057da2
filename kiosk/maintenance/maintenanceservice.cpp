// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/maintenance/maintenanceservice.h"

#include "devices/devicemanager.h"
#include "kiosk/fleet/commandhost.h"
#include "kiosk/fleet/fleetservice.h"
#include "kiosk/queue/platformcheck.h"
#include "kiosk/ui/qmlinstance.h"
#include "services/platform/platformclient.h"

#include <QBuffer>
#include <QDateTime>
#include <QFont>
#include <QLoggingCategory>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

Q_DECLARE_LOGGING_CATEGORY(lcFleet)

namespace kiosk {

namespace {
MaintenanceService *g_instance = nullptr;
}

MaintenanceService::MaintenanceService(FleetCommandHost *commands, FleetService *fleet, devices::DeviceManager *devices,
                                       QString terminalLabel, Endpoints endpoints, QObject *parent)
    : QObject(parent)
    , m_commands(commands)
    , m_fleet(fleet)
    , m_devices(devices)
    , m_terminalLabel(std::move(terminalLabel))
    , m_endpoints(std::move(endpoints))
{
    connect(m_devices, &devices::DeviceManager::documentFinished, this, [this](int job, bool ok, devices::DeviceError error, const QString &detail) {
        if (job == 0 || job != m_documentJob)
            return;
        m_documentJob = 0;
        finish(ok ? Outcome{true, {tr("The A4 test page was printed.")}}
                  : Outcome{false, {tr("The A4 test page was not printed: %1 %2").arg(devices::errorName(error), detail.left(160)).trimmed()}});
    });
}

MaintenanceService::~MaintenanceService()
{
    if (m_worker.joinable())
        m_worker.join();
    if (g_instance == this)
        g_instance = nullptr;
}

bool MaintenanceService::begin(const QString &task)
{
    if (m_busy)
        return false;
    m_busy = true;
    m_task = task;
    m_hasResult = false;
    m_lines.clear();
    Q_EMIT changed();
    qCInfo(lcFleet).noquote() << "maintenance menu:" << task;
    return true;
}

void MaintenanceService::run(const QString &task, std::function<Outcome()> work)
{
    if (!begin(task))
        return;
    if (m_worker.joinable())
        m_worker.join();
    m_worker = std::thread([this, work = std::move(work)] {
        const Outcome o = work();
        QMetaObject::invokeMethod(this, [this, o] { finish(o); }, Qt::QueuedConnection);
    });
}

void MaintenanceService::finish(const Outcome &outcome)
{
    m_busy = false;
    m_hasResult = true;
    m_ok = outcome.ok;
    m_lines = outcome.lines;
    qCInfo(lcFleet).noquote() << "maintenance menu:" << m_task << (m_ok ? "passed" : "failed") << "-" << m_lines.join(QStringLiteral("; "));
    Q_EMIT changed();
}

void MaintenanceService::runSelfTests()
{
    run(tr("Device self-tests"), [c = m_commands] {
        const auto r = c->selfTest();
        return Outcome{r.ok, r.lines};
    });
}

void MaintenanceService::printTestReceipt()
{
    run(tr("Test receipt"), [c = m_commands] {
        const auto r = c->printTestReceipt();
        return Outcome{r.ok, r.lines};
    });
}

void MaintenanceService::printTestPage()
{
    if (!begin(tr("A4 test page")))
        return;
    m_documentJob = m_devices->printDocument(testPagePdf(m_terminalLabel), QStringLiteral("kiosk test page"), 1);
    if (m_documentJob == 0)
        finish({false, {tr("No A4 printer is ready: see the device status.")}});
}

void MaintenanceService::checkNetwork()
{
    const auto endpoints = m_endpoints ? m_endpoints() : std::vector<platform::PlatformEndpoint>{};
    m_fleet->refresh();
    const QString fleetLine = m_fleet->enrolled() ? tr("Fleet server: %1").arg(m_fleet->pollText()) : tr("Fleet server: not enrolled");
    const bool fleetOk = !m_fleet->enrolled() || !m_fleet->pollFailing();
    run(tr("Network and platform checks"), [endpoints, fleetLine, fleetOk] {
        Outcome o{fleetOk, {}};
        if (endpoints.empty()) {
            o.ok = false;
            o.lines << tr("No city platform is configured.");
        }
        for (const auto &e : endpoints) {
            const QJsonObject line = checkPlatform(e);
            o.ok = o.ok && line.value(QLatin1String("ok")).toBool();
            o.lines << platformCheckWords(line);
        }
        o.lines << fleetLine;
        return o;
    });
}

void MaintenanceService::restartApp()
{
    if (!begin(tr("Restart")))
        return;
    // As the fleet's restart-app: once no update is in hand (at most a minute), exit 75.
    m_commands->restartWhenReported(std::chrono::steady_clock::now(), QStringLiteral("restart from the maintenance menu"));
    finish({true, {m_devices->isSimulated() ? tr("A simulated terminal is not restarted (the restart is logged).")
                                            : tr("The app restarts in a few seconds.")}});
}

void MaintenanceService::clear()
{
    if (m_busy || !m_hasResult)
        return;
    m_hasResult = false;
    m_lines.clear();
    m_task.clear();
    Q_EMIT changed();
}

QByteArray MaintenanceService::testPagePdf(const QString &terminalLabel)
{
    QByteArray pdf;
    QBuffer buffer(&pdf);
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setResolution(300);
        writer.setTitle(QStringLiteral("kiosk test page"));
        QPainter p(&writer);
        const QRect page(0, 0, writer.width(), writer.height());
        p.setPen(QPen(Qt::black, 6));
        p.drawRect(page.adjusted(60, 60, -60, -60)); // the printable area's edge
        QFont f(QStringLiteral("Noto Sans CJK SC"));
        f.setPixelSize(110);
        p.setFont(f);
        p.drawText(page.adjusted(0, 300, 0, 0), Qt::AlignHCenter | Qt::AlignTop, QStringLiteral("测试页  TEST PAGE"));
        f.setPixelSize(60);
        p.setFont(f);
        p.drawText(page.adjusted(0, 520, 0, 0), Qt::AlignHCenter | Qt::AlignTop,
                   QStringLiteral("%1\n%2").arg(terminalLabel, QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))));
        // Grey steps and fine lines: banding, fading and a misfeed show at a glance.
        for (int i = 0; i < 10; ++i)
            p.fillRect(QRect(300 + i * 190, 1000, 180, 180), QColor::fromHsv(0, 0, 255 - i * 28));
        for (int i = 0; i < 40; ++i)
            p.drawLine(300, 1400 + i * 20, page.width() - 300, 1400 + i * 20);
    }
    return pdf;
}

void MaintenanceService::setQmlInstance(MaintenanceService *instance)
{
    g_instance = instance;
}

MaintenanceService *MaintenanceService::create(QQmlEngine *, QJSEngine *engine)
{
    return qmlInstance(g_instance, engine);
}

} // namespace kiosk
