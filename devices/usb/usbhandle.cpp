// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/usb/usbhandle.h"
#include "devices/deviceslogging.h"

#include <libusb.h>

#include <algorithm>
#include <condition_variable>
#include <vector>

namespace kiosk::devices::usb {

namespace {

/** Completion state shared between the waiting thread and the event thread. */
struct Completion {
    std::mutex mutex;
    std::condition_variable cv;
    bool done = false;
};

void LIBUSB_CALL onTransferDone(libusb_transfer *transfer)
{
    auto *c = static_cast<Completion *>(transfer->user_data);
    std::lock_guard lock(c->mutex);
    c->done = true;
    c->cv.notify_all();
}

IoError fromStatus(libusb_transfer_status status)
{
    switch (status) {
    case LIBUSB_TRANSFER_COMPLETED: return IoError::None;
    case LIBUSB_TRANSFER_TIMED_OUT: return IoError::Timeout;
    case LIBUSB_TRANSFER_CANCELLED: return IoError::Cancelled;
    case LIBUSB_TRANSFER_STALL: return IoError::Stall;
    case LIBUSB_TRANSFER_NO_DEVICE: return IoError::NoDevice;
    case LIBUSB_TRANSFER_OVERFLOW: return IoError::Overflow;
    case LIBUSB_TRANSFER_ERROR: break;
    }
    return IoError::Io;
}

IoError fromError(int r)
{
    switch (r) {
    case LIBUSB_ERROR_NO_DEVICE: return IoError::NoDevice;
    case LIBUSB_ERROR_TIMEOUT: return IoError::Timeout;
    case LIBUSB_ERROR_PIPE: return IoError::Stall;
    case LIBUSB_ERROR_OVERFLOW: return IoError::Overflow;
    default: return IoError::Io;
    }
}

QString openError(int r)
{
    if (r == LIBUSB_ERROR_ACCESS)
        return QStringLiteral("permission denied: install packaging/udev/70-kiosk-devices.rules and add the kiosk user to its group");
    if (r == LIBUSB_ERROR_BUSY)
        return QStringLiteral("the interface is held by another program");
    if (r == LIBUSB_ERROR_NO_DEVICE)
        return QStringLiteral("the device is gone");
    return QString::fromLatin1(libusb_strerror(r));
}

// A safety net only: libusb enforces each transfer's own timeout. If the event thread were stuck,
// this is how long past the timeout a caller waits before cancelling by hand.
constexpr std::chrono::milliseconds kCompletionGrace{1000};

} // namespace

UsbHandle::UsbHandle(UsbDeviceInfo info, libusb_device_handle *handle, int interfaceNumber, bool detached)
    : m_info(std::move(info))
    , m_handle(handle)
    , m_interface(interfaceNumber)
    , m_detached(detached)
{
}

std::shared_ptr<UsbHandle> UsbHandle::open(const UsbDeviceInfo &info, int interfaceNumber, QString *error)
{
    auto fail = [&](const QString &what) -> std::shared_ptr<UsbHandle> {
        if (error)
            *error = what;
        return {};
    };
    if (!info.device)
        return fail(QStringLiteral("no libusb device"));
    libusb_device_handle *h = nullptr;
    if (const int r = libusb_open(info.device.get(), &h); r != LIBUSB_SUCCESS)
        return fail(QStringLiteral("cannot open %1: %2").arg(info.vidPid(), openError(r)));
    bool detached = false;
    if (libusb_kernel_driver_active(h, interfaceNumber) == 1) {
        if (const int r = libusb_detach_kernel_driver(h, interfaceNumber); r != LIBUSB_SUCCESS && r != LIBUSB_ERROR_NOT_FOUND) {
            libusb_close(h);
            return fail(QStringLiteral("cannot detach the kernel driver from %1: %2").arg(info.vidPid(), openError(r)));
        }
        detached = true;
        qCInfo(lcUsb) << "detached the kernel driver from" << info.vidPid() << "interface" << interfaceNumber;
    }
    if (const int r = libusb_claim_interface(h, interfaceNumber); r != LIBUSB_SUCCESS) {
        if (detached)
            libusb_attach_kernel_driver(h, interfaceNumber);
        libusb_close(h);
        return fail(QStringLiteral("cannot claim %1 interface %2: %3").arg(info.vidPid()).arg(interfaceNumber).arg(openError(r)));
    }
    return std::shared_ptr<UsbHandle>(new UsbHandle(info, h, interfaceNumber, detached));
}

UsbHandle::~UsbHandle()
{
    cancel();
    // Every transfer is waited for by its caller, so none is in flight here.
    libusb_release_interface(m_handle, m_interface);
    if (m_detached) {
        // Give the device back to its kernel driver (fails harmlessly once unplugged).
        libusb_attach_kernel_driver(m_handle, m_interface);
    }
    libusb_close(m_handle);
}

void UsbHandle::cancel()
{
    std::lock_guard lock(m_mutex);
    m_cancelled = true;
    for (auto *t : m_inFlight)
        libusb_cancel_transfer(t);
}

IoResult UsbHandle::run(libusb_transfer *t, std::chrono::milliseconds timeout)
{
    // Heap-allocated: in the (never expected) case that a transfer cannot be reaped, both it and
    // its completion are leaked rather than freed under the event thread's feet.
    auto *completion = new Completion;
    t->user_data = completion;
    t->callback = onTransferDone;
    t->timeout = unsigned(std::max<std::chrono::milliseconds::rep>(1, timeout.count()));
    {
        std::lock_guard lock(m_mutex);
        if (m_cancelled) {
            delete completion;
            libusb_free_transfer(t);
            return {IoError::Cancelled, 0};
        }
        if (const int r = libusb_submit_transfer(t); r != LIBUSB_SUCCESS) {
            delete completion;
            libusb_free_transfer(t);
            return {fromError(r), 0};
        }
        m_inFlight.push_back(t);
    }
    bool gaveUp = false;
    bool cancelledByHand = false;
    {
        std::unique_lock lock(completion->mutex);
        if (!completion->cv.wait_for(lock, timeout + kCompletionGrace, [&] { return completion->done; })) {
            lock.unlock();
            qCWarning(lcUsb) << "transfer on endpoint" << Qt::hex << t->endpoint << "outlived its timeout; cancelling";
            libusb_cancel_transfer(t);
            cancelledByHand = true;
            lock.lock();
            gaveUp = !completion->cv.wait_for(lock, kCompletionGrace * 5, [&] { return completion->done; });
        }
    }
    {
        std::lock_guard lock(m_mutex);
        m_inFlight.erase(std::remove(m_inFlight.begin(), m_inFlight.end(), t), m_inFlight.end());
    }
    if (gaveUp) {
        qCCritical(lcUsb) << "a transfer never completed: is the libusb event thread running?";
        return {IoError::Io, 0};
    }
    IoResult result{fromStatus(t->status), std::size_t(std::max(0, t->actual_length))};
    if (cancelledByHand && result.error == IoError::Cancelled)
        result.error = IoError::Timeout;
    delete completion;
    libusb_free_transfer(t);
    return result;
}

IoResult UsbHandle::transfer(std::uint8_t endpoint, TransferType type, std::span<std::uint8_t> buffer,
                             std::chrono::milliseconds timeout)
{
    libusb_transfer *t = libusb_alloc_transfer(0);
    if (!t)
        return {IoError::Io, 0};
    if (type == TransferType::Interrupt)
        libusb_fill_interrupt_transfer(t, m_handle, endpoint, buffer.data(), int(buffer.size()), nullptr, nullptr, 0);
    else
        libusb_fill_bulk_transfer(t, m_handle, endpoint, buffer.data(), int(buffer.size()), nullptr, nullptr, 0);
    return run(t, timeout);
}

IoResult UsbHandle::control(std::uint8_t requestType, std::uint8_t request, std::uint16_t value, std::uint16_t index,
                            std::span<std::uint8_t> data, std::chrono::milliseconds timeout)
{
    libusb_transfer *t = libusb_alloc_transfer(0);
    if (!t)
        return {IoError::Io, 0};
    std::vector<std::uint8_t> buffer(LIBUSB_CONTROL_SETUP_SIZE + data.size());
    libusb_fill_control_setup(buffer.data(), requestType, request, value, index, std::uint16_t(data.size()));
    const bool in = requestType & LIBUSB_ENDPOINT_IN;
    if (!in)
        std::copy(data.begin(), data.end(), buffer.begin() + LIBUSB_CONTROL_SETUP_SIZE);
    libusb_fill_control_transfer(t, m_handle, buffer.data(), nullptr, nullptr, 0);
    IoResult r = run(t, timeout);
    if (r.ok() && in)
        std::copy_n(buffer.begin() + LIBUSB_CONTROL_SETUP_SIZE, std::min(r.transferred, data.size()), data.begin());
    return r;
}

UsbEndpointIo::UsbEndpointIo(std::shared_ptr<UsbHandle> handle, std::uint8_t outEndpoint, std::uint8_t inEndpoint,
                             TransferType type)
    : m_handle(std::move(handle))
    , m_out(outEndpoint)
    , m_in(inEndpoint)
    , m_type(type)
{
}

IoResult UsbEndpointIo::write(std::span<const std::uint8_t> data, std::chrono::milliseconds timeout)
{
    if (m_out == 0)
        return {IoError::Io, 0};
    // libusb wants a mutable buffer even for OUT transfers.
    std::vector<std::uint8_t> copy(data.begin(), data.end());
    IoResult r = m_handle->transfer(m_out, m_type, copy, timeout);
    if (r.ok() && r.transferred != data.size())
        r.error = IoError::Io;
    return r;
}

IoResult UsbEndpointIo::read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout)
{
    if (m_in == 0)
        return {IoError::Io, 0};
    return m_handle->transfer(m_in, m_type, buffer, timeout);
}

void UsbEndpointIo::cancel()
{
    m_handle->cancel();
}

QString UsbEndpointIo::transportName() const
{
    return m_type == TransferType::Interrupt ? QStringLiteral("usb-interrupt") : QStringLiteral("usb-bulk");
}

} // namespace kiosk::devices::usb
