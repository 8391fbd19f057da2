// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/plaintext.h"

namespace kiosk {

namespace {

bool unsafe(char16_t c)
{
    if (c == u'\n')
        return false;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
        return true; // C0 (tab and carriage return too: they only move text about), DEL, C1
    switch (c) {
    case 0x061c: // ARABIC LETTER MARK
    case 0x200e: // LEFT-TO-RIGHT MARK
    case 0x200f: // RIGHT-TO-LEFT MARK
    case 0xfeff: // BYTE ORDER MARK
        return true;
    default:
        return (c >= 0x202a && c <= 0x202e) // embeddings and overrides
            || (c >= 0x2066 && c <= 0x2069); // isolates
    }
}

} // namespace

QString plainText(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar ch : text)
        if (!unsafe(ch.unicode()))
            out.append(ch);
    return out;
}

bool isPlainText(QStringView text)
{
    for (const QChar ch : text)
        if (unsafe(ch.unicode()))
            return false;
    return true;
}

} // namespace kiosk
