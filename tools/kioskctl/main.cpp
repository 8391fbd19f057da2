// SPDX-License-Identifier: GPL-3.0-or-later
// kioskctl — the technician's tool. One subcommand family per concern.
#include "common/logging.h"
#include "tools/kioskctl/bundlecommand.h"
#include "tools/kioskctl/catalogcommand.h"
#include "tools/kioskctl/devicescommand.h"
#include "tools/kioskctl/fleetcommand.h"
#include "tools/kioskctl/platformcommand.h"
#include "tools/kioskctl/printerscommand.h"
#include "tools/kioskctl/queuecommand.h"
#include "tools/kioskctl/staffcommand.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QStringList>

#include <cstdio>
#include <cstring>
#include <memory>

static constexpr const char *usage =
    "usage: kioskctl <command> ...\n"
    "\n"
    "commands:\n"
    "  catalog validate [FILE]                 check a catalog file; prints every problem\n"
    "  catalog search QUERY [--limit N]        search as the terminal does (code<TAB>name)\n"
    "  catalog stats                           items per category, department, handling mode\n"
    "  devices list [--simulate]               the terminal's devices, one JSON object a line\n"
    "  devices simulate [SCRIPT|-]             drive the simulated devices; events as JSON lines\n"
    "  idcard decode HEX|- [--unmasked]        decode one ID-card reader response frame\n"
    "  receipt render --out FILE.png           the sample receipt through the simulated printer\n"
    "  printers list [--printer NAME|URI]      the A4 printers CUPS reaches, one JSON object a line\n"
    "  print test-page [--printer NAME|URI]    an A4 test page through the driver (exit 0: printed)\n"
    "  queue status [--json]                   requests per state, oldest pending, dead letters\n"
    "  queue retry ID | queue discard ID       act on a dead request (staff)\n"
    "  platform check [ID] [--config FILE]     TLS, certificate, clock and signature per platform (JSON lines)\n"
    "  fleet status [--json]                   the fleet client: last and next poll, the update in hand\n"
    "  fleet poll --once [--config FILE]       one poll of the fleet server (when the kiosk is not running)\n"
    "  fleet enrol FILE [--no-probe]           enrol this terminal with an enrolment file (then restart the kiosk)\n"
    "  fleet make-enrolment --server … --out F the operator's side: an enrolment file, its QR text, its one-time code\n"
    "  staff hash-pin [--iterations N] < PIN   the \"staffPinHash\" line for a staff PIN read from stdin\n"
    "  staff check-pin HASH < PIN              whether a PIN matches a hash (exit 0) or not (1)\n"
    "  bundle keygen --algorithm A --out KEY   an operator signing key (ed25519, p256, sm2); prints the public key\n"
    "  bundle keyset PUBLIC.pem...             the key set terminals trust, as JSON\n"
    "  bundle sign --key KEY --kind K --version V --out FILE.bundle FILE...   sign a bundle\n"
    "  bundle verify [--keys KEYSET] FILE.bundle   check a bundle (exit 0: valid); manifest as JSON lines\n"
    "\n"
    "  --help                                  this text\n";

int main(int argc, char *argv[])
{
    kiosk::logging::installMaskingHandler();
    // Rendering a receipt or a test page draws text, which needs a QGuiApplication (offscreen is
    // enough).
    const bool needsGui = argc > 1 && (std::strcmp(argv[1], "receipt") == 0 || std::strcmp(argv[1], "print") == 0);
    if (needsGui && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    const std::unique_ptr<QCoreApplication> app = needsGui ? std::make_unique<QGuiApplication>(argc, argv)
                                                           : std::make_unique<QCoreApplication>(argc, argv);
    QStringList args = QCoreApplication::arguments().mid(1);
    // Only the catalog's own log lines matter to a technician running a command.
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("kiosk.*.info=false"));
    if (args.isEmpty() || args.first() == QLatin1String("--help") || args.first() == QLatin1String("-h")) {
        std::fputs(usage, args.isEmpty() ? stderr : stdout);
        return args.isEmpty() ? 2 : 0;
    }
    const QString family = args.takeFirst();
    if (family == QLatin1String("catalog"))
        return kiosk::ctl::catalogCommand(args, stdout, stderr);
    if (family == QLatin1String("devices"))
        return kiosk::ctl::devicesCommand(args, stdout, stderr);
    if (family == QLatin1String("idcard"))
        return kiosk::ctl::idCardCommand(args, stdout, stderr);
    if (family == QLatin1String("receipt"))
        return kiosk::ctl::receiptCommand(args, stdout, stderr);
    if (family == QLatin1String("printers"))
        return kiosk::ctl::printersCommand(args, stdout, stderr);
    if (family == QLatin1String("print"))
        return kiosk::ctl::printCommand(args, stdout, stderr);
    if (family == QLatin1String("queue"))
        return kiosk::ctl::queueCommand(args, stdout, stderr);
    if (family == QLatin1String("platform"))
        return kiosk::ctl::platformCommand(args, stdout, stderr);
    if (family == QLatin1String("fleet"))
        return kiosk::ctl::fleetCommand(args, stdout, stderr);
    if (family == QLatin1String("bundle"))
        return kiosk::ctl::bundleCommand(args, stdout, stderr);
    if (family == QLatin1String("staff"))
        return kiosk::ctl::staffCommand(args, stdin, stdout, stderr);
    std::fprintf(stderr, "kioskctl: unknown command '%s'\n%s", qPrintable(family), usage);
    return 2;
}
