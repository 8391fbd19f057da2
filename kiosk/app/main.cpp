// SPDX-License-Identifier: GPL-3.0-or-later
// The terminal's executable: parses the command line and hands over to KioskApp.
#include "common/logging.h"
#include "common/processguard.h"
#include "kiosk/appliance/systemdnotify.h"
#include "kiosk/config.h"
#include "kiosk/fleet/fleetservice.h"
#include "kiosk/fleet/runrecord.h"
#include "kiosk/input/virtualkeyboard.h"
#include "kiosk/kioskapp.h"
#include "kiosk/session/clock.h"
#include "kiosk/session/session.h"
#include "kiosk/ui/screentour.h"
#include "services/catalog/catalogstore.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFont>
#include <QGuiApplication>
#include <QQuickWindow>
#include <QSocketNotifier>
#include <QTimer>
#include <QtQml/qqmlextensionplugin.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <optional>
#include <set>
#include <string_view>

#include <fcntl.h>
#include <unistd.h>

Q_IMPORT_QML_PLUGIN(KioskPlugin)
Q_IMPORT_QML_PLUGIN(Kiosk_DevicesPlugin)

namespace {

QElapsedTimer g_sinceStart;

int fail(const QString &message)
{
    std::fprintf(stderr, "kiosk: %s\n", qPrintable(message));
    return 2;
}

/** The command line, one description for the display-less --help/--version and the real run. */
struct Options
{
    QCommandLineOption simulate{QStringLiteral("simulate"), QStringLiteral("Use simulated devices (ID-card reader, printer, scanner).")};
    QCommandLineOption config{QStringLiteral("config"), QStringLiteral("Read the terminal configuration from <file> (JSON, see docs/configuration.md)."), QStringLiteral("file")};
    QCommandLineOption tour{QStringLiteral("tour"), QStringLiteral("Render every screen at 1080x1920 and 1920x1080, normal and elder mode, into <dir> as PNG files, then exit."), QStringLiteral("dir")};
    QCommandLineOption selfTest{QStringLiteral("self-test"), QStringLiteral("Load every page; exit non-zero on any QML warning or error.")};
    QCommandLineOption firstFrame{QStringLiteral("first-frame"), QStringLiteral("Print the milliseconds from start to the first rendered frame, then exit (benchmarks).")};
    Options() { firstFrame.setFlags(QCommandLineOption::HiddenFromHelp); }
};

void describe(QCommandLineParser &parser, const Options &o)
{
    parser.setApplicationDescription(QStringLiteral(
        "Self-service terminal for neighborhood centers (24小时自助便民服务终端).\n"
        "Residents browse and search the city's service catalog; see README.md."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({o.simulate, o.config, o.tour, o.selfTest, o.firstFrame});
}

/**
 * --help and --version answered before any Qt platform starts, so they work over SSH and on a
 * machine without a display. Empty when the command line asks for neither: the real run follows.
 */
std::optional<int> answerWithoutDisplay(int argc, char *argv[])
{
    static const std::set<std::string_view> words{"-h", "-?", "--help", "--help-all", "-v", "--version"};
    if (std::none_of(argv + 1, argv + argc, [](const char *a) { return words.count(a) > 0; }))
        return std::nullopt;
    QCoreApplication core(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("kiosk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KIOSK_VERSION));
    QCommandLineParser parser;
    const Options options;
    describe(parser, options);
    if (!parser.parse(QCoreApplication::arguments()))
        return fail(parser.errorText() + QStringLiteral("\nTry 'kiosk --help'."));
    if (parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("help-all"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return 0;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("kiosk %s\n", KIOSK_VERSION);
        return 0;
    }
    return std::nullopt; // e.g. `--config -h`: a file named -h
}

} // namespace

namespace {

int g_signalPipe[2] = {-1, -1};

/** SIGTERM (systemd stopping the unit) and SIGINT end the event loop, so the run ends cleanly. */
void quitOnTermination(QObject *context)
{
    if (::pipe2(g_signalPipe, O_CLOEXEC | O_NONBLOCK) != 0)
        return;
    struct sigaction sa {};
    sa.sa_handler = [](int) {
        const char byte = 1;
        [[maybe_unused]] const ssize_t n = ::write(g_signalPipe[1], &byte, 1); // async-signal-safe
    };
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    ::sigaction(SIGTERM, &sa, nullptr);
    ::sigaction(SIGINT, &sa, nullptr);
    auto *notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, context);
    QObject::connect(notifier, &QSocketNotifier::activated, context, [] {
        char byte;
        while (::read(g_signalPipe[0], &byte, 1) > 0) {
        }
        kiosk::runrecord::setReason(QStringLiteral("stopped (SIGTERM)"));
        QCoreApplication::quit();
    });
}

} // namespace

int main(int argc, char *argv[])
{
    g_sinceStart.start();
    kiosk::hardenProcess(); // before anything holds a resident's data
    kiosk::logging::installMaskingHandler();
    // The software renderer draws the same on the panel's GPU-less boards, offscreen and in CI.
    if (qEnvironmentVariableIsEmpty("QT_QUICK_BACKEND"))
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
    if (const std::optional<int> answered = answerWithoutDisplay(argc, argv))
        return *answered;
    kiosk::input::useVirtualKeyboard();
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("kiosk"));
    QGuiApplication::setApplicationVersion(QStringLiteral(KIOSK_VERSION));
    QGuiApplication::setFont(QFont(QStringLiteral("Noto Sans CJK SC")));

    QCommandLineParser parser;
    const Options options;
    describe(parser, options);
    const QCommandLineOption &simulate = options.simulate;
    const QCommandLineOption &config = options.config;
    const QCommandLineOption &tour = options.tour;
    const QCommandLineOption &selfTest = options.selfTest;
    const QCommandLineOption &firstFrame = options.firstFrame;
    if (!parser.parse(QGuiApplication::arguments()))
        return fail(parser.errorText() + QStringLiteral("\nTry 'kiosk --help'."));
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return 0;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("kiosk %s\n", KIOSK_VERSION);
        return 0;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("unexpected argument '%1'\nTry 'kiosk --help'.").arg(parser.positionalArguments().first()));
    if (parser.isSet(tour) && parser.value(tour).isEmpty())
        return fail(QStringLiteral("--tour needs a folder to write the PNG files into"));

    kiosk::Config cfg;
    if (parser.isSet(config)) {
        QString error;
        auto loaded = kiosk::Config::fromFile(parser.value(config), &error);
        if (!loaded)
            return fail(QStringLiteral("bad configuration: %1").arg(error));
        cfg = *loaded;
    }
    if (cfg.stateDir.isEmpty())
        cfg.stateDir = kiosk::Config::defaultStateDir();
    cfg.simulate = parser.isSet(simulate);
    // Before anything is written there: the folder and what earlier versions left in it, private.
    for (const QString &problem : kiosk::makeStatePrivate(cfg.stateDir))
        qCWarning(lcApp).noquote() << problem;
    // Demo mode only: a known PIN for the staff pages (docs/configuration.md). A real terminal
    // without "staffPinHash" has no staff pages, and says so.
    cfg.useDemoStaffPinIfUnset();

    const bool walking = parser.isSet(tour) || parser.isSet(selfTest);
    auto manualClock = walking ? std::make_unique<kiosk::ManualClock>() : nullptr;
    kiosk::ManualClock *clock = manualClock.get();
    quitOnTermination(&app);
    const QString previousRun = kiosk::runrecord::begin(cfg.stateDir);
    qCInfo(lcApp).noquote() << "the previous run:" << previousRun;
    kiosk::KioskApp kioskApp(cfg, std::move(manualClock));
    kioskApp.fleet()->setLastRestartReason(previousRun);
    // systemd's Type=notify and watchdog (docs/appliance.md); nothing without $NOTIFY_SOCKET.
    // A tour or self-test is no service run: it tells systemd nothing.
    kiosk::appliance::SystemdNotifier systemd;
    if (!walking)
        systemd.starting();
    // After the bundles in force: a staffPin bundle gives the terminal its PIN.
    if (kioskApp.config().staffPinHash.isEmpty())
        qCWarning(lcConfig) << "no \"staffPinHash\" configured: this terminal has no staff pages (make one with `kioskctl staff hash-pin`)";
    kioskApp.loadCatalog();
    kioskApp.startQueue();
    kioskApp.startDevices();
    kioskApp.startFleet();
    if (!kioskApp.loadUi()) {
        for (const QString &w : kioskApp.qmlWarnings())
            std::fprintf(stderr, "%s\n", qPrintable(w));
        return fail(QStringLiteral("the user interface could not be loaded"));
    }

    // The first frame: the bundles this start runs with work (a swap that never gets here is
    // rolled back after two tries; docs/fleet.md).
    QObject::connect(kioskApp.window(), &QQuickWindow::frameSwapped, &kioskApp, [&kioskApp] { kioskApp.confirmStarted(); },
                     Qt::SingleShotConnection);
    if (!walking)
        systemd.readyAtFirstFrame(kioskApp.window(), kioskApp.session());
#ifdef KIOSK_TEST_HOOKS
    // Test builds only (kiosk-testhooks in tests/CMakeLists.txt, never the installed kiosk): the
    // GUI thread hangs n ms after the first frame, so tst_appliancenotify sees the pings stop.
    if (const int hangAfter = qEnvironmentVariableIntValue("KIOSK_TEST_HANG_AFTER_MS"); hangAfter > 0)
        QObject::connect(kioskApp.window(), &QQuickWindow::frameSwapped, &app, [hangAfter, &app] {
            QTimer::singleShot(hangAfter, &app, [] { ::sleep(3600); });
        }, Qt::SingleShotConnection);
#endif

    if (walking) {
        kiosk::ScreenTour walk(kioskApp, *clock);
        const bool ok = walk.run(parser.isSet(tour) ? parser.value(tour) : QString());
        for (const QString &e : walk.errors())
            std::fprintf(stderr, "kiosk: %s\n", qPrintable(e));
        if (parser.isSet(tour)) {
            std::printf("kiosk: wrote %lld screens to %s\n", qlonglong(walk.written().size()), qPrintable(parser.value(tour)));
            std::printf("kiosk: the layout check found %lld problem(s): %s/layout-report.tsv\n",
                        qlonglong(walk.layoutFindings().size()), qPrintable(parser.value(tour)));
        }
        else if (ok)
            std::printf("kiosk: self-test passed: every page loaded without a QML warning (%s)\n", qPrintable(kiosk::processHardening(cfg.stateDir)));
        return ok ? 0 : 1;
    }

    if (parser.isSet(firstFrame)) {
        QObject::connect(kioskApp.window(), &QQuickWindow::frameSwapped, &app, [] {
            std::printf("first-frame-ms %.1f\n", double(g_sinceStart.nsecsElapsed()) / 1e6);
            std::fflush(stdout);
            QCoreApplication::exit(0);
        }, Qt::QueuedConnection);
        QTimer::singleShot(10000, &app, [] { QCoreApplication::exit(1); });
    }
    const int code = QGuiApplication::exec();
    systemd.stopping();
    kiosk::runrecord::end(cfg.stateDir);
    return code;
}
