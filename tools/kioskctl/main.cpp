// SPDX-License-Identifier: GPL-3.0-or-later
// kioskctl — the technician's tool. One subcommand family per concern.
#include "common/logging.h"
#include "tools/kioskctl/catalogcommand.h"
#include "tools/kioskctl/queuecommand.h"

#include <QCoreApplication>
#include <QStringList>

#include <cstdio>

static constexpr const char *usage =
    "usage: kioskctl <command> ...\n"
    "\n"
    "commands:\n"
    "  catalog validate [FILE]                 check a catalog file; prints every problem\n"
    "  catalog search QUERY [--limit N]        search as the terminal does (code<TAB>name)\n"
    "  catalog stats                           items per category, department, handling mode\n"
    "  queue status [--json]                   requests per state, oldest pending, dead letters\n"
    "  queue retry ID | queue discard ID       act on a dead request (staff)\n"
    "\n"
    "  --help                                  this text\n";

int main(int argc, char *argv[])
{
    kiosk::logging::installMaskingHandler();
    QCoreApplication app(argc, argv);
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
    if (family == QLatin1String("queue"))
        return kiosk::ctl::queueCommand(args, stdout, stderr);
    std::fprintf(stderr, "kioskctl: unknown command '%s'\n%s", qPrintable(family), usage);
    return 2;
}
