// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/printer/escposencoder.h"

#include <QStringEncoder>

#include <qrencode.h>

#include <algorithm>
#include <memory>

namespace kiosk::devices::printer {

using namespace escpos;

namespace {

void append(QByteArray &out, std::initializer_list<int> bytes)
{
    for (int b : bytes)
        out.append(char(b));
}

QRecLevel recLevel(QrEcc ecc)
{
    switch (ecc) {
    case QrEcc::L: return QR_ECLEVEL_L;
    case QrEcc::M: return QR_ECLEVEL_M;
    case QrEcc::Q: return QR_ECLEVEL_Q;
    case QrEcc::H: return QR_ECLEVEL_H;
    }
    return QR_ECLEVEL_M;
}

} // namespace

QByteArray EscPosEncoder::encodeGb18030(QStringView text)
{
    QStringEncoder encoder("GB18030", QStringConverter::Flag::Stateless);
    if (!encoder.isValid()) // Qt without ICU: Latin-1 at least keeps ASCII intact
        return text.toLatin1();
    return encoder.encode(text);
}

EscPosEncoder &EscPosEncoder::initialize()
{
    append(m_bytes, {ESC, '@', FS, '&'});
    return *this;
}

EscPosEncoder &EscPosEncoder::text(QStringView text)
{
    m_bytes.append(encodeGb18030(text));
    return *this;
}

EscPosEncoder &EscPosEncoder::line(QStringView text)
{
    this->text(text);
    m_bytes.append(LF);
    return *this;
}

EscPosEncoder &EscPosEncoder::bold(bool on)
{
    append(m_bytes, {ESC, 'E', on ? 1 : 0});
    return *this;
}

EscPosEncoder &EscPosEncoder::align(Align a)
{
    append(m_bytes, {ESC, 'a', int(a)});
    return *this;
}

EscPosEncoder &EscPosEncoder::size(int width, int height)
{
    width = std::clamp(width, 1, 8);
    height = std::clamp(height, 1, 8);
    append(m_bytes, {GS, '!', (width - 1) << 4 | (height - 1)});
    return *this;
}

EscPosEncoder &EscPosEncoder::feed(int lines)
{
    append(m_bytes, {ESC, 'd', std::clamp(lines, 0, 255)});
    return *this;
}

QByteArray EscPosEncoder::rasterCommand(const QImage &image)
{
    const QImage mono = image.convertToFormat(QImage::Format_Grayscale8);
    const int widthBytes = (mono.width() + 7) / 8;
    const int height = std::min(mono.height(), 0xFFFF);
    QByteArray out;
    out.reserve(8 + widthBytes * height);
    append(out, {GS, 'v', '0', 0, widthBytes & 0xFF, widthBytes >> 8, height & 0xFF, height >> 8});
    for (int y = 0; y < height; ++y) {
        const uchar *row = mono.constScanLine(y);
        for (int xb = 0; xb < widthBytes; ++xb) {
            std::uint8_t byte = 0;
            for (int bit = 0; bit < 8; ++bit) {
                const int x = xb * 8 + bit;
                if (x < mono.width() && row[x] < 128)
                    byte |= std::uint8_t(0x80 >> bit);
            }
            out.append(char(byte));
        }
    }
    return out;
}

EscPosEncoder &EscPosEncoder::raster(const QImage &image)
{
    m_bytes.append(rasterCommand(image));
    return *this;
}

EscPosEncoder &EscPosEncoder::qrNative(const QByteArray &data, int moduleSize, QrEcc ecc)
{
    // GS ( k pL pH cn fn …, cn = 49 (QR). Model 2; module size; error correction 48+e; store
    // (pL + 256·pH = len + 3); print.
    append(m_bytes, {GS, '(', 'k', 4, 0, 0x31, 0x41, 0x32, 0x00});
    append(m_bytes, {GS, '(', 'k', 3, 0, 0x31, 0x43, std::clamp(moduleSize, 1, 16)});
    append(m_bytes, {GS, '(', 'k', 3, 0, 0x31, 0x45, 0x30 + int(ecc)});
    const int storeLen = int(std::min<qsizetype>(data.size(), 7089)) + 3;
    append(m_bytes, {GS, '(', 'k', storeLen & 0xFF, storeLen >> 8, 0x31, 0x50, 0x30});
    m_bytes.append(data.left(storeLen - 3));
    append(m_bytes, {GS, '(', 'k', 3, 0, 0x31, 0x51, 0x30});
    return *this;
}

QImage EscPosEncoder::qrModules(const QByteArray &data, QrEcc ecc, int quiet)
{
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeData(int(data.size()), reinterpret_cast<const unsigned char *>(data.constData()), 0, recLevel(ecc)),
        &QRcode_free);
    if (!code)
        return {};
    const int n = code->width;
    QImage img(n + 2 * quiet, n + 2 * quiet, QImage::Format_Grayscale8);
    img.fill(255);
    for (int y = 0; y < n; ++y) {
        for (int x = 0; x < n; ++x) {
            // libqrencode: bit 0 of each byte is the module colour (1 = dark).
            if (code->data[y * n + x] & 1)
                img.setPixel(x + quiet, y + quiet, qRgb(0, 0, 0));
        }
    }
    return img;
}

