// SPDX-License-Identifier: GPL-3.0-or-later
#include "tools/kioskctl/printerscommand.h"
#include "devices/a4printer/a4printer.h"
#include "devices/a4printer/cupslink.h"
#include "devices/a4printer/textpdf.h"
#include "kiosk/config.h"
#include "tools/kioskctl/cliutil.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace kiosk::ctl {

using namespace kiosk::devices;
using namespace std::chrono_literals;

namespace {

constexpr const char *printersUsage =
    "usage: kioskctl printers list [--printer NAME|URI]...\n"
    "One JSON object a line per print destination CUPS knows (local queues, printers found with\n"
    "DNS-SD) and per --printer given: name, uri, state (idle, processing, stopped, unreachable),\n"
    "reasons (printer-state-reasons), ippEverywhere, error (why it could not be asked, or null).\n";

constexpr const char *printUsage =
    "usage: kioskctl print test-page [--printer NAME|URI] [--config FILE]\n"
    "Prints a one-page A4 test page through the terminal's A4 printer driver, on --printer, else\n"
    "on the configuration's \"a4Printer\", else on the one IPP Everywhere printer found. Exit 0\n"
    "only when the printer reports the job completed; otherwise 1 and the reason.\n";

void printJson(std::FILE *f, const QJsonObject &o)
{
    print(f, QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) + QLatin1Char('\n'));
}

QString stateName(int state)
{
    switch (a4::PrinterStateValue(state)) {
    case a4::PrinterStateValue::Idle: return QStringLiteral("idle");
    case a4::PrinterStateValue::Processing: return QStringLiteral("processing");
    case a4::PrinterStateValue::Stopped: return QStringLiteral("stopped");
    }
    return QStringLiteral("unknown");
}

/** What a technician reads when a job did not print. */
QString words(DeviceError e)
{
    switch (e) {
    case DeviceError::PaperOut: return QStringLiteral("the printer is out of paper: load A4 paper");
    case DeviceError::PaperJam: return QStringLiteral("paper jam: open the printer and remove the jammed paper");
    case DeviceError::DoorOpen: return QStringLiteral("a door of the printer is open: close it");
    case DeviceError::CoverOpen: return QStringLiteral("a cover of the printer is open: close it");
    case DeviceError::TonerEmpty: return QStringLiteral("the toner is empty: replace the cartridge");
    case DeviceError::Offline: return QStringLiteral("the printer does not answer: check that it is on and its network cable");
    case DeviceError::Disconnected: return QStringLiteral("no such printer: check --printer or \"a4Printer\"");
    case DeviceError::DocumentRejected: return QStringLiteral("the printer refused the document");
    case DeviceError::JobCancelled: return QStringLiteral("the job was cancelled");
    case DeviceError::NotResponding: return QStringLiteral("the printer stopped making progress");
    default: return QStringLiteral("printer error: switch the printer off and on");
    }
}

QJsonObject describe(a4::CupsLink &link, const a4::Destination &d, const QString &resolveError)
{
    QJsonObject o{{QStringLiteral("name"), d.name}, {QStringLiteral("uri"), d.uri}};
    QString error = resolveError;
    std::optional<a4::PrinterState> st;
    if (error.isEmpty())
        st = link.printerState(&error);
    o.insert(QStringLiteral("state"), st ? stateName(st->state) : QStringLiteral("unreachable"));
    o.insert(QStringLiteral("reasons"), st ? QJsonArray::fromStringList(st->reasons) : QJsonArray());
    o.insert(QStringLiteral("ippEverywhere"), st ? link.isIppEverywhere() : false);
    o.insert(QStringLiteral("error"), st ? QJsonValue(QJsonValue::Null) : QJsonValue(error));
    return o;
}

