// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "services/platform/requestsigner.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace kiosk::simulation {

/**
 * A city platform as docs/platform-api.md specifies it, on 127.0.0.1 over TLS: for tests, the
 * crash harness, benchmarks, `kioskctl platform check`'s tests and `kiosk --simulate`. It
 * verifies KIOSK-HMAC-V2 signatures on every request (GETs too), de-duplicates on
 * (terminal, Idempotency-Key) for idempotencyRetentionMs, records every effect, and misbehaves
 * on request — down to the TLS it offers. Queries and certificates (POST /api/v1/queries,
 * /api/v1/certificates) are answered at once for every record-query and certificate-print item
 * of the default catalog, for the simulator's sample cards (referencerecords.h); nothing of them
 * is stored. Certificates are PDFs: they need a QGuiApplication in the process (503 without).
 *
 * Runs on its own threads (Poco HTTPServer); every public function is thread-safe.
 */
class ReferencePlatform
{
public:
    struct Options {
        std::string certificateFile;
        std::string keyFile;
        std::string clientCaFile; ///< when set, clients must present a certificate from this CA
        std::string signingKey = "reference-platform-secret";
        platform::SignatureAlgorithm algorithm = platform::SignatureAlgorithm::HmacSha256;
        bool verifySignatures = true;
        bool acceptV1 = false; ///< also accept KIOSK-HMAC-V1 signatures (a platform migrating); V2 always
        std::string expectedHost; ///< when set, the signed Host header must be this (lower case, ":port" unless 443)
        /** How long a (terminal, Idempotency-Key) reply is kept: at least the queue's longest max age (docs/platform-api.md). */
        std::int64_t idempotencyRetentionMs = 30LL * 24 * 3600'000;
        enum class Tls {
            Modern, ///< TLS 1.2 and 1.3, ECDHE with AEAD only
            Tls11Only, ///< only TLS 1.0/1.1 (to test that terminals refuse it)
            StaticRsaOnly, ///< TLS 1.2 with static-RSA key exchange only (needs an RSA certificate)
            CbcOnly, ///< TLS 1.2 with ECDHE but CBC-mode suites only
        };
        Tls tls = Tls::Modern;
        bool controlApi = false; ///< /_control/… endpoints (the demo's status changes)
        int latencyMs = 0; ///< every request waits this long (a slow platform; the crash harness)
        std::uint16_t port = 0; ///< 0: any free port
        int maxThreads = 8;
    };
    /** Faults apply to every route, queries and certificates too ("after the effect": after the answer is made). */
    enum class Fault {
        Latency, ///< wait `value` ms, then answer normally (a slow platform: a query's deadline and cancel)
        ServerError, ///< 503
        TooManyRequests, ///< 429 with Retry-After: `value` seconds
        DropConnection, ///< record the effect, then close the connection without a reply
        Hang, ///< wait `value` ms without answering, then close
        Malformed, ///< record the effect, then reply 200 with a body that is not JSON
        Trickle, ///< record the effect, then send the reply one byte every `value` ms (headers too)
    };
    struct Effect {
        std::string idempotencyKey;
        std::string kind; ///< submission, suggestion, evaluation
        std::string trackingNumber;
        std::string body;
        std::string terminal;
    };

    explicit ReferencePlatform(Options options);
    ~ReferencePlatform();
    ReferencePlatform(const ReferencePlatform &) = delete;
    ReferencePlatform &operator=(const ReferencePlatform &) = delete;

    bool start(std::string *error);
    void stop();
    [[nodiscard]] std::uint16_t port() const;

    /** The next @p times requests meet @p fault. Faults queue up in the order injected. */
    void injectFault(Fault fault, int times = 1, int value = 0);
    void clearFaults();
    /** The platform's clock runs @p ms ahead of this machine's (a terminal with a wrong clock, as it sees it). */
    void setClockOffset(std::int64_t ms);

    [[nodiscard]] std::vector<Effect> effects() const;
    /** Requests that reached the handler with this key (from any terminal), duplicates included. */
    [[nodiscard]] int deliveries(const std::string &idempotencyKey) const;
    [[nodiscard]] int rejectedSignatures() const;
    /** Queries and certificate requests that passed the signature check. */
    [[nodiscard]] int queriesAnswered() const;
    /** Of those, the ones that carried no ID number (a public item asked as it should be). */
    [[nodiscard]] int queriesWithoutIdentity() const;
    /** The one child the platform knows for sample card holder @p idNumber ("" for a minor or a stranger). */
    [[nodiscard]] static std::string sampleChildIdNumber(const std::string &idNumber);
    /** The sample card holder without a medical-insurance record here (no-record for every medicare item). */
    [[nodiscard]] static std::string uninsuredIdNumber();
    /** Moves a request along: accepted → in_progress → done / rejected, with a message. */
    bool setStatus(const std::string &trackingNumber, const std::string &status, const std::string &message);

    struct State;

private:
    std::shared_ptr<State> m_state;
};

} // namespace kiosk::simulation
