// SPDX-License-Identifier: GPL-3.0-or-later
#include "umockdevice.h"

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <linux/usbdevice_fs.h>
#include <sys/ioctl.h>
#include <thread>

#include <QByteArrayView>
#include <QtGlobal>

namespace kiosk::test {

std::optional<QByteArray> UsbFunction::control(std::uint8_t, std::uint8_t, std::uint16_t, std::uint16_t, const QByteArray &)
{
    return QByteArray();
}

/**
 * The ioctl side of one emulated device node: usbdevfs as libusb drives it — capabilities,
 * claims, kernel driver queries and detach, and URBs (submit, reap, discard). Runs on
 * umockdev's thread; everything is under m_mutex.
 */
class LiveUsbDevice
{
public:
    LiveUsbDevice(std::shared_ptr<UsbFunction> function, const char *kernelDriver)
        : m_function(std::move(function))
        , m_kernelDriver(kernelDriver ? kernelDriver : "")
        , m_bound(kernelDriver != nullptr)
        , m_handler(umockdev_ioctl_base_new())
    {
        g_signal_connect(m_handler, "handle-ioctl", G_CALLBACK(&LiveUsbDevice::onIoctl), this);
    }
    ~LiveUsbDevice()
    {
        std::lock_guard lock(m_mutex);
        for (auto *u : m_pending)
            g_object_unref(u);
        for (auto *u : m_done)
            g_object_unref(u);
        g_object_unref(m_handler);
    }
    UMockdevIoctlBase *handler() const { return m_handler; }

    void setPlugged(bool plugged)
    {
        {
            std::lock_guard lock(m_mutex);
            m_unplugged = !plugged;
            if (!plugged) {
                // The kernel kills what is in flight when the device goes away.
                for (auto *u : m_pending) {
                    auto *urb = reinterpret_cast<usbdevfs_urb *>(u->data);
                    urb->status = -ESHUTDOWN;
                    urb->actual_length = 0;
                    m_done.push_back(u);
                }
                m_pending.clear();
            } else {
                m_bound = !m_kernelDriver.empty();
                m_claimed = false;
            }
        }
        m_function->plugged(plugged);
    }
    int detachCount() const
    {
        std::lock_guard lock(m_mutex);
        return m_detaches;
    }
    bool claimed() const
    {
        std::lock_guard lock(m_mutex);
        return m_claimed;
    }

private:
    static gboolean onIoctl(UMockdevIoctlBase *, UMockdevIoctlClient *client, gpointer self)
    {
        return static_cast<LiveUsbDevice *>(self)->handle(client);
    }

    gboolean handle(UMockdevIoctlClient *client)
    {
        const gulong request = umockdev_ioctl_client_get_request(client);
        UMockdevIoctlData *arg = umockdev_ioctl_client_get_arg(client);
        std::unique_lock lock(m_mutex);
        switch (request) {
        case USBDEVFS_GET_CAPABILITIES: {
            UMockdevIoctlData *d = umockdev_ioctl_data_resolve(arg, 0, sizeof(guint32), nullptr);
            *reinterpret_cast<guint32 *>(d->data) = USBDEVFS_CAP_BULK_CONTINUATION | USBDEVFS_CAP_NO_PACKET_SIZE_LIM
                | USBDEVFS_CAP_REAP_AFTER_DISCONNECT;
            g_object_unref(d);
            umockdev_ioctl_client_complete(client, 0, 0);
            return TRUE;
        }
        case USBDEVFS_CLAIMINTERFACE:
            if (m_unplugged)
                return fail(client, ENODEV);
            m_claimed = true;
            umockdev_ioctl_client_complete(client, 0, 0);
            return TRUE;
        case USBDEVFS_RELEASEINTERFACE:
            m_claimed = false;
            umockdev_ioctl_client_complete(client, 0, 0);
            return TRUE;
        case USBDEVFS_CLEAR_HALT:
        case USBDEVFS_RESETEP:
        case USBDEVFS_RESET:
        case USBDEVFS_SETINTERFACE:
        case USBDEVFS_SETCONFIGURATION:
            if (m_unplugged)
                return fail(client, ENODEV);
            umockdev_ioctl_client_complete(client, 0, 0);
            return TRUE;
        case USBDEVFS_GETDRIVER: {
            if (!m_bound)
                return fail(client, ENODATA);
            UMockdevIoctlData *d = umockdev_ioctl_data_resolve(arg, 0, sizeof(usbdevfs_getdriver), nullptr);
            auto *gd = reinterpret_cast<usbdevfs_getdriver *>(d->data);
            std::snprintf(gd->driver, sizeof gd->driver, "%s", m_kernelDriver.c_str());
            g_object_unref(d);
            umockdev_ioctl_client_complete(client, 0, 0);
            return TRUE;
        }
        case USBDEVFS_IOCTL: {
            UMockdevIoctlData *d = umockdev_ioctl_data_resolve(arg, 0, sizeof(usbdevfs_ioctl), nullptr);
            const int code = reinterpret_cast<usbdevfs_ioctl *>(d->data)->ioctl_code;
            g_object_unref(d);
            if (code == int(USBDEVFS_DISCONNECT)) {
                if (!m_bound)
                    return fail(client, ENODATA);
                m_bound = false;
                ++m_detaches;
            } else if (code == int(USBDEVFS_CONNECT)) {
                m_bound = !m_kernelDriver.empty();
            } else {
                return fail(client, ENOTTY);
            }
            umockdev_ioctl_client_complete(client, 0, 0);
            return TRUE;
        }
        case USBDEVFS_SUBMITURB: return submit(client, arg, lock);
        case USBDEVFS_REAPURB:
        case USBDEVFS_REAPURBNDELAY: return reap(client, arg, lock);
        case USBDEVFS_DISCARDURB: {
            const auto addr = gulong(*reinterpret_cast<void **>(arg->data));
            for (auto it = m_pending.begin(); it != m_pending.end(); ++it) {
                if ((*it)->client_addr == addr) {
                    auto *urb = reinterpret_cast<usbdevfs_urb *>((*it)->data);
                    urb->status = -ENOENT;
                    urb->actual_length = 0;
                    m_done.push_back(*it);
                    m_pending.erase(it);
                    umockdev_ioctl_client_complete(client, 0, 0);
                    return TRUE;
                }
            }
            return fail(client, EINVAL);
        }
        default: break;
        }
        return FALSE;
    }

