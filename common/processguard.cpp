// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/processguard.h"

#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>

namespace kiosk {

void hardenProcess()
{
    const rlimit none{0, 0};
    setrlimit(RLIMIT_CORE, &none);
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    umask(077);
}

QString processHardening()
{
    rlimit core{};
    getrlimit(RLIMIT_CORE, &core);
    const mode_t mask = umask(077); // reading the mask sets it: put it back
    umask(mask);
    return QStringLiteral("dumpable %1, core limit %2, umask %3")
        .arg(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0))
        .arg(qulonglong(core.rlim_cur))
        .arg(uint(mask), 3, 8, QLatin1Char('0'));
}

} // namespace kiosk
