// SPDX-License-Identifier: GPL-3.0-or-later
// The platform client and the dispatcher against the reference platform over real TLS on
// 127.0.0.1: signatures, idempotency, every fault kind, every TLS refusal.
#include "services/simulation/devpki.h"
#include "services/platform/dispatcher.h"
#include "services/platform/platformapi.h"
#include "services/platform/platformclient.h"
#include "services/platform/queryapi.h"
#include "services/simulation/referenceplatform.h"
#include "services/platform/requestsigner.h"

#include <Poco/Data/Session.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/StreamCopier.h>

#include <openssl/ssl.h>

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
    ClientTlsOptions tlsTo(const std::string &host) const
    {
        ClientTlsOptions t;
        t.caFile = m_pki->caFile();
        t.host = host;
        return t;
    }
    struct RawReply {
        int status = 0;
        std::string body;
    };
    /**
     * Sends a request signed for @p signedParts but carrying @p sent (method, Host, target,
     * Idempotency-Key, Content-Type as given there): what a tampering middlebox or a confused
     * terminal would send. Bypasses PlatformClient, which always sends what it signed.
     */
    RawReply sendRaw(std::uint16_t port, const RequestParts &signedParts, const RequestParts &sent, const std::string &body,
                     bool sign = true)
    {
        auto ctx = makeClientContext(tlsTo("127.0.0.1"));
        Poco::Net::HTTPSClientSession session("127.0.0.1", port, ctx);
        session.setTimeout(Poco::Timespan(5, 0));
        Poco::Net::HTTPRequest request(sent.method, sent.target, Poco::Net::HTTPMessage::HTTP_1_1);
        request.setHost(sent.host);
        if (!sent.idempotencyKey.empty())
            request.set(header::idempotencyKey, sent.idempotencyKey);
        request.set(header::terminal, sent.terminalId);
        if (sign) {
            const auto sig = signRequest(SignatureAlgorithm::HmacSha256, secret, signedParts, body, wall());
            if (!sig)
                qFatal("cannot sign");
            request.set(header::timestamp, sig->timestamp);
            request.set(header::nonce, sig->nonce);
            request.set(header::contentDigest, sig->contentDigest);
            request.set(header::algorithm, "HMAC-SHA256");
            request.set(header::version, sig->version);
            request.set(header::signature, sig->signature);
        }
        if (!sent.contentType.empty())
            request.setContentType(sent.contentType);
        if (sent.method != "GET")
            request.setContentLength(std::streamsize(body.size()));
        RawReply r;
        try {
            session.sendRequest(request) << body;
            Poco::Net::HTTPResponse response;
            Poco::StreamCopier::copyToString(session.receiveResponse(response), r.body);
            r.status = int(response.getStatus());
        } catch (const Poco::Exception &e) {
            r.body = e.displayText();
        }
        return r;
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
        const std::string nonce = "00112233445566778899aabbccddeeff";
        // V2, POST: every part the signature covers.
        const RequestParts post{"POST", "hall.example.gov.cn", "/api/v1/submissions", "3f2b8c1e-0d4a-4e5f-9a6b-7c8d9e0f1a2b",
                                "application/json; charset=utf-8", "T-0001"};
        QCOMPARE(hostHeader("Hall.Example.gov.cn", 443), post.host);
        auto sha = signRequest(SignatureAlgorithm::HmacSha256, "test-secret", post, body, 1763798400000, nonce);
        QVERIFY(sha);
        QCOMPARE(sha->version, std::string("KIOSK-HMAC-V2"));
        QCOMPARE(sha->contentDigest, std::string("e681599eda76b819e6ea2fd41f25dc67a141ff3b8a166a898bd040a97e966d56"));
        QCOMPARE(sha->signature, std::string("237276976da140f7bdef55af0442ed4f7a0014fce5c159e44bc8e5e0cc6602c0"));
        auto sm3 = signRequest(SignatureAlgorithm::HmacSm3, "test-secret", post, body, 1763798400000, nonce);
        QVERIFY(sm3);
        QCOMPARE(sm3->contentDigest, std::string("addc863a2a42efcd2b54d565696f9cd2a92cef284715291b6ecd19d81862654f"));
        QCOMPARE(sm3->signature, std::string("61d73367b51e554e958fd5969f7691b6a715b992b4c0b32bd039e9aaf15aed81"));
        // V2, GET with a query, no key, no content type, empty body.
        const RequestParts get{"GET", hostHeader("hall.example.gov.cn", 8443), "/api/v1/requests/SQ20261122000001?lang=en", "", "", "T-0001"};
        QCOMPARE(get.host, std::string("hall.example.gov.cn:8443"));
        auto shaGet = signRequest(SignatureAlgorithm::HmacSha256, "test-secret", get, "", 1763798400000, nonce);
        QVERIFY(shaGet);
        QCOMPARE(shaGet->contentDigest, std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(shaGet->signature, std::string("6ca9222e66cc7a02e4bf4fc1f90d505920fcfa5559d173185c8acfa79a87b0d6"));
        auto sm3Get = signRequest(SignatureAlgorithm::HmacSm3, "test-secret", get, "", 1763798400000, nonce);
        QVERIFY(sm3Get);
        QCOMPARE(sm3Get->contentDigest, std::string("1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b"));
        QCOMPARE(sm3Get->signature, std::string("575f6fb3f9bac41ae1cd9449fff0284b28cd799d302b6b63e5b0cf75a74edf3b"));
        // V1 (accepted by a platform only when configured so): the old vectors still hold.
        const std::string v1 = canonicalRequest("POST", "/api/v1/submissions", "1763798400000", nonce,
                                                digestHex(SignatureAlgorithm::HmacSha256, body), "T-0001");
        QCOMPARE(hmacHex(SignatureAlgorithm::HmacSha256, "test-secret", v1),
                 std::string("973618f35e7a06351e5febae0ea2fd43e741dc349531533f570ac4476333b08f"));
        // Fresh nonces per request.
        const RequestParts any{"POST", "h", "/", "k", "", "t"};
        QVERIFY(signRequest(SignatureAlgorithm::HmacSha256, "k", any, "", 1)->nonce
                != signRequest(SignatureAlgorithm::HmacSha256, "k", any, "", 1)->nonce);
        // No key: no signature, and an error instead of an unsigned request.
        std::string error;
        QVERIFY(!signRequest(SignatureAlgorithm::HmacSha256, "", any, "", 1, {}, &error));
        QVERIFY2(error.find("signing key is empty") != std::string::npos, error.c_str());
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
        // Queries and certificates (tst_queryapi checks them against the page itself).
        QCOMPARE(query::queryPath(), QStringLiteral("/api/v1/queries"));
        QCOMPARE(query::certificatePath(), QStringLiteral("/api/v1/certificates"));
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
        QTest::newRow("static RSA only") << "staticrsa" << "offers no cipher suite the terminal accepts";
        QTest::newRow("CBC only") << "cbc" << "offers no cipher suite the terminal accepts";
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
        } else if (k == "staticrsa") {
            cert = m_pki->issue("rsa", {.commonName = "127.0.0.1", .rsa = true}, &error);
            o.tls = ReferencePlatform::Options::Tls::StaticRsaOnly;
        } else if (k == "cbc") {
            cert = m_server;
            o.tls = ReferencePlatform::Options::Tls::CbcOnly;
        } else {
            cert = m_server;
            o.tls = ReferencePlatform::Options::Tls::Tls11Only;
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
    void offeredCiphersAreEcdheAead()
    {
        // What the terminal's ClientHello can offer: every suite forward-secret and AEAD, TLS 1.2+.
        auto ctx = makeClientContext(tlsTo("127.0.0.1"));
        SSL_CTX *ssl = ctx->sslContext();
        QCOMPARE(SSL_CTX_get_min_proto_version(ssl), TLS1_2_VERSION);
        STACK_OF(SSL_CIPHER) *ciphers = SSL_CTX_get_ciphers(ssl);
        QVERIFY(ciphers);
        QVERIFY(sk_SSL_CIPHER_num(ciphers) >= 4);
        bool tls13 = false;
        for (int i = 0; i < sk_SSL_CIPHER_num(ciphers); ++i) {
            const SSL_CIPHER *c = sk_SSL_CIPHER_value(ciphers, i);
            const char *name = SSL_CIPHER_get_name(c);
            const int kx = SSL_CIPHER_get_kx_nid(c);
            QVERIFY2(kx == NID_kx_ecdhe || kx == NID_kx_any, name); // any: TLS 1.3, always (EC)DHE
            QVERIFY2(SSL_CIPHER_is_aead(c) == 1, name);
            QVERIFY2(std::string(name).find("CBC") == std::string::npos, name);
            tls13 = tls13 || kx == NID_kx_any;
        }
        QVERIFY(tls13);
        // And against the reference platform, TLS 1.3 is what is negotiated.
        auto platform = startPlatform();
        PlatformClient client(endpoint(platform->port()));
        QCOMPARE(client.get(api::pingPath()).status, 200);
        QCOMPARE(client.lastConnection().tls.version, std::string("TLSv1.3"));
        QVERIFY(client.lastConnection().connected);
        QVERIFY2(client.lastConnection().tls.peer.subject.find("CN=127.0.0.1") != std::string::npos,
                 client.lastConnection().tls.peer.subject.c_str());
        QVERIFY(!client.lastConnection().tls.peer.notAfter.empty());
    }

    void emptyHostIsAnError()
    {
        // No host to check the certificate against is an error, never "no host check".
        QVERIFY_THROWS_EXCEPTION(Poco::Exception, (void)makeClientContext(tlsTo("")));
    }

    // --- what the signature covers --------------------------------------------------------------
    void tamperedPartsAreRefused_data()
    {
        QTest::addColumn<QString>("tamper");
        QTest::addColumn<int>("expect");
        QTest::newRow("untampered") << "none" << 201;
        QTest::newRow("Idempotency-Key") << "key" << 401;
        QTest::newRow("host") << "host" << 401;
        QTest::newRow("content type") << "contenttype" << 401;
        QTest::newRow("query") << "query" << 401;
        QTest::newRow("method") << "method" << 401;
        QTest::newRow("terminal") << "terminal" << 401;
    }
    void tamperedPartsAreRefused()
    {
        QFETCH(QString, tamper);
        QFETCH(int, expect);
        auto platform = startPlatform();
        const std::string host = hostHeader("127.0.0.1", platform->port());
        const RequestParts signedParts{"POST", host, "/api/v1/submissions", "key-tamper-0001", "application/json; charset=utf-8", "T-TEST-01"};
        RequestParts sent = signedParts;
        const std::string t = tamper.toStdString();
        if (t == "key")
            sent.idempotencyKey = "key-tamper-0002";
        else if (t == "host")
            sent.host = hostHeader("localhost", platform->port());
        else if (t == "contenttype")
            sent.contentType = "text/plain";
        else if (t == "query")
            sent.target += "?copy=2";
        else if (t == "method")
            sent.method = "PUT";
        else if (t == "terminal")
            sent.terminalId = "T-TEST-02";
        const auto r = sendRaw(platform->port(), signedParts, sent, R"({"itemCode":"RS-0001"})");
        QVERIFY2(r.status == expect, (std::to_string(r.status) + " " + r.body).c_str());
        QCOMPARE(platform->effects().size(), std::size_t(expect == 201 ? 1 : 0));
        if (expect == 401)
            QVERIFY2(r.body.find("signature does not match") != std::string::npos, r.body.c_str());
    }

    void getsAreSignedAndVerified()
    {
        auto platform = startPlatform();
        PlatformClient client(endpoint(platform->port()));
        QCOMPARE(client.post("/api/v1/submissions", "key-get-000001", R"({"itemCode":"RS-0001"})").status, 201);
        const std::string path = api::statusPath(platform->effects().at(0).trackingNumber);
        QCOMPARE(client.get(path).status, 200); // the terminal signs its GETs
        const std::string host = hostHeader("127.0.0.1", platform->port());
        const RequestParts get{"GET", host, path, "", "", "T-TEST-01"};
        QCOMPARE(sendRaw(platform->port(), get, get, "").status, 200);
        const int before = platform->rejectedSignatures();
        // Unsigned, or signed for another request: refused, and nothing about the request leaks.
        const auto unsignedGet = sendRaw(platform->port(), get, get, "", false);
        QCOMPARE(unsignedGet.status, 401);
        QVERIFY(unsignedGet.body.find("status") == std::string::npos);
        RequestParts other = get;
        other.target = api::statusPath("SQ00000000000000");
        QCOMPARE(sendRaw(platform->port(), other, get, "").status, 401);
        RequestParts query = get;
        query.target += "?lang=en";
        QCOMPARE(sendRaw(platform->port(), get, query, "").status, 401);
        const RequestParts ping{"GET", host, api::pingPath(), "", "", "T-TEST-01"};
        QCOMPARE(sendRaw(platform->port(), ping, ping, "", false).status, 401);
        QCOMPARE(platform->rejectedSignatures(), before + 4);
    }

    void v1IsAcceptedOnlyWhenConfigured()
    {
        for (const bool accept : {false, true}) {
            ReferencePlatform::Options o;
            o.acceptV1 = accept;
            auto platform = startPlatform(o);
            auto ctx = makeClientContext(tlsTo("127.0.0.1"));
            Poco::Net::HTTPSClientSession session("127.0.0.1", platform->port(), ctx);
            const std::string body = R"({"itemCode":"RS-0001"})";
            const std::string ts = std::to_string(wall());
            const std::string nonce = randomHex(16);
            const std::string digest = digestHex(SignatureAlgorithm::HmacSha256, body);
            Poco::Net::HTTPRequest request("POST", "/api/v1/submissions", Poco::Net::HTTPMessage::HTTP_1_1);
            request.set(header::idempotencyKey, "key-v1-000001");
            request.set(header::terminal, "T-TEST-01");
            request.set(header::timestamp, ts);
            request.set(header::nonce, nonce);
            request.set(header::contentDigest, digest);
            request.set(header::algorithm, "HMAC-SHA256");
            request.set(header::signature,
                        hmacHex(SignatureAlgorithm::HmacSha256, secret,
                                canonicalRequest("POST", "/api/v1/submissions", ts, nonce, digest, "T-TEST-01")));
            request.setContentType("application/json");
            request.setContentLength(std::streamsize(body.size()));
            session.sendRequest(request) << body;
            Poco::Net::HTTPResponse response;
            std::string replyBody;
            Poco::StreamCopier::copyToString(session.receiveResponse(response), replyBody);
            QCOMPARE(int(response.getStatus()), accept ? 201 : 401);
            if (!accept)
                QVERIFY2(replyBody.find("requires KIOSK-HMAC-V2") != std::string::npos, replyBody.c_str());
        }
    }

    void expectedHostIsEnforced()
    {
        ReferencePlatform::Options o;
        o.expectedHost = "hall.example.gov.cn";
        auto platform = startPlatform(o);
        PlatformClient client(endpoint(platform->port())); // signs 127.0.0.1:port: another host
        const auto r = client.post("/api/v1/submissions", "key-host-00001", R"({"itemCode":"RS-0001"})");
        QCOMPARE(r.status, 401);
        QVERIFY2(r.body.find("another host") != std::string::npos, r.body.c_str());
    }

    // --- idempotency scope and retention --------------------------------------------------------
    void idempotencyIsPerTerminal()
    {
        auto platform = startPlatform();
        auto one = endpoint(platform->port());
        auto two = endpoint(platform->port());
        two.terminalId = "T-TEST-02";
        PlatformClient a(one), b(two);
        const std::string body = R"({"itemCode":"RS-0001"})";
        const auto ra = a.post("/api/v1/submissions", "key-shared-0001", body);
        const auto rb = b.post("/api/v1/submissions", "key-shared-0001", body);
        QCOMPARE(ra.status, 201);
        QCOMPARE(rb.status, 201); // not a replay of the other terminal's request
        QVERIFY(ra.body != rb.body);
        QCOMPARE(a.post("/api/v1/submissions", "key-shared-0001", body).status, 200); // a replay for its own terminal
        const auto effects = platform->effects();
        QCOMPARE(effects.size(), std::size_t(2));
        QCOMPARE(effects[0].terminal, std::string("T-TEST-01"));
        QCOMPARE(effects[1].terminal, std::string("T-TEST-02"));
        // Nor does one terminal's different body under the same key clash with the other's.
        QCOMPARE(b.post("/api/v1/submissions", "key-shared-0002", R"({"itemCode":"X"})").status, 201);
        QCOMPARE(a.post("/api/v1/submissions", "key-shared-0002", R"({"itemCode":"Y"})").status, 201);
    }

    void idempotencyRetention()
    {
        ReferencePlatform::Options o;
        o.idempotencyRetentionMs = 300;
        auto platform = startPlatform(o);
        PlatformClient client(endpoint(platform->port()));
        const std::string body = R"({"itemCode":"RS-0001"})";
        QCOMPARE(client.post("/api/v1/submissions", "key-retain-0001", body).status, 201);
        QCOMPARE(client.post("/api/v1/submissions", "key-retain-0001", body).status, 200);
        std::this_thread::sleep_for(std::chrono::milliseconds(400));
        QCOMPARE(client.post("/api/v1/submissions", "key-retain-0001", body).status, 201); // forgotten after the retention
        QCOMPARE(platform->effects().size(), std::size_t(2));
        // The default covers the queue's longest max age (docs/platform-api.md, docs/configuration.md).
        QVERIFY(ReferencePlatform::Options{}.idempotencyRetentionMs >= 720LL * 3600'000);
    }

    // --- the total deadline ---------------------------------------------------------------------
    void tricklingReplyIsCutAtTheDeadline()
    {
        auto platform = startPlatform();
        auto e = endpoint(platform->port());
        e.timeoutMs = 600;
        PlatformClient client(e);
        QCOMPARE(client.get(api::pingPath()).status, 200); // connected and kept alive
        platform->injectFault(Fault::Trickle, 1, 40); // ~150 bytes: 6 s at 40 ms a byte
        QElapsedTimer t;
        t.start();
        const auto r = client.post("/api/v1/submissions", "key-trickle-001", R"({"itemCode":"RS-0001"})");
        const qint64 took = t.elapsed();
        QCOMPARE(r.status, 0);
        QCOMPARE(int(r.error), int(TransportError::Timeout));
        QVERIFY2(r.errorText.find("within 0.6 s") != std::string::npos, r.errorText.c_str());
        QVERIFY2(took >= 550 && took < 1500, qPrintable(QString::number(took)));
        // The next request works again (a fresh connection), and the key de-duplicates.
        const auto again = client.post("/api/v1/submissions", "key-trickle-001", R"({"itemCode":"RS-0001"})");
        QCOMPARE(again.status, 200);
        QCOMPARE(platform->effects().size(), std::size_t(1));
    }

    void queryCallsHaveTheirOwnDeadlineAndLimit()
    {
        // PlatformClient::query: a signed POST without Idempotency-Key (the platform verifies the
        // signature with that line empty), a deadline shorter than the endpoint's, its own reply limit.
        auto platform = startPlatform();
        auto e = endpoint(platform->port());
        e.timeoutMs = 1000;
        PlatformClient client(e);
        const std::string body = R"({"itemCode":"JY-0005","terminal":"T-TEST-01"})";
        const auto ok = client.query(query::queryPath().toStdString(), body, {});
        QCOMPARE(ok.status, 200);
        QCOMPARE(platform->rejectedSignatures(), 0);
        QCOMPARE(platform->effects().size(), std::size_t(0)); // nothing stored
        QVERIFY(ok.body.size() > 300);

        const auto small = client.query(query::queryPath().toStdString(), body, {.timeoutMs = 0, .maxReplyBytes = 256});
        QCOMPARE(small.status, 0);
        QVERIFY2(small.errorText.find("too large") != std::string::npos, small.errorText.c_str());

        platform->injectFault(Fault::Latency, 1, 3000);
        QElapsedTimer t;
        t.start();
        const auto slow = client.query(query::queryPath().toStdString(), body, {.timeoutMs = 400});
        QCOMPARE(int(slow.error), int(TransportError::Timeout));
        QVERIFY2(slow.errorText.find("within 0.4 s") != std::string::npos, slow.errorText.c_str());
        QVERIFY2(t.elapsed() < 1500, qPrintable(QString::number(t.elapsed())));
        // Longer than the endpoint's: the endpoint's holds.
        platform->injectFault(Fault::Latency, 1, 3000);
        t.restart();
        const auto capped = client.query(query::queryPath().toStdString(), body, {.timeoutMs = 60'000});
        QCOMPARE(int(capped.error), int(TransportError::Timeout));
        QVERIFY2(capped.errorText.find("within 1 s") != std::string::npos, capped.errorText.c_str());
        QVERIFY(!capped.cancelled);
    }

    void unsignableRequestIsNotSent()
    {
        auto platform = startPlatform();
        auto e = endpoint(platform->port());
        e.signingKey.clear();
        PlatformClient client(e);
        const auto r = client.post("/api/v1/submissions", "key-nokey-0001", R"({"itemCode":"RS-0001"})");
        QCOMPARE(r.status, 0);
        QVERIFY2(r.errorText.find("could not be signed") != std::string::npos, r.errorText.c_str());
        QCOMPARE(platform->rejectedSignatures(), 0); // nothing unsigned reached the platform
        QCOMPARE(platform->deliveries("key-nokey-0001"), 0);
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
