// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

/**
 * Request signatures (docs/platform-api.md, "Signing"): the terminal signs every request — GETs
 * included — with a key it shares with the platform, so a platform knows which terminal sent it,
 * to which host, and that nothing was changed or replayed on the way.
 *
 *   canonical (V2) = "KIOSK-HMAC-V2" LF METHOD LF HOST LF PATH LF QUERY LF IDEMPOTENCY-KEY LF
 *                    TIMESTAMP LF NONCE LF CONTENT-TYPE LF hex(DIGEST(body)) LF TERMINAL
 *   signature      = hex(HMAC(key, canonical))
 *
 * DIGEST/HMAC are SHA-256, or SM3 (GB/T 32905) where a platform requires the national algorithm.
 * V1 (method, path, timestamp, nonce, digest, terminal only) is kept so a platform can be
 * configured to accept it during a migration; the terminal sends only V2.
 *
 * Every OpenSSL call is checked: a failure is an error, never an unsigned or half-signed request.
 */
namespace kiosk::platform {

enum class SignatureAlgorithm { HmacSha256, HmacSm3 };

inline constexpr const char *signatureV1 = "KIOSK-HMAC-V1";
inline constexpr const char *signatureV2 = "KIOSK-HMAC-V2";

[[nodiscard]] std::string algorithmName(SignatureAlgorithm a); ///< "HMAC-SHA256" / "HMAC-SM3"
[[nodiscard]] std::optional<SignatureAlgorithm> algorithmFromName(std::string_view name);

/** Hex digest of @p data; empty when OpenSSL failed (e.g. SM3 not available), with @p error saying why. */
[[nodiscard]] std::string digestHex(SignatureAlgorithm a, std::string_view data, std::string *error = nullptr);
/** Hex HMAC of @p data; empty when OpenSSL failed or the key is empty, with @p error saying why. */
[[nodiscard]] std::string hmacHex(SignatureAlgorithm a, std::string_view key, std::string_view data, std::string *error = nullptr);
/** @p n random bytes as hex from OpenSSL's CSPRNG; empty when RAND_bytes failed. */
[[nodiscard]] std::string randomHex(std::size_t n, std::string *error = nullptr);

/** The parts of a request the V2 signature covers, as they are sent. */
struct RequestParts {
    std::string method; ///< GET, POST
    std::string host; ///< the Host header: lower-case name or IP, ":port" unless 443
    std::string target; ///< path with the query string, if any ("/api/v1/ping?x=1")
    std::string idempotencyKey; ///< empty when the request has none (GET)
    std::string contentType; ///< the Content-Type header; empty when there is none (GET)
    std::string terminalId;
};

struct RequestSignature {
    std::string version = signatureV2;
    std::string timestamp; ///< milliseconds since the epoch
    std::string nonce; ///< 32 hex digits, fresh for every attempt
    std::string contentDigest;
    std::string signature;
};

/** The Host header value for @p host and @p port, as the client sends and signs it. */
[[nodiscard]] std::string hostHeader(std::string_view host, std::uint16_t port);

/** The V2 canonical request (docs/platform-api.md). */
[[nodiscard]] std::string canonicalRequestV2(const RequestParts &parts, std::string_view timestamp, std::string_view nonce,
                                             std::string_view contentDigest);
/** The V1 canonical request: only for platforms that still accept V1 (the reference platform, when told to). */
[[nodiscard]] std::string canonicalRequest(std::string_view method, std::string_view path, std::string_view timestamp,
                                           std::string_view nonce, std::string_view contentDigest, std::string_view terminalId);

/**
 * Signs a request (V2). An empty @p nonce draws a fresh one. std::nullopt, with @p error, when
 * any step failed (no randomness, no digest, no HMAC, an empty key): the request must not be sent.
 */
[[nodiscard]] std::optional<RequestSignature> signRequest(SignatureAlgorithm a, std::string_view key, const RequestParts &parts,
                                                          std::string_view body, std::int64_t nowMs, std::string nonce = {},
                                                          std::string *error = nullptr);

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
inline constexpr const char *version = "X-Kiosk-Signature-Version";
inline constexpr const char *signature = "X-Kiosk-Signature";
} // namespace header

} // namespace kiosk::platform
