// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace kiosk {

/**
 * Before anything holds a resident's data: no core dumps (RLIMIT_CORE 0, and PR_SET_DUMPABLE 0,
 * which also keeps other processes of the same user from reading this one's memory), and new files
 * private (umask 077: folders 0700, files 0600).
 */
void hardenProcess();

/**
 * The state folder made private: created 0700, or, when an earlier version or a package left it
 * open, the folder and everything in it owned by the kiosk user tightened (folders 0700, files
 * without group/other bits). Symbolic links are not followed. Returns what could not be made
 * private (a file of another user, a chmod that failed), one line each, for the log.
 */
[[nodiscard]] QStringList makeStatePrivate(const QString &stateDir);

/**
 * What the kernel says now, e.g. "dumpable 0, core limit 0, umask 077"; with @p stateDir also
 * its folder's mode and how many files in it others can open ("state folder 0700, 0 files open
 * to others").
 */
[[nodiscard]] QString processHardening(const QString &stateDir = QString());

} // namespace kiosk
