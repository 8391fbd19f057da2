// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/simulation/referenceplatform.h"
#include "services/platform/platformapi.h"
#include "services/platform/queryapi.h"
#include "services/simulation/referencerecords.h"

#include <QDateTime>
#include "services/platform/tls.h"

#include <atomic>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/ThreadPool.h>
#include <Poco/StreamCopier.h>

#include <openssl/ssl.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

namespace kiosk::simulation {

using namespace kiosk::platform;

using Poco::Net::HTTPResponse;

namespace {
// Requests signed further than this from the platform's clock are refused (replay window).
constexpr std::int64_t maxSkewMs = 5 * 60'000;
// A request body larger than this is not a resident's application.
constexpr std::size_t maxBody = 1 << 20;

std::int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}
} // namespace

struct ReferencePlatform::State {
    Options options;
    std::atomic<std::int64_t> clockOffsetMs{0};
    mutable std::mutex mutex;
    std::deque<std::pair<Fault, int>> faults;
    struct Stored {
        std::string digest;
        std::string reply;
        std::string trackingNumber;
        std::int64_t at = 0; ///< when the effect happened: kept for idempotencyRetentionMs
    };
    /** By terminal and Idempotency-Key: two terminals' keys never collide. */
    std::map<std::pair<std::string, std::string>, Stored> byKey;
    std::int64_t lastSweep = 0;
    std::map<std::string, int> deliveries;
    std::vector<Effect> effects;
    struct Status {
        std::string status = "accepted";
        std::string message;
    };
    std::map<std::string, Status> statuses;
    std::map<std::pair<std::string, std::string>, std::int64_t> nonces; ///< (terminal, nonce) → when seen
    std::atomic<bool> stopping = false;
    std::atomic<int> active = 0; ///< requests in a handler: stop() waits for them
    int rejected = 0;
    int sequence = 0;
    int queries = 0; ///< queries and certificates answered (or refused after the signature)
    int anonymousQueries = 0; ///< of those, the ones that carried no ID number
    /** The server's own threads (not Poco's default pool, whose threads live until exit, after Qt and
     *  OpenSSL are torn down: they drew certificates with Qt's fonts). Ended by stop(). */
    std::unique_ptr<Poco::ThreadPool> pool;
    std::unique_ptr<Poco::Net::HTTPServer> server; ///< after pool: destroyed first
    std::uint16_t port = 0;

    /** Sleeps @p ms, or less when the platform stops: a slow reply never outlives stop(). */
    void nap(int ms) const
    {
        const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
        while (!stopping && std::chrono::steady_clock::now() < until)
            std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(std::chrono::milliseconds(10),
                                                                                      until - std::chrono::steady_clock::now()));
    }

    std::optional<std::pair<Fault, int>> takeFault()
    {
        std::lock_guard lock(mutex);
        if (faults.empty())
            return std::nullopt;
        auto f = faults.front();
        faults.pop_front();
        return f;
    }
};

namespace {

void reply(Poco::Net::HTTPServerResponse &response, HTTPResponse::HTTPStatus status, const std::string &body)
{
    response.setStatus(status);
    response.setContentType("application/json; charset=utf-8");
    response.setContentLength(std::streamsize(body.size()));
    response.send() << body;
}

std::string errorBody(const std::string &message)
{
    Poco::JSON::Object o;
    o.set("error", message);
    std::ostringstream s;
    o.stringify(s);
    return s.str();
}

/** Writes a whole HTTP reply, status line included, one byte every @p gapMs: a platform that trickles. */
void trickle(Poco::Net::HTTPServerRequest &request, const std::string &body, int gapMs, const std::atomic<bool> &stopping)
{
    const std::string raw = "HTTP/1.1 201 Created\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: "
        + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    auto &impl = static_cast<Poco::Net::HTTPServerRequestImpl &>(request);
    try {
        for (char c : raw) {
            if (stopping)
                break;
            impl.socket().sendBytes(&c, 1);
            std::this_thread::sleep_for(std::chrono::milliseconds(gapMs));
        }
        impl.socket().shutdown();
    } catch (const Poco::Exception &) {
        // The terminal gave up on us: what this fault is for.
    }
    impl.socket().close();
}

void closeWithoutReply(Poco::Net::HTTPServerRequest &request)
{
    auto &impl = static_cast<Poco::Net::HTTPServerRequestImpl &>(request);
    impl.socket().shutdown();
    impl.socket().close();
}

class Handler : public Poco::Net::HTTPRequestHandler
{
public:
    explicit Handler(std::shared_ptr<ReferencePlatform::State> state)
        : m_state(std::move(state))
    {
    }

