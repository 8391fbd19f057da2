// SPDX-License-Identifier: GPL-3.0-or-later
#include "tools/kioskctl/staffcommand.h"
#include "kiosk/session/staffpin.h"
#include "tools/kioskctl/cliutil.h"

#include <QElapsedTimer>

#include <algorithm>
#include <iterator>

namespace kiosk::ctl {

namespace {

/** One line from @p in, without its line end; wiped from the buffer afterwards. */
QString readLine(std::FILE *in)
{
    char buf[64] = {};
    QString line;
    if (std::fgets(buf, sizeof buf, in))
        line = QString::fromLatin1(buf).trimmed();
    std::fill(std::begin(buf), std::end(buf), '\0');
    return line;
}

} // namespace

int staffCommand(const QStringList &argsIn, std::FILE *in, std::FILE *out, std::FILE *err)
{
    QStringList args = argsIn;
    const QString sub = args.isEmpty() ? QString() : args.takeFirst();
    if (sub == QLatin1String("hash-pin")) {
        QString iterationsText = QString::number(staffpin::kDefaultIterations);
        if (!takeOption(args, QStringLiteral("--iterations"), iterationsText) || !args.isEmpty()) {
            print(err, QStringLiteral("usage: kioskctl staff hash-pin [--iterations N] < pin\n"));
            return 2;
        }
        bool ok = false;
        const int iterations = iterationsText.toInt(&ok);
        if (!ok || iterations < staffpin::kMinIterations || iterations > staffpin::kMaxIterations) {
            print(err, QStringLiteral("kioskctl: --iterations must be from %1 to %2\n").arg(staffpin::kMinIterations).arg(staffpin::kMaxIterations));
            return 2;
        }
        // From stdin, so the PIN is in no shell history and no process list.
        QString pin = readLine(in);
        if (!staffpin::isValidPin(pin)) {
            print(err, QStringLiteral("kioskctl: the PIN must be 4 to 12 digits, on one line on standard input\n"
                                      "  e.g. read -rs PIN && echo \"$PIN\" | kioskctl staff hash-pin\n"));
            return 1;
        }
        QElapsedTimer t;
        t.start();
        const QString hash = staffpin::hashPin(pin, iterations);
        pin.fill(QLatin1Char('0'));
        if (hash.isEmpty()) {
            print(err, QStringLiteral("kioskctl: the hash could not be made (OpenSSL failed)\n"));
            return 1;
        }
        print(out, hash + QLatin1Char('\n'));
        print(err, QStringLiteral("kioskctl: put this line in the terminal's configuration as \"staffPinHash\"; "
                                  "one check takes about %1 ms on this machine\n").arg(t.elapsed()));
        return 0;
    }
    if (sub == QLatin1String("check-pin")) {
        // kioskctl staff check-pin HASH < pin: for a technician who is unsure which PIN a hash holds.
        if (args.size() != 1) {
            print(err, QStringLiteral("usage: kioskctl staff check-pin HASH < pin\n"));
            return 2;
        }
        if (QString why; !staffpin::isValidHash(args.first(), &why)) {
            print(err, QStringLiteral("kioskctl: not a staff PIN hash: %1\n").arg(why));
            return 2;
        }
        QString pin = readLine(in);
        const bool match = staffpin::verifyPin(pin, args.first());
        pin.fill(QLatin1Char('0'));
        print(out, match ? QStringLiteral("match\n") : QStringLiteral("no match\n"));
        return match ? 0 : 1;
    }
    print(err, QStringLiteral("kioskctl: unknown staff command '%1' (hash-pin, check-pin)\n").arg(sub));
    return 2;
}

} // namespace kiosk::ctl
