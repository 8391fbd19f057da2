// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::simulation {

/**
 * A small certificate authority for development, `--simulate` and tests (OpenSSL, EC P-256, or
 * RSA-2048 on request); every OpenSSL call is checked, a failure issues nothing:
 * it issues server and client certificates for the reference platform on 127.0.0.1 — valid ones,
 * and the broken kinds a terminal must refuse (expired, wrong host, self-signed, unknown CA).
 * Never used with a city's real platforms, whose certificates come from provisioning.
 */
class DevPki
{
public:
    struct Spec {
        std::string commonName;
        std::vector<std::string> subjectAltNames = {"IP:127.0.0.1"}; ///< OpenSSL syntax: IP:…, DNS:…
        std::int64_t notBeforeOffsetSeconds = -3600;
        std::int64_t notAfterOffsetSeconds = 30LL * 24 * 3600;
        bool clientAuth = false; ///< a client certificate (mutual TLS) rather than a server one
        bool rsa = false; ///< an RSA-2048 key instead of EC P-256 (for a static-RSA-only test server)
    };
    struct Issued {
        std::string certificateFile;
        std::string keyFile;
    };

    /** Creates (or reuses) a CA named @p name in @p dir: `<name>-ca.pem`, `<name>-ca.key`. */
    [[nodiscard]] static std::optional<DevPki> open(const std::string &dir, const std::string &name, std::string *error);

    /** Issues `<dir>/<fileStem>.pem/.key`, signed by this CA. */
    [[nodiscard]] std::optional<Issued> issue(const std::string &fileStem, const Spec &spec, std::string *error) const;
    /** A certificate signed by its own key: trusted by nobody. */
    [[nodiscard]] static std::optional<Issued> selfSigned(const std::string &dir, const std::string &fileStem, const Spec &spec,
                                                          std::string *error);

    [[nodiscard]] const std::string &caFile() const { return m_caFile; }

private:
    std::string m_dir;
    std::string m_caFile;
    std::string m_caKeyFile;
};

} // namespace kiosk::simulation