    void handleRequest(Poco::Net::HTTPServerRequest &request, Poco::Net::HTTPServerResponse &response) override
    {
        ++m_state->active;
        struct Done {
            std::atomic<int> &active;
            ~Done() { --active; }
        } done{m_state->active};
        std::string body;
        Poco::StreamCopier::copyToString(request.stream(), body, 8192);
        if (body.size() > maxBody)
            return reply(response, HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE, errorBody("request too large"));
        const std::string &path = request.getURI();
        if (path.rfind("/_control/", 0) == 0)
            return control(request, response, body);

        if (m_state->options.latencyMs > 0)
            m_state->nap(m_state->options.latencyMs);
        const auto fault = m_state->takeFault();
        if (fault) {
            switch (fault->first) {
            case ReferencePlatform::Fault::Latency:
                m_state->nap(fault->second);
                break;
            case ReferencePlatform::Fault::ServerError:
                return reply(response, HTTPResponse::HTTP_SERVICE_UNAVAILABLE, errorBody("platform temporarily unavailable"));
            case ReferencePlatform::Fault::TooManyRequests:
                response.set("Retry-After", std::to_string(fault->second));
                return reply(response, HTTPResponse::HTTP_TOO_MANY_REQUESTS, errorBody("too many requests"));
            case ReferencePlatform::Fault::Hang:
                m_state->nap(fault->second);
                return closeWithoutReply(request);
            case ReferencePlatform::Fault::DropConnection:
            case ReferencePlatform::Fault::Malformed:
            case ReferencePlatform::Fault::Trickle:
                break; // after the effect is recorded
            }
        }

        // Every request is verified before anything else about it is looked at: GETs too.
        if (std::string why; !verify(request, body, &why)) {
            std::lock_guard lock(m_state->mutex);
            ++m_state->rejected;
            return reply(response, HTTPResponse::HTTP_UNAUTHORIZED, errorBody(why));
        }
        const std::string terminal = request.get(header::terminal, "");

        // Routed by the terminal's own table of the contract (platformapi), so the two cannot drift.
        const std::string target = path.substr(0, path.find('?'));
        const std::string statusPrefix = api::statusPath({});
        if (request.getMethod() == "GET" && target.starts_with(statusPrefix))
            return status(response, target.substr(statusPrefix.size()));
        if (request.getMethod() == "GET" && target == api::pingPath()) {
            Poco::JSON::Object o;
            o.set("status", std::string("ok"));
            o.set("terminal", terminal);
            o.set("serverTime", Poco::Int64(nowMs()));
            std::ostringstream s;
            o.stringify(s);
            return reply(response, HTTPResponse::HTTP_OK, s.str());
        }

        // Queries and certificates: answered at once, nothing stored, no Idempotency-Key looked at.
        const bool isQuery = target == platform::query::queryPath().toStdString();
        if ((isQuery || target == platform::query::certificatePath().toStdString()) && request.getMethod() == "POST") {
            const QDateTime now = QDateTime::fromMSecsSinceEpoch(nowMs() + m_state->clockOffsetMs.load(), Qt::UTC);
            const QByteArray in = QByteArray::fromStdString(body);
            const records::Reply answer = isQuery ? records::answerQuery(in, now) : records::answerCertificate(in, now);
            const auto asked = platform::query::parseRequest(in);
            {
                std::lock_guard lock(m_state->mutex);
                ++m_state->queries;
                m_state->anonymousQueries += asked && asked->idNumber.isEmpty();
            }
            if (fault && fault->first == ReferencePlatform::Fault::DropConnection)
                return closeWithoutReply(request);
            if (fault && fault->first == ReferencePlatform::Fault::Trickle)
                return trickle(request, answer.body.toStdString(), std::max(1, fault->second), m_state->stopping);
            if (fault && fault->first == ReferencePlatform::Fault::Malformed)
                return reply(response, HTTPResponse::HTTP_OK, "{\"outcome\": <html>oops");
            return reply(response, HTTPResponse::HTTPStatus(answer.status), answer.body.toStdString());
        }

        std::string kind;
        for (const char *k : api::kKinds) {
            if (target == api::pathFor(k))
                kind = k;
        }
        if (kind.empty() || request.getMethod() != "POST")
            return reply(response, HTTPResponse::HTTP_NOT_FOUND, errorBody("no such endpoint: " + request.getMethod() + " " + path));

        const std::string key = request.get(header::idempotencyKey, "");
        if (key.size() < 8 || key.size() > 128)
            return reply(response, HTTPResponse::HTTP_BAD_REQUEST, errorBody("Idempotency-Key header missing or malformed"));

        // Validate the request before it has an effect.
        Poco::JSON::Object::Ptr json;
        try {
            json = Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
        } catch (const Poco::Exception &) {
        }
        if (!json)
            return reply(response, HTTPResponse::HTTP_BAD_REQUEST, errorBody("body is not a JSON object"));
        const char *required = kind == api::kSubmission ? "itemCode" : kind == api::kSuggestion ? "description" : "rating";
        if (!json->has(required))
            return reply(response, HTTPResponse::HTTP_UNPROCESSABLE_ENTITY, errorBody(std::string("missing field: ") + required));

        std::string replyBody;
        bool replayed = false;
        {
            std::lock_guard lock(m_state->mutex);
            ++m_state->deliveries[key];
            const std::int64_t now = nowMs();
            const std::int64_t keepFrom = now - m_state->options.idempotencyRetentionMs;
            if (now - m_state->lastSweep > std::min<std::int64_t>(60'000, m_state->options.idempotencyRetentionMs)) {
                m_state->lastSweep = now;
                std::erase_if(m_state->byKey, [keepFrom](const auto &kv) { return kv.second.at < keepFrom; });
            }
            const std::pair<std::string, std::string> scoped{terminal, key};
            auto it = m_state->byKey.find(scoped);
            if (it != m_state->byKey.end() && it->second.at < keepFrom) {
                m_state->byKey.erase(it);
                it = m_state->byKey.end();
            }
            if (it != m_state->byKey.end()) {
                if (it->second.digest != digestHex(m_state->options.algorithm, body)) {
                    return reply(response, HTTPResponse::HTTP_UNPROCESSABLE_ENTITY,
                                 errorBody("Idempotency-Key was already used for a different request"));
                }
                replyBody = it->second.reply;
                replayed = true;
            } else {
                char date[16];
                const std::time_t t = std::time(nullptr);
                std::strftime(date, sizeof date, "%Y%m%d", std::localtime(&t));
                char tracking[40];
                std::snprintf(tracking, sizeof tracking, "%s%s%06d", kind == api::kSuggestion ? "RX" : kind == api::kEvaluation ? "PJ" : "SQ",
                              date, ++m_state->sequence);
                Poco::JSON::Object o;
                o.set("trackingNumber", std::string(tracking));
                o.set("status", std::string("accepted"));
                std::ostringstream s;
                o.stringify(s);
                replyBody = s.str();
                m_state->byKey[scoped] = {digestHex(m_state->options.algorithm, body), replyBody, tracking, now};
                m_state->statuses[tracking] = {};
                m_state->effects.push_back({key, kind, tracking, body, terminal});
            }
        }
        if (fault && fault->first == ReferencePlatform::Fault::DropConnection)
            return closeWithoutReply(request); // the effect happened; the terminal never hears of it
        if (fault && fault->first == ReferencePlatform::Fault::Trickle)
            return trickle(request, replyBody, std::max(1, fault->second), m_state->stopping);
        if (fault && fault->first == ReferencePlatform::Fault::Malformed)
            return reply(response, HTTPResponse::HTTP_OK, "{\"trackingNumber\": <html>oops");
        if (replayed)
            response.set("Idempotent-Replayed", "true");
        reply(response, replayed ? HTTPResponse::HTTP_OK : HTTPResponse::HTTP_CREATED, replyBody);
    }

private:
    bool verify(Poco::Net::HTTPServerRequest &request, const std::string &body, std::string *why)
    {
        const auto &o = m_state->options;
        if (!o.verifySignatures)
            return true;
        const std::string terminal = request.get(header::terminal, "");
        const std::string timestamp = request.get(header::timestamp, "");
        const std::string nonce = request.get(header::nonce, "");
        const std::string digest = request.get(header::contentDigest, "");
        const std::string signature = request.get(header::signature, "");
        const std::string version = request.get(header::version, "");
        const auto alg = algorithmFromName(request.get(header::algorithm, ""));
        if (terminal.empty() || timestamp.empty() || nonce.size() < 16 || signature.empty() || !alg) {
            *why = "request is not signed";
            return false;
        }
        if (*alg != o.algorithm) {
            *why = "this platform requires " + algorithmName(o.algorithm);
            return false;
        }
        const bool v2 = version == signatureV2;
        if (!v2 && !(o.acceptV1 && (version.empty() || version == signatureV1))) {
            *why = version.empty() || version == signatureV1 ? std::string("this platform requires ") + signatureV2 + " signatures"
                                                             : "unknown signature version " + version;
            return false;
        }
        std::int64_t ts = 0;
        try {
            ts = std::stoll(timestamp);
        } catch (...) {
        }
        const std::int64_t now = nowMs() + m_state->clockOffsetMs.load();
        if (ts < now - maxSkewMs || ts > now + maxSkewMs) {
            *why = "request timestamp is outside the accepted window (check the terminal's clock)";
            return false;
        }
        std::string error;
        const std::string bodyDigest = digestHex(o.algorithm, body, &error);
        if (bodyDigest.empty()) {
            *why = "the platform cannot verify signatures: " + error;
            return false;
        }
        if (!equalHex(digest, bodyDigest)) {
            *why = "content digest does not match the body";
            return false;
        }
        std::string host = request.get("Host", "");
        std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return char(std::tolower(c)); });
        if (v2 && !o.expectedHost.empty() && host != o.expectedHost) {
            *why = "request is addressed to another host (" + host + ")";
            return false;
        }
        const std::string canonical = v2 ? canonicalRequestV2({request.getMethod(), host, request.getURI(),
                                                               request.get(header::idempotencyKey, ""),
                                                               request.get("Content-Type", ""), terminal},
                                                              timestamp, nonce, digest)
                                         : canonicalRequest(request.getMethod(), request.getURI(), timestamp, nonce, digest, terminal);
        const std::string expected = hmacHex(o.algorithm, o.signingKey, canonical, &error);
        if (expected.empty()) {
            *why = "the platform cannot verify signatures: " + error;
            return false;
        }
        if (!equalHex(signature, expected)) {
            *why = "signature does not match";
            return false;
        }
        std::lock_guard lock(m_state->mutex);
        std::erase_if(m_state->nonces, [now](const auto &kv) { return kv.second < now - 2 * maxSkewMs; });
        if (!m_state->nonces.emplace(std::pair(terminal, nonce), now).second) {
            *why = "nonce was already used (replayed request)";
            return false;
        }
        return true;
    }

