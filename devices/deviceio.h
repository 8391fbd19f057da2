// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <mutex>

#include <QString>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>

namespace kiosk::devices {

/** How one transfer ended. */
enum class IoError {
    None,
    Timeout, ///< the device did not answer within the transfer's timeout
    Cancelled, ///< cancel() was called: shutdown, or the device was reported gone
    NoDevice, ///< the device is gone (unplugged)
    Stall, ///< the endpoint halted: the device refused the request
    Overflow, ///< the device sent more than the buffer holds
    Io, ///< any other transport failure
};

/** Stable name for logs and tests: "timeout", "no-device", … */
[[nodiscard]] QString ioErrorName(IoError error);

struct IoResult {
    IoError error = IoError::None;
    std::size_t transferred = 0;
    [[nodiscard]] bool ok() const { return error == IoError::None; }
};

/**
 * A byte pipe to a device: a pair of USB bulk or interrupt endpoints, a serial line, or a
 * simulator. Drivers and protocol transports are written against this, which is what lets the
 * simulators plug in below the codecs.
 *
 * Threading: read() and write() are called from one driver thread at a time and block for at
 * most their timeout. cancel() may be called from any thread; it ends a blocked call at once and
 * every later call returns Cancelled (the object is then only good for destruction).
 */
class DeviceIo
{
public:
    virtual ~DeviceIo() = default;

    /** Writes all of @p data or fails; transferred says how much went out. */
    virtual IoResult write(std::span<const std::uint8_t> data, std::chrono::milliseconds timeout) = 0;
    /**
     * Reads what the device has, at most buffer.size() bytes: one USB transfer (which ends at a
     * short packet), or what a serial line delivered once the first byte arrived.
     */
    virtual IoResult read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout) = 0;
    /** Drops input that arrived unasked (stale replies). Default: nothing to drop. */
    virtual void discardInput() { }
    virtual void cancel() = 0;
    /** For logs and the device list: "usb-bulk", "usb-interrupt", "serial", "simulated". */
    [[nodiscard]] virtual QString transportName() const = 0;
};

/**
 * The transport a driver talks through. Set, replaced and used on the driver's thread; cancel()
 * may come from any thread (shutdown, unplug), so the pointer swap is guarded.
 */
class IoSlot
{
public:
    /** Puts @p io in place and returns the transport it replaces. */
    std::shared_ptr<DeviceIo> exchange(std::shared_ptr<DeviceIo> io)
    {
        std::lock_guard lock(m_mutex);
        m_io.swap(io);
        return io;
    }
    /** Takes the transport out and cancels whatever it still has pending. */
    void release()
    {
        if (auto old = exchange(nullptr))
            old->cancel();
    }
    void reset() { exchange(nullptr); }
    /** Any thread: cancels the transfer in flight, if any. */
    void cancel()
    {
        std::shared_ptr<DeviceIo> io;
        {
            std::lock_guard lock(m_mutex);
            io = m_io;
        }
        if (io)
            io->cancel();
    }
    /** Driver thread only. */
    DeviceIo *operator->() const { return m_io.get(); }
    explicit operator bool() const { return bool(m_io); }

private:
    std::mutex m_mutex;
    std::shared_ptr<DeviceIo> m_io;
};

} // namespace kiosk::devices