    static gboolean fail(UMockdevIoctlClient *client, int error)
    {
        umockdev_ioctl_client_complete(client, -1, error);
        return TRUE;
    }

    gboolean submit(UMockdevIoctlClient *client, UMockdevIoctlData *arg, std::unique_lock<std::mutex> &lock)
    {
        if (m_unplugged)
            return fail(client, ENODEV);
        UMockdevIoctlData *urbData = umockdev_ioctl_data_resolve(arg, 0, sizeof(usbdevfs_urb), nullptr);
        auto *urb = reinterpret_cast<usbdevfs_urb *>(urbData->data);
        UMockdevIoctlData *buffer = umockdev_ioctl_data_resolve(urbData, offsetof(usbdevfs_urb, buffer), gsize(urb->buffer_length), nullptr);
        g_object_unref(buffer); // the URB keeps it
        const QByteArray bytes(reinterpret_cast<const char *>(urb->buffer), urb->buffer_length);
        const std::uint8_t ep = urb->endpoint;
        if (urb->type == USBDEVFS_URB_TYPE_CONTROL) {
            const auto *setup = reinterpret_cast<const std::uint8_t *>(bytes.constData());
            const std::uint8_t requestType = setup[0];
            const std::uint16_t value = std::uint16_t(setup[2] | setup[3] << 8);
            const std::uint16_t index = std::uint16_t(setup[4] | setup[5] << 8);
            const std::uint16_t length = std::uint16_t(setup[6] | setup[7] << 8);
            auto function = m_function;
            lock.unlock();
            const auto reply = function->control(requestType, setup[1], value, index, bytes.mid(8));
            lock.lock();
            if (!reply) {
                urb->status = -EPIPE;
                urb->actual_length = 0;
            } else if (requestType & 0x80) {
                const int n = int(std::min<qsizetype>(reply->size(), length));
                std::memcpy(static_cast<char *>(urb->buffer) + 8, reply->constData(), std::size_t(n));
                urb->status = 0;
                urb->actual_length = n;
            } else {
                urb->status = 0;
                urb->actual_length = length;
            }
            m_done.push_back(urbData);
        } else if (ep & 0x80) {
            urb->status = 0;
            m_pending.push_back(urbData);
        } else {
            auto function = m_function;
            lock.unlock();
            function->out(ep, bytes);
            lock.lock();
            urb->status = 0;
            urb->actual_length = urb->buffer_length;
            m_done.push_back(urbData);
        }
        umockdev_ioctl_client_complete(client, 0, 0);
        return TRUE;
    }

    gboolean reap(UMockdevIoctlClient *client, UMockdevIoctlData *arg, std::unique_lock<std::mutex> &lock)
    {
        UMockdevIoctlData *ready = nullptr;
        if (!m_done.empty()) {
            ready = m_done.front();
            m_done.pop_front();
        } else if (!m_unplugged) {
            for (auto it = m_pending.begin(); it != m_pending.end(); ++it) {
                auto *urb = reinterpret_cast<usbdevfs_urb *>((*it)->data);
                auto function = m_function;
                lock.unlock();
                const auto data = function->in(urb->endpoint, urb->buffer_length);
                lock.lock();
                if (!data)
                    continue;
                const int n = int(std::min<qsizetype>(data->size(), urb->buffer_length));
                std::memcpy(urb->buffer, data->constData(), std::size_t(n));
                urb->actual_length = n;
                urb->status = 0;
                ready = *it;
                m_pending.erase(it);
                break;
            }
        }
        if (!ready) {
            const bool gone = m_unplugged;
            lock.unlock();
            // umockdev's node always polls ready, so libusb reaps in a loop: pace it.
            if (!gone)
                std::this_thread::sleep_for(std::chrono::microseconds(300));
            return fail(client, gone ? ENODEV : EAGAIN);
        }
        UMockdevIoctlData *ptr = umockdev_ioctl_data_resolve(arg, 0, sizeof(gpointer), nullptr);
        umockdev_ioctl_data_set_ptr(ptr, 0, ready);
        g_object_unref(ptr);
        g_object_unref(ready);
        umockdev_ioctl_client_complete(client, 0, 0);
        return TRUE;
    }

