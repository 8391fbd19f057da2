// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/a4printer/cupslink.h"
#include "devices/deviceslogging.h"

#include <cups/cups.h>

#include <QRegularExpression>
#include <QUrl>

#include <algorithm>
#include <atomic>

namespace kiosk::devices::a4 {

using namespace std::chrono;

namespace {

constexpr double kWaitSlice = 0.25; ///< libcups calls back this often (s) while waiting: cancel() is seen within it
constexpr qsizetype kWriteChunk = 64 * 1024; ///< document bytes per cupsWriteRequestData call

bool isUri(const QString &address)
{
    static const QRegularExpression re(QStringLiteral("^(ipps?|https?)://"), QRegularExpression::CaseInsensitiveOption);
    return re.match(address).hasMatch();
}

QString option(cups_dest_t *dest, const char *name)
{
    return QString::fromUtf8(cupsGetOption(name, dest->num_options, dest->options));
}

Destination describe(cups_dest_t *dest)
{
    Destination d;
    d.name = QString::fromUtf8(dest->name);
    const QString queue = option(dest, "printer-uri-supported");
    const QString device = option(dest, "device-uri");
    // A local cupsd's queue has its own URI; a printer DNS-SD found has only a device URI.
    d.viaScheduler = !queue.isEmpty() && queue != device;
    d.uri = device.isEmpty() ? queue : device;
    return d;
}

struct Enumerated {
    std::vector<cups_dest_t *> dests;
};

int collect(void *user, unsigned flags, cups_dest_t *dest)
{
    auto *out = static_cast<Enumerated *>(user);
    if (flags & CUPS_DEST_FLAGS_REMOVED)
        return 1;
    cups_dest_t *copy = nullptr;
    cupsCopyDest(dest, 0, &copy);
    if (copy)
        out->dests.push_back(copy);
    return 1;
}

void freeAll(Enumerated &e)
{
    for (cups_dest_t *d : e.dests)
        cupsFreeDests(1, d);
    e.dests.clear();
}

QStringList stringsOf(ipp_t *response, const char *name)
{
    QStringList out;
    ipp_attribute_t *a = ippFindAttribute(response, name, IPP_TAG_ZERO);
    for (int i = 0; a && i < ippGetCount(a); ++i)
        out << QString::fromUtf8(ippGetString(a, i, nullptr));
    return out;
}

int integerOf(ipp_t *response, const char *name, int fallback)
{
    ipp_attribute_t *a = ippFindAttribute(response, name, IPP_TAG_ZERO);
    if (!a || ippGetCount(a) < 1)
        return fallback;
    const ipp_tag_t tag = ippGetValueTag(a);
    if (tag != IPP_TAG_INTEGER && tag != IPP_TAG_ENUM)
        return fallback;
    return ippGetInteger(a, 0);
}

} // namespace

CupsLink::CupsLink(LinkTiming timing)
    : m_timing(timing)
{
}

CupsLink::~CupsLink()
{
    reset();
}

void CupsLink::cancel()
{
    std::atomic_ref<int>(m_cancel).store(1);
}

void CupsLink::resume()
{
    std::atomic_ref<int>(m_cancel).store(0);
}

int CupsLink::keepWaiting(_http_s *, void *self)
{
    auto *link = static_cast<CupsLink *>(self);
    if (std::atomic_ref<int>(link->m_cancel).load())
        return 0;
    return steady_clock::now() - link->m_waitStarted < link->m_waitLimit ? 1 : 0;
}

void CupsLink::beginWait()
{
    m_waitStarted = steady_clock::now();
    m_waitLimit = m_timing.request;
}

QString CupsLink::lastError()
{
    if (std::atomic_ref<int>(m_cancel).load())
        return QStringLiteral("cancelled");
    return QString::fromUtf8(cupsLastErrorString());
}

void CupsLink::reset()
{
    disconnect();
    if (m_dest)
        cupsFreeDests(1, m_dest);
    m_dest = nullptr;
    m_destination = {};
}

void CupsLink::disconnect()
{
    if (m_info)
        cupsFreeDestInfo(m_info);
    m_info = nullptr;
    if (m_http)
        httpClose(m_http);
    m_http = nullptr;
    m_pdf.reset();
    m_everywhere.reset();
}

std::vector<std::unique_ptr<CupsLink>> CupsLink::enumerate(LinkTiming timing)
{
    Enumerated found;
    int cancel = 0;
    // Local queues (when a cupsd runs) and the printers DNS-SD finds within the time.
    cupsEnumDests(CUPS_DEST_FLAGS_NONE, int(timing.discovery.count()), &cancel, 0, 0, collect, &found);
    std::vector<std::unique_ptr<CupsLink>> out;
    for (cups_dest_t *d : found.dests) {
        auto link = std::make_unique<CupsLink>(timing);
        link->m_dest = d; // the link owns the copy now
        link->m_destination = describe(d);
        out.push_back(std::move(link));
    }
    found.dests.clear();
    return out;
}

bool CupsLink::resolve(const QString &address, QString *error)
{
    reset();
    m_resolveError = ResolveError::None;
    if (isUri(address)) {
        // IPP over http:// is ipp:// on the wire; libcups takes only the ipp schemes.
        QUrl url(address);
        if (url.scheme().compare(QLatin1String("http"), Qt::CaseInsensitive) == 0) {
            url.setPort(url.port(80));
            url.setScheme(QStringLiteral("ipp"));
        } else if (url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0) {
            url.setPort(url.port(443));
            url.setScheme(QStringLiteral("ipps"));
        }
        const QString uri = url.toString();
        m_dest = cupsGetDestWithURI(nullptr, uri.toUtf8().constData()); // named after the URI's host
        if (!m_dest) {
            *error = QStringLiteral("not a printer URI: %1 (%2)").arg(address, QString::fromUtf8(cupsLastErrorString()));
            m_resolveError = ResolveError::BadAddress;
            return false;
        }
        m_destination = {QString::fromUtf8(m_dest->name), uri, false};
        return true;
    }
    Enumerated found;
    int *cancel = &m_cancel;
    cupsEnumDests(CUPS_DEST_FLAGS_NONE, int(m_timing.discovery.count()), cancel, 0, 0, collect, &found);
    if (!address.isEmpty()) {
        const auto it = std::find_if(found.dests.begin(), found.dests.end(),
                                     [&](cups_dest_t *d) { return QString::fromUtf8(d->name) == address; });
        if (it == found.dests.end()) {
            freeAll(found);
            *error = QStringLiteral("no printer named \"%1\" (neither a local CUPS queue nor found on the network)").arg(address);
            m_resolveError = ResolveError::NotFound;
            return false;
        }
        m_dest = *it;
        found.dests.erase(it);
        freeAll(found);
        m_destination = describe(m_dest);
        return true;
    }
    // None configured: the one IPP Everywhere printer there is. A local queue counts when it was
    // made driverless ("everywhere" model); a printer DNS-SD found is asked.
    std::vector<cups_dest_t *> everywhere;
    for (cups_dest_t *d : found.dests) {
        const Destination desc = describe(d);
        bool ok = false;
        if (desc.viaScheduler) {
            const QString model = option(d, "printer-make-and-model");
            ok = model.contains(QLatin1String("IPP Everywhere"), Qt::CaseInsensitive)
                 || model.contains(QLatin1String("driverless"), Qt::CaseInsensitive);
        } else {
            CupsLink probe(m_timing);
            cups_dest_t *copy = nullptr;
            cupsCopyDest(d, 0, &copy);
            probe.m_dest = copy;
            probe.m_destination = desc;
            QString ignored;
            ok = copy && probe.ensureConnected(&ignored) && probe.isIppEverywhere();
        }
        if (ok)
            everywhere.push_back(d);
    }
    if (everywhere.size() != 1) {
        QStringList names;
        for (cups_dest_t *d : everywhere)
            names << QString::fromUtf8(d->name);
        freeAll(found);
        m_resolveError = everywhere.empty() ? ResolveError::NotFound : ResolveError::Several;
        *error = everywhere.empty()
                     ? QStringLiteral("no IPP Everywhere printer found (set \"a4Printer\" in the configuration)")
                     : QStringLiteral("%1 IPP Everywhere printers found (%2): none is used; set \"a4Printer\" in the configuration")
                           .arg(everywhere.size())
                           .arg(names.join(QStringLiteral(", ")));
        return false;
    }
    m_dest = everywhere.front();
    found.dests.erase(std::find(found.dests.begin(), found.dests.end(), m_dest));
    freeAll(found);
    m_destination = describe(m_dest);
    return true;
}

bool CupsLink::ensureConnected(QString *error)
{
    if (m_http)
        return true;
    if (!m_dest) {
        *error = QStringLiteral("no destination");
        return false;
    }
    char resource[1024] = {};
    // A local queue goes through its cupsd; anything else straight to the printer (no cupsd).
    const unsigned flags = m_destination.viaScheduler ? CUPS_DEST_FLAGS_NONE : CUPS_DEST_FLAGS_DEVICE;
    m_http = cupsConnectDest(m_dest, flags, int(m_timing.connect.count()), &m_cancel, resource, sizeof resource, nullptr, nullptr);
    if (!m_http) {
        *error = QStringLiteral("cannot connect to %1: %2").arg(m_destination.uri, lastError());
        return false;
    }
    httpSetTimeout(m_http, kWaitSlice, &CupsLink::keepWaiting, this);
    m_resource = resource;
    if (!m_destination.viaScheduler) {
        // A DNS-SD name was resolved while connecting: keep the printer's real URI.
        if (const QString device = option(m_dest, "device-uri"); !device.isEmpty())
            m_destination.uri = device;
    }
    return true;
}

bool CupsLink::prepareInfo()
{
    if (m_info)
        return true;
    if (!m_http)
        return false;
    beginWait();
    m_info = cupsCopyDestInfo(m_http, m_dest);
    return m_info != nullptr;
}

std::optional<PrinterState> CupsLink::printerState(QString *error)
{
    QString why;
    if (!ensureConnected(&why)) {
        *error = why;
        return std::nullopt;
    }
    static const char *const wanted[] = {"printer-state", "printer-state-reasons", "printer-state-message", "printer-is-accepting-jobs"};
    const QByteArray uri = (m_destination.viaScheduler ? option(m_dest, "printer-uri-supported") : m_destination.uri).toUtf8();
    ipp_t *request = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, uri.constData());
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, cupsUser());
    ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", int(std::size(wanted)), nullptr, wanted);
    beginWait();
    ipp_t *response = cupsDoRequest(m_http, request, m_resource.constData());
    if (!response || cupsLastError() > IPP_STATUS_OK_EVENTS_COMPLETE) {
        *error = QStringLiteral("Get-Printer-Attributes failed: %1").arg(lastError());
        ippDelete(response);
        disconnect();
        return std::nullopt;
    }
    PrinterState s;
    s.state = integerOf(response, "printer-state", int(PrinterStateValue::Idle));
    s.reasons = stringsOf(response, "printer-state-reasons");
    s.message = stringsOf(response, "printer-state-message").value(0);
    if (ipp_attribute_t *a = ippFindAttribute(response, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN))
        s.acceptingJobs = ippGetBoolean(a, 0);
    ippDelete(response);
    return s;
}

