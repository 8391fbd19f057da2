// SPDX-License-Identifier: GPL-3.0-or-later
// fleet-bench: a fleet of terminals polling the loopback hawkBit DDI server (docs/fleet.md,
// "Scale") from one process: real fleet::DdiClient instances (one thread each) with a compressed
// poll interval (pollOverride ≈ 1 s, ±20 % per terminal, starts spread over a second), 110 and then
// 1,000 of them, through a byte-counting TCP relay on 127.0.0.1 so the bytes are the wire's (TLS
// included). The relay closes a connection once the server has answered and it has been quiet
// for 400 ms: at a real 5-minute poll the server's keep-alive has long expired, so every poll is
// a new TCP + TLS connection, and so it is here. Then one deployment to 10 % of the terminals.
// Run by hand, not in CTest.
//   fleet-bench [--quick] [--kept-alive] [terminals…]
//     default 110 then 1000 terminals, 20 s windows; --quick: 110, 10 s; --kept-alive: no relay,
//     the clients keep their connections (as at a poll every few seconds; no bytes counted)
#include "bench/benchstats.h"
#include "services/fleet/ddiclient.h"
#include "services/simulation/ddiserver.h"
#include "services/simulation/devpki.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTemporaryDir>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

using namespace kiosk;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using simulation::DdiServer;

