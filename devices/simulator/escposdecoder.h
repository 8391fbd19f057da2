// SPDX-License-Identifier: GPL-3.0-or-later
// The simulated printer's brain: decodes an ESC/POS byte stream back into what a printer would
// put on paper. Incremental (commands may be split across writes) and total: unknown or broken
// commands are recorded as problems and skipped, never a crash. What it yields (PrintedReceipt)
// and how that is drawn live in printedreceipt.h.
#pragma once

#include "devices/printer/escposencoder.h"
#include "devices/simulator/printedreceipt.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>
#include <span>
#include <vector>

namespace kiosk::devices::sim {

class EscPosDecoder
{
public:
    /** Called for every element as it is printed. */
    std::function<void(const PrintedElement &)> onElement;
    /** Called on GS V with the receipt since the previous cut. */
    std::function<void(const PrintedReceipt &)> onCut;
    /** Called for DLE EOT n, which a printer answers at once, even while stopped. */
    std::function<void(int n)> onStatusRequest;

    void feed(std::span<const std::uint8_t> bytes);
    /** Drops a half-received command and the unfinished receipt (ESC @ and paper-out do this). */
    void reset();
    /** The receipt printed since the last cut. */
    [[nodiscard]] const PrintedReceipt &current() const { return m_receipt; }
    [[nodiscard]] const QStringList &problems() const { return m_problems; }
    /** While false, print data is swallowed unprinted (paper out); real-time commands still work. */
    void setPrinting(bool printing) { m_printing = printing; }

private:
    /** Tries to decode one command at m_buffer[base]; returns bytes used, 0 if it needs more. */
    std::size_t step(std::size_t base);
    void flushLine(bool force);
    void emitElement(PrintedElement e);
    void problem(const QString &what);

    QByteArray m_buffer;
    QByteArray m_lineBytes;
    std::vector<TextRun> m_runs;
    bool m_bold = false;
    int m_width = 1;
    int m_height = 1;
    bool m_twoByte = false;
    printer::Align m_align = printer::Align::Left;
    QByteArray m_qrData;
    int m_qrModule = 3;
    printer::QrEcc m_qrEcc = printer::QrEcc::L;
    PrintedReceipt m_receipt;
    QStringList m_problems;
    bool m_printing = true;
};

} // namespace kiosk::devices::sim
