// SPDX-License-Identifier: GPL-3.0-or-later
// Figures for the store-and-forward queue:
//  - durable enqueue (encrypt + one WAL/FULL commit) next to a bare SQLite FULL-sync insert on the same disk;
//  - drain rate against the reference platform over TLS next to wrk on the same endpoint;
//  - CPU used while idle with a backlog (platform down);
//  - the GUI thread as the terminal runs it: enqueue latency seen by the GUI thread and the
//    longest GUI-thread stall while a 2,000-request backlog drains (goal: <= 16 ms, one frame).
//
//   build/bin/queue-bench [--quick]
#include "kiosk/config.h"
#include "kiosk/queue/queueservice.h"
#include "kiosk/queue/queuecomposition.h"
#include "services/platform/dispatcher.h"
#include "services/queue/payloadkey.h"
#include "services/simulation/devpki.h"
#include "services/simulation/referenceplatform.h"
#include "services/queue/outbox.h"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <sys/resource.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace kiosk;
using namespace Poco::Data::Keywords;
using Clock = std::chrono::steady_clock;

namespace {

double ms(Clock::duration d)
{
    return std::chrono::duration<double, std::milli>(d).count();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

std::int64_t wall()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

double cpuSeconds()
{
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

const std::string payload = R"({"itemCode":"RS-0001","fields":{"name":"张三","idNumber":"350102199001011234","address":"福建省福州市鼓楼区某某路1号","phone":"13812345678","reason":"申请打印社会保险缴费证明用于办理居住证"}})";

/** Ticks every millisecond on the GUI thread and keeps the longest gap between ticks. */
struct StallMeter {
    QTimer timer;
    QElapsedTimer clock;
    qint64 lastNs = 0;
    qint64 longestNs = 0;
    StallMeter()
    {
        timer.setTimerType(Qt::PreciseTimer);
        timer.setInterval(1);
        QObject::connect(&timer, &QTimer::timeout, [this] { tick(); });
    }
    void tick()
    {
        const qint64 t = clock.nsecsElapsed();
        longestNs = std::max(longestNs, t - lastNs);
        lastNs = t;
    }
    void start()
    {
        clock.start();
        lastNs = 0;
        longestNs = 0;
        timer.start();
    }
    double longestMs() const { return double(longestNs) / 1e6; }
};

void guiThread(const std::string &dir, int backlog, int arrivals)
{
    kiosk::Config config;
    config.stateDir = QString::fromStdString(dir + "/gui");
    config.simulate = true; // the in-process reference platform on 127.0.0.1, as the demo runs
    {
        QueueService first(nullptr); // creates the key
        auto parts = QueueComposition::start(config, first);
        first.stop();
    }
    {
        // The backlog: written before the terminal starts, as after a night with the network down.
        std::string error;
        const queue::LoadedKey key = queue::PayloadKeyFile::forStateDir(dir + "/gui").load(false);
        queue::Outbox::Options o;
        o.path = dir + "/gui/outbox.sqlite";
        auto box = key ? queue::Outbox::open(o, queue::PayloadCipher(key.key), &error) : nullptr;
        if (!box) {
            std::printf("GUI thread: no backlog: %s\n", error.c_str());
            return;
        }
        for (int i = 0; i < backlog; ++i)
            (void)box->enqueue({"hall", "submission", "RS-0001", "", payload}, wall());
    }
    QueueService service(nullptr);
    StallMeter meter;
    meter.start();
    const auto t0 = Clock::now();
    auto parts = QueueComposition::start(config, service);
    if (!service.available()) {
        std::printf("GUI thread: the queue did not start\n");
        return;
    }
    const double startMs = ms(Clock::now() - t0);
    meter.start(); // start-up is reported on its own line
    // Residents keep submitting while the backlog drains: one request every 5 ms.
    std::vector<double> callMs, answerMs;
    std::map<quint64, Clock::time_point> asked;
    QObject::connect(&service, &QueueService::enqueued, [&](quint64 ticket, const QString &, QueueService::SaveError) {
        if (auto it = asked.find(ticket); it != asked.end())
            answerMs.push_back(ms(Clock::now() - it->second));
    });
    QTimer arrival;
    arrival.setInterval(5);
    QObject::connect(&arrival, &QTimer::timeout, [&] {
        if (int(callMs.size()) >= arrivals)
            return arrival.stop();
        const auto t = Clock::now();
        const quint64 ticket = service.enqueue({QStringLiteral("hall"), QStringLiteral("submission"), QStringLiteral("RS-0001"),
                                                QString(), QByteArray::fromStdString(payload)});
        callMs.push_back(ms(Clock::now() - t));
        asked[ticket] = t;
    });
    arrival.start();
    while (service.done() < backlog + arrivals && ms(Clock::now() - t0) < 120'000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    const double stall = meter.longestMs();
    const double secs = ms(Clock::now() - t0) / 1000;
    service.stop();
    std::printf("GUI thread: QueueService::start() with a backlog of %d        %.1f ms\n", backlog, startMs);
    std::printf("GUI thread: enqueue() call during the drain (%d calls)      median %.3f ms, max %.3f ms\n", arrivals,
                median(callMs), callMs.empty() ? 0.0 : *std::max_element(callMs.begin(), callMs.end()));
    std::printf("GUI thread: enqueue() to enqueued() (committed, answered)     median %.3f ms, max %.3f ms\n", median(answerMs),
                answerMs.empty() ? 0.0 : *std::max_element(answerMs.begin(), answerMs.end()));
    std::printf("GUI thread: longest stall while the backlog drained          %.1f ms   goal: <= 16 ms\n", stall);
    std::printf("GUI thread: %d + %d delivered in %.2f s\n", backlog, arrivals, secs);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("kiosk.*.info=false"));
    const bool quick = argc > 1 && std::string(argv[1]) == "--quick";
    const int n = quick ? 100 : 500;
    char tmpl[] = "/var/tmp/kiosk-queue-bench-XXXXXX"; // a real disk, not tmpfs: fsync must cost what it costs
    const std::string dir = mkdtemp(tmpl);
    std::printf("queue-bench in %s (%s)\n\n", dir.c_str(), quick ? "quick" : "full");

    // --- enqueue vs bare insert ---------------------------------------------------------------
    queue::PayloadCipher::Key key{};
    key.fill(3);
    std::string error;
    queue::Outbox::Options oo;
    oo.path = dir + "/outbox.sqlite";
    auto box = queue::Outbox::open(oo, queue::PayloadCipher(key), &error);
    if (!box) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    std::vector<double> enqueueMs, bareMs;
    for (int i = 0; i < n; ++i) {
        const auto t = Clock::now();
        if (!box->enqueue({"hall", "submission", "RS-0001", "subject", payload}, wall()).ok)
            return 1;
        enqueueMs.push_back(ms(Clock::now() - t));
    }
    {
        Poco::Data::SQLite::Connector::registerConnector();
        Poco::Data::Session s("SQLite", dir + "/bare.sqlite");
        std::string mode;
        s << "PRAGMA journal_mode = WAL", into(mode), now;
        s << "PRAGMA synchronous = FULL", now;
        s << "CREATE TABLE t (id TEXT PRIMARY KEY, payload BLOB, created INTEGER)", now;
        std::string blob(payload.size() + 28, 'x'); // the same size as the sealed payload
        for (int i = 0; i < n; ++i) {
            std::string id = queue::newUuid();
            Poco::Int64 created = wall();
            const auto t = Clock::now();
            s << "INSERT INTO t VALUES (?, ?, ?)", use(id), use(blob), use(created), now;
            bareMs.push_back(ms(Clock::now() - t));
        }
    }
    const double e = median(enqueueMs), b = median(bareMs);
    std::printf("durable enqueue (AES-GCM + WAL/FULL commit)   median %.3f ms\n", e);
    std::printf("bare SQLite insert (WAL/FULL commit)          median %.3f ms\n", b);
    std::printf("ratio                                          %.2fx   goal: <= 1.5x\n\n", e / b);

    // --- drain rate vs wrk ----------------------------------------------------------------------
    auto pki = simulation::DevPki::open(dir, "bench", &error);
    auto cert = pki->issue("server", {.commonName = "127.0.0.1"}, &error);
    simulation::ReferencePlatform::Options po;
    po.certificateFile = cert->certificateFile;
    po.keyFile = cert->keyFile;
    po.signingKey = "bench";
    po.verifySignatures = false; // wrk cannot sign; both sides skip the check alike
    simulation::ReferencePlatform server(po);
    if (!server.start(&error))
        return 1;
    platform::Dispatcher::Options d;
    d.outbox.path = dir + "/drain.sqlite";
    d.key = key;
    platform::PlatformEndpoint ep;
    ep.id = "hall";
    ep.port = server.port();
    ep.tls.caFile = pki->caFile();
    ep.signingKey = "bench";
    ep.terminalId = "T-BENCH";
    d.platforms = {ep};
    const int drainN = quick ? 300 : 2000;
    {
        auto drainBox = queue::Outbox::open(d.outbox, queue::PayloadCipher(key), &error);
        for (int i = 0; i < drainN; ++i)
            (void)drainBox->enqueue({"hall", "submission", "RS-0001", "", payload}, wall());
        platform::Dispatcher dispatcher(d);
        const auto t = Clock::now();
        dispatcher.start(&error);
        while (drainBox->counts().done < drainN)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        const double secs = ms(Clock::now() - t) / 1000;
        dispatcher.stop();
        std::printf("drain %d requests (1 connection, each claimed, sent, committed)  %.0f req/s\n", drainN, drainN / secs);
        {
            // The client alone (signing, TLS, HTTP, no outbox): where the rest of the time goes.
            platform::PlatformClient client(ep);
            const int m = drainN / 2;
            const auto tc = Clock::now();
            for (int i = 0; i < m; ++i)
                (void)client.post("/api/v1/submissions", "client-only-" + std::to_string(i), payload);
            std::printf("  of which the platform client alone: %.0f req/s\n", m / (ms(Clock::now() - tc) / 1000));
        }
        const std::string lua = dir + "/post.lua";
        std::ofstream(lua) << "local n = 0\nrequest = function()\n  n = n + 1\n"
                              "  return wrk.format('POST', '/api/v1/submissions', {['Content-Type'] = 'application/json', "
                              "['Idempotency-Key'] = string.format('wrk-%012d', n)}, '"
                           << payload << "')\nend\n";
        const std::string out = dir + "/wrk.txt";
        const std::string cmd = "wrk -t1 -c1 -d" + std::string(quick ? "2" : "5") + "s -s " + lua + " https://127.0.0.1:"
            + std::to_string(server.port()) + "/api/v1/submissions > " + out + " 2>&1";
        if (std::system(cmd.c_str()) == 0) {
            std::ifstream in(out);
            std::string line;
            double rps = 0;
            while (std::getline(in, line)) {
                if (line.rfind("Requests/sec:", 0) == 0)
                    rps = std::atof(line.c_str() + 13);
            }
            std::printf("wrk -t1 -c1, same endpoint and body                          %.0f req/s\n", rps);
            std::printf("drain / wrk                                                   %.0f%%   goal: >= 50%%\n\n",
                        rps > 0 ? 100.0 * drainN / secs / rps : 0.0);
        } else {
            std::printf("wrk not available (apt-get install wrk): no comparison\n\n");
        }
    }
    server.stop();

    // --- idle with a backlog -----------------------------------------------------------------------
    {
        platform::Dispatcher::Options idle = d;
        idle.outbox.path = dir + "/idle.sqlite";
        idle.platforms[0].port = 9; // nothing listens: the platform is down
        auto idleBox = queue::Outbox::open(idle.outbox, queue::PayloadCipher(key), &error);
        for (int i = 0; i < 200; ++i)
            (void)idleBox->enqueue({"hall", "submission", "RS-0001", "", payload}, wall());
        platform::Dispatcher dispatcher(idle);
        dispatcher.start(&error);
        std::this_thread::sleep_for(std::chrono::seconds(2)); // first attempts fail, the breaker opens
        const double c0 = cpuSeconds();
        const auto t0 = Clock::now();
        std::this_thread::sleep_for(std::chrono::seconds(quick ? 3 : 10));
        const double cpuMs = (cpuSeconds() - c0) * 1000;
        const double wallS = ms(Clock::now() - t0) / 1000;
        dispatcher.stop();
        const auto c = idleBox->counts();
        std::printf("idle with a backlog of %d (platform down): %.1f ms CPU in %.0f s = %.2f%% of one core\n", c.pending, cpuMs,
                    wallS, cpuMs / (wallS * 10));
    }

    guiThread(dir, 2000, 200);
    std::system(("rm -rf '" + dir + "'").c_str());
    return 0;
}