    std::shared_ptr<UsbFunction> m_function;
    std::string m_kernelDriver;
    mutable std::mutex m_mutex;
    bool m_bound;
    bool m_claimed = false;
    bool m_unplugged = false;
    int m_detaches = 0;
    std::deque<UMockdevIoctlData *> m_pending;
    std::deque<UMockdevIoctlData *> m_done;
    UMockdevIoctlBase *m_handler;
};

bool UmockdevBed::available()
{
    return qgetenv("LD_PRELOAD").contains("libumockdev-preload");
}

UmockdevBed::UmockdevBed()
    : m_testbed(umockdev_testbed_new())
{
}

UmockdevBed::~UmockdevBed()
{
    for (const auto &[devnum, live] : m_live)
        umockdev_testbed_detach_ioctl(m_testbed, QStringLiteral("/dev/bus/usb/001/%1").arg(devnum, 3, 10, QLatin1Char('0')).toUtf8(), nullptr);
    g_object_unref(m_testbed);
}

QString UmockdevBed::sysPath(int devnum) const
{
    return QStringLiteral("/sys/devices/usb1/1-%1").arg(m_ports.at(devnum));
}

void UmockdevBed::add(int devnum, int port, const QByteArray &descriptorsHex)
{
    m_ports[devnum] = port;
    const QByteArray node = QStringLiteral("%1").arg(devnum, 3, 10, QLatin1Char('0')).toLatin1();
    const QByteArray description = "P: /devices/usb1/1-" + QByteArray::number(port) + "\n"
        "N: bus/usb/001/" + node + "\n"
        "E: SUBSYSTEM=usb\n"
        "E: DEVTYPE=usb_device\n"
        "E: DEVNAME=/dev/bus/usb/001/" + node + "\n"
        "E: BUSNUM=001\n"
        "E: DEVNUM=" + node + "\n"
        "A: busnum=1\\n\n"
        "A: devnum=" + QByteArray::number(devnum) + "\\n\n"
        "A: speed=12\\n\n"
        "A: bConfigurationValue=1\\n\n"
        "H: descriptors=" + QByteArray(descriptorsHex).replace(' ', "") + "\n";
    GError *error = nullptr;
    if (!umockdev_testbed_add_from_string(m_testbed, description.constData(), &error)) {
        qFatal("umockdev: cannot add the device: %s", error->message);
    }
}

void UmockdevBed::addLive(int devnum, int port, const QByteArray &descriptorsHex, std::shared_ptr<UsbFunction> function,
                          const char *kernelDriver)
{
    auto live = std::make_unique<LiveUsbDevice>(std::move(function), kernelDriver);
    const QByteArray dev = QStringLiteral("/dev/bus/usb/001/%1").arg(devnum, 3, 10, QLatin1Char('0')).toUtf8();
    GError *error = nullptr;
    // The handler first, so that opening works as soon as the "add" uevent is seen.
    if (!umockdev_testbed_attach_ioctl(m_testbed, dev.constData(), live->handler(), &error))
        qFatal("umockdev: cannot attach the ioctl handler: %s", error->message);
    m_live[devnum] = std::move(live);
    add(devnum, port, descriptorsHex);
}

void UmockdevBed::addReplay(int devnum, int port, const QString &deviceFile, const QString &ioctlFile)
{
    const QByteArray dev = QStringLiteral("/dev/bus/usb/001/%1").arg(devnum, 3, 10, QLatin1Char('0')).toUtf8();
    m_ports[devnum] = port;
    GError *error = nullptr;
    if (!umockdev_testbed_add_from_file(m_testbed, deviceFile.toUtf8().constData(), &error))
        qFatal("umockdev: cannot add %s: %s", qPrintable(deviceFile), error->message);
    if (!umockdev_testbed_load_ioctl(m_testbed, dev.constData(), ioctlFile.toUtf8().constData(), &error))
        qFatal("umockdev: cannot load %s: %s", qPrintable(ioctlFile), error->message);
}

void UmockdevBed::unplug(int devnum)
{
    if (auto it = m_live.find(devnum); it != m_live.end())
        it->second->setPlugged(false);
    umockdev_testbed_uevent(m_testbed, sysPath(devnum).toUtf8().constData(), "remove");
}

void UmockdevBed::replug(int devnum)
{
    if (auto it = m_live.find(devnum); it != m_live.end())
        it->second->setPlugged(true);
    umockdev_testbed_uevent(m_testbed, sysPath(devnum).toUtf8().constData(), "add");
}

int UmockdevBed::detachCount(int devnum) const
{
    return m_live.at(devnum)->detachCount();
}

bool UmockdevBed::claimed(int devnum) const
{
    return m_live.at(devnum)->claimed();
}

} // namespace kiosk::test
