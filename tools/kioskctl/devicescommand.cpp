// SPDX-License-Identifier: GPL-3.0-or-later
#include "tools/kioskctl/cliutil.h"
#include "tools/kioskctl/devicescommand.h"
#include "devices/devicemanager.h"
#include "devices/simulator/simulatorconsole.h"
#include "devices/idcard/idcard.h"
#include "devices/idcard/samframe.h"
#include "devices/printer/receipt.h"
#include "devices/simulator/escposdecoder.h"
#include "devices/simulator/simulatedprinter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QThread>

#include <functional>
#include <memory>

namespace kiosk::ctl {

using namespace kiosk::devices;
using namespace std::chrono_literals;

namespace {

constexpr const char *devicesUsage =
    "usage: kioskctl devices list [--simulate]\n"
    "       kioskctl devices simulate [SCRIPT|-] [--receipts DIR] [--realistic]\n"
    "list: one JSON object a line per device: kind, model, vidPid, transport, status (-1 unknown,\n"
    "      0 normal, 1 warning, 2 fault, 3 busy, 4 disabled), statusName, message, present.\n"
    "simulate: runs a script against the simulated devices and prints every event as a JSON line.\n"
    "      Script lines: insert N | remove | scan TEXT | paper ok|low|out | paper-runs-out DOTS |\n"
    "      cover open|closed | cutter jam|ok | sam-fault HEX|off | unplug KIND | replug KIND |\n"
    "      print [handback] | a4 paper ok|out | a4 paper-runs-out PAGES | a4 jam on|off |\n"
    "      a4 door open|closed | a4 toner ok|low|empty | a4 offline|online |\n"
    "      wait MS | expect EVENT [MS]   (KIND: idcard, printer, scanner, a4printer)\n";

constexpr const char *idCardUsage =
    "usage: kioskctl idcard decode HEX|- [--unmasked]\n"
    "Parses one SAM reader response frame (hex, spaces allowed; - reads stdin) and prints its\n"
    "fields as JSON, the ID number masked unless --unmasked. A bad frame prints the named error\n"
    "and exits 1.\n";

constexpr const char *receiptUsage =
    "usage: kioskctl receipt render --out FILE.png [--raster-qr] [--width 384|576]\n"
    "       kioskctl receipt encode --out FILE [--raster-qr]\n"
    "render: encodes the sample receipt to ESC/POS and draws it through the simulated printer.\n"
    "encode: writes the ESC/POS bytes (to send to a printer by hand: cat FILE > /dev/usb/lp0).\n";

void printJson(std::FILE *f, const QJsonObject &o)
{
    print(f, QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) + QLatin1Char('\n'));
}



/** Runs the event loop until @p done or @p timeout. */
bool waitUntil(const std::function<bool()> &done, std::chrono::milliseconds timeout)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() >= timeout.count())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(5);
    }
    return true;
}

int listDevices(QStringList args, std::FILE *out, std::FILE *err)
{
    const bool simulate = takeFlag(args, QStringLiteral("--simulate"));
    if (!args.isEmpty()) {
        print(err, QString::fromLatin1(devicesUsage));
        return 2;
    }
    DeviceManager manager(simulate);
    DeviceManager::Options options;
    options.realisticSimulation = false;
    manager.setOptions(options);
    manager.start();
    // Devices already plugged arrive at once; let each driver make its first contact.
    QElapsedTimer since;
    since.start();
    auto settled = [&] {
        if (since.elapsed() < 300)
            return false;
        for (int row = 0; row < kDeviceKindCount; ++row) {
            const DeviceRow &r = manager.devices()->rows()[std::size_t(row)];
            // Until its driver's first report ("connecting" is the manager's word while it waits).
            if (r.present && ((r.status == DeviceStatus::Unknown && r.message == QLatin1String("connecting")) || r.transport.isEmpty()))
                return false;
        }
        return true;
    };
    waitUntil(settled, 5s);
    for (const DeviceRow &r : manager.devices()->rows())
        printJson(out, r.toJson());
    manager.stop();
    return 0;
}

