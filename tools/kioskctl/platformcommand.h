// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

#include <cstdio>

namespace kiosk::ctl {

/** `kioskctl platform …`; @p args starts after "platform". Returns the exit code. */
int platformCommand(const QStringList &args, std::FILE *out, std::FILE *err);

} // namespace kiosk::ctl
