// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/serial/serialport.h"
#include "devices/deviceslogging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <termios.h>
#include <unistd.h>

namespace kiosk::devices::serial {

namespace {

speed_t speedOf(int baud)
{
    switch (baud) {
    case 9600: return B9600;
    case 19200: return B19200;
    case 38400: return B38400;
    case 57600: return B57600;
    case 230400: return B230400;
    default: return B115200;
    }
}

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

} // namespace

SerialPort::SerialPort(QString path, int fd, int cancelFd)
    : m_path(std::move(path))
    , m_fd(fd)
    , m_cancelFd(cancelFd)
{
}

SerialPort::~SerialPort()
{
    ::close(m_fd);
    ::close(m_cancelFd);
}

std::unique_ptr<SerialPort> SerialPort::open(const QString &path, QString *error, int baud)
{
    auto fail = [&](const QString &what) -> std::unique_ptr<SerialPort> {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, what);
        return {};
    };
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return fail(errno == EACCES ? QStringLiteral("permission denied (is the kiosk user in the tty's group?)") : errnoText());
    termios tio{};
    if (::tcgetattr(fd, &tio) != 0) {
        const QString why = errnoText();
        ::close(fd);
        return fail(QStringLiteral("not a serial line (%1)").arg(why));
    }
    // Raw bytes, 8 data bits, no parity, 1 stop bit, no flow control: the SAM's UART settings.
    ::cfmakeraw(&tio);
    tio.c_cflag &= ~tcflag_t(CSTOPB | PARENB | CRTSCTS | CSIZE);
    tio.c_cflag |= CS8 | CLOCAL | CREAD;
    tio.c_iflag &= ~tcflag_t(IXON | IXOFF | IXANY);
    tio.c_cc[VMIN] = 0;
    tio.c_cc[VTIME] = 0;
    ::cfsetispeed(&tio, speedOf(baud));
    ::cfsetospeed(&tio, speedOf(baud));
    if (::tcsetattr(fd, TCSANOW, &tio) != 0) {
        const QString why = errnoText();
        ::close(fd);
        return fail(QStringLiteral("cannot set 8N1 at %1 baud (%2)").arg(baud).arg(why));
    }
    ::tcflush(fd, TCIOFLUSH);
    const int cancelFd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (cancelFd < 0) {
        const QString why = errnoText();
        ::close(fd);
        return fail(why);
    }
    return std::unique_ptr<SerialPort>(new SerialPort(path, fd, cancelFd));
}

bool SerialPort::waitFor(short events, std::chrono::steady_clock::time_point deadline, IoError &error)
{
    for (;;) {
        if (m_cancelled) {
            error = IoError::Cancelled;
            return false;
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            error = IoError::Timeout;
            return false;
        }
        pollfd fds[2] = {{m_fd, events, 0}, {m_cancelFd, POLLIN, 0}};
        const int r = ::poll(fds, 2, int(left.count()));
        if (r < 0) {
            if (errno == EINTR)
                continue;
            error = IoError::Io;
            return false;
        }
        if (fds[1].revents) {
            error = IoError::Cancelled;
            return false;
        }
        if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL)) {
            // A USB serial adapter that was pulled out hangs up its tty.
            error = IoError::NoDevice;
            return false;
        }
        if (fds[0].revents & events)
            return true;
    }
}

IoResult SerialPort::write(std::span<const std::uint8_t> data, std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::size_t done = 0;
    while (done < data.size()) {
        IoError e = IoError::None;
        if (!waitFor(POLLOUT, deadline, e))
            return {e, done};
        const ssize_t n = ::write(m_fd, data.data() + done, data.size() - done);
        if (n < 0) {
            if (errno == EAGAIN || errno == EINTR)
                continue;
            return {errno == EIO || errno == ENODEV || errno == ENXIO ? IoError::NoDevice : IoError::Io, done};
        }
        done += std::size_t(n);
    }
    return {IoError::None, done};
}

IoResult SerialPort::read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        IoError e = IoError::None;
        if (!waitFor(POLLIN, deadline, e))
            return {e, 0};
        const ssize_t n = ::read(m_fd, buffer.data(), buffer.size());
        if (n > 0)
            return {IoError::None, std::size_t(n)};
        if (n == 0 || (errno != EAGAIN && errno != EINTR))
            return {n == 0 || errno == EIO ? IoError::NoDevice : IoError::Io, 0};
    }
}

void SerialPort::discardInput()
{
    ::tcflush(m_fd, TCIFLUSH);
}

void SerialPort::cancel()
{
    m_cancelled = true;
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto n = ::write(m_cancelFd, &one, sizeof one);
}

std::optional<QString> ttyForUsbDevice(const usb::UsbDeviceInfo &info, const QString &sysfsRoot)
{
    // /sys/bus/usb/devices/1-1.4:1.0/ttyUSB0 (usb-serial) or …:1.0/tty/ttyACM0 (cdc_acm).
    const QDir devices(sysfsRoot + QStringLiteral("/bus/usb/devices"));
    const QStringList interfaces = devices.entryList({info.portPath + QStringLiteral(":*")}, QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &itf : interfaces) {
        const QDir dir(devices.filePath(itf));
        for (const QString &name : dir.entryList({QStringLiteral("tty*")}, QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
            if (name == QLatin1String("tty")) {
                const QStringList acm = QDir(dir.filePath(name)).entryList({QStringLiteral("tty*")}, QDir::Dirs | QDir::NoDotAndDotDot);
                if (!acm.isEmpty())
                    return QStringLiteral("/dev/") + acm.first();
            } else {
                return QStringLiteral("/dev/") + name;
            }
        }
    }
    return std::nullopt;
}

} // namespace kiosk::devices::serial
