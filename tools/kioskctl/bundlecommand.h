// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

#include <cstdio>

namespace kiosk::ctl {

/** `kioskctl bundle …` (keygen, keyset, sign, verify); @p args starts after "bundle". Returns the exit code. */
int bundleCommand(const QStringList &args, std::FILE *out, std::FILE *err);

} // namespace kiosk::ctl
