// SPDX-License-Identifier: GPL-3.0-or-later
// What a simulated printer put on paper, apart from the byte stream it came from: the printed
// elements, how much paper each takes (text wrapped and sized as the printer's built-in font
// does), and the receipt drawn as an image for the staff page, `kioskctl devices` and tests.
#pragma once

#include "devices/printer/escposencoder.h"

#include <QByteArray>
#include <QImage>
#include <QString>

#include <vector>

namespace kiosk::devices::sim {

/** Default line spacing (ESC 2): 30 dots, i.e. a 24-dot font plus 6 dots of leading. */
inline constexpr int kLineDots = 30;

struct TextRun {
    QString text;
    bool bold = false;
    int width = 1; ///< character size multipliers (GS !)
    int height = 1;
    friend bool operator==(const TextRun &, const TextRun &) = default;
};

/** One thing printed, top to bottom. */
struct PrintedElement {
    enum class Kind { Text, Raster, Qr, Feed };
    Kind kind = Kind::Text;
    printer::Align align = printer::Align::Left;
    std::vector<TextRun> runs; ///< Text: one printed line
    QImage image; ///< Raster: 1 = black, as sent
    QByteArray qrData; ///< Qr: the stored data
    int qrModuleSize = 3;
    printer::QrEcc qrEcc = printer::QrEcc::L;
    int lines = 0; ///< Feed

    [[nodiscard]] QString text() const;
    /** Paper this takes, in dots (203 dpi), text wrapped at @p dotsPerLine as the printer does. */
    [[nodiscard]] int heightDots(int dotsPerLine = 384) const;
};

struct PrintedReceipt {
    std::vector<PrintedElement> elements;
    bool cut = false;
    bool partialCut = false;
    /** Plain text, a line per text element ("[QR …]", "[raster WxH]"), for tests and logs. */
    [[nodiscard]] QString plainText() const;
};

/**
 * Draws a receipt as the paper would look: 384 (or 576) dots wide, Noto Sans CJK for the
 * printer's built-in fonts, QR codes and rasters dot for dot. Needs a QGuiApplication (fonts);
 * returns a null image without one.
 */
[[nodiscard]] QImage renderReceipt(const PrintedReceipt &receipt, int dotsPerLine = 384);

} // namespace kiosk::devices::sim
