// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/simulator/simulatorconsole.h"
#include "devices/devicelistmodel.h"
#include "devices/devicemanager.h"
#include "devices/deviceslogging.h"
#include "devices/printer/receipt.h"
#include "devices/simulator/simulateda4printer.h"
#include "devices/simulator/simulatedprinter.h"
#include "devices/simulator/simulatedsam.h"
#include "devices/simulator/simulatedscanner.h"

#include <QJSEngine>

namespace kiosk::devices::sim {

namespace {

SimulatorConsole *g_qmlInstance = nullptr;

} // namespace

SimulatorConsole::SimulatorConsole(DeviceManager *manager)
    : QObject(manager)
    , m_manager(manager)
    , m_sam(std::make_shared<SimulatedSam>())
    , m_printer(std::make_shared<SimulatedPrinter>())
    , m_scanner(std::make_shared<SimulatedScanner>(scanner::ScannerProtocol::HidPos))
    , m_a4(std::make_shared<SimulatedA4Printer>())
{
    m_printer->setReceiptCallback([this](const PrintedReceipt &receipt, const QString &png) {
        // On the printer's thread: the console lives on the GUI thread.
        QMetaObject::invokeMethod(this, [this, png, text = receipt.plainText()] {
            m_lastReceiptImage = png;
            m_lastReceiptText = text;
            Q_EMIT receiptRendered(png);
        }, Qt::QueuedConnection);
    });
    manager->addSimulatedDevice(DeviceKind::IdCardReader, m_sam);
    manager->addSimulatedDevice(DeviceKind::ReceiptPrinter, m_printer);
    manager->addSimulatedDevice(DeviceKind::CodeScanner, m_scanner);
    manager->addSimulatedDevice(DeviceKind::A4Printer, m_a4);
}

SimulatorConsole::~SimulatorConsole()
{
    // The printer's thread is gone by now (the manager stops first); no callback may follow.
    m_printer->setReceiptCallback({});
    if (g_qmlInstance == this)
        g_qmlInstance = nullptr;
}

SimulatorConsole *SimulatorConsole::create(QQmlEngine *, QJSEngine *)
{
    if (!g_qmlInstance) {
        qCWarning(lcDevices) << "Simulator used in QML on a terminal with real devices";
        return nullptr;
    }
    QJSEngine::setObjectOwnership(g_qmlInstance, QJSEngine::CppOwnership);
    return g_qmlInstance;
}

void SimulatorConsole::setQmlInstance(SimulatorConsole *console)
{
    g_qmlInstance = console;
}

void SimulatorConsole::prepare(const DeviceOptions &options)
{
    m_sam->setLatency(options.realisticSimulation ? SimulatedSam::kRealistic : SimulatedSam::Latency{});
    m_printer->setOutputDirectory(options.receiptOutputDir);
    m_a4->setPageTime(options.simulatedA4PageTime);
    QString error;
    if (!m_a4->start(&error))
        qCWarning(lcDevices) << "the simulated A4 printer cannot start:" << error;
}

QStringList SimulatorConsole::sampleCardNames() const
{
    QStringList names;
    const auto &cards = sampleCards();
    for (int i = 0; i < int(cards.size()); ++i) {
        const auto &c = cards[std::size_t(i)];
        names << QStringLiteral("%1 %2 %3%4").arg(i).arg(c.name, c.idNumberMasked(),
                                                     c.validForever ? QStringLiteral(" 长期") : c.isExpiredToday() ? QStringLiteral(" expired") : QString());
    }
    return names;
}

bool SimulatorConsole::running(const char *what) const
{
    if (m_manager->isRunning())
        return true;
    qCWarning(lcDevices) << what << "needs the device layer running";
    return false;
}

bool SimulatorConsole::insertCard(int sample)
{
    return running("insertCard") && m_sam->insertCard(sample);
}

bool SimulatorConsole::removeCard()
{
    if (!running("removeCard"))
        return false;
    m_sam->removeCard();
    return true;
}

bool SimulatorConsole::scanCode(const QString &code)
{
    return running("scanCode") && m_scanner->scan(code.toUtf8());
}

bool SimulatorConsole::setPaper(const QString &state)
{
    if (!running("setPaper"))
        return false;
    using P = SimulatedPrinter::Paper;
    if (state == QLatin1String("ok"))
        m_printer->setPaper(P::Ok);
    else if (state == QLatin1String("low"))
        m_printer->setPaper(P::NearEnd);
    else if (state == QLatin1String("out"))
        m_printer->setPaper(P::Out);
    else
        return false;
    m_manager->refresh(DeviceKind::ReceiptPrinter);
    return true;
}

bool SimulatorConsole::setPaperRemaining(int dots)
{
    if (!running("setPaperRemaining"))
        return false;
    m_printer->setPaperRemaining(dots);
    return true;
}

bool SimulatorConsole::openCover(bool open)
{
    if (!running("openCover"))
        return false;
    m_printer->setCoverOpen(open);
    m_manager->refresh(DeviceKind::ReceiptPrinter);
    return true;
}

bool SimulatorConsole::jamCutter(bool jammed)
{
    if (!running("jamCutter"))
        return false;
    m_printer->setCutterJammed(jammed);
    m_manager->refresh(DeviceKind::ReceiptPrinter);
    return true;
}

bool SimulatorConsole::setSamFault(int sw3)
{
    if (!running("setSamFault") || sw3 < 0 || sw3 > 0xFF)
        return false;
    m_sam->setSamFault(std::uint8_t(sw3));
    return true;
}

bool SimulatorConsole::setA4Paper(const QString &state)
{
    if (!running("setA4Paper") || (state != QLatin1String("ok") && state != QLatin1String("out")))
        return false;
    m_a4->setPaperOut(state == QLatin1String("out"));
    m_manager->refresh(DeviceKind::A4Printer);
    return true;
}

bool SimulatorConsole::setA4PaperRemaining(int pages)
{
    if (!running("setA4PaperRemaining") || pages < 0)
        return false;
    m_a4->setPaperRunsOutAfter(pages);
    return true;
}

bool SimulatorConsole::jamA4(bool jammed)
{
    if (!running("jamA4"))
        return false;
    m_a4->setJammed(jammed);
    m_manager->refresh(DeviceKind::A4Printer);
    return true;
}

bool SimulatorConsole::openA4Door(bool open)
{
    if (!running("openA4Door"))
        return false;
    m_a4->setDoorOpen(open);
    m_manager->refresh(DeviceKind::A4Printer);
    return true;
}

bool SimulatorConsole::setA4Toner(const QString &state)
{
    if (!running("setA4Toner"))
        return false;
    using T = SimulatedA4Printer::Toner;
    if (state == QLatin1String("ok"))
        m_a4->setToner(T::Ok);
    else if (state == QLatin1String("low"))
        m_a4->setToner(T::Low);
    else if (state == QLatin1String("empty"))
        m_a4->setToner(T::Empty);
    else
        return false;
    m_manager->refresh(DeviceKind::A4Printer);
    return true;
}

bool SimulatorConsole::setA4Offline(bool offline)
{
    if (!running("setA4Offline"))
        return false;
    m_a4->setOffline(offline);
    m_manager->refresh(DeviceKind::A4Printer);
    return true;
}

bool SimulatorConsole::unplug(const QString &kind)
{
    const auto k = deviceKindFromId(kind);
    return k && running("unplug") && m_manager->unplugSimulated(*k);
}

bool SimulatorConsole::replug(const QString &kind)
{
    const auto k = deviceKindFromId(kind);
    return k && running("replug") && m_manager->plugSimulated(*k);
}

QString SimulatorConsole::runCommand(const QString &line)
{
    const QStringList w = line.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (w.isEmpty() || w.first().startsWith(QLatin1Char('#')))
        return {};
    if (!m_manager->isRunning())
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
    if (cmd == QLatin1String("cutter") && (arg == QLatin1String("jam") || arg == QLatin1String("ok")))
        return result(jamCutter(arg == QLatin1String("jam")));
    if (cmd == QLatin1String("sam-fault")) {
        const int code = arg == QLatin1String("off") ? 0 : arg.toInt(&numberOk, 16);
        return result((arg == QLatin1String("off") || numberOk) && setSamFault(code));
    }
    if (cmd == QLatin1String("unplug"))
        return result(unplug(arg));
    if (cmd == QLatin1String("replug"))
        return result(replug(arg));
    if (cmd == QLatin1String("a4")) {
        const QString value = w.value(2);
        if (arg == QLatin1String("paper"))
            return result(setA4Paper(value));
        if (arg == QLatin1String("paper-runs-out"))
            return result(setA4PaperRemaining(value.toInt(&numberOk)) && numberOk);
        if (arg == QLatin1String("jam") && (value == QLatin1String("on") || value == QLatin1String("off")))
            return result(jamA4(value == QLatin1String("on")));
        if (arg == QLatin1String("door") && (value == QLatin1String("open") || value == QLatin1String("closed")))
            return result(openA4Door(value == QLatin1String("open")));
        if (arg == QLatin1String("toner"))
            return result(setA4Toner(value));
        if (arg == QLatin1String("offline") || arg == QLatin1String("online"))
            return result(setA4Offline(arg == QLatin1String("offline")));
        return result(false);
    }
    if (cmd == QLatin1String("print"))
        return result(m_manager->print(printer::sampleReceipt(), arg == QLatin1String("handback") ? printer::JobPolicy::HandBack
                                                                                                   : printer::JobPolicy::ReprintAfterRecovery) > 0);
    return QStringLiteral("unknown command \"%1\"").arg(cmd);
}

} // namespace kiosk::devices::sim
