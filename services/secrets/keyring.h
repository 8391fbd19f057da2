// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::secrets {

using Key256 = std::array<std::uint8_t, 32>;

/**
 * HKDF-SHA256 (RFC 5869) with OpenSSL 3's EVP_KDF: @p length bytes from @p ikm, @p salt and
 * @p info. Nothing when OpenSSL fails (the caller refuses to run without keys, never falls back).
 */
[[nodiscard]] std::optional<std::string> hkdfSha256(std::string_view ikm, std::string_view salt, std::string_view info, std::size_t length);

/**
 * The terminal's keys, each for one purpose, all derived from the one master key that comes from
 * the SecretStore (credential `payload-key`): a key that leaks from one use (say, the subject
 * hash's HMAC key in a heap dump) says nothing about the others. Wiped when destroyed.
 *
 *   payload  = HKDF-SHA256(master, salt "kiosk-terminal", info "kiosk payload-aead v2")  (AES-256-GCM)
 *   subject  = HKDF-SHA256(master, salt "kiosk-terminal", info "kiosk subject-hash v2")  (HMAC-SHA256)
 *   receipt  = HKDF-SHA256(master, salt "kiosk-terminal", info "kiosk receipt-code v1")  (HMAC-SHA256)
 *
 * `legacyPayload` is the master itself: payloads sealed before keys were derived (key version 1)
 * still open, and are never sealed anew with it.
 */
struct KeyRing {
    Key256 legacyPayload{};
    Key256 payload{};
    std::string subject;
    std::string receipt;

    KeyRing() = default;
    KeyRing(const KeyRing &) = default;
    KeyRing &operator=(const KeyRing &) = default;
    ~KeyRing();
};

/** Derives every key of @p master; nothing when OpenSSL fails. */
[[nodiscard]] std::optional<KeyRing> deriveKeyRing(const Key256 &master);

} // namespace kiosk::secrets
