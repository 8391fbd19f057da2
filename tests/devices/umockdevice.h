// SPDX-License-Identifier: GPL-3.0-or-later
// A umockdev testbed for the device tests: USB devices described by their descriptors, either
// replaying a scripted ioctl tree or emulated live in this process (UMockdevIoctlBase) by a
// UsbFunction — usually the same device model the simulators use. Include before Qt headers
// (GLib has a struct member named "signals"); the tests build with QT_NO_KEYWORDS anyway.
#pragma once

#include <umockdev.h>

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <cstdio>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

namespace kiosk::test {

/**
 * What an emulated USB device does with the URBs the host submits. Called on umockdev's own
 * thread: implementations must be thread-safe.
 */
class UsbFunction
{
public:
    virtual ~UsbFunction() = default;
    /** A bulk or interrupt OUT transfer arrived. */
    virtual void out(std::uint8_t endpoint, const QByteArray &data) = 0;
    /** Data for a pending IN transfer, at most @p max bytes, if the device has some now. */
    virtual std::optional<QByteArray> in(std::uint8_t endpoint, int max) = 0;
    /** A control transfer: the IN data (empty for OUT), or nullopt to stall. */
    virtual std::optional<QByteArray> control(std::uint8_t requestType, std::uint8_t request, std::uint16_t value,
                                              std::uint16_t index, const QByteArray &data);
    /** The cable was pulled or put back. */
    virtual void plugged(bool) { }
};

class LiveUsbDevice;

class UmockdevBed
{
public:
    /** True when running under umockdev-wrapper (the preload library is what fakes /dev and /sys). */
    [[nodiscard]] static bool available();

    UmockdevBed();
    ~UmockdevBed();

    /**
     * Adds /dev/bus/usb/001/NNN (@p devnum) with @p descriptors (device + configuration, hex)
     * at sysfs /devices/usb1/1-@p port, emulated live by @p function. @p kernelDriver is what
     * the kernel has bound to interface 0 (GETDRIVER reports it until it is detached).
     */
    void addLive(int devnum, int port, const QByteArray &descriptorsHex, std::shared_ptr<UsbFunction> function,
                 const char *kernelDriver = nullptr);
    /**
     * A device from a umockdev-record file whose node's ioctls are replayed from @p ioctlFile
     * (umockdev's ioctl tree format).
     */
    void addReplay(int devnum, int port, const QString &deviceFile, const QString &ioctlFile);
    /** Pulls the cable: URBs in flight end with -ESHUTDOWN, later ones fail with ENODEV, "remove" uevent. */
    void unplug(int devnum);
    /** Puts it back ("add" uevent). */
    void replug(int devnum);
    /** How often the kernel driver was detached from the live device (libusb_detach_kernel_driver). */
    [[nodiscard]] int detachCount(int devnum) const;
    /** Whether the host holds a claim on the live device's interface 0. */
    [[nodiscard]] bool claimed(int devnum) const;

private:
    QString sysPath(int devnum) const;
    void add(int devnum, int port, const QByteArray &descriptorsHex);

    UMockdevTestbed *m_testbed;
    std::map<int, std::unique_ptr<LiveUsbDevice>> m_live;
    std::map<int, int> m_ports;
};

} // namespace kiosk::test

/** Runs a Qt test under umockdev, or exits 77 (skipped) when umockdev-wrapper is not in use. */
#define KIOSK_UMOCKDEV_TEST_MAIN(TestObject)                                                        \
    int main(int argc, char *argv[])                                                                \
    {                                                                                               \
        if (!kiosk::test::UmockdevBed::available()) {                                               \
            std::fprintf(stderr, "SKIP: run under umockdev-wrapper (LD_PRELOAD has no libumockdev-preload)\n"); \
            return 77;                                                                              \
        }                                                                                           \
        QGuiApplication app(argc, argv);                                                            \
        TestObject tc;                                                                              \
        QTEST_SET_MAIN_SOURCE_PATH                                                                  \
        return QTest::qExec(&tc, argc, argv);                                                       \
    }
