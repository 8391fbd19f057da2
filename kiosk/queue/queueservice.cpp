// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/queue/queueservice.h"

#include "devices/idcard/idcard.h"
#include "services/secrets/keyring.h"
#include "kiosk/ui/qmlinstance.h"
#include "common/logging.h"
#include "kiosk/queue/queuewriter.h"
#include "services/platform/requestsigner.h"
#include "services/queue/outbox.h"
#include "services/queue/payloadkey.h"
#include "services/queue/queuecounters.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDeadlineTimer>

#include <openssl/crypto.h>

#include <limits>

namespace kiosk {

namespace {
std::int64_t wallMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
constexpr int deadLetterListSize = 50; // as many as the staff page lists
QueueService *g_instance = nullptr;

// 128 bits of MAC: beyond guessing, even at a scan a second for years.
constexpr size_t kReceiptMacBytes = 16;

/** RFC 4648 base32 without padding: upper case and digits, which QR codes carry compactly. */
QString base32(std::string_view bytes)
{
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    QString out;
    quint32 buffer = 0;
    int bits = 0;
    for (const char c : bytes) {
        buffer = (buffer << 8) | quint8(c);
        bits += 8;
        while (bits >= 5) {
            out += QLatin1Char(alphabet[(buffer >> (bits - 5)) & 31]);
            bits -= 5;
        }
    }
    if (bits > 0)
        out += QLatin1Char(alphabet[(buffer << (5 - bits)) & 31]);
    return out;
}

QString receiptMac(const std::string &key, const QString &requestId)
{
    // The one HMAC of the project (services/platform/requestsigner.h), as raw bytes.
    const QByteArray mac = QByteArray::fromHex(QByteArray::fromStdString(
        platform::hmacHex(platform::SignatureAlgorithm::HmacSha256, key, "receipt\n" + requestId.toLower().toStdString())));
    return std::size_t(mac.size()) < kReceiptMacBytes ? QString() : base32(std::string_view(mac.constData(), kReceiptMacBytes));
}
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

QueueAlertModel::QueueAlertModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

QueueAlertModel::~QueueAlertModel() = default;

void QueueAlertModel::replace(std::vector<Alert> alerts)
{
    const bool countChanges = alerts.size() != m_alerts.size();
    beginResetModel();
    m_alerts = std::move(alerts);
    endResetModel();
    if (countChanges)
        Q_EMIT countChanged();
}

void QueueAlertModel::setHeld(const std::vector<queue::HeldPlatform> &held)
{
    std::vector<Alert> next;
    for (const Alert &a : m_alerts) {
        if (a.kind == Kind::StoreQuarantined)
            next.push_back(a);
    }
    for (const auto &h : held)
        next.push_back({h.why == "clock" ? Kind::ClockRefused : Kind::CredentialsRefused, QString::fromStdString(h.platform), h.requests,
                        QString::fromStdString(h.lastError)});
    replace(std::move(next));
}

void QueueAlertModel::addStoreAlert(const QString &detail)
{
    std::vector<Alert> next = m_alerts;
    next.insert(next.begin(), {Kind::StoreQuarantined, QString(), 0, detail});
    replace(std::move(next));
}

int QueueAlertModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_alerts.size());
}

QVariant QueueAlertModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Alert &a = m_alerts[size_t(index.row())];
    switch (role) {
    case KindRole: return int(a.kind);
    case PlatformRole: return a.platform;
    case RequestsRole: return a.requests;
    case Qt::DisplayRole:
    case DetailRole: return a.detail;
    default: return {};
    }
}

QHash<int, QByteArray> QueueAlertModel::roleNames() const
{
    return {{KindRole, "alertKind"}, {PlatformRole, "platform"}, {RequestsRole, "requests"}, {DetailRole, "detail"}};
}

std::optional<QueueService::RequestState> QueueService::stateOf(const queue::OutboxEntry &entry)
{
    static const std::pair<const char *, RequestState> states[] = {{"pending", RequestState::Pending},
                                                                   {"sending", RequestState::Sending},
                                                                   {"done", RequestState::Done},
                                                                   {"dead", RequestState::Dead},
                                                                   {"discarded", RequestState::Discarded}};
    for (const auto &[text, state] : states) {
        if (entry.state == text)
            return state;
    }
    return std::nullopt;
}

