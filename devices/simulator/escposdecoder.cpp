// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/simulator/escposdecoder.h"

#include <QFont>
#include <QFontMetrics>
#include <QGuiApplication>
#include <QPainter>
#include <QStringDecoder>

#include <algorithm>

namespace kiosk::devices::sim {

using printer::Align;
using printer::EscPosEncoder;
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

/** One character cell of the printer's built-in font: 12 dots wide (ASCII) or 24 (Han). */
struct Cell {
    QString glyph;
    int width = 12;
    const TextRun *run = nullptr;
};

bool isWide(char32_t c)
{
    return c >= 0x2E80 || (c >= 0x1100 && c <= 0x115F);
}

/** Lays text runs out in cells and wraps them at the paper width, as a printer does. */
std::vector<std::vector<Cell>> wrapLines(const std::vector<TextRun> &runs, int dotsPerLine)
{
    std::vector<std::vector<Cell>> lines(1);
    int x = 0;
    for (const auto &r : runs) {
        const QList<uint> codePoints = r.text.toUcs4();
        for (uint cp : codePoints) {
            Cell cell;
            cell.glyph = QString::fromUcs4(reinterpret_cast<const char32_t *>(&cp), 1);
            cell.width = (isWide(cp) ? 24 : 12) * r.width;
            cell.run = &r;
            if (x + cell.width > dotsPerLine && x > 0) {
                lines.emplace_back();
                x = 0;
            }
            lines.back().push_back(cell);
            x += cell.width;
        }
    }
    return lines;
}

int lineHeight(const std::vector<Cell> &line)
{
    int h = 1;
    for (const auto &c : line)
        h = std::max(h, c.run->height);
    return 24 * h + (EscPosDecoder::kLineDots - 24);
}

} // namespace

QString PrintedElement::text() const
{
    QString s;
    for (const auto &r : runs)
        s += r.text;
    return s;
}

int PrintedElement::heightDots(int dotsPerLine) const
{
    switch (kind) {
    case Kind::Text: {
        int h = 0;
        for (const auto &line : wrapLines(runs, dotsPerLine))
            h += line.empty() ? EscPosDecoder::kLineDots : lineHeight(line);
        return h;
    }
    case Kind::Raster: return image.height();
    case Kind::Qr: return EscPosEncoder::qrModules(qrData, qrEcc, 4).height() * qrModuleSize;
    case Kind::Feed: return lines * EscPosDecoder::kLineDots;
    }
    return 0;
}

QString PrintedReceipt::plainText() const
{
    QStringList lines;
    for (const auto &e : elements) {
        switch (e.kind) {
        case PrintedElement::Kind::Text: lines << e.text(); break;
        case PrintedElement::Kind::Raster: lines << QStringLiteral("[raster %1x%2]").arg(e.image.width()).arg(e.image.height()); break;
        case PrintedElement::Kind::Qr: lines << QStringLiteral("[QR %1]").arg(QString::fromUtf8(e.qrData)); break;
        case PrintedElement::Kind::Feed: break;
        }
    }
    if (cut)
        lines << (partialCut ? QStringLiteral("[partial cut]") : QStringLiteral("[cut]"));
    return lines.join(QLatin1Char('\n'));
}

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

QImage renderReceipt(const PrintedReceipt &receipt, int dotsPerLine)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return {};
    constexpr int margin = 16;
    int height = 2 * margin;
    for (const auto &e : receipt.elements)
        height += e.heightDots(dotsPerLine);
    height += receipt.cut ? 12 : 0;
    QImage img(dotsPerLine, std::max(height, 2 * margin), QImage::Format_RGB32);
    img.fill(QColor(0xFB, 0xFA, 0xF5)); // thermal paper
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing, false);
    p.setRenderHint(QPainter::TextAntialiasing, true);
    int y = margin;
    auto xFor = [&](Align a, int w) {
        switch (a) {
        case Align::Center: return std::max(0, (dotsPerLine - w) / 2);
        case Align::Right: return std::max(0, dotsPerLine - w);
        case Align::Left: break;
        }
        return 0;
    };
    for (const auto &e : receipt.elements) {
        const int h = e.heightDots(dotsPerLine);
        switch (e.kind) {
        case PrintedElement::Kind::Text: {
            // Cell by cell, like the printer's bitmap font: Han 24 dots, ASCII 12, times the size.
            int lineY = y;
            for (const auto &line : wrapLines(e.runs, dotsPerLine)) {
                if (line.empty()) {
                    lineY += EscPosDecoder::kLineDots;
                    continue;
                }
                const int lh = lineHeight(line);
                int width = 0;
                for (const auto &c : line)
                    width += c.width;
                int x = xFor(e.align, width);
                for (const auto &c : line) {
                    QFont f(QStringLiteral("Noto Sans CJK SC"));
                    f.setPixelSize(22 * c.run->height);
                    f.setBold(c.run->bold);
                    if (c.run->width != c.run->height)
                        f.setStretch(std::clamp(100 * c.run->width / c.run->height, 25, 400));
                    p.setFont(f);
                    p.setPen(Qt::black);
                    const QRect box(x, lineY, c.width, lh - (EscPosDecoder::kLineDots - 24));
                    p.drawText(box, Qt::AlignHCenter | Qt::AlignBottom, c.glyph);
                    x += c.width;
                }
                lineY += lh;
            }
            break;
        }
        case PrintedElement::Kind::Raster: p.drawImage(xFor(e.align, e.image.width()), y, e.image); break;
        case PrintedElement::Kind::Qr: {
            const QImage m = EscPosEncoder::qrModules(e.qrData, e.qrEcc, 4);
            if (!m.isNull()) {
                const QImage big = m.scaled(m.width() * e.qrModuleSize, m.height() * e.qrModuleSize);
                p.drawImage(xFor(e.align, big.width()), y, big);
            }
            break;
        }
        case PrintedElement::Kind::Feed: break;
        }
        y += h;
    }
    if (receipt.cut) {
        p.setPen(QPen(QColor(0xB0, 0xB0, 0xB0), 1, Qt::DashLine));
        p.drawLine(0, y + 6, dotsPerLine, y + 6);
    }
    return img;
}

} // namespace kiosk::devices::sim
