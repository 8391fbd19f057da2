// SPDX-License-Identifier: GPL-3.0-or-later
// For the `kioskctl platform check` CLI tests: starts reference platforms on 127.0.0.1 — a good
// one and the kinds a terminal must refuse — with certificates made now by DevPki, writes a
// terminal configuration naming them all, runs the given command with @CONFIG@ replaced by that
// file, stops the platforms and exits with the command's exit code.
//
//   platform-check-fixture DIR -- COMMAND ARG... (@CONFIG@ in an ARG: DIR/config.json)
#include "services/simulation/devpki.h"
#include "services/simulation/referenceplatform.h"

#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>

extern char **environ;

using namespace kiosk::simulation;
using Tls = ReferencePlatform::Options::Tls;

namespace {
int fail(const std::string &what)
{
    std::fprintf(stderr, "platform-check-fixture: %s\n", what.c_str());
    return 3;
}
} // namespace

int main(int argc, char **argv)
{
    if (argc < 4 || std::string(argv[2]) != "--")
        return fail("usage: platform-check-fixture DIR -- COMMAND ARG...");
    const std::string dir = argv[1];
    ::mkdir(dir.c_str(), 0700);
    std::string error;
    auto pki = DevPki::open(dir, "fixture", &error);
    if (!pki)
        return fail(error);
    const std::string secret = "fixture-signing-secret";
    {
        std::ofstream key(dir + "/signing.key");
        key << secret << '\n';
    }
    ::chmod((dir + "/signing.key").c_str(), 0600);
    {
        std::ofstream wrong(dir + "/wrong.key");
        wrong << "not-the-platform-key\n";
    }
    ::chmod((dir + "/wrong.key").c_str(), 0600);

    struct Server {
        std::string id;
        Tls tls = Tls::Modern;
        DevPki::Spec spec;
        std::string keyFile = "signing.key";
    };
    const std::vector<Server> servers = {
        {"good", Tls::Modern, {.commonName = "127.0.0.1"}},
        {"tls11", Tls::Tls11Only, {.commonName = "127.0.0.1"}},
        {"staticrsa", Tls::StaticRsaOnly, {.commonName = "127.0.0.1", .rsa = true}},
        {"cbc", Tls::CbcOnly, {.commonName = "127.0.0.1"}},
        {"expired", Tls::Modern, {.commonName = "127.0.0.1", .notBeforeOffsetSeconds = -7200, .notAfterOffsetSeconds = -3600}},
        {"wronghost", Tls::Modern, {.commonName = "platform.example", .subjectAltNames = {"DNS:platform.example"}}},
        {"wrongkey", Tls::Modern, {.commonName = "127.0.0.1"}, "wrong.key"},
    };
    std::vector<std::unique_ptr<ReferencePlatform>> running;
    std::string platforms;
    for (const Server &s : servers) {
        auto cert = pki->issue(s.id, s.spec, &error);
        if (!cert)
            return fail(error);
        ReferencePlatform::Options o;
        o.certificateFile = cert->certificateFile;
        o.keyFile = cert->keyFile;
        o.signingKey = secret;
        o.tls = s.tls;
        o.maxThreads = 2;
        auto p = std::make_unique<ReferencePlatform>(o);
        if (!p->start(&error))
            return fail(s.id + ": " + error);
        platforms += std::string(platforms.empty() ? "" : ",") + "{\"id\":\"" + s.id + "\",\"host\":\"127.0.0.1\",\"port\":"
            + std::to_string(p->port()) + ",\"caFile\":\"" + pki->caFile() + "\",\"signingKeyFile\":\"" + dir + "/" + s.keyFile
            + "\",\"timeoutSeconds\":5}";
        running.push_back(std::move(p));
    }
    const std::string config = dir + "/config.json";
    {
        std::ofstream c(config);
        c << "{\"terminalId\":\"T-CLI-01\",\"stateDir\":\"" << dir << "/state\",\"platforms\":[" << platforms << "]}\n";
    }

    std::vector<std::string> args;
    for (int i = 3; i < argc; ++i) {
        std::string a = argv[i];
        if (const auto at = a.find("@CONFIG@"); at != std::string::npos)
            a.replace(at, 8, config);
        args.push_back(a);
    }
    std::vector<char *> cargs;
    for (auto &a : args)
        cargs.push_back(a.data());
    cargs.push_back(nullptr);
    std::fflush(stdout);
    pid_t pid = 0;
    if (posix_spawn(&pid, cargs[0], nullptr, nullptr, cargs.data(), environ) != 0)
        return fail("cannot run " + args[0]);
    int status = 0;
    if (::waitpid(pid, &status, 0) != pid)
        return fail("lost " + args[0]);
    for (auto &p : running)
        p->stop();
    return WIFEXITED(status) ? WEXITSTATUS(status) : 4;
}