bool CupsLink::acceptsPdf()
{
    if (!m_pdf) {
        if (!prepareInfo())
            return false;
        m_pdf = cupsCheckDestSupported(m_http, m_dest, m_info, "document-format", CUPS_FORMAT_PDF) != 0;
    }
    return *m_pdf;
}

bool CupsLink::isIppEverywhere()
{
    if (!m_everywhere) {
        if (!prepareInfo())
            return false;
        m_everywhere = cupsCheckDestSupported(m_http, m_dest, m_info, "ipp-features", "ipp-everywhere")
                       || cupsCheckDestSupported(m_http, m_dest, m_info, "document-format", "image/pwg-raster");
    }
    return *m_everywhere;
}

int CupsLink::createJob(const QString &jobName, QString *error)
{
    if (!ensureConnected(error))
        return 0;
    if (!prepareInfo()) {
        *error = QStringLiteral("cannot read the printer's capabilities: %1").arg(lastError());
        disconnect();
        return 0;
    }
    cups_option_t *options = nullptr;
    int n = 0;
    n = cupsAddOption("media", "iso_a4_210x297mm", n, &options);
    n = cupsAddOption("sides", "one-sided", n, &options);
    // Certificates carry a red seal: colour where the printer has it.
    if (cupsCheckDestSupported(m_http, m_dest, m_info, "print-color-mode", "color"))
        n = cupsAddOption("print-color-mode", "color", n, &options);
    else if (cupsCheckDestSupported(m_http, m_dest, m_info, "print-color-mode", "monochrome"))
        n = cupsAddOption("print-color-mode", "monochrome", n, &options);
    int jobId = 0;
    beginWait();
    const ipp_status_t status = cupsCreateDestJob(m_http, m_dest, m_info, &jobId, jobName.toUtf8().constData(), n, options);
    cupsFreeOptions(n, options);
    if (status > IPP_STATUS_OK_EVENTS_COMPLETE || jobId <= 0) {
        *error = QStringLiteral("Create-Job refused: %1").arg(lastError());
        if (status >= IPP_STATUS_ERROR_INTERNAL)
            disconnect();
        return 0;
    }
    return jobId;
}

