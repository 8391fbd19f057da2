// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "devices/deviceio.h"

#include <QByteArray>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>

namespace kiosk::devices::sim {

/**
 * The device side of a simulated link. Subclasses implement onHostData() (what the device does
 * with bytes the host wrote) and queue their answers with deliver(); the host side is
 * SimulatedIo (a DeviceIo, for the drivers) or a umockdev ioctl handler (for replayed-USB
 * tests), which polls tryTake(). Thread-safe: the host side, the device's own controls (insert a
 * card, run out of paper) and umockdev's thread may all call in concurrently.
 */
class SimulatedDevice
{
public:
    virtual ~SimulatedDevice() = default;

    /** Unplugging fails every host call with NoDevice and wakes the blocked ones. */
    void setPlugged(bool plugged);
    [[nodiscard]] bool isPlugged() const;

    /** The host wrote @p bytes. */
    void hostWrite(std::span<const std::uint8_t> bytes);
    /**
     * The next packet for the host, at most @p maxLength bytes (the rest stays queued), if one
     * is ready now. Nullopt when nothing is ready.
     */
    std::optional<QByteArray> tryTake(std::size_t maxLength);
    /** Waits up to @p timeout for a packet; wakes on unplug and on @p cancelled. */
    IoResult take(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout, const std::atomic<bool> &cancelled);
    /** Wakes every waiting take() (cancellation). */
    void wakeAll();

    /** A simulated network device (the A4 printer's IPP server): where it listens, e.g.
     *  "ipp://127.0.0.1:PORT/ipp/print"; empty for the devices on a byte link. The driver
     *  reaches it through its real network transport, not through this link. */
    [[nodiscard]] virtual QString networkAddress() const { return {}; }
    /** The model shown for a network device (the USB ones take it from the device table). */
    [[nodiscard]] virtual QString networkModel() const { return {}; }

    /** Time the device model spent working (excluded from driver benchmarks). */
    [[nodiscard]] std::chrono::nanoseconds busyTime() const { return std::chrono::nanoseconds(m_busyNs.load()); }
    void resetBusyTime() { m_busyNs = 0; }

protected:
    /** Called with no lock held; subclasses guard their own state. */
    virtual void onHostData(std::span<const std::uint8_t> bytes) = 0;
    /** Power comes or goes with the cable: subclasses reset what a real device would lose. */
    virtual void onPlugged(bool) { }
    /** Queues @p bytes for the host in packets of at most @p packetSize, ready after @p delay. */
    void deliver(const QByteArray &bytes, std::size_t packetSize = 0, std::chrono::milliseconds delay = {});
    void addBusyTime(std::chrono::nanoseconds ns) { m_busyNs += ns.count(); }

private:
    struct Packet {
        QByteArray bytes;
        std::chrono::steady_clock::time_point readyAt;
    };
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<Packet> m_toHost;
    bool m_plugged = true;
    std::atomic<long long> m_busyNs{0};
};

/** The host side for drivers: a DeviceIo onto a SimulatedDevice. */
class SimulatedIo : public DeviceIo
{
public:
    explicit SimulatedIo(std::shared_ptr<SimulatedDevice> device, QString name = QStringLiteral("simulated"));

    IoResult write(std::span<const std::uint8_t> data, std::chrono::milliseconds timeout) override;
    IoResult read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout) override;
    void cancel() override;
    [[nodiscard]] QString transportName() const override { return m_name; }

private:
    std::shared_ptr<SimulatedDevice> m_device;
    std::atomic<bool> m_cancelled{false};
    QString m_name;
};

} // namespace kiosk::devices::sim
