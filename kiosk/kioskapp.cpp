// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/kioskapp.h"
#include "kiosk/fleet/bundlesinforce.h"
#include "kiosk/fleet/commandhost.h"
#include "kiosk/fleet/fleetservice.h"
#include "kiosk/maintenance/maintenanceservice.h"
#include "kiosk/session/staffpin.h"
#include "services/fleet/bundlestore.h"
#include "kiosk/query/queryservice.h"
#include "services/simulation/referencerecords.h"
#include "kiosk/query/recordquery.h"
#include "kiosk/ui/documentpreviewprovider.h"
#include "common/logging.h"
#include "devices/devicemanager.h"
#include "devices/simulator/simulatorconsole.h"
#include "kiosk/journey/journey.h"
#include "kiosk/queue/queuecomposition.h"
#include "kiosk/queue/queueservice.h"
#include "kiosk/ui/qrimageprovider.h"
#include "services/forms/formdefinition.h"
#include "kiosk/input/virtualkeyboard.h"
#include "services/input/pinyinengine.h"
#include "kiosk/session/clock.h"
#include "kiosk/session/session.h"
#include "kiosk/ui/activityfilter.h"
#include "kiosk/ui/localization.h"
#include "services/catalog/catalogsearch.h"
#include "services/catalog/catalogstore.h"

#include <QDir>
#include <QQmlApplicationEngine>
#include <QQuickWindow>

