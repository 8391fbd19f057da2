// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "devices/deviceio.h"
#include "devices/usb/usbdeviceinfo.h"

#include <QString>

#include <atomic>
#include <memory>
#include <optional>

namespace kiosk::devices::serial {

/**
 * A serial line as DeviceIo: raw 8N1 at a fixed rate through termios, non-blocking reads with
 * poll(), and an eventfd so that cancel() from another thread ends a blocked call at once.
 * Used for SAM readers behind CDC-ACM or USB-UART bridges and for built-in COM ports.
 */
class SerialPort : public DeviceIo
{
public:
    ~SerialPort() override;
    /** Opens @p path raw at @p baud (default 115200) 8N1, no flow control. */
    [[nodiscard]] static std::unique_ptr<SerialPort> open(const QString &path, QString *error, int baud = 115200);

    IoResult write(std::span<const std::uint8_t> data, std::chrono::milliseconds timeout) override;
    IoResult read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout) override;
    void discardInput() override;
    void cancel() override;
    [[nodiscard]] QString transportName() const override { return QStringLiteral("serial"); }
    [[nodiscard]] const QString &path() const { return m_path; }

private:
    SerialPort(QString path, int fd, int cancelFd);
    /** Waits for @p events on the line; false on cancel, timeout (error set) or hang-up. */
    bool waitFor(short events, std::chrono::steady_clock::time_point deadline, IoError &error);

    QString m_path;
    int m_fd;
    int m_cancelFd;
    std::atomic<bool> m_cancelled{false};
};

/**
 * The tty node the kernel made for a USB serial device: searched under its interfaces in sysfs
 * (ttyUSB* for usb-serial drivers, tty/ttyACM* for cdc_acm). Nullopt until the kernel made one.
 */
[[nodiscard]] std::optional<QString> ttyForUsbDevice(const usb::UsbDeviceInfo &info, const QString &sysfsRoot = QStringLiteral("/sys"));

} // namespace kiosk::devices::serial
