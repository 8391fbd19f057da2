// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/queue/outbox.h"

#include <Poco/Data/LOB.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/SQLiteException.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>

#include <openssl/rand.h>

#include <array>
#include <cstdio>
#include <mutex>

using namespace Poco::Data::Keywords;
using Poco::Data::Statement;

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
};
static_assert(std::size(migrations) == Outbox::schemaVersion);

const char *const columns =
    "id, platform, kind, item_code, state, attempts, next_attempt_at, created_at, updated_at, last_error,"
    " tracking_number, platform_status, platform_message, status_checked_at, payload IS NOT NULL";

std::vector<OutboxEntry> readEntries(Statement &st)
{
    std::vector<OutboxEntry> out;
    Poco::Data::RecordSet rs(st);
    for (bool more = rs.moveFirst(); more; more = rs.moveNext()) {
        OutboxEntry e;
        e.id = rs.value(0).convert<std::string>();
        e.platform = rs.value(1).convert<std::string>();
        e.kind = rs.value(2).convert<std::string>();
        e.itemCode = rs.value(3).convert<std::string>();
        e.state = rs.value(4).convert<std::string>();
        e.attempts = rs.value(5).convert<int>();
        e.nextAttemptAt = rs.value(6).convert<Poco::Int64>();
        e.createdAt = rs.value(7).convert<Poco::Int64>();
        e.updatedAt = rs.value(8).convert<Poco::Int64>();
        e.lastError = rs.value(9).convert<std::string>();
        e.trackingNumber = rs.value(10).convert<std::string>();
        e.platformStatus = rs.value(11).convert<std::string>();
        e.platformMessage = rs.value(12).convert<std::string>();
        e.statusCheckedAt = rs.value(13).convert<Poco::Int64>();
        e.hasPayload = rs.value(14).convert<int>() != 0;
        out.push_back(std::move(e));
    }
    return out;
}

} // namespace

std::string newUuid()
{
    std::array<unsigned char, 16> b{};
    if (RAND_bytes(b.data(), int(b.size())) != 1)
        return {};
    b[6] = (b[6] & 0x0f) | 0x40; // version 4
    b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
    char s[37];
    std::snprintf(s, sizeof s, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2],
                  b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
    return s;
}

Outbox::Outbox(const Options &options, const PayloadCipher &cipher, std::unique_ptr<Poco::Data::Session> session)
    : m_options(options)
    , m_cipher(cipher)
    , m_session(std::move(session))
{
}

Outbox::~Outbox() = default;

std::unique_ptr<Outbox> Outbox::open(const Options &options, const PayloadCipher &cipher, std::string *error)
{
    std::string dummy;
    if (!error)
        error = &dummy;
    registerConnector();
    try {
        auto session = std::make_unique<Poco::Data::Session>("SQLite", options.path);
        Poco::Data::Session &s = *session;
        // Another thread or process may hold the write lock for a moment: wait, don't fail.
        s << "PRAGMA busy_timeout = 5000", now;
        std::string mode;
        s << "PRAGMA journal_mode = WAL", into(mode), now;
        if (mode != "wal") {
            *error = "the queue database " + options.path + " cannot use write-ahead logging (" + mode + ")";
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
            s << "PRAGMA user_version = " + std::to_string(version + 1), now;
            s.commit();
        } catch (const Poco::Exception &e) {
            if (s.isTransaction())
                s.rollback();
            *error = "cannot upgrade the queue database to schema " + std::to_string(version + 1) + ": " + e.displayText();
            return false;
        }
    }
    return true;
}

