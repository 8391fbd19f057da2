// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/a4printer/a4printer.h"
#include "devices/deviceslogging.h"
#include "devices/driverregistry.h"

namespace kiosk::devices::a4 {

using namespace std::chrono;

namespace {

QString pagesText(int done, int total)
{
    return QStringLiteral("%1 of %2 page%3").arg(std::max(done, 0)).arg(total).arg(total == 1 ? QString() : QStringLiteral("s"));
}

} // namespace

DeviceCandidate configuredCandidate(const QString &address)
{
    DeviceCandidate c;
    c.kind = DeviceKind::A4Printer;
    c.key = QStringLiteral("ipp:") + (address.isEmpty() ? QStringLiteral("auto") : address);
    c.model = address.isEmpty() ? QStringLiteral("A4 printer (the IPP Everywhere printer found)") : QStringLiteral("A4 printer %1").arg(address);
    c.address = address;
    return c;
}

DriverPlug driverPlug()
{
    return {
        .kind = DeviceKind::A4Printer,
        .create = [](const DeviceOptions &o) -> DeviceDriver * { return new A4Printer(o.a4Timing); },
        .needsTty = nullptr,
        .unpluggedDetail = "A4 printer gone: check its network cable and power",
        .configured = [](const DeviceOptions &o) -> std::optional<DeviceCandidate> {
            if (o.a4Printer == QLatin1String("none"))
                return std::nullopt;
            return configuredCandidate(o.a4Printer);
        },
    };
}

A4Printer::A4Printer(A4Timing timing, QObject *parent)
    : DeviceDriver(parent)
    , m_timing(timing)
    , m_link(timing.link)
    , m_timer(this)
{
    qRegisterMetaType<A4Job>();
    qRegisterMetaType<DeviceStatus>();
    qRegisterMetaType<DeviceError>();
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &A4Printer::process);
}

A4Printer::~A4Printer() = default;

void A4Printer::cancel()
{
    m_link.cancel();
}

void A4Printer::open(const DeviceCandidate &c)
{
    m_link.reset();
    m_link.resume();
    m_address = c.address;
    m_open = true;
    if (c.simulated)
        m_transport = QStringLiteral("simulated-ipp");
    else if (c.address.contains(QLatin1String("://")))
        m_transport = c.address.section(QLatin1Char(':'), 0, 0).toLower();
    else
        m_transport = QStringLiteral("cups");
    qCInfo(lcA4Printer) << "A4 printer" << (c.address.isEmpty() ? QStringLiteral("(auto)") : c.address) << "over" << m_transport;
    Q_EMIT opened(c.key, m_transport);
    schedule(0ms);
}

void A4Printer::detach(DeviceError reason, const QString &detail)
{
    m_timer.stop();
    failAll(reason == DeviceError::None ? DeviceError::Stopped : reason, detail.isEmpty() ? QStringLiteral("A4 printer gone") : detail);
    m_link.reset();
    m_open = false;
    if (reason != DeviceError::None)
        publish(DeviceStatus::Fault, reason, detail);
}

void A4Printer::refresh()
{
    schedule(0ms);
}

void A4Printer::submit(const A4Job &job)
{
    qCInfo(lcA4Printer) << "job" << job.id << "queued:" << job.pages << "pages," << job.pdf.size() << "bytes";
    m_queue.push_back(job);
    schedule(0ms);
}

void A4Printer::cancelJob(int id)
{
    for (auto it = m_queue.begin(); it != m_queue.end(); ++it) {
        if (it->id == id) {
            m_queue.erase(it);
            Q_EMIT jobFinished(id, false, DeviceError::JobCancelled, QStringLiteral("cancelled before printing"));
            return;
        }
    }
    if (m_active && m_active->job.id == id)
        giveUp(DeviceError::JobCancelled,
               QStringLiteral("cancelled by the terminal after %1").arg(pagesText(m_active->done, m_active->job.pages)));
}

