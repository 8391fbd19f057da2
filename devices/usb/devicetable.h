// SPDX-License-Identifier: GPL-3.0-or-later
// The one table of supported devices. It drives the driver registry (DeviceManager matches every
// plugged USB device against it), the simulator list, and the udev rules generated into
// packaging/udev/ at build time — so packaging never drifts from what the drivers accept.
// Plain C++ on purpose: the rules generator links it without Qt.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace kiosk::devices {

/** The kinds of device a terminal drives. The A4 printer is a network (IPP) device: it has no
 *  row in the USB table below; its driver finds it through CUPS. */
enum class DeviceKind : std::uint8_t {
    IdCardReader,
    ReceiptPrinter,
    CodeScanner,
    A4Printer,
};

/** How many kinds there are (the device list's first rows, one per kind). */
inline constexpr int kDeviceKindCount = 4;

/** Every kind, in DeviceKind order. */
inline constexpr DeviceKind kDeviceKinds[kDeviceKindCount] = {DeviceKind::IdCardReader, DeviceKind::ReceiptPrinter,
                                                              DeviceKind::CodeScanner, DeviceKind::A4Printer};

/** Stable short name: "idcard", "printer", "scanner", "a4printer" (JSON, scripts, QML). */
[[nodiscard]] const char *deviceKindId(DeviceKind kind);

} // namespace kiosk::devices

namespace kiosk::devices::usb {

/** Behaviour a row needs beyond what the descriptors say. */
enum Quirk : std::uint32_t {
    NoQuirk = 0,
    /** 0400:c35a firmware A: frame header and body travel on separate bulk endpoint pairs. Only
     *  applied when the interface really has two bulk OUT and two bulk IN endpoints (firmware B
     *  has one pair and takes whole frames). */
    SamSplitEndpoints = 1u << 0,
    /** SAM frames pass through a SiLabs CP2110 HID-to-UART bridge (interrupt reports whose first
     *  byte is the payload length; UART set up with feature reports). */
    SamOverCp2110 = 1u << 1,
    /** A USB-UART bridge or CDC-ACM: the kernel's tty driver carries the line; we open the tty
     *  node (115200 8N1) and never claim the USB interface. */
    SamOverTty = 1u << 2,
    /** The printer has no GS ( k: QR codes are sent as raster images. */
    PrinterNoNativeQr = 1u << 3,
    /** The printer distinguishes partial from full cuts (GS V 66). */
    PrinterPartialCut = 1u << 4,
    /** HID POS scanner (usage page 0x8C): reports carry the decoded bytes as sent. */
    ScannerHidPos = 1u << 5,
    /** Keyboard-wedge scanner: HID boot keyboard reports, Enter ends a code. */
    ScannerKeyboard = 1u << 6,
};

/** One row of the table. A row matches by VID:PID, by interface class, or both. */
struct SupportedDevice {
    DeviceKind kind;
    std::uint16_t vendorId; ///< 0: any vendor (then the interface class must match)
    std::uint16_t productId; ///< ignored when vendorId is 0
    int interfaceClass; ///< -1: any
    int interfaceSubClass; ///< -1: any
    int interfaceProtocol; ///< -1: any
    const char *driver; ///< "sam", "escpos", "hidpos", "hidkbd"
    const char *model; ///< shown to technicians
    std::uint32_t quirks;
    const char *kernelDriver; ///< what Linux binds to it (we detach it), or nullptr
};

/** A simulated device for `kiosk --simulate`: which table row it stands in for. */
struct SimulatedDevice {
    DeviceKind kind;
    const char *model;
    std::uint16_t vendorId; ///< the modelled device's VID:PID, shown in `devices list --simulate`
    std::uint16_t productId;
    const char *transport;
};

/** Class triple of one interface, as read from the configuration descriptor. */
struct InterfaceClass {
    int number;
    int interfaceClass;
    int subClass;
    int protocol;
};

/** The result of matching a device against the table. */
struct Match {
    const SupportedDevice *row = nullptr;
    int interfaceNumber = -1; ///< the interface the driver claims
    explicit operator bool() const { return row != nullptr; }
};

[[nodiscard]] std::span<const SupportedDevice> supportedDevices();
[[nodiscard]] std::span<const SimulatedDevice> simulatedDevices();

/**
 * Finds the row for a device. VID:PID rows win over class rows; among the device's interfaces the
 * first whose class fits the row is chosen. Returns an empty Match when nothing fits.
 */
[[nodiscard]] Match matchDevice(std::uint16_t vendorId, std::uint16_t productId,
                                std::span<const InterfaceClass> interfaces);

/**
 * The udev rules that let the kiosk user (@p group) open every supported device without root:
 * usb_device nodes for libusb, tty nodes for serial readers. Deterministic text.
 */
[[nodiscard]] std::string udevRules(const std::string &group);

} // namespace kiosk::devices::usb
