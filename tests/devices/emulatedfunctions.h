// SPDX-License-Identifier: GPL-3.0-or-later
// Live USB devices for the umockdev tests: the simulators' device models behind real endpoints,
// so the libusb transports are exercised against the same behaviour the simulators have.
#pragma once

#include "umockdevice.h"

#include "devices/simulator/simulatedprinter.h"
#include "devices/simulator/simulatedsam.h"
#include "devices/simulator/simulatedscanner.h"

#include <mutex>
#include <vector>

namespace kiosk::test {

namespace sim = kiosk::devices::sim;

inline std::span<const std::uint8_t> bytesOf(const QByteArray &a)
{
    return {reinterpret_cast<const std::uint8_t *>(a.constData()), std::size_t(a.size())};
}

/** Descriptors (device + configuration), hex, as sysfs "descriptors" holds them. */
namespace descriptors {
// 0400:c35a firmware B: vendor interface, bulk 0x02 OUT / 0x81 IN.
inline const QByteArray samBulk = "120100020000004000045ac3000101020301"
                                  "09022000010100803209040000" "02ff000000"
                                  "0705020240000007058102400000";
// 0400:c35a firmware A: header 0x02/0x81, body 0x06/0x85.
inline const QByteArray samSplit = "120100020000004000045ac3000101020301"
                                   "09022e00010100803209040000" "04ff000000"
                                   "07050202400000" "07050602400000" "07058102400000" "07058502400000";
// 10c4:ea80 CP2110: HID interface, interrupt 0x81 IN / 0x02 OUT, 64-byte reports.
inline const QByteArray samCp2110 = "1201000200000040c41080ea000101020301"
                                    "0902290001010080320904000002030000000921110100012222000705810340000107050203400001";
// 0416:5011 printer class 7/1/2: bulk 0x01 OUT / 0x82 IN.
inline const QByteArray printer = "12010002000000401604115000010102030109022000010100803209040000020701020007050102400000"
                                  "07058202400000";
// 067e:0809 HID POS scanner: interrupt 0x81 IN, 64-byte reports.
inline const QByteArray scannerPos = "12010002000000407e060908000101020301"
                                     "090222000101008032090400000103000000092111010001222500070581034000" "01";
} // namespace descriptors

/** The simulated SAM behind one of the three USB transports a reader may have. */
class SamFunction : public UsbFunction
{
public:
    enum class Wiring { Bulk, Split, Cp2110 };

