// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/idcard/samtransport.h"
#include "devices/deviceslogging.h"
#include "devices/usb/usbhandle.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace kiosk::devices::idcard {

using namespace std::chrono;
using usb::TransferType;

namespace {

milliseconds left(steady_clock::time_point deadline)
{
    return std::max(milliseconds(1), duration_cast<milliseconds>(deadline - steady_clock::now()));
}

bool expired(steady_clock::time_point deadline)
{
    return steady_clock::now() >= deadline;
}

/** Overwrites a read buffer on the stack when the exchange ends: it held the card's bytes. */
template<std::size_t N>
struct WipedOnExit {
    std::uint8_t bytes[N];
    ~WipedOnExit() { explicit_bzero(bytes, N); }
};

// HID class requests (HID 1.11 §7.2).
constexpr std::uint8_t kHidSetReport = 0x09;
constexpr std::uint8_t kHidFeatureReport = 0x03;
// bmRequestType: host-to-device, class, interface.
constexpr std::uint8_t kClassInterfaceOut = 0x21;

} // namespace

milliseconds commandTimeout(Command command)
{
    switch (command) {
    case Command::ResetSam: return milliseconds(1000);
    case Command::ReadTextPhoto: return milliseconds(3500);
    case Command::ReadTextPhotoFingerprint: return milliseconds(4500);
    case Command::ReadAppendedAddress: return milliseconds(1000);
    case Command::SamStatus:
    case Command::SamId:
    case Command::FindCard:
    case Command::SelectCard:
    case Command::SetMaxRfFrame: break;
    }
    return milliseconds(500);
}

StreamSamTransport::StreamSamTransport(std::shared_ptr<DeviceIo> io, QString name)
    : m_io(std::move(io))
    , m_name(name.isEmpty() ? m_io->transportName() : std::move(name))
{
}

IoResult StreamSamTransport::exchange(std::span<const std::uint8_t> request, QByteArray &response, milliseconds timeout)
{
    const auto deadline = steady_clock::now() + timeout;
    response.clear();
    m_io->discardInput();
    if (IoResult w = m_io->write(request, timeout); !w.ok())
        return w;
    FrameAssembler assembler;
    WipedOnExit<kReadChunk> buffer;
    std::span<std::uint8_t> chunk(buffer.bytes);
    while (assembler.state() == FrameAssembler::State::NeedMore) {
        if (expired(deadline))
            return {IoError::Timeout, std::size_t(assembler.frame().size())};
        const IoResult r = m_io->read(chunk, left(deadline));
        if (!r.ok())
            return r;
        assembler.feed(chunk.first(r.transferred));
    }
    if (assembler.state() == FrameAssembler::State::Error) {
        qCWarning(lcIdCard) << "no frame in the reader's reply:" << assembler.skipped() << "bytes of noise";
        return {IoError::Io, 0};
    }
    if (assembler.extra())
        qCDebug(lcIdCard) << assembler.extra() << "bytes after the reply frame dropped";
    response = assembler.frame();
    return {IoError::None, std::size_t(response.size())};
}

SplitSamTransport::SplitSamTransport(std::shared_ptr<usb::UsbHandle> handle, std::uint8_t headerOut, std::uint8_t bodyOut,
                                     std::uint8_t headerIn, std::uint8_t bodyIn)
    : m_handle(std::move(handle))
    , m_headerOut(headerOut)
    , m_bodyOut(bodyOut)
    , m_headerIn(headerIn)
    , m_bodyIn(bodyIn)
{
}

void SplitSamTransport::cancel()
{
    m_handle->cancel();
}

