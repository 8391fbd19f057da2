// SPDX-License-Identifier: GPL-3.0-or-later
// Power cuts, simulated below SQLite: the outbox runs on the power-cut VFS (powercutvfs.h), which
// keeps every write since the last fsync in memory; the power fails after a random number of
// disk operations — during an enqueue, a claim, the recording of results, a checkpoint or an
// open — and the disk keeps only what was synced plus a random, torn, reordered share of the rest.
// Then the terminal "boots": the file must pass SQLite's integrity check, every acknowledged
// request must still be there, and the reference platform (real HTTPS on 127.0.0.1) must have
// seen each idempotency key take effect at most once. A last boot drains the queue: every
// acknowledged request took effect exactly once.
//
//   queue-powercut-harness [--cuts N] [--seed S] [--disk-lies --expect-loss]
//
// CI runs 200 cuts; the full round is 1000. Everything runs on this one thread, as the two
// connections of the terminal (the writer with synchronous=FULL, the dispatcher's NORMAL one), so
// that a seed replays the same cuts: the drain is the dispatcher's own sequence (claimBatch, post
// with the Idempotency-Key, record), without its thread.
#include "tests/services/powercut/powercutvfs.h"

#include "services/platform/platformapi.h"
#include "services/platform/platformclient.h"
#include "services/queue/outbox.h"
#include "services/queue/retrypolicy.h"
#include "services/simulation/devpki.h"
#include "services/simulation/referenceplatform.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <unistd.h>
#include <vector>

using namespace kiosk;

namespace {

std::mt19937_64 g_ids; // request ids are drawn from the seed too: the same B-tree, the same cuts
std::int64_t g_clock = 1'800'000'000'000; // a fake wall clock (ms), moved on by every action

std::string deterministicUuid()
{
    char s[37];
    const std::uint64_t a = g_ids(), b = g_ids();
    std::snprintf(s, sizeof s, "%08x-%04x-4%03x-%04x-%012llx", unsigned(a >> 32), unsigned(a >> 16) & 0xffff, unsigned(a) & 0xfff,
                  0x8000 | (unsigned(b >> 48) & 0x3fff), static_cast<unsigned long long>(b & 0xffffffffffffULL));
    return s;
}

/** What SQLite itself finds in the file after the boot, through the same VFS. */
struct Inspection {
    bool opened = false;
    std::string integrity;
    std::map<std::string, std::string> states; // id → state
};

/** A text column; a damaged file may hold NULL where the schema forbids it. */
std::string text(sqlite3_stmt *st, int column)
{
    const unsigned char *t = sqlite3_column_text(st, column);
    return t ? reinterpret_cast<const char *>(t) : "(null)";
}

Inspection inspect(const std::string &path)
{
    Inspection result;
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, powercut::vfsName) != SQLITE_OK) {
        result.integrity = db ? sqlite3_errmsg(db) : "cannot open";
        sqlite3_close(db);
        return result;
    }
    result.opened = true;
    sqlite3_stmt *st = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK) {
        while (sqlite3_step(st) == SQLITE_ROW)
            result.integrity += text(st, 0);
    } else {
        result.integrity = sqlite3_errmsg(db);
    }
    sqlite3_finalize(st);
    // A file cut before its schema was committed holds no table yet: that is an empty outbox.
    if (sqlite3_prepare_v2(db, "SELECT id, state FROM outbox", -1, &st, nullptr) == SQLITE_OK) {
        while (sqlite3_step(st) == SQLITE_ROW)
            result.states[text(st, 0)] = text(st, 1);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return result;
}

std::string trackingOf(const std::string &body)
{
    try {
        auto o = Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
        return o->optValue<std::string>("trackingNumber", "");
    } catch (const std::exception &) {
        return {};
    }
}

/** The terminal's two connections, as the queue writer and the dispatcher hold them. */
struct Terminal {
    std::unique_ptr<queue::Outbox> writer;
    std::unique_ptr<queue::Outbox> dispatcher;
    std::unique_ptr<platform::PlatformClient> client;
};

struct Figures {
    int cuts = 0;
    int acknowledged = 0;
    int enqueueFailures = 0; // refused while the power was on (must stay 0)
    int integrityFailures = 0;
    int openFailures = 0;
    std::map<std::string, int> cutDuring;
    powercut::CutStats disk;
};

