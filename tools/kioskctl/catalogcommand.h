// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

#include <cstdio>

namespace kiosk::ctl {

/** `kioskctl catalog …`; @p args starts after "catalog". Returns the exit code. */
int catalogCommand(const QStringList &args, std::FILE *out, std::FILE *err);

} // namespace kiosk::ctl
