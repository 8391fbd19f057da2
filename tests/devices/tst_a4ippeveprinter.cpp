// SPDX-License-Identifier: GPL-3.0-or-later
// Tier 3: the A4 printer against a real IPP Everywhere printer — CUPS' own ippeveprinter on
// 127.0.0.1, started and stopped by this test, spooling what it receives into a folder. The
// terminal's code (DeviceManager, the driver, libcups) prints a 2-page certificate made here; the
// spooled file is read back with pdfinfo and pdftotext. kioskctl's `print test-page` and
// `printers list` run against the same printer, and against a port where nothing listens.
//
// Debian 12's ippeveprinter exits with "Unable to initialize DNS-SD" (even with -r off) unless
// avahi-daemon runs, which needs a system D-Bus: when they are not running, this test starts
// `dbus-daemon --system --fork` and `avahi-daemon -D --no-chroot` and stops them (by PID) at
// the end. When they cannot be started the test fails and says why (CI runs as root and
// installs them from packaging/build-deps.txt).
#include "devices/a4printer/textpdf.h"
#include "devices/devicemanager.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/types.h>

using namespace kiosk::devices;
using namespace std::chrono_literals;

namespace {

const QStringList kSbin{QStringLiteral("/usr/sbin"), QStringLiteral("/sbin"), QStringLiteral("/usr/bin"), QStringLiteral("/bin")};

QString tool(const QString &name)
{
    QString path = QStandardPaths::findExecutable(name);
    if (path.isEmpty())
        path = QStandardPaths::findExecutable(name, kSbin);
    return path;
}

/** Runs @p program to its end; exit code (-1: did not run), output in @p out. */
int run(const QString &program, const QStringList &args, QString *out = nullptr, int timeoutMs = 60000)
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

quint16 freePort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

bool listening(quint16 port)
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, port);
    return s.waitForConnected(200);
}

} // namespace

class TestA4IppEvePrinter : public QObject
{
    Q_OBJECT

    QTemporaryDir m_spool;
    QProcess m_printer;
    quint16 m_port = 0;
    qint64 m_dbusPid = 0; ///< started here (else 0)
    qint64 m_avahiPid = 0;
    QString m_uri;

    /** The PDFs in the spool folder, oldest first. */
    QStringList spooled() const
    {
        QDir d(m_spool.path());
        QStringList out;
        for (const QString &f : d.entryList({QStringLiteral("*.pdf")}, QDir::Files, QDir::Time | QDir::Reversed))
            out << d.filePath(f);
        return out;
    }

    /** avahi-daemon running, with its D-Bus, started here if need be. Empty, or what failed. */
    QString ensureDnsSd()
    {
        const QString avahi = tool(QStringLiteral("avahi-daemon"));
        const QString dbus = tool(QStringLiteral("dbus-daemon"));
        if (avahi.isEmpty() || dbus.isEmpty())
            return QStringLiteral("avahi-daemon and dbus-daemon are needed (packages avahi-daemon, dbus)");
        if (run(avahi, {QStringLiteral("--check")}) == 0)
            return {};
        if (!QFile::exists(QStringLiteral("/run/dbus/system_bus_socket")) || !alive(pidFromFile(QStringLiteral("/run/dbus/pid")))) {
            QDir().mkpath(QStringLiteral("/run/dbus"));
            if (QFile::exists(QStringLiteral("/run/dbus/pid")) && !alive(pidFromFile(QStringLiteral("/run/dbus/pid"))))
                QFile::remove(QStringLiteral("/run/dbus/pid")); // left by a D-Bus that is gone
            QString out;
            const int rc = run(dbus, {QStringLiteral("--system"), QStringLiteral("--fork"), QStringLiteral("--print-pid")}, &out);
            m_dbusPid = out.trimmed().section(QLatin1Char('\n'), -1).toLongLong();
            if (rc != 0 || !alive(m_dbusPid))
                return QStringLiteral("cannot start the system D-Bus (dbus-daemon --system --fork): %1").arg(out.trimmed());
        }
        QString out;
        if (run(avahi, {QStringLiteral("-D"), QStringLiteral("--no-chroot")}, &out) != 0)
            return QStringLiteral("cannot start avahi-daemon -D --no-chroot: %1").arg(out.trimmed());
        if (!QTest::qWaitFor([&] { return run(avahi, {QStringLiteral("--check")}) == 0; }, 10000))
            return QStringLiteral("avahi-daemon did not come up");
        m_avahiPid = pidFromFile(QStringLiteral("/run/avahi-daemon/pid")); // written once it runs
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<DeviceError>();
        for (const char *name : {"ippeveprinter", "pdfinfo", "pdftotext"}) {
            QVERIFY2(!tool(QString::fromLatin1(name)).isEmpty(),
                     qPrintable(QStringLiteral("%1 is needed (packages cups-ipp-utils, poppler-utils: packaging/build-deps.txt)")
                                    .arg(QString::fromLatin1(name))));
        }
        QVERIFY(m_spool.isValid());
        const QString dnssd = ensureDnsSd();
        QVERIFY2(dnssd.isEmpty(), qPrintable(QStringLiteral("DNS-SD for ippeveprinter: ") + dnssd));

        m_port = freePort();
        QVERIFY(m_port > 0);
        m_printer.setProcessChannelMode(QProcess::MergedChannels);
        m_printer.start(tool(QStringLiteral("ippeveprinter")),
                        {QStringLiteral("-d"), m_spool.path(), QStringLiteral("-f"), QStringLiteral("application/pdf"), QStringLiteral("-r"),
                         QStringLiteral("off"), QStringLiteral("-p"), QString::number(m_port), QStringLiteral("Test A4")});
        QVERIFY2(m_printer.waitForStarted(5000), qPrintable(m_printer.errorString()));
        const bool up = QTest::qWaitFor([&] { return m_printer.state() != QProcess::Running || listening(m_port); }, 15000);
        QVERIFY2(up && m_printer.state() == QProcess::Running,
                 qPrintable(QStringLiteral("ippeveprinter did not start: ") + QString::fromUtf8(m_printer.readAll())));
        m_uri = QStringLiteral("ipp://127.0.0.1:%1/ipp/print").arg(m_port);
    }