    void status(Poco::Net::HTTPServerResponse &response, const std::string &tracking)
    {
        std::lock_guard lock(m_state->mutex);
        auto it = m_state->statuses.find(tracking);
        if (it == m_state->statuses.end())
            return reply(response, HTTPResponse::HTTP_NOT_FOUND, errorBody("no such request"));
        Poco::JSON::Object o;
        o.set("trackingNumber", tracking);
        o.set("status", it->second.status);
        o.set("message", it->second.message);
        std::ostringstream s;
        o.stringify(s);
        reply(response, HTTPResponse::HTTP_OK, s.str());
    }

    void control(Poco::Net::HTTPServerRequest &request, Poco::Net::HTTPServerResponse &response, const std::string &body)
    {
        if (!m_state->options.controlApi || request.getMethod() != "POST")
            return reply(response, HTTPResponse::HTTP_NOT_FOUND, errorBody("no control API"));
        try {
            auto o = Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
            if (request.getURI() == "/_control/status") {
                std::lock_guard lock(m_state->mutex);
                auto it = m_state->statuses.find(o->getValue<std::string>("trackingNumber"));
                if (it == m_state->statuses.end())
                    return reply(response, HTTPResponse::HTTP_NOT_FOUND, errorBody("no such request"));
                it->second = {o->getValue<std::string>("status"), o->optValue<std::string>("message", "")};
                return reply(response, HTTPResponse::HTTP_OK, "{}");
            }
        } catch (const Poco::Exception &e) {
            return reply(response, HTTPResponse::HTTP_BAD_REQUEST, errorBody(e.displayText()));
        }
        reply(response, HTTPResponse::HTTP_NOT_FOUND, errorBody("no such control endpoint"));
    }

