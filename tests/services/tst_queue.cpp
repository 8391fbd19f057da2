// SPDX-License-Identifier: GPL-3.0-or-later
// The durable outbox, its encryption and its retry policy, on real SQLite files.
#include "services/queue/outbox.h"
#include "services/queue/payloadcipher.h"
#include "services/queue/queuecounters.h"
#include "services/queue/retrypolicy.h"

#include <Poco/Data/LOB.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cstdlib>
#include <set>

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <sys/stat.h>

using namespace kiosk::queue;
using namespace Poco::Data::Keywords;

namespace {
PayloadCipher::Key testKey()
{
    PayloadCipher::Key k{};
    for (std::size_t i = 0; i < k.size(); ++i)
        k[i] = std::uint8_t(i * 7 + 1);
    return k;
}
const char *const idNumber = "350102199001011234";

/** The outbox table as schema 1 made it: migrations start from real old files. */
void createVersion1Table(Poco::Data::Session &s)
{
    s << "CREATE TABLE outbox (id TEXT PRIMARY KEY, platform TEXT NOT NULL, kind TEXT NOT NULL,"
         " state TEXT NOT NULL CHECK (state IN ('pending','sending','done','dead','discarded')), payload BLOB,"
         " attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL, last_error TEXT NOT NULL DEFAULT '',"
         " created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, tracking_number TEXT NOT NULL DEFAULT '',"
         " platform_status TEXT NOT NULL DEFAULT '')", now;
}

/**
 * A blob as versions before derived keys sealed it (key version 1): AES-256-GCM under the master
 * key itself, nonce ‖ ciphertext ‖ tag. Written out here, since the terminal no longer seals so.
 */
std::vector<std::uint8_t> sealWithMasterKey(const PayloadCipher::Key &key, const std::string &plain, const std::string &aad)
{
    std::vector<std::uint8_t> out(PayloadCipher::nonceSize + plain.size() + PayloadCipher::tagSize);
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int len = 0;
    const bool ok = ctx && RAND_bytes(out.data(), int(PayloadCipher::nonceSize)) == 1
        && EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, key.data(), out.data()) == 1
        && EVP_EncryptUpdate(ctx, nullptr, &len, reinterpret_cast<const unsigned char *>(aad.data()), int(aad.size())) == 1
        && EVP_EncryptUpdate(ctx, out.data() + PayloadCipher::nonceSize, &len, reinterpret_cast<const unsigned char *>(plain.data()), int(plain.size())) == 1
        && EVP_EncryptFinal_ex(ctx, out.data() + PayloadCipher::nonceSize + len, &len) == 1
        && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, int(PayloadCipher::tagSize), out.data() + PayloadCipher::nonceSize + plain.size()) == 1;
    EVP_CIPHER_CTX_free(ctx);
    return ok ? out : std::vector<std::uint8_t>();
}
} // namespace

class TestQueue : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_n = 0;

    std::string freshPath() { return m_dir.filePath(QStringLiteral("outbox-%1.sqlite").arg(++m_n)).toStdString(); }
    std::unique_ptr<Outbox> openBox(const std::string &path, std::int64_t cap = 256LL << 20)
    {
        std::string error;
        Outbox::Options o;
        o.path = path;
        o.capBytes = cap;
        o.retentionMs = 1000;
        auto box = Outbox::open(o, PayloadCipher(testKey()), &error);
        if (!box)
            qWarning("%s", error.c_str());
        return box;
    }
    static Outbox::Request request(const std::string &payload = R"({"name":"张三","idNumber":"350102199001011234"})")
    {
        return {"hall", "submission", "RS-0001", "subject-hash-1", payload};
    }