int listPrinters(QStringList args, std::FILE *out, std::FILE *err)
{
    QStringList named;
    for (QString p; args.contains(QStringLiteral("--printer"));) {
        if (!takeOption(args, QStringLiteral("--printer"), p) || p.isEmpty()) {
            print(err, QString::fromLatin1(printersUsage));
            return 2;
        }
        named << p;
    }
    if (!args.isEmpty()) {
        print(err, QString::fromLatin1(printersUsage));
        return 2;
    }
    a4::LinkTiming timing;
    timing.connect = 3000ms;
    timing.request = 5000ms;
    for (const auto &link : a4::CupsLink::enumerate(timing))
        printJson(out, describe(*link, link->destination(), QString()));
    for (const QString &p : named) {
        a4::CupsLink link(timing);
        QString error;
        const bool ok = link.resolve(p, &error);
        printJson(out, describe(link, ok ? link.destination() : a4::Destination{p, QString(), false}, error));
    }
    return 0;
}

int testPage(QStringList args, std::FILE *out, std::FILE *err)
{
    QString printer;
    QString configPath;
    if (!takeOption(args, QStringLiteral("--printer"), printer) || !takeOption(args, QStringLiteral("--config"), configPath)
        || !args.isEmpty()) {
        print(err, QString::fromLatin1(printUsage));
        return 2;
    }
    if (printer.isEmpty() && !configPath.isEmpty()) {
        QString why;
        const auto config = Config::fromFile(configPath, &why);
        if (!config) {
            print(err, QStringLiteral("kioskctl: %1\n").arg(why));
            return 2;
        }
        printer = config->a4Printer;
    }
    if (printer == QLatin1String("none")) {
        print(err, QStringLiteral("kioskctl: this terminal has no A4 printer (\"a4Printer\": \"none\")\n"));
        return 1;
    }
    const QByteArray pdf = a4::textPdf(QStringLiteral("Kiosk A4 test page"),
                                       {{QStringLiteral("Kiosk A4 printer test page"), QStringLiteral("自助终端 A4 打印测试页"),
                                         QStringLiteral("Printed %1").arg(QDateTime::currentDateTime().toString(Qt::ISODate)),
                                         QStringLiteral("Printer: %1").arg(printer.isEmpty() ? QStringLiteral("(the one found)") : printer)}});
    // The driver the terminal uses, on this thread: its CUPS calls block here, which a command may.
    a4::A4Timing timing;
    timing.idlePoll = 1000ms;
    timing.jobPoll = 500ms;
    a4::A4Printer driver(timing);
    bool ok = false;
    bool done = false;
    DeviceError error = DeviceError::None;
    QString detail;
    QEventLoop loop;
    QObject::connect(&driver, &a4::A4Printer::jobProgress, [&](int, int pages, int total) {
        print(out, QStringLiteral("page %1 of %2\n").arg(pages).arg(total));
    });
    QObject::connect(&driver, &a4::A4Printer::jobFinished, [&](int, bool success, DeviceError e, const QString &d) {
        ok = success;
        error = e;
        detail = d;
        done = true;
        loop.quit();
    });
    driver.open(a4::configuredCandidate(printer));
    driver.submit(a4::A4Job{1, pdf, QStringLiteral("kiosk test page"), 1});
    QTimer::singleShot(180s, &loop, &QEventLoop::quit);
    loop.exec();
    const QString where = driver.destination().uri.isEmpty() ? printer : driver.destination().uri;
    driver.detach(DeviceError::None, QString());
    if (!done) {
        print(err, QStringLiteral("kioskctl: the test page was not printed on %1: no answer within 3 minutes\n").arg(where));
        return 1;
    }
    if (!ok) {
        print(err, QStringLiteral("kioskctl: the test page was not printed on %1: %2 (%3)\n").arg(where, words(error), detail));
        return 1;
    }
    print(out, QStringLiteral("test page printed on %1\n").arg(where));
    return 0;
}

} // namespace

int printersCommand(const QStringList &args, std::FILE *out, std::FILE *err)
{
    if (args.value(0) == QLatin1String("list"))
        return listPrinters(args.mid(1), out, err);
    print(err, QString::fromLatin1(printersUsage));
    return 2;
}

int printCommand(const QStringList &args, std::FILE *out, std::FILE *err)
{
    if (args.value(0) == QLatin1String("test-page"))
        return testPage(args.mid(1), out, err);
    print(err, QString::fromLatin1(printUsage));
    return 2;
}

} // namespace kiosk::ctl