    std::shared_ptr<ReferencePlatform::State> m_state;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory
{
public:
    explicit Factory(std::shared_ptr<ReferencePlatform::State> state)
        : m_state(std::move(state))
    {
    }
    Poco::Net::HTTPRequestHandler *createRequestHandler(const Poco::Net::HTTPServerRequest &) override
    {
        return new Handler(m_state);
    }

private:
    std::shared_ptr<ReferencePlatform::State> m_state;
};

} // namespace

ReferencePlatform::ReferencePlatform(Options options)
    : m_state(std::make_shared<State>())
{
    m_state->options = std::move(options);
}

ReferencePlatform::~ReferencePlatform()
{
    stop();
}

bool ReferencePlatform::start(std::string *error)
{
    initializeTls();
    const Options &o = m_state->options;
    try {
        using Tls = Options::Tls;
        Poco::Net::Context::Params params;
        params.certificateFile = o.certificateFile;
        params.privateKeyFile = o.keyFile;
        params.caLocation = o.clientCaFile;
        params.loadDefaultCAs = false;
        params.verificationMode = o.clientCaFile.empty() ? Poco::Net::Context::VERIFY_NONE : Poco::Net::Context::VERIFY_STRICT;
        const char *ciphers = o.tls == Tls::Tls11Only      ? "DEFAULT:@SECLEVEL=0"
            : o.tls == Tls::StaticRsaOnly                  ? "kRSA+AESGCM:kRSA+AES"
            : o.tls == Tls::CbcOnly                        ? "ECDHE+AES+SHA256:ECDHE+AES+SHA384:ECDHE+AES+SHA1"
                                                           : "ECDHE+AESGCM:ECDHE+CHACHA20";
        params.cipherList = ciphers;
        Poco::Net::Context::Ptr ctx(new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, params));
        // Client certificates identify terminals, not hosts: no reverse lookup of the peer address.
        ctx->enableExtendedCertificateVerification(false);
        SSL_CTX *ssl = ctx->sslContext();
        bool ok = SSL_CTX_set_cipher_list(ssl, ciphers) == 1;
        switch (o.tls) {
        case Tls::Modern:
            ok = ok && SSL_CTX_set_min_proto_version(ssl, TLS1_2_VERSION) == 1;
            break;
        case Tls::Tls11Only:
            SSL_CTX_set_security_level(ssl, 0);
            ok = ok && SSL_CTX_set_min_proto_version(ssl, TLS1_VERSION) == 1 && SSL_CTX_set_max_proto_version(ssl, TLS1_1_VERSION) == 1;
            break;
        case Tls::StaticRsaOnly:
        case Tls::CbcOnly: // TLS 1.3 has neither
            ok = ok && SSL_CTX_set_min_proto_version(ssl, TLS1_2_VERSION) == 1 && SSL_CTX_set_max_proto_version(ssl, TLS1_2_VERSION) == 1;
            break;
        }
        if (!ok) {
            if (error)
                *error = "reference platform: OpenSSL refused the TLS settings";
            return false;
        }
        Poco::Net::SecureServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", o.port), 64, ctx);
        m_state->port = socket.address().port();
        auto *params2 = new Poco::Net::HTTPServerParams;
        params2->setMaxThreads(o.maxThreads);
        params2->setMaxQueued(256);
        params2->setKeepAlive(true);
        params2->setTimeout(Poco::Timespan(10, 0));
        m_state->pool = std::make_unique<Poco::ThreadPool>(2, std::max(2, o.maxThreads));
        m_state->server = std::make_unique<Poco::Net::HTTPServer>(new Factory(m_state), *m_state->pool, socket, params2);
        m_state->server->start();
        m_state->stopping = false;
        return true;
    } catch (const Poco::Exception &e) {
        if (error)
            *error = "reference platform: " + e.displayText();
        return false;
    }
}

