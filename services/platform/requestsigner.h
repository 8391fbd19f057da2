// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

/**
 * Request signatures (docs/platform-api.md, "Signing"): the terminal signs every request with a
 * key it shares with the platform, so a platform knows which terminal sent it and that nothing
 * was changed or replayed on the way.
 *
 *   canonical = "KIOSK-HMAC-V1\n" METHOD "\n" PATH "\n" TIMESTAMP "\n" NONCE "\n" hex(DIGEST(body)) "\n" TERMINAL
 *   signature = hex(HMAC(key, canonical))
 *
 * DIGEST/HMAC are SHA-256, or SM3 (GB/T 32905) where a platform requires the national algorithm.
 */
namespace kiosk::platform {

enum class SignatureAlgorithm { HmacSha256, HmacSm3 };

[[nodiscard]] std::string algorithmName(SignatureAlgorithm a); ///< "HMAC-SHA256" / "HMAC-SM3"
[[nodiscard]] std::optional<SignatureAlgorithm> algorithmFromName(std::string_view name);

[[nodiscard]] std::string digestHex(SignatureAlgorithm a, std::string_view data);
[[nodiscard]] std::string hmacHex(SignatureAlgorithm a, std::string_view key, std::string_view data);

struct RequestSignature {
    std::string timestamp; ///< milliseconds since the epoch
    std::string nonce; ///< 32 hex digits, fresh for every attempt
    std::string contentDigest;
    std::string signature;
};

[[nodiscard]] std::string canonicalRequest(std::string_view method, std::string_view path, std::string_view timestamp,
                                           std::string_view nonce, std::string_view contentDigest, std::string_view terminalId);

[[nodiscard]] RequestSignature signRequest(SignatureAlgorithm a, std::string_view key, std::string_view terminalId,
                                           std::string_view method, std::string_view path, std::string_view body,
                                           std::int64_t nowMs, std::string nonce = {});

/** Constant-time comparison of two hex strings. */
[[nodiscard]] bool equalHex(std::string_view a, std::string_view b);

/** Header names, shared by the client and the reference platform. */
namespace header {
inline constexpr const char *idempotencyKey = "Idempotency-Key";
inline constexpr const char *terminal = "X-Kiosk-Terminal";
inline constexpr const char *timestamp = "X-Kiosk-Timestamp";
inline constexpr const char *nonce = "X-Kiosk-Nonce";
inline constexpr const char *contentDigest = "X-Kiosk-Content-Digest";
inline constexpr const char *algorithm = "X-Kiosk-Signature-Algorithm";
inline constexpr const char *signature = "X-Kiosk-Signature";
} // namespace header

} // namespace kiosk::platform
