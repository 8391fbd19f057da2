// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/devicemanager.h"
#include "devices/devicedriver.h"
#include "devices/deviceslogging.h"
#include "devices/driverregistry.h"
#include "devices/idcard/idcardreader.h"
#include "devices/printer/receiptprinter.h"
#include "devices/scanner/codescanner.h"
#include "devices/simulator/simulatorconsole.h"
#include "devices/usb/usbcontext.h"

#include <QJSEngine>
#include <QThread>

namespace kiosk::devices {

using namespace std::chrono_literals;

namespace {

DeviceManager *g_qmlInstance = nullptr;

QString kindId(DeviceKind kind)
{
    return QString::fromLatin1(deviceKindId(kind));
}

} // namespace

DeviceManager::DeviceManager(bool simulate, QObject *parent)
    : QObject(parent)
    , m_model(new DeviceListModel(this))
{
    qRegisterMetaType<idcard::IdCard>();
    qRegisterMetaType<DeviceStatus>();
    qRegisterMetaType<DeviceError>();
    qRegisterMetaType<DeviceCandidate>();
    qRegisterMetaType<printer::PrintJob>();
    for (const DriverPlug &plug : driverPlugs())
        m_slots.emplace_back().plug = &plug;
    if (simulate) {
        m_options.ttyWait = 0ms;
        m_simulator = new sim::SimulatorConsole(this);
    }
}

DeviceManager::~DeviceManager()
{
    stop();
    if (g_qmlInstance == this)
        g_qmlInstance = nullptr;
}

DeviceManager *DeviceManager::create(QQmlEngine *, QJSEngine *)
{
    Q_ASSERT(g_qmlInstance);
    QJSEngine::setObjectOwnership(g_qmlInstance, QJSEngine::CppOwnership);
    return g_qmlInstance;
}

void DeviceManager::setQmlInstance(DeviceManager *manager)
{
    g_qmlInstance = manager;
}

void DeviceManager::setOptions(const Options &options)
{
    if (m_running)
        qCWarning(lcDevices) << "device options changed while running: they apply from the next start()";
    m_options = options;
}

DeviceManager::Slot *DeviceManager::slotOf(DeviceKind kind)
{
    for (Slot &s : m_slots) {
        if (s.plug->kind == kind)
            return &s;
    }
    return nullptr;
}

const DeviceManager::Slot *DeviceManager::slotOf(DeviceKind kind) const
{
    return const_cast<DeviceManager *>(this)->slotOf(kind);
}

DeviceStatus DeviceManager::status(DeviceKind kind) const
{
    return m_model->inService(kind).status;
}

QString DeviceManager::simulatedKey(DeviceKind kind)
{
    return QStringLiteral("sim:") + kindId(kind);
}

void DeviceManager::createDrivers()
{
    for (Slot &slot : m_slots) {
        const DeviceKind kind = slot.plug->kind;
        slot.driver = slot.plug->create(m_options);
        slot.thread = new QThread(this);
        slot.thread->setObjectName(QStringLiteral("kiosk-%1").arg(kindId(kind)));
        slot.driver->moveToThread(slot.thread);
        connect(slot.thread, &QThread::finished, slot.driver, &QObject::deleteLater);
        connect(slot.driver, &DeviceDriver::statusChanged, this,
                [this, kind](DeviceStatus s, DeviceError e, const QString &d) { onDriverStatus(kind, s, e, d); });
        connect(slot.driver, &DeviceDriver::opened, this,
                [this, kind](const QString &key, const QString &transport) { onOpened(kind, key, transport); });
        connect(slot.driver, &DeviceDriver::openFailed, this,
                [this, kind](const QString &key, DeviceError e, const QString &d) { onOpenFailed(kind, key, e, d); });
        connectKindSignals(slot.driver);
    }
    for (Slot &slot : m_slots)
        slot.thread->start();
}

void DeviceManager::connectKindSignals(DeviceDriver *driver)
{
    // The signals only one kind has (cards, codes, print jobs) reach the facade's signals here;
    // the generic ones (open, status) are wired for every driver above.
    if (auto *reader = qobject_cast<idcard::IdCardReader *>(driver)) {
        m_reader = reader;
        connect(reader, &idcard::IdCardReader::cardRead, this, [this](const idcard::IdCard &card) {
            if (m_card)
                m_card->wipe();
            m_card = card;
            Q_EMIT cardChanged();
            Q_EMIT cardRead(card);
        });
        connect(reader, &idcard::IdCardReader::cardRemoved, this, [this] {
            if (m_card) {
                m_card->wipe();
                m_card.reset();
            }
            Q_EMIT cardChanged();
            Q_EMIT cardRemoved();
        });
        connect(reader, &idcard::IdCardReader::readFailed, this, &DeviceManager::cardReadFailed);
    }
    if (auto *p = qobject_cast<printer::ReceiptPrinter *>(driver)) {
        m_printer = p;
        connect(p, &printer::ReceiptPrinter::jobStarted, this, &DeviceManager::printStarted);
        connect(p, &printer::ReceiptPrinter::jobFinished, this, &DeviceManager::printFinished);
        connect(p, &printer::ReceiptPrinter::jobWaiting, this, &DeviceManager::printWaiting);
        connect(p, &printer::ReceiptPrinter::jobFailed, this,
                [this](int id, PrintError error, const QString &detail, const QByteArray &data) {
                    Q_EMIT printFailed(id, error, detail);
                    Q_EMIT printHandedBack(id, data);
                });
    }
    if (auto *a = qobject_cast<a4::A4Printer *>(driver)) {
        m_a4 = a;
        connect(a, &a4::A4Printer::jobProgress, this, &DeviceManager::documentProgress);
        connect(a, &a4::A4Printer::jobFinished, this, &DeviceManager::documentFinished);
    }
    if (auto *s = qobject_cast<scanner::CodeScanner *>(driver)) {
        m_scanner = s;
        connect(s, &scanner::CodeScanner::codeScanned, this, [this](const QByteArray &bytes, const QString &text) {
            Q_EMIT codeScannedBytes(bytes);
            Q_EMIT codeScanned(text);
        });
    }
}

void DeviceManager::start()
{
    if (m_running)
        return;
    createDrivers();
    m_running = true;
    Q_EMIT runningChanged();
    if (m_simulator) {
        m_simulator->prepare(m_options);
        for (const Slot &slot : m_slots) {
            if (slot.simulated)
                plugSimulated(slot.plug->kind);
        }
        return;
    }
    m_usb = std::make_unique<usb::UsbContext>();
    connect(m_usb.get(), &usb::UsbContext::deviceArrived, this, &DeviceManager::onUsbArrived);
    connect(m_usb.get(), &usb::UsbContext::deviceLeft, this, &DeviceManager::onUsbLeft);
    QString error;
    if (!m_usb->start(&error)) {
        qCWarning(lcDevices) << error;
        m_usb.reset();
        for (const Slot &slot : m_slots)
            updateRow(slot.plug->kind, [&](DeviceRow &r) { r.message = error; });
    }
    // Devices on no bus, named by the configuration (the A4 printer on the network).
    for (const Slot &slot : m_slots) {
        if (slot.plug->configured) {
            if (const auto c = slot.plug->configured(m_options))
                offer(*c);
        }
    }
    for (const QString &path : m_options.serialPorts) {
        DeviceCandidate c;
        c.kind = DeviceKind::IdCardReader;
        c.key = path;
        c.model = QStringLiteral("SAM ID-card reader on %1").arg(path);
        c.ttyPath = path;
        offer(c);
    }
}

void DeviceManager::stop()
{
    if (!m_running)
        return;
    // Cancel first so that no driver sits in a transfer, then let each detach on its own thread
    // (closing its USB handle there), then end the threads; libusb goes last.
    for (Slot &slot : m_slots) {
        if (!slot.driver)
            continue;
        slot.driver->cancel();
        QMetaObject::invokeMethod(slot.driver, [d = slot.driver] { d->detach(DeviceError::None, QString()); },
                                  Qt::BlockingQueuedConnection);
    }
    for (Slot &slot : m_slots) {
        if (!slot.thread)
            continue;
        slot.thread->quit();
        slot.thread->wait();
        delete slot.thread;
        slot.thread = nullptr;
        slot.driver = nullptr; // deleted with its thread
    }
    m_reader = nullptr;
    m_printer = nullptr;
    m_scanner = nullptr;
    m_a4 = nullptr;
    m_candidates.clear(); // their device references go before libusb does
    if (m_usb)
        m_usb->stop();
    m_usb.reset();
    for (Slot &slot : m_slots) {
        const DeviceKind k = slot.plug->kind;
        slot.inService.clear();
        slot.attached = false;
        while (m_model->spareOf(k) >= 0)
            m_model->removeSpare(m_model->rows()[std::size_t(m_model->spareOf(k))].key);
        updateRow(k, [k](DeviceRow &r) {
            r = DeviceRow{};
            r.kind = k;
            r.error = DeviceError::Stopped;
            r.message = QStringLiteral("device layer stopped");
        });
    }
    if (m_card) {
        m_card->wipe();
        m_card.reset();
        Q_EMIT cardChanged();
    }
    m_running = false;
    Q_EMIT runningChanged();
    Q_EMIT statusChanged();
}

void DeviceManager::offer(const DeviceCandidate &c)
{
    m_candidates[c.key] = c;
    const Slot *slot = slotOf(c.kind);
    if (!slot)
        return;
    if (slot->inService.isEmpty() || slot->inService == c.key) {
        bringIntoService(c);
        return;
    }
    DeviceRow spare;
    spare.kind = c.kind;
    spare.model = c.model;
    spare.vidPid = c.vidPid;
    spare.status = DeviceStatus::Disabled;
    spare.error = DeviceError::NotInService;
    spare.message = QStringLiteral("not used: another %1 is in service").arg(deviceKindName(c.kind));
    spare.present = true;
    spare.key = c.key;
    m_model->addSpare(spare);
}

void DeviceManager::bringIntoService(const DeviceCandidate &c)
{
    Slot *slot = slotOf(c.kind);
    slot->inService = c.key;
    slot->attached = false;
    updateRow(c.kind, [&](DeviceRow &r) {
        r.model = c.model;
        r.vidPid = c.vidPid;
        r.transport.clear();
        r.status = DeviceStatus::Unknown;
        r.error = DeviceError::None;
        r.message = QStringLiteral("connecting");
        r.present = true;
        r.key = c.key;
    });
    QMetaObject::invokeMethod(slot->driver, [d = slot->driver, c] { d->open(c); }, Qt::QueuedConnection);
}

void DeviceManager::leave(const QString &key, DeviceError reason, const QString &detail)
{
    const auto it = m_candidates.find(key);
    if (it == m_candidates.end())
        return;
    const DeviceCandidate c = it->second;
    m_candidates.erase(it);
    m_model->removeSpare(key);
    Slot *slot = slotOf(c.kind);
    if (!slot || slot->inService != key)
        return;
    slot->inService.clear();
    slot->attached = false;
    slot->driver->cancel();
    QMetaObject::invokeMethod(slot->driver, [d = slot->driver, reason, detail] { d->detach(reason, detail); }, Qt::QueuedConnection);
    updateRow(c.kind, [&](DeviceRow &r) {
        r.present = false;
        r.transport.clear();
        r.key.clear();
    });
    reportFault(c.kind, DeviceStatus::Fault, reason, detail);
    // A spare of the same kind takes over.
    if (const int spare = m_model->spareOf(c.kind); spare >= 0) {
        const QString spareKey = m_model->rows()[std::size_t(spare)].key;
        m_model->removeSpare(spareKey);
        bringIntoService(m_candidates[spareKey]);
    }
}

void DeviceManager::onOpened(DeviceKind kind, const QString &key, const QString &transport)
{
    Slot *slot = slotOf(kind);
    if (slot->inService != key)
        return;
    slot->attached = true;
    updateRow(kind, [&](DeviceRow &r) { r.transport = transport; });
}

void DeviceManager::onOpenFailed(DeviceKind kind, const QString &key, DeviceError error, const QString &detail)
{
    if (slotOf(kind)->inService != key)
        return;
    qCWarning(lcDevices) << deviceKindName(kind) << "cannot be used:" << detail;
    reportFault(kind, DeviceStatus::Fault, error, QStringLiteral("%1 cannot be used: %2").arg(deviceKindName(kind), detail));
}

void DeviceManager::onDriverStatus(DeviceKind kind, DeviceStatus status, DeviceError error, const QString &detail)
{
    if (!slotOf(kind)->attached)
        return; // a late report from a device already gone, or not yet confirmed
    const DeviceRow before = m_model->inService(kind);
    if (before.status == status && before.error == error && before.message == detail)
        return;
    reportFault(kind, status, error, detail);
}

void DeviceManager::reportFault(DeviceKind kind, DeviceStatus status, DeviceError error, const QString &detail)
{
    updateRow(kind, [&](DeviceRow &r) {
        r.status = status;
        r.error = error;
        r.message = detail;
    });
    Q_EMIT deviceStatusChanged(kind, status, error, detail);
    if (status == DeviceStatus::Fault)
        Q_EMIT deviceFault(kind, error, detail);
    Q_EMIT statusChanged();
}

void DeviceManager::updateRow(DeviceKind kind, const std::function<void(DeviceRow &)> &change)
{
    DeviceRow r = m_model->inService(kind);
    change(r);
    m_model->setRow(DeviceListModel::rowOf(kind), r);
}

CardInfo DeviceManager::card() const
{
    return m_card ? CardInfo::fromCard(*m_card) : CardInfo{};
}

void DeviceManager::clearCard()
{
    if (!m_card)
        return;
    m_card->wipe();
    m_card.reset();
    Q_EMIT cardChanged();
}

int DeviceManager::print(const printer::ReceiptData &receipt, printer::JobPolicy policy)
{
    if (!m_running || !m_printer) {
        qCWarning(lcDevices) << "print requested while the device layer is stopped";
        return 0;
    }
    const int id = ++m_nextJob;
    // Encoded on the printer's thread, for the profile (native or raster QR) of the printer there.
    QMetaObject::invokeMethod(m_printer, [p = m_printer, id, receipt, policy] { p->submitReceipt(id, receipt, policy); },
                              Qt::QueuedConnection);
    return id;
}

int DeviceManager::printRaw(const QByteArray &escpos, printer::JobPolicy policy)
{
    if (!m_running || !m_printer) {
        qCWarning(lcDevices) << "print requested while the device layer is stopped";
        return 0;
    }
    const printer::PrintJob job{++m_nextJob, escpos, policy};
    QMetaObject::invokeMethod(m_printer, [p = m_printer, job] { p->submit(job); }, Qt::QueuedConnection);
    return job.id;
}

int DeviceManager::printDocument(const QByteArray &pdf, const QString &title, int pages)
{
    const Slot *slot = slotOf(DeviceKind::A4Printer);
    if (!m_running || !m_a4 || !slot || slot->inService.isEmpty()) {
        qCWarning(lcDevices) << "A4 print requested with no A4 printer in service";
        return 0;
    }
    const DeviceRow &row = m_model->inService(DeviceKind::A4Printer);
    // Unknown with an error: none found (Unknown without one: still connecting; the driver's poll
    // before the job decides).
    if (row.status == DeviceStatus::Fault || row.status == DeviceStatus::Disabled
        || (row.status == DeviceStatus::Unknown && row.error != DeviceError::None)) {
        qCWarning(lcDevices) << "A4 print refused:" << errorName(row.error) << row.message;
        return 0;
    }
    const a4::A4Job job{++m_nextJob, pdf, title, std::max(pages, 1)};
    QMetaObject::invokeMethod(m_a4, [a = m_a4, job] { a->submit(job); }, Qt::QueuedConnection);
    return job.id;
}

void DeviceManager::cancelDocument(int job)
{
    if (!m_running || !m_a4 || job <= 0)
        return;
    QMetaObject::invokeMethod(m_a4, [a = m_a4, job] { a->cancelJob(job); }, Qt::QueuedConnection);
}

void DeviceManager::refresh(DeviceKind kind)
{
    if (const Slot *slot = slotOf(kind); slot && slot->driver)
        QMetaObject::invokeMethod(slot->driver, [d = slot->driver] { d->refresh(); }, Qt::QueuedConnection);
}

} // namespace kiosk::devices