IoResult SplitSamTransport::exchange(std::span<const std::uint8_t> request, QByteArray &response, milliseconds timeout)
{
    const auto deadline = steady_clock::now() + timeout;
    response.clear();
    if (request.size() < kHeaderSize)
        return {IoError::Io, 0};
    std::vector<std::uint8_t> header(request.begin(), request.begin() + kHeaderSize);
    std::vector<std::uint8_t> body(request.begin() + kHeaderSize, request.end());
    if (IoResult r = m_handle->transfer(m_headerOut, TransferType::Bulk, header, left(deadline)); !r.ok())
        return r;
    if (IoResult r = m_handle->transfer(m_bodyOut, TransferType::Bulk, body, left(deadline)); !r.ok())
        return r;

    // The reply's header comes alone from the header endpoint; its LEN says how much body follows.
    WipedOnExit<StreamSamTransport::kReadChunk> wiped;
    std::span<std::uint8_t> buffer(wiped.bytes);
    IoResult r = m_handle->transfer(m_headerIn, TransferType::Bulk, buffer.first(64), left(deadline));
    if (!r.ok())
        return r;
    FrameAssembler assembler;
    assembler.feed(buffer.first(r.transferred));
    while (assembler.state() == FrameAssembler::State::NeedMore) {
        if (expired(deadline))
            return {IoError::Timeout, 0};
        r = m_handle->transfer(m_bodyIn, TransferType::Bulk, buffer, left(deadline));
        if (!r.ok())
            return r;
        assembler.feed(buffer.first(r.transferred));
    }
    if (assembler.state() == FrameAssembler::State::Error)
        return {IoError::Io, 0};
    response = assembler.frame();
    return {IoError::None, std::size_t(response.size())};
}

Cp2110SamTransport::Cp2110SamTransport(std::shared_ptr<usb::UsbHandle> handle, usb::UsbEndpoint in, usb::UsbEndpoint out)
    : m_handle(std::move(handle))
    , m_in(in)
    , m_out(out)
{
}

std::unique_ptr<Cp2110SamTransport> Cp2110SamTransport::open(std::shared_ptr<usb::UsbHandle> handle, const usb::UsbInterface &itf,
                                                             QString *error)
{
    const auto ins = itf.endpointsOf(TransferType::Interrupt, true);
    const auto outs = itf.endpointsOf(TransferType::Interrupt, false);
    if (ins.empty() || outs.empty()) {
        if (error)
            *error = QStringLiteral("the HID interface has no interrupt IN/OUT endpoint pair");
        return {};
    }
    const auto index = std::uint16_t(handle->interfaceNumber());
    auto setFeature = [&](std::vector<std::uint8_t> report) {
        return handle->control(kClassInterfaceOut, kHidSetReport, std::uint16_t(kHidFeatureReport << 8 | report[0]), index,
                               report, milliseconds(500));
    };
    // Enable the UART, then 115200 bit/s (big-endian), no parity, no flow control, 8 data bits
    // (code 3), 1 stop bit (code 0) — layout from AN434 / libsigrok's serial_hid_cp2110.c.
    if (IoResult r = setFeature({kReportEnableUart, 0x01}); !r.ok()) {
        if (error)
            *error = QStringLiteral("cannot enable the CP2110 UART (%1)").arg(ioErrorName(r.error));
        return {};
    }
    if (IoResult r = setFeature({kReportUartConfig, 0x00, 0x01, 0xC2, 0x00, 0x00, 0x00, 0x03, 0x00}); !r.ok()) {
        if (error)
            *error = QStringLiteral("cannot configure the CP2110 UART (%1)").arg(ioErrorName(r.error));
        return {};
    }
    return std::unique_ptr<Cp2110SamTransport>(new Cp2110SamTransport(std::move(handle), ins.front(), outs.front()));
}

void Cp2110SamTransport::cancel()
{
    m_handle->cancel();
}

