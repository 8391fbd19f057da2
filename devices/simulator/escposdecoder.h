// SPDX-License-Identifier: GPL-3.0-or-later
// The simulated printer's brain: decodes an ESC/POS byte stream back into what a printer would
// put on paper. Incremental (commands may be split across writes) and total: unknown or broken
// commands are recorded as problems and skipped, never a crash.
#pragma once

#include "devices/printer/escposencoder.h"

#include <QByteArray>
#include <QImage>
#include <QString>
#include <QStringList>

#include <functional>
#include <span>
#include <vector>

namespace kiosk::devices::sim {

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

class EscPosDecoder
{
public:
    /** Default line spacing (ESC 2): 30 dots, i.e. a 24-dot font plus 6 dots of leading. */
    static constexpr int kLineDots = 30;

    /** Called for every element as it is printed. */
    std::function<void(const PrintedElement &)> onElement;
    /** Called on GS V with the receipt since the previous cut. */
    std::function<void(const PrintedReceipt &)> onCut;
    /** Called for DLE EOT n, which a printer answers at once, even while stopped. */
    std::function<void(int n)> onStatusRequest;

    void feed(std::span<const std::uint8_t> bytes);
    /** Drops a half-received command and the unfinished receipt (ESC @ and paper-out do this). */
    void reset();
    /** The receipt printed since the last cut. */
    [[nodiscard]] const PrintedReceipt &current() const { return m_receipt; }
    [[nodiscard]] const QStringList &problems() const { return m_problems; }
    /** While false, print data is swallowed unprinted (paper out); real-time commands still work. */
    void setPrinting(bool printing) { m_printing = printing; }

private:
    /** Tries to decode one command at m_buffer[base]; returns bytes used, 0 if it needs more. */
    std::size_t step(std::size_t base);
    void flushLine(bool force);
    void emitElement(PrintedElement e);
    void problem(const QString &what);

    QByteArray m_buffer;
    QByteArray m_lineBytes;
    std::vector<TextRun> m_runs;
    bool m_bold = false;
    int m_width = 1;
    int m_height = 1;
    bool m_twoByte = false;
    printer::Align m_align = printer::Align::Left;
    QByteArray m_qrData;
    int m_qrModule = 3;
    printer::QrEcc m_qrEcc = printer::QrEcc::L;
    PrintedReceipt m_receipt;
    QStringList m_problems;
    bool m_printing = true;
};

/**
 * Draws a receipt as the paper would look: 384 (or 576) dots wide, Noto Sans CJK for the
 * printer's built-in fonts, QR codes and rasters dot for dot. Needs a QGuiApplication (fonts);
 * returns a null image without one.
 */
[[nodiscard]] QImage renderReceipt(const PrintedReceipt &receipt, int dotsPerLine = 384);

} // namespace kiosk::devices::sim
