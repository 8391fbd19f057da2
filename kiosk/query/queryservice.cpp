// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/query/queryservice.h"

#include "common/logging.h"
#include "common/privacy.h"
#include "devices/idcard/idcard.h"
#include "services/platform/queryclient.h"

#include <QLoggingCategory>
#include <QMetaObject>

Q_LOGGING_CATEGORY(lcQuery, "kiosk.query")

namespace kiosk {

QueryService::QueryService(QObject *parent)
    : QObject(parent)
{
    m_worker = std::thread([this] { run(); });
}

QueryService::~QueryService()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_pending.clear();
        if (m_runningClient)
            m_runningClient->cancel();
    }
    m_wake.notify_all();
    m_worker.join();
}

void QueryService::setEndpoints(std::vector<platform::PlatformEndpoint> endpoints)
{
    std::lock_guard lock(m_mutex);
    m_endpoints = std::move(endpoints);
}

bool QueryService::knows(const QString &platformId) const
{
    std::lock_guard lock(m_mutex);
    const std::string id = platformId.toStdString();
    for (const auto &e : m_endpoints)
        if (e.id == id)
            return true;
    return false;
}

int QueryService::ask(const QString &platformId, const platform::query::Request &request, bool certificate, int deadlineMs)
{
    int id = 0;
    {
        std::lock_guard lock(m_mutex);
        id = m_nextId++;
        // One resident, one call: a new one ends whatever was still under way.
        for (const Call &c : m_pending)
            QMetaObject::invokeMethod(this, [this, old = c.id] { emitCancelled(old); }, Qt::QueuedConnection);
        m_pending.clear();
        if (m_running) {
            m_cancelled = m_running;
            if (m_runningClient)
                m_runningClient->cancel();
            QMetaObject::invokeMethod(this, [this, old = m_running] { emitCancelled(old); }, Qt::QueuedConnection);
        }
        m_pending.push_back({id, platformId.toStdString(), request, certificate, deadlineMs});
    }
    m_wake.notify_all();
    return id;
}

void QueryService::cancel(int id)
{
    bool wasPending = false;
    {
        std::lock_guard lock(m_mutex);
        for (auto it = m_pending.begin(); it != m_pending.end(); ++it) {
            if (it->id == id) {
                m_pending.erase(it);
                wasPending = true;
                break;
            }
        }
        if (!wasPending && m_running == id) {
            m_cancelled = id;
            if (m_runningClient)
                m_runningClient->cancel();
            wasPending = true;
        }
    }
    if (wasPending)
        emitCancelled(id);
}

void QueryService::emitCancelled(int id)
{
    QueryOutcome o;
    o.failure = QueryOutcome::Failure::Cancelled;
    o.detail = QStringLiteral("cancelled");
    Q_EMIT finished(id, o);
}

void QueryService::run()
{
    for (;;) {
        Call call;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_pending.empty(); });
            if (m_stopping) {
                lock.unlock();
                m_clients.clear(); // on the thread that used them
                return;
            }
            call = std::move(m_pending.front());
            m_pending.pop_front();
            m_running = call.id;
        }
        QueryOutcome outcome = perform(call);
        // The resident's number and name went to the platform; here they go too.
        devices::idcard::wipeString(call.request.idNumber);
        devices::idcard::wipeString(call.request.name);
        devices::idcard::wipeString(call.request.childIdNumber);
        bool dropped = false;
        {
            std::lock_guard lock(m_mutex);
            dropped = m_cancelled == call.id || m_stopping;
            m_running = 0;
            m_runningClient = nullptr;
        }
        if (dropped)
            continue; // cancel() (or a newer call) has already said Cancelled
        QMetaObject::invokeMethod(this, [this, id = call.id, o = std::move(outcome)] { Q_EMIT finished(id, o); }, Qt::QueuedConnection);
    }
}

QueryOutcome QueryService::perform(const Call &call)
{
    QueryOutcome o;
    platform::QueryClient *client = nullptr;
    {
        std::lock_guard lock(m_mutex);
        auto it = m_clients.find(call.platform);
        if (it == m_clients.end()) {
            for (const auto &e : m_endpoints) {
                if (e.id == call.platform) {
                    it = m_clients.emplace(call.platform, std::make_unique<platform::QueryClient>(e)).first;
                    break;
                }
            }
        }
        if (it == m_clients.end()) {
            o.failure = QueryOutcome::Failure::NoPlatform;
            o.detail = QStringLiteral("no platform \"%1\" is configured").arg(QString::fromStdString(call.platform));
            return o;
        }
        client = it->second.get();
        if (m_cancelled == call.id)
            return o;
        m_runningClient = client;
    }
    const auto kind = [](platform::QueryFailure e) {
        using E = platform::QueryFailure;
        switch (e) {
        case E::None: return QueryOutcome::Failure::None;
        case E::Unreachable: return QueryOutcome::Failure::Unreachable;
        case E::Timeout: return QueryOutcome::Failure::TimedOut;
        case E::Refused: return QueryOutcome::Failure::Refused;
        case E::ServerError: return QueryOutcome::Failure::ServerError;
        case E::Malformed: return QueryOutcome::Failure::Malformed;
        case E::Cancelled: return QueryOutcome::Failure::Cancelled;
        }
        return QueryOutcome::Failure::Malformed;
    };
    if (call.certificate) {
        auto r = client->fetchCertificate(call.request, call.deadlineMs);
        o.failure = kind(r.failure);
        o.refusal = r.message;
        o.detail = r.detail;
        o.certificate = std::move(r.certificate);
    } else {
        auto r = client->ask(call.request, call.deadlineMs);
        o.failure = kind(r.failure);
        o.refusal = r.message;
        o.detail = r.detail;
        o.answer = std::move(r.answer);
    }
    if (o.failure != QueryOutcome::Failure::None)
        qCWarning(lcQuery).noquote() << call.request.itemCode << (call.certificate ? "certificate" : "query") << "failed:" << privacy::maskPersonalData(o.detail);
    return o;
}

} // namespace kiosk