namespace {

const std::string kToken = "5b7d9f1e3c5a7b9d1f3e5c7a9b1d3f5e";

/**
 * A TCP relay 127.0.0.1:port() → 127.0.0.1:upstream that counts the bytes each way. One thread,
 * epoll; a connection is closed when the last bytes came from the server and nothing moved for
 * idleClose (the reply is complete and the client is not waiting for anything).
 */
class CountingRelay
{
public:
    explicit CountingRelay(std::uint16_t upstream)
        : m_upstream(upstream)
    {
        m_listen = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        int one = 1;
        ::setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in a = loopback(0);
        if (::bind(m_listen, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0 || ::listen(m_listen, 4096) != 0) {
            std::perror("relay");
            std::exit(1);
        }
        socklen_t len = sizeof a;
        ::getsockname(m_listen, reinterpret_cast<sockaddr *>(&a), &len);
        m_port = ntohs(a.sin_port);
        m_thread = std::thread([this] { run(); });
    }
    ~CountingRelay()
    {
        m_stop = true;
        m_thread.join();
        ::close(m_listen);
    }
    [[nodiscard]] std::uint16_t port() const { return m_port; }
    std::atomic<std::uint64_t> up{0}, down{0}, connections{0};
    std::atomic<int> idleCloseMs{400};
    std::atomic<double> cpuSeconds{0};

private:
    struct Pair {
        int client = -1, server = -1;
        Clock::time_point last = Clock::now();
        bool lastFromServer = false;
        bool connected = false; ///< the upstream connect (non-blocking) has completed
        std::string pending; ///< the client's bytes until then
    };

    static sockaddr_in loopback(std::uint16_t port)
    {
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(port);
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return a;
    }

    /** Small messages on loopback: the socket buffer takes them (a short wait at most). */
    static bool sendAll(int fd, const char *data, std::size_t size)
    {
        std::size_t sent = 0;
        while (sent < size) {
            const ssize_t w = ::send(fd, data + sent, size - sent, MSG_NOSIGNAL);
            if (w < 0 && errno == EAGAIN) {
                std::this_thread::sleep_for(100us);
                continue;
            }
            if (w <= 0)
                return false;
            sent += std::size_t(w);
        }
        return true;
    }

    void closePair(const std::shared_ptr<Pair> &p)
    {
        m_fds.erase(p->client);
        m_fds.erase(p->server);
        ::close(p->client); // also removes them from the epoll set
        ::close(p->server);
    }

    void run()
    {
        const int ep = ::epoll_create1(EPOLL_CLOEXEC);
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.fd = m_listen;
        ::epoll_ctl(ep, EPOLL_CTL_ADD, m_listen, &ev);
        std::vector<epoll_event> events(512);
        char buf[65536];
        auto lastSweep = Clock::now();
        while (!m_stop) {
            const int n = ::epoll_wait(ep, events.data(), int(events.size()), 20);
            for (int i = 0; i < n; ++i) {
                const int fd = events[std::size_t(i)].data.fd;
                if (fd == m_listen) {
                    const int c = ::accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC);
                    if (c < 0)
                        continue;
                    // Non-blocking connect: a full accept queue upstream must not stall every other connection.
                    const int s = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
                    const sockaddr_in a = loopback(m_upstream);
                    const int rc = ::connect(s, reinterpret_cast<const sockaddr *>(&a), sizeof a);
                    if (rc != 0 && errno != EINPROGRESS) {
                        ::close(c);
                        ::close(s);
                        continue;
                    }
                    auto p = std::make_shared<Pair>();
                    p->client = c;
                    p->server = s;
                    p->connected = rc == 0;
                    m_fds[c] = p;
                    m_fds[s] = p;
                    for (int x : {c, s}) {
                        epoll_event e{};
                        e.events = x == s && !p->connected ? std::uint32_t(EPOLLIN | EPOLLOUT) : std::uint32_t(EPOLLIN);
                        e.data.fd = x;
                        ::epoll_ctl(ep, EPOLL_CTL_ADD, x, &e);
                    }
                    ++connections;
                    continue;
                }
                const auto it = m_fds.find(fd);
                if (it == m_fds.end())
                    continue;
                const auto p = it->second;
                if (fd == p->server && !p->connected && (events[std::size_t(i)].events & (EPOLLOUT | EPOLLERR | EPOLLHUP))) {
                    int err = 0;
                    socklen_t len = sizeof err;
                    ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
                    if (err != 0 || !sendAll(fd, p->pending.data(), p->pending.size())) {
                        closePair(p);
                        continue;
                    }
                    p->connected = true;
                    p->pending.clear();
                    epoll_event e{};
                    e.events = EPOLLIN;
                    e.data.fd = fd;
                    ::epoll_ctl(ep, EPOLL_CTL_MOD, fd, &e);
                    continue;
                }
                const ssize_t got = ::recv(fd, buf, sizeof buf, MSG_DONTWAIT);
                if (got <= 0) {
                    if (got < 0 && (errno == EAGAIN || errno == EINTR))
                        continue;
                    closePair(p);
                    continue;
                }
                const bool fromServer = fd == p->server;
                (fromServer ? down : up) += std::uint64_t(got);
                p->last = Clock::now();
                p->lastFromServer = fromServer;
                if (!fromServer && !p->connected) {
                    p->pending.append(buf, std::size_t(got));
                    continue;
                }
                if (!sendAll(fromServer ? p->client : p->server, buf, std::size_t(got)))
                    closePair(p);
            }
            const auto now = Clock::now();
            if (now - lastSweep > 50ms) {
                lastSweep = now;
                std::vector<std::shared_ptr<Pair>> idle;
                for (const auto &[fd, p] : m_fds)
                    if (fd == p->client && p->lastFromServer && now - p->last > std::chrono::milliseconds(idleCloseMs.load()))
                        idle.push_back(p);
                for (const auto &p : idle)
                    closePair(p);
            }
        }
        for (auto it = m_fds.begin(); it != m_fds.end(); it = m_fds.begin())
            closePair(it->second);
        ::close(ep);
        timespec t{};
        ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
        cpuSeconds = double(t.tv_sec) + double(t.tv_nsec) / 1e9;
    }

