// SPDX-License-Identifier: GPL-3.0-or-later
// The outbox's write side: enqueue, claim, record outcomes, housekeeping. Opening the file and its
// schema are in outboxschema.cpp, the read side in outboxqueries.cpp.
#include "services/queue/outbox.h"

#include "common/logging.h"

#include <Poco/Data/LOB.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/SQLiteException.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <string_view>

using namespace Poco::Data::Keywords;
using Poco::Data::Statement;

namespace kiosk::queue {

void rollbackQuietly(Poco::Data::Session &session) noexcept
{
    try {
        if (session.isTransaction())
            session.rollback();
    } catch (const Poco::Exception &e) {
        qCDebug(lcQueue).noquote() << "rollback after a failed write:" << QString::fromStdString(e.displayText());
    } catch (...) {
        qCDebug(lcQueue) << "rollback after a failed write failed";
    }
}

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

namespace {

std::atomic<Outbox::IdSource> s_idSource{nullptr};

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/** The Luhn check digit of @p digits (the digit that makes the whole pass the Luhn test). */
char luhnDigit(std::string_view digits)
{
    int sum = 0;
    bool doubled = true; // the rightmost payload digit is doubled, the check digit is not
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        int d = *it - '0';
        if (doubled) {
            d *= 2;
            if (d > 9)
                d -= 9;
        }
        sum += d;
        doubled = !doubled;
    }
    return char('0' + (10 - sum % 10) % 10);
}

} // namespace

std::string receiptNumber(const std::string &requestId)
{
    // The id's leading 40 bits: its first ten hex digits (a UUID's are random).
    std::uint64_t bits = 0;
    int nibbles = 0;
    for (char c : requestId) {
        if (c == '-')
            continue;
        const int v = hexValue(c);
        if (v < 0)
            break;
        bits = bits << 4 | std::uint64_t(v);
        if (++nibbles == 10)
            break;
    }
    if (nibbles < 10) {
        std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
        unsigned int size = 0;
        EVP_Digest(requestId.data(), requestId.size(), md.data(), &size, EVP_sha256(), nullptr);
        bits = 0;
        for (int i = 0; i < 5; ++i)
            bits = bits << 8 | md[std::size_t(i)];
    }
    // 39 bits stay below 10^12 (2^39 = 549 755 813 888): twelve digits, no bias.
    std::string out(12, '0');
    for (std::uint64_t v = bits >> 1, i = 12; i-- > 0; v /= 10)
        out[std::size_t(i)] = char('0' + v % 10);
    out.push_back(luhnDigit(out));
    return out;
}

bool isReceiptNumber(const std::string &digits)
{
    if (digits.size() != 13 || digits.find_first_not_of("0123456789") != std::string::npos)
        return false;
    return luhnDigit(std::string_view(digits).substr(0, 12)) == digits.back();
}

void Outbox::setIdSource(IdSource source)
{
    s_idSource = source;
}

std::string Outbox::associatedData(int format, const std::string &id, const std::string &platform, const std::string &kind)
{
    if (format <= 1) // schema 3 and before: the row id alone
        return id;
    // Format 2 and 3: a version byte (format, and the payload key's version: 1 for format 2, the
    // master key itself; 2 for format 3, the key derived for payloads), then id, platform and
    // kind, each length-prefixed so that no two different triples give the same bytes.
    std::string aad;
    aad.push_back(char(format));
    aad.push_back(char(keyVersionOf(format)));
    for (const std::string *part : {&id, &platform, &kind}) {
        const std::uint32_t n = std::uint32_t(part->size());
        for (int shift = 24; shift >= 0; shift -= 8)
            aad.push_back(char((n >> shift) & 0xff));
        aad += *part;
    }
    return aad;
}

Outbox::Outbox(const Options &options, const PayloadCipher &cipher, std::unique_ptr<Poco::Data::Session> session)
    : m_options(options)
    , m_cipher(cipher)
    , m_session(std::move(session))
{
}

Outbox::~Outbox() = default;

