// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

#include <cstdio>

namespace kiosk::ctl {

/** `kioskctl devices …`; @p args starts after "devices". Returns the exit code. */
int devicesCommand(const QStringList &args, std::FILE *out, std::FILE *err);
/** `kioskctl idcard …`. */
int idCardCommand(const QStringList &args, std::FILE *out, std::FILE *err);
/** `kioskctl receipt …` (needs a QGuiApplication: it draws text). */
int receiptCommand(const QStringList &args, std::FILE *out, std::FILE *err);

} // namespace kiosk::ctl