void A4Printer::schedule(milliseconds in)
{
    m_timer.start(int(in.count()));
}

void A4Printer::finish(bool ok, DeviceError error, const QString &detail)
{
    const int id = m_active->job.id;
    m_active.reset();
    if (ok)
        qCInfo(lcA4Printer) << "job" << id << "printed";
    else
        qCWarning(lcA4Printer) << "job" << id << "failed:" << errorName(error) << detail;
    Q_EMIT jobFinished(id, ok, error, detail);
}

void A4Printer::giveUp(DeviceError error, const QString &detail)
{
    // Cancelled at the printer: it must not print the rest later, for whoever stands there then.
    QString why;
    if (m_active->ippJob > 0 && !m_link.cancelJob(m_active->ippJob, &why))
        qCWarning(lcA4Printer) << "could not cancel job" << m_active->ippJob << "at the printer:" << why;
    finish(false, error, detail);
}

void A4Printer::failAll(DeviceError error, const QString &detail)
{
    if (m_active)
        giveUp(error, detail);
    while (!m_queue.empty()) {
        const int id = m_queue.front().id;
        m_queue.pop_front();
        Q_EMIT jobFinished(id, false, error, detail);
    }
}

std::optional<StatusReport> A4Printer::poll(QString *why)
{
    if (!m_link.isResolved() && !m_link.resolve(m_address, why)) {
        const QString detail = QStringLiteral("A4 printer: %1").arg(*why);
        switch (m_link.resolveError()) {
        case ResolveError::NotFound:
            // None configured and none there: not connected (Unknown, as a USB device not
            // plugged in), not a fault: maybe a terminal without one. A printer named and
            // missing is a fault.
            if (m_address.isEmpty())
                publish(DeviceStatus::Unknown, DeviceError::Disconnected, detail);
            else
                publish(DeviceStatus::Fault, DeviceError::Disconnected, detail);
            break;
        case ResolveError::Several:
        case ResolveError::BadAddress:
        case ResolveError::None: publish(DeviceStatus::Fault, DeviceError::CannotOpen, detail); break;
        }
        return std::nullopt;
    }
    const auto state = m_link.printerState(why);
    if (!state) {
        const StatusReport r = unreachable(*why);
        publish(r.status, r.error, r.detail);
        return std::nullopt;
    }
    m_printer = *state;
    StatusReport r = statusOf(*state);
    if (r.status != DeviceStatus::Fault && !m_link.acceptsPdf())
        r = {DeviceStatus::Fault, DeviceError::DocumentRejected,
             QStringLiteral("A4 printer %1 does not accept PDF documents").arg(m_link.destination().uri)};
    publish(r.status, r.error, r.detail);
    return r;
}

void A4Printer::process()
{
    if (m_processing)
        return;
    m_processing = true;
    struct Guard {
        bool &flag;
        ~Guard() { flag = false; }
    } guard{m_processing};
    m_timer.stop();
    if (!m_open) {
        failAll(DeviceError::Disconnected, QStringLiteral("no A4 printer"));
        return;
    }

    QString why;
    const auto report = poll(&why);
    if (!report) {
        if (m_active) {
            const auto now = steady_clock::now();
            if (!m_active->unreachableSince)
                m_active->unreachableSince = now;
            else if (now - *m_active->unreachableSince >= m_timing.unreachableDuringJob)
                finish(false, DeviceError::Offline,
                       QStringLiteral("A4 printer unreachable during the job, after %1: %2").arg(pagesText(m_active->done, m_active->job.pages), why));
        }
        // Jobs not started yet are refused now: the resident should not wait for a printer that
        // does not answer.
        while (!m_queue.empty()) {
            const int id = m_queue.front().id;
            m_queue.pop_front();
            Q_EMIT jobFinished(id, false, m_link.isResolved() ? DeviceError::Offline : DeviceError::Disconnected,
                               QStringLiteral("not printed: %1").arg(why));
        }
        schedule(m_active ? m_timing.jobPoll : m_link.isResolved() ? m_timing.idlePoll : m_timing.rediscover);
        return;
    }
    if (m_active) {
        m_active->unreachableSince.reset();
        follow(*report, m_printer);
    }
    while (!m_active && !m_queue.empty())
        startNext(*report);
    schedule(m_active ? m_timing.jobPoll : m_timing.idlePoll);
}