void ReferencePlatform::stop()
{
    m_state->stopping = true;
    if (m_state->server) {
        m_state->server->stopAll(true);
        m_state->server.reset();
    }
    // Handlers still in a request (a slow fault, a certificate being drawn) finish first: a
    // server thread still running at exit would meet OpenSSL and Qt already torn down.
    for (int i = 0; i < 1000 && m_state->active > 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (m_state->pool) {
        m_state->pool->joinAll();
        m_state->pool.reset();
    }
}

std::uint16_t ReferencePlatform::port() const
{
    return m_state->port;
}

void ReferencePlatform::injectFault(Fault fault, int times, int value)
{
    std::lock_guard lock(m_state->mutex);
    for (int i = 0; i < times; ++i)
        m_state->faults.emplace_back(fault, value);
}

void ReferencePlatform::setClockOffset(std::int64_t ms)
{
    m_state->clockOffsetMs = ms;
}

void ReferencePlatform::clearFaults()
{
    std::lock_guard lock(m_state->mutex);
    m_state->faults.clear();
}

std::vector<ReferencePlatform::Effect> ReferencePlatform::effects() const
{
    std::lock_guard lock(m_state->mutex);
    return m_state->effects;
}

int ReferencePlatform::deliveries(const std::string &idempotencyKey) const
{
    std::lock_guard lock(m_state->mutex);
    auto it = m_state->deliveries.find(idempotencyKey);
    return it == m_state->deliveries.end() ? 0 : it->second;
}

int ReferencePlatform::queriesWithoutIdentity() const
{
    std::lock_guard lock(m_state->mutex);
    return m_state->anonymousQueries;
}

int ReferencePlatform::queriesAnswered() const
{
    std::lock_guard lock(m_state->mutex);
    return m_state->queries;
}

std::string ReferencePlatform::sampleChildIdNumber(const std::string &idNumber)
{
    return records::sampleChildIdNumber(QString::fromStdString(idNumber)).toStdString();
}

std::string ReferencePlatform::uninsuredIdNumber()
{
    return records::uninsuredIdNumber().toStdString();
}

int ReferencePlatform::rejectedSignatures() const
{
    std::lock_guard lock(m_state->mutex);
    return m_state->rejected;
}

bool ReferencePlatform::setStatus(const std::string &trackingNumber, const std::string &status, const std::string &message)
{
    std::lock_guard lock(m_state->mutex);
    auto it = m_state->statuses.find(trackingNumber);
    if (it == m_state->statuses.end())
        return false;
    it->second = {status, message};
    return true;
}

} // namespace kiosk::simulation
