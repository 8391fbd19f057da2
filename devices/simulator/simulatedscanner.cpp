// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/simulator/simulatedscanner.h"

namespace kiosk::devices::sim {

using scanner::HidPosDecoder;
using scanner::KeyboardWedgeDecoder;

SimulatedScanner::SimulatedScanner(scanner::ScannerProtocol protocol, int reportSize)
    : m_protocol(protocol)
    , m_reportSize(protocol == scanner::ScannerProtocol::Keyboard ? 8 : reportSize)
{
}

std::vector<QByteArray> SimulatedScanner::hidPosReports(const QByteArray &code, const QByteArray &aim)
{
    std::vector<QByteArray> reports;
    qsizetype at = 0;
    do {
        const qsizetype n = std::min<qsizetype>(qsizetype(HidPosDecoder::kMaxDataPerReport), code.size() - at);
        QByteArray r(64, '\0');
        r[0] = char(HidPosDecoder::kScannedDataReport);
        r[1] = char(n);
        r.replace(2, n, code.mid(at, n));
        r.replace(58, std::min<qsizetype>(3, aim.size()), aim.left(3));
        at += n;
        r[63] = at < code.size() ? 1 : 0;
        reports.push_back(r);
    } while (at < code.size());
    return reports;
}

std::optional<std::vector<QByteArray>> SimulatedScanner::keyboardReports(const QByteArray &code)
{
    std::vector<QByteArray> reports;
    const QByteArray release(8, '\0');
    for (char c : code) {
        const auto key = KeyboardWedgeDecoder::keyFor(c);
        if (!key)
            return std::nullopt;
        QByteArray press(8, '\0');
        press[0] = key->second ? 0x02 : 0x00; // left shift
        press[2] = char(key->first);
        reports.push_back(press);
        reports.push_back(release);
    }
    QByteArray enter(8, '\0');
    enter[2] = char(KeyboardWedgeDecoder::kEnter);
    reports.push_back(enter);
    reports.push_back(release);
    return reports;
}

bool SimulatedScanner::scan(const QByteArray &code)
{
    if (m_protocol == scanner::ScannerProtocol::HidPos) {
        for (const auto &r : hidPosReports(code))
            deliver(r.left(m_reportSize));
        return true;
    }
    const auto reports = keyboardReports(code);
    if (!reports)
        return false;
    for (const auto &r : *reports)
        deliver(r);
    return true;
}

} // namespace kiosk::devices::sim
