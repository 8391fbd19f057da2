// SPDX-License-Identifier: GPL-3.0-or-later
// query-bench: the on-the-spot query and certificate round trips against the reference platform
// over TLS on 127.0.0.1 (docs/platform-api.md, "Queries and certificates"), as the terminal makes
// them: the real QueryClient, signed, one kept-alive connection. Then tap-to-job-done for a
// 2-page certificate: the kiosk's own RecordQuery, QueryService and DeviceManager, printing on
// a real IPP Everywhere printer (CUPS' ippeveprinter on 127.0.0.1, started and stopped here, as
// fast as a 30 pages/min office laser). Run by hand, not in CTest.
//   query-bench [--quick]
#include "bench/benchstats.h"
#include "common/privacy.h"
#include "devices/devicemanager.h"
#include "devices/simulator/simulatedsam.h"
#include "kiosk/query/queryservice.h"
#include "kiosk/query/recordquery.h"
#include "kiosk/ui/documentpreviewprovider.h"
#include "services/platform/platformclient.h"
#include "services/platform/queryclient.h"
#include "services/simulation/devpki.h"
#include "services/simulation/referenceplatform.h"
#include "tests/support/ippeveprinter.h"

#include <QDeadlineTimer>
#include <QGuiApplication>
#include <QImage>

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

/** Serves events until @p done, or @p timeoutMs. */
template<typename F>
bool waitFor(F done, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!done() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 20);
    return done();
}

/**
 * Tap-to-job-done, as a resident lives it, for RS-0023 (a 2-page sealed PDF): the tap on the
 * item (RecordQuery::begin: the signed call, the digest check, page 1 rendered for the preview
 * at the screen's width), then the tap on 打印 (RecordQuery::print) until the terminal knows the
 * job completed at the printer. The driver keeps its own poll interval (1 s while a job prints),
 * as in the field. Returns false when a step failed.
 */
bool tapToJobDone(const platform::PlatformEndpoint &ep, int rounds)
{
    testsupport::IppEvePrinter printer;
    testsupport::IppEvePrinter::Options po;
    po.pagesPerMinute = 30;
    if (const QString error = printer.start(po); !error.isEmpty()) {
        std::printf("\ntap-to-job-done: not measured: %s\n", qPrintable(error));
        return true; // a machine without the printer tools: the query figures above still stand
    }
    devices::DeviceManager devices(false);
    devices::DeviceManager::Options o;
    o.a4Printer = printer.uri();
    devices.setOptions(o);
    devices.start();
    if (!waitFor([&] { return devices.a4PrinterStatus() == devices::DeviceStatus::Normal; }, 15000)) {
        std::fprintf(stderr, "tap-to-job-done: the printer did not come up: %s\n", qPrintable(devices.a4PrinterMessage()));
        return false;
    }
    QueryService service;
    service.setEndpoints({ep});
    RecordQuery query(&service, &devices);
    query.setPlace(QStringLiteral("Bench centre"), QStringLiteral("Terminal 1"), QStringLiteral("T-BENCH"));
    const auto &card = devices::sim::sampleCards().front();
    query.setIdentitySource([&card]() -> std::optional<QueryIdentity> { return QueryIdentity{card.name, card.idNumber, privacy::maskIdNumber(card.idNumber)}; });
    DocumentPreviewProvider preview([&query] { return query.document(); });

    std::printf("\ntap-to-job-done, certificate RS-0023 on ippeveprinter (30 pages/min) at %s, %d rounds\n", qPrintable(printer.uri()), rounds);
    std::vector<double> shown, accepted, done, total;
    for (int i = 0; i < rounds; ++i) {
        const auto tap = Clock::now();
        query.begin(RecordQuery::Kind::Certificate, QStringLiteral("RS-0023"), QStringLiteral("社会保险缴费证明打印"), QString::fromStdString(ep.id), true);
        if (!waitFor([&] { return query.state() != RecordQuery::State::Asking; }, 15000) || query.state() != RecordQuery::State::Answered) {
            std::fprintf(stderr, "tap-to-job-done: the certificate did not come: %s\n", qPrintable(query.message()));
            return false;
        }
        QSize size;
        if (preview.requestImage(QString::number(i), &size, QSize(1000, 0)).isNull()) {
            std::fprintf(stderr, "tap-to-job-done: no preview\n");
            return false;
        }
        const auto onScreen = Clock::now();
        shown.push_back(ms(onScreen - tap));
        if (query.documentPages() != 2) {
            std::fprintf(stderr, "tap-to-job-done: %d pages, not 2\n", query.documentPages());
            return false;
        }
        const QStringList before = printer.spooled();
        const auto printTap = Clock::now();
        query.print();
        const auto returned = Clock::now();
        accepted.push_back(ms(returned - printTap));
        if (!waitFor([&] { return query.printState() != RecordQuery::PrintState::Printing; }, 60000) || query.printState() != RecordQuery::PrintState::Printed) {
            std::fprintf(stderr, "tap-to-job-done: the job did not complete (print state %d)\n", int(query.printState()));
            return false;
        }
        const auto end = Clock::now();
        done.push_back(ms(end - printTap));
        total.push_back(ms(end - tap));
        if (printer.spooled().size() != before.size() + 1) {
            std::fprintf(stderr, "tap-to-job-done: the printer has no new document\n");
            return false;
        }
        query.clear();
    }
    bench::row("tap on the item -> certificate and preview on screen", bench::stats(shown), "ms", "", 56);
    bench::row("tap on Print -> back to the event loop (job handed on)", bench::stats(accepted), "ms", "goal: no visible stall", 56);
    bench::row("tap on Print -> job completed, known on screen", bench::stats(done), "ms", "2 pages at 30/min: 4 s at the printer", 56);
    bench::row("tap on the item -> job completed (no reading time)", bench::stats(total), "ms", "", 56);
    devices.stop();
    printer.stop();
    return true;
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
    const bool printed = tapToJobDone(ep, quick ? 2 : 5);
    server.stop();
    std::filesystem::remove_all(dir);
    return printed ? 0 : 1;
}
