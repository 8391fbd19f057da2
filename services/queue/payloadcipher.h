// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::queue {

/**
 * AES-256-GCM for payloads at rest (OpenSSL). A sealed blob is nonce (12) ‖ ciphertext ‖ tag (16);
 * the associated data (Outbox::associatedData: format, key version, id, platform, kind) binds a
 * blob to its row, so a blob copied into another row does not open. Any change to a blob is
 * detected: open() returns nothing.
 *
 * Made from the terminal's master key (PayloadKeySource): new blobs are sealed with the key
 * derived for payloads (secrets::deriveKeyRing, HKDF "kiosk payload-aead v2", key version 2);
 * openLegacy() opens blobs sealed before keys were derived (key version 1: the master itself).
 * Both keys are wiped when the cipher goes.
 */
class PayloadCipher
{
public:
    using Key = std::array<std::uint8_t, 32>;

    explicit PayloadCipher(const Key &masterKey);
    PayloadCipher(const PayloadCipher &) = default;
    PayloadCipher &operator=(const PayloadCipher &) = default;
    ~PayloadCipher();

    /** Sealed with the derived key (version 2); empty when OpenSSL fails. */
    [[nodiscard]] std::vector<std::uint8_t> seal(std::string_view plaintext, std::string_view associated) const;
    [[nodiscard]] std::optional<std::string> open(const std::vector<std::uint8_t> &sealed, std::string_view associated) const;
    /** A blob of key version 1 (sealed with the master key itself, before schema 5). */
    [[nodiscard]] std::optional<std::string> openLegacy(const std::vector<std::uint8_t> &sealed, std::string_view associated) const;

    static constexpr std::size_t nonceSize = 12;
    static constexpr std::size_t tagSize = 16;
    static constexpr int keyVersion = 2; ///< of seal(); 1 is openLegacy()'s

private:
    Key m_key{}; ///< derived for payloads
    Key m_legacy{}; ///< the master key: opens version-1 blobs only
    bool m_ok = false; ///< the derivation worked
};

} // namespace kiosk::queue
