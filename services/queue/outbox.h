// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "services/queue/payloadcipher.h"

#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace Poco::Data {
class Session;
}

namespace kiosk::queue {

/** One request in the outbox, as staff and the progress lookup see it (never the payload). */
struct OutboxEntry {
    std::string id; ///< UUID; also the Idempotency-Key
    std::string receiptNumber; ///< the terminal's own number for it (see receiptNumber()), unique in this outbox
    std::string platform;
    std::string kind; ///< submission, suggestion, evaluation
    std::string itemCode;
    std::string state; ///< pending, sending, done, dead, discarded
    int attempts = 0;
    std::int64_t nextAttemptAt = 0;
    std::int64_t createdAt = 0;
    std::int64_t updatedAt = 0;
    std::string lastError;
    std::string trackingNumber;
    std::string platformStatus; ///< accepted, in_progress, done, rejected (from the platform)
    std::string platformMessage;
    std::int64_t statusCheckedAt = 0;
    bool hasPayload = false;
    /**
     * Why a waiting request is held: "clock" (the platform refused the terminal's clock) or
     * "auth" (it refused the terminal's credentials). Held requests are retried and never expire;
     * staff are alerted. Empty otherwise.
     */
    std::string held;
    std::int64_t ageMs = 0; ///< time in its current state on the outbox's monotonic clock (see Outbox::advanceClock)
};

/** Why a write to the outbox failed (also the last failure of any query, see Outbox::lastError()). */
enum class StoreError {
    None,
    Full, ///< the cap (queue.capMegabytes) or the disk is full
    TooLarge, ///< the payload is over the platform's 1 MiB limit
    Io, ///< the storage failed
    Busy, ///< another connection held the lock for longer than the busy timeout
    Crypto, ///< no randomness, or sealing failed
    Failed, ///< anything else SQLite refused
};

struct OutboxCounts {
    int pending = 0;
    int sending = 0;
    int done = 0;
    int dead = 0;
    int discarded = 0;
    std::int64_t oldestPendingCreatedAt = 0; ///< 0 when nothing is pending
    std::int64_t bytesUsed = 0;
    std::int64_t capBytes = 0;
    bool nearCap = false; ///< staff are warned before the cap is reached
};

/** Platforms whose requests are held by a refusal of the terminal's credentials or clock. */
struct HeldPlatform {
    std::string platform;
    std::string why; ///< "clock" or "auth"
    int requests = 0;
    std::string lastError;
};

/**
 * The durable store-and-forward queue: one SQLite file in WAL mode with synchronous=FULL, so a
 * request whose enqueue() returned survives a power cut. Payloads are sealed with AES-256-GCM;
 * nothing else about the resident is stored in clear (the subject is a keyed hash).
 *
 * One Outbox per thread: the queue's writer thread enqueues, the dispatcher's own instance claims
 * and updates, the GUI thread only reads; SQLite's locking (with a busy timeout) keeps them
 * consistent. No method throws: failures are logged (kiosk.services.queue) and typed
 * (StoreError, lastError()).
 *
 * States: pending → sending → done, or dead with a reason; a retryable failure goes back to
 * pending with a later next attempt; staff may retry a dead request or discard it.
 */
class Outbox
{
public:
    struct Options {
        std::string path;
        std::int64_t capBytes = 256LL * 1024 * 1024; ///< the queue never grows past this
        double warnRatio = 0.8; ///< nearCap from this share of the cap on
        std::int64_t retentionMs = 7LL * 24 * 3600'000; ///< delivered payloads are purged after this
        std::int64_t recordRetentionMs = 30LL * 24 * 3600'000; ///< delivered and discarded rows are deleted after this
        std::int64_t deadPayloadRetentionMs = 30LL * 24 * 3600'000; ///< a dead letter's payload is deleted after this
        /**
         * FULL: every commit is synced before it returns — required where requests are
         * acknowledged (enqueue). The dispatcher's own connection uses NORMAL: in WAL mode its
         * commits stay consistent, and one lost in a power cut only means the request is sent
         * again, which the platform de-duplicates.
         */
        bool syncEveryCommit = true;
        /** Tests: the registered SQLite VFS to open the file through (the power-cut harness); empty: the default. */
        std::string vfs;
    };
    struct Request {
        std::string platform;
        std::string kind;
        std::string itemCode;
        std::string subjectHash; ///< keyed hash of the resident's ID number, for progress lookup
        std::string payload; ///< JSON, sealed before it is written
    };
    struct EnqueueResult {
        bool ok = false;
        std::string id;
        StoreError failure = StoreError::None;
        std::string error; ///< for the log and staff when !ok: "could not be saved: …"
        std::int64_t createdAt = 0;
    };
    struct Claimed {
        OutboxEntry entry;
        std::optional<std::string> payload; ///< nothing when the sealed payload does not open
    };

