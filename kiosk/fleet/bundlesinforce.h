// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kiosk/config.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace kiosk {

namespace fleet {
class BundleStore;
}

/**
 * The terminal's configuration with the fleet's bundles in force (docs/fleet.md, "When a bundle
 * takes effect"), on top of the local one (the config file, --simulate, the state folder):
 *
 *   config     the file's JSON object with the bundle's top-level keys replacing the file's
 *              (never stateDir or fleet: the validator refuses those), parsed again
 *   platforms  replaces "platforms"; relative caFile/clientCertificateFile are files in the
 *              bundle's folder
 *   staffPin   the staff PIN's hash (the demo PIN no longer applies)
 *   catalog, forms  the files they carry
 *
 * What cannot be used (the merged configuration does not parse, a file cannot be read) is left
 * out with a line in problems, and confirmable is false: the app then does not confirm this
 * start, so the store rolls the bundle back after its unconfirmed starts.
 */
struct ConfigInForce {
    Config config;
    QStringList problems; ///< plain words, for the log (critical)
    bool confirmable = true;
    /** "config 3", "platforms 2": the bundles needing a restart this configuration was built with. */
    QStringList restartBundles;
};

[[nodiscard]] ConfigInForce configInForce(const Config &local, const fleet::BundleStore &store);

/**
 * @p local's configuration with @p bundleJson's top-level keys replacing its file's (its
 * sourceJson, "{}" when built in code), parsed as a config file is; what the file does not say
 * stays as @p local has it: stateDir, fleet, simulate, the demo PIN. Relative paths are resolved
 * against the config file's folder. nullopt when the result does not parse (@p why).
 */
[[nodiscard]] std::optional<Config> mergeConfig(const Config &local, const QByteArray &bundleJson, QString *why);

} // namespace kiosk
