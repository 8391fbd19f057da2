// SPDX-License-Identifier: GPL-3.0-or-later
// The outbox's read side: what the dispatcher asks for next, what staff and the progress page see.
#include "services/queue/outbox.h"

#include "common/logging.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/SQLiteException.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>

#include <atomic>
#include <cerrno>
#include <sys/stat.h>

using namespace Poco::Data::Keywords;
using Poco::Data::Statement;

namespace kiosk::queue {

namespace {

const char *const columns =
    "id, platform, kind, item_code, state, attempts, next_attempt_at, created_at, updated_at, last_error,"
    " tracking_number, platform_status, platform_message, status_checked_at, payload IS NOT NULL, receipt_number, held,"
    " (SELECT value FROM outbox_meta WHERE key = 'clock_ms') - phase_at";

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
        e.receiptNumber = rs.value(15).convert<std::string>();
        e.held = rs.value(16).convert<std::string>();
        e.ageMs = rs.value(17).convert<Poco::Int64>();
        if (e.receiptNumber.empty()) // an old row whose number clashed at the upgrade: shown as before, not found by it
            e.receiptNumber = receiptNumber(e.id);
        out.push_back(std::move(e));
    }
    return out;
}

std::atomic<Outbox::QueryObserver> s_observer{nullptr};

void observe(const char *what)
{
    if (const auto o = s_observer.load(std::memory_order_relaxed))
        o(what);
}

} // namespace

void Outbox::setQueryObserver(QueryObserver observer)
{
    s_observer = observer;
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
    } catch (const Poco::Exception &e) {
        failed("nextDueAt", e);
        return std::nullopt;
    }
}

std::vector<OutboxEntry> Outbox::dueStatusChecks(std::int64_t nowMs, std::int64_t intervalMs, int limit) const
{
    return select("state = 'done' AND tracking_number <> '' AND platform_status NOT IN ('done', 'rejected')"
                  " AND status_checked_at <= ?",
                  Param::ofNumber(nowMs - intervalMs), limit);
}

std::vector<OutboxEntry> Outbox::select(const std::string &where, const Param &param, int limit) const
{
    observe(where.c_str());
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
    } catch (const Poco::Exception &e) {
        failed("select", e);
        return {};
    }
}

OutboxCounts Outbox::counts() const
{
    observe("counts");
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
        c.oldestPendingCreatedAt = oldestPendingCreatedAt();
        c.bytesUsed = bytesUsed();
        c.capBytes = m_options.capBytes;
        c.nearCap = double(c.bytesUsed) >= m_options.warnRatio * double(m_options.capBytes);
    } catch (const Poco::Exception &e) {
        failed("counts", e);
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

std::optional<OutboxEntry> Outbox::byReceiptNumber(const std::string &receiptNumber) const
{
    std::string digits;
    for (char c : receiptNumber) {
        if (c != ' ')
            digits.push_back(c);
    }
    if (!isReceiptNumber(digits))
        return std::nullopt;
    auto v = select("receipt_number = ?", Param::ofText(digits), 1);
    if (v.empty())
        return std::nullopt;
    return v.front();
}

StoreError Outbox::failed(const char *what, const std::exception &e) const
{
    StoreError kind = StoreError::Failed;
    if (dynamic_cast<const Poco::Data::SQLite::DatabaseFullException *>(&e))
        kind = StoreError::Full;
    else if (dynamic_cast<const Poco::Data::SQLite::IOErrorException *>(&e))
        kind = StoreError::Io;
    else if (dynamic_cast<const Poco::Data::SQLite::DBLockedException *>(&e) || dynamic_cast<const Poco::Data::SQLite::TableLockedException *>(&e))
        kind = StoreError::Busy;
    m_lastError = kind;
    const auto *poco = dynamic_cast<const Poco::Exception *>(&e);
    qCWarning(lcQueue).noquote() << "outbox" << what << "failed:" << QString::fromStdString(poco ? poco->displayText() : std::string(e.what()));
    return kind;
}

std::optional<std::int64_t> Outbox::storedRows(const std::string &path)
{
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return errno == ENOENT ? std::optional<std::int64_t>(0) : std::nullopt;
    try {
        Poco::Data::SQLite::Connector::registerConnector();
        Poco::Data::Session s("SQLite", path);
        s << "PRAGMA busy_timeout = 5000", now;
        int tables = 0;
        s << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'outbox'", into(tables), now;
        if (tables == 0)
            return 0;
        Poco::Int64 rows = 0;
        s << "SELECT COUNT(*) FROM outbox", into(rows), now;
        return rows;
    } catch (const Poco::Exception &e) {
        qCWarning(lcQueue).noquote() << "cannot tell whether" << QString::fromStdString(path)
                                     << "holds requests:" << QString::fromStdString(e.displayText());
        return std::nullopt;
    }
}

std::vector<HeldPlatform> Outbox::heldPlatforms() const
{
    observe("heldPlatforms");
    std::vector<HeldPlatform> out;
    try {
        Statement st(*m_session);
        st << "SELECT platform, held, COUNT(*), MAX(last_error) FROM outbox WHERE state IN ('pending', 'sending') AND held != ''"
              " GROUP BY platform, held ORDER BY platform";
        st.execute();
        Poco::Data::RecordSet rs(st);
        for (bool more = rs.moveFirst(); more; more = rs.moveNext())
            out.push_back({rs.value(0).convert<std::string>(), rs.value(1).convert<std::string>(), rs.value(2).convert<int>(),
                           rs.value(3).convert<std::string>()});
    } catch (const Poco::Exception &e) {
        failed("heldPlatforms", e);
    }
    return out;
}

std::int64_t Outbox::oldestPendingCreatedAt() const
{
    observe("oldestPendingCreatedAt");
    try {
        Poco::Nullable<Poco::Int64> oldest;
        *m_session << "SELECT MIN(created_at) FROM outbox WHERE state IN ('pending', 'sending')", into(oldest), now;
        return oldest.isNull() ? 0 : oldest.value();
    } catch (const Poco::Exception &e) {
        failed("oldestPendingCreatedAt", e);
        return 0;
    }
}

std::int64_t Outbox::bytesUsed() const
{
    observe("bytesUsed");
    try {
        Poco::Int64 pages = 0, freePages = 0, pageSize = 0;
        *m_session << "PRAGMA page_count", into(pages), now;
        *m_session << "PRAGMA freelist_count", into(freePages), now;
        *m_session << "PRAGMA page_size", into(pageSize), now;
        // The WAL is part of what the store takes on disk (and has its share of the cap).
        struct stat wal {};
        const std::int64_t walBytes = ::stat((m_options.path + "-wal").c_str(), &wal) == 0 ? std::int64_t(wal.st_size) : 0;
        return (pages - freePages) * pageSize + walBytes;
    } catch (const Poco::Exception &e) {
        failed("bytesUsed", e);
        return 0;
    }
}

} // namespace kiosk::queue
