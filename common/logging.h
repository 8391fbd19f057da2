// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcApp)
Q_DECLARE_LOGGING_CATEGORY(lcConfig)
Q_DECLARE_LOGGING_CATEGORY(lcSession)
Q_DECLARE_LOGGING_CATEGORY(lcCatalog)
Q_DECLARE_LOGGING_CATEGORY(lcQueue) ///< the outbox, its key and the queue's threads
Q_DECLARE_LOGGING_CATEGORY(lcSecrets) ///< where keys come from (credentials, key files)
Q_DECLARE_LOGGING_CATEGORY(lcPlatform) ///< delivery to the city platforms

namespace kiosk::logging {

/**
 * Installs the process-wide message handler: every log line passes through
 * privacy::maskPersonalData() before it reaches stderr or the journal, so an ID or phone
 * number that slipped into a message is never written in clear.
 */
void installMaskingHandler();

} // namespace kiosk::logging
