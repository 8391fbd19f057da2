// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/processguard.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>

namespace kiosk {

void hardenProcess()
{
    const rlimit none{0, 0};
    setrlimit(RLIMIT_CORE, &none);
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    umask(077);
}

namespace {
/** Every entry under @p dir (not following links), then @p dir itself. */
template<typename F>
void walk(const QString &dir, F &&f)
{
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext())
        f(it.next());
    f(dir);
}
} // namespace

QStringList makeStatePrivate(const QString &stateDir)
{
    QStringList problems;
    const QByteArray top = QFile::encodeName(stateDir);
    // A first start where even the parent is missing (a user's ~/.local/state on a fresh account):
    // the parents as the umask makes them, the state folder itself private.
    bool made = ::mkdir(top.constData(), 0700) == 0 || errno == EEXIST;
    if (!made && errno == ENOENT && QDir().mkpath(QFileInfo(stateDir).absolutePath()))
        made = ::mkdir(top.constData(), 0700) == 0 || errno == EEXIST;
    if (!made) {
        problems << QStringLiteral("cannot create the state folder %1: %2").arg(stateDir, QString::fromLocal8Bit(std::strerror(errno)));
        return problems;
    }
    walk(stateDir, [&](const QString &path) {
        struct stat st {};
        const QByteArray p = QFile::encodeName(path);
        if (::lstat(p.constData(), &st) != 0 || S_ISLNK(st.st_mode))
            return;
        const mode_t wanted = S_ISDIR(st.st_mode) ? 0700 : (st.st_mode & 0700);
        if ((st.st_mode & 07777) == wanted)
            return;
        if (st.st_uid != ::geteuid()) {
            if (st.st_mode & 0077)
                problems << QStringLiteral("%1 belongs to another user and is open to others (mode %2)").arg(path).arg(uint(st.st_mode & 07777), 4, 8, QLatin1Char('0'));
            return;
        }
        if (::chmod(p.constData(), wanted) != 0)
            problems << QStringLiteral("cannot make %1 private: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno)));
    });
    return problems;
}

QString processHardening(const QString &stateDir)
{
    rlimit core{};
    getrlimit(RLIMIT_CORE, &core);
    const mode_t mask = umask(077); // reading the mask sets it: put it back
    umask(mask);
    QString out = QStringLiteral("dumpable %1, core limit %2, umask %3")
                      .arg(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0))
                      .arg(qulonglong(core.rlim_cur))
                      .arg(uint(mask), 3, 8, QLatin1Char('0'));
    if (stateDir.isEmpty())
        return out;
    struct stat top {};
    if (::stat(QFile::encodeName(stateDir).constData(), &top) != 0)
        return out + QStringLiteral(", no state folder");
    int open = 0;
    int files = 0;
    walk(stateDir, [&](const QString &path) {
        struct stat st {};
        if (::lstat(QFile::encodeName(path).constData(), &st) != 0 || S_ISLNK(st.st_mode))
            return;
        files += S_ISREG(st.st_mode);
        open += (st.st_mode & 0077) != 0;
    });
    return out + QStringLiteral(", state folder %1, %2 files, %3 open to others").arg(uint(top.st_mode & 07777), 4, 8, QLatin1Char('0')).arg(files).arg(open);
}

} // namespace kiosk