Outbox::EnqueueResult Outbox::enqueue(const Request &request, std::int64_t nowMs)
{
    EnqueueResult result;
    result.id = newUuid();
    if (result.id.empty()) {
        result.error = "could not be saved: no randomness available";
        return result;
    }
    const std::vector<std::uint8_t> sealed = m_cipher.seal(request.payload, result.id);
    if (sealed.empty()) {
        result.error = "could not be saved: encryption failed";
        return result;
    }
    try {
        Poco::Data::BLOB blob(sealed.data(), sealed.size());
        std::string id = result.id, platform = request.platform, kind = request.kind, item = request.itemCode,
                    subject = request.subjectHash;
        Poco::Int64 t = nowMs;
        // One statement in autocommit: either the whole row is there (and fsync'd) or nothing.
        *m_session << "INSERT INTO outbox (id, platform, kind, item_code, subject_hash, state, payload, next_attempt_at,"
                      " created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)",
            use(id), use(platform), use(kind), use(item), use(subject), use(blob), use(t), use(t), use(t), now;
        result.ok = true;
    } catch (const Poco::Data::SQLite::DatabaseFullException &) {
        result.error = "could not be saved: the terminal's request store is full — please ask staff for help";
    } catch (const Poco::Data::SQLite::IOErrorException &e) {
        result.error = "could not be saved: the terminal's storage failed (" + e.message() + ")";
    } catch (const Poco::Exception &e) {
        result.error = "could not be saved: " + e.displayText();
    }
    if (!result.ok)
        result.id.clear();
    return result;
}

std::optional<Outbox::Claimed> Outbox::claimNext(std::int64_t nowMs, const std::set<std::string> &skip)
{
    auto batch = claimBatch(nowMs, skip, 1);
    if (batch.empty())
        return std::nullopt;
    return std::move(batch.front());
}

std::vector<Outbox::Claimed> Outbox::claimBatch(std::int64_t nowMs, const std::set<std::string> &skip, int max)
{
    std::vector<Claimed> claimed;
    Poco::Data::Session &s = *m_session;
    try {
        s.begin();
        Poco::Int64 t = nowMs;
        // Only what sending needs, extracted column-wise in one go (the hot path of a drain).
        std::vector<std::string> ids, platforms, kinds, items;
        std::vector<int> attempts;
        std::vector<Poco::Int64> created;
        std::vector<Poco::Nullable<Poco::Data::BLOB>> payloads;
        s << "SELECT id, platform, kind, item_code, attempts, created_at, payload FROM outbox"
             " WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, created_at LIMIT "
                + std::to_string(std::max(1, max) * (skip.empty() ? 1 : 4)),
            use(t), into(ids), into(platforms), into(kinds), into(items), into(attempts), into(created), into(payloads), now;
        std::string inList;
        for (std::size_t i = 0; i < ids.size() && int(claimed.size()) < max; ++i) {
            if (skip.contains(platforms[i]))
                continue;
            Claimed c;
            c.entry.id = ids[i];
            c.entry.platform = platforms[i];
            c.entry.kind = kinds[i];
            c.entry.itemCode = items[i];
            c.entry.attempts = attempts[i] + 1;
            c.entry.createdAt = created[i];
            c.entry.state = "sending";
            c.entry.hasPayload = !payloads[i].isNull();
            if (c.entry.hasPayload) {
                const auto &content = payloads[i].value().content();
                c.payload = m_cipher.open(std::vector<std::uint8_t>(content.begin(), content.end()), c.entry.id);
            }
            // ids are UUIDs this outbox generated (hex and dashes only), safe to list inline
            inList += (inList.empty() ? "'" : ",'") + c.entry.id + "'";
            claimed.push_back(std::move(c));
        }
        if (claimed.empty()) {
            s.rollback();
            return claimed;
        }
        s << "UPDATE outbox SET state = 'sending', attempts = attempts + 1, updated_at = ? WHERE id IN (" + inList + ")", use(t), now;
        s.commit();
        return claimed;
    } catch (const Poco::Exception &) {
        if (s.isTransaction())
            s.rollback();
        return {};
    }
}