int simulate(QStringList args, std::FILE *out, std::FILE *err)
{
    QString receipts;
    if (!takeOption(args, QStringLiteral("--receipts"), receipts)) {
        print(err, QString::fromLatin1(devicesUsage));
        return 2;
    }
    const bool realistic = takeFlag(args, QStringLiteral("--realistic"));
    if (args.size() > 1) {
        print(err, QString::fromLatin1(devicesUsage));
        return 2;
    }
    QString script;
    if (args.isEmpty() || args.first() == QLatin1String("-")) {
        QTextStream in(stdin);
        script = in.readAll();
    } else {
        QFile f(args.first());
        if (!f.open(QIODevice::ReadOnly)) {
            print(err, QStringLiteral("kioskctl: cannot read %1\n").arg(args.first()));
            return 1;
        }
        script = QString::fromUtf8(f.readAll());
    }

    DeviceManager manager(true);
    DeviceManager::Options options;
    options.realisticSimulation = realistic;
    options.receiptOutputDir = receipts;
    // Snappy polling: scripts wait for events, not for a resident.
    options.readerTiming.searchInterval = 50ms;
    options.readerTiming.presenceInterval = 100ms;
    options.readerTiming.faultRetryInterval = 300ms;
    options.printerTiming.settle = 0ms;
    options.printerTiming.recoveryPoll = 100ms;
    options.printerTiming.idlePoll = 500ms;
    options.scannerReadTimeout = 100ms;
    options.a4Timing.idlePoll = 500ms;
    options.a4Timing.jobPoll = 200ms;
    manager.setOptions(options);

    QStringList seen; // event names since the last expect
    auto event = [&](const QString &name, QJsonObject o = {}) {
        o.insert(QStringLiteral("event"), name);
        printJson(out, o);
        seen << name;
    };
    QObject::connect(&manager, &DeviceManager::cardRead, [&](const idcard::IdCard &card) {
        event(QStringLiteral("cardRead"), {{QStringLiteral("card"), card.toJson(false)}});
    });
    QObject::connect(&manager, &DeviceManager::cardRemoved, [&] { event(QStringLiteral("cardRemoved")); });
    QObject::connect(&manager, &DeviceManager::cardReadFailed, [&](CardReadError e, const QString &m) {
        event(QStringLiteral("cardReadFailed"), {{QStringLiteral("error"), errorName(e)}, {QStringLiteral("message"), m}});
    });
    QObject::connect(&manager, &DeviceManager::codeScanned,
                     [&](const QString &c) { event(QStringLiteral("codeScanned"), {{QStringLiteral("code"), c}}); });
    QObject::connect(&manager, &DeviceManager::deviceStatusChanged, [&](DeviceKind kind, DeviceStatus status, DeviceError e, const QString &m) {
        event(QStringLiteral("status"), {{QStringLiteral("kind"), QString::fromLatin1(deviceKindId(kind))},
                                         {QStringLiteral("status"), int(status)},
                                         {QStringLiteral("error"), errorName(e)},
                                         {QStringLiteral("message"), m}});
    });
    QObject::connect(&manager, &DeviceManager::printStarted, [&](int id) { event(QStringLiteral("printStarted"), {{QStringLiteral("job"), id}}); });
    QObject::connect(&manager, &DeviceManager::printFinished, [&](int id) { event(QStringLiteral("printFinished"), {{QStringLiteral("job"), id}}); });
    QObject::connect(&manager, &DeviceManager::printWaiting, [&](int id, PrintError e, const QString &m) {
        event(QStringLiteral("printWaiting"), {{QStringLiteral("job"), id}, {QStringLiteral("error"), errorName(e)}, {QStringLiteral("message"), m}});
    });
    QObject::connect(&manager, &DeviceManager::printFailed, [&](int id, PrintError e, const QString &m) {
        event(QStringLiteral("printFailed"), {{QStringLiteral("job"), id}, {QStringLiteral("error"), errorName(e)}, {QStringLiteral("message"), m}});
    });
    QObject::connect(manager.simulator(), &sim::SimulatorConsole::receiptRendered,
                     [&](const QString &png) { event(QStringLiteral("receipt"), {{QStringLiteral("png"), png}}); });

    manager.start();
    int lineNo = 0;
    for (const QString &raw : script.split(QLatin1Char('\n'))) {
        ++lineNo;
        const QString line = raw.simplified();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const QStringList w = line.split(QLatin1Char(' '));
        if (w.first() == QLatin1String("wait")) {
            waitUntil([] { return false; }, std::chrono::milliseconds(w.value(1).toInt()));
            continue;
        }
        if (w.first() == QLatin1String("expect")) {
            const QString name = w.value(1);
            const int ms = w.size() > 2 ? w.value(2).toInt() : 3000;
            if (!waitUntil([&] { return seen.contains(name); }, std::chrono::milliseconds(ms))) {
                print(err, QStringLiteral("kioskctl: line %1: no %2 event within %3 ms\n").arg(lineNo).arg(name).arg(ms));
                manager.stop();
                return 1;
            }
            seen.clear();
            continue;
        }
        if (const QString error = manager.simulator()->runCommand(line); !error.isEmpty()) {
            print(err, QStringLiteral("kioskctl: line %1: %2\n").arg(lineNo).arg(error));
            manager.stop();
            return 1;
        }
    }
    waitUntil([] { return false; }, 50ms);
    manager.stop();
    return 0;
}

