// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/devicestatus.h"

#include <QMetaEnum>

namespace kiosk::devices {

namespace {

/** "PaperNearEnd" → "paper-near-end". */
template<typename E>
QString kebabName(E value)
{
    const char *key = QMetaEnum::fromType<E>().valueToKey(int(value));
    if (!key)
        return QStringLiteral("unknown");
    QString out;
    for (const char *p = key; *p; ++p) {
        const QChar c = QLatin1Char(*p);
        if (c.isUpper() && p != key)
            out += QLatin1Char('-');
        out += c.toLower();
    }
    return out;
}

} // namespace

static_assert(int(KindEnum::Kind::CodeScanner) == int(DeviceKind::CodeScanner));
static_assert(int(KindEnum::Kind::A4Printer) == int(DeviceKind::A4Printer));

QString statusName(DeviceStatus status)
{
    return kebabName(status);
}

QString errorName(DeviceError error)
{
    return kebabName(error);
}

QString errorName(CardReadError error)
{
    return kebabName(error);
}

QString errorName(PrintError error)
{
    return kebabName(error);
}

DeviceStatus statusFromCode(int code)
{
    if (code < -1 || code > 4)
        return DeviceStatus::Unknown;
    return static_cast<DeviceStatus>(code);
}

PrintError printErrorOf(DeviceError error)
{
    switch (error) {
    case DeviceError::None:
    case DeviceError::PaperNearEnd:
    case DeviceError::NoStatusReports:
    case DeviceError::TonerLow:
    case DeviceError::NotInService: return PrintError::None;
    case DeviceError::PaperOut: return PrintError::PaperOut;
    case DeviceError::CoverOpen:
    case DeviceError::DoorOpen: return PrintError::CoverOpen;
    case DeviceError::CutterJammed: return PrintError::CutterJammed;
    case DeviceError::PrinterError:
    case DeviceError::PaperJam:
    case DeviceError::TonerEmpty:
    case DeviceError::JobCancelled:
    case DeviceError::DocumentRejected:
    case DeviceError::SamFault: return PrintError::PrinterError;
    case DeviceError::Offline: return PrintError::Offline;
    case DeviceError::Disconnected:
    case DeviceError::CannotOpen: return PrintError::Disconnected;
    case DeviceError::NotResponding: return PrintError::NotResponding;
    case DeviceError::GarbledReply:
    case DeviceError::TransferFailed: return PrintError::NotAccepting;
    case DeviceError::Stopped: return PrintError::NotRunning;
    }
    return PrintError::PrinterError;
}

} // namespace kiosk::devices
