// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Poco/Net/Context.h>

#include <string>

typedef struct x509_st X509;

namespace kiosk::platform {

/**
 * Process-wide TLS set-up, once: Poco's SSL library, and handlers that reject every certificate
 * OpenSSL did not verify (never a prompt, never "accept anyway").
 */
void initializeTls();

/** Why OpenSSL refused the last certificate on this thread ("certificate has expired"); then cleared. */
[[nodiscard]] std::string takeLastVerifyError();

/** A certificate as a technician reads it. */
struct CertificateInfo {
    std::string subject; ///< RFC 2253, e.g. "CN=127.0.0.1,O=Kiosk development"
    std::string issuer;
    std::string notAfter; ///< ISO 8601 UTC, e.g. "2026-12-24T08:00:00Z"
};
[[nodiscard]] CertificateInfo describeCertificate(const X509 *certificate);

/** What the last TLS handshake on this thread negotiated, or which certificate it refused. */
struct HandshakeInfo {
    std::string version; ///< "TLSv1.3"; empty when no handshake completed
    std::string cipher; ///< "TLS_AES_256_GCM_SHA384"
    CertificateInfo peer; ///< the server's certificate (also when it was refused)
};
/** The last handshake on this thread (completed or refused); then cleared. */
[[nodiscard]] HandshakeInfo takeLastHandshake();

/**
 * The only suites a terminal offers: forward-secret (ECDHE) and authenticated encryption (AEAD).
 * No static RSA key exchange, no CBC. TLS 1.3 is preferred; TLS 1.2 is the floor.
 */
inline constexpr const char *clientCipherList = "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                                                "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
                                                "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256";
inline constexpr const char *clientCipherSuites = "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256";

struct ClientTlsOptions {
    std::string caFile; ///< the only CAs trusted for this platform
    std::string host; ///< checked against the certificate's subjectAltName during the handshake
    std::string clientCertificateFile; ///< mutual TLS, when the platform requires it
    std::string clientKeyFile;
};

/**
 * TLS 1.2 or newer with ECDHE + AEAD suites only, strict verification against the CA bundle and
 * the host name. Every OpenSSL setting is checked: one that does not take throws
 * Poco::Net::SSLContextException saying which (the platform is then "misconfigured", never used
 * with weaker settings).
 */
[[nodiscard]] Poco::Net::Context::Ptr makeClientContext(const ClientTlsOptions &options);

} // namespace kiosk::platform