namespace kiosk {

namespace {

std::unique_ptr<fleet::BundleStore> openBundles(const Config &config)
{
    fleet::BundleStore::Options o;
    o.stateDir = std::filesystem::path(config.stateDir.toStdString());
    o.trustedKeysFile = std::filesystem::path(config.fleet.bundleKeysFile.toStdString());
    auto store = std::make_unique<fleet::BundleStore>(o);
    QString error;
    if (!store->open(&error)) {
        qCCritical(lcApp).noquote() << "the bundle store cannot be opened:" << error << "— the terminal's own files are used";
        return store;
    }
    // A bundle swapped in that never reached a first frame is undone before anything loads.
    for (const QString &line : store->rollbackIfUnconfirmed())
        qCWarning(lcApp).noquote() << line;
    return store;
}

/** Applies bundles through the store, then has the app load what changed (on the GUI thread);
 *  a commands bundle is run through the runner instead (runCommandsWith), never swapped. */
class AppInstaller : public fleet::Installer
{
public:
    AppInstaller(fleet::BundleStore *store, const Config &config, const Config &fileConfig, QObject *app, std::function<void()> reload)
        : m_bundles(store, validators(config, fileConfig))
        , m_app(app)
        , m_reload(std::move(reload))
    {
    }
    fleet::InstallResult install(const fleet::ddi::Deployment &d, const std::vector<fleet::StagedArtifact> &a) override
    {
        fleet::InstallResult r = m_bundles.install(d, a);
        if (r.ok)
            QMetaObject::invokeMethod(m_app, m_reload, Qt::QueuedConnection);
        return r;
    }
    bool tookEffect(const fleet::ddi::Deployment &d) override { return m_bundles.tookEffect(d); }
    void runCommandsWith(fleet::commands::CommandHost *host)
    {
        m_runner.emplace(host);
        m_bundles.setCommandRunner(&*m_runner);
    }
    [[nodiscard]] bool selfVerifying(const QString &part) const override { return m_bundles.selfVerifying(part); }

private:
    static fleet::BundleInstaller::Validators validators(const Config &config, const Config &fileConfig)
    {
        fleet::BundleInstaller::Validators v;
        // As it will be in force: merged onto this terminal's config file (a platforms bundle
        // comes as {"platforms": …}, replacing the file's).
        v.config = [fileConfig](const QByteArray &json) {
            QString e;
            return mergeConfig(fileConfig, json, &e) ? QString() : e;
        };
        v.staffPinHash = [](const QString &hash) {
            QString e;
            return staffpin::isValidHash(hash, &e) ? QString() : e;
        };
        v.deviceKinds = config.devices;
        return v;
    }
    fleet::BundleInstaller m_bundles;
    std::optional<fleet::commands::CommandRunner> m_runner;
    QObject *m_app;
    std::function<void()> m_reload;
};

} // namespace

KioskApp::KioskApp(const Config &config, std::unique_ptr<Clock> clock, QObject *parent)
    : QObject(parent)
    , m_bundles(openBundles(FleetService::withStoredEnrolment(config)))
    , m_fileConfig(FleetService::withStoredEnrolment(config))
    , m_config(startWith())
    , m_clock(clock ? std::move(clock) : std::make_unique<SteadyClock>())
    , m_store(std::make_unique<catalog::CatalogStore>(m_config.catalogPath, m_config.stateDir, m_config.devices))
    , m_search(std::make_unique<catalog::CatalogSearch>())
    , m_session(std::make_unique<Session>(m_config, m_clock.get()))
    , m_queue(std::make_unique<QueueService>(nullptr))
    , m_devices(std::make_unique<devices::DeviceManager>(config.simulate))
    , m_queries(std::make_unique<QueryService>())
    , m_journey(std::make_unique<Journey>(m_config, m_queue.get(), m_queries.get(), m_devices.get()))
    , m_installer(std::make_unique<AppInstaller>(m_bundles.get(), m_config, m_fileConfig, this, [this] { reloadFromBundles(); }))
    , m_fleet(std::make_unique<FleetService>(m_config, m_session.get(), m_devices.get(), m_queue.get()))
{
    m_fleet->setInstaller(m_installer.get());
    m_fleet->setBundleStore(m_bundles.get());
    connect(m_session.get(), &Session::enrolmentScanned, m_fleet.get(), &FleetService::enrolWithQrText);
    m_commands = std::make_unique<FleetCommandHost>(m_config, m_devices.get(), m_queue.get(), m_fleet.get());
    static_cast<AppInstaller *>(m_installer.get())->runCommandsWith(m_commands.get());
    m_maintenance = std::make_unique<MaintenanceService>(
        m_commands.get(), m_fleet.get(), m_devices.get(), QStringLiteral("%1 %2").arg(m_config.centerName, m_config.terminalId).trimmed(),
        [this] { return m_queueParts ? m_queueParts->endpoints() : std::vector<platform::PlatformEndpoint>{}; });
    m_session->setJourney(m_journey.get());
    m_journey->setCardOnReader([devices = m_devices.get()] { return devices->isCardPresent(); });
    // A visit's end wipes what the devices and the input method hold of the resident.
    connect(m_session.get(), &Session::ended, m_devices.get(), &devices::DeviceManager::clearCard);
    connect(m_session.get(), &Session::ended, this, [] {
        if (input::PinyinEngine::instance().isOpen())
            input::PinyinEngine::instance().forget();
    });
    connect(m_devices.get(), &devices::DeviceManager::cardRead, this, [this](const devices::idcard::IdCard &card) {
        // The card's facts go to the form in memory only; the session gets the name and a masked number.
        // Another resident's card ends the visit first (and with it the previous card's facts).
        m_session->identify(card.name, card.idNumberMasked(), m_queue->subjectHash(card.idNumber));
        m_journey->setCard({{QStringLiteral("name"), card.name},
                            {QStringLiteral("idNumber"), card.idNumber},
                            {QStringLiteral("gender"), card.genderCode == 2 ? QStringLiteral("female") : card.genderCode == 1 ? QStringLiteral("male") : QString()},
                            {QStringLiteral("birthDate"), card.birthDate.toString(Qt::ISODate)},
                            {QStringLiteral("address"), card.address},
                            {QStringLiteral("nation"), card.nation}});
        if (card.isExpiredToday())
            m_session->showNotice(tr("Your ID card expired on %1. Some services need a valid card; staff can help.")
                                      .arg(card.validTo.toString(QStringLiteral("yyyy-MM-dd"))));
    });
    connect(m_devices.get(), &devices::DeviceManager::cardReadFailed, this, [this](devices::CardReadError error, const QString &detail) {
        // The reader's detail is English for technicians: it goes to the log, not to the resident.
        qCInfo(lcApp).noquote() << "ID card not read:" << devices::errorName(error) << detail;
        m_session->showNotice(error == devices::CardReadError::NotAuthentic
                                  ? tr("This ID card could not be verified. Please ask the staff for help.")
                                  : tr("The ID card could not be read. Please place it flat on the reader again."));
    });
    connect(m_devices.get(), &devices::DeviceManager::codeScanned, m_session.get(), &Session::handleScannedCode);
    // Progress by card asks the reader at lookup time; a card taken after a submission ends the visit.
    m_session->setCardOnReader([devices = m_devices.get()] { return devices->isCardPresent(); });
    connect(m_devices.get(), &devices::DeviceManager::cardRemoved, m_session.get(), &Session::cardRemoved);
}

KioskApp::~KioskApp()
{
    // The window and engine go first: their bindings still refer to the session.
    m_activity.reset();
    m_localization.reset();
    m_engine.reset();
    m_commands->stop(); // a command waiting for this thread gives up, so the client's thread can be joined
    m_maintenance.reset(); // its worker joined (its commands return at once now)
    m_fleet->stop();
    m_devices->stop();
    m_queue->stop();
    m_queueParts.reset();
    Session::setQmlInstance(nullptr);
    QueueService::setQmlInstance(nullptr);
    Journey::setQmlInstance(nullptr);
    FleetService::setQmlInstance(nullptr);
    MaintenanceService::setQmlInstance(nullptr);
    devices::DeviceManager::setQmlInstance(nullptr);
    devices::sim::SimulatorConsole::setQmlInstance(nullptr);
}

void KioskApp::loadCatalog()
{
    m_store->load();
    // Demo and tests: the reference platform answers this terminal's items, whatever their codes.
    if (m_config.simulate)
        simulation::records::useCatalog(std::make_shared<const catalog::Catalog>(m_store->catalog()));
    m_search->rebuild(m_store->catalog());
    m_session->setCatalog(&m_store->catalog(), m_search.get());
    m_journey->setCatalog(&m_store->catalog());
    auto forms = forms::loadFormsFile(m_config.formsPath.isEmpty() ? forms::builtInFormsPath() : m_config.formsPath,
                                      m_config.devices);
    if (!forms.forms || forms.errorCount() > 0) {
        qCCritical(lcApp).noquote() << "the forms file" << m_config.formsPath << "is broken (" << forms.errorCount()
                                    << "problems; `kioskctl catalog validate --forms` lists them): using the built-in forms";
        // The built-in forms are the last resort: checked against every kind this program drives.
        forms = forms::loadFormsFile(forms::builtInFormsPath());
    }
    if (forms.forms)
        m_journey->setForms(*forms.forms);
    m_fleet->setVersions(m_store->catalog().version, forms.forms ? forms.forms->version : QString());
    qCInfo(lcApp).noquote() << QStringLiteral("catalog %1 (%2), %3 items")
                                    .arg(m_store->catalog().version, catalog::CatalogStore::sourceName(m_store->source()))
                                    .arg(m_store->catalog().items.size());
}

void KioskApp::startQueue()
{
    m_queueParts = QueueComposition::start(m_config, *m_queue);
    m_queries->setEndpoints(m_queueParts->endpoints());
}

simulation::ReferencePlatform *KioskApp::simulatedPlatform() const
{
    return m_queueParts ? m_queueParts->simulatedPlatform() : nullptr;
}

void KioskApp::startDevices()
{
    {
        devices::DeviceManager::Options o = m_devices->options();
        o.a4Printer = m_config.a4Printer;
        m_devices->setOptions(o);
    }
    if (m_config.simulate) {
        devices::DeviceManager::Options o = m_devices->options();
        o.receiptOutputDir = QDir(m_config.stateDir).filePath(QStringLiteral("receipts"));
        m_devices->setOptions(o);
    }
    m_devices->start();
}

Config KioskApp::startWith()
{
    ConfigInForce r = configInForce(m_fileConfig, *m_bundles);
    for (const QString &line : r.problems)
        qCCritical(lcApp).noquote() << line;
    m_confirmStart = r.confirmable;
    m_restartBundles = r.restartBundles;
    return r.config;
}

void KioskApp::reloadFromBundles()
{
    // The client applies only on the attract screen, so no visit is under way: a catalog, forms
    // or staff PIN bundle now in force is taken at once.
    const ConfigInForce now = configInForce(m_fileConfig, *m_bundles);
    for (const QString &line : now.problems)
        qCCritical(lcApp).noquote() << line;
    if (now.config.staffPinHash != m_config.staffPinHash && !now.config.staffPinHash.isEmpty()) {
        m_config.staffPinHash = now.config.staffPinHash;
        m_config.demoStaffPin = now.config.demoStaffPin;
        m_session->staffPad()->setPinHash(m_config.staffPinHash);
        qCInfo(lcApp).noquote() << QStringLiteral("a new staff PIN is in force (staffPin %1)").arg(m_bundles->state(fleet::bundle::Kind::StaffPin).current);
    }
    // The queue, the platforms' clients, the timeouts … are built once: a config or platforms
    // bundle takes effect by a restart, once the fleet server has the result.
    if (now.restartBundles != m_restartBundles && m_commands) {
        const QStringList changed = [&] {
            QStringList l;
            for (const QString &b : now.restartBundles)
                if (!m_restartBundles.contains(b))
                    l << b;
            return l;
        }();
        m_commands->restartWhenReported(std::chrono::steady_clock::now(), QStringLiteral("%1 in force").arg(changed.join(QStringLiteral(", "))));
    }
    if (now.config.catalogPath == m_config.catalogPath && now.config.formsPath == m_config.formsPath)
        return;
    m_config.catalogPath = now.config.catalogPath;
    m_config.formsPath = now.config.formsPath;
    m_store = std::make_unique<catalog::CatalogStore>(m_config.catalogPath, m_config.stateDir, m_config.devices);
    loadCatalog();
}

void KioskApp::confirmStarted()
{
    // A bundle that could not be used stays unconfirmed: the store rolls it back (docs/fleet.md).
    if (!m_confirmStart) {
        qCCritical(lcApp).noquote() << "this start is not confirmed: a bundle in force could not be used (see above); "
                                       "it is rolled back after its unconfirmed starts";
        return;
    }
    m_bundles->confirmStarted();
}

void KioskApp::startFleet()
{
    m_fleet->start();
}

void KioskApp::exposeToQml()
{
    FleetService::setQmlInstance(m_fleet.get());
    MaintenanceService::setQmlInstance(m_maintenance.get());
    Session::setQmlInstance(m_session.get());
    QueueService::setQmlInstance(m_queue.get());
    Journey::setQmlInstance(m_journey.get());
    devices::DeviceManager::setQmlInstance(m_devices.get());
    devices::sim::SimulatorConsole::setQmlInstance(m_devices->simulator());
}

bool KioskApp::loadUi()
{
    exposeToQml();
    m_engine = std::make_unique<QQmlApplicationEngine>();
    m_engine->addImportPath(QStringLiteral("qrc:/"));
    m_engine->addImportPath(input::keyboardImportPath()); // the keyboard style
    m_engine->addImageProvider(QStringLiteral("qr"), new QrImageProvider);
    m_engine->addImageProvider(QStringLiteral("document"), new DocumentPreviewProvider([query = m_journey->query()] { return query->document(); }));
    connect(m_engine.get(), &QQmlEngine::warnings, this, [this](const QList<QQmlError> &warnings) {
        for (const QQmlError &w : warnings)
            m_qmlWarnings.append(w.toString());
    });
    m_localization = std::make_unique<Localization>(m_session.get(), m_engine.get());
    m_engine->load(QUrl(QStringLiteral("qrc:/Kiosk/Main.qml")));
    const auto roots = m_engine->rootObjects();
    m_window = roots.isEmpty() ? nullptr : qobject_cast<QQuickWindow *>(roots.first());
    if (!m_window) {
        m_qmlWarnings.append(QStringLiteral("qrc:/Kiosk/Main.qml did not create a window"));
        return false;
    }
    m_activity = std::make_unique<ActivityFilter>(m_session.get());
    m_window->installEventFilter(m_activity.get());
    return true;
}

} // namespace kiosk
