// SPDX-License-Identifier: GPL-3.0-or-later
// The process the crash harness kills: it enqueues requests (printing "ACK <id>" only after each
// is committed, as the screen would say 已提交) while its dispatcher delivers them.
//
//   queue-crash-worker --outbox F --key F --port N --ca F --run R [--count N] [--drain]
#include "services/platform/dispatcher.h"
#include "services/queue/payloadkey.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

using namespace kiosk;

static std::int64_t wall()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

int main(int argc, char **argv)
{
    std::string outboxPath, keyPath, caFile, run = "0";
    int port = 0, count = 200;
    bool drain = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
        if (a == "--outbox") outboxPath = next();
        else if (a == "--key") keyPath = next();
        else if (a == "--ca") caFile = next();
        else if (a == "--port") port = std::stoi(next());
        else if (a == "--run") run = next();
        else if (a == "--count") count = std::stoi(next());
        else if (a == "--drain") drain = true;
    }
    std::string error;
    // The terminal's rule: a new key only while the outbox is empty.
    const auto rows = queue::Outbox::storedRows(outboxPath);
    const queue::LoadedKey key = queue::PayloadKeyFile(keyPath).load(rows && *rows == 0);
    if (!key) {
        std::fprintf(stderr, "worker: %s\n", key.message.c_str());
        return 2;
    }
    const queue::PayloadCipher cipher(key.key);
    platform::Dispatcher::Options o;
    o.outbox.path = outboxPath;
    o.key = key.key;
    o.backoff.baseMs = 10;
    o.backoff.capMs = 100;
    o.breakerThreshold = 1000; // the harness's platform is always up; only the worker dies
    if (const char *age = std::getenv("KIOSK_TEST_MAX_AGE_MS")) { // the kioskctl test: requests die of old age
        o.backoff.maxAgeMs = std::atoll(age);
        o.backoff.minAttempts = 1;
        o.housekeepingIntervalMs = 1;
        o.clockSynchronised = [] { return true; }; // the test machine's clock may not be NTP-disciplined
    }
    platform::PlatformEndpoint e;
    e.id = "hall";
    e.port = std::uint16_t(port);
    e.tls.caFile = caFile;
    e.signingKey = "crash-harness-secret";
    e.terminalId = "T-CRASH";
    e.timeoutMs = 5000;
    o.platforms = {e};
    auto box = queue::Outbox::open(o.outbox, cipher, &error);
    if (!box) {
        std::fprintf(stderr, "worker: %s\n", error.c_str());
        return 2;
    }
    platform::Dispatcher dispatcher(o);
    if (!dispatcher.start(&error)) {
        std::fprintf(stderr, "worker: %s\n", error.c_str());
        return 2;
    }
    if (!drain) {
        for (int n = 0; n < count; ++n) {
            const std::string payload = R"({"itemCode":"RS-0001","request":")" + run + "-" + std::to_string(n) + "\"}";
            const auto r = box->enqueue({"hall", "submission", "RS-0001", "", payload}, wall());
            if (!r.ok) {
                std::fprintf(stderr, "worker: %s\n", r.error.c_str());
                return 3;
            }
            std::printf("ACK %s %s-%d\n", r.id.c_str(), run.c_str(), n);
            std::fflush(stdout);
            dispatcher.wake();
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
    }
    // Wait until everything is delivered (the harness kills us long before, except when draining).
    for (int i = 0; i < 6000; ++i) {
        const auto c = box->counts();
        if (c.pending == 0 && c.sending == 0) {
            std::printf("DRAINED done=%d dead=%d\n", c.done, c.dead);
            return c.dead == 0 ? 0 : 4;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return 5;
}
