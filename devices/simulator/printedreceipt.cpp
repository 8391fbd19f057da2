// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/simulator/printedreceipt.h"

#include <QFont>
#include <QGuiApplication>
#include <QPainter>
#include <QStringList>

#include <algorithm>

namespace kiosk::devices::sim {

using printer::Align;
using printer::EscPosEncoder;

namespace {

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
    return 24 * h + (kLineDots - 24);
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
            h += line.empty() ? kLineDots : lineHeight(line);
        return h;
    }
    case Kind::Raster: return image.height();
    case Kind::Qr: return EscPosEncoder::qrModules(qrData, qrEcc, 4).height() * qrModuleSize;
    case Kind::Feed: return lines * kLineDots;
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
                    lineY += kLineDots;
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
                    const QRect box(x, lineY, c.width, lh - (kLineDots - 24));
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
