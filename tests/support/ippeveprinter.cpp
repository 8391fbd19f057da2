// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/ippeveprinter.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <csignal>
#include <functional>
#include <sys/types.h>

namespace kiosk::testsupport {

namespace {

const QStringList kSbin{QStringLiteral("/usr/sbin"), QStringLiteral("/sbin"), QStringLiteral("/usr/bin"), QStringLiteral("/bin")};

/** A process that runs (a zombie does not: daemons that fork end up as ones nobody reaps here). */
bool alive(qint64 pid)
{
    if (pid <= 0 || ::kill(pid_t(pid), 0) != 0)
        return false;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray s = stat.readAll();
    const qsizetype close = s.lastIndexOf(')');
    const char state = close >= 0 && close + 2 < s.size() ? s.at(close + 2) : '?';
    return state != 'Z' && state != 'X';
}

qint64 pidFromFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed().toLongLong() : 0;
}

bool listening(quint16 port)
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, port);
    return s.waitForConnected(200);
}

/** Waits (serving events) until @p done or @p timeoutMs passed. */
bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QThread::msleep(50);
    }
    return true;
}

} // namespace

QString tool(const QString &name)
{
    QString path = QStandardPaths::findExecutable(name);
    if (path.isEmpty())
        path = QStandardPaths::findExecutable(name, kSbin);
    return path;
}

int run(const QString &program, const QStringList &args, QString *out, int timeoutMs)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForStarted(5000))
        return -1;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        if (out)
            *out = QString::fromUtf8(p.readAll()) + QStringLiteral("\n(timed out)");
        return -1;
    }
    if (out)
        *out = QString::fromUtf8(p.readAll());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

quint16 freePort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

IppEvePrinter::IppEvePrinter() = default;

IppEvePrinter::~IppEvePrinter()
{
    stop();
}

QString IppEvePrinter::ensureDnsSd()
{
    const QString avahi = tool(QStringLiteral("avahi-daemon"));
    const QString dbus = tool(QStringLiteral("dbus-daemon"));
    if (avahi.isEmpty() || dbus.isEmpty())
        return QStringLiteral("avahi-daemon and dbus-daemon are needed (packages avahi-daemon, dbus)");
    if (run(avahi, {QStringLiteral("--check")}) == 0)
        return {};
    const QString dbusPidFile = QStringLiteral("/run/dbus/pid");
    if (!QFile::exists(QStringLiteral("/run/dbus/system_bus_socket")) || !alive(pidFromFile(dbusPidFile))) {
        QDir().mkpath(QStringLiteral("/run/dbus"));
        if (QFile::exists(dbusPidFile) && !alive(pidFromFile(dbusPidFile)))
            QFile::remove(dbusPidFile); // left by a D-Bus that is gone
        QString out;
        const int rc = run(dbus, {QStringLiteral("--system"), QStringLiteral("--fork"), QStringLiteral("--print-pid")}, &out);
        m_dbusPid = out.trimmed().section(QLatin1Char('\n'), -1).toLongLong();
        if (rc != 0 || !alive(m_dbusPid))
            return QStringLiteral("cannot start the system D-Bus (dbus-daemon --system --fork): %1").arg(out.trimmed());
    }
    QString out;
    if (run(avahi, {QStringLiteral("-D"), QStringLiteral("--no-chroot")}, &out) != 0)
        return QStringLiteral("cannot start avahi-daemon -D --no-chroot: %1").arg(out.trimmed());
    if (!waitFor([&] { return run(avahi, {QStringLiteral("--check")}) == 0; }, 10000))
        return QStringLiteral("avahi-daemon did not come up");
    m_avahiPid = pidFromFile(QStringLiteral("/run/avahi-daemon/pid")); // written once it runs
    return {};
}

