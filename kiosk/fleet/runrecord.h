// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace kiosk::runrecord {

/**
 * Why the terminal's app last stopped, for the fleet (configData `lastRestartReason`) and the
 * log: `<stateDir>/run.json` (0600) says "running" while the app runs and the reason once it has
 * ended cleanly ("restart-app (fleet command)", "stopped" …). A start that finds "running" knows
 * the previous run did not end by itself: a crash, a hang the watchdog ended, or a power cut.
 */

/** Reads how the previous run ended (in words) and marks this run as running. */
[[nodiscard]] QString begin(const QString &stateDir);
/** The reason this run ends with (the restart paths set it before they exit). GUI thread. */
void setReason(const QString &reason);
/** Writes the reason (default "stopped"): the run ended cleanly. */
void end(const QString &stateDir);

} // namespace kiosk::runrecord
