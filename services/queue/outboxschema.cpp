// SPDX-License-Identifier: GPL-3.0-or-later
// The outbox's file: opening it (write-ahead log, synchronous commits, the size cap SQLite itself
// enforces) and bringing an older file's schema up to date, one migration step per version.
#include "services/queue/outbox.h"

#include "common/logging.h"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>

#include <algorithm>
#include <mutex>
#include <vector>

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
        Poco::Int64 pageSize = 4096;
        s << "PRAGMA page_size", into(pageSize), now;
        // The cap is enforced by SQLite itself: past it, writes fail with SQLITE_FULL, exactly as
        // on a full disk, and the caller is told the request could not be saved.
        Poco::Int64 maxPages = std::max<Poco::Int64>(16, options.capBytes / pageSize);
        Poco::Int64 setTo = 0;
        s << "PRAGMA max_page_count = " + std::to_string(maxPages), into(setTo), now;
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
            if (s.isTransaction())
                s.rollback();
            *error = "cannot upgrade the queue database to schema " + std::to_string(version + 1) + ": " + e.displayText();
            qCCritical(lcQueue).noquote() << QString::fromStdString(*error);
            return false;
        }
    }
    return true;
}

} // namespace kiosk::queue