QString IppEvePrinter::start(const Options &options)
{
    for (const char *name : {"ippeveprinter", "pdfinfo", "pdftotext"}) {
        if (tool(QString::fromLatin1(name)).isEmpty())
            return QStringLiteral("%1 is needed (packages cups-ipp-utils, poppler-utils: packaging/build-deps.txt)").arg(QString::fromLatin1(name));
    }
    if (!m_spool.isValid())
        return QStringLiteral("cannot make a spool folder: ") + m_spool.errorString();
    if (const QString dnssd = ensureDnsSd(); !dnssd.isEmpty())
        return QStringLiteral("DNS-SD for ippeveprinter: ") + dnssd;

    m_port = freePort();
    if (m_port == 0)
        return QStringLiteral("no free port on 127.0.0.1");
    QStringList args{QStringLiteral("-d"), m_spool.path(), QStringLiteral("-f"), QStringLiteral("application/pdf"), QStringLiteral("-r"), QStringLiteral("off"),
                     QStringLiteral("-p"), QString::number(m_port)};
    if (options.pagesPerMinute > 0) {
        // ippeveprinter alone "prints" any job in a random 5-15 s. A print command makes the job
        // take what a real engine would: its pages at that speed (ippeveprinter waits for it).
        const QString engine = m_spool.filePath(QStringLiteral("engine.sh"));
        QFile script(engine);
        if (!script.open(QIODevice::WriteOnly))
            return QStringLiteral("cannot write the print engine script: ") + script.errorString();
        script.write(QStringLiteral("#!/bin/sh\n"
                                    "pages=$(pdfinfo \"$1\" 2>/dev/null | sed -n 's/^Pages: *//p')\n"
                                    "sleep $(awk \"BEGIN { print ${pages:-1} * 60 / %1 }\")\n")
                         .arg(options.pagesPerMinute)
                         .toUtf8());
        script.close();
        script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        args << QStringLiteral("-s") << QString::number(options.pagesPerMinute) << QStringLiteral("-c") << engine << QStringLiteral("-k");
    }
    args << options.name;
    m_printer.setProcessChannelMode(QProcess::MergedChannels);
    m_printer.start(tool(QStringLiteral("ippeveprinter")), args);
    if (!m_printer.waitForStarted(5000))
        return QStringLiteral("ippeveprinter did not start: ") + m_printer.errorString();
    const bool up = waitFor([&] { return m_printer.state() != QProcess::Running || listening(m_port); }, 15000);
    if (!up || m_printer.state() != QProcess::Running)
        return QStringLiteral("ippeveprinter did not start: ") + QString::fromUtf8(m_printer.readAll());
    m_uri = QStringLiteral("ipp://127.0.0.1:%1/ipp/print").arg(m_port);
    return {};
}

void IppEvePrinter::stop()
{
    if (m_printer.state() == QProcess::Running) {
        m_printer.terminate();
        if (!m_printer.waitForFinished(5000)) {
            m_printer.kill();
            m_printer.waitForFinished();
        }
    }
    // Only what was started here, by its PID.
    if (alive(m_avahiPid)) {
        ::kill(pid_t(m_avahiPid), SIGTERM);
        waitFor([&] { return !alive(m_avahiPid); }, 5000); // it leaves the bus before the bus goes
    }
    m_avahiPid = 0;
    if (alive(m_dbusPid)) {
        ::kill(pid_t(m_dbusPid), SIGTERM);
        waitFor([&] { return !alive(m_dbusPid); }, 5000);
        // dbus-daemon leaves its pid file, and would refuse to start next time.
        if (pidFromFile(QStringLiteral("/run/dbus/pid")) == m_dbusPid) {
            QFile::remove(QStringLiteral("/run/dbus/pid"));
            QFile::remove(QStringLiteral("/run/dbus/system_bus_socket"));
        }
    }
    m_dbusPid = 0;
}

QStringList IppEvePrinter::spooled() const
{
    QDir d(m_spool.path());
    QStringList out;
    for (const QString &f : d.entryList({QStringLiteral("*.pdf")}, QDir::Files, QDir::Time | QDir::Reversed))
        out << d.filePath(f);
    return out;
}

} // namespace kiosk::testsupport
