// SPDX-License-Identifier: GPL-3.0-or-later
// The platform client and the dispatcher against the reference platform over real TLS on
// 127.0.0.1: signatures, idempotency, every fault kind, every TLS refusal.
#include "services/simulation/devpki.h"
#include "services/platform/dispatcher.h"
#include "services/platform/platformapi.h"
#include "services/platform/platformclient.h"
#include "services/simulation/referenceplatform.h"
#include "services/platform/requestsigner.h"

#include <Poco/Data/Session.h>

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <set>
#include <thread>

using namespace kiosk::platform;
using namespace kiosk::simulation;
using namespace kiosk::queue;
using Fault = ReferencePlatform::Fault;
using namespace Poco::Data::Keywords;

namespace {
const std::string secret = "test-secret";

bool waitFor(const std::function<bool()> &condition, int ms = 10'000)
{
    QElapsedTimer t;
    t.start();
    while (!condition()) {
        if (t.elapsed() > ms)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}
} // namespace

class TestPlatform : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::optional<DevPki> m_pki;
    DevPki::Issued m_server;
    std::string dir() const { return m_dir.path().toStdString(); }

    std::unique_ptr<ReferencePlatform> startPlatform(ReferencePlatform::Options o = {})
    {
        if (o.certificateFile.empty()) {
            o.certificateFile = m_server.certificateFile;
            o.keyFile = m_server.keyFile;
        }
        o.signingKey = secret;
        auto p = std::make_unique<ReferencePlatform>(o);
        std::string error;
        if (!p->start(&error))
            qFatal("%s", error.c_str());
        return p;
    }
    PlatformEndpoint endpoint(std::uint16_t port, const std::string &id = "hall")
    {
        PlatformEndpoint e;
        e.id = id;
        e.host = "127.0.0.1";
        e.port = port;
        e.tls.caFile = m_pki->caFile();
        e.signingKey = secret;
        e.terminalId = "T-TEST-01";
        e.timeoutMs = 2000;
        return e;
    }
    Dispatcher::Options dispatcherOptions(const std::vector<PlatformEndpoint> &platforms, const std::string &name)
    {
        Dispatcher::Options o;
        o.outbox.path = m_dir.filePath(QString::fromStdString(name)).toStdString();
        o.key.fill(7);
        o.backoff.baseMs = 20;
        o.backoff.capMs = 200;
        o.platforms = platforms;
        o.breakerThreshold = 3;
        o.breakerOpenMs = 300;
        o.statusIntervalMs = 100;
        return o;
    }
    std::unique_ptr<Outbox> openOutbox(const Dispatcher::Options &o)
    {
        std::string error;
        auto box = Outbox::open(o.outbox, PayloadCipher(o.key), &error);
        if (!box)
            qFatal("%s", error.c_str());
        return box;
    }
    static std::int64_t wall()
    {
        return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    }

private Q_SLOTS:
    void initTestCase()
    {
        std::string error;
        m_pki = DevPki::open(dir(), "test", &error);
        QVERIFY2(m_pki, error.c_str());
        auto server = m_pki->issue("server", {.commonName = "127.0.0.1"}, &error);
        QVERIFY2(server, error.c_str());
        m_server = *server;
    }

    // --- signatures ---------------------------------------------------------------------------
    void signatureVectors()
    {
        // Expected values computed independently with `openssl dgst` (see docs/platform-api.md).
        QCOMPARE(digestHex(SignatureAlgorithm::HmacSm3, "abc"),
                 std::string("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")); // GB/T 32905 example
        const std::string body = R"({"item":"RS-0001"})";
        QCOMPARE(digestHex(SignatureAlgorithm::HmacSha256, body),
                 std::string("e681599eda76b819e6ea2fd41f25dc67a141ff3b8a166a898bd040a97e966d56"));
        auto sha = signRequest(SignatureAlgorithm::HmacSha256, "test-secret", "T-0001", "POST", "/api/v1/submissions", body,
                               1763798400000, "00112233445566778899aabbccddeeff");
        QCOMPARE(sha.signature, std::string("973618f35e7a06351e5febae0ea2fd43e741dc349531533f570ac4476333b08f"));
        auto sm3 = signRequest(SignatureAlgorithm::HmacSm3, "test-secret", "T-0001", "POST", "/api/v1/submissions", body,
                               1763798400000, "00112233445566778899aabbccddeeff");
        QCOMPARE(sm3.contentDigest, std::string("addc863a2a42efcd2b54d565696f9cd2a92cef284715291b6ecd19d81862654f"));
        QCOMPARE(sm3.signature, std::string("fea220ef3c4caf0b2e5dc7f4d0125d4e283497ba2002c7bdb0bd0e7ebcf41c3c"));
        // Fresh nonces per request.
        QVERIFY(signRequest(SignatureAlgorithm::HmacSha256, "k", "t", "POST", "/", "", 1).nonce
                != signRequest(SignatureAlgorithm::HmacSha256, "k", "t", "POST", "/", "", 1).nonce);
        QVERIFY(equalHex("abcd", "abcd"));
        QVERIFY(!equalHex("abcd", "abce"));
        QVERIFY(!equalHex("", ""));
    }

    // --- the contract's paths -------------------------------------------------------------------
    void contractPaths()
    {
        // Spelled out as docs/platform-api.md has them: both the dispatcher and the reference
        // platform take their paths from platformapi, so only this pins them to the document.
        QCOMPARE(api::pathFor(api::kSubmission), std::string("/api/v1/submissions"));
        QCOMPARE(api::pathFor(api::kSuggestion), std::string("/api/v1/suggestions"));
        QCOMPARE(api::pathFor(api::kEvaluation), std::string("/api/v1/evaluations"));
        QCOMPARE(api::pathFor("something-else"), std::string("/api/v1/submissions"));
        QCOMPARE(api::statusPath("SQ20261122000001"), std::string("/api/v1/requests/SQ20261122000001"));
    }

    void everyKindReachesItsEndpoint()
    {
        auto platform = startPlatform();
        auto o = dispatcherOptions({endpoint(platform->port())}, "kinds.sqlite");
        auto box = openOutbox(o);
        QVERIFY(box->enqueue({"hall", api::kSubmission, "RS-0001", "", R"({"itemCode":"RS-0001"})"}, wall()).ok);
        QVERIFY(box->enqueue({"hall", api::kSuggestion, "", "", R"({"description":"路灯不亮"})"}, wall() + 1).ok);
        QVERIFY(box->enqueue({"hall", api::kEvaluation, "RS-0001", "", R"({"rating":5})"}, wall() + 2).ok);
        Dispatcher d(o);
        std::string error;
        QVERIFY2(d.start(&error), error.c_str());
        QVERIFY(waitFor([&] { return platform->effects().size() == 3; }, 5000));
        d.stop();
        QCOMPARE(box->counts().done, 3);
        std::multiset<std::string> kinds;
        for (const auto &e : platform->effects()) {
            kinds.insert(e.kind);
            // The tracking number's prefix is the platform's: which endpoint took it.
            const std::string prefix = e.kind == api::kSuggestion ? "RX" : e.kind == api::kEvaluation ? "PJ" : "SQ";
            QVERIFY2(e.trackingNumber.starts_with(prefix), e.trackingNumber.c_str());
        }
        QCOMPARE(kinds, (std::multiset<std::string>{api::kSubmission, api::kSuggestion, api::kEvaluation}));
    }

    // --- the client against the platform --------------------------------------------------------
    void submitAndIdempotency()
    {
        auto platform = startPlatform();
        PlatformClient client(endpoint(platform->port()));
        const std::string body = R"({"itemCode":"RS-0001","fields":{}})";
        const PlatformReply first = client.post("/api/v1/submissions", "key-00000001", body);
        QCOMPARE(first.status, 201);
        QVERIFY(first.body.find("\"trackingNumber\":\"SQ") != std::string::npos);
        const PlatformReply again = client.post("/api/v1/submissions", "key-00000001", body);
        QCOMPARE(again.status, 200); // replayed
        QCOMPARE(again.body, first.body); // same tracking number
        QCOMPARE(platform->effects().size(), std::size_t(1));
        QCOMPARE(platform->deliveries("key-00000001"), 2);
        const PlatformReply reused = client.post("/api/v1/submissions", "key-00000001", R"({"itemCode":"RS-0002"})");
        QCOMPARE(reused.status, 422);
        const PlatformReply missing = client.post("/api/v1/submissions", "key-00000002", R"({"fields":{}})");
        QCOMPARE(missing.status, 422);
        QVERIFY(missing.body.find("itemCode") != std::string::npos);
    }

    void sm3SignedPlatform()
    {
        ReferencePlatform::Options o;
        o.algorithm = SignatureAlgorithm::HmacSm3;
        auto platform = startPlatform(o);
        auto e = endpoint(platform->port());
        PlatformClient sha(e);
        QCOMPARE(sha.post("/api/v1/submissions", "key-sm3-0001", R"({"itemCode":"X"})").status, 401);
        e.algorithm = SignatureAlgorithm::HmacSm3;
        PlatformClient sm3(e);
        QCOMPARE(sm3.post("/api/v1/submissions", "key-sm3-0001", R"({"itemCode":"X"})").status, 201);
    }

    void wrongKeyIsRefused()
    {
        auto platform = startPlatform();
        auto e = endpoint(platform->port());
        e.signingKey = "not-the-secret";
        PlatformClient client(e);
        const auto r = client.post("/api/v1/submissions", "key-00000003", R"({"itemCode":"RS-0001"})");
        QCOMPARE(r.status, 401);
        QVERIFY(r.body.find("signature does not match") != std::string::npos);
        QCOMPARE(platform->rejectedSignatures(), 1);
        QVERIFY(platform->effects().empty());
    }

    void statusEndpoint()
    {
        auto platform = startPlatform();
        PlatformClient client(endpoint(platform->port()));
        const auto r = client.post("/api/v1/submissions", "key-00000004", R"({"itemCode":"RS-0001"})");
        const std::string tracking = platform->effects().at(0).trackingNumber;
        QVERIFY(platform->setStatus(tracking, "in_progress", "社区已受理"));
        const auto s = client.get(api::statusPath(tracking));
        QCOMPARE(s.status, 200);
        QVERIFY(s.body.find("in_progress") != std::string::npos);
        QCOMPARE(client.get(api::statusPath("NOPE")).status, 404);
        QCOMPARE(r.status, 201);
    }

    // --- TLS ------------------------------------------------------------------------------------
    void tlsRefusals_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("expect");
        QTest::newRow("expired") << "expired" << "has expired";
        QTest::newRow("wrong host") << "wronghost" << "another host";
        QTest::newRow("self-signed") << "selfsigned" << "self-signed";
        QTest::newRow("unknown CA") << "unknownca" << "unknown authority";
        QTest::newRow("TLS 1.0/1.1 only") << "legacy" << "outdated TLS version";
    }
    void tlsRefusals()
    {
        QFETCH(QString, kind);
        QFETCH(QString, expect);
        std::string error;
        ReferencePlatform::Options o;
        std::optional<DevPki::Issued> cert;
        const std::string k = kind.toStdString();
        if (k == "expired") {
            cert = m_pki->issue("expired", {.commonName = "127.0.0.1", .notBeforeOffsetSeconds = -7200, .notAfterOffsetSeconds = -3600}, &error);
        } else if (k == "wronghost") {
            cert = m_pki->issue("wronghost", {.commonName = "platform.example", .subjectAltNames = {"DNS:platform.example", "IP:127.0.0.2"}}, &error);
        } else if (k == "selfsigned") {
            cert = DevPki::selfSigned(dir(), "selfsigned", {.commonName = "127.0.0.1"}, &error);
        } else if (k == "unknownca") {
            auto other = DevPki::open(dir() + "/other", "other", &error);
            QVERIFY(other);
            cert = other->issue("foreign", {.commonName = "127.0.0.1"}, &error);
        } else {
            cert = m_server;
            o.legacyTlsOnly = true;
        }
        QVERIFY2(cert, error.c_str());
        o.certificateFile = cert->certificateFile;
        o.keyFile = cert->keyFile;
        auto platform = startPlatform(o);
        PlatformClient client(endpoint(platform->port()));
        const auto r = client.post("/api/v1/submissions", "key-tls-000001", R"({"itemCode":"RS-0001"})");
        QCOMPARE(r.status, 0);
        QCOMPARE(int(r.error), int(TransportError::Tls));
        QVERIFY2(r.errorText.find(expect.toStdString()) != std::string::npos, r.errorText.c_str());
        QVERIFY(platform->effects().empty()); // refused before a byte of the request went out
    }
    void validCertificateAccepted()
    {
        auto platform = startPlatform();
        PlatformClient client(endpoint(platform->port()));
        QCOMPARE(client.post("/api/v1/submissions", "key-tls-000002", R"({"itemCode":"RS-0001"})").status, 201);
    }
    void mutualTls()
    {
        std::string error;
        ReferencePlatform::Options o;
        o.clientCaFile = m_pki->caFile();
        auto platform = startPlatform(o);
        PlatformClient anonymous(endpoint(platform->port()));
        const auto refused = anonymous.post("/api/v1/submissions", "key-mtls-00001", R"({"itemCode":"RS-0001"})");
        QCOMPARE(refused.status, 0);
        auto clientCert = m_pki->issue("terminal", {.commonName = "T-TEST-01", .subjectAltNames = {}, .clientAuth = true}, &error);
        QVERIFY2(clientCert, error.c_str());
        auto e = endpoint(platform->port());
        e.tls.clientCertificateFile = clientCert->certificateFile;
        e.tls.clientKeyFile = clientCert->keyFile;
        PlatformClient terminal(e);
        const auto accepted = terminal.post("/api/v1/submissions", "key-mtls-00002", R"({"itemCode":"RS-0001"})");
        QVERIFY2(accepted.status == 201, accepted.errorText.c_str());
    }

