// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/queue/queueservice.h"
#include "common/logging.h"
#include "kiosk/ui/qmlinstance.h"
#include "services/platform/devpki.h"
#include "services/platform/dispatcher.h"
#include "services/platform/referenceplatform.h"
#include "services/platform/requestsigner.h"
#include "services/queue/outbox.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcQueue, "kiosk.services.queue")

namespace kiosk {

namespace {
std::int64_t wallMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
// The platform ids of the default catalog; --simulate serves them all from one reference platform.
const char *const simulatedPlatformIds[] = {"hall", "hotline12345", "medicare", "hrss", "hpf"};
QueueService *g_instance = nullptr;
} // namespace

QueueEntryModel::QueueEntryModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

QueueEntryModel::~QueueEntryModel() = default;

void QueueEntryModel::setEntries(std::vector<queue::OutboxEntry> entries)
{
    const bool countChanges = entries.size() != m_entries.size();
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
    if (countChanges)
        Q_EMIT countChanged();
}

int QueueEntryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant QueueEntryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &e = m_entries[size_t(index.row())];
    switch (role) {
    case IdRole: return QString::fromStdString(e.id);
    case KindRole: return QString::fromStdString(e.kind);
    case ItemCodeRole: return QString::fromStdString(e.itemCode);
    case Qt::DisplayRole:
    case ReasonRole: return QString::fromStdString(e.lastError);
    case CreatedRole: return QDateTime::fromMSecsSinceEpoch(e.createdAt).toString(QStringLiteral("yyyy-MM-dd hh:mm"));
    case AttemptsRole: return e.attempts;
    case PlatformRole: return QString::fromStdString(e.platform);
    default: return {};
    }
}

QHash<int, QByteArray> QueueEntryModel::roleNames() const
{
    return {{IdRole, "requestId"}, {KindRole, "kind"}, {ItemCodeRole, "itemCode"}, {ReasonRole, "reason"},
            {CreatedRole, "created"}, {AttemptsRole, "attempts"}, {PlatformRole, "platform"}};
}