IoResult Cp2110SamTransport::exchange(std::span<const std::uint8_t> request, QByteArray &response, milliseconds timeout)
{
    const auto deadline = steady_clock::now() + timeout;
    response.clear();
    for (auto &report : cp2110Reports(request, m_out.maxPacketSize)) {
        if (IoResult r = m_handle->transfer(m_out.address, TransferType::Interrupt, report, left(deadline)); !r.ok())
            return r;
    }
    FrameAssembler assembler;
    std::vector<std::uint8_t> report(std::max<std::size_t>(m_in.maxPacketSize, 2));
    struct Wipe {
        std::vector<std::uint8_t> &bytes;
        ~Wipe() { explicit_bzero(bytes.data(), bytes.size()); }
    } wipe{report};
    while (assembler.state() == FrameAssembler::State::NeedMore) {
        if (expired(deadline))
            return {IoError::Timeout, 0};
        const IoResult r = m_handle->transfer(m_in.address, TransferType::Interrupt, report, left(deadline));
        if (!r.ok())
            return r;
        assembler.feed(cp2110UartBytes(std::span(report.data(), std::min(r.transferred, report.size()))));
    }
    if (assembler.state() == FrameAssembler::State::Error)
        return {IoError::Io, 0};
    response = assembler.frame();
    return {IoError::None, std::size_t(response.size())};
}

std::span<const std::uint8_t> cp2110UartBytes(std::span<const std::uint8_t> report)
{
    if (report.empty())
        return {};
    // Report ID = number of UART bytes that follow; anything else is a status report.
    const std::size_t n = report[0];
    if (n == 0 || n > Cp2110SamTransport::kMaxPayload || n + 1 > report.size())
        return {};
    return report.subspan(1, n);
}

std::vector<std::vector<std::uint8_t>> cp2110Reports(std::span<const std::uint8_t> bytes, std::size_t reportSize)
{
    reportSize = std::max<std::size_t>(reportSize, 2);
    const std::size_t perReport = std::min(Cp2110SamTransport::kMaxPayload, reportSize - 1);
    std::vector<std::vector<std::uint8_t>> reports;
    for (std::size_t at = 0; at < bytes.size(); at += perReport) {
        const std::size_t n = std::min(perReport, bytes.size() - at);
        auto &report = reports.emplace_back(reportSize, 0);
        report[0] = std::uint8_t(n);
        std::copy_n(bytes.begin() + std::ptrdiff_t(at), n, report.begin() + 1);
    }
    return reports;
}

std::unique_ptr<SamTransport> openUsbSamTransport(const usb::UsbDeviceInfo &info, const usb::Match &match, QString *error)
{
    const usb::UsbInterface *itf = info.interface(match.interfaceNumber);
    if (!itf) {
        if (error)
            *error = QStringLiteral("interface %1 not found").arg(match.interfaceNumber);
        return {};
    }
    const std::uint32_t quirks = match.row ? match.row->quirks : 0;
    const auto bulkOut = itf->endpointsOf(TransferType::Bulk, false);
    const auto bulkIn = itf->endpointsOf(TransferType::Bulk, true);
    const bool split = (quirks & usb::SamSplitEndpoints) && bulkOut.size() == 2 && bulkIn.size() == 2;
    if (!(quirks & usb::SamOverCp2110) && !split && (bulkOut.empty() || bulkIn.empty())) {
        if (error)
            *error = QStringLiteral("no bulk endpoint pair to talk to the SAM");
        return {};
    }
    auto handle = usb::UsbHandle::open(info, match.interfaceNumber, error);
    if (!handle)
        return {};
    if (quirks & usb::SamOverCp2110) {
        auto t = Cp2110SamTransport::open(handle, *itf, error);
        return t;
    }
    if (split) {
        // Header endpoints are the lower-numbered of each pair (0x02/0x81), bodies the higher
        // (0x06/0x85) on the readers seen so far; the order, not the numbers, is relied upon.
        auto byNumber = [](const usb::UsbEndpoint &a, const usb::UsbEndpoint &b) { return (a.address & 0x0F) < (b.address & 0x0F); };
        const auto [ho, bo] = std::minmax(bulkOut[0], bulkOut[1], byNumber);
        const auto [hi, bi] = std::minmax(bulkIn[0], bulkIn[1], byNumber);
        return std::make_unique<SplitSamTransport>(handle, ho.address, bo.address, hi.address, bi.address);
    }
    return std::make_unique<StreamSamTransport>(
        std::make_shared<usb::UsbEndpointIo>(handle, bulkOut.front().address, bulkIn.front().address, TransferType::Bulk));
}

} // namespace kiosk::devices::idcard