    std::uint16_t m_upstream;
    int m_listen = -1;
    std::uint16_t m_port = 0;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
    std::map<int, std::shared_ptr<Pair>> m_fds;
};

/** Applies nothing: the bench measures the fleet traffic, not the terminal's installer. */
class NullInstaller : public fleet::Installer
{
public:
    fleet::InstallResult install(const fleet::ddi::Deployment &, const std::vector<fleet::StagedArtifact> &) override
    {
        return {true, QStringLiteral("bench: nothing applied"), {}};
    }
    bool tookEffect(const fleet::ddi::Deployment &) override { return true; }
    [[nodiscard]] bool selfVerifying(const QString &) const override { return false; }
};

double cpuSeconds()
{
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double seconds(Clock::duration d)
{
    return std::chrono::duration<double>(d).count();
}

struct Env {
    std::unique_ptr<QTemporaryDir> dir;
    std::optional<simulation::DevPki> pki;
    std::string cert, key;
};

fleet::DdiClient::Options clientOptions(const Env &env, const std::string &baseUrl, const QString &id, std::chrono::milliseconds poll)
{
    fleet::DdiClient::Options o;
    o.baseUrl = QString::fromStdString(baseUrl);
    o.controllerId = id;
    o.targetToken = QString::fromStdString(kToken);
    o.caFile = env.pki->caFile();
    o.stateDir = std::filesystem::path(env.dir->filePath(id).toStdString());
    o.pollOverride = poll;
    o.connectTimeout = 10s;
    o.ioTimeout = 20s;
    o.errorRetryBase = 1s; // a failed poll is retried within the compressed interval
    o.errorRetryMax = 2s;
    return o;
}

std::unique_ptr<DdiServer> startServer(const Env &env, int threads = 160)
{
    DdiServer::Options o;
    o.certificateFile = env.cert;
    o.keyFile = env.key;
    o.targetToken = kToken;
    // Poco's server keeps a thread on every kept-alive connection (hawkBit's Tomcat does not), here
    // until the relay closes it (≥ 0.4 s after each reply) and for the rollout's direct connections
    // (10 s): enough threads that this is not what limits the rate.
    o.maxThreads = threads;
    auto s = std::make_unique<DdiServer>(o);
    std::string error;
    if (!s->start(&error)) {
        std::fprintf(stderr, "the DDI server did not start: %s\n", error.c_str());
        std::exit(1);
    }
    return s;
}

std::string relayBase(const DdiServer &server, const CountingRelay &relay)
{
    const std::string base = server.baseUrl();
    std::string from(":"), to(":"); // (not ":" + std::string&&: GCC 12's -Wrestrict false positive)
    from += std::to_string(server.port());
    to += std::to_string(relay.port());
    const std::size_t at = base.find(from + "/");
    return base.substr(0, at) + to + base.substr(at + from.size());
}

/** Bytes of one poll, alone on the machine: 200 and 304, on a new connection and on a kept-alive one. */
void perPoll(const Env &env)
{
    auto server = startServer(env);
    CountingRelay relay(server->port());
    const QString id = QStringLiteral("T-BENCH-CAL");
    fleet::DdiClient client(clientOptions(env, relayBase(*server, relay), id, 1s), nullptr);
    std::printf("bytes per poll, one terminal (TLS 1.3, ECDHE P-256, server chain 1 certificate + CA), each sample a median of 9\n");
    int flip = 0;
    const auto measure = [&](bool fresh, bool changed) {
        std::vector<double> upV, downV, conV;
        for (int i = 0; i < 9; ++i) {
            if (changed) // a new body (and ETag): 200
                server->setSleep(++flip % 2 ? "00:05:00" : "00:04:59");
            relay.idleCloseMs = fresh ? 100 : 60000;
            std::this_thread::sleep_for(fresh ? 300ms : 5ms);
            const auto u = relay.up.load(), d = relay.down.load(), c = relay.connections.load();
            if (!client.pollOnce()) {
                std::fprintf(stderr, "a calibration poll failed\n");
                std::exit(1);
            }
            std::this_thread::sleep_for(20ms); // the last TLS records (session tickets) have passed
            upV.push_back(double(relay.up - u));
            downV.push_back(double(relay.down - d));
            conV.push_back(double(relay.connections - c));
        }
        return std::tuple{bench::stats(upV).median, bench::stats(downV).median, bench::stats(conV).median};
    };
    client.pollOnce(); // registration
    struct Row {
        const char *what;
        bool fresh, changed;
    };
    std::map<std::string, double> total;
    for (const Row &r : {Row{"200, new TCP + TLS connection", true, true}, Row{"304, new TCP + TLS connection", true, false},
                         Row{"200, kept-alive connection", false, true}, Row{"304, kept-alive connection", false, false}}) {
        const auto [u, d, c] = measure(r.fresh, r.changed);
        std::printf("  %-34s request %6.0f B  response %6.0f B  total %6.0f B  connections %.0f\n", r.what, u, d, u + d, c);
        total[r.what] = u + d;
    }
    const double day = 86400.0 / 300.0;
    std::printf("  per terminal per day at a 5-minute poll (288 polls, all 304 on new connections): %.0f kB (%.1f MB per 30 days)\n",
                total["304, new TCP + TLS connection"] * day / 1000, total["304, new TCP + TLS connection"] * day * 30 / 1e6);
    std::printf("  the same on a kept-alive connection (a poll every < 10 s only): %.0f kB\n\n", total["304, kept-alive connection"] * day / 1000);
}

void fleetRun(const Env &env, int terminals, std::chrono::seconds window, std::size_t artifactBytes, bool keptAlive)
{
    auto server = startServer(env, keptAlive ? terminals + 100 : std::max(160, terminals * 3 / 5));
    CountingRelay relay(server->port());
    // --kept-alive: straight to the server, connections kept (a poll every < 10 s), bytes not counted.
    const std::string base = keptAlive ? server->baseUrl() : relayBase(*server, relay);
    NullInstaller installer;
    std::mt19937 random(20261201u + unsigned(terminals));
    std::uniform_int_distribution<int> poll(800, 1200);
    std::vector<std::unique_ptr<fleet::DdiClient>> clients;
    std::vector<std::string> ids;
    const double cpu0 = cpuSeconds();
    const auto t0 = Clock::now();
    for (int i = 0; i < terminals; ++i) {
        char id[32];
        std::snprintf(id, sizeof id, "T-BENCH-%04d", i);
        ids.push_back(id);
        clients.push_back(std::make_unique<fleet::DdiClient>(clientOptions(env, base, QString::fromLatin1(id), std::chrono::milliseconds(poll(random))),
                                                             &installer));
        clients.back()->start();
        std::this_thread::sleep_until(t0 + std::chrono::microseconds(1000000LL * (i + 1) / terminals)); // starts spread over 1 s
    }
    std::this_thread::sleep_for(2s); // every terminal registered and has an ETag: the polls are 304s from here
    const auto pollsNow = [&] {
        std::pair<long, long> n{0, 0};
        for (const auto &id : ids) {
            n.first += server->polls(id);
            n.second += server->notModified(id);
        }
        return n;
    };
    const auto [p0, nm0] = pollsNow();
    const auto u0 = relay.up.load(), d0 = relay.down.load(), c0 = relay.connections.load();
    const double cpuA = cpuSeconds();
    const auto tA = Clock::now();
    std::this_thread::sleep_for(window);
    const auto [p1, nm1] = pollsNow();
    const double cpuB = cpuSeconds();
    const double wall = seconds(Clock::now() - tA);
    const auto up = relay.up - u0, down = relay.down - d0, conns = relay.connections - c0;
    int failing = 0;
    for (const auto &c : clients)
        failing += c->status().failuresInARow > 0 ? 1 : 0;
    const double polls = double(p1 - p0);
    std::printf("%d terminals, each polling every 0.8-1.2 s (offered %.0f polls/s), %s, measured over %.0f s:\n", terminals, terminals / 1.0,
                keptAlive ? "kept-alive connections (no relay)" : "a new TCP + TLS connection each poll", wall);
    std::printf("  server: %.0f polls/s (%.1f %% of them 304), %.0f connections/s; terminals failing at the end: %d\n", polls / wall,
                100.0 * double(nm1 - nm0) / std::max(1.0, polls), double(conns) / wall, failing);
    std::printf("  wire: %.0f B per poll (%.0f up, %.0f down), %.2f MB/s\n", double(up + down) / std::max(1.0, polls), double(up) / std::max(1.0, polls),
                double(down) / std::max(1.0, polls), double(up + down) / wall / 1e6);
    std::printf("  CPU of the process (server + %d client threads + relay): %.2f cores (%.0f %% of one), %.2f ms per poll; start-up %.1f s CPU\n", terminals,
                (cpuB - cpuA) / wall, 100.0 * (cpuB - cpuA) / wall, 1000.0 * (cpuB - cpuA) / std::max(1.0, polls), cpuA - cpu0);

    // One deployment to 10 % of the terminals (every tenth), a bundle and its signature.
    DdiServer::Assignment a;
    DdiServer::Chunk chunk;
    chunk.name = "catalog";
    chunk.version = "2026.12.1";
    std::string content(artifactBytes, '\0');
    for (std::size_t i = 0; i < content.size(); ++i)
        content[i] = char('a' + (i * 7) % 26);
    chunk.artifacts.push_back({"catalog-2026.12.1.bundle", content, false});
    chunk.artifacts.push_back({"catalog-2026.12.1.sig", std::string(64, 's'), false});
    a.chunks.push_back(chunk);
    std::vector<int> actions;
    const auto tR = Clock::now();
    const int artifacts0 = server->artifactRequests();
    const double cpuR = cpuSeconds();
    for (std::size_t i = 0; i < ids.size(); i += 10)
        actions.push_back(server->assign(ids[i], a));
    std::size_t finished = 0;
    while (Clock::now() - tR < 120s) {
        finished = 0;
        for (int act : actions)
            finished += server->actionState(act) == "finished" ? 1 : 0;
        if (finished == actions.size())
            break;
        std::this_thread::sleep_for(100ms);
    }
    const double rollout = seconds(Clock::now() - tR);
    const int downloads = server->artifactRequests() - artifacts0;
    const double perTerminal = double(artifactBytes + 64);
    std::printf("  rollout to %zu terminals (10 %%): %zu finished in %.1f s, %d artifact downloads, %.1f MB of artifacts delivered (%.0f B each terminal), %.1f s CPU\n\n",
                actions.size(), finished, rollout, downloads, perTerminal * double(finished) / 1e6, perTerminal, cpuSeconds() - cpuR);
    for (auto &c : clients)
        c->stop();
    clients.clear();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("kiosk.*.info=false")); // a line per action and terminal otherwise
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    bool quick = false, keptAlive = false;
    std::vector<int> fleets;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--quick") == 0)
            quick = true;
        else if (std::strcmp(argv[i], "--kept-alive") == 0)
            keptAlive = true;
        else
            fleets.push_back(std::atoi(argv[i]));
    }
    if (fleets.empty())
        fleets = quick ? std::vector<int>{110} : std::vector<int>{110, 1000};
    Env env;
    env.dir = std::make_unique<QTemporaryDir>();
    std::string error;
    env.pki = simulation::DevPki::open(env.dir->filePath(QStringLiteral("pki")).toStdString(), "fleet", &error);
    const auto cert = env.pki ? env.pki->issue("fleet", {.commonName = "127.0.0.1"}, &error) : std::nullopt;
    if (!cert) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    env.cert = cert->certificateFile;
    env.key = cert->keyFile;
    std::printf("fleet-bench (%s): loopback hawkBit DDI server on 127.0.0.1, TLS, real DdiClient instances, %u cores\n\n", quick ? "quick" : "full",
                std::thread::hardware_concurrency());
    perPoll(env);
    for (int n : fleets)
        fleetRun(env, n, quick ? 10s : 20s, 1 << 20, keptAlive);
    return 0;
}
