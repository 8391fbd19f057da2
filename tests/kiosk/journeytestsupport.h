// SPDX-License-Identifier: GPL-3.0-or-later
// Shared setup of the journey tests: a real queue in a temporary state dir delivering to the
// in-process reference platform over TLS on 127.0.0.1, the test forms, and an ID card's fields.
#pragma once

#include "kiosk/config.h"
#include "kiosk/queue/queuecomposition.h"
#include "kiosk/queue/queueservice.h"
#include "services/forms/formdefinition.h"
#include "services/simulation/referenceplatform.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

namespace kiosk::test {

/**
 * A started QueueService as the terminal composes it with --simulate (or without platforms, or on
 * an unusable @p stateDir). The queue is stopped before the simulated city goes.
 */
struct SimulatedQueue {
    explicit SimulatedQueue(bool simulate = true, const QString &stateDir = {})
    {
        Config config;
        config.stateDir = stateDir.isEmpty() ? dir.path() : stateDir;
        config.simulate = simulate;
        config.queue.backoffBaseSeconds = 1; // a platform back up is tried again within seconds
        parts = QueueComposition::start(config, queue);
    }
    ~SimulatedQueue()
    {
        queue.stop();
        parts.reset();
    }
    SimulatedQueue(const SimulatedQueue &) = delete;
    SimulatedQueue &operator=(const SimulatedQueue &) = delete;

    [[nodiscard]] simulation::ReferencePlatform &platform() const { return *parts->simulatedPlatform(); }

    /** Down: every request meets a 503 until up again (as tests/qml's TestPlatform does). */
    void setDown(bool down) const
    {
        platform().clearFaults();
        if (down)
            platform().injectFault(simulation::ReferencePlatform::Fault::ServerError, 100000);
    }

    /** Requests of @p kind the platform took in (each idempotency key once). */
    [[nodiscard]] int count(const char *kind) const
    {
        int n = 0;
        for (const auto &e : platform().effects())
            n += e.kind == kind;
        return n;
    }

    /** The body of the last request of @p kind the platform took in. */
    [[nodiscard]] std::optional<QJsonObject> lastBody(const char *kind) const
    {
        const auto effects = platform().effects();
        for (auto it = effects.rbegin(); it != effects.rend(); ++it)
            if (it->kind == kind)
                return QJsonDocument::fromJson(QByteArray::fromStdString(it->body)).object();
        return std::nullopt;
    }

    /** Enqueues @p r and waits until it is on disk: its request id, empty when not saved. */
    QString save(const NewRequest &r)
    {
        QSignalSpy spy(&queue, &QueueService::enqueued);
        const quint64 ticket = queue.enqueue(r);
        if (!QTest::qWaitFor([&] { return !spy.isEmpty(); }, 5000))
            return {};
        for (const auto &answer : std::as_const(spy))
            if (answer.at(0).toULongLong() == ticket && answer.at(2).value<QueueService::SaveError>() == QueueService::SaveError::None)
                return answer.at(1).toString();
        return {};
    }

    QTemporaryDir dir;
    QueueService queue{nullptr};
    std::unique_ptr<QueueComposition> parts;
};

inline NewRequest request(const QString &subjectHash = {}, const char *kind = "submission")
{
    return {QStringLiteral("hall"), QLatin1String(kind), QStringLiteral("RS-0001"), subjectHash,
            QByteArrayLiteral("{\"itemCode\":\"RS-0001\"}")};
}

inline std::optional<forms::FormSet> smallForms()
{
    auto r = forms::loadFormsFile(QStringLiteral(KIOSK_TEST_DATA_DIR "/forms-small.json"));
    if (r.forms)
        r.forms->reindex();
    return std::move(r.forms);
}

/** What the simulator's first sample card says (a valid ID number), by prefill name. */
inline QHash<QString, QString> card()
{
    return {{QStringLiteral("name"), QStringLiteral("张伟")},
            {QStringLiteral("idNumber"), QStringLiteral("350102198503122136")},
            {QStringLiteral("gender"), QStringLiteral("male")},
            {QStringLiteral("birthDate"), QStringLiteral("1985-03-12")},
            {QStringLiteral("address"), QStringLiteral("福州市鼓楼区五凤街道幸福里1号")},
            {QStringLiteral("nation"), QStringLiteral("汉")}};
}

} // namespace kiosk::test
