// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

#include <cstdio>

namespace kiosk::ctl {

/** `kioskctl printers …` (the A4 printers CUPS can reach). Returns the exit code. */
int printersCommand(const QStringList &args, std::FILE *out, std::FILE *err);
/** `kioskctl print …` (needs a QGuiApplication: it makes a PDF). */
int printCommand(const QStringList &args, std::FILE *out, std::FILE *err);

} // namespace kiosk::ctl
