// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace kiosk::staffpin {

/**
 * The staff PIN is stored only as a salted slow hash, a self-describing string:
 *
 *     pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>
 *
 * PBKDF2-HMAC-SHA256 (OpenSSL's PKCS5_PBKDF2_HMAC), a 16-byte random salt, a 32-byte hash.
 * `kioskctl staff hash-pin` makes one; docs/configuration.md says how.
 */

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; about 0.25 s per check on the reference machine. */
inline constexpr int kDefaultIterations = 600'000;
/** Fewer than this and a stolen config file is cheap to search (the floor). */
inline constexpr int kMinIterations = 200'000;
/** More than this and one check blocks the terminal for many seconds. */
inline constexpr int kMaxIterations = 10'000'000;

/** 4 to 12 digits. */
[[nodiscard]] bool isValidPin(const QString &pin);

/** A new hash of @p pin with a fresh random salt; empty when @p pin is not valid or OpenSSL fails. */
[[nodiscard]] QString hashPin(const QString &pin, int iterations = kDefaultIterations);

/** Whether @p encoded is a hash this program can check; @p error says what is wrong. */
[[nodiscard]] bool isValidHash(const QString &encoded, QString *error = nullptr);

/** Recomputes the hash of @p pin and compares it in constant time (CRYPTO_memcmp). */
[[nodiscard]] bool verifyPin(const QString &pin, const QString &encoded);

/**
 * The demo terminal's PIN (`kiosk --simulate` without a configured hash): never used otherwise.
 * demoHash() is its hash, made once with `kioskctl staff hash-pin`.
 */
[[nodiscard]] QString demoPin();
[[nodiscard]] QString demoHash();
/** The demo terminal's technician PIN (the maintenance menu), and its hash. */
[[nodiscard]] QString demoTechnicianPin();
[[nodiscard]] QString demoTechnicianHash();

} // namespace kiosk::staffpin
