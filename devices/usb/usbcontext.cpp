// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/usb/usbcontext.h"
#include "devices/deviceslogging.h"

#include <QCoreApplication>

#include <libusb.h>

#include <set>

namespace kiosk::devices::usb {

namespace {

void LIBUSB_CALL forwardLog(libusb_context *, enum libusb_log_level level, const char *text)
{
    const QString line = QString::fromLocal8Bit(text).trimmed();
    switch (level) {
    case LIBUSB_LOG_LEVEL_ERROR: qCWarning(lcUsb).noquote() << "libusb:" << line; break;
    case LIBUSB_LOG_LEVEL_WARNING: qCInfo(lcUsb).noquote() << "libusb:" << line; break;
    default: qCDebug(lcUsb).noquote() << "libusb:" << line; break;
    }
}

} // namespace

UsbContext::UsbContext(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<UsbDeviceInfo>();
    m_poll.setInterval(2000);
    connect(&m_poll, &QTimer::timeout, this, &UsbContext::pollForChanges);
}

UsbContext::~UsbContext()
{
    stop();
}

std::optional<UsbDeviceInfo> UsbContext::describe(libusb_device *device)
{
    libusb_device_descriptor dd{};
    if (libusb_get_device_descriptor(device, &dd) != LIBUSB_SUCCESS)
        return std::nullopt;
    UsbDeviceInfo info;
    info.device = std::shared_ptr<libusb_device>(libusb_ref_device(device), &libusb_unref_device);
    info.bus = libusb_get_bus_number(device);
    info.address = libusb_get_device_address(device);
    info.vendorId = dd.idVendor;
    info.productId = dd.idProduct;
    std::uint8_t ports[8];
    const int n = libusb_get_port_numbers(device, ports, int(sizeof ports));
    info.portPath = QString::number(info.bus) + QLatin1Char('-');
    for (int i = 0; i < n; ++i)
        info.portPath += (i ? QStringLiteral(".") : QString()) + QString::number(ports[i]);
    libusb_config_descriptor *config = nullptr;
    // The active configuration comes from the kernel's cached descriptors: no I/O to the device.
    if (libusb_get_active_config_descriptor(device, &config) != LIBUSB_SUCCESS
        && libusb_get_config_descriptor(device, 0, &config) != LIBUSB_SUCCESS)
        return info; // no configuration readable: nothing in it can be matched by class
    for (int i = 0; i < config->bNumInterfaces; ++i) {
        const libusb_interface &itf = config->interface[i];
        if (itf.num_altsetting < 1)
            continue;
        const libusb_interface_descriptor &alt = itf.altsetting[0];
        UsbInterface u;
        u.number = alt.bInterfaceNumber;
        u.interfaceClass = alt.bInterfaceClass;
        u.subClass = alt.bInterfaceSubClass;
        u.protocol = alt.bInterfaceProtocol;
        u.extra = QByteArray(reinterpret_cast<const char *>(alt.extra), alt.extra_length);
        for (int e = 0; e < alt.bNumEndpoints; ++e) {
            const libusb_endpoint_descriptor &ep = alt.endpoint[e];
            u.endpoints.push_back({ep.bEndpointAddress, TransferType(ep.bmAttributes & 3), std::uint16_t(ep.wMaxPacketSize & 0x7FF)});
        }
        info.interfaces.push_back(std::move(u));
    }
    libusb_free_config_descriptor(config);
    return info;
}

bool UsbContext::start(QString *error)
{
    if (m_ctx)
        return true;
    // One handler for everything libusb says (it also goes to stderr without one).
    libusb_set_log_cb(nullptr, forwardLog, LIBUSB_LOG_CB_GLOBAL);
    if (const int r = libusb_init(&m_ctx); r != LIBUSB_SUCCESS) {
        m_ctx = nullptr;
        if (error)
            *error = QStringLiteral("libusb cannot start: %1").arg(QString::fromLatin1(libusb_strerror(r)));
        return false;
    }
    libusb_set_option(m_ctx, LIBUSB_OPTION_LOG_LEVEL, lcUsb().isDebugEnabled() ? LIBUSB_LOG_LEVEL_DEBUG : LIBUSB_LOG_LEVEL_WARNING);
    m_stopping = 0;
    m_eventThread = std::thread([this] { eventLoop(); });

    m_hotplug = libusb_has_capability(LIBUSB_CAP_HAS_HOTPLUG);
    if (m_hotplug) {
        libusb_hotplug_callback_handle h = 0;
        // ENUMERATE: devices already plugged arrive through the same path as new ones.
        const int r = libusb_hotplug_register_callback(
            m_ctx, libusb_hotplug_event(LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED | LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT),
            LIBUSB_HOTPLUG_ENUMERATE, LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY,
            [](libusb_context *c, libusb_device *d, libusb_hotplug_event e, void *self) {
                return hotplugCallback(c, d, int(e), self);
            },
            this, &h);
        if (r == LIBUSB_SUCCESS) {
            m_hotplugHandle = h;
        } else {
            qCWarning(lcUsb) << "hotplug registration failed:" << libusb_strerror(r) << "- polling the device list instead";
            m_hotplug = false;
        }
    }
    if (!m_hotplug) {
        pollForChanges();
        m_poll.start();
    }
    qCInfo(lcUsb) << "libusb started" << (m_hotplug ? "with hotplug" : "with polling");
    return true;
}

void UsbContext::stop()
{
    if (!m_ctx)
        return;
    m_poll.stop();
    if (m_hotplug)
        libusb_hotplug_deregister_callback(m_ctx, m_hotplugHandle);
    m_stopping = 1;
    libusb_interrupt_event_handler(m_ctx);
    if (m_eventThread.joinable())
        m_eventThread.join();
    {
        std::lock_guard lock(m_mutex);
        m_known.clear();
    }
    // Arrivals not yet delivered hold device references: drop them while libusb still exists.
    QCoreApplication::removePostedEvents(this, QEvent::MetaCall);
    libusb_exit(m_ctx);
    m_ctx = nullptr;
    qCInfo(lcUsb) << "libusb stopped";
}

void UsbContext::eventLoop()
{
    // The timeout only bounds how long a stop() waits; libusb wakes up for every event itself.
    timeval tv{0, 200000};
    while (!m_stopping) {
        const int r = libusb_handle_events_timeout_completed(m_ctx, &tv, nullptr);
        if (r != LIBUSB_SUCCESS && r != LIBUSB_ERROR_INTERRUPTED && r != LIBUSB_ERROR_TIMEOUT) {
            qCWarning(lcUsb) << "event handling failed:" << libusb_strerror(r);
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
}

int UsbContext::hotplugCallback(libusb_context *, libusb_device *device, int event, void *self)
{
    static_cast<UsbContext *>(self)->onHotplug(device, event == LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED);
    return 0; // stay registered
}

void UsbContext::onHotplug(libusb_device *device, bool arrived)
{
    // Runs on the event thread (or inside register_callback for ENUMERATE): no I/O here, only
    // cached descriptors, then hand over to this object's thread.
    std::optional<UsbDeviceInfo> info;
    {
        std::lock_guard lock(m_mutex);
        if (arrived) {
            info = describe(device);
            if (info)
                m_known[device] = *info;
        } else if (auto it = m_known.find(device); it != m_known.end()) {
            info = it->second;
            m_known.erase(it);
        }
    }
    if (!info)
        return;
    QMetaObject::invokeMethod(this, [this, info = *info, arrived] {
        if (arrived)
            Q_EMIT deviceArrived(info);
        else
            Q_EMIT deviceLeft(info);
    }, Qt::QueuedConnection);
}

std::vector<UsbDeviceInfo> UsbContext::devices() const
{
    std::vector<UsbDeviceInfo> out;
    if (!m_ctx)
        return out;
    libusb_device **list = nullptr;
    const ssize_t n = libusb_get_device_list(m_ctx, &list);
    for (ssize_t i = 0; i < n; ++i) {
        if (auto info = describe(list[i]))
            out.push_back(std::move(*info));
    }
    if (n >= 0)
        libusb_free_device_list(list, 1);
    return out;
}

void UsbContext::pollForChanges()
{
    libusb_device **list = nullptr;
    const ssize_t n = libusb_get_device_list(m_ctx, &list);
    if (n < 0)
        return;
    std::set<libusb_device *> now(list, list + n);
    std::vector<libusb_device *> gone;
    {
        std::lock_guard lock(m_mutex);
        for (const auto &[dev, info] : m_known) {
            if (!now.count(dev))
                gone.push_back(dev);
        }
    }
    for (auto *dev : gone)
        onHotplug(dev, false);
    for (auto *dev : now) {
        bool known;
        {
            std::lock_guard lock(m_mutex);
            known = m_known.count(dev);
        }
        if (!known)
            onHotplug(dev, true);
    }
    libusb_free_device_list(list, 1);
}

} // namespace kiosk::devices::usb
