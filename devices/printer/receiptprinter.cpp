// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/printer/receiptprinter.h"
#include "devices/deviceslogging.h"
#include "devices/driverregistry.h"
#include "devices/printer/escposencoder.h"
#include "devices/simulator/simulateddevice.h"
#include "devices/usb/usbhandle.h"

#include <QThread>

#include <algorithm>

namespace kiosk::devices::printer {

using namespace std::chrono;

namespace {

const QString kDisconnected = QStringLiteral("printer disconnected during printing");

/** The reason of @p status as a print error (a job waits for it). */
PrintError printErrorOf(const PrinterStatus &status)
{
    return devices::printErrorOf(status.deviceError());
}

} // namespace

DriverPlug driverPlug()
{
    return {
        .kind = DeviceKind::ReceiptPrinter,
        .create = [](const DeviceOptions &o) -> DeviceDriver * { return new ReceiptPrinter(o.printerTiming); },
        .needsTty = nullptr,
        .unpluggedDetail = "receipt printer disconnected: check its USB cable and power",
        .configured = nullptr,
    };
}

ReceiptPrinter::ReceiptPrinter(Timing timing, QObject *parent)
    : DeviceDriver(parent)
    , m_timing(timing)
    , m_timer(this)
{
    qRegisterMetaType<PrintJob>();
    qRegisterMetaType<PrinterProfile>();
    qRegisterMetaType<DeviceStatus>();
    qRegisterMetaType<DeviceError>();
    qRegisterMetaType<PrintError>();
    qRegisterMetaType<std::shared_ptr<DeviceIo>>();
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ReceiptPrinter::process);
}

ReceiptPrinter::~ReceiptPrinter() = default;

void ReceiptPrinter::cancel()
{
    m_io.cancel();
}

void ReceiptPrinter::open(const DeviceCandidate &c)
{
    const PrinterProfile profile = PrinterProfile::fromQuirks(c.quirks);
    QString error;
    std::shared_ptr<DeviceIo> io;
    bool bidirectional = true;
    if (c.simulated) {
        io = std::make_shared<sim::SimulatedIo>(c.simulated, QStringLiteral("simulated-usb-printer"));
    } else if (c.usb) {
        const usb::UsbInterface *itf = c.usb->interface(c.match.interfaceNumber);
        const auto outs = itf ? itf->endpointsOf(usb::TransferType::Bulk, false) : std::vector<usb::UsbEndpoint>{};
        const auto ins = itf ? itf->endpointsOf(usb::TransferType::Bulk, true) : std::vector<usb::UsbEndpoint>{};
        if (outs.empty()) {
            error = QStringLiteral("the printer interface has no bulk OUT endpoint");
        } else if (auto handle = usb::UsbHandle::open(*c.usb, c.match.interfaceNumber, &error)) {
            // Printer-class protocol 1 is unidirectional: no status comes back.
            bidirectional = !ins.empty() && itf->protocol != 1;
            io = std::make_shared<usb::UsbEndpointIo>(handle, outs.front().address, ins.empty() ? 0 : ins.front().address,
                                                      usb::TransferType::Bulk);
        }
    }
    if (!io) {
        Q_EMIT openFailed(c.key, DeviceError::CannotOpen, error);
        return;
    }
    Q_EMIT opened(c.key, io->transportName());
    attach(io, profile, bidirectional);
}

void ReceiptPrinter::attach(std::shared_ptr<DeviceIo> io, PrinterProfile profile, bool bidirectional)
{
    m_io.exchange(std::move(io));
    m_profile = profile;
    m_bidirectional = bidirectional;
    m_silentReplies = 0;
    qCInfo(lcPrinter) << "printer attached over" << m_io->transportName() << (m_profile.nativeQr ? "(native QR)" : "(raster QR)");
    Q_EMIT profileChanged(m_profile);
    schedule(milliseconds(0));
}

void ReceiptPrinter::detach(DeviceError reason, const QString &detail)
{
    m_timer.stop();
    m_io.release();
    if (reason != DeviceError::None)
        publish(DeviceStatus::Fault, reason, detail);
    // Jobs that may not wait are handed back now; the others wait for the printer to return.
    for (auto it = m_jobs.begin(); it != m_jobs.end();) {
        if (it->job.policy == JobPolicy::HandBack) {
            const PrintJob job = it->job;
            it = m_jobs.erase(it);
            Q_EMIT jobFailed(job.id, reason == DeviceError::None ? PrintError::NotRunning : devices::printErrorOf(reason),
                             detail.isEmpty() ? QStringLiteral("printer gone") : detail, job.data);
        } else {
            ++it;
        }
    }
    if (!m_jobs.empty())
        schedule(m_timing.recoveryPoll); // only to enforce maxWait
}

