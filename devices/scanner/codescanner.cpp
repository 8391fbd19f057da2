// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/scanner/codescanner.h"
#include "devices/deviceslogging.h"

#include <QTimer>

#include <vector>

namespace kiosk::devices::scanner {

CodeScanner::CodeScanner(QObject *parent)
    : DeviceDriver(parent)
{
    qRegisterMetaType<ScannerProtocol>();
    qRegisterMetaType<DeviceStatus>();
    qRegisterMetaType<DeviceError>();
    qRegisterMetaType<std::shared_ptr<DeviceIo>>();
}

CodeScanner::~CodeScanner() = default;

void CodeScanner::cancel()
{
    m_io.cancel();
}

void CodeScanner::attach(std::shared_ptr<DeviceIo> io, ScannerProtocol protocol, int reportSize)
{
    m_io.exchange(std::move(io));
    m_protocol = protocol;
    m_reportSize = std::max(8, reportSize);
    m_pos.reset();
    m_keyboard.reset();
    m_errors = 0;
    ++m_generation;
    qCInfo(lcScanner) << "scanner attached over" << m_io->transportName()
                      << (protocol == ScannerProtocol::HidPos ? "(HID POS)" : "(keyboard wedge)");
    publish(DeviceStatus::Normal, DeviceError::None, QStringLiteral("ready: scan a code"));
    QMetaObject::invokeMethod(this, &CodeScanner::readOnce, Qt::QueuedConnection);
}

void CodeScanner::detach(DeviceError reason, const QString &detail)
{
    ++m_generation;
    m_io.release();
    if (reason != DeviceError::None)
        publish(DeviceStatus::Fault, reason, detail);
}

void CodeScanner::readOnce()
{
    if (!m_io)
        return;
    const int generation = m_generation;
    std::vector<std::uint8_t> report(static_cast<std::size_t>(m_reportSize));
    const IoResult r = m_io->read(report, m_readTimeout);
    if (generation != m_generation)
        return;
    if (r.error == IoError::NoDevice || r.error == IoError::Cancelled) {
        m_io.reset();
        if (r.error == IoError::NoDevice)
            publish(DeviceStatus::Fault, DeviceError::Disconnected, QStringLiteral("code scanner disconnected: check its USB cable"));
        return;
    }
    if (r.ok() && r.transferred > 0) {
        m_errors = 0;
        const std::span<const std::uint8_t> bytes(report.data(), r.transferred);
        if (m_protocol == ScannerProtocol::HidPos) {
            if (auto code = m_pos.feed(bytes)) {
                qCInfo(lcScanner) << "code scanned," << code->size() << "bytes" << m_pos.symbology();
                Q_EMIT codeScanned(*code, codeText(*code));
            } else if (m_pos.lastError() != ReportError::None && m_pos.lastError() != ReportError::UnknownReportId) {
                qCWarning(lcScanner) << "bad HID POS report:" << reportErrorName(m_pos.lastError());
            }
        } else if (auto code = m_keyboard.feed(bytes)) {
            qCInfo(lcScanner) << "code scanned," << code->size() << "characters";
            Q_EMIT codeScanned(code->toLatin1(), *code);
        } else if (m_keyboard.lastError() != ReportError::None) {
            qCWarning(lcScanner) << "bad keyboard report:" << reportErrorName(m_keyboard.lastError());
        }
        publish(DeviceStatus::Normal, DeviceError::None, QStringLiteral("ready: scan a code"));
    } else if (!r.ok() && r.error != IoError::Timeout) {
        // A stalled or failing endpoint: back off so a broken device cannot spin this thread.
        if (++m_errors >= 3)
            publish(DeviceStatus::Fault, DeviceError::TransferFailed, QStringLiteral("code scanner not working (%1)").arg(ioErrorName(r.error)));
        QTimer::singleShot(500, this, [this, generation] {
            if (generation == m_generation)
                readOnce();
        });
        return;
    }
    QMetaObject::invokeMethod(this, &CodeScanner::readOnce, Qt::QueuedConnection);
}

} // namespace kiosk::devices::scanner
