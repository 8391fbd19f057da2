// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kiosk/config.h"
#include "services/platform/platformclient.h"
#include "services/secrets/secretstore.h"

#include <QString>

#include <vector>

namespace kiosk {

/** Why a configured platform cannot be used on this terminal. */
enum class EndpointError {
    None,
    SigningKeyUnreadable, ///< neither the credential nor platforms[].signingKeyFile can be read
    SigningKeyEmpty, ///< the file is there but holds no key
    SigningKeyExposed, ///< a production terminal refuses a key file others can read or swap
    ClientKeyUnusable, ///< the TLS client key (credential or clientKeyFile) is missing or exposed
};

struct EndpointProblem {
    QString platformId;
    EndpointError error = EndpointError::None;
    QString message; ///< for the log and the staff page; never the key itself
};

/** The platforms of a configuration, ready for the Dispatcher, and those that are not. */
struct PlatformEndpoints {
    std::vector<platform::PlatformEndpoint> endpoints;
    std::vector<EndpointProblem> problems; ///< their requests wait (saying why) rather than fail
};

/**
 * Config → endpoints. Each platform's signing key is read once (trimmed) and its TLS client key
 * located, from the systemd credentials `platform.<id>.signing-key` and `platform.<id>.client-key`
 * when the kiosk was handed them, else from the files the configuration names (refused in
 * production unless private to the kiosk user: secrets::SecretStore).
 */
[[nodiscard]] PlatformEndpoints buildEndpoints(const Config &config, const secrets::SecretStore &secrets);

} // namespace kiosk
