// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace kiosk {

/**
 * Before anything holds a resident's data: no core dumps (RLIMIT_CORE 0, and PR_SET_DUMPABLE 0,
 * which also keeps other processes of the same user from reading this one's memory), and new files
 * private (umask 077: folders 0700, files 0600).
 */
void hardenProcess();

/** What the kernel says now, e.g. "dumpable 0, core limit 0, umask 077". */
[[nodiscard]] QString processHardening();

} // namespace kiosk
