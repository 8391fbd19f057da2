// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "devices/simulator/escposdecoder.h"
#include "devices/simulator/simulateddevice.h"

#include <QString>

#include <functional>
#include <mutex>
#include <vector>

namespace kiosk::devices::sim {

/**
 * A 58 mm ESC/POS receipt printer: decodes what it receives (EscPosDecoder), answers DLE EOT
 * from its paper, cover and cutter state, spends paper as it prints, stops when the roll ends
 * (the rest of the job is lost, as on a real printer), and keeps every cut receipt — rendered to
 * a PNG when an output directory is set.
 */
class SimulatedPrinter : public SimulatedDevice
{
public:
    enum class Paper { Ok, NearEnd, Out };

    SimulatedPrinter();

    void setPaper(Paper paper);
    [[nodiscard]] Paper paper() const;
    /** The roll runs out after @p dots more dots of printing (-1: plenty). */
    void setPaperRemaining(int dots);
    void setCoverOpen(bool open);
    void setCutterJammed(bool jammed);
    /** Where cut receipts are written as receipt-NNNN.png (empty: nowhere). */
    void setOutputDirectory(const QString &dir);
    /** Called (on the writing thread) after each cut receipt, with its PNG path if one was written. */
    void setReceiptCallback(std::function<void(const PrintedReceipt &, const QString &png)> callback);

    [[nodiscard]] std::vector<PrintedReceipt> receipts() const;
    /** What got printed of a receipt that the paper end cut short, if any. */
    [[nodiscard]] std::vector<PrintedReceipt> interruptedReceipts() const;
    [[nodiscard]] QStringList problems() const;
    [[nodiscard]] std::uint8_t statusByte(int n) const;

protected:
    void onHostData(std::span<const std::uint8_t> bytes) override;

private:
    mutable std::mutex m_stateMutex;
    EscPosDecoder m_decoder;
    Paper m_paper = Paper::Ok;
    int m_remaining = -1;
    bool m_coverOpen = false;
    bool m_cutterJammed = false;
    QString m_outputDir;
    std::function<void(const PrintedReceipt &, const QString &)> m_callback;
    std::vector<PrintedReceipt> m_receipts;
    std::vector<PrintedReceipt> m_interrupted;
    std::vector<std::pair<PrintedReceipt, QString>> m_finished; ///< cut during one write, announced after it
    std::vector<int> m_statusRequests;
};

} // namespace kiosk::devices::sim
