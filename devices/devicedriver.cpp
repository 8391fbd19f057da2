// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/devicedriver.h"

namespace kiosk::devices {

DeviceDriver::~DeviceDriver() = default;

void DeviceDriver::publish(DeviceStatus status, DeviceError error, const QString &detail)
{
    if (status == m_status && error == m_error && detail == m_detail)
        return;
    m_status = status;
    m_error = error;
    m_detail = detail;
    Q_EMIT statusChanged(status, error, detail);
}

} // namespace kiosk::devices
