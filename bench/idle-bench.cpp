// SPDX-License-Identifier: GPL-3.0-or-later
// The attract screen at rest: CPU of the whole kiosk process (all its threads) averaged over a
// window, its threads, and how often it wakes up (context switches), under the offscreen platform
// and under Xvfb (the X server the bench starts and stops itself). The goal: ≤ 1 % of one
// core averaged over a minute.
//
//   build/bin/idle-bench                 60 s per platform after 15 s to settle
//   build/bin/idle-bench --seconds 20    a shorter window
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace {

struct Sample {
    double cpuSeconds = 0; ///< utime + stime
    long threads = 0;
    long switches = 0; ///< voluntary + involuntary context switches
};

Sample sample(qint64 pid)
{
    Sample s;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (stat.open(QIODevice::ReadOnly)) {
        const QByteArray line = stat.readAll();
        // Fields after the command name (which may hold spaces) start after the last ')'.
        const QList<QByteArray> f = line.mid(line.lastIndexOf(')') + 2).split(' ');
        if (f.size() > 17) {
            const double tick = double(::sysconf(_SC_CLK_TCK));
            s.cpuSeconds = (f[11].toDouble() + f[12].toDouble()) / tick; // utime, stime (fields 14, 15)
            s.threads = f[17].toLong(); // num_threads (field 20)
        }
    }
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray &l : status.readAll().split('\n'))
            if (l.startsWith("voluntary_ctxt_switches:") || l.startsWith("nonvoluntary_ctxt_switches:"))
                s.switches += l.mid(l.indexOf(':') + 1).trimmed().toLong();
    }
    return s;
}

/** Per-thread CPU over the window: where the time goes. */
QList<QPair<QString, double>> threadCpu(qint64 pid)
{
    QList<QPair<QString, double>> out;
    const double tick = double(::sysconf(_SC_CLK_TCK));
    for (const QString &tid : QDir(QStringLiteral("/proc/%1/task").arg(pid)).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile f(QStringLiteral("/proc/%1/task/%2/stat").arg(pid).arg(tid));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = f.readAll();
        const QString name = QString::fromUtf8(line.mid(line.indexOf('(') + 1, line.lastIndexOf(')') - line.indexOf('(') - 1));
        const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 12)
            out.append({name + QLatin1Char('/') + tid, (fields[11].toDouble() + fields[12].toDouble()) / tick});
    }
    return out;
}

void measure(const char *label, const QProcessEnvironment &env, int settle, int seconds)
{
    QTemporaryDir state;
    QProcessEnvironment e = env;
    e.insert(QStringLiteral("KIOSK_STATE_DIR"), state.path());
    QProcess kiosk;
    kiosk.setProcessEnvironment(e);
    kiosk.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    kiosk.setStandardOutputFile(QProcess::nullDevice());
    kiosk.start(QStringLiteral(KIOSK_APP_PATH), {QStringLiteral("--simulate")});
    if (!kiosk.waitForStarted(10000)) {
        std::printf("%-10s the kiosk did not start\n", label);
        return;
    }
    QThread::sleep(settle); // start-up, the first polls, the attract screen's first animation
    const qint64 pid = kiosk.processId();
    const auto threadsBefore = threadCpu(pid);
    const Sample a = sample(pid);
    QThread::sleep(seconds);
    const Sample b = sample(pid);
    const auto threadsAfter = threadCpu(pid);
    const double percent = 100.0 * (b.cpuSeconds - a.cpuSeconds) / seconds;
    std::printf("%-10s CPU %6.2f %% of one core over %d s   threads %ld   wake-ups %.1f/s   goal ≤ 1 %%\n", label, percent, seconds,
                b.threads, double(b.switches - a.switches) / seconds);
    // The busiest threads over the window.
    QList<QPair<QString, double>> delta;
    for (const auto &[name, cpu] : threadsAfter) {
        double before = 0;
        for (const auto &[n, c] : threadsBefore)
            if (n == name)
                before = c;
        if (cpu - before > 0)
            delta.append({name, 100.0 * (cpu - before) / seconds});
    }
    std::sort(delta.begin(), delta.end(), [](const auto &x, const auto &y) { return x.second > y.second; });
    for (int i = 0; i < std::min<qsizetype>(5, delta.size()); ++i)
        std::printf("           %-28s %6.2f %%\n", qPrintable(delta[i].first), delta[i].second);
    ::kill(pid_t(pid), SIGTERM);
    if (!kiosk.waitForFinished(20000))
        kiosk.kill();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    int seconds = 60;
    const QStringList args = app.arguments();
    if (const auto i = args.indexOf(QStringLiteral("--seconds")); i > 0 && i + 1 < args.size())
        seconds = std::max(5, args.at(i + 1).toInt());
    const int settle = 15;
    std::printf("idle-bench: the kiosk --simulate on its attract screen, %d s to settle, then %d s measured\n", settle, seconds);

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("QT_QUICK_BACKEND"), QStringLiteral("software"));
    measure("offscreen", env, settle, seconds);

    // Xvfb: a real X server, as a terminal without a GPU would have.
    QProcess xvfb;
    xvfb.setStandardOutputFile(QProcess::nullDevice());
    xvfb.setStandardErrorFile(QProcess::nullDevice());
    const QString display = QStringLiteral(":%1").arg(90 + (::getpid() % 9));
    xvfb.start(QStringLiteral("Xvfb"), {display, QStringLiteral("-screen"), QStringLiteral("0"), QStringLiteral("1080x1920x24"), QStringLiteral("-nolisten"), QStringLiteral("tcp")});
    if (!xvfb.waitForStarted(5000)) {
        std::printf("xvfb       not measured: Xvfb did not start (package xvfb)\n");
        return 0;
    }
    QThread::sleep(2);
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
    env.insert(QStringLiteral("DISPLAY"), display);
    measure("xvfb", env, settle, seconds);
    xvfb.terminate();
    xvfb.waitForFinished(5000);
    return 0;
}
