// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/logging.h"
#include "common/privacy.h"

Q_LOGGING_CATEGORY(lcApp, "kiosk.app")
Q_LOGGING_CATEGORY(lcConfig, "kiosk.config")
Q_LOGGING_CATEGORY(lcSession, "kiosk.session")
Q_LOGGING_CATEGORY(lcCatalog, "kiosk.services.catalog")
Q_LOGGING_CATEGORY(lcQueue, "kiosk.services.queue")
Q_LOGGING_CATEGORY(lcSecrets, "kiosk.services.secrets")
Q_LOGGING_CATEGORY(lcPlatform, "kiosk.services.platform")

namespace kiosk::logging {

namespace {
QtMessageHandler s_previous = nullptr;

void maskingHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QString masked = privacy::maskPersonalData(message);
    if (s_previous)
        s_previous(type, context, masked);
}
} // namespace

void installMaskingHandler()
{
    QtMessageHandler previous = qInstallMessageHandler(maskingHandler);
    if (previous != maskingHandler)
        s_previous = previous;
}

} // namespace kiosk::logging
