// SPDX-License-Identifier: GPL-3.0-or-later
// The ESC/POS encoder: builds the byte stream for a receipt. Pure; no device involved.
#pragma once

#include <QByteArray>
#include <QImage>
#include <QString>

#include <cstdint>
#include <vector>

namespace kiosk::devices::printer {

enum class Align : std::uint8_t { Left = 0, Center = 1, Right = 2 };
/** QR error correction: L 7 %, M 15 %, Q 25 %, H 30 %. */
enum class QrEcc : std::uint8_t { L = 0, M = 1, Q = 2, H = 3 };

namespace escpos {
inline constexpr char ESC = 0x1B;
inline constexpr char GS = 0x1D;
inline constexpr char FS = 0x1C;
inline constexpr char DLE = 0x10;
inline constexpr char EOT = 0x04;
inline constexpr char LF = 0x0A;
} // namespace escpos

/**
 * Chainable builder of ESC/POS commands. Text is encoded GB18030 and the printer is put in its
 * two-byte (Chinese) mode by initialize(), so Han characters print as themselves.
 */
class EscPosEncoder
{
public:
    /** ESC @ (reset modes, clear the buffer), FS & (two-byte character mode). */
    EscPosEncoder &initialize();
    /** Text in the current modes, GB18030-encoded; no line feed. */
    EscPosEncoder &text(QStringView text);
    /** Text, then LF (print the line). */
    EscPosEncoder &line(QStringView text = {});
    /** ESC E n. */
    EscPosEncoder &bold(bool on);
    /** ESC a n (takes effect at the start of a line). */
    EscPosEncoder &align(Align a);
    /** GS ! n: width and height multipliers 1–8. */
    EscPosEncoder &size(int width, int height);
    /** ESC d n: print and feed n lines. */
    EscPosEncoder &feed(int lines);
    /** GS v 0: a raster image; pixels darker than mid-grey print. Width is padded to bytes. */
    EscPosEncoder &raster(const QImage &image);
    /** GS ( k: QR model 2, module size, error correction, store, print. */
    EscPosEncoder &qrNative(const QByteArray &data, int moduleSize = 6, QrEcc ecc = QrEcc::M);
    /**
     * The same QR code as a raster image (libqrencode), for printers without GS ( k. Scales the
     * module size down until the code fits @p maxWidthDots. False if @p data cannot be encoded.
     */
    bool qrRaster(const QByteArray &data, int moduleSize = 6, QrEcc ecc = QrEcc::M, int maxWidthDots = 384);
    /** GS V 65/66 n: feed @p feedUnits, then a full (or partial) cut. */
    EscPosEncoder &cut(bool partial = false, int feedUnits = 0);
    /** Bytes appended as they are (already-encoded commands). */
    EscPosEncoder &raw(const QByteArray &bytes);

    [[nodiscard]] const QByteArray &bytes() const { return m_bytes; }

    /** GB18030 bytes of @p text (what text() appends). */
    [[nodiscard]] static QByteArray encodeGb18030(QStringView text);
    /** The QR symbol as a module matrix (true = dark), with a quiet zone of @p quiet modules. */
    [[nodiscard]] static QImage qrModules(const QByteArray &data, QrEcc ecc, int quiet = 4);
    /** GS v 0 bytes for a 1-bit image (MSB = leftmost dot, 1 = print). */
    [[nodiscard]] static QByteArray rasterCommand(const QImage &image);
    /** DLE EOT n: ask for real-time status n (1 printer, 2 offline cause, 3 error cause, 4 paper). */
    [[nodiscard]] static QByteArray statusRequest(int n);

private:
    QByteArray m_bytes;
};

/**
 * Offsets in an ESC/POS job between whole commands, where a real-time command (DLE EOT) may be
 * slipped in: never inside a command's parameters or image data, nor inside a run of text (which
 * would split a two-byte character). Unknown sequences are taken as two bytes. Always includes
 * the end of the job.
 */
[[nodiscard]] std::vector<qsizetype> escposSafeBreaks(QByteArrayView job);

} // namespace kiosk::devices::printer
