// SPDX-License-Identifier: GPL-3.0-or-later
// Citizen identity numbers, GB 11643-1999: 6 digits area (GB/T 2260), 8 digits birth date,
// 3 digits sequence (odd: male, even: female), 1 check character (ISO 7064 MOD 11-2).
#pragma once

#include <QDate>
#include <QString>

#include <optional>

namespace kiosk::devices::idcard {

enum class IdNumberError {
    None,
    WrongLength, ///< not 18 characters
    BadCharacter, ///< the first 17 are not all digits, or the last is not a digit or X
    BadBirthDate, ///< digits 7–14 are not a calendar date
    BadCheckCharacter, ///< the 18th character does not match the first 17
};

[[nodiscard]] QString idNumberErrorName(IdNumberError error);

/** The check character for the first 17 digits ("10X98765432"[Σ wᵢaᵢ mod 11]); nullopt if not 17 digits. */
[[nodiscard]] std::optional<QChar> idCheckCharacter(QStringView first17);

/** Validates an 18-character number; a lower-case x is accepted as X. */
[[nodiscard]] IdNumberError validateIdNumber(QStringView idNumber);

/** The birth date digits 7–14 encode (no validation of the rest). */
[[nodiscard]] std::optional<QDate> birthDateOfIdNumber(QStringView idNumber);

} // namespace kiosk::devices::idcard
