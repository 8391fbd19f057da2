// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

/**
 * Masking of personal data for display and logs. Nothing that identifies a resident is ever
 * written in clear: the terminal logs `3501**********1234`, never the number.
 */
namespace kiosk::privacy {

/** "350102199001011234" → "3501**********1234"; other lengths keep at most a quarter visible. */
[[nodiscard]] QString maskIdNumber(const QString &idNumber);

/** "13812345678" → "138****5678". */
[[nodiscard]] QString maskPhone(const QString &phone);

/**
 * A bank card number keeps its first and last 4 digits, grouped as on the card, the length hidden:
 * "6222021234567890123" → "6222 **** **** 0123". Shorter than 12 digits: only the last 4.
 */
[[nodiscard]] QString maskBankCard(const QString &cardNumber);

/** A name keeps its first character: "张三丰" → "张**". */
[[nodiscard]] QString maskName(const QString &name);

/**
 * Finds ID numbers (18 characters, last may be X; and old 15-digit ones), bank card numbers (16–19
 * digits) and mainland mobile numbers in free text and masks them; everything else is left as it is.
 */
[[nodiscard]] QString maskPersonalData(const QString &text);

} // namespace kiosk::privacy