    // --- the dispatcher -------------------------------------------------------------------------
    void dispatcherDeliversEveryFaultKindOnce()
    {
        auto platform = startPlatform();
        auto o = dispatcherOptions({endpoint(platform->port())}, "faults.sqlite");
        o.platforms[0].timeoutMs = 400;
        auto box = openOutbox(o);
        platform->injectFault(Fault::Latency, 1, 50);
        platform->injectFault(Fault::ServerError, 2);
        platform->injectFault(Fault::TooManyRequests, 1, 1);
        platform->injectFault(Fault::DropConnection, 1);
        platform->injectFault(Fault::Hang, 1, 700);
        platform->injectFault(Fault::Malformed, 1);
        std::vector<std::string> ids;
        for (int i = 0; i < 6; ++i) {
            const auto r = box->enqueue({"hall", api::kSubmission, "RS-0001", "", R"({"itemCode":"RS-0001","n":)" + std::to_string(i) + "}"}, wall());
            QVERIFY(r.ok);
            ids.push_back(r.id);
        }
        std::atomic<int> delivered = 0;
        Dispatcher::Callbacks cb;
        cb.delivered = [&](const std::string &, const std::string &) { ++delivered; };
        Dispatcher d(o, cb);
        std::string error;
        QVERIFY2(d.start(&error), error.c_str());
        QVERIFY2(waitFor([&] { return delivered.load() == 6; }, 20'000), qPrintable(QString::number(delivered.load())));
        d.stop();
        QCOMPARE(box->counts().done, 6);
        QCOMPARE(platform->effects().size(), std::size_t(6)); // exactly once each
        int totalDeliveries = 0;
        for (const auto &id : ids) {
            QVERIFY(platform->deliveries(id) >= 1);
            totalDeliveries += platform->deliveries(id);
            QVERIFY(!box->entry(id)->trackingNumber.empty());
        }
        QString per;
        for (const auto &id : ids)
            per += QString::number(platform->deliveries(id)) + QLatin1Char(' ');
        QVERIFY2(totalDeliveries >= 8, qPrintable(per)); // dropped, malformed (and possibly hung) requests arrived twice
    }

    void retryAfterIsHonoured()
    {
        auto platform = startPlatform();
        auto o = dispatcherOptions({endpoint(platform->port())}, "retryafter.sqlite");
        auto box = openOutbox(o);
        platform->injectFault(Fault::TooManyRequests, 1, 30);
        const auto r = box->enqueue({"hall", api::kSubmission, "RS-0001", "", R"({"itemCode":"RS-0001"})"}, wall());
        Dispatcher d(o);
        std::string error;
        QVERIFY(d.start(&error));
        QVERIFY(waitFor([&] { return box->entry(r.id)->attempts == 1 && box->entry(r.id)->state == "pending"; }));
        d.stop();
        const auto e = box->entry(r.id);
        // Not before the platform said (the row is written a moment after the reply arrived).
        QVERIFY2(e->nextAttemptAt - e->updatedAt >= 29'000, qPrintable(QString::number(e->nextAttemptAt - e->updatedAt)));
        QVERIFY(e->lastError.find("429") != std::string::npos);
    }

    void clientErrorsAreDeadLettered()
    {
        auto platform = startPlatform();
        auto o = dispatcherOptions({endpoint(platform->port())}, "dead.sqlite");
        auto box = openOutbox(o);
        const auto r = box->enqueue({"hall", api::kSubmission, "RS-0001", "", R"({"no item": true})"}, wall());
        const auto other = box->enqueue({"nowhere", api::kSubmission, "RS-0001", "", R"({"itemCode":"X"})"}, wall());
        std::atomic<int> dead = 0;
        Dispatcher::Callbacks cb;
        cb.dead = [&](const std::string &, const std::string &) { ++dead; };
        Dispatcher d(o, cb);
        std::string error;
        QVERIFY(d.start(&error));
        QVERIFY(waitFor([&] { return dead.load() == 2; }));
        d.stop();
        QCOMPARE(box->entry(r.id)->state, std::string("dead"));
        QVERIFY2(box->entry(r.id)->lastError.find("missing field: itemCode") != std::string::npos, box->entry(r.id)->lastError.c_str());
        QVERIFY(box->entry(other.id)->lastError.find("no platform \"nowhere\"") != std::string::npos);
    }

    void oneDeadPlatformDoesNotHoldUpAnother()
    {
        auto alive = startPlatform();
        auto deadPlatform = startPlatform();
        const std::uint16_t deadPort = deadPlatform->port();
        deadPlatform->stop(); // nothing listens there any more: connection refused
        auto o = dispatcherOptions({endpoint(deadPort, "hotline12345"), endpoint(alive->port(), "hall")}, "breaker.sqlite");
        auto box = openOutbox(o);
        for (int i = 0; i < 10; ++i)
            QVERIFY(box->enqueue({"hotline12345", api::kSuggestion, "", "", R"({"description":"路灯不亮"})"}, wall()).ok);
        for (int i = 0; i < 10; ++i)
            QVERIFY(box->enqueue({"hall", api::kSubmission, "RS-0001", "", R"({"itemCode":"RS-0001"})"}, wall() + 1).ok);
        Dispatcher d(o);
        std::string error;
        QVERIFY(d.start(&error));
        QVERIFY(waitFor([&] { return alive->effects().size() == 10; }, 5000));
        d.stop();
        const auto counts = box->counts();
        QCOMPARE(counts.done, 10);
        QCOMPARE(counts.pending, 10); // kept, not lost, waiting for the hotline platform
        int tried = 0;
        for (const auto &e : box->list("pending")) {
            if (e.attempts == 0)
                continue; // the breaker opened before its turn: not even tried, so not hammered
            ++tried;
            QVERIFY2(e.lastError.find("not reachable") != std::string::npos, e.lastError.c_str());
        }
        QVERIFY(tried >= 3); // the breaker's threshold
        QVERIFY(tried < 10);
    }

    void statusChangesAreFetched()
    {
        auto platform = startPlatform();
        auto o = dispatcherOptions({endpoint(platform->port())}, "status.sqlite");
        auto box = openOutbox(o);
        const auto r = box->enqueue({"hall", api::kSubmission, "RS-0001", "subject", R"({"itemCode":"RS-0001"})"}, wall());
        std::mutex m;
        std::vector<std::string> seen;
        Dispatcher::Callbacks cb;
        cb.statusChanged = [&](const std::string &, const std::string &status, const std::string &msg) {
            std::lock_guard lock(m);
            seen.push_back(status + ":" + msg);
        };
        Dispatcher d(o, cb);
        std::string error;
        QVERIFY(d.start(&error));
        QVERIFY(waitFor([&] { return box->entry(r.id)->state == "done"; }));
        QVERIFY(platform->setStatus(box->entry(r.id)->trackingNumber, "done", "已办结，请到窗口领取"));
        QVERIFY(waitFor([&] { return box->entry(r.id)->platformStatus == "done"; }));
        d.stop();
        QCOMPARE(box->entry(r.id)->platformMessage, std::string("已办结，请到窗口领取"));
        std::lock_guard lock(m);
        QVERIFY(!seen.empty());
        QCOMPARE(seen.back(), std::string("done:已办结，请到窗口领取"));
    }

    void misconfiguredPlatformWaitsAndSaysWhy()
    {
        auto e = endpoint(1, "hall");
        e.tls.caFile = m_dir.filePath(QStringLiteral("no-such-ca.pem")).toStdString();
        auto o = dispatcherOptions({e}, "misconfigured.sqlite");
        auto box = openOutbox(o);
        const auto r = box->enqueue({"hall", api::kSubmission, "RS-0001", "", R"({"itemCode":"RS-0001"})"}, wall());
        Dispatcher d(o);
        std::string error;
        QVERIFY(d.start(&error)); // a broken CA file does not stop the terminal
        QVERIFY(waitFor([&] { return box->entry(r.id)->attempts == 1; }));
        d.stop();
        const auto entry = box->entry(r.id);
        QCOMPARE(entry->state, std::string("pending")); // kept until provisioning fixes it
        QVERIFY2(entry->lastError.find("misconfigured") != std::string::npos, entry->lastError.c_str());
    }

    void clockRefusalIsRetriedHeldAndAlerted()
    {
        // The platform's clock is an hour from the terminal's (an RTC reset after a power cut):
        // it answers 401 "request timestamp is outside the accepted window".
        auto platform = startPlatform();
        platform->setClockOffset(3600'000);
        auto o = dispatcherOptions({endpoint(platform->port())}, "skew.sqlite");
        auto box = openOutbox(o);
        const auto r = box->enqueue({"hall", api::kSubmission, "RS-0001", "", R"({"itemCode":"RS-0001"})"}, wall());
        std::mutex mutex;
        std::vector<std::vector<HeldPlatform>> heldSeen;
        std::atomic<int> delivered = 0, dead = 0;
        Dispatcher::Callbacks cb;
        cb.delivered = [&](const std::string &, const std::string &) { ++delivered; };
        cb.dead = [&](const std::string &, const std::string &) { ++dead; };
        cb.heldChanged = [&](const std::vector<HeldPlatform> &h) {
            std::lock_guard lock(mutex);
            heldSeen.push_back(h);
        };
        Dispatcher d(o, cb);
        std::string error;
        QVERIFY(d.start(&error));
        QVERIFY(waitFor([&] { return box->entry(r.id)->attempts >= 2; })); // retried with the backoff, not dead
        QCOMPARE(dead.load(), 0);
        {
            const auto e = box->entry(r.id);
            QVERIFY(e->state == "pending" || e->state == "sending");
            QCOMPARE(e->held, std::string("clock"));
            QVERIFY2(e->lastError.find("401") != std::string::npos, e->lastError.c_str());
        }
        QVERIFY(waitFor([&] {
            std::lock_guard lock(mutex);
            return !heldSeen.empty() && !heldSeen.back().empty();
        }));
        {
            std::lock_guard lock(mutex);
            QCOMPARE(heldSeen.back().front().platform, std::string("hall"));
            QCOMPARE(heldSeen.back().front().why, std::string("clock"));
        }
        platform->setClockOffset(0); // the time is set right: the backlog goes out, the alert clears
        QVERIFY(waitFor([&] { return delivered.load() == 1; }));
        QVERIFY(waitFor([&] {
            std::lock_guard lock(mutex);
            return heldSeen.back().empty();
        }));
        d.stop();
        QCOMPARE(box->entry(r.id)->state, std::string("done"));
        QVERIFY(box->entry(r.id)->held.empty());
        QCOMPARE(platform->effects().size(), std::size_t(1));
    }

    void wallClockJumpsExpireNothing()
    {
        // Nothing listens on port 1: every attempt fails, the request waits. The wall clock reads
        // a year ahead (a spoofed NTP step); the monotonic clock is the test's.
        auto o = dispatcherOptions({endpoint(1)}, "clockjump.sqlite");
        o.backoff.maxAgeMs = 5000;
        o.backoff.minAttempts = 1;
        o.housekeepingIntervalMs = 10;
        const auto start = std::chrono::steady_clock::now();
        std::atomic<std::int64_t> monoJump = 0;
        std::atomic<bool> synced = false;
        o.clock = [] { return wall() + 365LL * 24 * 3600'000; };
        o.monotonicClock = [&] {
            return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count() + 1 + monoJump.load();
        };
        o.clockSynchronised = [&] { return synced.load(); };
        auto box = openOutbox(o);
        const auto r = box->enqueue({"hall", api::kSubmission, "RS-0001", "", R"({"itemCode":"RS-0001"})"}, wall());
        Dispatcher d(o);
        std::string error;
        QVERIFY(d.start(&error));
        QVERIFY(waitFor([&] { return box->entry(r.id)->attempts >= 2; }));
        synced = true;
        QTest::qWait(300); // many housekeeping rounds with a clock "a year" past created_at
        QCOMPARE(box->entry(r.id)->state == "dead", false);
        // Running time past the age, but the clock not synchronised: still kept.
        synced = false;
        monoJump = 6000;
        QTest::qWait(300);
        QVERIFY(box->entry(r.id)->ageMs >= 5000);
        QCOMPARE(box->entry(r.id)->state == "dead", false);
        // Synchronised again: now it has waited long enough, by running time.
        synced = true;
        QVERIFY(waitFor([&] { return box->entry(r.id)->state == "dead"; }));
        d.stop();
        QVERIFY(box->entry(r.id)->lastError.find("not delivered") != std::string::npos);
    }

    void unrecordedResultsAreNotReportedNorLeftSending()
    {
        // A batch holds a request for "hall" (delivered) and some for "bad", a platform this
        // terminal cannot use (retried, with a long reason). The store is at its cap, so the
        // batch's results cannot be written.
        auto platform = startPlatform();
        auto o = dispatcherOptions({endpoint(platform->port())}, "recordfull.sqlite");
        o.outbox.capBytes = 512 * 1024;
        o.misconfigured["bad"] = "platform \"bad\" is misconfigured on this terminal: " + std::string(3000, 'm');
        auto box = openOutbox(o);
        const auto r = box->enqueue({"hall", api::kSubmission, "RS-0001", "", R"({"itemCode":"RS-0001"})"}, wall());
        std::vector<std::string> others;
        for (int i = 0; i < 8; ++i)
            others.push_back(box->enqueue({"bad", api::kSubmission, "RS-0001", "", R"({"itemCode":"RS-0001"})"}, wall()).id);
        {
            Poco::Data::Session s("SQLite", o.outbox.path);
            Poco::Int64 pages = 0;
            s << "PRAGMA busy_timeout = 5000", now;
            s << "PRAGMA max_page_count = " + std::to_string(Outbox::maxPages(o.outbox.capBytes, 4096)), into(pages), now;
            s << "CREATE TABLE filler (b BLOB)", now;
            try {
                for (;;) {
                    std::string b(3000, 'f');
                    s << "INSERT INTO filler VALUES (?)", use(b), now;
                }
            } catch (const Poco::Exception &) { // the cap
            }
        }
        std::atomic<int> delivered = 0;
        Dispatcher::Callbacks cb;
        cb.delivered = [&](const std::string &, const std::string &) { ++delivered; };
        Dispatcher d(o, cb);
        std::string error;
        QVERIFY(d.start(&error));
        // Sent, not recorded, put back and sent again — without a restart (the old code left the
        // batch in sending until one).
        QVERIFY(waitFor([&] { return platform->deliveries(r.id) >= 2; }));
        QCOMPARE(delivered.load(), 0); // never reported while it is not on disk
        QVERIFY(box->entry(r.id)->state != "done");
        // Room again (staff discarded something, a purge ran): recorded, reported once.
        {
            Poco::Data::Session s("SQLite", o.outbox.path);
            s << "PRAGMA busy_timeout = 5000", now;
            s << "DROP TABLE filler", now;
        }
        QVERIFY(waitFor([&] { return delivered.load() == 1 && box->entry(r.id)->state == "done"; }));
        QVERIFY(waitFor([&] { return box->entry(others.front())->lastError.find("misconfigured") != std::string::npos; }));
        d.stop();
        QCOMPARE(box->counts().sending, 0);
        QCOMPARE(delivered.load(), 1);
        QCOMPARE(platform->effects().size(), std::size_t(1)); // the resends were de-duplicated
    }

    void restartResendsInterruptedRequest()
    {
        auto platform = startPlatform();
        auto o = dispatcherOptions({endpoint(platform->port())}, "restart.sqlite");
        auto box = openOutbox(o);
        const auto r = box->enqueue({"hall", api::kSubmission, "RS-0001", "", R"({"itemCode":"RS-0001"})"}, wall());
        QVERIFY(box->claimNext(wall())); // a previous process marked it sending, then died
        Dispatcher d(o);
        std::string error;
        QVERIFY(d.start(&error));
        QVERIFY(waitFor([&] { return box->entry(r.id)->state == "done"; }));
        d.stop();
        QCOMPARE(platform->effects().size(), std::size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestPlatform)
#include "tst_platform.moc"