void Outbox::release(const std::vector<std::string> &ids, std::int64_t nowMs)
{
    for (const std::string &id : ids)
        setState("UPDATE outbox SET state = 'pending', attempts = MAX(attempts - 1, 0), next_attempt_at = ?, last_error = ?,"
                 " updated_at = ? WHERE id = ? AND state = 'sending'",
                 id, nowMs, std::string(), nowMs);
}

bool Outbox::record(const std::vector<Result> &results, std::int64_t nowMs)
{
    if (results.empty())
        return true;
    // Column vectors bound in bulk: SQLite runs each statement once per row, prepared once.
    std::vector<std::string> doneIds, trackings, statuses, retryIds, retryTexts, deadIds, deadTexts;
    std::vector<Poco::Int64> nexts;
    for (const Result &r : results) {
        switch (r.kind) {
        case Result::Kind::Done:
            doneIds.push_back(r.id);
            trackings.push_back(r.trackingNumber);
            statuses.push_back(r.platformStatus.empty() ? std::string("accepted") : r.platformStatus);
            break;
        case Result::Kind::Retry:
            retryIds.push_back(r.id);
            retryTexts.push_back(r.text);
            nexts.push_back(r.nextAttemptAt);
            break;
        case Result::Kind::Dead:
            deadIds.push_back(r.id);
            deadTexts.push_back(r.text);
            break;
        }
    }
    Poco::Data::Session &s = *m_session;
    try {
        s.begin();
        const std::string t = std::to_string(nowMs);
        if (!doneIds.empty())
            s << "UPDATE outbox SET state = 'done', tracking_number = ?, platform_status = ?, last_error = '',"
                 " status_checked_at = " + t + ", updated_at = " + t + " WHERE id = ? AND state IN ('sending', 'pending')",
                use(trackings), use(statuses), use(doneIds), now;
        if (!retryIds.empty())
            s << "UPDATE outbox SET state = 'pending', next_attempt_at = ?, last_error = ?, updated_at = " + t
                    + " WHERE id = ? AND state = 'sending'",
                use(nexts), use(retryTexts), use(retryIds), now;
        if (!deadIds.empty())
            s << "UPDATE outbox SET state = 'dead', next_attempt_at = 0, last_error = ?, updated_at = " + t
                    + " WHERE id = ? AND state IN ('sending', 'pending')",
                use(deadTexts), use(deadIds), now;
        s.commit();
        return true;
    } catch (const Poco::Exception &) {
        if (s.isTransaction())
            s.rollback();
        return false;
    }
}

bool Outbox::setState(const std::string &sql, const std::string &id, std::int64_t a, const std::string &b, std::int64_t nowMs)
{
    try {
        std::string key = id, text = b;
        Poco::Int64 n = a, t = nowMs;
        Statement st(*m_session);
        st << sql, use(n), use(text), use(t), use(key);
        return st.execute() > 0;
    } catch (const Poco::Exception &) {
        return false;
    }
}

bool Outbox::markDone(const std::string &id, const std::string &trackingNumber, const std::string &platformStatus, std::int64_t nowMs)
{
    try {
        std::string key = id, tracking = trackingNumber, status = platformStatus.empty() ? std::string("accepted") : platformStatus;
        Poco::Int64 t = nowMs;
        Statement st(*m_session);
        st << "UPDATE outbox SET state = 'done', tracking_number = ?, platform_status = ?, last_error = '',"
              " status_checked_at = ?, updated_at = ? WHERE id = ? AND state IN ('sending', 'pending')",
            use(tracking), use(status), use(t), use(t), use(key);
        return st.execute() > 0;
    } catch (const Poco::Exception &) {
        return false;
    }
}

bool Outbox::markRetry(const std::string &id, std::int64_t nextAttemptAt, const std::string &error, std::int64_t nowMs)
{
    return setState("UPDATE outbox SET state = 'pending', next_attempt_at = ?, last_error = ?, updated_at = ?"
                    " WHERE id = ? AND state = 'sending'",
                    id, nextAttemptAt, error, nowMs);
}

