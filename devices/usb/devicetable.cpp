// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/usb/devicetable.h"

#include <array>
#include <cstdio>

namespace kiosk::devices {

const char *deviceKindId(DeviceKind kind)
{
    switch (kind) {
    case DeviceKind::IdCardReader: return "idcard";
    case DeviceKind::ReceiptPrinter: return "printer";
    case DeviceKind::CodeScanner: return "scanner";
    case DeviceKind::A4Printer: return "a4printer";
    }
    return "unknown";
}

} // namespace kiosk::devices

namespace kiosk::devices::usb {

namespace {

using K = DeviceKind;

// Add a model here and it is driven, simulated where it says so, and given udev permissions.
// VID:PID rows come first; class rows catch generic devices of a kind.
constexpr std::array<SupportedDevice, 9> kTable{{
    // The most common USB SAM reader ID (AuroraRAS/openiDR200); two firmwares, told apart by
    // their endpoints, hence the quirk is conditional.
    {K::IdCardReader, 0x0400, 0xc35a, -1, -1, -1, "sam",
     "SAM ID-card reader (0400:c35a, bulk)", SamSplitEndpoints, nullptr},
    // HID readers carry the SAM's UART through a CP2110 bridge (libsigrok serial_hid_cp2110.c).
    {K::IdCardReader, 0x10c4, 0xea80, 3, -1, -1, "sam",
     "SAM ID-card reader on a CP2110 HID-UART bridge", SamOverCp2110, "usbhid"},
    // Serial readers: the SAM's UART on a USB-UART bridge, driven by the kernel's tty driver.
    {K::IdCardReader, 0x1a86, 0x7523, -1, -1, -1, "sam",
     "SAM ID-card reader on a CH340 USB-UART bridge", SamOverTty, "ch341"},
    {K::IdCardReader, 0x10c4, 0xea60, -1, -1, -1, "sam",
     "SAM ID-card reader on a CP210x USB-UART bridge", SamOverTty, "cp210x"},
    // 58 mm printers sold as "POS-58"; many lack GS ( k, so QR codes go as raster.
    {K::ReceiptPrinter, 0x0416, 0x5011, 7, 1, -1, "escpos",
     "58 mm ESC/POS receipt printer (POS-58)", PrinterNoNativeQr, "usblp"},
    {K::ReceiptPrinter, 0x04b8, 0x0202, 7, 1, -1, "escpos",
     "Epson TM-T88 receipt printer", PrinterPartialCut, "usblp"},
    // Any bidirectional USB printer-class device: the terminal's receipt printer. The driver
    // checks it answers ESC/POS real-time status before using it.
    // QR codes go as raster: every ESC/POS printer prints rasters, not every one knows GS ( k.
    {K::ReceiptPrinter, 0, 0, 7, 1, 2, "escpos",
     "USB printer-class receipt printer (ESC/POS)", PrinterNoNativeQr, "usblp"},
    // Scanners are matched only by VID:PID: a class rule would also take the keyboard.
    {K::CodeScanner, 0x067e, 0x0809, 3, -1, -1, "hidpos",
     "Honeywell/Intermec SG20 scanner (HID POS)", ScannerHidPos, "usbhid"},
    {K::CodeScanner, 0x05e0, 0x1200, 3, -1, -1, "hidkbd",
     "Zebra/Symbol scanner (keyboard wedge)", ScannerKeyboard, "usbhid"},
}};

// What `kiosk --simulate` plugs in: one device per kind, each standing in for a table row.
constexpr std::array<SimulatedDevice, 3> kSimulated{{
    {K::IdCardReader, "Simulated SAM ID-card reader", 0x0400, 0xc35a, "simulated-bulk"},
    {K::ReceiptPrinter, "Simulated 58 mm ESC/POS printer", 0x0416, 0x5011, "simulated-usb-printer"},
    {K::CodeScanner, "Simulated HID POS scanner", 0x067e, 0x0809, "simulated-hid-pos"},
}};

bool fits(int want, int have)
{
    return want < 0 || want == have;
}

const InterfaceClass *firstFitting(const SupportedDevice &row, std::span<const InterfaceClass> interfaces)
{
    for (const auto &i : interfaces) {
        if (fits(row.interfaceClass, i.interfaceClass) && fits(row.interfaceSubClass, i.subClass)
            && fits(row.interfaceProtocol, i.protocol))
            return &i;
    }
    return nullptr;
}

std::string hex4(std::uint16_t v)
{
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04x", v);
    return buf;
}

std::string hex2orAny(int v)
{
    if (v < 0)
        return "??";
    char buf[4];
    std::snprintf(buf, sizeof buf, "%02x", v & 0xff);
    return buf;
}

} // namespace

std::span<const SupportedDevice> supportedDevices()
{
    return kTable;
}

std::span<const SimulatedDevice> simulatedDevices()
{
    return kSimulated;
}

Match matchDevice(std::uint16_t vendorId, std::uint16_t productId, std::span<const InterfaceClass> interfaces)
{
    // Two passes: a VID:PID row always beats a class row.
    for (int pass = 0; pass < 2; ++pass) {
        for (const auto &row : kTable) {
            const bool byId = row.vendorId != 0;
            if (byId != (pass == 0))
                continue;
            if (byId && (row.vendorId != vendorId || row.productId != productId))
                continue;
            if (const auto *i = firstFitting(row, interfaces))
                return {&row, i->number};
            // A VID:PID row that names no class takes the first interface (serial bridges
            // are not claimed at all; the number is informative only).
            if (byId && row.interfaceClass < 0 && interfaces.empty())
                return {&row, 0};
        }
    }
    return {};
}

std::string udevRules(const std::string &group)
{
    std::string out;
    out += "# SPDX-License-Identifier: GPL-3.0-or-later\n";
    out += "# Generated by kiosk-udevgen from devices/usb/devicetable.cpp: edit the table, not this file.\n";
    out += "# Lets the group \"" + group + "\" open the terminal's devices without root.\n";
    out += "# Install as /etc/udev/rules.d/70-kiosk-devices.rules, then: udevadm control --reload && udevadm trigger\n";
    const std::string perms = ", GROUP=\"" + group + "\", MODE=\"0660\"\n";
    for (const auto &row : kTable) {
        out += "\n# " + std::string(deviceKindId(row.kind)) + ": " + row.model;
        if (row.kernelDriver)
            out += " (kernel driver: " + std::string(row.kernelDriver) + ")";
        out += "\n";
        if (row.vendorId != 0) {
            const std::string ids = "ATTR{idVendor}==\"" + hex4(row.vendorId) + "\", ATTR{idProduct}==\""
                + hex4(row.productId) + "\"";
            if (row.quirks & SamOverTty) {
                // The reader is a tty; libusb never opens it.
                out += "SUBSYSTEM==\"tty\", ATTRS{idVendor}==\"" + hex4(row.vendorId) + "\", ATTRS{idProduct}==\""
                    + hex4(row.productId) + "\"" + perms;
            } else {
                out += "SUBSYSTEM==\"usb\", ENV{DEVTYPE}==\"usb_device\", " + ids + perms;
            }
        } else {
            // usb_id (50-udev-default.rules) lists every interface's class/subclass/protocol.
            out += "SUBSYSTEM==\"usb\", ENV{DEVTYPE}==\"usb_device\", ENV{ID_USB_INTERFACES}==\"*:"
                + hex2orAny(row.interfaceClass) + hex2orAny(row.interfaceSubClass) + hex2orAny(row.interfaceProtocol)
                + ":*\"" + perms;
        }
    }
    return out;
}

} // namespace kiosk::devices::usb
