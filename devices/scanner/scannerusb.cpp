// SPDX-License-Identifier: GPL-3.0-or-later
// The scanner's transport: which HID interface, which protocol (the HID POS probe), and the
// simulated scanner. Everything USB-specific about scanners is here.
#include "devices/deviceslogging.h"
#include "devices/driverregistry.h"
#include "devices/scanner/codescanner.h"
#include "devices/simulator/simulatedscanner.h"
#include "devices/usb/usbhandle.h"

#include <algorithm>

namespace kiosk::devices::scanner {

using namespace std::chrono_literals;

DriverPlug driverPlug()
{
    return {
        .kind = DeviceKind::CodeScanner,
        .create = [](const DeviceOptions &o) -> DeviceDriver * {
            auto *s = new CodeScanner;
            s->setReadTimeout(o.scannerReadTimeout);
            return s;
        },
        .needsTty = nullptr,
        .unpluggedDetail = "code scanner disconnected: check its USB cable",
        .configured = nullptr,
    };
}

std::optional<ScannerProtocol> chooseScannerProtocol(std::uint32_t quirks, int subClass, int protocol,
                                                     std::optional<std::span<const std::uint8_t>> reportDescriptor)
{
    if (quirks & usb::ScannerKeyboard)
        return ScannerProtocol::Keyboard;
    if (quirks & usb::ScannerHidPos)
        return ScannerProtocol::HidPos;
    // Not told by the table: the report descriptor says (usage page 0x8C, bar code scanner).
    const auto pages = reportDescriptor ? hidUsagePages(*reportDescriptor) : std::nullopt;
    if (pages && std::find(pages->begin(), pages->end(), kBarCodeScannerPage) != pages->end())
        return ScannerProtocol::HidPos;
    if (subClass == 1 && protocol == 1)
        return ScannerProtocol::Keyboard;
    return std::nullopt;
}

void CodeScanner::open(const DeviceCandidate &c)
{
    QString error;
    std::shared_ptr<DeviceIo> io;
    auto protocol = ScannerProtocol::HidPos;
    int reportSize = 64;
    QString name;
    if (auto *simulated = dynamic_cast<sim::SimulatedScanner *>(c.simulated.get())) {
        io = std::make_shared<sim::SimulatedIo>(c.simulated, QStringLiteral("simulated-hid-pos"));
        protocol = simulated->protocol();
        reportSize = simulated->reportSize();
        name = QStringLiteral("simulated-hid-pos");
    } else if (c.usb) {
        const usb::UsbInterface *itf = c.usb->interface(c.match.interfaceNumber);
        const auto ins = itf ? itf->endpointsOf(usb::TransferType::Interrupt, true) : std::vector<usb::UsbEndpoint>{};
        std::shared_ptr<usb::UsbHandle> handle;
        if (ins.empty())
            error = QStringLiteral("the scanner interface has no interrupt IN endpoint");
        else
            handle = usb::UsbHandle::open(*c.usb, c.match.interfaceNumber, &error);
        if (handle) {
            const auto index = std::uint16_t(c.match.interfaceNumber);
            std::optional<std::span<const std::uint8_t>> reportDescriptor;
            std::vector<std::uint8_t> descriptor(std::size_t(std::max(0, itf->hidReportDescriptorLength())));
            if (!(c.quirks & (usb::ScannerKeyboard | usb::ScannerHidPos)) && !descriptor.empty()) {
                // GET_DESCRIPTOR (report, type 0x22) on the interface.
                const IoResult r = handle->control(0x81, 0x06, 0x2200, index, descriptor, 500ms);
                if (r.ok())
                    reportDescriptor = std::span<const std::uint8_t>(descriptor.data(), r.transferred);
            }
            const auto chosen = chooseScannerProtocol(c.quirks, itf->subClass, itf->protocol, reportDescriptor);
            if (!chosen) {
                error = QStringLiteral("neither a HID POS scanner nor a boot keyboard");
            } else {
                protocol = *chosen;
                if (protocol == ScannerProtocol::Keyboard && itf->subClass == 1) {
                    // SET_PROTOCOL(boot): the 8-byte report layout the decoder reads.
                    [[maybe_unused]] const IoResult r = handle->control(0x21, 0x0B, 0, index, {}, 500ms);
                }
                reportSize = ins.front().maxPacketSize;
                io = std::make_shared<usb::UsbEndpointIo>(handle, 0, ins.front().address, usb::TransferType::Interrupt);
                name = io->transportName() + (protocol == ScannerProtocol::HidPos ? QStringLiteral("-hid-pos") : QStringLiteral("-keyboard"));
            }
        }
    }
    if (!io) {
        Q_EMIT openFailed(c.key, DeviceError::CannotOpen, error);
        return;
    }
    Q_EMIT opened(c.key, name);
    attach(io, protocol, reportSize);
}

} // namespace kiosk::devices::scanner
