// SPDX-License-Identifier: GPL-3.0-or-later
// Figures for the device layer: the ID-card driver's own cost of one whole find → select → read
// cycle against the simulated reader (state machine, frame codec, stream transport, text
// decoding; the simulated SAM's own work and latencies are measured apart and subtracted), and
// the time to encode and to decode a receipt.
//
//   build/bin/devices-bench            all figures
//   build/bin/devices-bench --quick    fewer repetitions
#include "devices/idcard/idcardreader.h"
#include "devices/idcard/samtransport.h"
#include "devices/printer/receipt.h"
#include "devices/simulator/simulatedprinter.h"
#include "devices/simulator/simulatedsam.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>

#include "bench/benchstats.h"

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace kiosk::devices;
using namespace std::chrono_literals;

using kiosk::bench::Stats;
using kiosk::bench::stats;

namespace {

void rowW(const char *what, const Stats &s, const char *unit, const char *goal)
{
    kiosk::bench::row(what, s, unit, goal, 58);
}


} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("kiosk.*.info=false"));
    const bool quick = app.arguments().contains(QStringLiteral("--quick"));
    const int cycles = quick ? 200 : 2000;

    // --- ID card: one whole read, driver cost only -----------------------------------------
    auto sam = std::make_shared<sim::SimulatedSam>();
    sam->setPacketSize(64); // the reply arrives in full-speed bulk packets, as from a real reader
    idcard::ReaderStateMachine::Timing timing;
    timing.searchInterval = 1h; // polls are driven by hand below
    timing.presenceInterval = 1h;
    idcard::IdCardReader reader(timing);
    int reads = 0;
    QObject::connect(&reader, &idcard::IdCardReader::cardRead, [&](const idcard::IdCard &card) { reads += card.isValid(); });
    reader.attach(std::make_shared<idcard::StreamSamTransport>(std::make_shared<sim::SimulatedIo>(sam)));

    std::vector<double> driverMs, totalMs, deviceMs;
    for (int i = 0; i < cycles; ++i) {
        sam->insertCard(i % sam->cardCount());
        sam->resetBusyTime();
        QElapsedTimer t;
        t.start();
        reader.pollNow(); // find 9F → select 90 → read 90 → decode → cardRead
        const double total = double(t.nsecsElapsed()) / 1e6;
        const double device = double(sam->busyTime().count()) / 1e6;
        totalMs.push_back(total);
        deviceMs.push_back(device);
        driverMs.push_back(total - device);
        sam->removeCard();
        reader.pollNow(); // presence check fails: card removed, back to searching
    }
    if (reads != cycles) {
        std::fprintf(stderr, "devices-bench: %d of %d cycles read a card\n", reads, cycles);
        return 1;
    }
    std::printf("ID card, %d find/select/read cycles against the simulated reader (64-byte packets, no latency)\n", cycles);
    rowW("  driver's own cost per cycle (total minus device model)", stats(driverMs), "ms", "goal <= 2 ms");
    rowW("  whole cycle including the simulated SAM's work", stats(totalMs), "ms", "");
    rowW("  the simulated SAM's own work (excluded above)", stats(deviceMs), "ms", "");
    reader.detach(kiosk::devices::DeviceError::None, QString());

    // --- Receipt: encode (GS ( k and raster QR) and decode -----------------------------------
    const int receipts = quick ? 50 : 500;
    const printer::ReceiptData data = printer::sampleReceipt();
    for (bool native : {true, false}) {
        printer::PrinterProfile profile;
        profile.nativeQr = native;
        std::vector<double> encodeMs, decodeMs;
        qsizetype bytes = 0;
        for (int i = 0; i < receipts; ++i) {
            QElapsedTimer t;
            t.start();
            const QByteArray job = printer::encodeReceipt(data, profile);
            encodeMs.push_back(double(t.nsecsElapsed()) / 1e6);
            bytes = job.size();
            sim::EscPosDecoder decoder;
            int cut = 0;
            decoder.onCut = [&](const sim::PrintedReceipt &) { ++cut; };
            t.restart();
            decoder.feed({reinterpret_cast<const std::uint8_t *>(job.constData()), std::size_t(job.size())});
            decodeMs.push_back(double(t.nsecsElapsed()) / 1e6);
            if (cut != 1)
                return 1;
        }
        std::printf("Receipt with %s QR, %lld bytes of ESC/POS, %d runs\n", native ? "GS ( k" : "raster", qlonglong(bytes), receipts);
        rowW("  encode (template, GB18030, QR)", stats(encodeMs), "ms", "");
        rowW("  decode in the simulated printer", stats(decodeMs), "ms", "");
    }
    return 0;
}
