// SPDX-License-Identifier: GPL-3.0-or-later
// How devices arrive and leave: USB hotplug (and the tty a serial reader gets from the kernel),
// and the simulated devices the simulator console plugs and unplugs. The rest of DeviceManager
// (drivers, service, status) is in devicemanager.cpp.
#include "devices/devicemanager.h"
#include "devices/deviceslogging.h"
#include "devices/driverregistry.h"
#include "devices/serial/serialport.h"
#include "devices/simulator/simulateddevice.h"

#include <QTimer>

namespace kiosk::devices {

namespace {

constexpr int kTtyPollMs = 200; ///< the kernel's serial driver makes the tty within ~100 ms

} // namespace

void DeviceManager::onUsbArrived(const usb::UsbDeviceInfo &info)
{
    const usb::Match match = usb::matchDevice(info.vendorId, info.productId, info.interfaceClasses());
    if (!match) {
        qCDebug(lcDevices) << "not a terminal device:" << info.vidPid() << "at" << info.portPath;
        return;
    }
    const DriverPlug *plug = driverPlug(match.row->kind);
    if (!plug)
        return;
    DeviceCandidate c;
    c.kind = match.row->kind;
    c.key = info.key();
    c.model = QString::fromUtf8(match.row->model);
    c.vidPid = info.vidPid();
    c.usb = info;
    c.match = match;
    c.quirks = match.row->quirks;
    qCInfo(lcDevices) << deviceKindName(c.kind) << c.vidPid << "plugged in at" << info.portPath;
    if (plug->needsTty && plug->needsTty(c)) {
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
    DeviceCandidate &c = it->second;
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
    const auto it = m_candidates.find(info.key());
    if (it == m_candidates.end())
        return;
    qCInfo(lcDevices) << info.vidPid() << "unplugged from" << info.portPath;
    const DriverPlug *plug = driverPlug(it->second.kind);
    leave(info.key(), DeviceError::Disconnected, QString::fromUtf8(plug ? plug->unpluggedDetail : "device disconnected"));
}

void DeviceManager::addSimulatedDevice(DeviceKind kind, std::shared_ptr<sim::SimulatedDevice> device)
{
    if (Slot *slot = slotOf(kind))
        slot->simulated = std::move(device);
}

bool DeviceManager::plugSimulated(DeviceKind kind)
{
    const Slot *slot = slotOf(kind);
    if (!m_running || !slot || !slot->simulated)
        return false;
    const QString key = simulatedKey(kind);
    if (m_candidates.count(key))
        return false; // already plugged
    for (const auto &row : usb::simulatedDevices()) {
        if (row.kind != kind)
            continue;
        slot->simulated->setPlugged(true);
        DeviceCandidate c;
        c.kind = kind;
        c.key = key;
        c.model = QString::fromUtf8(row.model);
        c.vidPid = QStringLiteral("%1:%2").arg(row.vendorId, 4, 16, QLatin1Char('0')).arg(row.productId, 4, 16, QLatin1Char('0'));
        for (const auto &supported : usb::supportedDevices()) {
            if (supported.vendorId == row.vendorId && supported.productId == row.productId)
                c.quirks = supported.quirks; // the quirks of the device it models
        }
        c.simulated = slot->simulated;
        offer(c);
        return true;
    }
    // A network device (the A4 printer): the driver reaches its server through its real transport.
    if (const QString address = slot->simulated->networkAddress(); !address.isEmpty()) {
        slot->simulated->setPlugged(true);
        DeviceCandidate c;
        c.kind = kind;
        c.key = key;
        c.model = slot->simulated->networkModel();
        c.address = address;
        c.simulated = slot->simulated;
        offer(c);
        return true;
    }
    return false;
}

bool DeviceManager::unplugSimulated(DeviceKind kind)
{
    const Slot *slot = slotOf(kind);
    const QString key = simulatedKey(kind);
    if (!m_running || !slot || !slot->simulated || !m_candidates.count(key))
        return false;
    slot->simulated->setPlugged(false);
    qCInfo(lcDevices) << "simulated" << deviceKindName(kind) << "unplugged";
    leave(key, DeviceError::Disconnected, QString::fromUtf8(slot->plug->unpluggedDetail));
    return true;
}

} // namespace kiosk::devices