Outbox::EnqueueResult Outbox::enqueue(const Request &request, std::int64_t nowMs)
{
    EnqueueResult result;
    auto refuse = [&](StoreError why, std::string text) {
        m_lastError = result.failure = why;
        result.error = std::move(text);
        result.id.clear();
        qCWarning(lcQueue).noquote() << QString::fromStdString(result.error);
        return result;
    };
    if (request.payload.size() > maxPayloadBytes)
        return refuse(StoreError::TooLarge, "could not be saved: the request is larger than the platform accepts (1 MiB)");
    std::string number;
    try {
        // A new id whose receipt number another request of this terminal already has is drawn
        // again: the number on a receipt names one request. (At 39 bits a second draw is rare;
        // eight in a row means the id source is broken.)
        for (int draw = 0; draw < 8; ++draw) {
            const IdSource source = s_idSource.load(std::memory_order_relaxed);
            result.id = source ? source() : newUuid();
            if (result.id.empty())
                break;
            number = receiptNumber(result.id);
            int taken = 0;
            *m_session << "SELECT COUNT(*) FROM outbox WHERE receipt_number = ? OR id = ?", use(number), use(result.id),
                into(taken), now;
            if (taken == 0)
                break;
            qCInfo(lcQueue).noquote() << "receipt number" << QString::fromStdString(number) << "is taken: drawing another id";
            number.clear();
        }
    } catch (const Poco::Exception &e) {
        const StoreError why = failed("enqueue", e);
        return refuse(why, "could not be saved: " + e.displayText());
    }
    if (result.id.empty())
        return refuse(StoreError::Crypto, "could not be saved: no randomness available");
    if (number.empty())
        return refuse(StoreError::Failed, "could not be saved: no free receipt number");
    const std::vector<std::uint8_t> sealed
        = m_cipher.seal(request.payload, associatedData(payloadFormat, result.id, request.platform, request.kind));
    if (sealed.empty())
        return refuse(StoreError::Crypto, "could not be saved: encryption failed");
    try {
        Poco::Data::BLOB blob(sealed.data(), sealed.size());
        std::string id = result.id, platform = request.platform, kind = request.kind, item = request.itemCode,
                    subject = request.subjectHash;
        Poco::Int64 t = nowMs;
        // One statement in autocommit: either the whole row is there (and fsync'd) or nothing.
        *m_session << std::string("INSERT INTO outbox (id, platform, kind, item_code, subject_hash, state, payload, next_attempt_at,"
                                  " created_at, updated_at, receipt_number, payload_format, phase_at)"
                                  " VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ")
                + std::to_string(payloadFormat) + ", " + kOutboxClockSql + ")",
            use(id), use(platform), use(kind), use(item), use(subject), use(blob), use(t), use(t), use(t), use(number), now;
        result.ok = true;
        result.createdAt = nowMs;
    } catch (const Poco::Exception &e) {
        const StoreError why = failed("enqueue", e);
        return refuse(why, why == StoreError::Full ? "could not be saved: the terminal's request store is full — please ask staff for help"
                          : why == StoreError::Io ? "could not be saved: the terminal's storage failed (" + e.message() + ")"
                                                  : "could not be saved: " + e.displayText());
    }
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
        std::vector<int> attempts, formats;
        std::vector<Poco::Int64> created;
        std::vector<Poco::Nullable<Poco::Data::BLOB>> payloads;
        s << "SELECT id, platform, kind, item_code, attempts, created_at, payload, payload_format FROM outbox"
             " WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, created_at LIMIT "
                + std::to_string(std::max(1, max) * (skip.empty() ? 1 : 4)),
            use(t), into(ids), into(platforms), into(kinds), into(items), into(attempts), into(created), into(payloads),
            into(formats), now;
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
                const std::vector<std::uint8_t> sealed(content.begin(), content.end());
                const std::string aad = associatedData(formats[i], c.entry.id, c.entry.platform, c.entry.kind);
                c.payload = keyVersionOf(formats[i]) >= PayloadCipher::keyVersion ? m_cipher.open(sealed, aad) : m_cipher.openLegacy(sealed, aad);
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
    } catch (const Poco::Exception &e) {
        failed("claimBatch", e);
        rollbackQuietly(s);
        return {};
    }
}

bool Outbox::release(const std::vector<std::string> &ids, std::int64_t nowMs, std::int64_t nextAttemptAt)
{
    if (ids.empty())
        return true;
    Poco::Data::Session &s = *m_session;
    try {
        std::vector<std::string> keys = ids;
        const std::string due = std::to_string(std::max(nowMs, nextAttemptAt)), t = std::to_string(nowMs);
        // Nothing in the row grows (state, attempts, an emptied error): this fits even where
        // recording a result did not, at the cap.
        s.begin();
        s << "UPDATE outbox SET state = 'pending', attempts = MAX(attempts - 1, 0), next_attempt_at = " + due
                + ", last_error = '', updated_at = " + t + " WHERE id = ? AND state = 'sending'",
            use(keys), now;
        s.commit();
        return true;
    } catch (const Poco::Exception &e) {
        failed("release", e);
        rollbackQuietly(s);
        return false;
    }
}

