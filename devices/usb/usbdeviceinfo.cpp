// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/usb/usbdeviceinfo.h"

#include <optional>

namespace kiosk::devices::usb {

std::vector<UsbEndpoint> UsbInterface::endpointsOf(TransferType type, bool in) const
{
    std::vector<UsbEndpoint> out;
    for (const auto &e : endpoints) {
        if (e.type == type && e.isIn() == in)
            out.push_back(e);
    }
    return out;
}

int UsbInterface::hidReportDescriptorLength() const
{
    // HID descriptor (HID 1.11 §6.2.1): bLength, bDescriptorType 0x21, bcdHID(2), bCountryCode,
    // bNumDescriptors, then (bDescriptorType, wDescriptorLength) pairs; 0x22 is the report descriptor.
    for (qsizetype at = 0; at + 1 < extra.size();) {
        const int len = std::uint8_t(extra[at]);
        if (len < 2 || at + len > extra.size())
            break;
        if (std::uint8_t(extra[at + 1]) == 0x21 && len >= 9) {
            const int count = std::uint8_t(extra[at + 5]);
            for (int i = 0; i < count && 6 + 3 * i + 2 < len; ++i) {
                const qsizetype d = at + 6 + 3 * i;
                if (std::uint8_t(extra[d]) == 0x22)
                    return std::uint8_t(extra[d + 1]) | std::uint8_t(extra[d + 2]) << 8;
            }
        }
        at += len;
    }
    return 0;
}

QString UsbDeviceInfo::vidPid() const
{
    return QStringLiteral("%1:%2").arg(vendorId, 4, 16, QLatin1Char('0')).arg(productId, 4, 16, QLatin1Char('0'));
}

QString UsbDeviceInfo::key() const
{
    return QStringLiteral("usb:%1/%2").arg(bus, 3, 10, QLatin1Char('0')).arg(address, 3, 10, QLatin1Char('0'));
}

std::vector<InterfaceClass> UsbDeviceInfo::interfaceClasses() const
{
    std::vector<InterfaceClass> out;
    for (const auto &i : interfaces)
        out.push_back({i.number, i.interfaceClass, i.subClass, i.protocol});
    return out;
}

const UsbInterface *UsbDeviceInfo::interface(int number) const
{
    for (const auto &i : interfaces) {
        if (i.number == number)
            return &i;
    }
    return nullptr;
}

std::optional<UsbDeviceInfo> parseDescriptors(const QByteArray &d)
{
    auto u8 = [&](qsizetype i) { return int(std::uint8_t(d[i])); };
    if (d.size() < 18 || u8(0) != 18 || u8(1) != 1)
        return std::nullopt;
    UsbDeviceInfo info;
    info.vendorId = std::uint16_t(u8(8) | u8(9) << 8);
    info.productId = std::uint16_t(u8(10) | u8(11) << 8);
    qsizetype at = 18;
    UsbInterface *current = nullptr;
    bool altSetting = false;
    while (at + 2 <= d.size()) {
        const int len = u8(at);
        const int type = u8(at + 1);
        if (len < 2 || at + len > d.size())
            return std::nullopt;
        if (type == 2 && len >= 9) { // configuration: only the first is used
            if (!info.interfaces.empty())
                break;
        } else if (type == 4 && len >= 9) {
            altSetting = u8(at + 3) != 0;
            if (!altSetting) {
                info.interfaces.push_back({u8(at + 2), u8(at + 5), u8(at + 6), u8(at + 7), {}, {}});
                current = &info.interfaces.back();
            }
        } else if (type == 5 && len >= 7 && current && !altSetting) {
            UsbEndpoint e;
            e.address = std::uint8_t(u8(at + 2));
            e.type = TransferType(u8(at + 3) & 3);
            e.maxPacketSize = std::uint16_t((u8(at + 4) | u8(at + 5) << 8) & 0x7FF);
            current->endpoints.push_back(e);
        } else if (current && !altSetting && current->endpoints.empty()) {
            current->extra.append(d.mid(at, len));
        }
        at += len;
    }
    return info;
}

} // namespace kiosk::devices::usb