QueueService::QueueService(const Config &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_deadLetters(std::make_unique<QueueEntryModel>())
{
}

QueueService::~QueueService()
{
    stop();
    if (g_instance == this)
        g_instance = nullptr;
}

void QueueService::setQmlInstance(QueueService *queue)
{
    g_instance = queue;
}

QueueService *QueueService::create(QQmlEngine *, QJSEngine *engine)
{
    return qmlInstance(g_instance, engine);
}

bool QueueService::start()
{
    const QString stateDir = m_config.stateDir;
    QDir().mkpath(stateDir);
    std::string error;
    const auto cipher = queue::PayloadCipher::fromKeyFile(QDir(stateDir).filePath(QStringLiteral("payload.key")).toStdString(), &error);
    if (!cipher) {
        m_problem = QString::fromStdString(error);
        qCCritical(lcQueue).noquote() << "the request store is unavailable:" << m_problem;
        Q_EMIT changed();
        return false;
    }
    platform::Dispatcher::Options o;
    o.outbox.path = QDir(stateDir).filePath(QStringLiteral("outbox.sqlite")).toStdString();
    o.outbox.capBytes = std::int64_t(m_config.queue.capMegabytes) << 20;
    o.outbox.retentionMs = std::int64_t(m_config.queue.retentionDays) * 24 * 3600'000;
    o.backoff.baseMs = std::int64_t(m_config.queue.backoffBaseSeconds) * 1000;
    o.backoff.capMs = std::int64_t(m_config.queue.backoffCapSeconds) * 1000;
    o.backoff.maxAgeMs = std::int64_t(m_config.queue.maxAgeHours) * 3600'000;
    o.statusIntervalMs = std::int64_t(m_config.queue.statusIntervalMinutes) * 60'000;
    {
        QFile key(QDir(stateDir).filePath(QStringLiteral("payload.key")));
        if (key.open(QIODevice::ReadOnly)) {
            const QByteArray bytes = key.readAll();
            std::copy_n(bytes.constData(), std::min<qsizetype>(bytes.size(), qsizetype(o.key.size())), o.key.begin());
            m_subjectKey = "subject-v1:" + bytes;
        }
    }

    for (const PlatformConfig &pc : m_config.platforms) {
        platform::PlatformEndpoint e;
        e.id = pc.id.toStdString();
        e.host = pc.host.toStdString();
        e.port = std::uint16_t(pc.port);
        e.tls.caFile = pc.caFile.toStdString();
        e.tls.clientCertificateFile = pc.clientCertificateFile.toStdString();
        e.tls.clientKeyFile = pc.clientKeyFile.toStdString();
        QFile secret(pc.signingKeyFile);
        if (!secret.open(QIODevice::ReadOnly)) {
            qCWarning(lcQueue).noquote() << "platform" << pc.id << ": cannot read its signing key" << pc.signingKeyFile;
            continue;
        }
        e.signingKey = secret.readAll().trimmed().toStdString();
        e.algorithm = pc.signature == QLatin1String("hmac-sm3") ? platform::SignatureAlgorithm::HmacSm3 : platform::SignatureAlgorithm::HmacSha256;
        e.terminalId = m_config.terminalId.toStdString();
        e.timeoutMs = pc.timeoutSeconds * 1000;
        o.platforms.push_back(e);
    }
    if (m_config.platforms.empty() && m_config.simulate) {
        // The demo submits for real: a reference platform on 127.0.0.1 with a development CA.
        const std::string pkiDir = QDir(stateDir).filePath(QStringLiteral("simulated-platform")).toStdString();
        auto pki = platform::DevPki::open(pkiDir, "simulated", &error);
        auto cert = pki ? pki->issue("platform", {.commonName = "127.0.0.1"}, &error) : std::nullopt;
        if (cert) {
            platform::ReferencePlatform::Options po;
            po.certificateFile = cert->certificateFile;
            po.keyFile = cert->keyFile;
            po.signingKey = "simulated-platform-secret";
            po.controlApi = true;
            m_simulated = std::make_unique<platform::ReferencePlatform>(po);
            if (m_simulated->start(&error)) {
                qCInfo(lcQueue) << "simulated city platform on https://127.0.0.1:" << m_simulated->port();
                for (const char *id : simulatedPlatformIds) {
                    platform::PlatformEndpoint e;
                    e.id = id;
                    e.port = m_simulated->port();
                    e.tls.caFile = pki->caFile();
                    e.signingKey = po.signingKey;
                    e.terminalId = m_config.terminalId.toStdString();
                    o.platforms.push_back(e);
                }
            } else {
                m_simulated.reset();
            }
        }
        if (!m_simulated)
            qCWarning(lcQueue).noquote() << "no simulated platform:" << QString::fromStdString(error);
    }

    m_outbox = queue::Outbox::open(o.outbox, *cipher, &error);
    if (!m_outbox) {
        m_problem = QString::fromStdString(error);
        qCCritical(lcQueue).noquote() << "the request store is unavailable:" << m_problem;
        Q_EMIT changed();
        return false;
    }
    platform::Dispatcher::Callbacks cb;
    cb.queueChanged = [this] { QMetaObject::invokeMethod(this, &QueueService::refresh, Qt::QueuedConnection); };
    cb.delivered = [this](const std::string &id, const std::string &tracking) {
        QMetaObject::invokeMethod(this, [this, id = QString::fromStdString(id), t = QString::fromStdString(tracking)] {
            qCInfo(lcQueue).noquote() << "delivered" << id << "tracking number" << t;
            Q_EMIT delivered(id, t);
        }, Qt::QueuedConnection);
    };
    cb.dead = [this](const std::string &id, const std::string &reason) {
        QMetaObject::invokeMethod(this, [this, id = QString::fromStdString(id), r = QString::fromStdString(reason)] {
            qCWarning(lcQueue).noquote() << "request" << id << "failed for good:" << r;
            Q_EMIT deadLettered(id, r);
        }, Qt::QueuedConnection);
    };
    cb.statusChanged = [this](const std::string &id, const std::string &status, const std::string &message) {
        QMetaObject::invokeMethod(this, [this, id = QString::fromStdString(id), s = QString::fromStdString(status),
                                         m = QString::fromStdString(message)] { Q_EMIT statusChanged(id, s, m); },
                                  Qt::QueuedConnection);
    };
    m_dispatcher = std::make_unique<platform::Dispatcher>(o, cb);
    if (!m_dispatcher->start(&error)) {
        m_problem = QString::fromStdString(error);
        qCCritical(lcQueue).noquote() << "delivery cannot start:" << m_problem;
    }
    refresh();
    return true;
}

void QueueService::stop()
{
    if (m_dispatcher)
        m_dispatcher->stop();
    m_dispatcher.reset();
    if (m_simulated)
        m_simulated->stop();
}

quint64 QueueService::enqueue(const NewRequest &request)
{
    // TODO(queue thread): the write still runs here; the answer already comes as a queued signal.
    const quint64 ticket = ++m_nextTicket;
    QString id;
    SaveError error = SaveError::Unavailable;
    if (m_outbox) {
        const auto r = m_outbox->enqueue({request.platform.toStdString(), request.kind.toStdString(), request.itemCode.toStdString(),
                                          request.subjectHash.toStdString(), request.payloadJson.toStdString()},
                                         wallMs());
        if (r.ok) {
            error = SaveError::None;
            id = QString::fromStdString(r.id);
            qCInfo(lcQueue).noquote() << "queued" << request.kind << request.itemCode << "as" << id;
            if (m_dispatcher)
                m_dispatcher->wake();
        } else {
            error = SaveError::Failed;
            qCWarning(lcQueue).noquote() << "could not queue" << request.kind << request.itemCode << ":" << QString::fromStdString(r.error);
        }
        refresh();
    }
    QMetaObject::invokeMethod(this, [this, ticket, id, error] { Q_EMIT enqueued(ticket, id, error); }, Qt::QueuedConnection);
    return ticket;
}

QString QueueService::subjectHash(const QString &idNumber) const
{
    if (m_subjectKey.isEmpty() || idNumber.isEmpty())
        return {};
    const QByteArray id = idNumber.trimmed().toUpper().toUtf8();
    return QString::fromStdString(platform::hmacHex(platform::SignatureAlgorithm::HmacSha256,
                                                    std::string_view(m_subjectKey.constData(), size_t(m_subjectKey.size())),
                                                    std::string_view(id.constData(), size_t(id.size()))));
}

std::vector<queue::OutboxEntry> QueueService::requestsFor(const QString &subjectHash) const
{
    if (!m_outbox || subjectHash.isEmpty())
        return {};
    return m_outbox->bySubject(subjectHash.toStdString());
}

std::optional<queue::OutboxEntry> QueueService::findRequest(const QString &code) const
{
    const QString c = code.trimmed();
    if (!m_outbox || c.isEmpty() || c.size() > 64)
        return std::nullopt;
    if (auto e = m_outbox->byTrackingNumber(c.toStdString()))
        return e;
    return m_outbox->entry(c.toLower().toStdString());
}

std::optional<queue::OutboxEntry> QueueService::request(const QString &id) const
{
    if (!m_outbox)
        return std::nullopt;
    return m_outbox->entry(id.toStdString());
}

void QueueService::checkStatusNow(const QStringList &ids)
{
    if (!m_outbox || ids.isEmpty())
        return;
    std::vector<std::string> v;
    for (const QString &id : ids)
        v.push_back(id.toStdString());
    if (m_outbox->makeStatusDue(v) > 0 && m_dispatcher)
        m_dispatcher->wake();
}

bool QueueService::retry(const QString &id)
{
    const bool ok = m_outbox && m_outbox->retry(id.toStdString(), wallMs());
    qCInfo(lcQueue).noquote() << "staff retried request" << id << (ok ? "" : "(not possible)");
    if (ok && m_dispatcher)
        m_dispatcher->wake();
    refresh();
    return ok;
}

bool QueueService::discard(const QString &id)
{
    const bool ok = m_outbox && m_outbox->discard(id.toStdString(), wallMs());
    qCWarning(lcQueue).noquote() << "staff discarded request" << id << (ok ? "" : "(not possible)");
    refresh();
    return ok;
}

void QueueService::refresh()
{
    if (!m_outbox)
        return;
    const auto c = m_outbox->counts();
    m_pending = c.pending;
    m_sending = c.sending;
    m_done = c.done;
    m_dead = c.dead;
    m_oldestMinutes = c.oldestPendingCreatedAt ? int((wallMs() - c.oldestPendingCreatedAt) / 60'000) : 0;
    m_nearCap = c.nearCap;
    m_usedPercent = c.capBytes ? int(100 * c.bytesUsed / c.capBytes) : 0;
    if (m_nearCap)
        qCWarning(lcQueue) << "the request store is" << m_usedPercent << "% full";
    m_deadLetters->setEntries(m_outbox->list("dead", 50));
    Q_EMIT changed();
}

} // namespace kiosk
