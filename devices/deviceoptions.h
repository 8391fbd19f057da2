// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

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