bool Outbox::record(const std::vector<Result> &results, std::int64_t nowMs)
{
    if (results.empty())
        return true;
    // Column vectors bound in bulk: SQLite runs each statement once per row, prepared once.
    std::vector<std::string> doneIds, trackings, statuses, retryIds, retryTexts, retryHeld, deadIds, deadTexts;
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
            retryHeld.push_back(r.held);
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
            s << "UPDATE outbox SET state = 'done', tracking_number = ?, platform_status = ?, last_error = '', held = '',"
                 " status_checked_at = " + t + ", updated_at = " + t + ", phase_at = " + kOutboxClockSql
                    + " WHERE id = ? AND state IN ('sending', 'pending')",
                use(trackings), use(statuses), use(doneIds), now;
        if (!retryIds.empty())
            s << "UPDATE outbox SET state = 'pending', next_attempt_at = ?, last_error = ?, held = ?, updated_at = " + t
                    + " WHERE id = ? AND state = 'sending'",
                use(nexts), use(retryTexts), use(retryHeld), use(retryIds), now;
        if (!deadIds.empty())
            s << "UPDATE outbox SET state = 'dead', next_attempt_at = 0, last_error = ?, held = '', updated_at = " + t
                    + ", phase_at = " + kOutboxClockSql + " WHERE id = ? AND state IN ('sending', 'pending')",
                use(deadTexts), use(deadIds), now;
        s.commit();
        return true;
    } catch (const Poco::Exception &e) {
        failed("record", e);
        rollbackQuietly(s);
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
    } catch (const Poco::Exception &e) {
        failed("setState", e);
        return false;
    }
}

bool Outbox::markDone(const std::string &id, const std::string &trackingNumber, const std::string &platformStatus, std::int64_t nowMs)
{
    // (phase_at: the outbox clock, as record() sets it)
    try {
        std::string key = id, tracking = trackingNumber, status = platformStatus.empty() ? std::string("accepted") : platformStatus;
        Poco::Int64 t = nowMs;
        Statement st(*m_session);
        st << std::string("UPDATE outbox SET state = 'done', tracking_number = ?, platform_status = ?, last_error = '', held = '',"
                          " status_checked_at = ?, updated_at = ?, phase_at = ") + kOutboxClockSql
                + " WHERE id = ? AND state IN ('sending', 'pending')",
            use(tracking), use(status), use(t), use(t), use(key);
        return st.execute() > 0;
    } catch (const Poco::Exception &e) {
        failed("markDone", e);
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
    return setState(std::string("UPDATE outbox SET state = 'dead', next_attempt_at = ?, last_error = ?, updated_at = ?, held = '',"
                                " phase_at = ") + kOutboxClockSql + " WHERE id = ? AND state IN ('sending', 'pending')",
                    id, 0, reason, nowMs);
}

int Outbox::recoverInterrupted(std::int64_t nowMs)
{
    try {
        Poco::Int64 t = nowMs;
        Statement st(*m_session);
        st << "UPDATE outbox SET state = 'pending', next_attempt_at = ?, updated_at = ? WHERE state = 'sending'", use(t), use(t);
        return int(st.execute());
    } catch (const Poco::Exception &e) {
        failed("recoverInterrupted", e);
        return 0;
    }
}

bool Outbox::advanceClock(std::int64_t deltaMs)
{
    if (deltaMs <= 0)
        return true;
    try {
        Poco::Int64 d = deltaMs;
        *m_session << "UPDATE outbox_meta SET value = value + ? WHERE key = 'clock_ms'", use(d), now;
        return true;
    } catch (const Poco::Exception &e) {
        failed("advanceClock", e);
        return false;
    }
}

std::int64_t Outbox::clockMs() const
{
    try {
        Poco::Int64 v = 0;
        *m_session << "SELECT value FROM outbox_meta WHERE key = 'clock_ms'", into(v), now;
        return v;
    } catch (const Poco::Exception &e) {
        failed("clockMs", e);
        return -1;
    }
}

int Outbox::expire(std::int64_t nowMs, std::int64_t maxAgeMs, int minAttempts)
{
    try {
        Poco::Int64 t = nowMs, age = maxAgeMs;
        int attempts = std::max(0, minAttempts);
        const std::string span = maxAgeMs >= 3600'000 ? std::to_string(maxAgeMs / 3600'000) + " hours"
            : maxAgeMs >= 60'000                       ? std::to_string(maxAgeMs / 60'000) + " minutes"
                                                       : std::to_string(maxAgeMs / 1000) + " seconds";
        std::string reason = "not delivered within " + span + " of running time after " + std::to_string(attempts) + " or more attempts; given up";
        Statement st(*m_session);
        // Age on the outbox clock, not created_at: a wall clock set a year ahead expires nothing.
        st << std::string("UPDATE outbox SET state = 'dead', last_error = ?, updated_at = ?, phase_at = ") + kOutboxClockSql
                + " WHERE state = 'pending' AND held = '' AND attempts >= ? AND " + kOutboxClockSql + " - phase_at >= ?",
            use(reason), use(t), use(attempts), use(age);
        return int(st.execute());
    } catch (const Poco::Exception &e) {
        failed("expire", e);
        return 0;
    }
}

