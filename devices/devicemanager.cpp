// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/devicemanager.h"
#include "devices/deviceslogging.h"
#include "devices/idcard/idcardreader.h"
#include "devices/idcard/samtransport.h"
#include "devices/printer/receiptprinter.h"
#include "devices/scanner/codescanner.h"
#include "devices/scanner/hidreports.h"
#include "devices/serial/serialport.h"
#include "devices/simulator/simulatedprinter.h"
#include "devices/simulator/simulatedsam.h"
#include "devices/simulator/simulatedscanner.h"
#include "devices/usb/usbcontext.h"
#include "devices/usb/usbhandle.h"

#include <QThread>
#include <QTimer>

#include <algorithm>

namespace kiosk::devices {

using namespace std::chrono_literals;

namespace {

constexpr int kTtyPollMs = 200;

QString kindId(DeviceKind kind)
{
    return QString::fromLatin1(deviceKindId(kind));
}

QString disconnectedMessage(DeviceKind kind)
{
    switch (kind) {
    case DeviceKind::IdCardReader: return QStringLiteral("ID-card reader disconnected: check its USB cable");
    case DeviceKind::ReceiptPrinter: return QStringLiteral("receipt printer disconnected: check its USB cable and power");
    case DeviceKind::CodeScanner: return QStringLiteral("code scanner disconnected: check its USB cable");
    }
    return {};
}

/** Quirks of the table row a simulated device stands in for. */
std::uint32_t quirksOf(std::uint16_t vid, std::uint16_t pid)
{
    for (const auto &row : usb::supportedDevices()) {
        if (row.vendorId == vid && row.productId == pid)
            return row.quirks;
    }
    return 0;
}

} // namespace

DeviceManager::DeviceManager(bool simulate, QObject *parent)
    : QObject(parent)
    , m_simulate(simulate)
    , m_model(new DeviceListModel(this))
{
    qRegisterMetaType<idcard::IdCard>();
    qRegisterMetaType<DeviceStatus>();
    qRegisterMetaType<printer::PrintJob>();
    if (simulate)
        m_options.ttyWait = 0ms;
}

DeviceManager::~DeviceManager()
{
    stop();
}

void DeviceManager::setOptions(const Options &options)
{
    if (m_running)
        qCWarning(lcDevices) << "device options changed while running: they apply from the next start()";
    m_options = options;
}

int DeviceManager::idCardStatus() const
{
    return int(m_model->inService(DeviceKind::IdCardReader).status);
}

int DeviceManager::printerStatus() const
{
    return int(m_model->inService(DeviceKind::ReceiptPrinter).status);
}

int DeviceManager::scannerStatus() const
{
    return int(m_model->inService(DeviceKind::CodeScanner).status);
}

void DeviceManager::createDrivers()
{
    auto makeThread = [this](DeviceKind kind, QObject *driver) {
        auto *thread = new QThread(this);
        thread->setObjectName(QStringLiteral("kiosk-%1").arg(kindId(kind)));
        driver->moveToThread(thread);
        connect(thread, &QThread::finished, driver, &QObject::deleteLater);
        m_threads[std::size_t(kind)] = thread;
    };

    m_reader = new idcard::IdCardReader(m_options.readerTiming);
    makeThread(DeviceKind::IdCardReader, m_reader);
    connect(m_reader, &idcard::IdCardReader::cardRead, this, [this](const idcard::IdCard &card) {
        if (m_card)
            m_card->wipe();
        m_card = card;
        Q_EMIT cardChanged();
        Q_EMIT cardRead(card);
    });
    connect(m_reader, &idcard::IdCardReader::cardRemoved, this, [this] {
        if (m_card) {
            m_card->wipe();
            m_card.reset();
        }
        Q_EMIT cardChanged();
        Q_EMIT cardRemoved();
    });
    connect(m_reader, &idcard::IdCardReader::readFailed, this, &DeviceManager::cardReadFailed);
    connect(m_reader, &idcard::IdCardReader::statusChanged, this,
            [this](DeviceStatus s, const QString &m) { onDriverStatus(DeviceKind::IdCardReader, s, m); });

    m_printer = new printer::ReceiptPrinter(m_options.printerTiming);
    makeThread(DeviceKind::ReceiptPrinter, m_printer);
    connect(m_printer, &printer::ReceiptPrinter::jobStarted, this, &DeviceManager::printStarted);
    connect(m_printer, &printer::ReceiptPrinter::jobFinished, this, &DeviceManager::printFinished);
    connect(m_printer, &printer::ReceiptPrinter::jobWaiting, this, &DeviceManager::printWaiting);
    connect(m_printer, &printer::ReceiptPrinter::jobFailed, this, [this](int id, const QString &message, const QByteArray &data) {
        Q_EMIT printFailed(id, message);
        Q_EMIT printHandedBack(id, data);
    });
    connect(m_printer, &printer::ReceiptPrinter::statusChanged, this,
            [this](DeviceStatus s, const QString &m) { onDriverStatus(DeviceKind::ReceiptPrinter, s, m); });

    m_scanner = new scanner::CodeScanner;
    m_scanner->setReadTimeout(m_options.scannerReadTimeout);
    makeThread(DeviceKind::CodeScanner, m_scanner);
    connect(m_scanner, &scanner::CodeScanner::codeScanned, this, [this](const QByteArray &bytes, const QString &text) {
        Q_EMIT codeScannedBytes(bytes);
        Q_EMIT codeScanned(text);
    });
    connect(m_scanner, &scanner::CodeScanner::statusChanged, this,
            [this](DeviceStatus s, const QString &m) { onDriverStatus(DeviceKind::CodeScanner, s, m); });

    for (auto *t : m_threads)
        t->start();
}

void DeviceManager::start()
{
    if (m_running)
        return;
    createDrivers();
    m_running = true;
    Q_EMIT runningChanged();
    if (m_simulate) {
        startSimulation();
        return;
    }
    m_usb = std::make_unique<usb::UsbContext>();
    connect(m_usb.get(), &usb::UsbContext::deviceArrived, this, &DeviceManager::onUsbArrived);
    connect(m_usb.get(), &usb::UsbContext::deviceLeft, this, &DeviceManager::onUsbLeft);
    QString error;
    if (!m_usb->start(&error)) {
        qCWarning(lcDevices) << error;
        m_usb.reset();
        for (DeviceKind k : {DeviceKind::IdCardReader, DeviceKind::ReceiptPrinter, DeviceKind::CodeScanner})
            updateRow(k, [&](DeviceRow &r) { r.message = error; });
    }
    for (const QString &path : m_options.serialPorts) {
        Candidate c;
        c.kind = DeviceKind::IdCardReader;
        c.key = path;
        c.model = QStringLiteral("SAM ID-card reader on %1").arg(path);
        c.ttyPath = path;
        offer(c);
    }
}

void DeviceManager::startSimulation()
{
    m_simSam = std::make_shared<sim::SimulatedSam>();
    if (m_options.realisticSimulation)
        m_simSam->setLatency(sim::SimulatedSam::kRealistic);
    m_simPrinter = std::make_shared<sim::SimulatedPrinter>();
    m_simPrinter->setOutputDirectory(m_options.receiptOutputDir);
    m_simPrinter->setReceiptCallback([this](const sim::PrintedReceipt &receipt, const QString &png) {
        QMetaObject::invokeMethod(this, [this, png, text = receipt.plainText()] {
            m_lastReceiptImage = png;
            m_lastReceiptText = text;
            Q_EMIT receiptRendered(png);
        }, Qt::QueuedConnection);
    });
    m_simScanner = std::make_shared<sim::SimulatedScanner>(scanner::ScannerProtocol::HidPos);
    for (const auto &row : usb::simulatedDevices())
        replug(kindId(row.kind));
}

void DeviceManager::stop()
{
    if (!m_running)
        return;
    // Cancel first so that no driver sits in a transfer, then let each detach on its own thread
    // (closing its USB handle there), then end the threads; libusb goes last.
    auto shutdown = [](QObject *driver, auto cancel, auto detach) {
        if (!driver)
            return;
        cancel();
        QMetaObject::invokeMethod(driver, detach, Qt::BlockingQueuedConnection);
    };
    shutdown(m_reader, [r = m_reader] { r->cancelTransfers(); }, [r = m_reader] { r->detach(QString()); });
    shutdown(m_printer, [p = m_printer] { p->cancelTransfers(); }, [p = m_printer] { p->detach(QString()); });
    shutdown(m_scanner, [s = m_scanner] { s->cancelTransfers(); }, [s = m_scanner] { s->detach(QString()); });
    for (auto *&t : m_threads) {
        if (!t)
            continue;
        t->quit();
        t->wait();
        delete t;
        t = nullptr;
    }
    m_reader = nullptr; // deleted with their threads
    m_printer = nullptr;
    m_scanner = nullptr;
    m_candidates.clear(); // their device references go before libusb does
    if (m_usb)
        m_usb->stop();
    m_usb.reset();
    if (m_simPrinter)
        m_simPrinter->setReceiptCallback({});
    m_simSam.reset();
    m_simPrinter.reset();
    m_simScanner.reset();
    m_candidates.clear();
    for (DeviceKind k : {DeviceKind::IdCardReader, DeviceKind::ReceiptPrinter, DeviceKind::CodeScanner}) {
        m_inService[std::size_t(k)].clear();
        m_attached[std::size_t(k)] = false;
        while (m_model->spareOf(k) >= 0)
            m_model->removeSpare(m_model->rows()[std::size_t(m_model->spareOf(k))].key);
        updateRow(k, [k](DeviceRow &r) {
            r = DeviceRow{};
            r.kind = k;
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

void DeviceManager::onUsbArrived(const usb::UsbDeviceInfo &info)
{
    const usb::Match match = usb::matchDevice(info.vendorId, info.productId, info.interfaceClasses());
    if (!match) {
        qCDebug(lcDevices) << "not a terminal device:" << info.vidPid() << "at" << info.portPath;
        return;
    }
    Candidate c;
    c.kind = match.row->kind;
    c.key = info.key();
    c.model = QString::fromUtf8(match.row->model);
    c.vidPid = info.vidPid();
    c.usb = info;
    c.match = match;
    qCInfo(lcDevices) << deviceKindName(c.kind) << c.vidPid << "plugged in at" << info.portPath;
    if (match.row->quirks & usb::SamOverTty) {
        // The kernel's serial driver makes the tty a moment after the USB device appears.
        m_candidates[c.key] = c;
        waitForTty(c.key, int(m_options.ttyWait.count() / kTtyPollMs));
        return;
    }
    offer(c);
}

void DeviceManager::waitForTty(const QString &key, int attemptsLeft)
{
    const auto it = m_candidates.find(key);
    if (!m_running || it == m_candidates.end())
        return; // unplugged meanwhile
    Candidate &c = it->second;
    if (const auto tty = serial::ttyForUsbDevice(*c.usb)) {
        c.ttyPath = *tty;
        offer(c);
        return;
    }
    if (attemptsLeft > 0) {
        // Only the key is kept: no device reference outlives a stop().
        QTimer::singleShot(kTtyPollMs, this, [this, key, attemptsLeft] { waitForTty(key, attemptsLeft - 1); });
        return;
    }
    qCWarning(lcDevices) << "no tty appeared for" << c.vidPid << "- is its kernel driver missing?";
    offer(c); // opening fails with a message that says so
}

void DeviceManager::onUsbLeft(const usb::UsbDeviceInfo &info)
{
    if (!m_candidates.count(info.key()))
        return;
    qCInfo(lcDevices) << info.vidPid() << "unplugged from" << info.portPath;
    leave(info.key(), disconnectedMessage(m_candidates[info.key()].kind));
}

void DeviceManager::offer(const Candidate &c)
{
    m_candidates[c.key] = c;
    if (m_inService[std::size_t(c.kind)].isEmpty() || m_inService[std::size_t(c.kind)] == c.key) {
        bringIntoService(c);
        return;
    }
    DeviceRow spare;
    spare.kind = c.kind;
    spare.model = c.model;
    spare.vidPid = c.vidPid;
    spare.status = DeviceStatus::Disabled;
    spare.message = QStringLiteral("not used: another %1 is in service").arg(deviceKindName(c.kind));
    spare.present = true;
    spare.key = c.key;
    m_model->addSpare(spare);
}

void DeviceManager::bringIntoService(const Candidate &c)
{
    m_inService[std::size_t(c.kind)] = c.key;
    m_attached[std::size_t(c.kind)] = false;
    updateRow(c.kind, [&](DeviceRow &r) {
        r.model = c.model;
        r.vidPid = c.vidPid;
        r.transport.clear();
        r.status = DeviceStatus::Unknown;
        r.message = QStringLiteral("connecting");
        r.present = true;
        r.key = c.key;
    });
    switch (c.kind) {
    case DeviceKind::IdCardReader: openIdCard(c); break;
    case DeviceKind::ReceiptPrinter: openPrinter(c); break;
    case DeviceKind::CodeScanner: openScanner(c); break;
    }
}

void DeviceManager::leave(const QString &key, const QString &reason)
{
    const auto it = m_candidates.find(key);
    if (it == m_candidates.end())
        return;
    const Candidate c = it->second;
    m_candidates.erase(it);
    m_model->removeSpare(key);
    const auto k = std::size_t(c.kind);
    if (m_inService[k] != key)
        return;
    m_inService[k].clear();
    m_attached[k] = false;
    switch (c.kind) {
    case DeviceKind::IdCardReader:
        m_reader->cancelTransfers();
        QMetaObject::invokeMethod(m_reader, [r = m_reader, reason] { r->detach(reason); }, Qt::QueuedConnection);
        break;
    case DeviceKind::ReceiptPrinter:
        m_printer->cancelTransfers();
        QMetaObject::invokeMethod(m_printer, [p = m_printer, reason] { p->detach(reason); }, Qt::QueuedConnection);
        break;
    case DeviceKind::CodeScanner:
        m_scanner->cancelTransfers();
        QMetaObject::invokeMethod(m_scanner, [s = m_scanner, reason] { s->detach(reason); }, Qt::QueuedConnection);
        break;
    }
    updateRow(c.kind, [&](DeviceRow &r) {
        r.status = DeviceStatus::Fault;
        r.message = reason;
        r.present = false;
        r.transport.clear();
        r.key.clear();
    });
    Q_EMIT deviceStatusChanged(kindId(c.kind), int(DeviceStatus::Fault), reason);
    Q_EMIT deviceFault(kindId(c.kind), reason);
    Q_EMIT statusChanged();
    // A spare of the same kind takes over.
    if (const int spare = m_model->spareOf(c.kind); spare >= 0) {
        const QString spareKey = m_model->rows()[std::size_t(spare)].key;
        m_model->removeSpare(spareKey);
        bringIntoService(m_candidates[spareKey]);
    }
}

void DeviceManager::openIdCard(const Candidate &c)
{
    auto sam = m_simSam;
    QMetaObject::invokeMethod(m_reader, [this, reader = m_reader, c, sam] {
        QString error;
        std::unique_ptr<idcard::SamTransport> t;
        if (c.simulated) {
            t = std::make_unique<idcard::StreamSamTransport>(std::make_shared<sim::SimulatedIo>(sam, QStringLiteral("simulated-bulk")));
        } else if (!c.ttyPath.isEmpty()) {
            if (auto port = serial::SerialPort::open(c.ttyPath, &error))
                t = std::make_unique<idcard::StreamSamTransport>(std::shared_ptr<DeviceIo>(std::move(port)));
        } else if (c.usb && !(c.match.row->quirks & usb::SamOverTty)) {
            t = idcard::openUsbSamTransport(*c.usb, c.match, &error);
        } else {
            error = QStringLiteral("no serial line (tty) appeared for this reader: is its kernel driver (%1) available?")
                        .arg(QString::fromLatin1(c.match.row && c.match.row->kernelDriver ? c.match.row->kernelDriver : "?"));
        }
        if (!t) {
            QMetaObject::invokeMethod(this, [this, kind = c.kind, key = c.key, error] { onOpenFailed(kind, key, error); },
                                      Qt::QueuedConnection);
            return;
        }
        const QString name = t->name();
        QMetaObject::invokeMethod(this, [this, kind = c.kind, key = c.key, name] { onOpened(kind, key, name); }, Qt::QueuedConnection);
        reader->attach(std::shared_ptr<idcard::SamTransport>(std::move(t)));
    }, Qt::QueuedConnection);
}

void DeviceManager::openPrinter(const Candidate &c)
{
    printer::PrinterProfile profile;
    if (c.simulated)
        profile = printer::PrinterProfile::fromQuirks(quirksOf(0x0416, 0x5011));
    else if (c.match.row)
        profile = printer::PrinterProfile::fromQuirks(c.match.row->quirks);
    m_printerProfile = profile;
    auto simPrinter = m_simPrinter;
    QMetaObject::invokeMethod(m_printer, [this, p = m_printer, c, profile, simPrinter] {
        QString error;
        std::shared_ptr<DeviceIo> io;
        bool bidirectional = true;
        if (c.simulated) {
            io = std::make_shared<sim::SimulatedIo>(simPrinter, QStringLiteral("simulated-usb-printer"));
        } else if (c.usb) {
            const usb::UsbInterface *itf = c.usb->interface(c.match.interfaceNumber);
            const auto outs = itf ? itf->endpointsOf(usb::TransferType::Bulk, false) : std::vector<usb::UsbEndpoint>{};
            const auto ins = itf ? itf->endpointsOf(usb::TransferType::Bulk, true) : std::vector<usb::UsbEndpoint>{};
            if (outs.empty()) {
                error = QStringLiteral("the printer interface has no bulk OUT endpoint");
            } else if (auto handle = usb::UsbHandle::open(*c.usb, c.match.interfaceNumber, &error)) {
                // Printer-class protocol 1 is unidirectional: no status comes back.
                bidirectional = !ins.empty() && itf->protocol != 1;
                io = std::make_shared<usb::UsbEndpointIo>(handle, outs.front().address, ins.empty() ? 0 : ins.front().address,
                                                          usb::TransferType::Bulk);
            }
        }
        if (!io) {
            QMetaObject::invokeMethod(this, [this, kind = c.kind, key = c.key, error] { onOpenFailed(kind, key, error); },
                                      Qt::QueuedConnection);
            return;
        }
        const QString name = io->transportName();
        QMetaObject::invokeMethod(this, [this, kind = c.kind, key = c.key, name] { onOpened(kind, key, name); }, Qt::QueuedConnection);
        p->attach(io, profile, bidirectional);
    }, Qt::QueuedConnection);
}

void DeviceManager::openScanner(const Candidate &c)
{
    auto simScanner = m_simScanner;
    QMetaObject::invokeMethod(m_scanner, [this, s = m_scanner, c, simScanner] {
        QString error;
        std::shared_ptr<DeviceIo> io;
        auto protocol = scanner::ScannerProtocol::HidPos;
        int reportSize = 64;
        if (c.simulated) {
            io = std::make_shared<sim::SimulatedIo>(simScanner, QStringLiteral("simulated-hid-pos"));
            protocol = simScanner->protocol();
            reportSize = simScanner->reportSize();
        } else if (c.usb) {
            const usb::UsbInterface *itf = c.usb->interface(c.match.interfaceNumber);
            const auto ins = itf ? itf->endpointsOf(usb::TransferType::Interrupt, true) : std::vector<usb::UsbEndpoint>{};
            std::shared_ptr<usb::UsbHandle> handle;
            if (ins.empty())
                error = QStringLiteral("the scanner interface has no interrupt IN endpoint");
            else
                handle = usb::UsbHandle::open(*c.usb, c.match.interfaceNumber, &error);
            if (handle) {
                const std::uint32_t quirks = c.match.row->quirks;
                const auto index = std::uint16_t(c.match.interfaceNumber);
                bool known = true;
                if (quirks & usb::ScannerKeyboard) {
                    protocol = scanner::ScannerProtocol::Keyboard;
                } else if (quirks & usb::ScannerHidPos) {
                    protocol = scanner::ScannerProtocol::HidPos;
                } else {
                    // Not told by the table: ask the report descriptor (GET_DESCRIPTOR, type 0x22).
                    std::vector<std::uint8_t> descriptor(std::size_t(std::max(0, itf->hidReportDescriptorLength())));
                    const IoResult r = descriptor.empty() ? IoResult{IoError::Io, 0}
                                                          : handle->control(0x81, 0x06, 0x2200, index, descriptor, 500ms);
                    const auto pages = r.ok() ? scanner::hidUsagePages(std::span(descriptor.data(), r.transferred)) : std::nullopt;
                    if (pages && std::find(pages->begin(), pages->end(), scanner::kBarCodeScannerPage) != pages->end())
                        protocol = scanner::ScannerProtocol::HidPos;
                    else if (itf->subClass == 1 && itf->protocol == 1)
                        protocol = scanner::ScannerProtocol::Keyboard;
                    else
                        known = false;
                }
                if (!known) {
                    error = QStringLiteral("neither a HID POS scanner nor a boot keyboard");
                } else {
                    if (protocol == scanner::ScannerProtocol::Keyboard && itf->subClass == 1) {
                        // SET_PROTOCOL(boot): the 8-byte report layout the decoder reads.
                        [[maybe_unused]] const IoResult r = handle->control(0x21, 0x0B, 0, index, {}, 500ms);
                    }
                    reportSize = ins.front().maxPacketSize;
                    io = std::make_shared<usb::UsbEndpointIo>(handle, 0, ins.front().address, usb::TransferType::Interrupt);
                }
            }
        }
        if (!io) {
            QMetaObject::invokeMethod(this, [this, kind = c.kind, key = c.key, error] { onOpenFailed(kind, key, error); },
                                      Qt::QueuedConnection);
            return;
        }
        const QString name = protocol == scanner::ScannerProtocol::HidPos ? io->transportName() + QStringLiteral("-hid-pos")
                                                                          : io->transportName() + QStringLiteral("-keyboard");
        QMetaObject::invokeMethod(this, [this, kind = c.kind, key = c.key, name = c.simulated ? QStringLiteral("simulated-hid-pos") : name] {
            onOpened(kind, key, name);
        }, Qt::QueuedConnection);
        s->attach(io, protocol, reportSize);
    }, Qt::QueuedConnection);
}

void DeviceManager::onOpened(DeviceKind kind, const QString &key, const QString &transport)
{
    if (m_inService[std::size_t(kind)] != key)
        return;
    m_attached[std::size_t(kind)] = true;
    updateRow(kind, [&](DeviceRow &r) { r.transport = transport; });
}

void DeviceManager::onOpenFailed(DeviceKind kind, const QString &key, const QString &error)
{
    if (m_inService[std::size_t(kind)] != key)
        return;
    qCWarning(lcDevices) << deviceKindName(kind) << "cannot be used:" << error;
    const QString message = QStringLiteral("%1 cannot be used: %2").arg(deviceKindName(kind), error);
    updateRow(kind, [&](DeviceRow &r) {
        r.status = DeviceStatus::Fault;
        r.message = message;
    });
    Q_EMIT deviceStatusChanged(kindId(kind), int(DeviceStatus::Fault), message);
    Q_EMIT deviceFault(kindId(kind), message);
    Q_EMIT statusChanged();
}

void DeviceManager::onDriverStatus(DeviceKind kind, DeviceStatus status, const QString &message)
{
    if (!m_attached[std::size_t(kind)])
        return; // a late report from a device already gone, or not yet confirmed
    const DeviceRow before = m_model->inService(kind);
    if (before.status == status && before.message == message)
        return;
    updateRow(kind, [&](DeviceRow &r) {
        r.status = status;
        r.message = message;
    });
    Q_EMIT deviceStatusChanged(kindId(kind), int(status), message);
    if (status == DeviceStatus::Fault)
        Q_EMIT deviceFault(kindId(kind), message);
    Q_EMIT statusChanged();
}

void DeviceManager::updateRow(DeviceKind kind, const std::function<void(DeviceRow &)> &change)
{
    DeviceRow r = m_model->inService(kind);
    change(r);
    m_model->setRow(DeviceListModel::rowOf(kind), r);
}

QVariantMap DeviceManager::cardMap() const
{
    if (!m_card)
        return {};
    const idcard::IdCard &c = *m_card;
    return {
        {QStringLiteral("name"), c.name},
        {QStringLiteral("gender"), c.genderName()},
        {QStringLiteral("genderCode"), c.genderCode},
        {QStringLiteral("nation"), c.nation},
        {QStringLiteral("nationCode"), c.nationCode},
        {QStringLiteral("birthDate"), c.birthDate},
        {QStringLiteral("address"), c.address},
        {QStringLiteral("idNumber"), c.idNumber},
        {QStringLiteral("idNumberMasked"), c.idNumberMasked()},
        {QStringLiteral("authority"), c.authority},
        {QStringLiteral("validFrom"), c.validFrom},
        {QStringLiteral("validTo"), c.validTo},
        {QStringLiteral("validForever"), c.validForever},
        {QStringLiteral("expired"), c.isExpiredToday()},
        {QStringLiteral("hasPhoto"), c.hasPhoto()},
    };
}

QStringList DeviceManager::sampleCardNames() const
{
    QStringList names;
    const auto &cards = sim::sampleCards();
    for (int i = 0; i < int(cards.size()); ++i) {
        const auto &c = cards[std::size_t(i)];
        names << QStringLiteral("%1 %2 %3%4").arg(i).arg(c.name, c.idNumberMasked(),
                                                     c.validForever ? QStringLiteral(" 长期") : c.isExpiredToday() ? QStringLiteral(" expired") : QString());
    }
    return names;
}

void DeviceManager::clearCard()
{
    if (!m_card)
        return;
    m_card->wipe();
    m_card.reset();
    Q_EMIT cardChanged();
}

int DeviceManager::printReceipt(const QVariantMap &receipt)
{
    printer::ReceiptData r;
    r.terminalName = receipt.value(QStringLiteral("terminalName")).toString();
    r.itemName = receipt.value(QStringLiteral("itemName")).toString();
    const QVariant time = receipt.value(QStringLiteral("time"));
    r.time = time.typeId() == QMetaType::QString ? QDateTime::fromString(time.toString(), Qt::ISODate) : time.toDateTime();
    if (!r.time.isValid())
        r.time = QDateTime::currentDateTime();
    r.trackingNumber = receipt.value(QStringLiteral("trackingNumber")).toString();
    r.qrPayload = receipt.value(QStringLiteral("qrPayload")).toString();
    r.notes = receipt.value(QStringLiteral("notes")).toStringList();
    r.footer = receipt.value(QStringLiteral("footer")).toString();
    const bool handBack = receipt.value(QStringLiteral("handBack")).toBool();
    return print(r, handBack ? printer::JobPolicy::HandBack : printer::JobPolicy::ReprintAfterRecovery);
}

int DeviceManager::print(const printer::ReceiptData &receipt, printer::JobPolicy policy)
{
    return printRaw(printer::encodeReceipt(receipt, m_printerProfile), policy);
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

bool DeviceManager::requireSimulation(const char *what) const
{
    if (m_simulate && m_running)
        return true;
    qCWarning(lcDevices) << what << "needs the simulated devices (kiosk --simulate)";
    return false;
}

std::optional<DeviceKind> DeviceManager::kindOf(const QString &id) const
{
    return deviceKindFromId(id);
}

bool DeviceManager::insertCard(int sample)
{
    return requireSimulation("insertCard") && m_simSam->insertCard(sample);
}

bool DeviceManager::removeCard()
{
    if (!requireSimulation("removeCard"))
        return false;
    m_simSam->removeCard();
    return true;
}

bool DeviceManager::scanCode(const QString &code)
{
    return requireSimulation("scanCode") && m_simScanner->scan(code.toUtf8());
}

bool DeviceManager::setPaper(const QString &state)
{
    if (!requireSimulation("setPaper"))
        return false;
    using P = sim::SimulatedPrinter::Paper;
    if (state == QLatin1String("ok"))
        m_simPrinter->setPaper(P::Ok);
    else if (state == QLatin1String("low"))
        m_simPrinter->setPaper(P::NearEnd);
    else if (state == QLatin1String("out"))
        m_simPrinter->setPaper(P::Out);
    else
        return false;
    QMetaObject::invokeMethod(m_printer, &printer::ReceiptPrinter::refresh, Qt::QueuedConnection);
    return true;
}

bool DeviceManager::setPaperRemaining(int dots)
{
    if (!requireSimulation("setPaperRemaining"))
        return false;
    m_simPrinter->setPaperRemaining(dots);
    return true;
}

bool DeviceManager::openCover(bool open)
{
    if (!requireSimulation("openCover"))
        return false;
    m_simPrinter->setCoverOpen(open);
    QMetaObject::invokeMethod(m_printer, &printer::ReceiptPrinter::refresh, Qt::QueuedConnection);
    return true;
}

bool DeviceManager::unplug(const QString &kind)
{
    const auto k = kindOf(kind);
    if (!requireSimulation("unplug") || !k)
        return false;
    const QString key = QStringLiteral("sim:") + kind;
    if (!m_candidates.count(key))
        return false;
    switch (*k) {
    case DeviceKind::IdCardReader: m_simSam->setPlugged(false); break;
    case DeviceKind::ReceiptPrinter: m_simPrinter->setPlugged(false); break;
    case DeviceKind::CodeScanner: m_simScanner->setPlugged(false); break;
    }
    qCInfo(lcDevices) << "simulated" << deviceKindName(*k) << "unplugged";
    leave(key, disconnectedMessage(*k));
    return true;
}

bool DeviceManager::replug(const QString &kind)
{
    const auto k = kindOf(kind);
    if (!requireSimulation("replug") || !k)
        return false;
    const QString key = QStringLiteral("sim:") + kind;
    if (m_candidates.count(key))
        return false; // already plugged
    for (const auto &row : usb::simulatedDevices()) {
        if (row.kind != *k)
            continue;
        switch (*k) {
        case DeviceKind::IdCardReader: m_simSam->setPlugged(true); break;
        case DeviceKind::ReceiptPrinter: m_simPrinter->setPlugged(true); break;
        case DeviceKind::CodeScanner: m_simScanner->setPlugged(true); break;
        }
        Candidate c;
        c.kind = row.kind;
        c.key = key;
        c.model = QString::fromUtf8(row.model);
        c.vidPid = QStringLiteral("%1:%2").arg(row.vendorId, 4, 16, QLatin1Char('0')).arg(row.productId, 4, 16, QLatin1Char('0'));
        c.simulated = true;
        offer(c);
        return true;
    }
    return false;
}

QString DeviceManager::runCommand(const QString &line)
{
    const QStringList w = line.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (w.isEmpty() || w.first().startsWith(QLatin1Char('#')))
        return {};
    if (!m_simulate || !m_running)
        return QStringLiteral("the simulator is not running");
    const QString cmd = w.first();
    const QString arg = w.value(1);
    auto result = [&](bool ok) { return ok ? QString() : QStringLiteral("cannot do \"%1\"").arg(line.simplified()); };
    bool numberOk = false;
    if (cmd == QLatin1String("insert"))
        return result(insertCard(arg.toInt(&numberOk)) && numberOk);
    if (cmd == QLatin1String("remove"))
        return result(removeCard());
    if (cmd == QLatin1String("scan") && w.size() > 1)
        return result(scanCode(line.simplified().section(QLatin1Char(' '), 1)));
    if (cmd == QLatin1String("paper"))
        return result(setPaper(arg));
    if (cmd == QLatin1String("paper-runs-out"))
        return result(setPaperRemaining(arg.toInt(&numberOk)) && numberOk);
    if (cmd == QLatin1String("cover") && (arg == QLatin1String("open") || arg == QLatin1String("closed")))
        return result(openCover(arg == QLatin1String("open")));
    if (cmd == QLatin1String("cutter") && (arg == QLatin1String("jam") || arg == QLatin1String("ok"))) {
        m_simPrinter->setCutterJammed(arg == QLatin1String("jam"));
        QMetaObject::invokeMethod(m_printer, &printer::ReceiptPrinter::refresh, Qt::QueuedConnection);
        return {};
    }
    if (cmd == QLatin1String("sam-fault")) {
        const int code = arg == QLatin1String("off") ? 0 : arg.toInt(&numberOk, 16);
        if (arg != QLatin1String("off") && (!numberOk || code < 0 || code > 0xFF))
            return result(false);
        m_simSam->setSamFault(std::uint8_t(code));
        return {};
    }
    if (cmd == QLatin1String("unplug"))
        return result(unplug(arg));
    if (cmd == QLatin1String("replug"))
        return result(replug(arg));
    if (cmd == QLatin1String("print"))
        return result(print(printer::sampleReceipt(), arg == QLatin1String("handback") ? printer::JobPolicy::HandBack
                                                                                          : printer::JobPolicy::ReprintAfterRecovery) > 0);
    return QStringLiteral("unknown command \"%1\"").arg(cmd);
}

} // namespace kiosk::devices
