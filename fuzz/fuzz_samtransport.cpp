// SPDX-License-Identifier: GPL-3.0-or-later
// Each SAM transport's frame assembly, fed by a hostile reader that never stops sending: the input
// is replayed over and over, cut into transfers whose sizes it chooses itself.
//   mode 0: StreamSamTransport::exchange itself (a serial line, the single bulk pair, a
//           simulator), over a scripted DeviceIo;
//   mode 1: the split-endpoint reader's reads (one ≤ 64-byte header transfer, then body transfers);
//   mode 2: the CP2110 HID bridge: interrupt reports → cp2110UartBytes → the assembler, and the
//           request → output reports → UART bytes round trip.
// Bounded buffers: every transport gives up after a bounded number of bytes without a frame
// (at most the noise limit plus the longest frame), whatever the device sends.
#include "devices/idcard/samframe.h"
#include "devices/idcard/samtransport.h"

#include <cstddef>
#include <cstdint>
#include <memory>

using namespace kiosk::devices;
using namespace kiosk::devices::idcard;

namespace {

// The most a transport may take in before it must have given up or finished: noise, one whole
// frame, and the rest of the transfer that completed it.
constexpr std::size_t kBound = FrameAssembler::kMaxSkipped + kMaxFrameSize + StreamSamTransport::kReadChunk;
// Transfers per exchange before the script ends it as a timeout (the real deadline would).
constexpr int kMaxTransfers = 1024;

/** A device that replays the script forever, each transfer's size taken from the script. */
class Script
{
public:
    explicit Script(std::span<const std::uint8_t> s)
        : m_s(s)
    {
    }
    /** The next transfer, at most @p max bytes (empty: a zero-length packet); false once exhausted. */
    bool next(std::span<std::uint8_t> buffer, std::size_t max, std::size_t *n)
    {
        if (m_s.empty() || ++m_transfers > kMaxTransfers)
            return false;
        const std::size_t want = std::min<std::size_t>(take() % 200, std::min(max, buffer.size()));
        for (std::size_t i = 0; i < want; ++i)
            buffer[i] = take();
        *n = want;
        m_served += want;
        return true;
    }
    [[nodiscard]] std::size_t served() const { return m_served; }

private:
    std::uint8_t take()
    {
        const std::uint8_t b = m_s[m_at];
        m_at = (m_at + 1) % m_s.size();
        return b;
    }
    std::span<const std::uint8_t> m_s;
    std::size_t m_at = 0;
    std::size_t m_served = 0;
    int m_transfers = 0;
};

class ScriptedIo : public DeviceIo
{
public:
    explicit ScriptedIo(Script &script)
        : m_script(script)
    {
    }
    IoResult write(std::span<const std::uint8_t> data, std::chrono::milliseconds) override { return {IoError::None, data.size()}; }
    IoResult read(std::span<std::uint8_t> buffer, std::chrono::milliseconds) override
    {
        std::size_t n = 0;
        if (!m_script.next(buffer, buffer.size(), &n))
            return {IoError::Timeout, 0};
        return {IoError::None, n};
    }
    void cancel() override { }
    [[nodiscard]] QString transportName() const override { return QStringLiteral("scripted"); }

private:
    Script &m_script;
};

void checkFrame(const QByteArray &f)
{
    if (f.size() < qsizetype(kHeaderSize) || std::size_t(f.size()) > kMaxFrameSize
        || !std::equal(kPreamble.begin(), kPreamble.end(), reinterpret_cast<const std::uint8_t *>(f.constData())))
        __builtin_trap();
    const std::size_t len = std::size_t(std::uint8_t(f[5])) << 8 | std::uint8_t(f[6]);
    if (std::size_t(f.size()) != kHeaderSize + len)
        __builtin_trap();
    [[maybe_unused]] const auto parsed = parseResponse(bytesOf(f));
}

/** Reads transfers into an assembler as the split and CP2110 transports do, and checks the frame. */
template<typename Read>
void assemble(Read read)
{
    FrameAssembler a;
    std::uint8_t buffer[StreamSamTransport::kReadChunk];
    std::size_t fed = 0;
    while (a.state() == FrameAssembler::State::NeedMore) {
        std::span<const std::uint8_t> got;
        if (!read(buffer, &got))
            break;
        a.feed(got);
        fed += got.size();
        if (fed > kBound)
            __builtin_trap(); // still taking a flood without a frame
        // Noise is dropped as it comes, never stored: only the frame being built is kept.
        if (std::size_t(a.frame().size()) > kMaxFrameSize || (a.state() == FrameAssembler::State::NeedMore && a.skipped() > FrameAssembler::kMaxSkipped))
            __builtin_trap();
    }
    if (a.state() == FrameAssembler::State::Complete)
        checkFrame(a.frame());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 2)
        return 0;
    const std::uint8_t mode = data[0] % 3;
    Script script(std::span(data + 1, size - 1));
    switch (mode) {
    case 0: {
        StreamSamTransport transport(std::make_shared<ScriptedIo>(script));
        QByteArray response;
        const QByteArray request = buildRequest(Command::ReadTextPhoto);
        const IoResult r = transport.exchange(bytesOf(request), response, std::chrono::seconds(30));
        if (script.served() > kBound)
            __builtin_trap(); // the transport kept reading a flood without a frame
        if (r.ok())
            checkFrame(response);
        else if (!response.isEmpty())
            __builtin_trap();
        break;
    }
    case 1: {
        bool first = true;
        assemble([&](std::span<std::uint8_t> buffer, std::span<const std::uint8_t> *got) {
            std::size_t n = 0;
            // The header endpoint is read with a 64-byte buffer, the body endpoint with the whole one.
            if (!script.next(buffer, first ? 64 : buffer.size(), &n))
                return false;
            first = false;
            *got = std::span<const std::uint8_t>(buffer.data(), n);
            return true;
        });
        break;
    }
    case 2: {
        // Input reports of the interrupt IN endpoint's size (64 on every CP2110).
        assemble([&](std::span<std::uint8_t> buffer, std::span<const std::uint8_t> *got) {
            std::size_t n = 0;
            if (!script.next(buffer, 64, &n))
                return false;
            *got = cp2110UartBytes(std::span<const std::uint8_t>(buffer.data(), n));
            if (got->size() > Cp2110SamTransport::kMaxPayload || (!got->empty() && (got->data() != buffer.data() + 1 || got->size() != buffer[0])))
                __builtin_trap();
            return true;
        });
        // And what the host sends: reports of any endpoint size carry the bytes back unchanged.
        const std::span<const std::uint8_t> request(data + 1, size - 1);
        const std::size_t reportSize = data[size - 1];
        QByteArray back;
        for (const auto &report : cp2110Reports(request, reportSize)) {
            if (report.size() != std::max<std::size_t>(reportSize, 2))
                __builtin_trap();
            const auto bytes = cp2110UartBytes(report);
            back.append(reinterpret_cast<const char *>(bytes.data()), qsizetype(bytes.size()));
        }
        if (back != QByteArray(reinterpret_cast<const char *>(request.data()), qsizetype(request.size())))
            __builtin_trap();
        break;
    }
    }
    return 0;
}