private Q_SLOTS:
    // --- encryption -------------------------------------------------------------------------
    void cipherRoundTrip()
    {
        PayloadCipher c(testKey());
        const auto sealed = c.seal("社保 payload", "row-1");
        QVERIFY(!c.openLegacy(sealed, "row-1")); // sealed with the derived key, not the master
        QCOMPARE(sealed.size(), PayloadCipher::nonceSize + std::string("社保 payload").size() + PayloadCipher::tagSize);
        QCOMPARE(c.open(sealed, "row-1").value_or("?"), std::string("社保 payload"));
        // Every seal uses a fresh nonce: the same text never gives the same bytes.
        QVERIFY(c.seal("x", "row-1") != c.seal("x", "row-1"));
    }
    void cipherDetectsTampering()
    {
        PayloadCipher c(testKey());
        auto sealed = c.seal("payload", "row-1");
        QVERIFY(!c.open(sealed, "row-2")); // moved to another row
        auto flipped = sealed;
        flipped[PayloadCipher::nonceSize + 2] ^= 0x01;
        QVERIFY(!c.open(flipped, "row-1")); // ciphertext changed
        auto badTag = sealed;
        badTag.back() ^= 0x80;
        QVERIFY(!c.open(badTag, "row-1"));
        QVERIFY(!c.open(std::vector<std::uint8_t>(10), "row-1")); // truncated
        PayloadCipher::Key other = testKey();
        other[0] ^= 1;
        QVERIFY(!PayloadCipher(other).open(sealed, "row-1")); // wrong key
    }
    void tooLargeIsRefusedTyped()
    {
        auto box = openBox(freshPath());
        const auto r = box->enqueue({"hall", "submission", "RS-0001", "", std::string(Outbox::maxPayloadBytes + 1, 'x')}, 1000);
        QVERIFY(!r.ok);
        QCOMPARE(r.failure, StoreError::TooLarge);
        QVERIFY(r.id.empty());
        QCOMPARE(box->counts().pending, 0);
    }
    void storedRowsWithoutKey()
    {
        const std::string path = freshPath();
        QCOMPARE(Outbox::storedRows(path).value_or(-1), 0); // no file yet
        {
            auto box = openBox(path);
            QCOMPARE(Outbox::storedRows(path).value_or(-1), 0); // schema, no rows
            QVERIFY(box->enqueue({"hall", "submission", "RS-0001", "", "{}"}, 1000).ok);
        }
        QCOMPARE(Outbox::storedRows(path).value_or(-1), 1);
        QFile junk(m_dir.filePath(QStringLiteral("junk.sqlite")));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write(QByteArray(4096, 'j'));
        junk.close();
        QVERIFY(!Outbox::storedRows(junk.fileName().toStdString())); // cannot tell: no new key then
    }
    void countersFollowDeltasAndRecount()
    {
        int published = 0;
        std::optional<std::vector<OutboxEntry>> lastDead;
        QueueCounters counters([&](const OutboxCounts &, const std::optional<std::vector<OutboxEntry>> &dead) {
            ++published;
            lastDead = dead;
        }, 1000, 0.8);
        counters.update([] { return std::pair(0, QueueCounters::Delta{.pending = 2, .enqueuedAt = 500}); });
        QCOMPARE(counters.snapshot().pending, 2);
        QCOMPARE(counters.snapshot().oldestPendingCreatedAt, std::int64_t(500));
        counters.update([] { return std::pair(0, QueueCounters::Delta{.pending = -2, .sending = 2}); });
        counters.update([] { return std::pair(0, QueueCounters::Delta{.sending = -2, .done = 1, .dead = 1, .bytesUsed = 900}); });
        const OutboxCounts c = counters.snapshot();
        QCOMPARE(c.pending + c.sending, 0);
        QCOMPARE(c.done, 1);
        QCOMPARE(c.dead, 1);
        QCOMPARE(c.oldestPendingCreatedAt, std::int64_t(0)); // nothing waits
        QVERIFY(c.nearCap);
        counters.update([] { return std::pair(0, QueueCounters::Delta{}); }); // nothing moved: nothing published
        QCOMPARE(published, 3);
        auto box = openBox(freshPath());
        QVERIFY(box->enqueue({"hall", "submission", "RS-0001", "", "{}"}, 1000).ok);
        counters.recount([&] { return std::pair(box->counts(), box->list("dead", 50)); });
        QCOMPARE(counters.snapshot().pending, 1);
        QCOMPARE(counters.snapshot().done, 0);
        QCOMPARE(counters.snapshot().capBytes, std::int64_t(1000)); // the cap is the counters', not the query's
        QVERIFY(lastDead && lastDead->empty());
    }

    // --- retry policy -----------------------------------------------------------------------
    void backoffBounds()
    {
        BackoffPolicy p;
        p.baseMs = 1000;
        p.capMs = 60'000;
        QCOMPARE(p.windowMs(0), 1000);
        QCOMPARE(p.windowMs(1), 2000);
        QCOMPARE(p.windowMs(5), 32'000);
        QCOMPARE(p.windowMs(6), 60'000);
        QCOMPARE(p.windowMs(500), 60'000); // no overflow
        std::mt19937_64 rng(1);
        std::int64_t lo = 1 << 30, hi = 0;
        for (int i = 0; i < 2000; ++i) {
            const auto d = p.delayMs(3, rng);
            QVERIFY(d >= 0 && d <= 8000);
            lo = std::min(lo, d);
            hi = std::max(hi, d);
        }
        QVERIFY(lo < 800 && hi > 7200); // full jitter: the whole window is used
        for (int i = 0; i < 100; ++i)
            QVERIFY(p.delayMs(0, rng, 30'000) >= 30'000); // Retry-After is honoured
    }
    void classification_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("error");
        QTest::addColumn<QString>("retryAfter");
        QTest::addColumn<int>("kind");
        QTest::addColumn<qint64>("afterMs");
        using K = Outcome::Kind;
        const int none = int(TransportError::None);
        QTest::newRow("200") << 200 << none << "" << int(K::Done) << qint64(0);
        QTest::newRow("201") << 201 << none << "" << int(K::Done) << qint64(0);
        QTest::newRow("408") << 408 << none << "" << int(K::Retry) << qint64(0);
        QTest::newRow("429 retry-after") << 429 << none << "120" << int(K::Retry) << qint64(120'000);
        QTest::newRow("429 bad retry-after") << 429 << none << "soon" << int(K::Retry) << qint64(0);
        QTest::newRow("500") << 500 << none << "" << int(K::Retry) << qint64(0);
        QTest::newRow("503 retry-after") << 503 << none << "7" << int(K::Retry) << qint64(7000);
        QTest::newRow("400") << 400 << none << "" << int(K::Dead) << qint64(0);
        QTest::newRow("401") << 401 << none << "" << int(K::Retry) << qint64(0); // the terminal is refused, not the request
        QTest::newRow("403") << 403 << none << "" << int(K::Retry) << qint64(0);
        QTest::newRow("404") << 404 << none << "" << int(K::Dead) << qint64(0);
        QTest::newRow("409") << 409 << none << "" << int(K::Dead) << qint64(0);
        QTest::newRow("422") << 422 << none << "" << int(K::Dead) << qint64(0);
        QTest::newRow("302") << 302 << none << "" << int(K::Dead) << qint64(0);
        QTest::newRow("timeout") << 0 << int(TransportError::Timeout) << "" << int(K::Retry) << qint64(0);
        QTest::newRow("reset") << 0 << int(TransportError::ConnectionReset) << "" << int(K::Retry) << qint64(0);
        QTest::newRow("refused") << 0 << int(TransportError::ConnectionRefused) << "" << int(K::Retry) << qint64(0);
        QTest::newRow("tls") << 0 << int(TransportError::Tls) << "" << int(K::Retry) << qint64(0);
    }
    void classification()
    {
        QFETCH(int, status);
        QFETCH(int, error);
        QFETCH(QString, retryAfter);
        QFETCH(int, kind);
        QFETCH(qint64, afterMs);
        const Outcome o = classify(status, TransportError(error), retryAfter.toStdString(), "the reason", 1'000'000);
        QCOMPARE(int(o.kind), kind);
        QCOMPARE(o.retryAfterMs, afterMs);
        if (o.kind == Outcome::Kind::Dead)
            QVERIFY(o.reason.find("the reason") != std::string::npos);
    }
    void retryAfterHttpDate()
    {
        // Sun, 06 Nov 1994 08:49:37 GMT = 784111777 s
        const auto ms = parseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", 784111777LL * 1000 - 5000);
        QCOMPARE(ms.value_or(-1), 5000);
        QCOMPARE(parseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", 784111777LL * 1000 + 5000).value_or(-1), 0);
        QVERIFY(!parseRetryAfter("", 0));
        QVERIFY(!parseRetryAfter("99999999999999", 0));
    }

    // --- the outbox ---------------------------------------------------------------------------
    void stateTransitions()
    {
        auto box = openBox(freshPath());
        QVERIFY(box);
        const auto r = box->enqueue(request(), 1000);
        QVERIFY2(r.ok, r.error.c_str());
        QCOMPARE(r.id.size(), std::size_t(36));
        QCOMPARE(box->counts().pending, 1);
        QVERIFY(!box->claimNext(999)); // not due before it was created
        auto c = box->claimNext(1000);
        QVERIFY(c);
        QCOMPARE(c->entry.id, r.id);
        QCOMPARE(c->entry.state, std::string("sending"));
        QCOMPARE(c->entry.attempts, 1);
        QCOMPARE(c->payload.value_or(""), request().payload);
        QVERIFY(!box->claimNext(1000)); // nothing else due
        QVERIFY(box->markRetry(r.id, 5000, "HTTP 503", 1100));
        QCOMPARE(box->entry(r.id)->state, std::string("pending"));
        QCOMPARE(box->entry(r.id)->lastError, std::string("HTTP 503"));
        QCOMPARE(box->nextDueAt().value_or(0), 5000);
        QVERIFY(!box->claimNext(4999));
        c = box->claimNext(5000);
        QCOMPARE(c->entry.attempts, 2);
        QVERIFY(box->markDone(r.id, "T20261122-0001", "accepted", 5100));
        const auto e = box->entry(r.id);
        QCOMPARE(e->state, std::string("done"));
        QCOMPARE(e->trackingNumber, std::string("T20261122-0001"));
        QCOMPARE(e->platformStatus, std::string("accepted"));
        QVERIFY(!box->markRetry(r.id, 0, "late", 5200)); // a done request stays done
        QCOMPARE(box->byTrackingNumber("T20261122-0001")->id, r.id);
        QCOMPARE(box->bySubject("subject-hash-1").size(), std::size_t(1));
        QVERIFY(box->bySubject("someone-else").empty());
    }

    void deadLetterRetryAndDiscard()
    {
        auto box = openBox(freshPath());
        const auto a = box->enqueue(request(), 0);
        const auto b = box->enqueue(request(), 0);
        QVERIFY(box->claimNext(0));
        QVERIFY(box->claimNext(0));
        QVERIFY(box->markDead(a.id, "HTTP 422: 缺少必填项", 10));
        QVERIFY(box->markDead(b.id, "HTTP 400", 10));
        QCOMPARE(box->counts().dead, 2);
        QCOMPARE(box->list("dead").size(), std::size_t(2));
        QVERIFY(box->retry(a.id, 20));
        QCOMPARE(box->entry(a.id)->state, std::string("pending"));
        QCOMPARE(box->entry(a.id)->attempts, 0);
        QVERIFY(box->discard(b.id, 20));
        QCOMPARE(box->entry(b.id)->state, std::string("discarded"));
        QVERIFY(!box->entry(b.id)->hasPayload);
        QVERIFY(!box->retry(b.id, 30)); // a discarded request cannot come back
        QVERIFY(!box->discard("no-such-id", 30));
    }

    void survivesRestartAndResendsInterrupted()
    {
        const std::string path = freshPath();
        std::string id;
        {
            auto box = openBox(path);
            id = box->enqueue(request(), 0).id;
            QVERIFY(box->claimNext(0)); // the process dies here, mid-send
        }
        auto box = openBox(path); // a second instance on the same file: the restart
        QCOMPARE(box->counts().sending, 1);
        QCOMPARE(box->recoverInterrupted(50), 1);
        const auto c = box->claimNext(50);
        QVERIFY(c);
        QCOMPARE(c->entry.id, id); // the same id: the Idempotency-Key makes resending harmless
        QCOMPARE(c->entry.attempts, 2);
    }

    // --- receipt numbers ----------------------------------------------------------------------
    void receiptNumberIsReadableAndChecked()
    {
        // Thirteen digits from the id's first 39 bits and a Luhn check digit.
        const std::string n = receiptNumber("8a3f0c21-5b7e-4d2a-9c1f-0e4b6a8d2c3f");
        QCOMPARE(n.size(), std::size_t(13));
        QCOMPARE(n, receiptNumber("8A3F0C21-5B7E-4D2A-9C1F-0E4B6A8D2C3F")); // only the id decides
        QCOMPARE(n.substr(0, 12), std::string("296881623213")); // 0x8a3f0c215b >> 1
        QVERIFY(isReceiptNumber(n));
        // One wrong digit, and two neighbours swapped, are caught by the check digit.
        for (std::size_t i = 0; i < n.size(); ++i) {
            for (char d = '0'; d <= '9'; ++d) {
                std::string wrong = n;
                wrong[i] = d;
                QCOMPARE(isReceiptNumber(wrong), d == n[i]);
            }
            if (i + 1 < n.size() && n[i] != n[i + 1] && std::abs(n[i] - n[i + 1]) != 9) {
                std::string swapped = n;
                std::swap(swapped[i], swapped[i + 1]);
                QVERIFY2(!isReceiptNumber(swapped), swapped.c_str());
            }
        }
        QVERIFY(!isReceiptNumber("123"));
        QVERIFY(!isReceiptNumber("29666822614a0"));
        // Ids that the old DEMO-0001-XXXXXXXX form (first 32 bits) could not tell apart differ here.
        QVERIFY(receiptNumber("8a3f0c21-5b00-4000-8000-000000000000") != receiptNumber("8a3f0c21-5c00-4000-8000-000000000000"));
        // Not a UUID: hashed, still 13 valid digits.
        QVERIFY(isReceiptNumber(receiptNumber("old-1")));
    }

    void receiptNumbersStayUniqueAcrossRestarts()
    {
        // An id source whose ids share their first 39 bits (so their receipt numbers) until the
        // fourth: the outbox draws again rather than give two requests one number.
        static int drawn;
        drawn = 0;
        Outbox::setIdSource([]() -> std::string {
            ++drawn;
            static const char *const ids[] = {
                "0123456789-00-4000-8000-000000000001", "0123456789-00-4000-8000-000000000002",
                "0123456789-00-4000-8000-000000000003", "fedcba9876-00-4000-8000-000000000004",
                "0123456789-00-4000-8000-000000000005", "1111111111-00-4000-8000-000000000006",
            };
            return ids[std::min(drawn - 1, 5)];
        });
        const std::string path = freshPath();
        std::string first, second;
        {
            auto box = openBox(path);
            first = box->enqueue(request(), 0).id;
            QCOMPARE(first, std::string("0123456789-00-4000-8000-000000000001"));
            second = box->enqueue(request(), 1).id; // draws 2 and 3 share the number: 4 is taken
            QCOMPARE(second, std::string("fedcba9876-00-4000-8000-000000000004"));
            QCOMPARE(box->entry(first)->receiptNumber, receiptNumber(first));
            QCOMPARE(box->entry(second)->receiptNumber, receiptNumber(second));
        }
        auto box = openBox(path); // after a restart the numbers in the file still count
        const auto third = box->enqueue(request(), 2);
        QVERIFY(third.ok);
        QCOMPARE(third.id, std::string("1111111111-00-4000-8000-000000000006")); // 5 would repeat the first's number
        QCOMPARE(drawn, 6);
        const auto byNumber = box->byReceiptNumber(receiptNumber(first).insert(4, " ").insert(9, " ").insert(14, " "));
        QVERIFY(byNumber);
        QCOMPARE(byNumber->id, first);
        QVERIFY(!box->byReceiptNumber("0000000000000")); // valid shape, no such request
        Outbox::setIdSource(nullptr);
        // Normal ids: many requests, all numbers distinct and stored.
        std::set<std::string> numbers;
        for (int i = 0; i < 200; ++i) {
            const auto r = box->enqueue(request(), 10 + i);
            QVERIFY(r.ok);
            numbers.insert(box->entry(r.id)->receiptNumber);
        }
        QCOMPARE(numbers.size(), std::size_t(200));
    }

    void refusalsOfTheTerminalAreHeld()
    {
        // The reference platform's refusal of a bad timestamp: 401 with this reason.
        const Outcome skew = classify(401, TransportError::None, "", "request timestamp is outside the accepted window (check the terminal's clock)", 0);
        QCOMPARE(int(skew.kind), int(Outcome::Kind::Retry));
        QCOMPARE(skew.held, std::string("clock"));
        const Outcome key = classify(401, TransportError::None, "", "signature does not match", 0);
        QCOMPARE(int(key.kind), int(Outcome::Kind::Retry));
        QCOMPARE(key.held, std::string("auth"));
        QCOMPARE(classify(403, TransportError::None, "", "terminal not registered", 0).held, std::string("auth"));
        const Outcome invalid = classify(422, TransportError::None, "", "missing field: itemCode", 0);
        QCOMPARE(int(invalid.kind), int(Outcome::Kind::Dead)); // the request itself is wrong: stays permanent
        QVERIFY(invalid.held.empty());
        QVERIFY(classify(503, TransportError::None, "", "", 0).held.empty());
    }

    void expiryCountsRunningTimeNotTheWallClock()
    {
        auto box = openBox(freshPath());
        const auto r = box->enqueue(request(), 0);
        const std::int64_t aYearLater = 365LL * 24 * 3600'000;
        // The wall clock jumps a year ahead (a spoofed NTP step): nothing has waited that long.
        QCOMPARE(box->expire(aYearLater, 50'000, 1), 0);
        QCOMPARE(box->entry(r.id)->state, std::string("pending"));
        // 60 s of running time, but never tried: a terminal off the network keeps its backlog.
        QVERIFY(box->advanceClock(60'000));
        QCOMPARE(box->entry(r.id)->ageMs, 60'000);
        QCOMPARE(box->expire(0, 50'000, 1), 0);
        auto c = box->claimNext(0);
        QVERIFY(c);
        QVERIFY(box->markRetry(c->entry.id, 0, "HTTP 503", 0));
        // Tried, and old enough on the outbox clock — whatever the wall clock says (here: 0).
        QCOMPARE(box->expire(0, 50'000, 1), 1);
        QCOMPARE(box->entry(r.id)->state, std::string("dead"));
        QVERIFY(box->entry(r.id)->lastError.find("not delivered") != std::string::npos);
        QCOMPARE(box->entry(r.id)->ageMs, 0); // its age as a dead letter starts now

        // A request the platform holds because it refused the terminal's clock never expires.
        const auto held = box->enqueue(request(), 0);
        c = box->claimNext(0);
        QVERIFY(c);
        QVERIFY(box->record({{Outbox::Result::Kind::Retry, held.id, {}, {}, 0, "HTTP 401: request timestamp is outside the accepted window", "clock"}}, 0));
        QVERIFY(box->advanceClock(10LL * 365 * 24 * 3600'000));
        QCOMPARE(box->expire(0, 50'000, 1), 0);
        QCOMPARE(box->entry(held.id)->held, std::string("clock"));
        const auto platforms = box->heldPlatforms();
        QCOMPARE(platforms.size(), std::size_t(1));
        QCOMPARE(platforms.front().platform, std::string("hall"));
        QCOMPARE(platforms.front().why, std::string("clock"));
        QCOMPARE(platforms.front().requests, 1);
    }

    void farFutureAttemptsAreClamped()
    {
        // Retried while the wall clock was a year ahead, then the clock is set right: not a year's wait.
        auto box = openBox(freshPath());
        const auto r = box->enqueue(request(), 0);
        auto c = box->claimNext(0);
        QVERIFY(box->markRetry(c->entry.id, 365LL * 24 * 3600'000, "HTTP 503", 0));
        QCOMPARE(box->clampFutureAttempts(100'000'000, 5000), 1);
        QCOMPARE(box->entry(r.id)->nextAttemptAt, 5000);
    }

    void retentionDeletesRowsAndTheirBytes()
    {
        const std::string path = freshPath();
        const std::string marker = "RETENTION-MARKER-7f3a9c";
        std::string deadId, doneId;
        {
            std::string error;
            Outbox::Options o;
            o.path = path;
            o.retentionMs = 1000;
            o.recordRetentionMs = 10'000;
            o.deadPayloadRetentionMs = 5000;
            auto box = Outbox::open(o, PayloadCipher(testKey()), &error);
            QVERIFY2(box, error.c_str());
            Outbox::Request done = request();
            done.itemCode = marker + "-ITEM";
            done.subjectHash = marker + "-SUBJECT";
            doneId = box->enqueue(done, 0).id;
            QVERIFY(box->claimNext(0));
            QVERIFY(box->markDone(doneId, "T-1", "accepted", 0));
            QVERIFY(box->updatePlatformStatus(doneId, "in_progress", marker + "-MESSAGE", 0));
            deadId = box->enqueue(request(), 0).id;
            QVERIFY(box->claimNext(0));
            QVERIFY(box->markDead(deadId, "HTTP 422", 0));
            for (int i = 0; i < 30; ++i) // keeps going, so the deleted row's pages are reused or zeroed
                QVERIFY(box->enqueue(request(), 0).ok);

            QVERIFY(box->advanceClock(1500)); // the delivered payload goes
            QCOMPARE(box->purge(0), 1);
            QVERIFY(!box->entry(doneId)->hasPayload);
            QVERIFY(box->entry(deadId)->hasPayload);
            QVERIFY(box->advanceClock(5000)); // the dead letter's payload goes; it cannot be retried any more
            QCOMPARE(box->purge(0), 1);
            QCOMPARE(box->entry(deadId)->state, std::string("discarded"));
            QVERIFY(!box->entry(deadId)->hasPayload);
            QVERIFY(!box->retry(deadId, 0));
            QVERIFY(box->entry(doneId)); // the record stays for the progress lookup until the record retention
            QVERIFY(box->advanceClock(5000)); // 11.5 s: the delivered row is deleted, the discarded one not yet (5 s)
            QCOMPARE(box->purge(0), 1);
            QVERIFY(!box->entry(doneId));
            QVERIFY(box->entry(deadId));
            QVERIFY(box->advanceClock(10'000));
            QCOMPARE(box->purge(0), 1);
            QVERIFY(!box->entry(deadId));
        }
        for (const char *suffix : {"", "-wal"}) {
            QFile f(QString::fromStdString(path + suffix));
            if (!f.open(QIODevice::ReadOnly))
                continue;
            const QByteArray bytes = f.readAll();
            QVERIFY2(!bytes.contains(QByteArray::fromStdString(marker)), suffix); // secure_delete, and the WAL truncated
        }
    }

    void walIsLimitedAndCounted()
    {
        const std::string path = freshPath();
        const std::int64_t cap = 4LL << 20;
        auto box = openBox(path, cap);
        QVERIFY(box);
        const std::string big(3000, 'w');
        std::int64_t walMax = 0, totalMax = 0;
        auto fileSize = [](const std::string &p) {
            struct stat st {};
            return ::stat(p.c_str(), &st) == 0 ? std::int64_t(st.st_size) : 0;
        };
        for (int i = 0; i < 3000; ++i) {
            const auto r = box->enqueue(request(big), i);
            if (!r.ok)
                break; // the cap
            if (i % 50 == 0) {
                walMax = std::max(walMax, fileSize(path + "-wal"));
                totalMax = std::max(totalMax, fileSize(path) + fileSize(path + "-wal"));
            }
        }
        walMax = std::max(walMax, fileSize(path + "-wal"));
        totalMax = std::max(totalMax, fileSize(path) + fileSize(path + "-wal"));
        // Default SQLite lets the WAL grow to 1000 pages (4 MiB) and keeps it; here it has its budget.
        QVERIFY2(walMax <= Outbox::walBudgetBytes(cap) + 64 * 1024, qPrintable(QString::number(walMax)));
        QVERIFY2(totalMax <= cap + 64 * 1024, qPrintable(QStringLiteral("%1 of %2").arg(totalMax).arg(cap)));
        // The fill level staff see counts the WAL too.
        const std::int64_t wal = fileSize(path + "-wal");
        QVERIFY(box->bytesUsed() >= fileSize(path) - 64 * 1024 + wal);
        QVERIFY(box->counts().nearCap);
    }

    void corruptDatabaseIsQuarantined_data()
    {
        QTest::addColumn<bool>("truncate");
        QTest::newRow("garbage") << false;
        QTest::newRow("truncated") << true;
    }
    void corruptDatabaseIsQuarantined()
    {
        QFETCH(bool, truncate);
        const std::string path = freshPath();
        if (truncate) {
            {
                auto box = openBox(path);
                for (int i = 0; i < 200; ++i)
                    QVERIFY(box->enqueue(request(std::string(1500, 'p')), i).ok);
            }
            QFile f(QString::fromStdString(path));
            QVERIFY(f.resize(f.size() / 2)); // the end of the file lost, as a failing card may
        } else {
            QFile f(QString::fromStdString(path));
            QVERIFY(f.open(QIODevice::WriteOnly));
            QByteArray junk(64 * 1024, '\0');
            for (int i = 0; i < junk.size(); ++i)
                junk[i] = char((i * 131 + 7) & 0xff);
            f.write(junk);
        }
        const auto message = Outbox::quarantineIfCorrupt(path, 1'767'225'600'000); // 2026-01-01T00:00:00Z
        QVERIFY(message);
        const std::string kept = path + ".corrupt-20260101T000000Z";
        QCOMPARE(message->keptAs, kept);
        QVERIFY2(message->message.find(kept) != std::string::npos, message->message.c_str());
        QVERIFY(message->message.find("could not be read") != std::string::npos);
        QVERIFY(QFile::exists(QString::fromStdString(kept)));
        QVERIFY(!QFile::exists(QString::fromStdString(path)));
        struct stat st {};
        QCOMPARE(::stat(kept.c_str(), &st), 0);
        QCOMPARE(int(st.st_mode & 0777), 0600);
        // A fresh store opens and works.
        auto box = openBox(path);
        QVERIFY(box);
        QVERIFY(box->enqueue(request(), 0).ok);
        QVERIFY(!Outbox::quarantineIfCorrupt(path, 0)); // a sound file stays where it is
        QVERIFY(!Outbox::quarantineIfCorrupt(path + ".absent", 0));
    }

    void payloadIsBoundToPlatformAndKind()
    {
        const std::string path = freshPath();
        auto box = openBox(path);
        const auto a = box->enqueue(request(), 0);
        const auto b = box->enqueue({"hotline", "suggestion", "RS-0002", "", R"({"text":"路灯坏了"})"}, 1);
        {
            Poco::Data::Session s("SQLite", path);
            std::string id = a.id, other = b.id;
            // a's row moved to another platform; b's row given a's blob; then a's kind changed too
            s << "UPDATE outbox SET platform = 'hotline' WHERE id = ?", use(id), now;
            s << "UPDATE outbox SET payload = (SELECT payload FROM outbox WHERE id = ?) WHERE id = ?", use(id), use(other), now;
        }
        auto first = box->claimNext(0);
        QVERIFY(first);
        QCOMPARE(first->entry.id, a.id);
        QVERIFY(!first->payload); // sealed for hall: does not open as hotline's
        auto second = box->claimNext(10);
        QVERIFY(second);
        QVERIFY(!second->payload);
        const auto c = box->enqueue(request(), 20);
        {
            Poco::Data::Session s("SQLite", path);
            std::string id = c.id;
            s << "UPDATE outbox SET kind = 'evaluation' WHERE id = ?", use(id), now;
        }
        auto third = box->claimNext(20);
        QVERIFY(third);
        QVERIFY(!third->payload);
    }

    void oldFormatPayloadsStillOpen()
    {
        // A row written by schema 3: sealed with the id alone as associated data.
        const std::string path = freshPath();
        {
            Poco::Data::SQLite::Connector::registerConnector();
            Poco::Data::Session s("SQLite", path);
            createVersion1Table(s);
            const auto sealed = sealWithMasterKey(testKey(), R"({"old":true})", "old-1");
            QVERIFY(!sealed.empty());
            // Not what the terminal seals with now: the payload key is derived from the master.
            QVERIFY(!PayloadCipher(testKey()).open(sealed, "old-1"));
            Poco::Data::BLOB blob(sealed.data(), sealed.size());
            s << "INSERT INTO outbox (id, platform, kind, state, payload, next_attempt_at, created_at, updated_at)"
                 " VALUES ('old-1', 'hall', 'submission', 'pending', ?, 0, 5, 5)", use(blob), now;
            s << "PRAGMA user_version = 1", now;
        }
        auto box = openBox(path);
        QVERIFY(box);
        auto c = box->claimNext(10);
        QVERIFY(c);
        QCOMPARE(c->payload.value_or(""), std::string(R"({"old":true})"));
    }

    void staffRetryAllDeadLettersOfAPlatform()
    {
        auto box = openBox(freshPath());
        std::vector<std::string> hall, hotline;
        for (int i = 0; i < 3; ++i) {
            hall.push_back(box->enqueue(request(), i).id);
            hotline.push_back(box->enqueue({"hotline", "suggestion", "X", "", "{}"}, i).id);
        }
        while (auto c = box->claimNext(100))
            QVERIFY(box->markDead(c->entry.id, "HTTP 401 (before this terminal kept such requests)", 100));
        QVERIFY(box->discard(hall[2], 100)); // no payload any more: cannot be sent again
        QCOMPARE(box->retryPlatform("hall", 200), 2);
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(box->entry(hall[std::size_t(i)])->state, std::string("pending"));
            QCOMPARE(box->entry(hall[std::size_t(i)])->attempts, 0);
        }
        QCOMPARE(box->entry(hall[2])->state, std::string("discarded"));
        for (const auto &id : hotline)
            QCOMPARE(box->entry(id)->state, std::string("dead"));
        QCOMPARE(box->retryPlatform("hall", 300), 0);
    }

    void recordFailsAtTheCapAndReleaseStillWorks()
    {
        const std::string path = freshPath();
        const std::int64_t cap = 256 * 1024;
        auto box = openBox(path, cap);
        std::vector<std::string> ids;
        for (int i = 0; i < 4; ++i)
            ids.push_back(box->enqueue(request(), i).id);
        const auto batch = box->claimBatch(10, {}, 8);
        QCOMPARE(batch.size(), std::size_t(4));
        // Another writer fills the store to the cap.
        Poco::Data::Session s("SQLite", path);
        Poco::Int64 pages = 0;
        s << "PRAGMA busy_timeout = 5000", now;
        s << "PRAGMA max_page_count = " + std::to_string(Outbox::maxPages(cap, 4096)), into(pages), now;
        s << "CREATE TABLE filler (b BLOB)", now;
        try {
            for (;;) {
                std::string b(3000, 'f');
                s << "INSERT INTO filler VALUES (?)", use(b), now;
            }
        } catch (const Poco::Exception &) {
        }
        std::vector<Outbox::Result> results;
        for (const auto &id : ids)
            results.push_back({Outbox::Result::Kind::Retry, id, {}, {}, 20, std::string(2000, 'e'), {}});
        QVERIFY(!box->record(results, 20));
        QCOMPARE(int(box->lastError()), int(StoreError::Full));
        QVERIFY(box->release(ids, 20, 500)); // nothing in a row grows: fits where the result did not
        for (const auto &id : ids) {
            QCOMPARE(box->entry(id)->state, std::string("pending"));
            QCOMPARE(box->entry(id)->nextAttemptAt, 500);
        }
    }

    void statusChecks()
    {
        auto box = openBox(freshPath());
        const auto r = box->enqueue(request(), 0);
        QVERIFY(box->claimNext(0));
        box->markDone(r.id, "T9", "accepted", 1000);
        QVERIFY(box->dueStatusChecks(1500, 1000).empty());
        QCOMPARE(box->dueStatusChecks(2000, 1000).size(), std::size_t(1));
        QVERIFY(box->updatePlatformStatus(r.id, "in_progress", "社区已受理", 2000));
        QVERIFY(box->dueStatusChecks(2500, 1000).empty());
        QVERIFY(box->updatePlatformStatus(r.id, "done", "已办结", 3000));
        QVERIFY(box->dueStatusChecks(999'999, 1000).empty()); // final: no more checks
        QCOMPARE(box->entry(r.id)->platformMessage, std::string("已办结"));
    }

    void storeFullIsReportedAndLosesNothing()
    {
        // A tiny cap stands in for a full disk: SQLite answers SQLITE_FULL either way.
        auto box = openBox(freshPath(), 64 * 1024);
        QVERIFY(box);
        const std::string big(2000, 'x');
        int ok = 0;
        Outbox::EnqueueResult last;
        for (int i = 0; i < 200; ++i) {
            last = box->enqueue(request(big), i);
            if (!last.ok)
                break;
            ++ok;
        }
        QVERIFY(!last.ok);
        QVERIFY2(last.error.rfind("could not be saved", 0) == 0, last.error.c_str());
        QVERIFY(last.id.empty());
        QVERIFY(ok > 5);
        const auto counts = box->counts();
        QCOMPARE(counts.pending, ok); // every acknowledged request is there, nothing half-written
        QVERIFY(counts.nearCap);
        // Delivering and purging makes room again.
        while (auto c = box->claimNext(1'000'000))
            box->markDone(c->entry.id, "T", "accepted", 0);
        QVERIFY(box->advanceClock(1000));
        QVERIFY(box->purge(1'000'000) > 0);
        QVERIFY(box->enqueue(request(big), 2'000'000).ok);
    }

    void tamperedPayloadIsDetected()
    {
        const std::string path = freshPath();
        auto box = openBox(path);
        const auto r = box->enqueue(request(), 0);
        {
            Poco::Data::Session s("SQLite", path);
            s << "UPDATE outbox SET payload = substr(payload, 1, 20) || x'00' || substr(payload, 22) WHERE id = ?",
                use(const_cast<std::string &>(r.id)), now;
        }
        const auto c = box->claimNext(0);
        QVERIFY(c);
        QVERIFY(!c->payload); // the caller dead-letters it as corrupted
    }

    void migratesVersion1()
    {
        const std::string path = freshPath();
        {
            Poco::Data::SQLite::Connector::registerConnector();
            Poco::Data::Session s("SQLite", path);
            createVersion1Table(s);
            s << "INSERT INTO outbox (id, platform, kind, state, next_attempt_at, created_at, updated_at, tracking_number)"
                 " VALUES ('old-1', 'hall', 'submission', 'done', 0, 5, 5, 'T-OLD')", now;
            s << "PRAGMA user_version = 1", now;
        }
        auto box = openBox(path);
        QVERIFY(box);
        const auto e = box->entry("old-1");
        QVERIFY(e);
        QCOMPARE(e->trackingNumber, std::string("T-OLD"));
        QCOMPARE(e->itemCode, std::string()); // the new columns got their defaults
        QCOMPARE(e->receiptNumber, receiptNumber("old-1")); // the number its receipt showed, now stored
        QVERIFY(box->byReceiptNumber(receiptNumber("old-1")));
        Poco::Data::Session s("SQLite", path);
        int version = 0;
        s << "PRAGMA user_version", into(version), now;
        QCOMPARE(version, Outbox::schemaVersion);
    }

    void refusesNewerSchema()
    {
        const std::string path = freshPath();
        {
            Poco::Data::Session s("SQLite", path);
            s << "PRAGMA user_version = 99", now;
        }
        std::string error;
        Outbox::Options o;
        o.path = path;
        QVERIFY(!Outbox::open(o, PayloadCipher(testKey()), &error));
        QVERIFY2(error.find("newer version") != std::string::npos, error.c_str());
    }

    void noIdNumberInClearOnDisk()
    {
        const std::string path = freshPath();
        {
            auto box = openBox(path);
            for (int i = 0; i < 20; ++i)
                QVERIFY(box->enqueue(request(), i).ok);
            auto c = box->claimNext(100);
            box->markRetry(c->entry.id, 200, "HTTP 503", 100);
        }
        for (const char *suffix : {"", "-wal", "-shm"}) {
            QFile f(QString::fromStdString(path + suffix));
            if (!f.open(QIODevice::ReadOnly))
                continue;
            const QByteArray bytes = f.readAll();
            QVERIFY2(!bytes.contains(idNumber), suffix);
            QVERIFY2(!bytes.contains(QStringLiteral("张三").toUtf8()), suffix);
        }
    }
};

QTEST_GUILESS_MAIN(TestQueue)
#include "tst_queue.moc"