    static constexpr int schemaVersion = 4;
    /** The payload format new rows are sealed in (column payload_format; see PayloadCipher::associatedData()). */
    static constexpr int payloadFormat = 3;
    /** The payload key version of a payload format: 1 (the master key) up to format 2, then 2 (derived). */
    [[nodiscard]] static constexpr int keyVersionOf(int format) { return format >= 3 ? 2 : 1; }
    /** The write-ahead log may use this much of the cap (journal_size_limit; checkpoints at half of it). */
    [[nodiscard]] static std::int64_t walBudgetBytes(std::int64_t capBytes);
    /** max_page_count for @p capBytes: the cap less the WAL's budget, at least 16 pages. */
    [[nodiscard]] static std::int64_t maxPages(std::int64_t capBytes, std::int64_t pageSize);

    /**
     * Before opening: when the file at @p path is not a database or fails PRAGMA quick_check, it
     * (with its WAL) is renamed to `<path>.corrupt-<UTC time>` (mode 0600), kept for a technician,
     * and a fresh outbox can be made. Returns where it is kept and what staff are told; nothing
     * when the file is sound, absent, or could not be checked (then open() reports why).
     */
    struct Quarantined {
        std::string keptAs;
        std::string message; ///< for the log and staff, in plain words
    };
    [[nodiscard]] static std::optional<Quarantined> quarantineIfCorrupt(const std::string &path, std::int64_t nowMs);
    /** docs/platform-api.md: bodies are at most 1 MiB; a larger one is refused before it is stored. */
    static constexpr std::size_t maxPayloadBytes = 1 << 20;

    /**
     * How many rows the outbox at @p path holds, without a key (0 when there is no file);
     * nothing when that cannot be told. A new payload key may only be made when this is 0.
     */
    [[nodiscard]] static std::optional<std::int64_t> storedRows(const std::string &path);

    /** Opens (creating or migrating) the outbox. Nothing, with @p error set, on failure. */
    [[nodiscard]] static std::unique_ptr<Outbox> open(const Options &options, const PayloadCipher &cipher, std::string *error);
    ~Outbox();

    /**
     * Commits the request (fsync'd) before it returns: only then may the screen say 已提交. Its
     * id is drawn again while its receipt number is already taken in this file, so the number is
     * unique among the requests this terminal holds (rows are deleted after the retention).
     */
    [[nodiscard]] EnqueueResult enqueue(const Request &request, std::int64_t nowMs);

    /** Takes the next due request not for a platform in @p skip and marks it sending (committed). */
    [[nodiscard]] std::optional<Claimed> claimNext(std::int64_t nowMs, const std::set<std::string> &skip = {});
    /** Up to @p max due requests, oldest first, marked sending in one transaction. */
    [[nodiscard]] std::vector<Claimed> claimBatch(std::int64_t nowMs, const std::set<std::string> &skip, int max);
    /**
     * Claimed requests that were not sent after all, or whose results could not be recorded, go
     * back to pending (due at @p nextAttemptAt, or @p nowMs), their attempt not counted. One
     * transaction; false when it failed (then recoverInterrupted() brings them back later).
     */
    bool release(const std::vector<std::string> &ids, std::int64_t nowMs, std::int64_t nextAttemptAt = 0);