bool CupsLink::sendDocument(int jobId, const QByteArray &pdf, const QString &documentName, QString *error)
{
    beginWait();
    if (cupsStartDestDocument(m_http, m_dest, m_info, jobId, documentName.toUtf8().constData(), CUPS_FORMAT_PDF, 0, nullptr, 1)
        != HTTP_STATUS_CONTINUE) {
        *error = QStringLiteral("Send-Document refused: %1").arg(lastError());
        disconnect();
        return false;
    }
    // From memory onto the socket, in chunks; the document never touches a file.
    for (qsizetype at = 0; at < pdf.size(); at += kWriteChunk) {
        const qsizetype n = std::min(kWriteChunk, pdf.size() - at);
        beginWait();
        if (cupsWriteRequestData(m_http, pdf.constData() + at, size_t(n)) != HTTP_STATUS_CONTINUE) {
            *error = QStringLiteral("sending the document failed: %1").arg(lastError());
            disconnect();
            return false;
        }
    }
    beginWait();
    const ipp_status_t status = cupsFinishDestDocument(m_http, m_dest, m_info);
    if (status > IPP_STATUS_OK_EVENTS_COMPLETE) {
        *error = QStringLiteral("the printer did not take the document: %1").arg(lastError());
        return false;
    }
    return true;
}