bool Outbox::markDead(const std::string &id, const std::string &reason, std::int64_t nowMs)
{
    return setState("UPDATE outbox SET state = 'dead', next_attempt_at = ?, last_error = ?, updated_at = ?"
                    " WHERE id = ? AND state IN ('sending', 'pending')",
                    id, 0, reason, nowMs);
}

int Outbox::recoverInterrupted(std::int64_t nowMs)
{
    try {
        Poco::Int64 t = nowMs;
        Statement st(*m_session);
        st << "UPDATE outbox SET state = 'pending', next_attempt_at = ?, updated_at = ? WHERE state = 'sending'", use(t), use(t);
        return int(st.execute());
    } catch (const Poco::Exception &) {
        return 0;
    }
}

int Outbox::expire(std::int64_t nowMs, std::int64_t maxAgeMs)
{
    try {
        Poco::Int64 t = nowMs, oldest = nowMs - maxAgeMs;
        const std::string span = maxAgeMs >= 3600'000 ? std::to_string(maxAgeMs / 3600'000) + " hours"
            : maxAgeMs >= 60'000                       ? std::to_string(maxAgeMs / 60'000) + " minutes"
                                                       : std::to_string(maxAgeMs / 1000) + " seconds";
        std::string reason = "not delivered within " + span + "; given up";
        Statement st(*m_session);
        st << "UPDATE outbox SET state = 'dead', last_error = ?, updated_at = ? WHERE state = 'pending' AND created_at < ?",
            use(reason), use(t), use(oldest);
        return int(st.execute());
    } catch (const Poco::Exception &) {
        return 0;
    }
}

int Outbox::purge(std::int64_t nowMs)
{
    try {
        Poco::Int64 before = nowMs - m_options.retentionMs;
        Statement st(*m_session);
        st << "UPDATE outbox SET payload = NULL WHERE state IN ('done', 'discarded') AND payload IS NOT NULL AND updated_at < ?",
            use(before);
        return int(st.execute());
    } catch (const Poco::Exception &) {
        return 0;
    }
}

std::optional<std::int64_t> Outbox::nextDueAt(const std::set<std::string> &skip) const
{
    try {
        Statement st(*m_session);
        st << "SELECT platform, MIN(next_attempt_at) FROM outbox WHERE state = 'pending' GROUP BY platform";
        st.execute();
        Poco::Data::RecordSet rs(st);
        std::optional<std::int64_t> best;
        for (bool more = rs.moveFirst(); more; more = rs.moveNext()) {
            if (skip.contains(rs.value(0).convert<std::string>()))
                continue;
            const std::int64_t at = rs.value(1).convert<Poco::Int64>();
            best = best ? std::min(*best, at) : at;
        }
        return best;
    } catch (const Poco::Exception &) {
        return std::nullopt;
    }
}

bool Outbox::retry(const std::string &id, std::int64_t nowMs)
{
    return setState("UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ?, last_error = ?, updated_at = ?"
                    " WHERE id = ? AND state = 'dead' AND payload IS NOT NULL",
                    id, nowMs, "retried by staff", nowMs);
}

bool Outbox::discard(const std::string &id, std::int64_t nowMs)
{
    return setState("UPDATE outbox SET state = 'discarded', payload = NULL, next_attempt_at = ?, last_error = ?,"
                    " updated_at = ? WHERE id = ? AND state IN ('dead', 'pending')",
                    id, 0, "discarded by staff", nowMs);
}

std::vector<OutboxEntry> Outbox::dueStatusChecks(std::int64_t nowMs, std::int64_t intervalMs, int limit) const
{
    return select("state = 'done' AND tracking_number <> '' AND platform_status NOT IN ('done', 'rejected')"
                  " AND status_checked_at <= ?",
                  Param::ofNumber(nowMs - intervalMs), limit);
}

