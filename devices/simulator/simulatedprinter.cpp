// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/simulator/simulatedprinter.h"
#include "devices/deviceslogging.h"

#include <QDir>
#include <QElapsedTimer>

namespace kiosk::devices::sim {

SimulatedPrinter::SimulatedPrinter()
{
    m_decoder.onStatusRequest = [this](int n) { m_statusRequests.push_back(n); };
    m_decoder.onElement = [this](const PrintedElement &e) {
        if (m_remaining < 0)
            return;
        m_remaining -= e.heightDots();
        if (m_remaining <= 0) {
            // The roll ends mid-receipt: the printer stops, the rest of the job is lost.
            m_remaining = 0;
            m_paper = Paper::Out;
            m_interrupted.push_back(m_decoder.current());
            m_decoder.setPrinting(false);
            qCInfo(lcSimulator) << "simulated printer: paper ran out mid-receipt";
        }
    };
    m_decoder.onCut = [this](const PrintedReceipt &r) {
        m_receipts.push_back(r);
        QString png;
        if (!m_outputDir.isEmpty()) {
            const QImage img = renderReceipt(r);
            if (!img.isNull()) {
                QDir().mkpath(m_outputDir);
                png = QDir(m_outputDir).filePath(QStringLiteral("receipt-%1.png").arg(m_receipts.size(), 4, 10, QLatin1Char('0')));
                if (!img.save(png))
                    png.clear();
            }
        }
        m_finished.emplace_back(r, png);
    };
}

void SimulatedPrinter::setPaper(Paper paper)
{
    std::lock_guard lock(m_stateMutex);
    m_paper = paper;
    m_remaining = -1;
    m_decoder.setPrinting(paper != Paper::Out && !m_coverOpen);
}

SimulatedPrinter::Paper SimulatedPrinter::paper() const
{
    std::lock_guard lock(m_stateMutex);
    return m_paper;
}

void SimulatedPrinter::setPaperRemaining(int dots)
{
    std::lock_guard lock(m_stateMutex);
    m_remaining = dots;
}

void SimulatedPrinter::setCoverOpen(bool open)
{
    std::lock_guard lock(m_stateMutex);
    m_coverOpen = open;
    m_decoder.setPrinting(m_paper != Paper::Out && !open);
}

void SimulatedPrinter::setCutterJammed(bool jammed)
{
    std::lock_guard lock(m_stateMutex);
    m_cutterJammed = jammed;
}

void SimulatedPrinter::setOutputDirectory(const QString &dir)
{
    std::lock_guard lock(m_stateMutex);
    m_outputDir = dir;
}

void SimulatedPrinter::setReceiptCallback(std::function<void(const PrintedReceipt &, const QString &)> callback)
{
    std::lock_guard lock(m_stateMutex);
    m_callback = std::move(callback);
}

std::vector<PrintedReceipt> SimulatedPrinter::receipts() const
{
    std::lock_guard lock(m_stateMutex);
    return m_receipts;
}

std::vector<PrintedReceipt> SimulatedPrinter::interruptedReceipts() const
{
    std::lock_guard lock(m_stateMutex);
    return m_interrupted;
}

QStringList SimulatedPrinter::problems() const
{
    std::lock_guard lock(m_stateMutex);
    return m_decoder.problems();
}

std::uint8_t SimulatedPrinter::statusByte(int n) const
{
    std::lock_guard lock(m_stateMutex);
    // Fixed bits of every reply: bit 4 and bit 1 set.
    std::uint8_t b = 0x12;
    const bool out = m_paper == Paper::Out;
    switch (n) {
    case 1:
        if (out || m_coverOpen || m_cutterJammed)
            b |= 0x08; // offline
        break;
    case 2:
        if (m_coverOpen)
            b |= 0x04;
        if (out)
            b |= 0x20;
        if (m_cutterJammed)
            b |= 0x40;
        break;
    case 3:
        if (m_cutterJammed)
            b |= 0x08;
        break;
    case 4:
        if (out || m_paper == Paper::NearEnd)
            b |= 0x0C;
        if (out)
            b |= 0x60;
        break;
    default: break;
    }
    return b;
}

void SimulatedPrinter::onHostData(std::span<const std::uint8_t> bytes)
{
    QElapsedTimer busy;
    busy.start();
    std::vector<int> requests;
    std::vector<std::pair<PrintedReceipt, QString>> finished;
    std::function<void(const PrintedReceipt &, const QString &)> callback;
    {
        std::lock_guard lock(m_stateMutex);
        m_decoder.feed(bytes);
        requests.swap(m_statusRequests);
        finished.swap(m_finished);
        callback = m_callback;
    }
    for (int n : requests)
        deliver(QByteArray(1, char(statusByte(n))));
    addBusyTime(std::chrono::nanoseconds(busy.nsecsElapsed()));
    if (callback) {
        for (const auto &[r, png] : finished)
            callback(r, png);
    }
}

} // namespace kiosk::devices::sim