std::optional<JobState> CupsLink::jobState(int jobId, QString *error)
{
    if (!ensureConnected(error))
        return std::nullopt;
    static const char *const wanted[] = {"job-state", "job-state-reasons", "job-state-message", "job-impressions-completed",
                                         "job-media-sheets-completed"};
    const QByteArray uri = (m_destination.viaScheduler ? option(m_dest, "printer-uri-supported") : m_destination.uri).toUtf8();
    ipp_t *request = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, uri.constData());
    ippAddInteger(request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", jobId);
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, cupsUser());
    ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", int(std::size(wanted)), nullptr, wanted);
    beginWait();
    ipp_t *response = cupsDoRequest(m_http, request, m_resource.constData());
    const ipp_status_t status = cupsLastError();
    if (!response || status > IPP_STATUS_OK_EVENTS_COMPLETE) {
        *error = QStringLiteral("Get-Job-Attributes failed: %1").arg(lastError());
        ippDelete(response);
        if (status != IPP_STATUS_ERROR_NOT_FOUND)
            disconnect();
        return std::nullopt;
    }
    JobState j;
    j.state = integerOf(response, "job-state", int(JobStateValue::Pending));
    j.reasons = stringsOf(response, "job-state-reasons");
    j.message = stringsOf(response, "job-state-message").value(0);
    j.impressionsCompleted = integerOf(response, "job-impressions-completed", -1);
    j.sheetsCompleted = integerOf(response, "job-media-sheets-completed", -1);
    ippDelete(response);
    return j;
}

bool CupsLink::cancelJob(int jobId, QString *error)
{
    if (!ensureConnected(error))
        return false;
    beginWait();
    const ipp_status_t status = cupsCancelDestJob(m_http, m_dest, jobId);
    if (status > IPP_STATUS_OK_EVENTS_COMPLETE) {
        *error = QStringLiteral("Cancel-Job failed: %1").arg(lastError());
        return false;
    }
    return true;
}

} // namespace kiosk::devices::a4
