// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "services/platform/dispatcher.h"

#include <QAbstractListModel>
#include <QObject>
#include <QThread>
#include <QtQml/qqmlregistration.h>

#include <memory>
#include <optional>
#include <vector>

class QQmlEngine;
class QJSEngine;

namespace kiosk {

class QueueWriter;

/** What a journey hands the queue; payloadJson is the platform body (docs/platform-api.md). */
struct NewRequest {
    QString platform, kind, itemCode, subjectHash;
    QByteArray payloadJson;
};

/** Requests in one state (dead letters, for staff), newest first. */
class QueueEntryModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("provided by Queue")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
public:
    enum Role { IdRole = Qt::UserRole + 1, KindRole, ItemCodeRole, ReasonRole, CreatedRole, AttemptsRole, PlatformRole };
    Q_ENUM(Role)

    explicit QueueEntryModel(QObject *parent = nullptr);
    ~QueueEntryModel() override;
    void setEntries(std::vector<queue::OutboxEntry> entries);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void countChanged();

private:
    std::vector<queue::OutboxEntry> m_entries;
};

/** What staff must know about the queue beyond its counts, newest state only (the staff page, the log). */
class QueueAlertModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("provided by Queue")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
public:
    enum class Kind {
        ClockRefused, ///< a platform refuses the terminal's clock: its requests are kept and retried
        CredentialsRefused, ///< a platform refuses the terminal's signature or certificate: kept and retried
        StoreQuarantined, ///< the store was damaged: moved aside for a technician, a fresh one started
    };
    Q_ENUM(Kind)
    enum Role { KindRole = Qt::UserRole + 1, PlatformRole, RequestsRole, DetailRole };
    Q_ENUM(Role)
    struct Alert {
        Kind kind;
        QString platform;
        int requests = 0;
        QString detail; ///< the platform's reason, or where the damaged store is kept
    };

    explicit QueueAlertModel(QObject *parent = nullptr);
    ~QueueAlertModel() override;
    /** Replaces the platform alerts (clock and credential refusals); store alerts stay. */
    void setHeld(const std::vector<queue::HeldPlatform> &held);
    void addStoreAlert(const QString &detail);
    [[nodiscard]] const std::vector<Alert> &alerts() const { return m_alerts; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void countChanged();

private:
    void replace(std::vector<Alert> alerts);
    std::vector<Alert> m_alerts;
};

/**
 * The store-and-forward queue as the terminal uses it: enqueue a resident's request on the
 * queue's writer thread (answered by enqueued() once it is on disk), deliver it on the
 * Dispatcher's thread, and show staff what is waiting, what failed and why.
 *
 * It reads no key, builds no endpoint and starts no platform: the composition
 * (queuecomposition.h) hands it ready Dispatcher options.
 *
 * Threads: the object lives on the GUI thread. It owns the writer thread (its own outbox
 * connection, synchronous=FULL) and the Dispatcher (its own thread and connection). Both report
 * through queued calls: enqueued(), the counters (kept by QueueCounters on those threads, so
 * the GUI thread never queries them), delivered/deadLettered/statusChanged. The GUI thread
 * keeps a read connection for the progress page's small lookups (requestsFor, findRequest,
 * request) and the staff actions retry/discard. Shutdown (stop(), the destructor): the writer
 * finishes what was handed to it, then the dispatcher stops.
 */
class QueueService : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Queue)
    QML_SINGLETON
    Q_PROPERTY(bool available READ available NOTIFY changed)
    Q_PROPERTY(QString problem READ problem NOTIFY changed)
    Q_PROPERTY(int pending READ pending NOTIFY changed)
    Q_PROPERTY(int sending READ sending NOTIFY changed)
    Q_PROPERTY(int done READ done NOTIFY changed)
    Q_PROPERTY(int dead READ dead NOTIFY changed)
    Q_PROPERTY(int oldestPendingMinutes READ oldestPendingMinutes NOTIFY changed)
    Q_PROPERTY(bool nearCap READ nearCap NOTIFY changed)
    Q_PROPERTY(int usedPercent READ usedPercent NOTIFY changed)
    Q_PROPERTY(kiosk::QueueEntryModel *deadLetters READ deadLetters CONSTANT)
    Q_PROPERTY(kiosk::QueueAlertModel *alerts READ alerts CONSTANT)
    /** The platforms among the listed dead letters (staff may retry all of one platform's at once). */
    Q_PROPERTY(QStringList deadPlatforms READ deadPlatforms NOTIFY changed)

