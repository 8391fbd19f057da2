// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/platform/requestsigner.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <array>
#include <cctype>
#include <memory>

namespace kiosk::platform {

namespace {

/** The first OpenSSL error on this thread's queue, in words (and the queue cleared). */
std::string opensslError(const char *what)
{
    const unsigned long e = ERR_get_error();
    ERR_clear_error();
    std::string s = what;
    if (e != 0) {
        char buf[256];
        ERR_error_string_n(e, buf, sizeof buf);
        s += " (";
        s += buf;
        s += ')';
    }
    return s;
}

void setError(std::string *error, std::string text)
{
    if (error)
        *error = std::move(text);
}

const char *mdName(SignatureAlgorithm a)
{
    return a == SignatureAlgorithm::HmacSm3 ? "SM3" : "SHA256";
}

/**
 * Fetched once: OpenSSL 3's implicit fetch on every call is slower than the digest itself. Null
 * when the provider lacks the algorithm (SM3 on a FIPS-only build): every caller checks.
 */
const EVP_MD *md(SignatureAlgorithm a)
{
    static EVP_MD *sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    static EVP_MD *sm3 = EVP_MD_fetch(nullptr, "SM3", nullptr);
    return a == SignatureAlgorithm::HmacSm3 ? sm3 : sha256;
}

EVP_MAC *hmac()
{
    static EVP_MAC *mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    return mac;
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

std::string digestHex(SignatureAlgorithm a, std::string_view data, std::string *error)
{
    const EVP_MD *m = md(a);
    if (!m) {
        setError(error, opensslError(a == SignatureAlgorithm::HmacSm3 ? "this OpenSSL has no SM3 digest" : "this OpenSSL has no SHA-256 digest"));
        return {};
    }
    std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
    unsigned int n = 0;
    if (EVP_Digest(data.data(), data.size(), out.data(), &n, m, nullptr) != 1 || n == 0) {
        setError(error, opensslError("computing the content digest failed"));
        return {};
    }
    return toHex(out.data(), n);
}

std::string hmacHex(SignatureAlgorithm a, std::string_view key, std::string_view data, std::string *error)
{
    if (key.empty()) {
        setError(error, "the signing key is empty");
        return {};
    }
    EVP_MAC *mac = hmac();
    if (!mac || !md(a)) {
        setError(error, opensslError(!mac ? "this OpenSSL has no HMAC" : "this OpenSSL lacks the signature's digest"));
        return {};
    }
    std::unique_ptr<EVP_MAC_CTX, decltype(&EVP_MAC_CTX_free)> ctx(EVP_MAC_CTX_new(mac), EVP_MAC_CTX_free);
    if (!ctx) {
        setError(error, opensslError("out of memory for the HMAC"));
        return {};
    }
    std::string digest = mdName(a);
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest.data(), 0), OSSL_PARAM_construct_end()};
    std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
    std::size_t n = 0;
    if (EVP_MAC_init(ctx.get(), reinterpret_cast<const unsigned char *>(key.data()), key.size(), params) != 1
        || EVP_MAC_update(ctx.get(), reinterpret_cast<const unsigned char *>(data.data()), data.size()) != 1
        || EVP_MAC_final(ctx.get(), out.data(), &n, out.size()) != 1 || n == 0) {
        setError(error, opensslError("computing the HMAC failed"));
        return {};
    }
    return toHex(out.data(), n);
}

std::string randomHex(std::size_t n, std::string *error)
{
    std::array<unsigned char, 64> b{};
    if (n == 0 || n > b.size() || RAND_bytes(b.data(), int(n)) != 1) {
        setError(error, opensslError("the random number generator failed"));
        return {};
    }
    return toHex(b.data(), n);
}

std::string hostHeader(std::string_view host, std::uint16_t port)
{
    std::string h;
    const bool ipv6 = host.find(':') != std::string_view::npos;
    if (ipv6)
        h += '[';
    for (char c : host)
        h += char(std::tolower(static_cast<unsigned char>(c)));
    if (ipv6)
        h += ']';
    if (port != 443) {
        h += ':';
        h += std::to_string(port);
    }
    return h;
}

std::string canonicalRequestV2(const RequestParts &p, std::string_view timestamp, std::string_view nonce, std::string_view contentDigest)
{
    const std::size_t q = p.target.find('?');
    const std::string_view target = p.target;
    const std::string_view path = target.substr(0, q);
    const std::string_view query = q == std::string::npos ? std::string_view() : target.substr(q + 1);
    std::string host;
    for (char c : p.host)
        host += char(std::tolower(static_cast<unsigned char>(c)));
    std::string s = signatureV2;
    for (std::string_view part : {std::string_view(p.method), std::string_view(host), path, query, std::string_view(p.idempotencyKey),
                                  timestamp, nonce, std::string_view(p.contentType), contentDigest, std::string_view(p.terminalId)}) {
        s += '\n';
        s += part;
    }
    return s;
}

std::string canonicalRequest(std::string_view method, std::string_view path, std::string_view timestamp,
                             std::string_view nonce, std::string_view contentDigest, std::string_view terminalId)
{
    std::string s = signatureV1;
    s += '\n';
    for (std::string_view part : {method, path, timestamp, nonce, contentDigest}) {
        s += part;
        s += '\n';
    }
    s += terminalId;
    return s;
}

std::optional<RequestSignature> signRequest(SignatureAlgorithm a, std::string_view key, const RequestParts &parts, std::string_view body,
                                            std::int64_t nowMs, std::string nonce, std::string *error)
{
    RequestSignature sig;
    sig.timestamp = std::to_string(nowMs);
    if (nonce.empty()) {
        nonce = randomHex(16, error);
        if (nonce.empty())
            return std::nullopt;
    }
    sig.nonce = std::move(nonce);
    sig.contentDigest = digestHex(a, body, error);
    if (sig.contentDigest.empty())
        return std::nullopt;
    sig.signature = hmacHex(a, key, canonicalRequestV2(parts, sig.timestamp, sig.nonce, sig.contentDigest), error);
    if (sig.signature.empty())
        return std::nullopt;
    return sig;
}

bool equalHex(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && !a.empty() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace kiosk::platform
