// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/queue/platformendpoints.h"

namespace kiosk {

PlatformEndpoints buildEndpoints(const Config &config, const secrets::SecretStore &secrets)
{
    PlatformEndpoints out;
    for (const PlatformConfig &pc : config.platforms) {
        const std::string id = pc.id.toStdString();
        const secrets::Secret secret = secrets.read(secrets::SecretStore::platformSecretName(id, "signing-key"), pc.signingKeyFile.toStdString(), 4096);
        if (!secret) {
            const EndpointError why = secret.error == secrets::SecretError::WrongSize ? EndpointError::SigningKeyEmpty
                : secret.error == secrets::SecretError::Exposed || secret.error == secrets::SecretError::FolderExposed ? EndpointError::SigningKeyExposed
                : EndpointError::SigningKeyUnreadable;
            out.problems.push_back({pc.id, why, QStringLiteral("platform \"%1\": its signing key cannot be used: %2").arg(pc.id, QString::fromStdString(secret.message))});
            continue;
        }
        QByteArray key = QByteArray::fromStdString(secret.bytes.view()).trimmed();
        if (key.isEmpty()) {
            out.problems.push_back({pc.id, EndpointError::SigningKeyEmpty,
                                    QStringLiteral("platform \"%1\": its signing key %2 is empty").arg(pc.id, QString::fromStdString(secret.path))});
            continue;
        }
        std::string clientKeyPath;
        const std::string clientKeyName = secrets::SecretStore::platformSecretName(id, "client-key");
        if (!pc.clientCertificateFile.isEmpty() || !pc.clientKeyFile.isEmpty() || secrets.hasCredential(clientKeyName)) {
            const secrets::SecretLocation where = secrets.locate(clientKeyName, pc.clientKeyFile.toStdString());
            if (!where) {
                out.problems.push_back({pc.id, EndpointError::ClientKeyUnusable,
                                        QStringLiteral("platform \"%1\": its TLS client key cannot be used: %2").arg(pc.id, QString::fromStdString(where.message))});
                key.fill('\0');
                continue;
            }
            clientKeyPath = where.path;
        }
        platform::PlatformEndpoint e;
        e.id = pc.id.toStdString();
        e.host = pc.host.toStdString();
        e.port = std::uint16_t(pc.port);
        e.tls.caFile = pc.caFile.toStdString();
        e.tls.clientCertificateFile = pc.clientCertificateFile.toStdString();
        e.tls.clientKeyFile = clientKeyPath;
        e.signingKey = key.toStdString();
        key.fill('\0');
        e.algorithm = pc.signature == QLatin1String("hmac-sm3") ? platform::SignatureAlgorithm::HmacSm3 : platform::SignatureAlgorithm::HmacSha256;
        e.terminalId = config.terminalId.toStdString();
        e.timeoutMs = pc.timeoutSeconds * 1000;
        out.endpoints.push_back(std::move(e));
    }
    return out;
}

} // namespace kiosk