public:
    enum class SaveError { None, Unavailable, Full, TooLarge, Failed };
    Q_ENUM(SaveError)
    /** A request's state in the outbox (OutboxEntry::state as text). */
    enum class RequestState { Pending, Sending, Done, Dead, Discarded };
    Q_ENUM(RequestState)
    [[nodiscard]] static std::optional<RequestState> stateOf(const queue::OutboxEntry &entry);

    /** No default argument on purpose: QML would build its own instance of a default-constructible
     *  singleton instead of calling create() (Qt 6.4 prefers the constructor). */
    explicit QueueService(QObject *parent);
    ~QueueService() override;

    /** The instance QML gets (set by the composition root before QML loads). */
    static void setQmlInstance(QueueService *queue);
    static QueueService *create(QQmlEngine *, QJSEngine *);

    /**
     * Opens the outbox with @p options (key, platforms, limits: from the composition) and
     * starts the writer thread and delivery. False (see problem()) when the store is unusable.
     */
    bool start(platform::Dispatcher::Options options);
    /** The store cannot be used at all (e.g. its key was refused): say why; every enqueue fails. */
    void setUnavailable(const QString &problem);
    void stop();

    /** Returns a ticket (> 0) at once; enqueued(ticket, …) follows, queued on the GUI thread,
     *  once the request is committed to disk (error None, requestId set) or could not be. */
    quint64 enqueue(const NewRequest &request);
    /**
     * A resident's requests are found again by this keyed hash of their ID number (HMAC-SHA256
     * with a key derived from the terminal's payload key), so the number itself is never stored.
     */
    Q_INVOKABLE QString subjectHash(const QString &idNumber) const;
    /** Staff: try a dead request again. Logged. */
    Q_INVOKABLE bool retry(const QString &id);
    /** Staff: try every dead request of @p platform again (those whose payload is kept); how many. Logged. */
    Q_INVOKABLE int retryPlatform(const QString &platform);
    /** The store was found damaged and moved aside to @p keptAs (Outbox::quarantineIfCorrupt): staff are told. */
    void raiseStoreAlert(const QString &keptAs);
    /** Staff: give a request up (after confirming on screen). Logged. */
    Q_INVOKABLE bool discard(const QString &id);
    /** Counts everything again (on the writer thread); changed() follows. */
    Q_INVOKABLE void refresh();

    bool available() const { return m_available; }
    QString problem() const { return m_problem; }
    int pending() const { return m_pending; }
    int sending() const { return m_sending; }
    int done() const { return m_done; }
    int dead() const { return m_dead; }
    int oldestPendingMinutes() const;
    bool nearCap() const { return m_nearCap; }
    int usedPercent() const { return m_usedPercent; }
    QueueEntryModel *deadLetters() const { return m_deadLetters.get(); }
    QueueAlertModel *alerts() const { return m_alerts.get(); }
    QStringList deadPlatforms() const { return m_deadPlatforms; }

    /** This resident's requests known to the terminal (by subjectHash()), newest first. */
    std::vector<queue::OutboxEntry> requestsFor(const QString &subjectHash) const;
    /**
     * Staff only (a number read out over the phone): the request a platform tracking number,
     * the terminal's receipt number or its request id names. Never for what a resident scans:
     * those numbers can be guessed (verifyReceiptCode() is the resident's way).
     */
    std::optional<queue::OutboxEntry> findRequest(const QString &code) const;
    /** What happened to a request the screen is waiting for (see recentOutcome()). */
    struct Outcome {
        bool delivered = false; ///< else refused for good
        QString text; ///< the tracking number, or the refusal's reason
    };
    /**
     * Whether @p requestId was delivered or refused since it was saved, as delivered() or
     * deadLettered() said. The dispatcher may send a request before the writer's "saved" answer
     * reaches the GUI thread (the writer thread can be preempted between its commit and its
     * answer): Submission asks here when the answer comes, so such an outcome is not missed.
     * The last 64 outcomes are kept.
     */
    [[nodiscard]] std::optional<Outcome> recentOutcome(const QString &requestId) const;
    /**
     * What a receipt's QR code carries: a capability, `KIOSK:<request id>.<MAC>`, the MAC an
     * HMAC-SHA256 of the id (truncated to 128 bits, base32) under a key only this terminal has.
     * Empty before start() (no key).
     */
    [[nodiscard]] QString receiptCode(const QString &requestId) const;
    /**
     * The request id a scanned receipt code names, when it is this terminal's capability with
     * a right MAC (compared in constant time); empty for anything else: a bare tracking or
     * receipt number, a changed id or MAC, another terminal's code.
     */
    [[nodiscard]] QString verifyReceiptCode(const QString &text) const;
    std::optional<queue::OutboxEntry> request(const QString &id) const;
    /** Asks the platforms about these requests now rather than at the next interval (on the writer thread). */
    void checkStatusNow(const QStringList &ids);
    /** The same for every delivered request whose progress may still change (a fleet command):
     *  how many (at most 1,000), or −1 when the queue is not running. */
    int checkAllStatusesNow();

Q_SIGNALS:
    void enqueued(quint64 ticket, const QString &requestId, kiosk::QueueService::SaveError error);
    void changed();
    void delivered(const QString &id, const QString &trackingNumber);
    void deadLettered(const QString &id, const QString &reason);
    void statusChanged(const QString &id, const QString &status, const QString &message);

private:
    void applyCounts(const queue::OutboxCounts &counts, const std::optional<std::vector<queue::OutboxEntry>> &deadLetters);

    std::unique_ptr<queue::Outbox> m_reader; ///< GUI thread: lookups and staff actions only
    std::shared_ptr<queue::QueueCounters> m_counters;
    QThread m_writerThread;
    QueueWriter *m_writer = nullptr; ///< lives on m_writerThread; deleted after it ends
    std::unique_ptr<platform::Dispatcher> m_dispatcher;
    std::unique_ptr<QueueEntryModel> m_deadLetters;
    std::unique_ptr<QueueAlertModel> m_alerts;
    QStringList m_deadPlatforms;
    QString m_problem;
    std::string m_subjectKey;
    std::string m_receiptKey; ///< the receipt codes' MAC key (secrets::KeyRing::receipt, HKDF)
    std::vector<std::pair<QString, Outcome>> m_recentOutcomes; ///< newest last, at most 64 (GUI thread)
    void rememberOutcome(const QString &id, Outcome outcome);
    quint64 m_lastTicket = 0;
    bool m_available = false;
    std::int64_t m_oldestPendingCreatedAt = 0;
    int m_pending = 0, m_sending = 0, m_done = 0, m_dead = 0, m_usedPercent = 0;
    bool m_nearCap = false;
};

} // namespace kiosk