void add(powercut::CutStats &sum, const powercut::CutStats &c)
{
    sum.unsyncedWrites += c.unsyncedWrites;
    sum.landed += c.landed;
    sum.lost += c.lost;
    sum.torn += c.torn;
    sum.garbled += c.garbled;
    sum.entriesReverted += c.entriesReverted;
    sum.entriesKept += c.entriesKept;
    sum.shmDeleted += c.shmDeleted;
    sum.shmStale += c.shmStale;
    sum.shmGarbled += c.shmGarbled;
}

} // namespace

int main(int argc, char **argv)
{
    int cuts = 50;
    std::uint64_t seed = std::random_device{}();
    bool diskLies = false, expectLoss = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--cuts" && i + 1 < argc) cuts = std::stoi(argv[++i]);
        else if (a == "--seed" && i + 1 < argc) seed = std::stoull(argv[++i]);
        else if (a == "--disk-lies") diskLies = true;
        else if (a == "--expect-loss") expectLoss = true;
        else {
            std::fprintf(stderr, "usage: queue-powercut-harness [--cuts N] [--seed S] [--disk-lies --expect-loss]\n");
            return 2;
        }
    }
    const auto started = std::chrono::steady_clock::now();
    powercut::install({.syncLies = diskLies});
    g_ids.seed(seed ^ 0x9e3779b97f4a7c15ULL);
    queue::Outbox::setIdSource(deterministicUuid);
    std::mt19937_64 rng(seed);

    char tmpl[] = "/tmp/kiosk-powercut-XXXXXX"; // mkdtemp: mode 0700
    const std::string dir = mkdtemp(tmpl);
    std::string error;
    auto pki = simulation::DevPki::open(dir, "powercut", &error);
    auto cert = pki ? pki->issue("server", {.commonName = "127.0.0.1"}, &error) : std::nullopt;
    if (!cert) {
        std::fprintf(stderr, "harness: %s\n", error.c_str());
        return 2;
    }
    simulation::ReferencePlatform::Options po;
    po.certificateFile = cert->certificateFile;
    po.keyFile = cert->keyFile;
    po.signingKey = "powercut-harness-secret";
    simulation::ReferencePlatform platform(po);
    if (!platform.start(&error)) {
        std::fprintf(stderr, "harness: %s\n", error.c_str());
        return 2;
    }
    platform::PlatformEndpoint endpoint;
    endpoint.id = "hall";
    endpoint.port = platform.port();
    endpoint.tls.caFile = pki->caFile();
    endpoint.signingKey = po.signingKey;
    endpoint.terminalId = "T-POWERCUT";
    endpoint.timeoutMs = 5000;

    queue::PayloadCipher::Key key{};
    for (auto &b : key)
        b = std::uint8_t(rng());
    const queue::PayloadCipher cipher(key);
    queue::Outbox::Options writerOptions;
    writerOptions.path = dir + "/outbox.sqlite";
    writerOptions.vfs = powercut::vfsName;
    queue::Outbox::Options dispatcherOptions = writerOptions;
    dispatcherOptions.syncEveryCommit = false; // as Dispatcher::start opens its own

    std::map<std::string, std::string> acked; // id → request label
    std::set<std::string> lost; // acknowledged, then missing at a boot
    Figures fig;
    bool stop = false;
    int requestNumber = 0;

    // Boots the terminal: SQLite's own check of the file, then every acknowledged request must be there.
    // The cut is armed after the check (whose reads must not count): @p budget more disk
    // operations, then the power fails; 0: it stays on.
    auto boot = [&](int cut, int budget) -> std::unique_ptr<Terminal> {
        if (powercut::powerFailed()) // it went while the terminal shut down
            return nullptr;
        powercut::armCut(0);
        Inspection seen;
        if (::access(writerOptions.path.c_str(), F_OK) == 0)
            seen = inspect(writerOptions.path);
        else // never created, or its creation did not survive: an empty outbox
            seen = {true, "ok", {}};
        if (budget > 0)
            powercut::armCut(powercut::mutations() + std::uint64_t(budget));
        if (!seen.opened || seen.integrity != "ok") {
            ++fig.integrityFailures;
            std::fprintf(stderr, "harness: after cut %d (seed %llu) the file fails SQLite's check: %s\n", cut,
                         static_cast<unsigned long long>(seed), seen.integrity.c_str());
            stop = true;
            return nullptr;
        }
        for (const auto &[id, label] : acked) {
            const auto it = seen.states.find(id);
            if (it == seen.states.end() || it->second == "dead" || it->second == "discarded") {
                if (lost.insert(id).second)
                    std::fprintf(stderr, "harness: LOST acknowledged request %s (%s) at cut %d (seed %llu)%s\n", id.c_str(), label.c_str(),
                                 cut, static_cast<unsigned long long>(seed), it == seen.states.end() ? "" : ": it is a dead letter");
            }
        }
        auto t = std::make_unique<Terminal>();
        t->writer = queue::Outbox::open(writerOptions, cipher, &error);
        t->dispatcher = t->writer ? queue::Outbox::open(dispatcherOptions, cipher, &error) : nullptr;
        if (!t->dispatcher) {
            if (!powercut::powerFailed()) {
                ++fig.openFailures;
                std::fprintf(stderr, "harness: the outbox does not open after cut %d (seed %llu): %s\n", cut,
                             static_cast<unsigned long long>(seed), error.c_str());
                stop = true;
            }
            return nullptr;
        }
        t->client = std::make_unique<platform::PlatformClient>(endpoint);
        t->dispatcher->recoverInterrupted(g_clock); // as Dispatcher::run does first
        return t;
    };

    // The dispatcher's step: claim a batch, send each with its key, record the results.
    auto drainBatch = [&](Terminal &t, int max) -> bool {
        auto batch = t.dispatcher->claimBatch(g_clock += 7, {}, max);
        if (batch.empty())
            return false;
        std::vector<queue::Outbox::Result> results;
        for (const auto &c : batch) {
            if (powercut::powerFailed())
                return false; // the terminal is off: nothing more is sent
            if (!c.payload) {
                results.push_back({queue::Outbox::Result::Kind::Dead, c.entry.id, {}, {}, 0, "damaged", {}});
                continue;
            }
            const auto reply = t.client->post(platform::api::pathFor(c.entry.kind), c.entry.id, *c.payload);
            // As the dispatcher judges a reply (201 the first time, 200 for a replayed key).
            const queue::Outcome outcome = queue::classify(reply.status, reply.error, reply.retryAfter, reply.errorText, g_clock);
            const std::string tracking = outcome.kind == queue::Outcome::Kind::Done ? trackingOf(reply.body) : std::string();
            if (!tracking.empty())
                results.push_back({queue::Outbox::Result::Kind::Done, c.entry.id, tracking, "accepted", 0, {}, {}});
            else if (outcome.kind == queue::Outcome::Kind::Dead)
                results.push_back({queue::Outbox::Result::Kind::Dead, c.entry.id, {}, {}, 0, outcome.reason, {}});
            else
                results.push_back({queue::Outbox::Result::Kind::Retry, c.entry.id, {}, {}, g_clock, outcome.reason, outcome.held});
        }
        return t.dispatcher->record(results, g_clock += 3);
    };

    std::uniform_int_distribution<int> budget(1, 160);
    std::uniform_real_distribution<double> chance(0.0, 1.0);
    for (int cut = 0; cut < cuts && !stop; ++cut) {
        std::string doing = "boot";
        auto t = boot(cut, budget(rng));
        while (t && !powercut::powerFailed()) {
            const double r = chance(rng);
            if (r < 0.55) {
                doing = "enqueue";
                const int n = 1 + int(rng() % 3);
                for (int i = 0; i < n && !powercut::powerFailed(); ++i) {
                    const std::string label = std::to_string(cut) + "-" + std::to_string(requestNumber++);
                    const std::string payload = R"({"itemCode":"RS-0001","request":")" + label + "\"}";
                    const auto res = t->writer->enqueue({"hall", "submission", "RS-0001", "", payload}, g_clock += 5);
                    if (powercut::powerFailed())
                        break; // the screen went dark before it could say anything
                    if (res.ok) {
                        acked[res.id] = label; // the screen says 已提交 now
                    } else {
                        ++fig.enqueueFailures;
                        std::fprintf(stderr, "harness: enqueue failed with the power on (seed %llu): %s\n",
                                     static_cast<unsigned long long>(seed), res.error.c_str());
                    }
                }
            } else if (r < 0.93) {
                doing = "drain";
                drainBatch(*t, 1 + int(rng() % 8));
            } else {
                doing = "restart"; // a clean restart: the connections close (checkpoint, WAL deleted) and open again
                t.reset();
                t = boot(cut, budget(rng));
            }
        }
        t.reset(); // the process is gone
        if (!powercut::powerFailed()) // the boot itself failed with the power on
            break;
        fig.cutDuring[doing] += 1;
        ++fig.cuts;
        add(fig.disk, powercut::cutAndRestore(rng, chance(rng)));
    }

    // The power stays on: the last boot delivers everything left.
    bool drained = false;
    if (!stop) {
        auto t = boot(cuts, 0);
        for (int round = 0; t && round < 100000; ++round) {
            if (!drainBatch(*t, 32)) {
                const auto c = t->dispatcher->counts();
                drained = c.pending == 0 && c.sending == 0;
                break;
            }
        }
    }

    std::map<std::string, int> effectsByKey, effectsByRequest;
    int deliveries = 0;
    for (const auto &e : platform.effects()) {
        if (++effectsByKey[e.idempotencyKey] == 1)
            deliveries += platform.deliveries(e.idempotencyKey);
        const auto at = e.body.find("\"request\":\"");
        ++effectsByRequest[at == std::string::npos ? e.body : e.body.substr(at)];
    }
    for (const auto &[id, label] : acked) {
        if (!effectsByKey.contains(id) && lost.insert(id).second)
            std::fprintf(stderr, "harness: acknowledged request %s (%s) never took effect (seed %llu)\n", id.c_str(), label.c_str(),
                         static_cast<unsigned long long>(seed));
    }
    int duplicated = 0;
    for (const auto &[k, n] : effectsByKey)
        duplicated += n > 1 ? n - 1 : 0;
    for (const auto &[k, n] : effectsByRequest)
        duplicated += n > 1 ? n - 1 : 0;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const auto &d = fig.disk;
    std::printf("power-cut harness (seed %llu%s): %d cuts (during enqueue %d, drain %d, restart %d, boot %d), "
                "%d requests acknowledged, %zu took effect, %d deliveries (%d resends absorbed by the Idempotency-Key); at the cuts %d unsynced writes: %d landed, %d lost, %d torn, %d sectors garbage; "
                "%d directory entries reverted, %d kept; -shm %d deleted, %d stale, %d garbage; %d integrity failures; "
                "%zu lost, %d duplicated, drain %s; %.1f s\n",
                static_cast<unsigned long long>(seed), diskLies ? ", disk lies about fsync" : "", fig.cuts, fig.cutDuring["enqueue"],
                fig.cutDuring["drain"], fig.cutDuring["restart"], fig.cutDuring["boot"], int(acked.size()), effectsByKey.size(),
                deliveries, deliveries - int(effectsByKey.size()), d.unsyncedWrites, d.landed, d.lost, d.torn,
                d.garbled, d.entriesReverted, d.entriesKept, d.shmDeleted, d.shmStale, d.shmGarbled, fig.integrityFailures, lost.size(),
                duplicated, drained ? "complete" : "FAILED", seconds);
    platform.stop();
    const std::string cleanup = "rm -rf '" + dir + "'";
    if (std::system(cleanup.c_str()) != 0)
        std::fprintf(stderr, "harness: could not remove %s\n", dir.c_str());
    const bool clean = lost.empty() && duplicated == 0 && fig.integrityFailures == 0 && fig.openFailures == 0 && fig.enqueueFailures == 0
        && drained && fig.cuts == cuts && !acked.empty();
    if (expectLoss) {
        // The self-test: on a disk that lies about fsync the harness must see requests go missing.
        const bool caught = !lost.empty() || fig.integrityFailures > 0;
        std::printf(caught ? "the harness caught the lying disk\n" : "the harness did NOT notice the lying disk\n");
        return caught ? 0 : 1;
    }
    std::printf("%d passed, %d failed\n", clean ? 1 : 0, clean ? 0 : 1);
    return clean ? 0 : 1;
}
