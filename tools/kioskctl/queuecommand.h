// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

#include <cstdio>

namespace kiosk::ctl {

/** `kioskctl queue …`; @p args starts after "queue". Returns the exit code. */
int queueCommand(const QStringList &args, std::FILE *out, std::FILE *err);

} // namespace kiosk::ctl
