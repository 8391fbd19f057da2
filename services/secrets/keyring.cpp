// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/secrets/keyring.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include <memory>

namespace kiosk::secrets {

std::optional<std::string> hkdfSha256(std::string_view ikm, std::string_view salt, std::string_view info, std::size_t length)
{
    std::unique_ptr<EVP_KDF, decltype(&EVP_KDF_free)> kdf(EVP_KDF_fetch(nullptr, "HKDF", nullptr), EVP_KDF_free);
    if (!kdf)
        return std::nullopt;
    std::unique_ptr<EVP_KDF_CTX, decltype(&EVP_KDF_CTX_free)> ctx(EVP_KDF_CTX_new(kdf.get()), EVP_KDF_CTX_free);
    if (!ctx)
        return std::nullopt;
    char digest[] = "SHA256";
    // OSSL_PARAM takes non-const pointers; OpenSSL only reads them for a derive.
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, const_cast<char *>(ikm.data()), ikm.size()),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, const_cast<char *>(salt.data()), salt.size()),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, const_cast<char *>(info.data()), info.size()),
        OSSL_PARAM_construct_end(),
    };
    std::string out(length, '\0');
    if (EVP_KDF_derive(ctx.get(), reinterpret_cast<unsigned char *>(out.data()), out.size(), params) != 1) {
        OPENSSL_cleanse(out.data(), out.size());
        return std::nullopt;
    }
    return out;
}

KeyRing::~KeyRing()
{
    OPENSSL_cleanse(legacyPayload.data(), legacyPayload.size());
    OPENSSL_cleanse(payload.data(), payload.size());
    if (!subject.empty())
        OPENSSL_cleanse(subject.data(), subject.size());
    if (!receipt.empty())
        OPENSSL_cleanse(receipt.data(), receipt.size());
}

std::optional<KeyRing> deriveKeyRing(const Key256 &master)
{
    constexpr std::string_view salt = "kiosk-terminal";
    const std::string_view ikm(reinterpret_cast<const char *>(master.data()), master.size());
    auto payload = hkdfSha256(ikm, salt, "kiosk payload-aead v2", 32);
    auto subject = hkdfSha256(ikm, salt, "kiosk subject-hash v2", 32);
    auto receipt = hkdfSha256(ikm, salt, "kiosk receipt-code v1", 32);
    if (!payload || !subject || !receipt)
        return std::nullopt;
    KeyRing ring;
    ring.legacyPayload = master;
    std::copy(payload->begin(), payload->end(), ring.payload.begin());
    OPENSSL_cleanse(payload->data(), payload->size());
    ring.subject = std::move(*subject);
    ring.receipt = std::move(*receipt);
    return ring;
}

} // namespace kiosk::secrets
