// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/fleet/fleetservice.h"

#include "devices/devicemanager.h"
#include "kiosk/queue/queueservice.h"
#include "kiosk/session/session.h"
#include "kiosk/ui/qmlinstance.h"
#include "services/fleet/ddiclient.h"
#include "services/secrets/secretstore.h"
#include "services/simulation/ddiserver.h"
#include "services/simulation/devpki.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QStorageInfo>

#include <sys/stat.h>

Q_DECLARE_LOGGING_CATEGORY(lcFleet)

namespace kiosk {

namespace {

FleetService *g_instance = nullptr;

/** The machine's serial as its firmware gives it (DMI), when readable; not personal. */
QString machineSerial()
{
    for (const char *path : {"/sys/class/dmi/id/product_serial", "/sys/class/dmi/id/board_serial"}) {
        QFile f(QString::fromLatin1(path));
        if (f.open(QIODevice::ReadOnly)) {
            const QString s = QString::fromLatin1(f.read(128)).trimmed();
            if (!s.isEmpty() && s != QLatin1String("To be filled by O.E.M."))
                return s;
        }
    }
    return {};
}

QString machineModel()
{
    QFile f(QStringLiteral("/sys/class/dmi/id/product_name"));
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.read(128)).trimmed() : QString();
}

QString hhmm(const std::optional<std::chrono::system_clock::time_point> &t)
{
    if (!t)
        return QStringLiteral("—");
    return QDateTime::fromMSecsSinceEpoch(std::chrono::duration_cast<std::chrono::milliseconds>(t->time_since_epoch()).count())
        .toString(QStringLiteral("MM-dd HH:mm:ss"));
}

/** The client's stage in the technician's words (the client's own are English, for the log). */
QString stageText(const QString &stage)
{
    if (stage == QLatin1String("downloading"))
        return FleetService::tr("downloading and checking");
    if (stage == QLatin1String("waiting for the attract screen"))
        return FleetService::tr("downloaded; applied when no resident is using the terminal");
    if (stage == QLatin1String("waiting for the maintenance window"))
        return FleetService::tr("downloaded; waiting for the maintenance window");
    if (stage.startsWith(QLatin1String("waiting: the server holds")))
        return FleetService::tr("waiting: the fleet server holds the download back");
    if (stage == QLatin1String("applying"))
        return FleetService::tr("applying");
    return stage;
}

QString resultText(const QString &result)
{
    if (result == QLatin1String("success"))
        return FleetService::tr("applied");
    if (result.startsWith(QLatin1String("failure: ")))
        return FleetService::tr("not applied (%1)").arg(result.mid(9));
    return result;
}

int encodeWindow(const std::optional<fleet::commands::Window> &w)
{
    return w ? w->startMinute * 1440 + w->endMinute : -1;
}

std::optional<fleet::commands::Window> decodeWindow(int v)
{
    if (v < 0)
        return std::nullopt;
    return fleet::commands::Window{v / 1440, v % 1440};
}

} // namespace

