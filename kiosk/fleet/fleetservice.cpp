// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/fleet/fleetservice.h"

#include "devices/devicemanager.h"
#include "kiosk/queue/queueservice.h"
#include "kiosk/session/session.h"
#include "kiosk/ui/qmlinstance.h"
#include "services/fleet/bundle.h"
#include "services/fleet/bundlestore.h"
#include "services/fleet/ddiclient.h"
#include "services/fleet/enrolment.h"
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
#include <QUrl>

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

/** A demo terminal with nothing said about its fleet: enrolled with an in-process simulated server. */
bool simulatedFleet(const Config &c)
{
    return c.simulate && c.fleet.server.isEmpty() && c.fleet.enrolmentUrl.isEmpty();
}

/** Where the enrolment is kept: a simulated fleet's goes with its simulated server. */
std::filesystem::path enrolmentRoot(const Config &c)
{
    const QString dir = simulatedFleet(c) ? QDir(c.stateDir).filePath(QStringLiteral("simulated-fleet")) : c.stateDir;
    return std::filesystem::path(dir.toStdString());
}

QString sourceWords(const QString &source)
{
    if (source == QLatin1String("qr"))
        return FleetService::tr("by QR code");
    if (source == QLatin1String("code"))
        return FleetService::tr("by one-time code");
    if (source == QLatin1String("file"))
        return FleetService::tr("by the enrolment file at first start");
    if (source == QLatin1String("kioskctl"))
        return FleetService::tr("with kioskctl");
    return source;
}

/** The fleet settings of a stored enrolment: server, controller, CA, its own token file, its keys. */
void useEnrolment(FleetConfig &f, const fleet::enrolment::EnrolmentStore::Stored &s)
{
    f.server = s.server;
    f.controllerId = s.controllerId;
    f.caFile = QString::fromStdString(s.caFile.string());
    f.targetTokenFile = QString::fromStdString(s.tokenFile.string());
    f.tokenFromEnrolment = true;
    f.clientCertificateFile.clear();
    f.clientKeyFile.clear();
    f.bundleKeysFile = QString::fromStdString(s.keySetFile.string());
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
    if (simulatedFleet(m_config)) // a simulated fleet's enrolment lives as long as its simulated server
        std::filesystem::remove_all(enrolmentRoot(m_config) / "enrolment");
    m_simulatedFleet = simulatedFleet(m_config);
    m_enrolmentRoot = enrolmentRoot(m_config);
    m_enrolments = std::make_unique<fleet::enrolment::EnrolmentStore>(m_enrolmentRoot);
    m_pollText = enrolled() ? tr("Not polled yet") : tr("Not enrolled: no fleet server is configured");
    updateEnrolmentText();
    m_windowTimer.setInterval(60000);
    connect(&m_windowTimer, &QTimer::timeout, this, [this] {
        const auto w = localWindow();
        const bool open = w && w->contains(QTime::currentTime());
        if (open && !m_windowWasOpen && m_client)
            m_client->idleChanged(); // the window opened: a deployment waiting for it goes on now
        m_windowWasOpen = open;
    });
    if (const auto w = localWindow()) {
        m_windowWasOpen = w->contains(QTime::currentTime());
        m_windowTimer.start();
    }
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
    connect(m_session, &Session::ended, this, [this] { // the next visit starts with an empty keypad and no old result
        m_codeEntry.clear();
        if (!m_enrolling)
            m_enrolmentResult.clear();
        Q_EMIT statusChanged();
    });
    connect(m_session, &Session::screenChanged, this, [this] {
        const bool idle = m_session->screen() == Session::Screen::Attract;
        if (idle != m_idle->exchange(idle) && idle && m_client)
            m_client->idleChanged(); // a deployment waiting for the attract screen goes on now
    });
}

FleetService::~FleetService()
{
    joinWorker();
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
    return QStringLiteral("KIOSK-TERMINAL:%1").arg(controllerId());
}

Config FleetService::withStoredEnrolment(Config config)
{
    if (simulatedFleet(config))
        return config;
    QString why;
    const fleet::enrolment::EnrolmentStore store(enrolmentRoot(config));
    const auto s = store.load(&why);
    if (!s) {
        if (!why.isEmpty())
            qCCritical(lcFleet).noquote() << why;
        return config;
    }
    // The enrolment made on site is newer than the image's configuration: it wins.
    useEnrolment(config.fleet, *s);
    return config;
}

void FleetService::updateEnrolmentText()
{
    m_stored = m_enrolments->load();
}