int decode(QStringList args, std::FILE *out, std::FILE *err)
{
    const bool unmasked = takeFlag(args, QStringLiteral("--unmasked"));
    if (args.isEmpty()) {
        print(err, QString::fromLatin1(idCardUsage));
        return 2;
    }
    QByteArray text;
    if (args.size() == 1 && args.first() == QLatin1String("-")) {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly)) {
            print(err, QStringLiteral("kioskctl: cannot read stdin\n"));
            return 1;
        }
        text = in.readAll();
    } else {
        text = args.join(QString()).toLatin1();
    }
    QByteArray hex;
    for (char c : text) {
        if (QByteArrayView("0123456789abcdefABCDEF").contains(c))
            hex.append(c);
        else if (!QByteArrayView(" \t\r\n:,").contains(c)) {
            print(err, QStringLiteral("kioskctl: not hex: '%1'\n").arg(QLatin1Char(c)));
            return 2;
        }
    }
    if (hex.size() % 2) {
        print(err, QStringLiteral("kioskctl: odd number of hex digits\n"));
        return 2;
    }
    const QByteArray frame = QByteArray::fromHex(hex);
    const auto parsed = idcard::parseResponse(idcard::bytesOf(frame));
    if (!parsed.value) {
        print(err, QStringLiteral("kioskctl: bad frame: %1: %2\n").arg(idcard::frameErrorName(parsed.error), parsed.detail));
        return 1;
    }
    const idcard::SamResponse &r = *parsed.value;
    QJsonObject o{
        {QStringLiteral("sw1"), r.sw1},
        {QStringLiteral("sw2"), r.sw2},
        {QStringLiteral("sw3"), QStringLiteral("%1").arg(r.sw3, 2, 16, QLatin1Char('0'))},
        {QStringLiteral("status"), idcard::statusName(r.sw3)},
        {QStringLiteral("description"), idcard::statusDescription(r.sw3)},
        {QStringLiteral("payloadBytes"), int(r.payload.size())},
    };
    // A successful read carries text + photo: decode the card.
    if (r.is(idcard::sw::Ok) && r.payload.size() >= 4 + 256) {
        const auto payload = idcard::parseReadPayload(idcard::bytesOf(r.payload));
        if (!payload.value) {
            print(err, QStringLiteral("kioskctl: bad payload: %1: %2\n").arg(idcard::payloadErrorName(payload.error), payload.detail));
            return 1;
        }
        auto card = idcard::parseTextBlock(idcard::bytesOf(payload.value->text));
        if (!card.card) {
            print(err, QStringLiteral("kioskctl: bad text block: %1: %2\n").arg(idcard::textErrorName(card.error), card.detail));
            return 1;
        }
        card.card->photo = payload.value->photo;
        o.insert(QStringLiteral("card"), card.card->toJson(unmasked));
        o.insert(QStringLiteral("fingerprintBytes"), int(payload.value->fingerprint.size()));
        card.card->wipe();
    }
    print(out, QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented)));
    return 0;
}

