// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace kiosk {

/**
 * A string from outside (a platform's reply, a name read from an ID card) made safe to show:
 * control characters (C0 except newline, DEL, C1), Unicode bidi embeddings, overrides, isolates
 * and marks, and the byte-order mark are removed, so a reply cannot reorder what the screen shows
 * or hide text. It is shown as plain text too (every QML Text sets `textFormat: Text.PlainText`),
 * so tags stay characters and nothing is fetched.
 */
[[nodiscard]] QString plainText(const QString &text);
/** True when plainText() would remove nothing from @p text (no copy is made: card fields). */
[[nodiscard]] bool isPlainText(QStringView text);

} // namespace kiosk