void A4Printer::startNext(const StatusReport &status)
{
    A4Job job = m_queue.front();
    m_queue.pop_front();
    if (status.status == DeviceStatus::Fault) {
        qCWarning(lcA4Printer) << "job" << job.id << "refused:" << status.detail;
        Q_EMIT jobFinished(job.id, false, status.error, QStringLiteral("not printed: %1").arg(status.detail));
        return;
    }
    const QString name = jobNameOf(job.title);
    QString why;
    const int ippJob = m_link.createJob(name, &why);
    if (ippJob <= 0) {
        Q_EMIT jobFinished(job.id, false, m_link.isConnected() ? DeviceError::PrinterError : DeviceError::Offline,
                           QStringLiteral("not printed: %1").arg(why));
        return;
    }
    m_active = Active{job, ippJob, -1, steady_clock::now(), std::nullopt};
    const bool sent = m_link.sendDocument(ippJob, job.pdf, name, &why);
    m_active->job.pdf = QByteArray(); // the terminal keeps no copy once the printer has it
    if (!sent) {
        giveUp(m_link.isConnected() ? DeviceError::DocumentRejected : DeviceError::Offline, QStringLiteral("not printed: %1").arg(why));
        return;
    }
    qCInfo(lcA4Printer) << "job" << job.id << "sent as printer job" << ippJob;
    m_active->done = 0;
    m_active->lastProgress = steady_clock::now();
    Q_EMIT jobProgress(job.id, 0, job.pages);
}

void A4Printer::follow(const StatusReport &status, const PrinterState &printer)
{
    Active &a = *m_active;
    QString why;
    const auto job = m_link.jobState(a.ippJob, &why);
    if (!job) {
        if (!m_link.isConnected()) {
            a.unreachableSince = steady_clock::now();
            return;
        }
        finish(false, DeviceError::PrinterError, QStringLiteral("the printer lost the job: %1").arg(why));
        return;
    }
    const int done = pagesDone(*job, a.job.pages);
    if (done > a.done) {
        a.done = done;
        a.lastProgress = steady_clock::now();
        Q_EMIT jobProgress(a.job.id, done, a.job.pages);
    }
    const QString after = pagesText(a.done, a.job.pages);
    switch (JobStateValue(job->state)) {
    case JobStateValue::Completed: finish(true, DeviceError::None, QStringLiteral("printed %1").arg(after)); return;
    case JobStateValue::Canceled:
        finish(false, DeviceError::JobCancelled, QStringLiteral("cancelled at the printer after %1").arg(after));
        return;
    case JobStateValue::Aborted: {
        const DeviceError e = jobFailure(*job, printer);
        finish(false, e, QStringLiteral("the printer aborted the job after %1: %2").arg(after, status.status == DeviceStatus::Fault ? status.detail : job->message));
        return;
    }
    default: break;
    }
    if (status.status == DeviceStatus::Fault || job->state == int(JobStateValue::ProcessingStopped)) {
        const DeviceError e = status.status == DeviceStatus::Fault ? status.error : jobFailure(*job, printer);
        giveUp(e, QStringLiteral("stopped after %1: %2").arg(after, status.status == DeviceStatus::Fault ? status.detail : job->message));
        return;
    }
    if (steady_clock::now() - a.lastProgress > m_timing.stall)
        giveUp(DeviceError::NotResponding,
               QStringLiteral("no progress for %1 s after %2").arg(duration_cast<seconds>(m_timing.stall).count()).arg(after));
}

} // namespace kiosk::devices::a4