int receipt(QStringList args, std::FILE *out, std::FILE *err)
{
    const QString verb = args.value(0);
    args.removeFirst();
    QString file;
    QString width = QStringLiteral("384");
    const bool raster = takeFlag(args, QStringLiteral("--raster-qr"));
    if (!takeOption(args, QStringLiteral("--out"), file) || !takeOption(args, QStringLiteral("--width"), width) || file.isEmpty()
        || !args.isEmpty() || (width != QLatin1String("384") && width != QLatin1String("576"))) {
        print(err, QString::fromLatin1(receiptUsage));
        return 2;
    }
    printer::PrinterProfile profile;
    profile.nativeQr = !raster;
    profile.dotsPerLine = width.toInt();
    const QByteArray escpos = printer::encodeReceipt(printer::sampleReceipt(), profile);
    if (verb == QLatin1String("encode")) {
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly) || f.write(escpos) != escpos.size()) {
            print(err, QStringLiteral("kioskctl: cannot write %1\n").arg(file));
            return 1;
        }
        print(out, QStringLiteral("%1: %2 bytes of ESC/POS\n").arg(file).arg(escpos.size()));
        return 0;
    }
    // Through the simulated printer, exactly as in demo mode.
    sim::SimulatedPrinter printer;
    printer.hostWrite(idcard::bytesOf(escpos));
    const auto receipts = printer.receipts();
    if (receipts.size() != 1) {
        print(err, QStringLiteral("kioskctl: the simulated printer cut %1 receipts\n").arg(receipts.size()));
        return 1;
    }
    const QImage image = sim::renderReceipt(receipts.front(), profile.dotsPerLine);
    if (image.isNull() || !image.save(file)) {
        print(err, QStringLiteral("kioskctl: cannot render or write %1\n").arg(file));
        return 1;
    }
    for (const QString &p : printer.problems())
        print(err, QStringLiteral("kioskctl: decoder: %1\n").arg(p));
    print(out, QStringLiteral("%1: %2x%3 dots, %4 bytes of ESC/POS (%5 QR)\n")
                   .arg(file)
                   .arg(image.width())
                   .arg(image.height())
                   .arg(escpos.size())
                   .arg(raster ? QStringLiteral("raster") : QStringLiteral("GS ( k")));
    return 0;
}

} // namespace

int devicesCommand(const QStringList &args, std::FILE *out, std::FILE *err)
{
    const QString verb = args.value(0);
    if (verb == QLatin1String("list"))
        return listDevices(args.mid(1), out, err);
    if (verb == QLatin1String("simulate"))
        return simulate(args.mid(1), out, err);
    print(err, QString::fromLatin1(devicesUsage));
    return 2;
}

int idCardCommand(const QStringList &args, std::FILE *out, std::FILE *err)
{
    if (args.value(0) == QLatin1String("decode"))
        return decode(args.mid(1), out, err);
    print(err, QString::fromLatin1(idCardUsage));
    return 2;
}

int receiptCommand(const QStringList &args, std::FILE *out, std::FILE *err)
{
    const QString verb = args.value(0);
    if (verb == QLatin1String("render") || verb == QLatin1String("encode"))
        return receipt(args, out, err);
    print(err, QString::fromLatin1(receiptUsage));
    return 2;
}

} // namespace kiosk::ctl