QString FleetService::enrolmentText() const
{
    // Made in the language of the moment (a retranslation asks again), from what was last read.
    if (const auto &s = m_stored) {
        const QString host = QUrl(s->server).host();
        const QString when = QDateTime::fromString(s->enrolledAt, Qt::ISODate).toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        return s->reference.isEmpty() ? tr("Enrolled with %1 %2, %3").arg(host, sourceWords(s->source), when)
                                      : tr("Enrolled with %1 (%2) %3, %4").arg(host, s->reference, sourceWords(s->source), when);
    }
    if (m_simulated && enrolled())
        return tr("Enrolled with the simulated fleet server (demo)");
    if (enrolled())
        return tr("Enrolled with %1 by the terminal's configuration").arg(QUrl(m_config.fleet.server).host());
    return tr("Not enrolled");
}

void FleetService::joinWorker()
{
    if (m_worker.joinable())
        m_worker.join();
}

void FleetService::enrolmentFailedWith(const QString &why)
{
    m_enrolling = false;
    m_enrolmentFailed = true;
    m_enrolmentResult = tr("Not enrolled: %1. The terminal keeps its previous settings.").arg(why);
    qCWarning(lcFleet).noquote() << "enrolment refused:" << why;
    Q_EMIT statusChanged();
}

void FleetService::enrolWithCode(const QString &typed)
{
    if (m_enrolling)
        return;
    QString why;
    const auto code = fleet::enrolment::parseCode(typed, &why);
    if (!code)
        return enrolmentFailedWith(why);
    if (!canEnrolByCode())
        return enrolmentFailedWith(QStringLiteral("no enrolment host is configured on this terminal (fleet.enrolmentUrl)"));
    joinWorker();
    m_enrolling = true;
    m_enrolmentFailed = false;
    m_enrolmentResult = tr("Fetching the enrolment for code %1 …").arg(code->text());
    Q_EMIT statusChanged();
    qCInfo(lcFleet).noquote() << "enrolment: fetching the file for slot" << code->slot;
    m_worker = std::thread([this, code = *code, url = m_config.fleet.enrolmentUrl, ca = m_config.fleet.enrolmentCaFile.toStdString()] {
        const auto fetched = fleet::enrolment::fetch(url, ca, code);
        QMetaObject::invokeMethod(this, [this, fetched] {
            m_enrolling = false;
            if (!fetched.file)
                return enrolmentFailedWith(fetched.message);
            takeEnrolment(*fetched.file, QStringLiteral("code"));
        }, Qt::QueuedConnection);
    });
}

void FleetService::typeCode(const QString &character)
{
    if (character.size() != 1 || m_codeEntry.size() >= 20 || m_enrolling)
        return;
    m_codeEntry += character.toUpper();
    Q_EMIT statusChanged();
}

void FleetService::eraseCode()
{
    if (m_codeEntry.isEmpty())
        return;
    m_codeEntry.chop(1);
    Q_EMIT statusChanged();
}

void FleetService::clearCode()
{
    m_codeEntry.clear();
    Q_EMIT statusChanged();
}

void FleetService::submitCode()
{
    enrolWithCode(m_codeEntry);
}

QString FleetService::codeEntry() const
{
    QStringList groups;
    for (int i = 0; i < m_codeEntry.size(); i += 4)
        groups << m_codeEntry.mid(i, 4);
    return groups.join(QLatin1Char('-'));
}

void FleetService::enrolWithQrText(const QString &text)
{
    if (m_enrolling)
        return;
    QString why;
    const auto file = fleet::enrolment::fromQrText(text, &why);
    if (!file)
        return enrolmentFailedWith(why);
    takeEnrolment(*file, QStringLiteral("qr"));
}

void FleetService::takeEnrolment(const QByteArray &file, const QString &source)
{
    QString why;
    const auto e = fleet::enrolment::parse(file, QDateTime::currentDateTimeUtc(), &why);
    if (!e)
        return enrolmentFailedWith(why);
    joinWorker();
    m_enrolling = true;
    m_enrolmentFailed = false;
    m_enrolmentResult = tr("Checking the enrolment with %1 …").arg(QUrl(e->server).host());
    Q_EMIT statusChanged();
    const QString controller = e->controllerId.isEmpty() ? m_config.terminalId : e->controllerId;
    // The probe trusts the enrolment's own CA: written to a private temporary file for it.
    const std::filesystem::path ca = m_enrolmentRoot / "enrolment-probe-ca.pem";
    {
        std::filesystem::create_directories(ca.parent_path());
        QFile f(QString::fromStdString(ca.string()));
        if (!f.open(QIODevice::WriteOnly) || !f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) || f.write(e->caPem) != e->caPem.size()) {
            m_enrolling = false;
            return enrolmentFailedWith(QStringLiteral("the CA cannot be written to the state folder (disk full?)"));
        }
    }
    m_worker = std::thread([this, e = *e, controller, ca, file, source] {
        const auto p = fleet::enrolment::probe(e, controller, ca);
        std::error_code ec;
        std::filesystem::remove(ca, ec);
        QMetaObject::invokeMethod(this, [this, file, source, p] { finishEnrolment(file, source, p); }, Qt::QueuedConnection);
    });
}

