// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace kiosk::devices::a4 {

/**
 * A plain A4 PDF of text, one page per entry of @p pages (its first line a heading), made with
 * QPdfWriter into memory: for `kioskctl print test-page` and tests. Needs a QGuiApplication
 * (QT_QPA_PLATFORM=offscreen will do). Fonts: DejaVu Sans for Latin, Droid Sans Fallback for
 * Chinese (its glyphs extract back as the same characters with pdftotext; Noto Sans CJK's did
 * not here).
 */
[[nodiscard]] QByteArray textPdf(const QString &title, const QList<QStringList> &pages);

} // namespace kiosk::devices::a4
