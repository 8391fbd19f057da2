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
 * the associated data (the outbox id) binds a blob to its row, so a blob copied into another row
 * does not open. Any change to a blob is detected: open() returns nothing. The key comes from a
 * PayloadKeySource (payloadkey.h).
 */
class PayloadCipher
{
public:
    using Key = std::array<std::uint8_t, 32>;

    explicit PayloadCipher(const Key &key)
        : m_key(key)
    {
    }

    [[nodiscard]] std::vector<std::uint8_t> seal(std::string_view plaintext, std::string_view associated) const;
    [[nodiscard]] std::optional<std::string> open(const std::vector<std::uint8_t> &sealed, std::string_view associated) const;

    static constexpr std::size_t nonceSize = 12;
    static constexpr std::size_t tagSize = 16;

private:
    Key m_key;
};

} // namespace kiosk::queue