    void cleanupTestCase()
    {
        if (m_printer.state() == QProcess::Running) {
            m_printer.terminate();
            if (!m_printer.waitForFinished(5000)) {
                m_printer.kill();
                m_printer.waitForFinished();
            }
        }
        // Only what this test started, by its PID.
        if (alive(m_avahiPid)) {
            ::kill(pid_t(m_avahiPid), SIGTERM);
            [[maybe_unused]] const bool gone = QTest::qWaitFor([&] { return !alive(m_avahiPid); }, 5000); // it leaves the bus before the bus goes
        }
        if (alive(m_dbusPid)) {
            ::kill(pid_t(m_dbusPid), SIGTERM);
            [[maybe_unused]] const bool gone = QTest::qWaitFor([&] { return !alive(m_dbusPid); }, 5000);
            // dbus-daemon leaves its pid file, and would refuse to start next time.
            if (pidFromFile(QStringLiteral("/run/dbus/pid")) == m_dbusPid) {
                QFile::remove(QStringLiteral("/run/dbus/pid"));
                QFile::remove(QStringLiteral("/run/dbus/system_bus_socket"));
            }
        }
    }

    void printsACertificateThroughTheDriver()
    {
        DeviceManager manager(false);
        DeviceManager::Options o;
        o.a4Printer = m_uri;
        o.a4Timing.jobPoll = 200ms;
        manager.setOptions(o);
        QSignalSpy progress(&manager, &DeviceManager::documentProgress);
        QSignalSpy finished(&manager, &DeviceManager::documentFinished);
        manager.start();
        QVERIFY2(QTest::qWaitFor([&] { return manager.a4PrinterStatus() == DeviceStatus::Normal; }, 15000),
                 qPrintable(manager.a4PrinterMessage()));
        QCOMPARE(manager.devices()->inService(DeviceKind::A4Printer).transport, QStringLiteral("ipp"));

        const QString item = QStringLiteral("社会保险缴费证明");
        const QString resident = QStringLiteral("张伟");
        const QString reference = QStringLiteral("Q-20261201-0042");
        const QByteArray pdf = kiosk::devices::a4::textPdf(
            item, {{item, QStringLiteral("姓名: %1").arg(resident), QStringLiteral("Reference %1").arg(reference), QStringLiteral("Page 1 of 2")},
                   {item, QStringLiteral("Reference %1").arg(reference), QStringLiteral("Page 2 of 2")}});
        const QStringList before = spooled();
        const int job = manager.printDocument(pdf, QStringLiteral("SB-0012 %1 %2").arg(reference, resident), 2);
        QVERIFY(job > 0);
        QVERIFY(QTest::qWaitFor([&] { return !finished.isEmpty(); }, 60000));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(0).toInt(), job);
        QVERIFY2(finished.first().at(1).toBool(), qPrintable(finished.first().at(3).toString()));
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(1).toInt(), 2);
        QCOMPARE(progress.last().at(2).toInt(), 2);
        manager.stop();

        // What the printer received: 2 A4 pages with the name and the reference in them; the job
        // name (ippeveprinter names the file after it) without the resident's name.
        const QStringList after = spooled();
        QCOMPARE(after.size(), before.size() + 1);
        const QString file = after.last();
        QVERIFY2(QFileInfo(file).fileName().contains(QLatin1String("SB-0012"), Qt::CaseInsensitive), qPrintable(file));
        QVERIFY2(!QFileInfo(file).fileName().contains(resident), qPrintable(file));
        QString info;
        QCOMPARE(run(tool(QStringLiteral("pdfinfo")), {file}, &info), 0);
        QVERIFY2(info.contains(QRegularExpression(QStringLiteral("Pages:\\s+2\\n"))), qPrintable(info));
        QVERIFY2(info.contains(QLatin1String("(A4)")), qPrintable(info));
        QString text;
        QCOMPARE(run(tool(QStringLiteral("pdftotext")), {file, QStringLiteral("-")}, &text), 0);
        QVERIFY2(text.contains(item), qPrintable(text));
        QVERIFY2(text.contains(resident), qPrintable(text));
        QVERIFY2(text.contains(reference), qPrintable(text));
    }

    void kioskctlTestPage()
    {
        const QStringList before = spooled();
        QString out;
        QCOMPARE(run(QStringLiteral(KIOSKCTL_PATH), {QStringLiteral("print"), QStringLiteral("test-page"), QStringLiteral("--printer"), m_uri}, &out), 0);
        QVERIFY2(out.contains(QLatin1String("test page printed on ") + m_uri), qPrintable(out));
        const QStringList after = spooled();
        QCOMPARE(after.size(), before.size() + 1);
        QString info;
        QCOMPARE(run(tool(QStringLiteral("pdfinfo")), {after.last()}, &info), 0);
        QVERIFY2(info.contains(QRegularExpression(QStringLiteral("Pages:\\s+1\\n"))), qPrintable(info));
        QString text;
        QCOMPARE(run(tool(QStringLiteral("pdftotext")), {after.last(), QStringLiteral("-")}, &text), 0);
        QVERIFY2(text.contains(QLatin1String("Kiosk A4 printer test page")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("自助终端 A4 打印测试页")), qPrintable(text));
    }

    void kioskctlTestPageNowhere()
    {
        // Nothing listens there: exit 1, and the reason in plain words.
        QString out;
        const QString nowhere = QStringLiteral("ipp://127.0.0.1:%1/ipp/print").arg(freePort());
        QCOMPARE(run(QStringLiteral(KIOSKCTL_PATH), {QStringLiteral("print"), QStringLiteral("test-page"), QStringLiteral("--printer"), nowhere}, &out), 1);
        QVERIFY2(out.contains(QLatin1String("the test page was not printed")), qPrintable(out));
        QVERIFY2(out.contains(QLatin1String("the printer does not answer")), qPrintable(out));
    }

    void kioskctlPrintersList()
    {
        QString out;
        QCOMPARE(run(QStringLiteral(KIOSKCTL_PATH), {QStringLiteral("printers"), QStringLiteral("list"), QStringLiteral("--printer"), m_uri}, &out), 0);
        QJsonObject line;
        for (const QString &l : out.split(QLatin1Char('\n'))) {
            const QJsonObject o = QJsonDocument::fromJson(l.toUtf8()).object();
            if (o.value(QStringLiteral("uri")).toString() == m_uri)
                line = o;
        }
        QVERIFY2(!line.isEmpty(), qPrintable(out));
        QCOMPARE(line.value(QStringLiteral("state")).toString(), QStringLiteral("idle"));
        QVERIFY(line.value(QStringLiteral("ippEverywhere")).toBool());
        QVERIFY(line.value(QStringLiteral("error")).isNull());
        QVERIFY(line.value(QStringLiteral("reasons")).isArray());
        QVERIFY(!line.value(QStringLiteral("name")).toString().isEmpty());
        // Keys in alphabetical order, as every JSON-line command prints them.
        QVERIFY2(out.contains(QRegularExpression(QStringLiteral("\\{\"error\":null,\"ippEverywhere\":true,\"name\":\"[^\"]+\",\"reasons\":\\[[^]]*\\],\"state\":\"idle\",\"uri\":\"%1\"\\}")
                                                     .arg(QRegularExpression::escape(m_uri)))),
                 qPrintable(out));
    }
};

QTEST_MAIN(TestA4IppEvePrinter)
#include "tst_a4ippeveprinter.moc"
