// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "services/platform/platformclient.h"
#include "services/simulation/devpki.h"
#include "services/simulation/referenceplatform.h"

#include <memory>
#include <string>
#include <vector>

namespace kiosk::simulation {

/**
 * The demo's city: one reference platform on 127.0.0.1 (with its control API) serving every
 * platform id of the default catalog, with a certificate from a development CA kept in @p dir.
 * Started by the composition only with --simulate, and by tests.
 *
 * Owns the platform's server threads; stop() (or the destructor) ends them. Stop the terminal's
 * delivery first: a dispatcher still sending would only see a refused connection and retry.
 */
class SimulatedCity
{
public:
    /** The platform ids of the default catalog. */
    static const std::vector<std::string> &platformIds();

    /** Starts the platform; nothing, with @p error, when the CA or the server cannot be made. */
    [[nodiscard]] static std::unique_ptr<SimulatedCity> start(const std::string &dir, std::string *error);
    ~SimulatedCity();
    SimulatedCity(const SimulatedCity &) = delete;
    SimulatedCity &operator=(const SimulatedCity &) = delete;

    /** How a terminal @p terminalId reaches each of platformIds() here. */
    [[nodiscard]] std::vector<platform::PlatformEndpoint> endpoints(const std::string &terminalId) const;
    [[nodiscard]] ReferencePlatform &platform() { return *m_platform; }
    void stop();

private:
    SimulatedCity(DevPki pki, std::unique_ptr<ReferencePlatform> platform, std::string signingKey);

    DevPki m_pki;
    std::unique_ptr<ReferencePlatform> m_platform;
    std::string m_signingKey;
};

} // namespace kiosk::simulation