void FleetService::finishEnrolment(const QByteArray &file, const QString &source, const fleet::enrolment::Probe &probe)
{
    using Outcome = fleet::enrolment::Probe::Outcome;
    m_enrolling = false;
    if (probe.outcome == Outcome::Refused || probe.outcome == Outcome::Untrusted)
        return enrolmentFailedWith(probe.message);
    const auto e = fleet::enrolment::parse(file, QDateTime::currentDateTimeUtc());
    if (!e)
        return enrolmentFailedWith(QStringLiteral("the enrolment expired while it was checked"));
    const auto before = m_enrolments->load();
    const QString oldServer = m_config.fleet.server, oldController = controllerId();
    if (const QString w = m_enrolments->save(*e, file, source); !w.isEmpty())
        return enrolmentFailedWith(w);
    const auto stored = m_enrolments->load();
    if (!stored)
        return enrolmentFailedWith(QStringLiteral("the enrolment was stored but cannot be read back"));
    joinWorker();
    // The client starts again with the new settings; an action journal of another server or
    // controller means nothing to this one (its action ids are its own).
    if (m_client)
        m_client->stop();
    m_client.reset();
    const QString newController = e->controllerId.isEmpty() ? m_config.terminalId : e->controllerId;
    if (oldServer != stored->server || oldController != newController) {
        const QString fleetDir = QDir(m_config.stateDir).filePath(QStringLiteral("fleet"));
        QFile::remove(QDir(fleetDir).filePath(QStringLiteral("action.json")));
        QFile::remove(QDir(fleetDir).filePath(QStringLiteral("status.json")));
        QDir(QDir(fleetDir).filePath(QStringLiteral("staging"))).removeRecursively();
    }
    useEnrolment(m_config.fleet, *stored);
    m_simulatedToken.clear();
    applyStoredEnrolment();
    m_enrolmentFailed = false;
    m_codeEntry.clear();
    const QString host = QUrl(stored->server).host();
    m_enrolmentResult = probe.outcome == Outcome::Accepted
                            ? tr("Enrolled with %1: the fleet server accepts this terminal.").arg(host)
                            : tr("Enrolled with %1, but the server cannot be checked yet (%2). The terminal keeps trying.").arg(host, probe.message);
    qCInfo(lcFleet).noquote() << "enrolled with" << stored->server << "as" << newController << sourceWords(source)
                              << (before ? "(replacing the previous enrolment)" : "") << "-" << probe.message;
    updateEnrolmentText();
    Q_EMIT statusChanged();
    start();
}

void FleetService::applyStoredEnrolment()
{
    const auto s = m_enrolments->load();
    if (!s || !m_bundles)
        return;
    // Once per enrolment, a keys bundle of the previous operator goes out of force.
    const std::filesystem::path marker = m_enrolments->dir() / "keys-applied.sha256";
    QFile f(QString::fromStdString(marker.string()));
    const bool fresh = !(f.open(QIODevice::ReadOnly) && f.read(128).trimmed() == s->sha256);
    f.close();
    if (const QString w = m_bundles->useEnrolmentKeys(s->keySetFile, fresh); !w.isEmpty()) {
        qCCritical(lcFleet).noquote() << "the enrolment's operator keys cannot be put in force:" << w;
        return;
    }
    if (fresh && f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        f.write(s->sha256 + '\n');
    }
}

void FleetService::resetSimulatedEnrolment()
{
    if (!m_config.simulate || !m_simulated)
        return;
    joinWorker();
    if (m_client)
        m_client->stop();
    m_client.reset();
    std::error_code ec;
    std::filesystem::remove_all(m_enrolments->dir(), ec);
    m_enrolmentResult.clear();
    showNotEnrolled();
}