    SamFunction(std::shared_ptr<sim::SimulatedSam> sam, Wiring wiring)
        : m_sam(std::move(sam))
        , m_wiring(wiring)
    {
        // Whole frames from the model; this function cuts them as the wiring does.
        m_sam->setPacketSize(0);
    }
    void out(std::uint8_t endpoint, const QByteArray &data) override
    {
        if (m_wiring == Wiring::Cp2110) {
            // Report ID = number of UART bytes that follow.
            const int n = data.isEmpty() ? 0 : std::uint8_t(data[0]);
            if (endpoint == 0x02 && n > 0 && n < data.size())
                m_sam->hostWrite(bytesOf(data.mid(1, n)));
            return;
        }
        std::lock_guard lock(m_mutex);
        m_outEndpoints.push_back(endpoint);
        m_sam->hostWrite(bytesOf(data));
    }
    std::optional<QByteArray> in(std::uint8_t endpoint, int max) override
    {
        std::lock_guard lock(m_mutex);
        switch (m_wiring) {
        case Wiring::Bulk:
            if (endpoint != 0x81)
                return std::nullopt;
            return m_sam->tryTake(std::size_t(max));
        case Wiring::Split:
            if (endpoint == 0x81) { // the 7-byte header alone; the rest waits on 0x85
                auto frame = m_sam->tryTake(1 << 16);
                if (!frame)
                    return std::nullopt;
                m_body += frame->mid(7);
                return frame->left(7);
            }
            if (endpoint == 0x85 && !m_body.isEmpty()) {
                const QByteArray part = m_body.left(max);
                m_body.remove(0, part.size());
                return part;
            }
            return std::nullopt;
        case Wiring::Cp2110: {
            if (endpoint != 0x81)
                return std::nullopt;
            auto bytes = m_sam->tryTake(63);
            if (!bytes)
                return std::nullopt;
            QByteArray report(64, '\0');
            report[0] = char(bytes->size());
            report.replace(1, bytes->size(), *bytes);
            return report;
        }
        }
        return std::nullopt;
    }
    std::optional<QByteArray> control(std::uint8_t requestType, std::uint8_t request, std::uint16_t value, std::uint16_t,
                                      const QByteArray &data) override
    {
        std::lock_guard lock(m_mutex);
        m_controls.push_back({requestType, request, value, data});
        return QByteArray();
    }
    void plugged(bool plugged) override
    {
        m_sam->setPlugged(plugged);
        std::lock_guard lock(m_mutex);
        m_body.clear();
    }
    struct Control {
        std::uint8_t requestType;
        std::uint8_t request;
        std::uint16_t value;
        QByteArray data;
    };
    std::vector<Control> controls() const
    {
        std::lock_guard lock(m_mutex);
        return m_controls;
    }
    std::vector<std::uint8_t> outEndpoints() const
    {
        std::lock_guard lock(m_mutex);
        return m_outEndpoints;
    }

private:
    std::shared_ptr<sim::SimulatedSam> m_sam;
    Wiring m_wiring;
    mutable std::mutex m_mutex;
    QByteArray m_body;
    std::vector<Control> m_controls;
    std::vector<std::uint8_t> m_outEndpoints;
};

/** The simulated printer on bulk 0x01 OUT / 0x82 IN. */
class PrinterFunction : public UsbFunction
{
public:
    explicit PrinterFunction(std::shared_ptr<sim::SimulatedPrinter> printer)
        : m_printer(std::move(printer))
    {
    }
    void out(std::uint8_t endpoint, const QByteArray &data) override
    {
        if (endpoint == 0x01)
            m_printer->hostWrite(bytesOf(data));
    }
    std::optional<QByteArray> in(std::uint8_t endpoint, int max) override
    {
        if (endpoint != 0x82)
            return std::nullopt;
        return m_printer->tryTake(std::size_t(max));
    }
    void plugged(bool plugged) override { m_printer->setPlugged(plugged); }

private:
    std::shared_ptr<sim::SimulatedPrinter> m_printer;
};

/** The simulated scanner on interrupt 0x81 IN, answering GET_DESCRIPTOR(report) and SET_PROTOCOL. */
class ScannerFunction : public UsbFunction
{
public:
    ScannerFunction(std::shared_ptr<sim::SimulatedScanner> scanner, QByteArray reportDescriptor)
        : m_scanner(std::move(scanner))
        , m_reportDescriptor(std::move(reportDescriptor))
    {
    }
    void out(std::uint8_t, const QByteArray &) override { }
    std::optional<QByteArray> in(std::uint8_t endpoint, int max) override
    {
        if (endpoint != 0x81)
            return std::nullopt;
        return m_scanner->tryTake(std::size_t(max));
    }
    std::optional<QByteArray> control(std::uint8_t requestType, std::uint8_t request, std::uint16_t value, std::uint16_t,
                                      const QByteArray &) override
    {
        if (requestType == 0x81 && request == 0x06 && value == 0x2200)
            return m_reportDescriptor;
        if (requestType == 0x21 && request == 0x0B) {
            std::lock_guard lock(m_mutex);
            m_setProtocol = value;
            return QByteArray();
        }
        return std::nullopt; // stall anything else
    }
    void plugged(bool plugged) override { m_scanner->setPlugged(plugged); }
    int setProtocol() const
    {
        std::lock_guard lock(m_mutex);
        return m_setProtocol;
    }

private:
    std::shared_ptr<sim::SimulatedScanner> m_scanner;
    QByteArray m_reportDescriptor;
    mutable std::mutex m_mutex;
    int m_setProtocol = -1;
};

} // namespace kiosk::test