bool Outbox::updatePlatformStatus(const std::string &id, const std::string &status, const std::string &message, std::int64_t nowMs)
{
    try {
        std::string key = id, st = status, msg = message;
        Poco::Int64 t = nowMs;
        Statement s(*m_session);
        s << "UPDATE outbox SET platform_status = ?, platform_message = ?, status_checked_at = ? WHERE id = ?", use(st),
            use(msg), use(t), use(key);
        return s.execute() > 0;
    } catch (const Poco::Exception &) {
        return false;
    }
}

int Outbox::makeStatusDue(const std::vector<std::string> &ids)
{
    int changed = 0;
    try {
        for (const auto &id : ids) {
            std::string key = id;
            Statement s(*m_session);
            s << "UPDATE outbox SET status_checked_at = 0 WHERE id = ? AND state = 'done'", use(key);
            changed += int(s.execute());
        }
    } catch (const Poco::Exception &) {
    }
    return changed;
}

std::vector<OutboxEntry> Outbox::select(const std::string &where, const Param &param, int limit) const
{
    try {
        std::string text = param.text;
        Poco::Int64 number = param.number;
        Statement st(*m_session);
        const std::string sql = std::string("SELECT ") + columns + " FROM outbox WHERE " + where
            + " ORDER BY created_at DESC LIMIT " + std::to_string(std::max(1, limit));
        st << sql;
        if (param.kind == Param::Text)
            st, use(text);
        else if (param.kind == Param::Number)
            st, use(number);
        st.execute();
        return readEntries(st);
    } catch (const Poco::Exception &) {
        return {};
    }
}

OutboxCounts Outbox::counts() const
{
    OutboxCounts c;
    try {
        Poco::Data::Session &s = *m_session;
        Statement st(s);
        st << "SELECT state, COUNT(*) FROM outbox GROUP BY state";
        st.execute();
        Poco::Data::RecordSet rs(st);
        for (bool more = rs.moveFirst(); more; more = rs.moveNext()) {
            const std::string state = rs.value(0).convert<std::string>();
            const int n = rs.value(1).convert<int>();
            (state == "pending" ? c.pending : state == "sending" ? c.sending : state == "done" ? c.done
                                            : state == "dead"   ? c.dead
                                                                : c.discarded) = n;
        }
        Poco::Nullable<Poco::Int64> oldest;
        s << "SELECT MIN(created_at) FROM outbox WHERE state IN ('pending', 'sending')", into(oldest), now;
        c.oldestPendingCreatedAt = oldest.isNull() ? 0 : oldest.value();
        Poco::Int64 pages = 0, freePages = 0, pageSize = 0;
        s << "PRAGMA page_count", into(pages), now;
        s << "PRAGMA freelist_count", into(freePages), now;
        s << "PRAGMA page_size", into(pageSize), now;
        c.bytesUsed = (pages - freePages) * pageSize;
        c.capBytes = m_options.capBytes;
        c.nearCap = double(c.bytesUsed) >= m_options.warnRatio * double(m_options.capBytes);
    } catch (const Poco::Exception &) {
    }
    return c;
}

std::optional<OutboxEntry> Outbox::entry(const std::string &id) const
{
    auto v = select("id = ?", Param::ofText(id), 1);
    if (v.empty())
        return std::nullopt;
    return v.front();
}

std::vector<OutboxEntry> Outbox::list(const std::string &state, int limit) const
{
    if (state.empty())
        return select("1", {}, limit);
    return select("state = ?", Param::ofText(state), limit);
}

std::vector<OutboxEntry> Outbox::bySubject(const std::string &subjectHash, int limit) const
{
    if (subjectHash.empty())
        return {};
    return select("subject_hash = ?", Param::ofText(subjectHash), limit);
}

std::optional<OutboxEntry> Outbox::byTrackingNumber(const std::string &trackingNumber) const
{
    if (trackingNumber.empty())
        return std::nullopt;
    auto v = select("tracking_number = ?", Param::ofText(trackingNumber), 1);
    if (v.empty())
        return std::nullopt;
    return v.front();
}

} // namespace kiosk::queue
