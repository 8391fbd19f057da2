// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/printer/printerstatus.h"

#include <QStringList>

namespace kiosk::devices::printer {

bool PrinterStatus::ready() const
{
    return !offline && !coverOpen && !stoppedForPaperEnd && !errorOccurred && !autocutterError
        && !unrecoverableError && !paperOut;
}

DeviceStatus PrinterStatus::deviceStatus() const
{
    if (!ready())
        return DeviceStatus::Fault;
    return paperNearEnd ? DeviceStatus::Warning : DeviceStatus::Normal;
}

DeviceError PrinterStatus::deviceError() const
{
    // The first that applies, in the order a technician would deal with them (as message()).
    if (paperOut || stoppedForPaperEnd)
        return DeviceError::PaperOut;
    if (coverOpen)
        return DeviceError::CoverOpen;
    if (autocutterError)
        return DeviceError::CutterJammed;
    if (unrecoverableError || errorOccurred)
        return DeviceError::PrinterError;
    if (offline)
        return DeviceError::Offline;
    if (paperNearEnd)
        return DeviceError::PaperNearEnd;
    return DeviceError::None;
}

QString PrinterStatus::message() const
{
    QStringList parts;
    if (paperOut || stoppedForPaperEnd)
        parts << QStringLiteral("paper roll empty: replace the roll");
    if (coverOpen)
        parts << QStringLiteral("printer cover open: close it");
    if (autocutterError)
        parts << QStringLiteral("paper cutter jammed: clear the cutter");
    if (unrecoverableError)
        parts << QStringLiteral("unrecoverable printer error: switch the printer off and on");
    if (errorOccurred && !autocutterError && !unrecoverableError)
        parts << QStringLiteral("printer error");
    if (offline && parts.isEmpty())
        parts << QStringLiteral("printer offline");
    if (parts.isEmpty() && paperNearEnd)
        parts << QStringLiteral("paper low: replace the roll soon");
    if (parts.isEmpty())
        return QStringLiteral("ready");
    return parts.join(QStringLiteral("; "));
}

QString statusErrorName(StatusError error)
{
    switch (error) {
    case StatusError::None: return QStringLiteral("ok");
    case StatusError::BadRequest: return QStringLiteral("bad-request");
    case StatusError::InvalidByte: return QStringLiteral("invalid-status-byte");
    }
    return QStringLiteral("unknown");
}

StatusError applyStatusByte(int n, std::uint8_t b, PrinterStatus &s)
{
    if (n < 1 || n > 4)
        return StatusError::BadRequest;
    if (!isStatusByte(b))
        return StatusError::InvalidByte;
    switch (n) {
    case 1: s.offline = b & 0x08; break;
    case 2:
        s.coverOpen = b & 0x04;
        s.stoppedForPaperEnd = b & 0x20;
        s.errorOccurred = b & 0x40;
        break;
    case 3:
        s.autocutterError = b & 0x08;
        s.unrecoverableError = b & 0x20;
        break;
    case 4:
        // Both sensor bits are set together; either one is taken as the condition.
        s.paperNearEnd = b & 0x0C;
        s.paperOut = b & 0x60;
        break;
    }
    return StatusError::None;
}

std::optional<std::uint8_t> statusReply(std::span<const std::uint8_t> received, StatusError *error)
{
    for (auto it = received.rbegin(); it != received.rend(); ++it) {
        if (isStatusByte(*it)) {
            if (error)
                *error = StatusError::None;
            return *it;
        }
    }
    if (error)
        *error = StatusError::InvalidByte;
    return std::nullopt;
}

} // namespace kiosk::devices::printer
