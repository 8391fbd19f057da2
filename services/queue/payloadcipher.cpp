// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/queue/payloadcipher.h"

#include "services/secrets/keyring.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cstring>
#include <memory>

namespace kiosk::queue {

namespace {
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

/** Fetched once: OpenSSL 3's implicit fetch on every call costs more than sealing a payload. */
const EVP_CIPHER *aes256gcm()
{
    static EVP_CIPHER *cipher = EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr);
    return cipher;
}

std::optional<std::string> openWith(const PayloadCipher::Key &key, const std::vector<std::uint8_t> &sealed, std::string_view associated);
} // namespace

PayloadCipher::PayloadCipher(const Key &masterKey)
    : m_legacy(masterKey)
{
    if (const auto ring = secrets::deriveKeyRing(masterKey)) {
        m_key = ring->payload;
        m_ok = true;
    }
}

PayloadCipher::~PayloadCipher()
{
    OPENSSL_cleanse(m_key.data(), m_key.size());
    OPENSSL_cleanse(m_legacy.data(), m_legacy.size());
}

std::optional<std::string> PayloadCipher::open(const std::vector<std::uint8_t> &sealed, std::string_view associated) const
{
    if (!m_ok)
        return std::nullopt;
    return openWith(m_key, sealed, associated);
}

std::optional<std::string> PayloadCipher::openLegacy(const std::vector<std::uint8_t> &sealed, std::string_view associated) const
{
    return openWith(m_legacy, sealed, associated);
}

std::vector<std::uint8_t> PayloadCipher::seal(std::string_view plaintext, std::string_view associated) const
{
    if (!m_ok || !aes256gcm())
        return {};
    std::vector<std::uint8_t> out(nonceSize + plaintext.size() + tagSize);
    if (RAND_bytes(out.data(), int(nonceSize)) != 1)
        return {};
    CipherCtx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
    int len = 0;
    int total = 0;
    if (!ctx || EVP_EncryptInit_ex(ctx.get(), aes256gcm(), nullptr, m_key.data(), out.data()) != 1
        || EVP_EncryptUpdate(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char *>(associated.data()), int(associated.size())) != 1
        || EVP_EncryptUpdate(ctx.get(), out.data() + nonceSize, &len, reinterpret_cast<const unsigned char *>(plaintext.data()), int(plaintext.size())) != 1)
        return {};
    total = len;
    if (EVP_EncryptFinal_ex(ctx.get(), out.data() + nonceSize + total, &len) != 1
        || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, int(tagSize), out.data() + nonceSize + plaintext.size()) != 1)
        return {};
    return out;
}

namespace {
std::optional<std::string> openWith(const PayloadCipher::Key &key, const std::vector<std::uint8_t> &sealed, std::string_view associated)
{
    constexpr std::size_t nonceSize = PayloadCipher::nonceSize;
    constexpr std::size_t tagSize = PayloadCipher::tagSize;
    if (sealed.size() < nonceSize + tagSize || !aes256gcm())
        return std::nullopt;
    const std::size_t n = sealed.size() - nonceSize - tagSize;
    std::string out(n, '\0');
    CipherCtx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
    int len = 0;
    std::array<std::uint8_t, tagSize> tag{};
    std::memcpy(tag.data(), sealed.data() + nonceSize + n, tagSize);
    if (!ctx || EVP_DecryptInit_ex(ctx.get(), aes256gcm(), nullptr, key.data(), sealed.data()) != 1
        || EVP_DecryptUpdate(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char *>(associated.data()), int(associated.size())) != 1
        || EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char *>(out.data()), &len, sealed.data() + nonceSize, int(n)) != 1
        || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, int(tagSize), tag.data()) != 1
        || EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char *>(out.data()) + len, &len) != 1) {
        OPENSSL_cleanse(out.data(), out.size()); // what was decrypted before the tag said no
        return std::nullopt; // wrong key, wrong row, or tampered with
    }
    return out;
}
} // namespace

} // namespace kiosk::queue