QueueService::QueueService(QObject *parent)
    : QObject(parent)
    , m_deadLetters(std::make_unique<QueueEntryModel>())
    , m_alerts(std::make_unique<QueueAlertModel>())
{
    m_writerThread.setObjectName(QStringLiteral("queue-writer"));
    qRegisterMetaType<kiosk::QueueService::SaveError>();
    // First of all connections: a Submission asking from its own slot finds the outcome.
    connect(this, &QueueService::delivered, this, [this](const QString &id, const QString &t) { rememberOutcome(id, {true, t}); });
    connect(this, &QueueService::deadLettered, this, [this](const QString &id, const QString &r) { rememberOutcome(id, {false, r}); });
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

void QueueService::setUnavailable(const QString &problem)
{
    m_available = false;
    m_problem = problem;
    qCCritical(lcQueue).noquote() << "the request store is unavailable:" << m_problem;
    Q_EMIT changed();
}

bool QueueService::start(platform::Dispatcher::Options options)
{
    if (m_available)
        return true;
    std::string error;
    // The composition checks first (before the key); a service started on its own checks here.
    if (const auto quarantined = queue::Outbox::quarantineIfCorrupt(options.outbox.path, wallMs()))
        raiseStoreAlert(QString::fromStdString(quarantined->keptAs));
    const queue::PayloadCipher cipher(options.key);
    auto writerBox = queue::Outbox::open(options.outbox, cipher, &error);
    m_reader = writerBox ? queue::Outbox::open(options.outbox, cipher, &error) : nullptr;
    if (!m_reader) {
        setUnavailable(QString::fromStdString(error));
        return false;
    }
    const auto ring = secrets::deriveKeyRing(options.key);
    if (!ring) {
        setUnavailable(QStringLiteral("the terminal's keys could not be derived (OpenSSL HKDF failed)"));
        return false;
    }
    m_subjectKey = ring->subject;
    m_receiptKey = ring->receipt;
    // Counters arrive from the writer and dispatcher threads as snapshots: applied here, in order.
    m_counters = std::make_shared<queue::QueueCounters>(
        [this](const queue::OutboxCounts &c, const std::optional<std::vector<queue::OutboxEntry>> &dead) {
            if (QThread::currentThread() == thread())
                applyCounts(c, dead);
            else
                QMetaObject::invokeMethod(this, [this, c, dead] { applyCounts(c, dead); }, Qt::QueuedConnection);
        },
        options.outbox.capBytes, options.outbox.warnRatio);
    // Before any thread runs: the one count the GUI thread makes, at start-up.
    m_counters->recount([this] { return std::pair(m_reader->counts(), m_reader->list("dead", deadLetterListSize)); });
    options.counters = m_counters;

    platform::Dispatcher::Callbacks cb;
    cb.delivered = [this](const std::string &id, const std::string &tracking) {
        QMetaObject::invokeMethod(this, [this, id = QString::fromStdString(id), t = QString::fromStdString(tracking)] {
            qCInfo(lcQueue).noquote() << "delivered" << id << "tracking number" << t;
            Q_EMIT delivered(id, t);
        }, Qt::QueuedConnection);
    };
    cb.dead = [this](const std::string &id, const std::string &reason) {
        QMetaObject::invokeMethod(this, [this, id = QString::fromStdString(id), r = QString::fromStdString(reason)] {
            Q_EMIT deadLettered(id, r); // logged by the dispatcher (kiosk.services.platform)
        }, Qt::QueuedConnection);
    };
    cb.statusChanged = [this](const std::string &id, const std::string &status, const std::string &message) {
        QMetaObject::invokeMethod(this, [this, id = QString::fromStdString(id), s = QString::fromStdString(status),
                                         m = QString::fromStdString(message)] { Q_EMIT statusChanged(id, s, m); },
                                  Qt::QueuedConnection);
    };
    cb.heldChanged = [this](const std::vector<queue::HeldPlatform> &held) {
        QMetaObject::invokeMethod(this, [this, held] {
            m_alerts->setHeld(held);
            Q_EMIT changed();
        }, Qt::QueuedConnection);
    };
    m_dispatcher = std::make_unique<platform::Dispatcher>(std::move(options), cb);
    m_available = true;
    m_problem.clear();
    if (!m_dispatcher->start(&error)) {
        m_problem = QString::fromStdString(error);
        qCCritical(lcQueue).noquote() << "delivery cannot start:" << m_problem;
    }
    platform::Dispatcher *dispatcher = m_dispatcher.get();
    m_writer = new QueueWriter(std::move(writerBox), m_counters, [dispatcher] { dispatcher->wake(); });
    m_writer->moveToThread(&m_writerThread);
    m_writerThread.start();
    Q_EMIT changed();
    return true;
}

void QueueService::stop()
{
    if (m_writerThread.isRunning()) {
        // Posted after every write handed over so far: each is committed and answered first.
        // Without an application (destroyed after it) nothing more can be posted: quit at once.
        if (QCoreApplication::instance())
            QMetaObject::invokeMethod(m_writer, [this] { m_writerThread.quit(); }, Qt::QueuedConnection);
        else
            m_writerThread.quit();
        if (!m_writerThread.wait(QDeadlineTimer(10'000))) {
            qCWarning(lcQueue) << "the queue's writer did not finish its work in 10 s; stopping it";
            m_writerThread.quit();
            m_writerThread.wait();
        }
    }
    delete m_writer;
    m_writer = nullptr;
    if (m_dispatcher)
        m_dispatcher->stop();
    m_dispatcher.reset();
    m_available = false;
}

quint64 QueueService::enqueue(const NewRequest &request)
{
    const quint64 ticket = ++m_lastTicket;
    if (!m_available || !m_writer) {
        qCWarning(lcQueue).noquote() << "could not queue" << request.kind << request.itemCode << ": the request store is unavailable";
        QMetaObject::invokeMethod(this, [this, ticket] { Q_EMIT enqueued(ticket, QString(), SaveError::Unavailable); },
                                  Qt::QueuedConnection);
        return ticket;
    }
    QMetaObject::invokeMethod(m_writer, [this, writer = m_writer, ticket, request] {
        const QueueWriter::Written w = writer->write(request);
        QMetaObject::invokeMethod(this, [this, ticket, w] { Q_EMIT enqueued(ticket, w.requestId, w.error); }, Qt::QueuedConnection);
        // Only now the sender: its "delivered" must reach the GUI thread after the answer that
        // names the request, or the journey would not know the id it is told about.
        if (w.error == SaveError::None)
            writer->wakeSender();
        writer->measure(); // after the answer: the fill level is not what the resident waits for
    }, Qt::QueuedConnection);
    return ticket;
}

QString QueueService::subjectHash(const QString &idNumber) const
{
    if (m_subjectKey.empty() || idNumber.isEmpty())
        return {};
    QString normalised = idNumber.trimmed().toUpper();
    QByteArray id = normalised.toUtf8();
    const QString hash = QString::fromStdString(platform::hmacHex(platform::SignatureAlgorithm::HmacSha256, m_subjectKey,
                                                                  std::string_view(id.constData(), size_t(id.size()))));
    // The number in clear goes back to the allocator as zeros (devices/idcard/idcard.h).
    devices::idcard::wipeString(normalised);
    devices::idcard::wipeBuffer(id);
    return hash;
}

std::vector<queue::OutboxEntry> QueueService::requestsFor(const QString &subjectHash) const
{
    if (!m_reader || subjectHash.isEmpty())
        return {};
    return m_reader->bySubject(subjectHash.toStdString());
}

void QueueService::rememberOutcome(const QString &id, Outcome outcome)
{
    if (m_recentOutcomes.size() >= 64)
        m_recentOutcomes.erase(m_recentOutcomes.begin());
    m_recentOutcomes.emplace_back(id, std::move(outcome));
}

std::optional<QueueService::Outcome> QueueService::recentOutcome(const QString &requestId) const
{
    for (auto it = m_recentOutcomes.rbegin(); it != m_recentOutcomes.rend(); ++it)
        if (it->first == requestId)
            return it->second;
    return std::nullopt;
}

std::optional<queue::OutboxEntry> QueueService::findRequest(const QString &code) const
{
    const QString c = code.trimmed();
    if (!m_reader || c.isEmpty() || c.size() > 64)
        return std::nullopt;
    if (auto e = m_reader->byTrackingNumber(c.toStdString()))
        return e;
    if (auto e = m_reader->byReceiptNumber(c.toStdString())) // read out over the phone: 3816 0274 5519 3
        return e;
    return m_reader->entry(c.toLower().toStdString());
}

QString QueueService::receiptCode(const QString &requestId) const
{
    if (m_receiptKey.empty() || requestId.isEmpty())
        return {};
    return QStringLiteral("KIOSK:") + requestId.toUpper() + QLatin1Char('.') + receiptMac(m_receiptKey, requestId);
}

QString QueueService::verifyReceiptCode(const QString &text) const
{
    const QString t = text.trimmed();
    static const QLatin1String prefix("KIOSK:");
    if (m_receiptKey.empty() || t.size() > 128 || !t.startsWith(prefix, Qt::CaseInsensitive))
        return {};
    const qsizetype dot = t.lastIndexOf(QLatin1Char('.'));
    if (dot <= prefix.size())
        return {};
    const QString id = t.mid(prefix.size(), dot - prefix.size()).toLower();
    const QByteArray given = t.mid(dot + 1).toUpper().toLatin1();
    const QByteArray expected = receiptMac(m_receiptKey, id).toLatin1();
    if (expected.isEmpty() || given.size() != expected.size() || CRYPTO_memcmp(given.constData(), expected.constData(), size_t(expected.size())) != 0)
        return {};
    return id;
}

std::optional<queue::OutboxEntry> QueueService::request(const QString &id) const
{
    if (!m_reader)
        return std::nullopt;
    return m_reader->entry(id.toStdString());
}

void QueueService::checkStatusNow(const QStringList &ids)
{
    if (!m_writer || ids.isEmpty())
        return;
    QMetaObject::invokeMethod(m_writer, [writer = m_writer, ids] { writer->makeStatusDue(ids); }, Qt::QueuedConnection);
}

int QueueService::checkAllStatusesNow()
{
    if (!m_reader || !m_writer)
        return -1;
    // Due "now + ever": every open one, whenever it was last asked.
    QStringList ids;
    for (const auto &e : m_reader->dueStatusChecks(std::numeric_limits<std::int64_t>::max() / 4, 0, 1000))
        ids << QString::fromStdString(e.id);
    checkStatusNow(ids);
    qCInfo(lcQueue).noquote() << "the progress of" << ids.size() << "delivered request(s) is asked again now";
    return int(ids.size());
}

bool QueueService::retry(const QString &id)
{
    const bool ok = m_reader && m_reader->retry(id.toStdString(), wallMs());
    qCInfo(lcQueue).noquote() << "staff retried request" << id << (ok ? "" : "(not possible)");
    if (ok && m_dispatcher)
        m_dispatcher->wake();
    refresh();
    return ok;
}

int QueueService::retryPlatform(const QString &platform)
{
    const int n = m_reader ? m_reader->retryPlatform(platform.toStdString(), wallMs()) : -1;
    qCInfo(lcQueue).noquote() << "staff retried every failed request of platform" << platform << ":"
                              << (n < 0 ? QStringLiteral("not possible") : QString::number(n));
    if (n > 0 && m_dispatcher)
        m_dispatcher->wake();
    refresh();
    return n;
}

void QueueService::raiseStoreAlert(const QString &detail)
{
    m_alerts->addStoreAlert(detail);
    Q_EMIT changed();
}

bool QueueService::discard(const QString &id)
{
    const bool ok = m_reader && m_reader->discard(id.toStdString(), wallMs());
    qCWarning(lcQueue).noquote() << "staff discarded request" << id << (ok ? "" : "(not possible)");
    refresh();
    return ok;
}

void QueueService::refresh()
{
    if (m_writer)
        QMetaObject::invokeMethod(m_writer, [writer = m_writer] { writer->recount(); }, Qt::QueuedConnection);
}

int QueueService::oldestPendingMinutes() const
{
    return m_oldestPendingCreatedAt > 0 ? int((wallMs() - m_oldestPendingCreatedAt) / 60'000) : 0;
}

void QueueService::applyCounts(const queue::OutboxCounts &c, const std::optional<std::vector<queue::OutboxEntry>> &deadLetters)
{
    m_pending = c.pending;
    m_sending = c.sending;
    m_done = c.done;
    m_dead = c.dead;
    m_oldestPendingCreatedAt = c.oldestPendingCreatedAt;
    m_usedPercent = c.capBytes ? int(100 * c.bytesUsed / c.capBytes) : 0;
    if (c.nearCap && !m_nearCap)
        qCWarning(lcQueue) << "the request store is" << m_usedPercent << "% full";
    m_nearCap = c.nearCap;
    if (deadLetters) {
        m_deadLetters->setEntries(*deadLetters);
        QStringList platforms;
        for (const auto &e : *deadLetters) {
            const QString p = QString::fromStdString(e.platform);
            if (!platforms.contains(p))
                platforms.append(p);
        }
        platforms.sort();
        m_deadPlatforms = platforms;
    }
    Q_EMIT changed();
}

} // namespace kiosk
