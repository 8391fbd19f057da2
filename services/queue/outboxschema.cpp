// SPDX-License-Identifier: GPL-3.0-or-later
// The outbox's file: opening it (write-ahead log, synchronous commits, the size cap SQLite itself
// enforces) and bringing an older file's schema up to date, one migration step per version.
#include "services/queue/outbox.h"

#include "common/logging.h"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/SQLiteException.h>
#include <Poco/Data/Session.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <mutex>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

using namespace Poco::Data::Keywords;

namespace kiosk::queue {

namespace {

void registerConnector()
{
    static std::once_flag once;
    std::call_once(once, [] { Poco::Data::SQLite::Connector::registerConnector(); });
}

// The schema, one step per version. A terminal that was switched off for a year still upgrades,
// step by step, inside one transaction per step.
const char *const migrations[] = {
    // 1: the outbox
    "CREATE TABLE outbox ("
    " id TEXT PRIMARY KEY,"
    " platform TEXT NOT NULL,"
    " kind TEXT NOT NULL,"
    " state TEXT NOT NULL CHECK (state IN ('pending','sending','done','dead','discarded')),"
    " payload BLOB,"
    " attempts INTEGER NOT NULL DEFAULT 0,"
    " next_attempt_at INTEGER NOT NULL,"
    " last_error TEXT NOT NULL DEFAULT '',"
    " created_at INTEGER NOT NULL,"
    " updated_at INTEGER NOT NULL,"
    " tracking_number TEXT NOT NULL DEFAULT '',"
    " platform_status TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX outbox_due ON outbox (state, next_attempt_at);",
    // 2: progress lookup by resident and by receipt, the platform's reply, and the item
    "ALTER TABLE outbox ADD COLUMN subject_hash TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE outbox ADD COLUMN item_code TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE outbox ADD COLUMN platform_message TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE outbox ADD COLUMN status_checked_at INTEGER NOT NULL DEFAULT 0;"
    "CREATE INDEX outbox_subject ON outbox (subject_hash);"
    "CREATE INDEX outbox_tracking ON outbox (tracking_number);",
    // 3: the terminal's own receipt number, unique (older rows get theirs in backfillReceiptNumbers)
    "ALTER TABLE outbox ADD COLUMN receipt_number TEXT NOT NULL DEFAULT '';"
    "CREATE UNIQUE INDEX outbox_receipt ON outbox (receipt_number) WHERE receipt_number != '';",
    // 4: the outbox's own monotonic clock (ages that a wall-clock jump cannot change), each row's
    // start of its current phase on it, what an authentication or clock refusal holds, and the
    // payload's format (1: sealed with the id alone as associated data; 2: id, platform, kind, key version)
    "CREATE TABLE outbox_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);"
    "INSERT INTO outbox_meta (key, value) VALUES ('clock_ms', 0);"
    "ALTER TABLE outbox ADD COLUMN phase_at INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE outbox ADD COLUMN held TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE outbox ADD COLUMN payload_format INTEGER NOT NULL DEFAULT 1;",
};

/** Rows from before schema 3 get the number their receipt showed since; a clash keeps it empty. */
void backfillReceiptNumbers(Poco::Data::Session &s)
{
    std::vector<std::string> ids;
    s << "SELECT id FROM outbox WHERE receipt_number = ''", into(ids), now;
    for (std::string &id : ids) {
        std::string number = receiptNumber(id);
        s << "UPDATE OR IGNORE outbox SET receipt_number = ? WHERE id = ?", use(number), use(id), now;
    }
}
static_assert(std::size(migrations) == Outbox::schemaVersion);

} // namespace

std::int64_t Outbox::walBudgetBytes(std::int64_t capBytes)
{
    // A quarter of a small cap, 4 MiB of a large one: the WAL is reset after every checkpoint
    // and truncated to this, so main file + WAL stay within the cap.
    return std::clamp<std::int64_t>(capBytes / 4, 16 * 1024, 4LL << 20);
}

std::int64_t Outbox::maxPages(std::int64_t capBytes, std::int64_t pageSize)
{
    return std::max<std::int64_t>(16, (capBytes - walBudgetBytes(capBytes)) / std::max<std::int64_t>(pageSize, 512));
}

std::optional<Outbox::Quarantined> Outbox::quarantineIfCorrupt(const std::string &path, std::int64_t nowMs)
{
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return std::nullopt;
    registerConnector();
    std::string detail;
    try {
        Poco::Data::Session s("SQLite", path);
        s << "PRAGMA busy_timeout = 5000", now;
        std::vector<std::string> rows;
        s << "PRAGMA quick_check(5)", into(rows), now;
        if (rows.size() == 1 && rows.front() == "ok")
            return std::nullopt;
        detail = rows.empty() ? std::string("no answer") : rows.front();
    } catch (const Poco::Data::SQLite::CorruptImageException &e) {
        detail = e.displayText();
    } catch (const Poco::Exception &e) {
        // "file is not a database" has no exception of its own in Poco 1.11; anything else
        // (busy, I/O, permissions) is not proof of damage: open() reports it, nothing is moved.
        if (e.displayText().find("not a database") == std::string::npos) {
            qCWarning(lcQueue).noquote() << "could not check" << QString::fromStdString(path) << ":" << QString::fromStdString(e.displayText());
            return std::nullopt;
        }
        detail = e.displayText();
    }
    const std::time_t secs = std::time_t(nowMs / 1000);
    std::tm utc {};
    gmtime_r(&secs, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
    const std::string kept = path + ".corrupt-" + stamp;
    if (::rename(path.c_str(), kept.c_str()) != 0) {
        qCCritical(lcQueue).noquote() << "the queue database" << QString::fromStdString(path) << "is damaged (" << QString::fromStdString(detail)
                                      << ") and could not be moved aside:" << std::strerror(errno);
        return std::nullopt;
    }
    ::chmod(kept.c_str(), 0600);
    // Its log belongs to it: kept next to it under the name SQLite looks for; the index is rebuilt.
    if (::rename((path + "-wal").c_str(), (kept + "-wal").c_str()) == 0)
        ::chmod((kept + "-wal").c_str(), 0600);
    ::unlink((path + "-shm").c_str());
    const std::string message = "The request store was damaged and could not be read (" + detail
        + "). Requests saved in it could not be sent. A new, empty store was started; the damaged file is kept for a technician as "
        + kept + ".";
    qCCritical(lcQueue).noquote() << QString::fromStdString(message);
    return Quarantined{kept, message};
}

std::unique_ptr<Outbox> Outbox::open(const Options &options, const PayloadCipher &cipher, std::string *error)
{
    std::string dummy;
    if (!error)
        error = &dummy;
    registerConnector();
    try {
        // Poco opens with SQLITE_OPEN_URI: a named VFS is given as a file: URI (path escaped).
        std::string target = options.path;
        if (!options.vfs.empty()) {
            target = "file:";
            for (const char c : options.path)
                target += c == '%' ? std::string("%25") : c == '?' ? std::string("%3f") : c == '#' ? std::string("%23") : std::string(1, c);
            target += "?vfs=" + options.vfs;
        }
        auto session = std::make_unique<Poco::Data::Session>("SQLite", target);
        Poco::Data::Session &s = *session;
        // Another thread or process may hold the write lock for a moment: wait, don't fail.
        s << "PRAGMA busy_timeout = 5000", now;
        std::string mode;
        s << "PRAGMA journal_mode = WAL", into(mode), now;
        if (mode != "wal") {
            *error = "the queue database " + options.path + " cannot use write-ahead logging (" + mode + ")";
            qCCritical(lcQueue).noquote() << QString::fromStdString(*error);
            return nullptr;
        }
        // FULL: a committed transaction survives a power cut (NORMAL may roll it back).
        s << (options.syncEveryCommit ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL"), now;
        // Deleted rows (payloads, item codes, subject hashes, platform messages) are overwritten
        // with zeros, not left in free pages (PIPL: minimisation).
        s << "PRAGMA secure_delete = ON", now;
        Poco::Int64 pageSize = 4096;
        s << "PRAGMA page_size", into(pageSize), now;
        // The cap is enforced by SQLite itself: past it, writes fail with SQLITE_FULL, exactly as
        // on a full disk, and the caller is told the request could not be saved. The WAL has its
        // own share of the cap: checkpointed at half of it and truncated back to it.
        const std::int64_t wal = walBudgetBytes(options.capBytes);
        Poco::Int64 setTo = 0;
        s << "PRAGMA max_page_count = " + std::to_string(maxPages(options.capBytes, pageSize)), into(setTo), now;
        s << "PRAGMA journal_size_limit = " + std::to_string(wal), into(setTo), now;
        s << "PRAGMA wal_autocheckpoint = " + std::to_string(std::max<std::int64_t>(1, wal / 2 / pageSize)), into(setTo), now;
        std::unique_ptr<Outbox> box(new Outbox(options, cipher, std::move(session)));
        if (!box->migrate(error))
            return nullptr;
        return box;
    } catch (const Poco::Exception &e) {
        *error = "cannot open the queue database " + options.path + ": " + e.displayText();
        qCCritical(lcQueue).noquote() << QString::fromStdString(*error);
        return nullptr;
    }
}

bool Outbox::migrate(std::string *error)
{
    Poco::Data::Session &s = *m_session;
    int version = 0;
    s << "PRAGMA user_version", into(version), now;
    if (version > schemaVersion) {
        *error = "the queue database " + m_options.path + " was written by a newer version (schema " + std::to_string(version)
            + ", this program knows " + std::to_string(schemaVersion) + ")";
        qCCritical(lcQueue).noquote() << QString::fromStdString(*error);
        return false;
    }
    for (; version < schemaVersion; ++version) {
        try {
            s.begin();
            std::string script = migrations[version];
            std::size_t start = 0;
            while (start < script.size()) {
                const std::size_t end = script.find(';', start);
                const std::string sql = script.substr(start, end == std::string::npos ? std::string::npos : end - start);
                if (sql.find_first_not_of(" \n") != std::string::npos)
                    s << sql, now;
                if (end == std::string::npos)
                    break;
                start = end + 1;
            }
            if (version + 1 == 3)
                backfillReceiptNumbers(s);
            s << "PRAGMA user_version = " + std::to_string(version + 1), now;
            s.commit();
        } catch (const Poco::Exception &e) {
            rollbackQuietly(s);
            *error = "cannot upgrade the queue database to schema " + std::to_string(version + 1) + ": " + e.displayText();
            qCCritical(lcQueue).noquote() << QString::fromStdString(*error);
            return false;
        }
    }
    return true;
}

} // namespace kiosk::queue
