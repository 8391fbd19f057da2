// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>

namespace kiosk {

namespace platform {
struct PlatformEndpoint;
}

/**
 * One platform checked as a technician needs it (`kioskctl platform check`, the maintenance
 * menu): reachable, TLS version and cipher, the certificate's subject and expiry, the clock
 * skew, whether a signed probe (GET /api/v1/ping) was accepted, and what is wrong otherwise —
 * one JSON object, "ok" true when all is well. Blocks for the round trip (not on the GUI thread).
 */
[[nodiscard]] QJsonObject checkPlatform(const platform::PlatformEndpoint &endpoint);
/** The object in one line of plain words. */
[[nodiscard]] QString platformCheckWords(const QJsonObject &line);

} // namespace kiosk