void ReceiptPrinter::submit(const PrintJob &job)
{
    m_jobs.push_back({job, 0, false, steady_clock::now()});
    qCInfo(lcPrinter) << "job" << job.id << "queued," << job.data.size() << "bytes";
    schedule(milliseconds(0));
}

void ReceiptPrinter::submitReceipt(int id, const ReceiptData &receipt, JobPolicy policy)
{
    submit(PrintJob{id, encodeReceipt(receipt, m_profile), policy});
}

void ReceiptPrinter::refresh()
{
    schedule(milliseconds(0));
}

void ReceiptPrinter::schedule(milliseconds in)
{
    m_timer.start(int(in.count()));
}

void ReceiptPrinter::lose(IoError error)
{
    m_io.reset();
    if (error == IoError::NoDevice)
        publish(DeviceStatus::Fault, DeviceError::Disconnected, QStringLiteral("printer disconnected: check its USB cable and power"));
}

void ReceiptPrinter::waitOrGiveUp(const Why &why)
{
    Queued &q = m_jobs.front();
    const PrintJob job = q.job;
    if (job.policy == JobPolicy::HandBack) {
        m_jobs.pop_front();
        qCWarning(lcPrinter) << "job" << job.id << "handed back:" << errorName(why.error) << why.detail;
        Q_EMIT jobFailed(job.id, why.error, why.detail, job.data);
        return;
    }
    if (!q.announcedWait) {
        q.announcedWait = true;
        q.waitingSince = steady_clock::now();
        qCWarning(lcPrinter) << "job" << job.id << "waits:" << errorName(why.error) << why.detail;
        Q_EMIT jobWaiting(job.id, why.error, why.detail);
    } else if (steady_clock::now() - q.waitingSince > m_timing.maxWait) {
        m_jobs.pop_front();
        qCWarning(lcPrinter) << "job" << job.id << "handed back after waiting too long:" << why.detail;
        Q_EMIT jobFailed(job.id, PrintError::TimedOut, QStringLiteral("not printed in time: %1").arg(why.detail), job.data);
    }
}

std::optional<std::uint8_t> ReceiptPrinter::readReply(milliseconds timeout, IoError *error)
{
    const auto deadline = steady_clock::now() + timeout;
    std::uint8_t buffer[64]; // one full-speed bulk packet
    for (;;) {
        const auto left = duration_cast<milliseconds>(deadline - steady_clock::now());
        if (left.count() <= 0) {
            *error = IoError::Timeout;
            return std::nullopt;
        }
        const IoResult r = m_io->read(buffer, left);
        if (!r.ok()) {
            *error = r.error;
            return std::nullopt;
        }
        if (auto b = statusReply(std::span(buffer, r.transferred)))
            return b;
    }
}

std::optional<PrinterStatus> ReceiptPrinter::queryStatus(bool full, IoError *error)
{
    PrinterStatus s;
    auto ask = [&](int n) {
        const QByteArray request = EscPosEncoder::statusRequest(n);
        const IoResult w = m_io->write({reinterpret_cast<const std::uint8_t *>(request.constData()), std::size_t(request.size())},
                                       m_timing.statusTimeout);
        if (!w.ok()) {
            *error = w.error;
            return false;
        }
        const auto reply = readReply(m_timing.statusTimeout, error);
        if (!reply)
            return false;
        [[maybe_unused]] const StatusError e = applyStatusByte(n, *reply, s);
        return true;
    };
    if (full && !ask(1))
        return std::nullopt;
    if (!ask(2) || !ask(4))
        return std::nullopt;
    if (s.errorOccurred && !ask(3))
        return std::nullopt;
    return s;
}