    /** What happened to one sent request. */
    struct Result {
        enum class Kind { Done, Retry, Dead } kind;
        std::string id;
        std::string trackingNumber; ///< Done
        std::string platformStatus; ///< Done
        std::int64_t nextAttemptAt = 0; ///< Retry
        std::string text; ///< Retry / Dead: the reason
        std::string held; ///< Retry: "clock" or "auth" when the platform refused the terminal itself
    };
    /**
     * Records the results of a batch in one transaction (one fsync). Safe to lose in a crash:
     * the requests are then sent again and the platform de-duplicates them.
     */
    bool record(const std::vector<Result> &results, std::int64_t nowMs);

    bool markDone(const std::string &id, const std::string &trackingNumber, const std::string &platformStatus, std::int64_t nowMs);
    bool markRetry(const std::string &id, std::int64_t nextAttemptAt, const std::string &error, std::int64_t nowMs);
    bool markDead(const std::string &id, const std::string &reason, std::int64_t nowMs);

    /** After a crash: requests left in sending go back to pending and are sent again. */
    int recoverInterrupted(std::int64_t nowMs);
    /**
     * Advances the outbox's own clock by @p deltaMs, measured on a monotonic clock by the one
     * dispatcher; row ages are read on it, so a jump of the wall clock neither ages nor rejuvenates
     * a request. Time while the terminal is off is not counted.
     */
    bool advanceClock(std::int64_t deltaMs);
    /** The outbox clock (ms of running time counted so far); -1 when it cannot be read. */
    [[nodiscard]] std::int64_t clockMs() const;
    /**
     * Pending requests that have waited @p maxAgeMs on the outbox clock and were tried at least
     * @p minAttempts times become dead — not those held by a clock or credential refusal.
     */
    int expire(std::int64_t nowMs, std::int64_t maxAgeMs, int minAttempts = 1);
    /**
     * Retention on the outbox clock (secure_delete, then the WAL is truncated): delivered payloads
     * after retentionMs; dead letters' payloads after deadPayloadRetentionMs (they become
     * discarded); delivered and discarded rows after recordRetentionMs. Returns the rows changed.
     */
    int purge(std::int64_t nowMs);
    /** Waiting requests due later than @p latestMs (a wall clock set back) are made due at @p dueAt. */
    int clampFutureAttempts(std::int64_t latestMs, std::int64_t dueAt);
    /** Platforms with requests held by a clock or credential refusal. */
    [[nodiscard]] std::vector<HeldPlatform> heldPlatforms() const;
    /** When the next pending request is due, if any (for @p skip's platforms: not counted). */
    [[nodiscard]] std::optional<std::int64_t> nextDueAt(const std::set<std::string> &skip = {}) const;

    /** Staff: a dead request is tried again from scratch. */
    bool retry(const std::string &id, std::int64_t nowMs);
    /** Staff: every dead request of @p platform whose payload is kept is tried again; how many, -1 on failure. */
    int retryPlatform(const std::string &platform, std::int64_t nowMs);
    /** Staff: a dead (or pending) request is given up; its payload is deleted, its record kept. */
    bool discard(const std::string &id, std::int64_t nowMs);

    /** Delivered requests whose platform status may still change and was not checked for @p intervalMs. */
    [[nodiscard]] std::vector<OutboxEntry> dueStatusChecks(std::int64_t nowMs, std::int64_t intervalMs, int limit = 16) const;
    bool updatePlatformStatus(const std::string &id, const std::string &status, const std::string &message, std::int64_t nowMs);
    /** A resident is looking: these requests' statuses are due at once (the dispatcher asks next). */
    int makeStatusDue(const std::vector<std::string> &ids);