int Outbox::purge(std::int64_t nowMs)
{
    Poco::Data::Session &s = *m_session;
    try {
        Poco::Int64 t = nowMs, payloadAge = m_options.retentionMs, deadAge = m_options.deadPayloadRetentionMs,
                    rowAge = m_options.recordRetentionMs;
        const std::string age = std::string(kOutboxClockSql) + " - phase_at";
        int changed = 0;
        s.begin();
        {
            Statement st(s);
            st << "UPDATE outbox SET payload = NULL WHERE state IN ('done', 'discarded') AND payload IS NOT NULL AND " + age + " >= ?",
                use(payloadAge);
            changed += int(st.execute());
        }
        {
            const std::string days = std::to_string(std::max<std::int64_t>(1, m_options.deadPayloadRetentionMs / (24 * 3600'000)));
            std::string reason = "not sent; its contents were deleted after " + days + " days as a failed request (retention)";
            Statement st(s);
            st << "UPDATE outbox SET state = 'discarded', payload = NULL, subject_hash = '', last_error = ?, updated_at = ?, phase_at = "
                    + std::string(kOutboxClockSql) + " WHERE state = 'dead' AND " + age + " >= ?",
                use(reason), use(t), use(deadAge);
            changed += int(st.execute());
        }
        {
            Statement st(s);
            st << "DELETE FROM outbox WHERE state IN ('done', 'discarded') AND " + age + " >= ?", use(rowAge);
            changed += int(st.execute());
        }
        s.commit();
        if (changed > 0)
            truncateWal();
        return changed;
    } catch (const Poco::Exception &e) {
        failed("purge", e);
        rollbackQuietly(s);
        return 0;
    }
}

void Outbox::truncateWal()
{
    try {
        int busy = 0, logged = 0, checkpointed = 0;
        *m_session << "PRAGMA wal_checkpoint(TRUNCATE)", into(busy), into(logged), into(checkpointed), now;
        if (busy != 0) // a reader holds an old snapshot: the next purge or checkpoint finishes it
            qCInfo(lcQueue) << "the queue's write-ahead log could not be truncated yet (a reader is busy)";
    } catch (const Poco::Exception &e) {
        failed("wal_checkpoint", e);
    }
}

int Outbox::clampFutureAttempts(std::int64_t latestMs, std::int64_t dueAt)
{
    try {
        Poco::Int64 latest = latestMs, due = dueAt;
        Statement st(*m_session);
        st << "UPDATE outbox SET next_attempt_at = ? WHERE state = 'pending' AND next_attempt_at > ?", use(due), use(latest);
        return int(st.execute());
    } catch (const Poco::Exception &e) {
        failed("clampFutureAttempts", e);
        return 0;
    }
}

int Outbox::retryPlatform(const std::string &platform, std::int64_t nowMs)
{
    try {
        std::string p = platform, text = "retried by staff (all failed requests of this platform)";
        Poco::Int64 t = nowMs;
        Statement st(*m_session);
        st << std::string("UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ?, last_error = ?, updated_at = ?,"
                          " held = '', phase_at = ") + kOutboxClockSql + " WHERE platform = ? AND state = 'dead' AND payload IS NOT NULL",
            use(t), use(text), use(t), use(p);
        return int(st.execute());
    } catch (const Poco::Exception &e) {
        failed("retryPlatform", e);
        return -1;
    }
}

bool Outbox::retry(const std::string &id, std::int64_t nowMs)
{
    return setState(std::string("UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ?, last_error = ?, updated_at = ?,"
                                " held = '', phase_at = ") + kOutboxClockSql + " WHERE id = ? AND state = 'dead' AND payload IS NOT NULL",
                    id, nowMs, "retried by staff", nowMs);
}

bool Outbox::discard(const std::string &id, std::int64_t nowMs)
{
    return setState(std::string("UPDATE outbox SET state = 'discarded', payload = NULL, next_attempt_at = ?, last_error = ?,"
                                " updated_at = ?, held = '', phase_at = ") + kOutboxClockSql + " WHERE id = ? AND state IN ('dead', 'pending')",
                    id, 0, "discarded by staff", nowMs);
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
    } catch (const Poco::Exception &e) {
        failed("updatePlatformStatus", e);
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
    } catch (const Poco::Exception &e) {
        failed("makeStatusDue", e);
    }
    return changed;
}

} // namespace kiosk::queue
