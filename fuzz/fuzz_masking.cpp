// SPDX-License-Identifier: GPL-3.0-or-later
// Masking of personal data (common/privacy.cpp) on any text: what a log line, a platform's echo
// or a typed answer may hold. Masking keeps at most 4 + 4 characters of a number and is
// idempotent: masked text holds nothing left to mask.
#include "common/privacy.h"

#include <cstddef>
#include <cstdint>

using namespace kiosk::privacy;

namespace {

// How many characters of @p original survive in @p masked at the same position (not '*').
qsizetype visible(const QString &original, const QString &masked)
{
    qsizetype n = 0;
    for (qsizetype i = 0; i < std::min(original.size(), masked.size()); ++i)
        n += masked[i] != QLatin1Char('*') && masked[i] == original[i];
    return n;
}

void check(const QString &text)
{
    const QString once = maskPersonalData(text);
    if (maskPersonalData(once) != once)
        __builtin_trap();
    const QString id = maskIdNumber(text);
    if (id.size() != text.size() || (text.size() >= 15 && visible(text, id) > 8) || (text.size() < 15 && visible(text, id) > text.size() / 4))
        __builtin_trap();
    const QString phone = maskPhone(text);
    if (phone.size() != text.size() || visible(text, phone) > 7)
        __builtin_trap();
    [[maybe_unused]] const QString card = maskBankCard(text);
    const QString name = maskName(text);
    if (name.size() != text.size() || (text.size() > 1 && visible(text, name) > 1))
        __builtin_trap();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    check(QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size)));
    check(QString::fromLatin1(reinterpret_cast<const char *>(data), qsizetype(size)));
    check(QString::fromUtf16(reinterpret_cast<const char16_t *>(data), qsizetype(size / 2)));
    return 0;
}
