// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/deviceio.h"

namespace kiosk::devices {

QString ioErrorName(IoError error)
{
    switch (error) {
    case IoError::None: return QStringLiteral("ok");
    case IoError::Timeout: return QStringLiteral("timeout");
    case IoError::Cancelled: return QStringLiteral("cancelled");
    case IoError::NoDevice: return QStringLiteral("no-device");
    case IoError::Stall: return QStringLiteral("stall");
    case IoError::Overflow: return QStringLiteral("overflow");
    case IoError::Io: break;
    }
    return QStringLiteral("io-error");
}

} // namespace kiosk::devices
