// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "devices/usb/usbdeviceinfo.h"

#include <QObject>
#include <QTimer>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

struct libusb_context;

namespace kiosk::devices::usb {

/**
 * The process's one libusb context, its event-handling thread and hotplug.
 *
 * Threads: the context's own thread runs libusb_handle_events and completes every transfer (see
 * UsbHandle). Hotplug callbacks run there too and are re-emitted as deviceArrived/deviceLeft on
 * the thread this object lives in (the GUI thread in the kiosk). When libusb cannot do hotplug
 * (no udev), the device list is compared every two seconds instead.
 *
 * Shutdown order: stop every driver (their transfers end), destroy every UsbHandle, then stop().
 */
class UsbContext : public QObject
{
    Q_OBJECT

public:
    explicit UsbContext(QObject *parent = nullptr);
    ~UsbContext() override;

    /** Initialises libusb and starts the event thread; present devices arrive at once (queued). */
    bool start(QString *error = nullptr);
    void stop();
    [[nodiscard]] bool isRunning() const { return m_ctx != nullptr; }
    [[nodiscard]] libusb_context *handle() const { return m_ctx; }

    /** The devices plugged right now (synchronous; for `kioskctl devices list`). */
    [[nodiscard]] std::vector<UsbDeviceInfo> devices() const;

    /** Reads what the layer needs about one libusb device. */
    [[nodiscard]] static std::optional<UsbDeviceInfo> describe(libusb_device *device);

Q_SIGNALS:
    void deviceArrived(const kiosk::devices::usb::UsbDeviceInfo &info);
    void deviceLeft(const kiosk::devices::usb::UsbDeviceInfo &info);

private:
    void eventLoop();
    void pollForChanges();
    void onHotplug(libusb_device *device, bool arrived);
    static int hotplugCallback(libusb_context *ctx, libusb_device *device, int event, void *self);

    libusb_context *m_ctx = nullptr;
    std::thread m_eventThread;
    std::atomic<int> m_stopping{0};
    int m_hotplugHandle = 0;
    bool m_hotplug = false;
    QTimer m_poll;
    std::mutex m_mutex; ///< guards m_known (hotplug callbacks run on the event thread)
    std::map<libusb_device *, UsbDeviceInfo> m_known;
};

} // namespace kiosk::devices::usb