QString FleetService::simulatedEnrolmentCode()
{
    if (!m_simulated && !startSimulatedServer())
        return {};
    fleet::enrolment::Enrolment e;
    e.server = QString::fromStdString(m_simulated->baseUrl());
    e.caPem = [this] {
        QFile f(m_config.fleet.enrolmentCaFile);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    e.targetToken = QStringLiteral("simulated-fleet-token");
    e.reference = tr("demo terminal");
    if (QFile f(m_config.fleet.bundleKeysFile); f.open(QIODevice::ReadOnly)) {
        e.keySet = f.readAll();
    } else {
        QString why;
        const auto key = fleet::bundle::generateKey(fleet::bundle::Algorithm::Ed25519, &why);
        fleet::bundle::KeySet set;
        if (key)
            set.keys.push_back(fleet::bundle::publicKeyOf(*key));
        e.keySet = fleet::bundle::encodeKeySet(set);
    }
    const QByteArray file = fleet::enrolment::encode(e);
    const auto code = fleet::enrolment::makeCode(fleet::enrolment::randomSlot(), file);
    m_simulated->publishEnrolment(code.slot.toStdString(), file.toStdString());
    return code.text();
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
    m_config.fleet.enrolmentUrl = QString::fromStdString(m_simulated->enrolmentUrl());
    m_config.fleet.enrolmentCaFile = QString::fromStdString(pki->caFile());
    qCInfo(lcFleet).noquote() << "simulated fleet server on" << QString::fromStdString(m_simulated->baseUrl());
    return true;
}

void FleetService::enrolWithSimulatedServer()
{
    m_config.fleet.server = QString::fromStdString(m_simulated->baseUrl());
    m_config.fleet.caFile = m_config.fleet.enrolmentCaFile;
    m_simulatedToken = QStringLiteral("simulated-fleet-token");
    updateEnrolmentText();
}

void FleetService::start()
{
    if (m_client || m_enrolling)
        return;
    applyStoredEnrolment();
    // A demo terminal with nothing said about its fleet is enrolled with the simulated server;
    // one given a server or an enrolment host (tests) is enrolled like a real one.
    if (!enrolled() && m_simulatedFleet && !m_enrolments->load()) {
        if (!m_simulated && !startSimulatedServer())
            return;
        enrolWithSimulatedServer();
    }
    if (!enrolled()) {
        // First boot: the enrolment file beside the configuration, once.
        QFile f(m_config.fleet.enrolmentFile);
        if (!m_config.fleet.enrolmentFile.isEmpty() && f.exists()) {
            const QByteArray file = f.open(QIODevice::ReadOnly) ? f.read(fleet::enrolment::kMaxFileBytes + 1) : QByteArray();
            const QByteArray sha = fleet::enrolment::sha256Hex(file);
            if (file.isEmpty()) {
                qCWarning(lcFleet).noquote() << "the enrolment file" << f.fileName() << "cannot be read:" << f.errorString();
            } else if (sha != m_enrolments->lastBootFile()) {
                qCInfo(lcFleet).noquote() << "enrolling with" << f.fileName() << "(first start)";
                m_enrolments->setLastBootFile(sha);
                takeEnrolment(file, QStringLiteral("file"));
            }
        }
        return;
    }
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
        const secrets::Secret token = store.read(m_config.fleet.tokenFromEnrolment ? "" : "fleet.target-token", m_config.fleet.targetTokenFile.toStdString(), 256);
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
    if (m_simulated && !m_simulatedToken.isEmpty()) // a demo terminal is no longer enrolled (the tour's "new terminal")
        showNotEnrolled();
}

void FleetService::showNotEnrolled()
{
    m_simulatedToken.clear();
    m_config.fleet.server.clear();
    m_pollText = tr("Not enrolled: no fleet server is configured");
    m_actionText.clear();
    m_lastActionText.clear();
    m_pollFailing = false;
    updateEnrolmentText();
    Q_EMIT statusChanged();
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
    a[QStringLiteral("lastRestartReason")] = m_lastRestartReason;
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
    m_windowWasOpen = window && window->contains(QTime::currentTime());
    if (window)
        m_windowTimer.start();
    else
        m_windowTimer.stop();
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
    QString stage = stageText(s.actionStage);
    // The client waits for "idle": the attract screen, and the local window when one is set.
    if (const auto w = localWindow(); s.actionStage == QLatin1String("waiting for the attract screen") && w
        && !w->contains(QTime::currentTime()) && m_session->screen() == Session::Screen::Attract)
        stage = tr("downloaded; applied in the local maintenance window %1–%2").arg(w->text().left(5), w->text().mid(6));
    const QString action = s.actionId ? tr("Update %1: %2").arg(s.actionId).arg(stage) : tr("No update in progress");
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
