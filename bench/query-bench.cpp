// SPDX-License-Identifier: GPL-3.0-or-later
// query-bench: the on-the-spot query and certificate round trips against the reference platform
// over TLS on 127.0.0.1 (docs/platform-api.md, "Queries and certificates"), as the terminal makes
// them: the real QueryClient, signed, one kept-alive connection. Run by hand, not in CTest.
//   query-bench [--quick]
#include "bench/benchstats.h"
#include "devices/simulator/simulatedsam.h"
#include "services/platform/platformclient.h"
#include "services/platform/queryclient.h"
#include "services/simulation/devpki.h"
#include "services/simulation/referenceplatform.h"

#include <QGuiApplication>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

using namespace kiosk;
using Clock = std::chrono::steady_clock;

namespace {

double ms(Clock::duration d)
{
    return std::chrono::duration<double, std::milli>(d).count();
}

platform::query::Request request(const char *item, int card)
{
    platform::query::Request r;
    r.itemCode = QString::fromLatin1(item);
    r.terminalId = QStringLiteral("T-BENCH");
    r.idNumber = devices::sim::sampleCards().at(std::size_t(card)).idNumber;
    r.name = devices::sim::sampleCards().at(std::size_t(card)).name;
    return r;
}

} // namespace

int main(int argc, char **argv)
{
    // Certificates are drawn with QPdfWriter: it needs a QGuiApplication (offscreen is enough).
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
    const int queries = quick ? 50 : 200;
    const int certificates = quick ? 10 : 40;

    char tmpl[] = "/tmp/query-bench-XXXXXX";
    const std::string dir = mkdtemp(tmpl);
    std::string error;
    auto pki = simulation::DevPki::open(dir, "bench", &error);
    auto cert = pki ? pki->issue("server", {.commonName = "127.0.0.1"}, &error) : std::nullopt;
    if (!cert) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    simulation::ReferencePlatform::Options po;
    po.certificateFile = cert->certificateFile;
    po.keyFile = cert->keyFile;
    po.signingKey = "bench";
    simulation::ReferencePlatform server(po);
    if (!server.start(&error)) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    platform::PlatformEndpoint ep;
    ep.id = "hrss";
    ep.port = server.port();
    ep.tls.caFile = pki->caFile();
    ep.signingKey = "bench";
    ep.terminalId = "T-BENCH";

    std::printf("query-bench (%s): reference platform on 127.0.0.1:%u, TLS, KIOSK-HMAC-V2\n\n", quick ? "quick" : "full", unsigned(server.port()));
    platform::QueryClient client(ep);
    auto measure = [&](const char *what, const char *item, int n, bool certificate, const char *goal) {
        std::vector<double> t;
        std::size_t bytes = 0;
        for (int i = 0; i < n; ++i) {
            const auto start = Clock::now();
            bool ok = false;
            if (certificate) {
                const auto r = client.fetchCertificate(request(item, i % 3));
                ok = r.ok();
                bytes = ok ? std::size_t(r.certificate->document.size()) : bytes;
            } else {
                ok = client.ask(request(item, i % 3)).ok();
            }
            t.push_back(ms(Clock::now() - start));
            if (!ok) {
                std::fprintf(stderr, "%s: a call failed\n", what);
                std::exit(1);
            }
        }
        bench::row(what, bench::stats(t), "ms", goal, 56);
        return bytes;
    };
    (void)client.ask(request("RS-0022", 0)); // connect once: the terminal keeps the connection
    measure("query RS-0022 (values + 36-month table), kept-alive", "RS-0022", queries, false, "goal: p95 well under the 8 s deadline");
    measure("query YB-0002 (account + spending), kept-alive", "YB-0002", queries, false, "");
    {
        std::vector<double> t;
        for (int i = 0; i < queries / 4; ++i) {
            platform::QueryClient fresh(ep);
            const auto start = Clock::now();
            if (!fresh.ask(request("GJJ-0002", 0)).ok())
                return 1;
            t.push_back(ms(Clock::now() - start));
        }
        bench::row("query GJJ-0002, new connection each (TCP + TLS 1.3)", bench::stats(t), "ms", "", 56);
    }
    const std::size_t two = measure("certificate RS-0023 (2-page PDF, sealed), kept-alive", "RS-0023", certificates, true,
                                    "goal: p95 well under the 12 s deadline");
    const std::size_t one = measure("certificate GJJ-0001 (1-page PDF)", "GJJ-0001", certificates, true, "");
    std::printf("\nPDF sizes: RS-0023 %zu bytes, GJJ-0001 %zu bytes\n", two, one);
    server.stop();
    std::filesystem::remove_all(dir);
    return 0;
}
