// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/scanner/hidreports.h"

#include <QStringDecoder>

#include <algorithm>
#include <cstring>

namespace kiosk::devices::scanner {

QString reportErrorName(ReportError error)
{
    switch (error) {
    case ReportError::None: return QStringLiteral("ok");
    case ReportError::BadReportSize: return QStringLiteral("bad-report-size");
    case ReportError::UnknownReportId: return QStringLiteral("unknown-report-id");
    case ReportError::BadLength: return QStringLiteral("bad-length");
    case ReportError::CodeTooLong: return QStringLiteral("code-too-long");
    }
    return QStringLiteral("unknown");
}

void HidPosDecoder::reset()
{
    m_pending.clear();
    m_symbology.clear();
    m_error = ReportError::None;
}

std::optional<QByteArray> HidPosDecoder::feed(std::span<const std::uint8_t> report)
{
    m_error = ReportError::None;
    if (report.size() < 2) {
        m_error = ReportError::BadReportSize;
        return std::nullopt;
    }
    if (report[0] != kScannedDataReport) {
        m_error = ReportError::UnknownReportId;
        return std::nullopt;
    }
    const std::size_t n = report[1];
    if (n > kMaxDataPerReport || 2 + n > report.size()) {
        m_error = ReportError::BadLength;
        m_pending.clear();
        return std::nullopt;
    }
    m_pending.append(reinterpret_cast<const char *>(report.data() + 2), qsizetype(n));
    if (std::size_t(m_pending.size()) > kMaxCodeLength) {
        m_error = ReportError::CodeTooLong;
        m_pending.clear();
        return std::nullopt;
    }
    const bool more = report.size() >= 64 && (report[63] & 0x01);
    if (more)
        return std::nullopt;
    m_symbology.clear();
    if (report.size() >= 61 && report[58] == ']')
        m_symbology = QByteArray(reinterpret_cast<const char *>(report.data() + 58), 3);
    QByteArray code;
    code.swap(m_pending);
    if (code.isEmpty())
        return std::nullopt; // an empty report (some scanners send one on trigger release)
    return code;
}

std::optional<char> KeyboardWedgeDecoder::characterFor(std::uint8_t usage, bool shift)
{
    if (usage >= 0x04 && usage <= 0x1D)
        return char((shift ? 'A' : 'a') + (usage - 0x04));
    if (usage >= 0x1E && usage <= 0x27) {
        static constexpr char digits[] = "1234567890";
        static constexpr char shifted[] = "!@#$%^&*()";
        return (shift ? shifted : digits)[usage - 0x1E];
    }
    switch (usage) {
    case 0x2C: return ' ';
    case 0x2D: return shift ? '_' : '-';
    case 0x2E: return shift ? '+' : '=';
    case 0x2F: return shift ? '{' : '[';
    case 0x30: return shift ? '}' : ']';
    case 0x31: return shift ? '|' : '\\';
    case 0x33: return shift ? ':' : ';';
    case 0x34: return shift ? '"' : '\'';
    case 0x35: return shift ? '~' : '`';
    case 0x36: return shift ? '<' : ',';
    case 0x37: return shift ? '>' : '.';
    case 0x38: return shift ? '?' : '/';
    case 0x2B: return '\t';
    default: break;
    }
    return std::nullopt;
}

std::optional<std::pair<std::uint8_t, bool>> KeyboardWedgeDecoder::keyFor(char c)
{
    for (int usage = 0x04; usage <= 0x38; ++usage) {
        for (bool shift : {false, true}) {
            if (characterFor(std::uint8_t(usage), shift) == c)
                return std::pair{std::uint8_t(usage), shift};
        }
    }
    return std::nullopt;
}

void KeyboardWedgeDecoder::reset()
{
    m_pending.clear();
    std::memset(m_previous, 0, sizeof m_previous);
    m_ignored = 0;
    m_error = ReportError::None;
}

std::optional<QString> KeyboardWedgeDecoder::feed(std::span<const std::uint8_t> report)
{
    m_error = ReportError::None;
    if (report.size() != 8) {
        m_error = ReportError::BadReportSize;
        return std::nullopt;
    }
    // Modifier byte: bit 1 left shift, bit 5 right shift.
    const bool shift = report[0] & 0x22;
    std::optional<QString> finished;
    for (std::size_t i = 2; i < 8; ++i) {
        const std::uint8_t usage = report[i];
        // 0 = no key, 1 = rollover error: neither is a key press.
        if (usage <= 0x01)
            continue;
        if (std::find(std::begin(m_previous), std::end(m_previous), usage) != std::end(m_previous))
            continue; // still held from the last report
        if (usage == kEnter || usage == kKeypadEnter) {
            if (!m_pending.isEmpty())
                finished = std::exchange(m_pending, QString());
            m_ignored = 0;
            continue;
        }
        if (const auto c = characterFor(usage, shift)) {
            m_pending.append(QLatin1Char(*c));
            if (std::size_t(m_pending.size()) > kMaxCodeLength) {
                m_error = ReportError::CodeTooLong;
                m_pending.clear();
            }
        } else {
            ++m_ignored;
        }
    }
    std::copy(report.begin() + 2, report.end(), std::begin(m_previous));
    return finished;
}

std::optional<std::vector<std::uint16_t>> hidUsagePages(std::span<const std::uint8_t> d)
{
    std::vector<std::uint16_t> pages;
    std::size_t at = 0;
    while (at < d.size()) {
        const std::uint8_t prefix = d[at];
        if (prefix == 0xFE) { // long item: bDataSize, bLongItemTag, data
            if (at + 1 >= d.size())
                return std::nullopt;
            const std::size_t size = d[at + 1];
            if (at + 3 + size > d.size())
                return std::nullopt;
            at += 3 + size;
            continue;
        }
        const std::size_t size = (prefix & 0x03) == 3 ? 4 : (prefix & 0x03);
        if (at + 1 + size > d.size())
            return std::nullopt;
        // Global item (type 1), tag 0: Usage Page.
        if ((prefix & 0xFC) == 0x04 && size > 0) {
            std::uint32_t v = 0;
            for (std::size_t i = 0; i < size; ++i)
                v |= std::uint32_t(d[at + 1 + i]) << (8 * i);
            pages.push_back(std::uint16_t(v));
        }
        at += 1 + size;
    }
    return pages;
}

QString codeText(const QByteArray &bytes)
{
    {
        QStringDecoder utf8(QStringDecoder::Utf8);
        QString s = utf8.decode(bytes);
        if (!utf8.hasError())
            return s;
    }
    QStringDecoder gb("GB18030");
    if (gb.isValid()) {
        QString s = gb.decode(bytes);
        if (!gb.hasError())
            return s;
    }
    return QString::fromLatin1(bytes);
}

} // namespace kiosk::devices::scanner
