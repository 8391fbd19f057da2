// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

#include <cstdio>

namespace kiosk::ctl {

/** `kioskctl staff …`; @p args starts after "staff"; the PIN is read from @p in. Returns the exit code. */
int staffCommand(const QStringList &args, std::FILE *in, std::FILE *out, std::FILE *err);

} // namespace kiosk::ctl
