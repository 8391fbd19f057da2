// SPDX-License-Identifier: GPL-3.0-or-later
// A real IPP Everywhere printer for tests and benchmarks: CUPS' own ippeveprinter on 127.0.0.1,
// started and stopped here, spooling what it receives into a folder of its own.
//
// Debian 12's ippeveprinter exits with "Unable to initialize DNS-SD" (even with -r off) unless
// avahi-daemon runs, which needs a system D-Bus: when they are not running, start() starts
// `dbus-daemon --system --fork` and `avahi-daemon -D --no-chroot`, and stop() stops them (by PID,
// only those started here). When they cannot be started, start() says why (CI runs as root and
// installs them from packaging/build-deps.txt).
#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace kiosk::testsupport {

/** @p name on the PATH or in the sbin folders; empty when not installed. */
QString tool(const QString &name);
/** Runs @p program to its end; exit code (-1: did not run or timed out), output in @p out. */
int run(const QString &program, const QStringList &args, QString *out = nullptr, int timeoutMs = 60000);
/** A port on 127.0.0.1 that nothing listens on (now). */
quint16 freePort();

class IppEvePrinter
{
public:
    struct Options {
        QString name = QStringLiteral("Test A4");
        /** How fast it prints: each job takes its pages at this speed. 0: ippeveprinter's own
         *  simulation (a random 5-15 s per job, whatever its pages). */
        int pagesPerMinute = 0;
    };
    IppEvePrinter();
    ~IppEvePrinter();
    IppEvePrinter(const IppEvePrinter &) = delete;
    IppEvePrinter &operator=(const IppEvePrinter &) = delete;

    /** Starts the printer (and DNS-SD if need be). Empty, or what failed in plain words. */
    QString start(const Options &options);
    QString start() { return start(Options{}); }
    /** Stops the printer, and the daemons started here. Also done by the destructor. */
    void stop();

    [[nodiscard]] QString uri() const { return m_uri; }
    [[nodiscard]] QString spoolFolder() const { return m_spool.path(); }
    /** The PDFs in the spool folder, oldest first. */
    [[nodiscard]] QStringList spooled() const;

private:
    QString ensureDnsSd();

    QTemporaryDir m_spool;
    QProcess m_printer;
    quint16 m_port = 0;
    qint64 m_dbusPid = 0; ///< started here (else 0)
    qint64 m_avahiPid = 0;
    QString m_uri;
};

} // namespace kiosk::testsupport
