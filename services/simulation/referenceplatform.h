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
 * crash harness, benchmarks and `kiosk --simulate`. It verifies signatures, de-duplicates on
 * Idempotency-Key, records every effect, and misbehaves on request.
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
        bool legacyTlsOnly = false; ///< serve only TLS 1.0/1.1 (to test that terminals refuse it)
        bool controlApi = false; ///< /_control/… endpoints (the demo's status changes)
        int latencyMs = 0; ///< every request waits this long (a slow platform; the crash harness)
        std::uint16_t port = 0; ///< 0: any free port
        int maxThreads = 8;
    };
    enum class Fault {
        Latency, ///< wait `value` ms, then answer normally
        ServerError, ///< 503
        TooManyRequests, ///< 429 with Retry-After: `value` seconds
        DropConnection, ///< record the effect, then close the connection without a reply
        Hang, ///< wait `value` ms without answering, then close
        Malformed, ///< record the effect, then reply 200 with a body that is not JSON
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
    /** Requests that reached the handler with this key, duplicates included. */
    [[nodiscard]] int deliveries(const std::string &idempotencyKey) const;
    [[nodiscard]] int rejectedSignatures() const;
    /** Moves a request along: accepted → in_progress → done / rejected, with a message. */
    bool setStatus(const std::string &trackingNumber, const std::string &status, const std::string &message);

    struct State;

private:
    std::shared_ptr<State> m_state;
};

} // namespace kiosk::simulation
