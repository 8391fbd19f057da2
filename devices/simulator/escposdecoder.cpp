// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/simulator/escposdecoder.h"

#include <QImage>
#include <QStringDecoder>

#include <algorithm>

namespace kiosk::devices::sim {

using printer::Align;
using printer::QrEcc;

namespace {

constexpr int kMaxProblems = 64;
/** Bigger rasters than this are not from a receipt printer driver: refuse rather than allocate. */
constexpr int kMaxRasterBytes = 1 << 22;

QString decodeText(const QByteArray &bytes, bool twoByte)
{
    if (!twoByte)
        return QString::fromLatin1(bytes);
    QStringDecoder gb("GB18030");
    return gb.isValid() ? gb.decode(bytes) : QString::fromLatin1(bytes);
}

} // namespace

void EscPosDecoder::reset()
{
    m_buffer.clear();
    m_lineBytes.clear();
    m_runs.clear();
    m_bold = false;
    m_width = m_height = 1;
    m_twoByte = false;
    m_align = Align::Left;
    m_qrData.clear();
    m_qrModule = 3;
    m_qrEcc = QrEcc::L;
    m_receipt = {};
}

void EscPosDecoder::problem(const QString &what)
{
    if (m_problems.size() < kMaxProblems)
        m_problems << what;
}

void EscPosDecoder::emitElement(PrintedElement e)
{
    if (!m_printing)
        return;
    m_receipt.elements.push_back(e);
    if (onElement)
        onElement(m_receipt.elements.back());
}

void EscPosDecoder::flushLine(bool force)
{
    if (!m_lineBytes.isEmpty()) {
        m_runs.push_back({decodeText(m_lineBytes, m_twoByte), m_bold, m_width, m_height});
        m_lineBytes.clear();
    }
    if (m_runs.empty() && !force)
        return;
    PrintedElement e;
    e.kind = PrintedElement::Kind::Text;
    e.align = m_align;
    e.runs = std::move(m_runs);
    m_runs.clear();
    emitElement(std::move(e));
}

void EscPosDecoder::feed(std::span<const std::uint8_t> bytes)
{
    m_buffer.append(reinterpret_cast<const char *>(bytes.data()), qsizetype(bytes.size()));
    std::size_t at = 0;
    while (at < std::size_t(m_buffer.size())) {
        const std::size_t used = step(at);
        if (used == 0)
            break; // an incomplete command: wait for more bytes
        at += used;
    }
    m_buffer.remove(0, qsizetype(at));
}

std::size_t EscPosDecoder::step(std::size_t base)
{
    const auto n = std::size_t(m_buffer.size()) - base;
    auto b = [&](std::size_t i) { return std::uint8_t(m_buffer[qsizetype(base + i)]); };
    // Closes the text run before an attribute changes.
    auto closeRun = [&] {
        if (!m_lineBytes.isEmpty()) {
            m_runs.push_back({decodeText(m_lineBytes, m_twoByte), m_bold, m_width, m_height});
            m_lineBytes.clear();
        }
    };
    const std::uint8_t c = b(0);
    switch (c) {
    case 0x0A: flushLine(true); return 1;
    case 0x0D: return 1;
    case 0x09: m_lineBytes.append("    "); return 1;
    case 0x10: // DLE: real-time commands
        if (n < 3)
            return 0;
        if (b(1) == 0x04) {
            if (onStatusRequest)
                onStatusRequest(b(2));
            return 3;
        }
        if (b(1) == 0x05)
            return 3;
        if (b(1) == 0x14)
            return n < 5 ? 0 : 5;
        problem(QStringLiteral("unknown DLE 0x%1").arg(b(1), 2, 16, QLatin1Char('0')));
        return 1;
    case 0x1B: // ESC
        if (n < 2)
            return 0;
        switch (b(1)) {
        case '@':
            m_lineBytes.clear();
            m_runs.clear();
            m_bold = false;
            m_width = m_height = 1;
            m_twoByte = false;
            m_align = Align::Left;
            if (!m_receipt.elements.empty() && !m_receipt.cut)
                m_receipt = {}; // an unfinished receipt is abandoned by the reset
            return 2;
        case '2': return 2;
        case 'E':
            if (n < 3)
                return 0;
            closeRun();
            m_bold = b(2) & 1;
            return 3;
        case 'a':
            if (n < 3)
                return 0;
            switch (b(2)) {
            case 1:
            case '1': m_align = Align::Center; break;
            case 2:
            case '2': m_align = Align::Right; break;
            default: m_align = Align::Left; break;
            }
            return 3;
        case '!':
            if (n < 3)
                return 0;
            closeRun();
            m_bold = b(2) & 0x08;
            m_height = b(2) & 0x10 ? 2 : 1;
            m_width = b(2) & 0x20 ? 2 : 1;
            return 3;
        case 'd':
        case 'J': {
            if (n < 3)
                return 0;
            flushLine(false);
            PrintedElement e;
            e.kind = PrintedElement::Kind::Feed;
            e.lines = b(1) == 'd' ? b(2) : (b(2) + kLineDots - 1) / kLineDots;
            emitElement(std::move(e));
            return 3;
        }
        case '-':
        case '3':
        case 'G':
        case 'M':
        case 'R':
        case 't':
        case 'U':
        case 'V':
        case '{':
        case ' ': return n < 3 ? 0 : 3;
        case 'c': return n < 4 ? 0 : 4;
        case 'p': return n < 5 ? 0 : 5;
        default:
            problem(QStringLiteral("unknown ESC 0x%1").arg(b(1), 2, 16, QLatin1Char('0')));
            return 2;
        }
    case 0x1C: // FS
        if (n < 2)
            return 0;
        switch (b(1)) {
        case '&':
            closeRun();
            m_twoByte = true;
            return 2;
        case '.':
            closeRun();
            m_twoByte = false;
            return 2;
        case '!':
        case 'C':
        case 'W': return n < 3 ? 0 : 3;
        case 'p': return n < 4 ? 0 : 4;
        default:
            problem(QStringLiteral("unknown FS 0x%1").arg(b(1), 2, 16, QLatin1Char('0')));
            return 2;
        }
    case 0x1D: // GS
        if (n < 2)
            return 0;
        switch (b(1)) {
        case '!':
            if (n < 3)
                return 0;
            closeRun();
            m_width = ((b(2) >> 4) & 7) + 1;
            m_height = (b(2) & 7) + 1;
            return 3;
        case 'V': {
            if (n < 3)
                return 0;
            const std::uint8_t m = b(2);
            const bool withFeed = m == 65 || m == 66;
            if (withFeed && n < 4)
                return 0;
            flushLine(false);
            if (m_printing) {
                m_receipt.cut = true;
                m_receipt.partialCut = m == 1 || m == 49 || m == 66;
                if (onCut)
                    onCut(m_receipt);
                m_receipt = {};
            }
            return withFeed ? 4 : 3;
        }
        case 'v': {
            if (n < 8)
                return 0;
            const int widthBytes = b(4) | b(5) << 8;
            const int height = b(6) | b(7) << 8;
            const long long size = 1LL * widthBytes * height;
            if (b(2) != '0' || size > kMaxRasterBytes) {
                problem(QStringLiteral("bad raster header"));
                return 8;
            }
            if (n < 8 + std::size_t(size))
                return 0;
            flushLine(false);
            QImage img(std::max(1, widthBytes * 8), std::max(1, height), QImage::Format_Grayscale8);
            img.fill(255);
            for (int y = 0; y < height; ++y) {
                uchar *row = img.scanLine(y);
                for (int xb = 0; xb < widthBytes; ++xb) {
                    const std::uint8_t v = b(8 + std::size_t(y) * std::size_t(widthBytes) + std::size_t(xb));
                    for (int bit = 0; bit < 8; ++bit) {
                        if (v & (0x80 >> bit))
                            row[xb * 8 + bit] = 0;
                    }
                }
            }
            PrintedElement e;
            e.kind = PrintedElement::Kind::Raster;
            e.align = m_align;
            e.image = img;
            emitElement(std::move(e));
            return 8 + std::size_t(size);
        }
        case '(': {
            if (n < 5)
                return 0;
            const std::size_t len = b(3) | std::size_t(b(4)) << 8;
            if (n < 5 + len)
                return 0;
            if (b(2) == 'k' && len >= 2 && b(5) == 0x31) { // QR code
                const std::uint8_t fn = b(6);
                if (fn == 0x43 && len >= 3)
                    m_qrModule = std::clamp<int>(b(7), 1, 16);
                else if (fn == 0x45 && len >= 3)
                    m_qrEcc = QrEcc(std::clamp(b(7) - 0x30, 0, 3));
                else if (fn == 0x50 && len >= 3)
                    m_qrData = m_buffer.mid(qsizetype(base + 8), qsizetype(len - 3));
                else if (fn == 0x51) {
                    flushLine(false);
                    PrintedElement e;
                    e.kind = PrintedElement::Kind::Qr;
                    e.align = m_align;
                    e.qrData = m_qrData;
                    e.qrModuleSize = m_qrModule;
                    e.qrEcc = m_qrEcc;
                    emitElement(std::move(e));
                }
            }
            return 5 + len;
        }
        case 'B':
        case 'H':
        case 'I':
        case 'a':
        case 'b':
        case 'f':
        case 'h':
        case 'r':
        case 'w':
        case '/': return n < 3 ? 0 : 3;
        case 'L':
        case 'W': return n < 4 ? 0 : 4;
        case '*': {
            if (n < 4)
                return 0;
            const std::size_t size = std::size_t(b(2)) * b(3) * 8;
            return n < 4 + size ? 0 : 4 + size;
        }
        case 'k': {
            if (n < 3)
                return 0;
            const std::uint8_t m = b(2);
            if (m <= 6) { // NUL-terminated data
                for (std::size_t i = 3; i < n && i < 3 + 256; ++i) {
                    if (b(i) == 0)
                        return i + 1;
                }
                if (n >= 3 + 256) {
                    problem(QStringLiteral("unterminated barcode"));
                    return 3;
                }
                return 0;
            }
            if (n < 4)
                return 0;
            return n < 4 + std::size_t(b(3)) ? 0 : 4 + std::size_t(b(3));
        }
        default:
            problem(QStringLiteral("unknown GS 0x%1").arg(b(1), 2, 16, QLatin1Char('0')));
            return 2;
        }
    default: break;
    }
    if (c < 0x20) {
        problem(QStringLiteral("unknown control byte 0x%1").arg(c, 2, 16, QLatin1Char('0')));
        return 1;
    }
    m_lineBytes.append(char(c));
    return 1;
}

} // namespace kiosk::devices::sim
