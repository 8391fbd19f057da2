// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

#include <cstdio>

namespace kiosk::ctl {

/** `kioskctl fleet …`; @p args starts after "fleet". Returns the exit code. */
int fleetCommand(const QStringList &args, std::FILE *out, std::FILE *err);

} // namespace kiosk::ctl
