// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Poco/Net/Context.h>

#include <string>

namespace kiosk::platform {

/**
 * Process-wide TLS set-up, once: Poco's SSL library, and handlers that reject every certificate
 * OpenSSL did not verify (never a prompt, never "accept anyway").
 */
void initializeTls();

/** Why OpenSSL refused the last certificate on this thread ("certificate has expired"); then cleared. */
[[nodiscard]] std::string takeLastVerifyError();

struct ClientTlsOptions {
    std::string caFile; ///< the only CAs trusted for this platform
    std::string host; ///< checked against the certificate's subjectAltName during the handshake
    std::string clientCertificateFile; ///< mutual TLS, when the platform requires it
    std::string clientKeyFile;
};

/** TLS 1.2 or newer, strict verification against the CA bundle and the host name. */
[[nodiscard]] Poco::Net::Context::Ptr makeClientContext(const ClientTlsOptions &options);

} // namespace kiosk::platform
