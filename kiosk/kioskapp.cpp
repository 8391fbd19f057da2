// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/kioskapp.h"
#include "common/logging.h"
#include "devices/devicemanager.h"
#include "kiosk/queue/queueservice.h"
#include "services/input/pinyinengine.h"
#include "kiosk/session/clock.h"
#include "kiosk/session/session.h"
#include "kiosk/ui/activityfilter.h"
#include "kiosk/ui/localization.h"
#include "kiosk/ui/qmlregistration.h"
#include "services/catalog/catalogsearch.h"
#include "services/catalog/catalogstore.h"

#include <QDir>
#include <QQmlApplicationEngine>
#include <QQuickWindow>

namespace kiosk {

KioskApp::KioskApp(const Config &config, std::unique_ptr<Clock> clock, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_clock(clock ? std::move(clock) : std::make_unique<SteadyClock>())
    , m_store(std::make_unique<catalog::CatalogStore>(config.catalogPath, config.stateDir))
    , m_search(std::make_unique<catalog::CatalogSearch>())
    , m_session(std::make_unique<Session>(config, m_clock.get()))
    , m_queue(std::make_unique<QueueService>(config))
    , m_devices(std::make_unique<devices::DeviceManager>(config.simulate))
{
    // A visit's end wipes what the devices and the input method hold of the resident.
    connect(m_session.get(), &Session::ended, m_devices.get(), &devices::DeviceManager::clearCard);
    connect(m_session.get(), &Session::ended, this, [] {
        if (input::PinyinEngine::instance().isOpen())
            input::PinyinEngine::instance().forget();
    });
    connect(m_devices.get(), &devices::DeviceManager::cardRead, this, [this](const devices::idcard::IdCard &card) {
        m_session->identify(card.name, card.idNumberMasked(), m_queue->subjectHash(card.idNumber));
        if (card.isExpiredToday())
            m_session->showNotice(tr("Your ID card expired on %1. Some services need a valid card; staff can help.")
                                      .arg(card.validTo.toString(QStringLiteral("yyyy-MM-dd"))));
    });
    connect(m_devices.get(), &devices::DeviceManager::cardReadFailed, this, [this](const QString &message) {
        m_session->showNotice(tr("The ID card could not be read. Please place it flat on the reader again.") + QLatin1Char(' ') + message);
    });
    connect(m_devices.get(), &devices::DeviceManager::codeScanned, m_session.get(), &Session::handleScannedCode);
}

KioskApp::~KioskApp()
{
    // The window and engine go first: their bindings still refer to the session.
    m_activity.reset();
    m_localization.reset();
    m_engine.reset();
    m_devices->stop();
    m_queue->stop();
    QmlSingletons::session = nullptr;
    QmlSingletons::queue = nullptr;
    QmlSingletons::devices = nullptr;
}

void KioskApp::loadCatalog()
{
    m_store->load();
    m_search->rebuild(m_store->catalog());
    m_session->setCatalog(&m_store->catalog(), m_search.get());
    qCInfo(lcApp).noquote() << QStringLiteral("catalog %1 (%2), %3 items")
                                    .arg(m_store->catalog().version, catalog::CatalogStore::sourceName(m_store->source()))
                                    .arg(m_store->catalog().items.size());
}

void KioskApp::startQueue()
{
    m_queue->start();
}

void KioskApp::startDevices()
{
    if (m_config.simulate) {
        devices::DeviceManager::Options o = m_devices->options();
        o.receiptOutputDir = QDir(m_config.stateDir).filePath(QStringLiteral("receipts"));
        m_devices->setOptions(o);
    }
    m_devices->start();
}

void KioskApp::exposeToQml()
{
    QmlSingletons::session = m_session.get();
    QmlSingletons::queue = m_queue.get();
    QmlSingletons::devices = m_devices.get();
}

bool KioskApp::loadUi()
{
    exposeToQml();
    m_engine = std::make_unique<QQmlApplicationEngine>();
    m_engine->addImportPath(QStringLiteral("qrc:/"));
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
