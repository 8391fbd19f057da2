// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "devices/scanner/codescanner.h"
#include "devices/simulator/simulateddevice.h"

#include <vector>

namespace kiosk::devices::sim {

/** A code scanner: scan() turns a code into the HID reports the real one sends. */
class SimulatedScanner : public SimulatedDevice
{
public:
    explicit SimulatedScanner(scanner::ScannerProtocol protocol = scanner::ScannerProtocol::HidPos, int reportSize = 64);

    /** Queues the reports for @p code. Keyboard mode types printable ASCII only (false otherwise). */
    bool scan(const QByteArray &code);
    [[nodiscard]] scanner::ScannerProtocol protocol() const { return m_protocol; }
    [[nodiscard]] int reportSize() const { return m_reportSize; }

    /** HID POS scanned-data reports for @p code (56 bytes each, continuation flag in byte 63). */
    [[nodiscard]] static std::vector<QByteArray> hidPosReports(const QByteArray &code, const QByteArray &aim = QByteArrayLiteral("]Q1"));
    /** Boot keyboard reports typing @p code then Enter: press and release per character. */
    [[nodiscard]] static std::optional<std::vector<QByteArray>> keyboardReports(const QByteArray &code);

protected:
    void onHostData(std::span<const std::uint8_t>) override { } // the scanner takes no output

private:
    scanner::ScannerProtocol m_protocol;
    int m_reportSize;
};

} // namespace kiosk::devices::sim
