// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/queue/platformendpoints.h"

#include <QFile>

namespace kiosk {

PlatformEndpoints buildEndpoints(const Config &config)
{
    PlatformEndpoints out;
    for (const PlatformConfig &pc : config.platforms) {
        QFile secret(pc.signingKeyFile);
        if (!secret.open(QIODevice::ReadOnly)) {
            out.problems.push_back({pc.id, EndpointError::SigningKeyUnreadable,
                                    QStringLiteral("platform \"%1\": cannot read its signing key %2 (%3)")
                                        .arg(pc.id, pc.signingKeyFile, secret.errorString())});
            continue;
        }
        const QByteArray key = secret.readAll().trimmed();
        if (key.isEmpty()) {
            out.problems.push_back({pc.id, EndpointError::SigningKeyEmpty,
                                    QStringLiteral("platform \"%1\": its signing key %2 is empty").arg(pc.id, pc.signingKeyFile)});
            continue;
        }
        platform::PlatformEndpoint e;
        e.id = pc.id.toStdString();
        e.host = pc.host.toStdString();
        e.port = std::uint16_t(pc.port);
        e.tls.caFile = pc.caFile.toStdString();
        e.tls.clientCertificateFile = pc.clientCertificateFile.toStdString();
        e.tls.clientKeyFile = pc.clientKeyFile.toStdString();
        e.signingKey = key.toStdString();
        e.algorithm = pc.signature == QLatin1String("hmac-sm3") ? platform::SignatureAlgorithm::HmacSm3 : platform::SignatureAlgorithm::HmacSha256;
        e.terminalId = config.terminalId.toStdString();
        e.timeoutMs = pc.timeoutSeconds * 1000;
        out.endpoints.push_back(std::move(e));
    }
    return out;
}

} // namespace kiosk
