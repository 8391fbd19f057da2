// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/platform/requestsigner.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <array>

namespace kiosk::platform {

namespace {

/** Fetched once: OpenSSL 3's implicit fetch on every call is slower than the digest itself. */
const EVP_MD *md(SignatureAlgorithm a)
{
    static EVP_MD *sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    static EVP_MD *sm3 = EVP_MD_fetch(nullptr, "SM3", nullptr);
    return a == SignatureAlgorithm::HmacSm3 ? sm3 : sha256;
}

std::string toHex(const unsigned char *p, std::size_t n)
{
    static const char digits[] = "0123456789abcdef";
    std::string out(n * 2, '0');
    for (std::size_t i = 0; i < n; ++i) {
        out[2 * i] = digits[p[i] >> 4];
        out[2 * i + 1] = digits[p[i] & 15];
    }
    return out;
}

} // namespace

std::string algorithmName(SignatureAlgorithm a)
{
    return a == SignatureAlgorithm::HmacSm3 ? "HMAC-SM3" : "HMAC-SHA256";
}

std::optional<SignatureAlgorithm> algorithmFromName(std::string_view name)
{
    if (name == "HMAC-SHA256" || name == "hmac-sha256")
        return SignatureAlgorithm::HmacSha256;
    if (name == "HMAC-SM3" || name == "hmac-sm3")
        return SignatureAlgorithm::HmacSm3;
    return std::nullopt;
}

std::string digestHex(SignatureAlgorithm a, std::string_view data)
{
    std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
    unsigned int n = 0;
    if (EVP_Digest(data.data(), data.size(), out.data(), &n, md(a), nullptr) != 1)
        return {};
    return toHex(out.data(), n);
}

std::string hmacHex(SignatureAlgorithm a, std::string_view key, std::string_view data)
{
    std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
    unsigned int n = 0;
    if (!HMAC(md(a), key.data(), int(key.size()), reinterpret_cast<const unsigned char *>(data.data()), data.size(),
              out.data(), &n))
        return {};
    return toHex(out.data(), n);
}

std::string canonicalRequest(std::string_view method, std::string_view path, std::string_view timestamp,
                             std::string_view nonce, std::string_view contentDigest, std::string_view terminalId)
{
    std::string s = "KIOSK-HMAC-V1\n";
    for (std::string_view part : {method, path, timestamp, nonce, contentDigest}) {
        s += part;
        s += '\n';
    }
    s += terminalId;
    return s;
}

RequestSignature signRequest(SignatureAlgorithm a, std::string_view key, std::string_view terminalId,
                             std::string_view method, std::string_view path, std::string_view body, std::int64_t nowMs,
                             std::string nonce)
{
    RequestSignature sig;
    sig.timestamp = std::to_string(nowMs);
    if (nonce.empty()) {
        std::array<unsigned char, 16> b{};
        RAND_bytes(b.data(), int(b.size()));
        nonce = toHex(b.data(), b.size());
    }
    sig.nonce = std::move(nonce);
    sig.contentDigest = digestHex(a, body);
    sig.signature = hmacHex(a, key, canonicalRequest(method, path, sig.timestamp, sig.nonce, sig.contentDigest, terminalId));
    return sig;
}

bool equalHex(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && !a.empty() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace kiosk::platform
