// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/appliance/systemdnotify.h"

#include "common/logging.h"

#include <QQuickWindow>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <limits>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace kiosk::appliance {

QByteArray statusMessage(const QString &status)
{
    QByteArray text = status.toUtf8();
    text.replace('\n', ' ');
    text.replace('\r', ' ');
    return "STATUS=" + text;
}

QByteArray readyMessage(const QString &status)
{
    return "READY=1\n" + statusMessage(status);
}

QByteArray watchdogMessage()
{
    return QByteArrayLiteral("WATCHDOG=1");
}

QByteArray stoppingMessage()
{
    return QByteArrayLiteral("STOPPING=1");
}

int watchdogPingIntervalMs(const QByteArray &watchdogUsec)
{
    bool ok = false;
    const qulonglong usec = watchdogUsec.trimmed().toULongLong(&ok);
    // A day is far beyond any WatchdogSec= a terminal would use; larger is a broken value.
    constexpr qulonglong kDayUsec = 24ULL * 3600 * 1000 * 1000;
    if (!ok || usec == 0 || usec > kDayUsec)
        return 0;
    return int(std::max<qulonglong>(1, usec / 2 / 1000));
}

QString statusFor(Session::Screen screen)
{
    switch (screen) {
    case Session::Screen::Attract:
        return QStringLiteral("ready: attract screen");
    case Session::Screen::StaffQueue:
    case Session::Screen::StaffDevices:
    case Session::Screen::StaffFleet:
        return QStringLiteral("staff pages open");
    case Session::Screen::Maintenance:
        return QStringLiteral("maintenance menu open");
    default:
        return QStringLiteral("in a visit");
    }
}

bool sendNotification(const QByteArray &socket, const QByteArray &message, QString *error)
{
    const auto failed = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    sockaddr_un address {};
    address.sun_family = AF_UNIX;
    if (socket.size() < 2 || (socket.at(0) != '/' && socket.at(0) != '@'))
        return failed(QStringLiteral("NOTIFY_SOCKET is neither a path nor an abstract socket name"));
    if (size_t(socket.size()) >= sizeof(address.sun_path))
        return failed(QStringLiteral("NOTIFY_SOCKET is too long"));
    std::memcpy(address.sun_path, socket.constData(), size_t(socket.size()));
    socklen_t length = socklen_t(offsetof(sockaddr_un, sun_path) + size_t(socket.size()));
    if (socket.at(0) == '@')
        address.sun_path[0] = '\0'; // abstract: the name is the bytes after the NUL, no terminator
    else
        length += 1; // the path's terminating NUL

    const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return failed(QString::fromLocal8Bit(std::strerror(errno)));
    iovec part {const_cast<char *>(message.constData()), size_t(message.size())};
    msghdr header {};
    header.msg_name = &address;
    header.msg_namelen = length;
    header.msg_iov = &part;
    header.msg_iovlen = 1;
    const ssize_t sent = ::sendmsg(fd, &header, MSG_NOSIGNAL | MSG_DONTWAIT);
    const int sendError = errno;
    ::close(fd);
    if (sent != ssize_t(message.size()))
        return failed(QString::fromLocal8Bit(std::strerror(sendError)));
    return true;
}

SystemdNotifier::SystemdNotifier(QObject *parent)
    : QObject(parent)
{
    m_socket = qgetenv("NOTIFY_SOCKET");
    const QByteArray usec = qgetenv("WATCHDOG_USEC");
    const QByteArray watchdogPid = qgetenv("WATCHDOG_PID");
    // What the service manager said is for this process only (sd_notify's unset_environment).
    qunsetenv("NOTIFY_SOCKET");
    qunsetenv("WATCHDOG_USEC");
    qunsetenv("WATCHDOG_PID");
    if (m_socket.isEmpty())
        return; // not under systemd's Type=notify: nothing is sent, no timer wakes the CPU

    // WATCHDOG_PID is not required to name us: under cage (`cage -- kiosk`) systemd's main
    // process is the compositor and WATCHDOG_PID names it, while the pings must come from this
    // GUI thread (the unit has NotifyAccess=all). The variables were removed above, so nothing
    // this app starts pings in its name.
    const int interval = watchdogPingIntervalMs(usec);
    QString whose;
    if (!watchdogPid.isEmpty() && watchdogPid.toLongLong() != qint64(::getpid()))
        whose = QStringLiteral(" (WATCHDOG_PID %1 names another process, under cage the compositor: pinging from here all the same)")
                    .arg(QString::fromLatin1(watchdogPid));
    if (interval > 0) {
        m_watchdog.setInterval(interval);
        connect(&m_watchdog, &QTimer::timeout, this, [this] { send(watchdogMessage()); });
        qCInfo(lcApp).noquote() << "systemd: notifying" << QString::fromLocal8Bit(m_socket)
                                << QStringLiteral("(READY=1 at the first frame, STATUS=, STOPPING=1); WATCHDOG=1 every %1 ms from the GUI thread").arg(interval)
                                       + whose;
    } else {
        qCInfo(lcApp).noquote() << "systemd: notifying" << QString::fromLocal8Bit(m_socket)
                                << "(READY=1 at the first frame, STATUS=, STOPPING=1); no watchdog asked for";
    }
}

void SystemdNotifier::starting()
{
    if (!active())
        return;
    setStatus(QStringLiteral("starting"));
    if (m_watchdog.interval() > 0 && !m_watchdog.isActive())
        m_watchdog.start();
}

void SystemdNotifier::readyAtFirstFrame(QQuickWindow *window, Session *session)
{
    if (!active() || !window || !session)
        return;
    connect(window, &QQuickWindow::frameSwapped, this, [this, session] {
        m_status = statusFor(session->screen());
        send(readyMessage(m_status));
        connect(session, &Session::screenChanged, this, [this, session] { setStatus(statusFor(session->screen())); });
    }, Qt::SingleShotConnection);
}

void SystemdNotifier::stopping()
{
    if (!active())
        return;
    m_watchdog.stop();
    send(statusMessage(QStringLiteral("stopping")) + '\n' + stoppingMessage());
}

void SystemdNotifier::setStatus(const QString &status)
{
    if (status == m_status)
        return;
    m_status = status;
    send(statusMessage(status));
}

bool SystemdNotifier::send(const QByteArray &message)
{
    if (!active())
        return false;
    QString error;
    if (sendNotification(m_socket, message, &error)) {
        m_warned = false;
        return true;
    }
    if (!m_warned) // once per run of failures, not at every ping
        qCWarning(lcApp).noquote() << "systemd: could not notify" << QString::fromLocal8Bit(m_socket) << ":" << error;
    m_warned = true;
    return false;
}

} // namespace kiosk::appliance
