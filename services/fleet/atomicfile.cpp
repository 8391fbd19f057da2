// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/fleet/atomicfile.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace kiosk::fleet {

namespace {

QString failure(const char *what, const std::filesystem::path &p)
{
    return QStringLiteral("%1 %2: %3").arg(QLatin1String(what), QString::fromStdString(p.string()), QString::fromLocal8Bit(std::strerror(errno)));
}

} // namespace

bool writeAtomically(const std::filesystem::path &path, const QByteArray &data, QString *error)
{
    const std::filesystem::path tmp = path.string() + ".tmp";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        *error = failure("cannot write", tmp);
        return false;
    }
    qsizetype done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + done, std::size_t(data.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            *error = failure("cannot write (disk full?)", tmp);
            ::close(fd);
            ::unlink(tmp.c_str());
            return false;
        }
        done += n;
    }
    const bool synced = ::fsync(fd) == 0;
    const bool closed = ::close(fd) == 0;
    if (!synced || !closed || ::rename(tmp.c_str(), path.c_str()) != 0) {
        *error = failure("cannot save", path);
        ::unlink(tmp.c_str());
        return false;
    }
    if (const int dir = ::open(path.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
        (void)::fsync(dir);
        ::close(dir);
    }
    return true;
}

} // namespace kiosk::fleet
