// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/queue/queuecomposition.h"

#include "common/logging.h"
#include "kiosk/queue/platformendpoints.h"
#include "kiosk/queue/queueservice.h"
#include "services/queue/payloadkey.h"
#include "services/simulation/simulatedcity.h"

#include <QDateTime>
#include <QDir>

namespace kiosk {

QueueComposition::QueueComposition(secrets::SecretStore secrets)
    : m_secrets(std::move(secrets))
{
}
QueueComposition::~QueueComposition() = default;

platform::Dispatcher::Options QueueComposition::queueOptions(const Config &config, const queue::PayloadCipher::Key &key)
{
    platform::Dispatcher::Options o;
    o.key = key;
    o.outbox.path = QDir(config.stateDir).filePath(QStringLiteral("outbox.sqlite")).toStdString();
    o.outbox.capBytes = std::int64_t(config.queue.capMegabytes) << 20;
    o.outbox.retentionMs = std::int64_t(config.queue.retentionDays) * 24 * 3600'000;
    o.outbox.recordRetentionMs = std::int64_t(config.queue.keepRecordsDays) * 24 * 3600'000;
    o.outbox.deadPayloadRetentionMs = std::int64_t(config.queue.deadLetterDays) * 24 * 3600'000;
    o.backoff.minAttempts = config.queue.minAttempts;
    o.backoff.baseMs = std::int64_t(config.queue.backoffBaseSeconds) * 1000;
    o.backoff.capMs = std::int64_t(config.queue.backoffCapSeconds) * 1000;
    o.backoff.maxAgeMs = std::int64_t(config.queue.maxAgeHours) * 3600'000;
    o.statusIntervalMs = std::int64_t(config.queue.statusIntervalMinutes) * 60'000;
    return o;
}

std::unique_ptr<QueueComposition> QueueComposition::start(const Config &config, QueueService &service)
{
    std::unique_ptr<QueueComposition> parts(new QueueComposition(
        secrets::SecretStore::fromEnvironment(config.simulate ? secrets::SecretStore::Mode::Development : secrets::SecretStore::Mode::Production)));
    const std::string stateDir = config.stateDir.toStdString();
    QDir().mkpath(config.stateDir);
    const std::string outboxPath = QDir(config.stateDir).filePath(QStringLiteral("outbox.sqlite")).toStdString();
    // A damaged store is moved aside (kept for a technician) before anything reads it: the
    // terminal goes on with a fresh one, and staff are told what was lost.
    if (const auto quarantined = queue::Outbox::quarantineIfCorrupt(outboxPath, QDateTime::currentMSecsSinceEpoch()))
        service.raiseStoreAlert(QString::fromStdString(quarantined->keptAs));
    // A new key would orphan every stored payload and subject hash: only for an empty store.
    const auto rows = queue::Outbox::storedRows(outboxPath);
    const auto key = queue::payloadKeySource(parts->m_secrets, stateDir)->load(rows && *rows == 0);
    if (!key) {
        service.setUnavailable(QString::fromStdString(key.message));
        return parts;
    }
    platform::Dispatcher::Options o = queueOptions(config, key.key);
    PlatformEndpoints endpoints = buildEndpoints(config, parts->m_secrets);
    o.platforms = std::move(endpoints.endpoints);
    for (const EndpointProblem &p : endpoints.problems)
        o.misconfigured[p.platformId.toStdString()] = p.message.toStdString();
    if (config.platforms.empty() && config.simulate) {
        // The demo submits for real: a reference platform on 127.0.0.1 with a development CA.
        std::string error;
        parts->m_city = simulation::SimulatedCity::start(QDir(config.stateDir).filePath(QStringLiteral("simulated-platform")).toStdString(), &error);
        if (parts->m_city) {
            auto simulated = parts->m_city->endpoints(config.terminalId.toStdString());
            o.platforms.insert(o.platforms.end(), simulated.begin(), simulated.end());
        }
    }
    parts->m_endpoints = o.platforms;
    service.start(std::move(o));
    return parts;
}

simulation::ReferencePlatform *QueueComposition::simulatedPlatform() const
{
    return m_city ? &m_city->platform() : nullptr;
}

} // namespace kiosk