    [[nodiscard]] OutboxCounts counts() const;
    /** created_at of the oldest request not yet delivered; 0 when there is none. */
    [[nodiscard]] std::int64_t oldestPendingCreatedAt() const;
    /** Bytes the database uses: pages in use × page size, plus its write-ahead log. */
    [[nodiscard]] std::int64_t bytesUsed() const;
    /** The last failure of this connection (every failure is also logged, kiosk.services.queue). */
    [[nodiscard]] StoreError lastError() const { return m_lastError; }
    [[nodiscard]] std::optional<OutboxEntry> entry(const std::string &id) const;
    [[nodiscard]] std::vector<OutboxEntry> list(const std::string &state, int limit = 100) const;
    [[nodiscard]] std::vector<OutboxEntry> bySubject(const std::string &subjectHash, int limit = 20) const;
    [[nodiscard]] std::optional<OutboxEntry> byTrackingNumber(const std::string &trackingNumber) const;
    /** By the terminal's own number, its 13 digits (spaces ignored). */
    [[nodiscard]] std::optional<OutboxEntry> byReceiptNumber(const std::string &receiptNumber) const;

    [[nodiscard]] const std::string &path() const { return m_options.path; }

    /**
     * Tests: called (on the querying thread) before every read query — counts, lists, lookups —
     * of every Outbox, to prove which thread runs them. Null to stop.
     */
    using QueryObserver = void (*)(const char *what);
    static void setQueryObserver(QueryObserver observer);
    /** Tests: where enqueue() takes new ids from (to make two ids share a receipt number). Null: newUuid(). */
    using IdSource = std::string (*)();
    static void setIdSource(IdSource source);
    /** The associated data of row @p id's payload in @p format (PayloadCipher::associatedData). */
    [[nodiscard]] static std::string associatedData(int format, const std::string &id, const std::string &platform, const std::string &kind);

private:
    Outbox(const Options &options, const PayloadCipher &cipher, std::unique_ptr<Poco::Data::Session> session);
    bool migrate(std::string *error);
    struct Param {
        enum Kind { None, Text, Number } kind = None;
        std::string text;
        std::int64_t number = 0;
        static Param ofText(const std::string &t) { return {Text, t, 0}; }
        static Param ofNumber(std::int64_t n) { return {Number, {}, n}; }
    };
    std::vector<OutboxEntry> select(const std::string &where, const Param &param, int limit) const;
    bool setState(const std::string &sql, const std::string &id, std::int64_t a, const std::string &b, std::int64_t nowMs);
    /** Logs a failed statement and remembers its kind; returns it. */
    StoreError failed(const char *what, const std::exception &e) const;
    /** After deletions: the WAL is checkpointed and truncated, so no deleted byte stays in it. */
    void truncateWal();

    Options m_options;
    PayloadCipher m_cipher;
    std::unique_ptr<Poco::Data::Session> m_session;
    mutable StoreError m_lastError = StoreError::None;
};

/** The phase start of a row written now: the outbox clock, in SQL. */
inline constexpr char kOutboxClockSql[] = "(SELECT value FROM outbox_meta WHERE key = 'clock_ms')";

/**
 * Rolls back the open transaction, if any, without throwing: after SQLITE_FULL or an I/O error
 * SQLite may already have rolled it back, and a second rollback must not escape a catch block.
 */
void rollbackQuietly(Poco::Data::Session &session) noexcept;

/** A random UUID (v4) as text. */
[[nodiscard]] std::string newUuid();

/**
 * The number a receipt shows until the platform gives its own, to be read out over the phone:
 * 13 digits — 12 from the first 39 bits of the request's UUID (random; the older DEMO-0001-XXXXXXXX
 * form used 32) and a Luhn check digit, which catches one wrong digit and most swapped neighbours.
 * Derived from the id alone, so it is the same after a restart. An id that is not a UUID is
 * hashed (SHA-256) instead. The outbox keeps it unique per file; see Outbox::enqueue().
 */
[[nodiscard]] std::string receiptNumber(const std::string &requestId);
/** True for 13 digits whose last is the Luhn check digit of the first 12. */
[[nodiscard]] bool isReceiptNumber(const std::string &digits);

} // namespace kiosk::queue
