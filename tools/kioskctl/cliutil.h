// SPDX-License-Identifier: GPL-3.0-or-later
// Small helpers every kioskctl command uses.
#pragma once

#include <QString>
#include <QStringList>

#include <cstdio>

namespace kiosk::ctl {

/** Writes @p s as UTF-8 (Chinese names print as themselves), at once: lines may be streamed. */
inline void print(std::FILE *f, const QString &s)
{
    std::fputs(s.toUtf8().constData(), f);
    std::fflush(f);
}

/** Takes "--opt VALUE" out of @p args; false when the value is missing. */
inline bool takeOption(QStringList &args, const QString &name, QString &value)
{
    const qsizetype i = args.indexOf(name);
    if (i < 0)
        return true;
    if (i + 1 >= args.size())
        return false;
    value = args.at(i + 1);
    args.remove(i, 2);
    return true;
}

/** Takes "--flag" out of @p args; true when it was there. */
inline bool takeFlag(QStringList &args, const QString &name)
{
    return args.removeAll(name) > 0;
}

} // namespace kiosk::ctl