bool EscPosEncoder::qrRaster(const QByteArray &data, int moduleSize, QrEcc ecc, int maxWidthDots)
{
    const QImage modules = qrModules(data, ecc);
    if (modules.isNull())
        return false;
    int scale = std::max(1, moduleSize);
    while (scale > 1 && modules.width() * scale > maxWidthDots)
        --scale;
    if (modules.width() * scale > maxWidthDots)
        return false;
    raster(modules.scaled(modules.width() * scale, modules.height() * scale, Qt::IgnoreAspectRatio, Qt::FastTransformation));
    return true;
}

EscPosEncoder &EscPosEncoder::cut(bool partial, int feedUnits)
{
    append(m_bytes, {GS, 'V', partial ? 66 : 65, std::clamp(feedUnits, 0, 255)});
    return *this;
}

EscPosEncoder &EscPosEncoder::raw(const QByteArray &bytes)
{
    m_bytes.append(bytes);
    return *this;
}

namespace {

/** Length of the command at @p at (0 when it runs past the end of the job). */
qsizetype commandLength(QByteArrayView d, qsizetype at)
{
    const qsizetype n = d.size() - at;
    auto b = [&](qsizetype i) { return std::uint8_t(d[at + i]); };
    auto need = [&](qsizetype len) { return n >= len ? len : 0; };
    const std::uint8_t c = b(0);
    if (c >= 0x20) { // a run of text, up to the next control byte
        qsizetype len = 1;
        while (len < n && b(len) >= 0x20)
            ++len;
        return len;
    }
    switch (c) {
    case 0x10: return b(1 < n ? 1 : 0) == 0x14 ? need(5) : need(3);
    case 0x1B:
        if (n < 2)
            return 0;
        switch (b(1)) {
        case '@':
        case '2': return 2;
        case 'c': return need(4);
        case 'p': return need(5);
        default: return need(3);
        }
    case 0x1C:
        if (n < 2)
            return 0;
        switch (b(1)) {
        case '&':
        case '.': return 2;
        case 'p': return need(4);
        default: return need(3);
        }
    case 0x1D: {
        if (n < 2)
            return 0;
        switch (b(1)) {
        case 'V': return n < 3 ? 0 : (b(2) == 65 || b(2) == 66) ? need(4) : 3;
        case 'v': return n < 8 ? 0 : need(8 + qsizetype(b(4) | b(5) << 8) * qsizetype(b(6) | b(7) << 8));
        case '(': return n < 5 ? 0 : need(5 + qsizetype(b(3) | b(4) << 8));
        case 'L':
        case 'W': return need(4);
        case '*': return n < 4 ? 0 : need(4 + qsizetype(b(2)) * b(3) * 8);
        case 'k':
            if (n < 3)
                return 0;
            if (b(2) <= 6) {
                for (qsizetype i = 3; i < n; ++i) {
                    if (b(i) == 0)
                        return i + 1;
                }
                return 0;
            }
            return n < 4 ? 0 : need(4 + b(3));
        default: return need(3);
        }
    }
    default: return 1; // LF, CR, HT and other single control bytes
    }
}

} // namespace

std::vector<qsizetype> escposSafeBreaks(QByteArrayView job)
{
    std::vector<qsizetype> breaks;
    qsizetype at = 0;
    while (at < job.size()) {
        const qsizetype len = commandLength(job, at);
        if (len == 0)
            break; // a command cut short: no break inside it
        at += len;
        breaks.push_back(at);
    }
    if (breaks.empty() || breaks.back() != job.size())
        breaks.push_back(job.size());
    return breaks;
}

QByteArray EscPosEncoder::statusRequest(int n)
{
    QByteArray out;
    append(out, {DLE, EOT, std::clamp(n, 1, 4)});
    return out;
}

} // namespace kiosk::devices::printer
