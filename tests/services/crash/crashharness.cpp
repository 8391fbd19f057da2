// SPDX-License-Identifier: GPL-3.0-or-later
// Power cuts, simulated: kills the sending process with SIGKILL at random moments (during enqueue,
// during send, during the status update), restarts it, and checks with the reference platform
// that every acknowledged request took effect exactly once and none was lost.
//
//   queue-crash-harness --worker PATH [--kills N] [--seed S]     (CI: 50 kills; full round: 1000)
#include "services/simulation/devpki.h"
#include "services/simulation/referenceplatform.h"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <map>
#include <random>
#include <set>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace kiosk::platform;
using namespace kiosk::simulation;

namespace {

struct Child {
    pid_t pid = -1;
    int out = -1;
};

Child spawn(const std::vector<std::string> &args)
{
    int fds[2];
    if (pipe(fds) != 0)
        return {};
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        close(fds[1]);
        std::vector<char *> argv;
        for (const auto &a : args)
            argv.push_back(const_cast<char *>(a.c_str()));
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(fds[1]);
    return {pid, fds[0]};
}

std::string readAll(int fd)
{
    std::string s;
    char buf[4096];
    for (ssize_t n; (n = read(fd, buf, sizeof buf)) > 0;)
        s.append(buf, std::size_t(n));
    close(fd);
    return s;
}

} // namespace

int main(int argc, char **argv)
{
    std::string worker;
    int kills = 50;
    unsigned seed = unsigned(std::random_device{}());
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--worker" && i + 1 < argc) worker = argv[++i];
        else if (a == "--kills" && i + 1 < argc) kills = std::stoi(argv[++i]);
        else if (a == "--seed" && i + 1 < argc) seed = unsigned(std::stoul(argv[++i]));
    }
    if (worker.empty()) {
        std::fprintf(stderr, "usage: queue-crash-harness --worker PATH [--kills N] [--seed S]\n");
        return 2;
    }
    char tmpl[] = "/tmp/kiosk-crash-XXXXXX";
    const std::string dir = mkdtemp(tmpl);
    std::string error;
    auto pki = DevPki::open(dir, "crash", &error);
    auto cert = pki ? pki->issue("server", {.commonName = "127.0.0.1"}, &error) : std::nullopt;
    if (!cert) {
        std::fprintf(stderr, "harness: %s\n", error.c_str());
        return 2;
    }
    ReferencePlatform::Options po;
    po.certificateFile = cert->certificateFile;
    po.keyFile = cert->keyFile;
    po.signingKey = "crash-harness-secret";
    po.latencyMs = 3; // a send takes a moment, so kills land in the middle of sends too
    ReferencePlatform platform(po);
    if (!platform.start(&error)) {
        std::fprintf(stderr, "harness: %s\n", error.c_str());
        return 2;
    }
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> delay(5, 120);
    const std::vector<std::string> common = {worker, "--outbox", dir + "/outbox.sqlite", "--key", dir + "/payload.key",
                                             "--port", std::to_string(platform.port()), "--ca", pki->caFile()};
    std::map<std::string, std::string> acked; // id → request label
    int badExits = 0;
    for (int k = 0; k < kills; ++k) {
        auto args = common;
        args.insert(args.end(), {"--run", std::to_string(k)});
        Child c = spawn(args);
        std::this_thread::sleep_for(std::chrono::milliseconds(delay(rng)));
        kill(c.pid, SIGKILL);
        int status = 0;
        waitpid(c.pid, &status, 0);
        if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) && !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
            ++badExits;
            std::fprintf(stderr, "harness: worker run %d ended with status %d\n", k, status);
        }
        // Only lines written in full count: a kill in the middle of printf acknowledged nothing.
        const std::string out = readAll(c.out);
        std::size_t pos = 0;
        for (std::size_t nl; (nl = out.find('\n', pos)) != std::string::npos; pos = nl + 1) {
            const std::string line = out.substr(pos, nl - pos);
            if (line.rfind("ACK ", 0) == 0) {
                const auto sp = line.find(' ', 4);
                acked[line.substr(4, sp - 4)] = line.substr(sp + 1);
            }
        }
    }
    // Power comes back for good: one last run delivers whatever is left.
    auto args = common;
    args.insert(args.end(), {"--run", "drain", "--drain"});
    Child last = spawn(args);
    const std::string tail = readAll(last.out);
    int status = 0;
    waitpid(last.pid, &status, 0);
    const bool drained = WIFEXITED(status) && WEXITSTATUS(status) == 0;

    std::map<std::string, int> effectsByKey;
    std::map<std::string, int> effectsByRequest;
    int deliveries = 0;
    for (const auto &e : platform.effects()) {
        ++effectsByKey[e.idempotencyKey];
        const auto at = e.body.find("\"request\":\"");
        ++effectsByRequest[at == std::string::npos ? e.body : e.body.substr(at)];
        deliveries += platform.deliveries(e.idempotencyKey);
    }
    int lost = 0, duplicated = 0;
    for (const auto &[id, label] : acked) {
        const auto it = effectsByKey.find(id);
        if (it == effectsByKey.end()) {
            ++lost;
            std::fprintf(stderr, "harness: LOST acknowledged request %s (%s)\n", id.c_str(), label.c_str());
        }
    }
    for (const auto &[key, n] : effectsByKey)
        duplicated += n > 1 ? n - 1 : 0;
    for (const auto &[request, n] : effectsByRequest)
        duplicated += n > 1 ? n - 1 : 0;
    const int unacked = int(effectsByKey.size()) - int(acked.size()) + lost;
    std::printf("crash harness (seed %u): %d kills, %zu requests acknowledged, %zu took effect "
                "(%d committed but killed before the acknowledgement), %d deliveries: %d resends absorbed by "
                "Idempotency-Key; %d lost, %d duplicated, drain %s%s\n",
                seed, kills, acked.size(), effectsByKey.size(), unacked, deliveries, deliveries - int(effectsByKey.size()),
                lost, duplicated, drained ? "complete" : "FAILED: ", drained ? "" : tail.c_str());
    const bool ok = lost == 0 && duplicated == 0 && drained && badExits == 0 && !acked.empty();
    std::printf("%d passed, %d failed\n", ok ? 1 : 0, ok ? 0 : 1);
    platform.stop();
    std::string cleanup = "rm -rf '" + dir + "'";
    if (std::system(cleanup.c_str()) != 0)
        std::fprintf(stderr, "harness: could not remove %s\n", dir.c_str());
    return ok ? 0 : 1;
}
