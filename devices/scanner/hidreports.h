// SPDX-License-Identifier: GPL-3.0-or-later
// Decoders for what a code scanner sends: HID POS reports (usage page 0x8C) and HID boot keyboard
// reports (keyboard wedge). Pure: reports in, whole codes out.
#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace kiosk::devices::scanner {

enum class ReportError {
    None,
    BadReportSize, ///< a boot keyboard report is 8 bytes; a HID POS report at least 2
    UnknownReportId, ///< HID POS: not the scanned-data report (ID 2)
    BadLength, ///< HID POS: the length byte exceeds the report
    CodeTooLong, ///< the code grew past kMaxCodeLength without ending
};

[[nodiscard]] QString reportErrorName(ReportError error);

/** Longer than any QR payload (2953 bytes at version 40-L); a runaway code is dropped. */
inline constexpr std::size_t kMaxCodeLength = 4096;

/**
 * HID POS scanned-data reports, the layout of Honeywell and Newland scanners in HID POS mode:
 *   [0] report ID 0x02, [1] data length n (≤ 56), [2 .. 2+n) data,
 *   [58 .. 61) AIM symbology identifier, [63] bit 0 set: more reports follow for this code.
 * Bytes are kept exactly as sent, so UTF-8, GB18030 and binary payloads survive.
 */
class HidPosDecoder
{
public:
    static constexpr std::uint8_t kScannedDataReport = 0x02;
    static constexpr std::size_t kMaxDataPerReport = 56;

    /** Feeds one report; returns the finished code when this report ended one. */
    std::optional<QByteArray> feed(std::span<const std::uint8_t> report);
    [[nodiscard]] ReportError lastError() const { return m_error; }
    /** The AIM identifier of the last finished code ("]Q1" for QR), if the scanner sent one. */
    [[nodiscard]] QByteArray symbology() const { return m_symbology; }
    void reset();

private:
    QByteArray m_pending;
    QByteArray m_symbology;
    ReportError m_error = ReportError::None;
};

/**
 * HID boot keyboard reports [modifiers, reserved, key1..key6] as a keyboard-wedge scanner types
 * a code: a character per newly pressed key, shift from modifier bit 1 or 5 (US layout), Enter
 * (or keypad Enter) ends the code. A key held across reports is typed once.
 */
class KeyboardWedgeDecoder
{
public:
    std::optional<QString> feed(std::span<const std::uint8_t> report);
    [[nodiscard]] ReportError lastError() const { return m_error; }
    /** Keys that map to no character (function keys, …) seen since the last code. */
    [[nodiscard]] int ignoredKeys() const { return m_ignored; }
    void reset();

    /** The character a usage produces on a US layout; nullopt for keys that type nothing. */
    [[nodiscard]] static std::optional<char> characterFor(std::uint8_t usage, bool shift);
    /** The reverse, for the simulated scanner: usage and shift that type @p c. */
    [[nodiscard]] static std::optional<std::pair<std::uint8_t, bool>> keyFor(char c);

    static constexpr std::uint8_t kEnter = 0x28;
    static constexpr std::uint8_t kKeypadEnter = 0x58;

private:
    QString m_pending;
    std::uint8_t m_previous[6] = {};
    int m_ignored = 0;
    ReportError m_error = ReportError::None;
};

/**
 * Usage pages a HID report descriptor declares (Usage Page items, short and 4-byte), in order.
 * Nullopt if the descriptor is truncated mid-item.
 */
[[nodiscard]] std::optional<std::vector<std::uint16_t>> hidUsagePages(std::span<const std::uint8_t> reportDescriptor);

/** Usage page of bar code scanners (HID POS usage tables). */
inline constexpr std::uint16_t kBarCodeScannerPage = 0x8C;

/** A scanned code as text: UTF-8 when valid, else GB18030 when valid, else Latin-1. */
[[nodiscard]] QString codeText(const QByteArray &bytes);

} // namespace kiosk::devices::scanner
