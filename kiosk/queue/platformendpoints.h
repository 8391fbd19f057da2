// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kiosk/config.h"
#include "services/platform/platformclient.h"

#include <QString>

#include <vector>

namespace kiosk {

/** Why a configured platform cannot be used on this terminal. */
enum class EndpointError {
    None,
    SigningKeyUnreadable, ///< platforms[].signingKeyFile cannot be opened
    SigningKeyEmpty, ///< the file is there but holds no key
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

/** Config → endpoints: reads each platform's signing key file (trimmed) once. */
[[nodiscard]] PlatformEndpoints buildEndpoints(const Config &config);

} // namespace kiosk
