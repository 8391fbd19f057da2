// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kiosk/config.h"
#include "services/platform/dispatcher.h"
#include "services/secrets/secretstore.h"

#include <memory>

namespace kiosk::simulation {
class ReferencePlatform;
class SimulatedCity;
}

namespace kiosk {

class QueueService;

/**
 * The queue's part of the composition root: reads the master key once (a systemd credential,
 * or the development file: payloadKeySource()), builds the platform endpoints from the configuration — or, with --simulate
 * and no platforms configured, starts the simulated city — and starts the QueueService with
 * them. KioskApp and the tests call it; the façade itself knows none of this.
 *
 * Ownership: holds the simulated city (when there is one). Stop the QueueService before this
 * is destroyed, so delivery never outlives its platform.
 */
class QueueComposition
{
public:
    /** Wires and starts @p service; a store that cannot be used is reported through it. */
    [[nodiscard]] static std::unique_ptr<QueueComposition> start(const Config &config, QueueService &service);
    ~QueueComposition();

    /** The delivery options for @p config with this key (no platforms, no simulation). */
    [[nodiscard]] static platform::Dispatcher::Options queueOptions(const Config &config, const queue::PayloadCipher::Key &key);

    /** The in-process reference platform of --simulate (null otherwise): tests and the demo move statuses. */
    [[nodiscard]] simulation::ReferencePlatform *simulatedPlatform() const;
    /** The platforms as the dispatcher got them (keys, TLS): record queries go to the same ones. */
    [[nodiscard]] const std::vector<platform::PlatformEndpoint> &endpoints() const { return m_endpoints; }

private:
    explicit QueueComposition(secrets::SecretStore secrets);
    secrets::SecretStore m_secrets; ///< $CREDENTIALS_DIRECTORY; production unless --simulate
    std::unique_ptr<simulation::SimulatedCity> m_city;
    std::vector<platform::PlatformEndpoint> m_endpoints;
};

} // namespace kiosk
