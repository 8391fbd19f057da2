// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "devices/a4printer/a4printer.h"
#include "devices/idcard/readerstatemachine.h"
#include "devices/printer/receiptprinter.h"

#include <QString>
#include <QStringList>

#include <chrono>

namespace kiosk::devices {

/** How the device layer runs: driver timing, where to look for devices, simulation. */
struct DeviceOptions {
    idcard::ReaderStateMachine::Timing readerTiming;
    printer::ReceiptPrinter::Timing printerTiming;
    std::chrono::milliseconds scannerReadTimeout{250};
    a4::A4Timing a4Timing;
    /** The A4 printer: a CUPS destination name, an ipp:// URI, empty for the one IPP Everywhere
     *  printer found, or "none" for a terminal without one (config "a4Printer"). */
    QString a4Printer;
    /** Simulator: how long the simulated A4 printer takes per page. */
    std::chrono::milliseconds simulatedA4PageTime{500};
    /** Simulated devices answer with a real reader's latency (demo); off in tests. */
    bool realisticSimulation = true;
    /** Serial lines to probe for SAM readers (built-in COM ports: /dev/ttyS1, …). */
    QStringList serialPorts;
    /** Simulator: write each cut receipt as a PNG here (empty: keep them in memory only). */
    QString receiptOutputDir;
    /** How long to wait for the kernel to create the tty of a USB serial reader. */
    std::chrono::milliseconds ttyWait{3000};
};

} // namespace kiosk::devices