FleetService::FleetService(const Config &config, Session *session, devices::DeviceManager *devices, QueueService *queue, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_session(session)
    , m_devices(devices)
    , m_queue(queue)
    , m_idle(std::make_shared<std::atomic<bool>>(true))
    , m_window(std::make_shared<std::atomic<int>>(-1))
    , m_startedMs(QDateTime::currentMSecsSinceEpoch())
{
    if (QFile f(windowFile()); f.open(QIODevice::ReadOnly)) {
        const QString text = QJsonDocument::fromJson(f.read(4096)).object().value(QLatin1String("window")).toString();
        QString why;
        if (const auto w = fleet::commands::parseWindow(text, &why))
            m_window->store(encodeWindow(w));
        else if (text != QLatin1String("none"))
            qCWarning(lcFleet).noquote() << "the local maintenance window file is unreadable; no local window:" << why;
    }
    m_pollText = enrolled() ? tr("Not polled yet") : tr("Not enrolled: no fleet server is configured");
    // What the server sees changes with the devices and the queue; the uptime is sent along.
    m_attributesTimer.setInterval(60000);
    m_attributesTimer.setSingleShot(true);
    connect(&m_attributesTimer, &QTimer::timeout, this, &FleetService::updateAttributes);
    connect(m_devices, &devices::DeviceManager::statusChanged, this, [this] {
        if (!m_attributesTimer.isActive())
            m_attributesTimer.start(2000); // a burst of changes is sent as one
    });
    connect(m_queue, &QueueService::changed, this, [this] {
        if (!m_attributesTimer.isActive())
            m_attributesTimer.start(2000);
    });
    connect(m_session, &Session::screenChanged, this, [this] {
        const bool idle = m_session->screen() == Session::Screen::Attract;
        if (idle != m_idle->exchange(idle) && idle && m_client)
            m_client->idleChanged(); // a deployment waiting for the attract screen goes on now
    });
}

FleetService::~FleetService()
{
    stop();
    if (g_instance == this)
        g_instance = nullptr;
}

QString FleetService::controllerId() const
{
    return m_config.fleet.controllerId.isEmpty() ? m_config.terminalId : m_config.fleet.controllerId;
}

QString FleetService::enrolmentCode() const
{
    // What the technician's console needs to find this terminal: its id and model; no secret.
    return QStringLiteral("KIOSK-ENROL:%1").arg(controllerId());
}

void FleetService::setInstaller(fleet::Installer *installer)
{
    m_installer = installer;
}

void FleetService::setVersions(const QString &catalogVersion, const QString &formsVersion)
{
    m_catalogVersion = catalogVersion;
    m_formsVersion = formsVersion;
    updateAttributes();
}

bool FleetService::startSimulatedServer()
{
    const QString dir = QDir(m_config.stateDir).filePath(QStringLiteral("simulated-fleet"));
    std::string error;
    auto pki = simulation::DevPki::open(dir.toStdString(), "simulated-fleet", &error);
    auto cert = pki ? pki->issue("fleet", {.commonName = "127.0.0.1"}, &error) : std::nullopt;
    if (!cert) {
        qCWarning(lcFleet).noquote() << "no simulated fleet server:" << QString::fromStdString(error);
        return false;
    }
    simulation::DdiServer::Options so;
    so.certificateFile = cert->certificateFile;
    so.keyFile = cert->keyFile;
    so.targetToken = "simulated-fleet-token";
    so.hawkbitConfigDataRequests = true;
    so.maxThreads = 2;
    m_simulated = std::make_unique<simulation::DdiServer>(so);
    if (!m_simulated->start(&error)) {
        qCWarning(lcFleet).noquote() << "no simulated fleet server:" << QString::fromStdString(error);
        m_simulated.reset();
        return false;
    }
    m_config.fleet.server = QString::fromStdString(m_simulated->baseUrl());
    m_config.fleet.caFile = QString::fromStdString(pki->caFile());
    m_simulatedToken = QString::fromStdString(so.targetToken);
    qCInfo(lcFleet).noquote() << "simulated fleet server on" << m_config.fleet.server;
    return true;
}

void FleetService::start()
{
    if (m_client)
        return;
    if (!enrolled() && m_config.simulate && !startSimulatedServer())
        return;
    if (!enrolled())
        return;
    const auto mode = m_config.simulate ? secrets::SecretStore::Mode::Development : secrets::SecretStore::Mode::Production;
    const auto store = secrets::SecretStore::fromEnvironment(mode);
    fleet::DdiClient::Options o;
    o.baseUrl = m_config.fleet.server;
    o.controllerId = controllerId();
    o.caFile = m_config.fleet.caFile.toStdString();
    o.clientCertificateFile = m_config.fleet.clientCertificateFile.toStdString();
    o.clientKeyFile = m_config.fleet.clientKeyFile.toStdString();
    o.stateDir = std::filesystem::path(QDir(m_config.stateDir).filePath(QStringLiteral("fleet")).toStdString());
    if (m_config.fleet.pollOverrideSeconds > 0)
        o.pollOverride = std::chrono::seconds(m_config.fleet.pollOverrideSeconds);
    if (!m_simulatedToken.isEmpty()) {
        o.targetToken = m_simulatedToken;
    } else if (m_config.fleet.clientCertificateFile.isEmpty() || !m_config.fleet.targetTokenFile.isEmpty() || store.hasCredential("fleet.target-token")) {
        const secrets::Secret token = store.read("fleet.target-token", m_config.fleet.targetTokenFile.toStdString(), 256);
        if (!token) {
            m_pollText = tr("Enrolled, but the target token cannot be read (credential fleet.target-token or fleet.targetTokenFile): %1")
                             .arg(QString::fromStdString(token.message));
            m_pollFailing = true;
            qCWarning(lcFleet).noquote() << m_pollText;
            Q_EMIT statusChanged();
            return;
        }
        o.targetToken = QString::fromStdString(token.bytes.view()).trimmed();
    }
    m_client = std::make_unique<fleet::DdiClient>(o, m_installer);
    m_client->setVolatileKeys({QStringLiteral("uptimeSeconds"), QStringLiteral("diskFreeMegabytes"), QStringLiteral("queue.oldestPendingMinutes")});
    // Idle: the attract screen, and inside the local maintenance window when one is set.
    m_client->setIdleGate([idle = m_idle, window = m_window] {
        const auto w = decodeWindow(window->load());
        return idle->load() && (!w || w->contains(QTime::currentTime()));
    });
    updateAttributes();
    QString error;
    if (!m_client->start(&error)) {
        m_pollText = error;
        m_pollFailing = true;
        m_client.reset();
        Q_EMIT statusChanged();
        return;
    }
    qCInfo(lcFleet).noquote() << "fleet client started for" << controllerId() << "at" << m_config.fleet.server;
    m_pollText = tr("Not polled yet");
    Q_EMIT statusChanged();
}

void FleetService::stop()
{
    if (m_client)
        m_client->stop();
    m_client.reset();
    if (m_simulated) { // the simulated server goes with it: the terminal is no longer enrolled
        m_simulated.reset();
        m_simulatedToken.clear();
        m_config.fleet.server.clear();
        m_pollText = tr("Not enrolled: no fleet server is configured");
        m_actionText.clear();
        m_lastActionText.clear();
        m_pollFailing = false;
        Q_EMIT statusChanged();
    }
}

std::map<QString, QString> FleetService::attributes() const
{
    std::map<QString, QString> a;
    a[QStringLiteral("terminalId")] = m_config.terminalId;
    a[QStringLiteral("centre")] = m_config.centerName;
    a[QStringLiteral("model")] = machineModel();
    a[QStringLiteral("serial")] = machineSerial();
    a[QStringLiteral("softwareVersion")] = QStringLiteral(KIOSK_VERSION);
    a[QStringLiteral("catalogVersion")] = m_catalogVersion;
    a[QStringLiteral("formsVersion")] = m_formsVersion;
    const std::pair<devices::DeviceKind, const char *> kinds[] = {{devices::DeviceKind::IdCardReader, "idcard"},
                                                                   {devices::DeviceKind::ReceiptPrinter, "printer"},
                                                                   {devices::DeviceKind::CodeScanner, "scanner"},
                                                                   {devices::DeviceKind::A4Printer, "a4printer"}};
    for (const auto &[kind, name] : kinds) {
        const auto &row = m_devices->devices()->inService(kind);
        const QString key = QString::fromLatin1(name);
        a[key + QStringLiteral(".status")] = QString::number(int(row.status));
        a[key + QStringLiteral(".error")] = devices::errorName(row.error);
        a[key + QStringLiteral(".message")] = row.message.left(128);
    }
    a[QStringLiteral("queue.pending")] = QString::number(m_queue->pending());
    a[QStringLiteral("queue.dead")] = QString::number(m_queue->dead());
    a[QStringLiteral("queue.oldestPendingMinutes")] = QString::number(m_queue->oldestPendingMinutes());
    const QStorageInfo disk(m_config.stateDir.isEmpty() ? QDir::currentPath() : m_config.stateDir);
    a[QStringLiteral("diskFreeMegabytes")] = QString::number(disk.bytesAvailable() / (1024 * 1024));
    a[QStringLiteral("uptimeSeconds")] = QString::number((QDateTime::currentMSecsSinceEpoch() - m_startedMs) / 1000);
    // Until the appliance's watchdog records why it restarted (docs/fleet.md).
    a[QStringLiteral("lastRestartReason")] = qEnvironmentVariable("KIOSK_RESTART_REASON", QStringLiteral("start"));
    const auto window = localWindow();
    a[QStringLiteral("localMaintenanceWindow")] = window ? window->text() : QString();
    return a;
}

std::map<QString, QString> FleetService::diagnosticsReport() const
{
    std::map<QString, QString> r = attributes();
    const auto w = localWindow();
    r[QStringLiteral("fleet.localMaintenanceWindow")] = w ? w->text() : QStringLiteral("none");
    r[QStringLiteral("fleet.server")] = m_config.fleet.server;
    if (m_client) {
        const auto s = m_client->status();
        r[QStringLiteral("fleet.lastPoll")] = hhmm(s.lastPoll);
        r[QStringLiteral("fleet.lastPollResult")] = s.lastPollResult;
        r[QStringLiteral("fleet.failuresInARow")] = QString::number(s.failuresInARow);
        r[QStringLiteral("fleet.intervalSeconds")] = QString::number(s.interval.count());
        r[QStringLiteral("fleet.actionId")] = QString::number(s.actionId);
        r[QStringLiteral("fleet.lastActionId")] = QString::number(s.lastActionId);
        r[QStringLiteral("fleet.lastActionResult")] = s.lastActionResult;
        r[QStringLiteral("fleet.polls")] = QString::number(s.polls);
    }
    r[QStringLiteral("queue.sending")] = QString::number(m_queue->sending());
    r[QStringLiteral("queue.done")] = QString::number(m_queue->done());
    r[QStringLiteral("queue.usedPercent")] = QString::number(m_queue->usedPercent());
    return r;
}

QString FleetService::windowFile() const
{
    return QDir(m_config.stateDir).filePath(QStringLiteral("fleet/maintenance-window.json"));
}

std::optional<fleet::commands::Window> FleetService::localWindow() const
{
    return decodeWindow(m_window->load());
}

QString FleetService::setLocalWindow(const std::optional<fleet::commands::Window> &window)
{
    const QString dir = QFileInfo(windowFile()).absolutePath();
    if (!QDir().mkpath(dir) || ::chmod(QFile::encodeName(dir).constData(), 0700) != 0)
        return QStringLiteral("the fleet state folder cannot be made");
    QSaveFile f(windowFile());
    if (!f.open(QIODevice::WriteOnly) || !f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return QStringLiteral("the maintenance window cannot be stored: %1").arg(f.errorString());
    f.write(QJsonDocument(QJsonObject{{QStringLiteral("window"), window ? window->text() : QStringLiteral("none")}}).toJson(QJsonDocument::Compact));
    if (!f.commit())
        return QStringLiteral("the maintenance window cannot be stored (disk full?): %1").arg(f.errorString());
    m_window->store(encodeWindow(window));
    qCInfo(lcFleet).noquote() << "local maintenance window:" << (window ? window->text() : QStringLiteral("none"));
    updateAttributes();
    if (m_client)
        m_client->idleChanged(); // a deployment waiting for the window may go on now
    return {};
}

void FleetService::updateAttributes()
{
    if (m_client)
        m_client->setAttributes(attributes());
    if (enrolled())
        m_attributesTimer.start(60000);
}

void FleetService::refresh()
{
    if (!m_client)
        return;
    const auto s = m_client->status();
    QString poll;
    if (!s.lastPoll && s.lastPollResult.isEmpty())
        poll = tr("Not polled yet");
    else if (s.failuresInARow > 0)
        poll = tr("Last poll failed (%n time(s) in a row): %1. Next try %2.", "", s.failuresInARow).arg(s.lastPollResult, hhmm(s.nextPoll));
    else
        poll = tr("Polled %1, next %2 (every %n s)", "", int(s.interval.count())).arg(hhmm(s.lastPoll), hhmm(s.nextPoll));
    const QString action = s.actionId ? tr("Update %1: %2").arg(s.actionId).arg(stageText(s.actionStage)) : tr("No update in progress");
    const QString last = s.lastActionId ? tr("Last update %1: %2").arg(s.lastActionId).arg(resultText(s.lastActionResult)) : QString();
    const bool failing = s.failuresInARow > 0;
    if (poll == m_pollText && action == m_actionText && last == m_lastActionText && failing == m_pollFailing)
        return;
    m_pollText = poll;
    m_actionText = action;
    m_lastActionText = last;
    m_pollFailing = failing;
    Q_EMIT statusChanged();
}

void FleetService::pollNow()
{
    if (m_client)
        m_client->pollNow();
}

void FleetService::setQmlInstance(FleetService *instance)
{
    g_instance = instance;
}

FleetService *FleetService::create(QQmlEngine *, QJSEngine *engine)
{
    return qmlInstance(g_instance, engine);
}

} // namespace kiosk
