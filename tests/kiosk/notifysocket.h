// SPDX-License-Identifier: GPL-3.0-or-later
// A socket in systemd's place: an AF_UNIX datagram socket bound by the test (a path, or an
// abstract name written with a leading '@' as in $NOTIFY_SOCKET), from which the test reads
// what the app sent.
#pragma once

#include <QByteArray>
#include <QElapsedTimer>

#include <cstddef>
#include <cstring>
#include <optional>

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

class NotifySocket
{
public:
    /** Binds @p name: a file path, or "@name" for the abstract namespace. */
    explicit NotifySocket(const QByteArray &name)
        : m_name(name)
    {
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_un a {};
        a.sun_family = AF_UNIX;
        std::memcpy(a.sun_path, name.constData(), size_t(name.size()));
        socklen_t len = socklen_t(offsetof(sockaddr_un, sun_path) + size_t(name.size()));
        if (name.startsWith('@'))
            a.sun_path[0] = '\0';
        else
            ++len;
        m_bound = m_fd >= 0 && ::bind(m_fd, reinterpret_cast<sockaddr *>(&a), len) == 0;
    }
    ~NotifySocket()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    NotifySocket(const NotifySocket &) = delete;
    NotifySocket &operator=(const NotifySocket &) = delete;

    [[nodiscard]] bool bound() const { return m_bound; }
    [[nodiscard]] QByteArray name() const { return m_name; }

    /** The next datagram within @p timeoutMs, or nothing. */
    std::optional<QByteArray> receive(int timeoutMs)
    {
        QElapsedTimer t;
        t.start();
        for (;;) {
            const qint64 left = timeoutMs - t.elapsed();
            if (left < 0)
                return std::nullopt;
            pollfd p {m_fd, POLLIN, 0};
            const int n = ::poll(&p, 1, int(left));
            if (n < 0)
                continue; // EINTR
            if (n == 0)
                return std::nullopt;
            char buffer[4096];
            const ssize_t got = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (got >= 0)
                return QByteArray(buffer, int(got));
        }
    }

private:
    QByteArray m_name;
    int m_fd = -1;
    bool m_bound = false;
};
