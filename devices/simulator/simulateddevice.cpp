// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/simulator/simulateddevice.h"

#include <algorithm>
#include <cstring>

namespace kiosk::devices::sim {

using namespace std::chrono;

void SimulatedDevice::setPlugged(bool plugged)
{
    {
        std::lock_guard lock(m_mutex);
        m_plugged = plugged;
        if (!plugged)
            m_toHost.clear(); // what was in flight is lost with the cable
    }
    onPlugged(plugged);
    m_cv.notify_all();
}

bool SimulatedDevice::isPlugged() const
{
    std::lock_guard lock(m_mutex);
    return m_plugged;
}

void SimulatedDevice::wakeAll()
{
    // Taking the lock orders this after a waiter's check of its cancel flag.
    {
        std::lock_guard lock(m_mutex);
    }
    m_cv.notify_all();
}

void SimulatedDevice::hostWrite(std::span<const std::uint8_t> bytes)
{
    onHostData(bytes);
}

void SimulatedDevice::deliver(const QByteArray &bytes, std::size_t packetSize, milliseconds delay)
{
    const auto readyAt = steady_clock::now() + delay;
    {
        std::lock_guard lock(m_mutex);
        if (!m_plugged)
            return;
        if (packetSize == 0 || std::size_t(bytes.size()) <= packetSize) {
            m_toHost.push_back({bytes, readyAt});
        } else {
            for (qsizetype at = 0; at < bytes.size(); at += qsizetype(packetSize))
                m_toHost.push_back({bytes.mid(at, qsizetype(packetSize)), readyAt});
        }
    }
    m_cv.notify_all();
}

std::optional<QByteArray> SimulatedDevice::tryTake(std::size_t maxLength)
{
    std::lock_guard lock(m_mutex);
    if (!m_plugged || m_toHost.empty() || m_toHost.front().readyAt > steady_clock::now())
        return std::nullopt;
    Packet &p = m_toHost.front();
    if (std::size_t(p.bytes.size()) <= maxLength) {
        QByteArray out = std::move(p.bytes);
        m_toHost.pop_front();
        return out;
    }
    QByteArray out = p.bytes.left(qsizetype(maxLength));
    p.bytes.remove(0, qsizetype(maxLength));
    return out;
}

IoResult SimulatedDevice::take(std::span<std::uint8_t> buffer, milliseconds timeout, const std::atomic<bool> &cancelled)
{
    const auto deadline = steady_clock::now() + timeout;
    std::unique_lock lock(m_mutex);
    for (;;) {
        if (cancelled)
            return {IoError::Cancelled, 0};
        if (!m_plugged)
            return {IoError::NoDevice, 0};
        const auto now = steady_clock::now();
        if (!m_toHost.empty() && m_toHost.front().readyAt <= now) {
            Packet &p = m_toHost.front();
            const std::size_t n = std::min(buffer.size(), std::size_t(p.bytes.size()));
            std::memcpy(buffer.data(), p.bytes.constData(), n);
            if (n == std::size_t(p.bytes.size()))
                m_toHost.pop_front();
            else
                p.bytes.remove(0, qsizetype(n));
            return {IoError::None, n};
        }
        if (now >= deadline)
            return {IoError::Timeout, 0};
        auto wakeAt = deadline;
        if (!m_toHost.empty())
            wakeAt = std::min(wakeAt, m_toHost.front().readyAt);
        m_cv.wait_until(lock, wakeAt);
    }
}

SimulatedIo::SimulatedIo(std::shared_ptr<SimulatedDevice> device, QString name)
    : m_device(std::move(device))
    , m_name(std::move(name))
{
}

IoResult SimulatedIo::write(std::span<const std::uint8_t> data, milliseconds)
{
    if (m_cancelled)
        return {IoError::Cancelled, 0};
    if (!m_device->isPlugged())
        return {IoError::NoDevice, 0};
    m_device->hostWrite(data);
    return {IoError::None, data.size()};
}

IoResult SimulatedIo::read(std::span<std::uint8_t> buffer, milliseconds timeout)
{
    return m_device->take(buffer, timeout, m_cancelled);
}

void SimulatedIo::cancel()
{
    m_cancelled = true;
    m_device->wakeAll();
}

} // namespace kiosk::devices::sim