ReceiptPrinter::Outcome ReceiptPrinter::send(Queued &q, Why *why)
{
    ++q.attempts;
    QByteArray data = q.job.data;
    if (q.attempts > 1) {
        // A reprint: ESC @ drops whatever half-job the printer still holds.
        data.prepend("\x1b\x40", 2);
        qCInfo(lcPrinter) << "reprinting job" << q.job.id << "in full (attempt" << q.attempts << ")";
    }
    // Chunks end between whole commands only: the status requests slipped in between must not
    // land inside an image or a two-byte character.
    const std::vector<qsizetype> breaks = escposSafeBreaks(data);
    auto nextBreak = breaks.begin();
    for (qsizetype at = 0; at < data.size();) {
        qsizetype end = at;
        while (nextBreak != breaks.end() && (end == at || *nextBreak - at <= qsizetype(m_timing.chunkSize))) {
            end = *nextBreak;
            ++nextBreak;
        }
        const qsizetype n = end - at;
        const IoResult w = m_io->write({reinterpret_cast<const std::uint8_t *>(data.constData() + at), std::size_t(n)},
                                       m_timing.writeTimeout);
        at = end;
        if (!w.ok()) {
            if (w.error == IoError::NoDevice || w.error == IoError::Cancelled) {
                lose(w.error);
                *why = {PrintError::Disconnected, kDisconnected};
                return Outcome::Lost;
            }
            *why = {PrintError::NotAccepting, QStringLiteral("printer stopped accepting data (%1)").arg(ioErrorName(w.error))};
            return Outcome::Interrupted;
        }
        if (!m_bidirectional)
            continue;
        IoError e = IoError::None;
        const auto st = queryStatus(false, &e);
        if (!st) {
            if (e == IoError::NoDevice || e == IoError::Cancelled) {
                lose(e);
                *why = {PrintError::Disconnected, kDisconnected};
                return Outcome::Lost;
            }
            continue; // a missed status reply alone is no reason to stop
        }
        if (!st->ready()) {
            m_status = *st;
            publish(st->deviceStatus(), st->deviceError(), st->message());
            *why = {printErrorOf(*st), st->message()};
            return Outcome::Interrupted;
        }
    }
    if (m_bidirectional && m_timing.settle.count() > 0) {
        // The printer buffers what it received: watch it print.
        const auto until = steady_clock::now() + m_timing.settle;
        while (steady_clock::now() < until) {
            QThread::msleep(100);
            IoError e = IoError::None;
            const auto st = queryStatus(false, &e);
            if (!st && (e == IoError::NoDevice || e == IoError::Cancelled)) {
                lose(e);
                *why = {PrintError::Disconnected, kDisconnected};
                return Outcome::Lost;
            }
            if (st && !st->ready()) {
                m_status = *st;
                publish(st->deviceStatus(), st->deviceError(), st->message());
                *why = {printErrorOf(*st), st->message()};
                return Outcome::Interrupted;
            }
        }
    }
    return Outcome::Finished;
}

void ReceiptPrinter::process()
{
    if (m_processing)
        return;
    m_processing = true;
    m_timer.stop();
    struct Guard {
        bool &flag;
        ~Guard() { flag = false; }
    } guard{m_processing};

    if (!m_io) {
        if (!m_jobs.empty()) {
            waitOrGiveUp({PrintError::Disconnected, QStringLiteral("no printer connected")});
            schedule(m_timing.recoveryPoll);
        }
        return;
    }

    PrinterStatus st;
    if (m_bidirectional) {
        IoError e = IoError::None;
        const auto queried = queryStatus(true, &e);
        if (!queried) {
            if (e == IoError::NoDevice || e == IoError::Cancelled) {
                lose(e);
                if (!m_jobs.empty())
                    schedule(m_timing.recoveryPoll);
                return;
            }
            if (++m_silentReplies >= 2)
                publish(DeviceStatus::Fault, DeviceError::NotResponding,
                        QStringLiteral("printer does not answer status requests (%1)").arg(ioErrorName(e)));
            schedule(m_timing.recoveryPoll);
            return;
        }
        st = *queried;
        m_silentReplies = 0;
        m_status = st;
        publish(st.deviceStatus(), st.deviceError(), st.message());
    } else {
        publish(DeviceStatus::Warning, DeviceError::NoStatusReports, QStringLiteral("printer cannot report its paper status (unidirectional)"));
    }

    if (m_jobs.empty()) {
        schedule(m_timing.idlePoll);
        return;
    }
    if (!st.ready()) {
        waitOrGiveUp({printErrorOf(st), st.message()});
        schedule(m_timing.recoveryPoll);
        return;
    }

    Queued &q = m_jobs.front();
    const int id = q.job.id;
    Q_EMIT jobStarted(id);
    publish(DeviceStatus::Busy, DeviceError::None, QStringLiteral("printing"));
    Why why;
    switch (send(q, &why)) {
    case Outcome::Finished:
        m_jobs.pop_front();
        qCInfo(lcPrinter) << "job" << id << "printed";
        publish(m_status.deviceStatus(), m_status.deviceError(), m_status.message());
        Q_EMIT jobFinished(id);
        schedule(milliseconds(0));
        return;
    case Outcome::Interrupted:
    case Outcome::Lost:
        // Announce again: this wait is a new one, and the caller must know the receipt broke off.
        m_jobs.front().announcedWait = false;
        waitOrGiveUp(why);
        schedule(m_timing.recoveryPoll);
        return;
    }
}

} // namespace kiosk::devices::printer
