// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/a4printer/ippstate.h"

#include <array>

namespace kiosk::devices::a4 {

namespace {

/** One printer-state-reasons keyword the terminal acts on (PWG 5100.9, RFC 8011). */
struct KnownReason {
    const char *keyword;
    DeviceError error;
    Severity severity; ///< when sent without a suffix
    int priority; ///< lower: shown first when several apply
    const char *words; ///< the technician's detail
};

// Priority: what blocks everything and hides the rest first (an offline printer reports nothing
// else reliably), then what a technician fixes with their hands, in the order they would.
constexpr std::array kReasons{
    KnownReason{"offline", DeviceError::Offline, Severity::Error, 0, "printer offline"},
    KnownReason{"connecting-to-device", DeviceError::Offline, Severity::Error, 0, "printer offline (connecting to the device)"},
    KnownReason{"shutdown", DeviceError::Offline, Severity::Error, 0, "printer shutting down"},
    KnownReason{"timed-out", DeviceError::Offline, Severity::Error, 0, "printer offline (timed out)"},
    KnownReason{"media-jam", DeviceError::PaperJam, Severity::Error, 1, "paper jam"},
    KnownReason{"door-open", DeviceError::DoorOpen, Severity::Error, 2, "door open"},
    KnownReason{"cover-open", DeviceError::CoverOpen, Severity::Error, 2, "cover open"},
    KnownReason{"interlock-open", DeviceError::CoverOpen, Severity::Error, 2, "interlock open"},
    KnownReason{"media-empty", DeviceError::PaperOut, Severity::Error, 3, "paper out"},
    KnownReason{"media-needed", DeviceError::PaperOut, Severity::Error, 3, "paper needed"},
    KnownReason{"input-tray-missing", DeviceError::PaperOut, Severity::Error, 3, "paper tray missing"},
    KnownReason{"toner-empty", DeviceError::TonerEmpty, Severity::Error, 4, "toner empty"},
    KnownReason{"marker-supply-empty", DeviceError::TonerEmpty, Severity::Error, 4, "toner or ink empty"},
    KnownReason{"toner-low", DeviceError::TonerLow, Severity::Warning, 10, "toner low"},
    KnownReason{"marker-supply-low", DeviceError::TonerLow, Severity::Warning, 10, "toner or ink low"},
    KnownReason{"media-low", DeviceError::PaperNearEnd, Severity::Warning, 11, "paper low"},
    KnownReason{"paused", DeviceError::PrinterError, Severity::Error, 5, "printer paused"},
    KnownReason{"moving-to-paused", DeviceError::PrinterError, Severity::Error, 5, "printer pausing"},
    KnownReason{"spool-area-full", DeviceError::PrinterError, Severity::Error, 5, "printer spool area full"},
    KnownReason{"output-area-full", DeviceError::PrinterError, Severity::Error, 5, "output tray full"},
};

constexpr int kOtherPriority = 6; ///< an unknown error: after the known ones

const KnownReason *known(QStringView keyword)
{
    for (const KnownReason &r : kReasons) {
        if (keyword == QLatin1String(r.keyword))
            return &r;
    }
    return nullptr;
}

struct Candidate {
    DeviceError error = DeviceError::None;
    int priority = 1000;
    QString words;
    QString value;
};

} // namespace

Reason parseReason(QStringView value)
{
    static constexpr std::pair<const char *, Severity> suffixes[] = {
        {"-report", Severity::Report}, {"-warning", Severity::Warning}, {"-error", Severity::Error}};
    for (const auto &[suffix, severity] : suffixes) {
        const QLatin1String s(suffix);
        if (value.endsWith(s) && value.size() > s.size())
            return {value.chopped(s.size()).toString(), severity};
    }
    if (const KnownReason *k = known(value))
        return {value.toString(), k->severity};
    if (value.startsWith(QLatin1String("cups-")) || value == QLatin1String("none"))
        return {value.toString(), Severity::Report};
    return {value.toString(), Severity::Error};
}

std::optional<DeviceError> errorOfReason(QStringView keyword)
{
    if (const KnownReason *k = known(keyword))
        return k->error;
    return std::nullopt;
}

StatusReport statusOf(const PrinterState &state)
{
    Candidate fault;
    Candidate warning;
    for (const QString &value : state.reasons) {
        const Reason r = parseReason(value);
        if (r.severity == Severity::Report)
            continue;
        const KnownReason *k = known(r.keyword);
        Candidate c{k ? k->error : DeviceError::PrinterError, k ? k->priority : kOtherPriority,
                    k ? QString::fromLatin1(k->words) : QStringLiteral("printer error"), value};
        Candidate &slot = r.severity == Severity::Error ? fault : warning;
        if (r.severity == Severity::Warning && !k)
            continue; // an unknown warning: nothing a technician can be told to do
        if (c.priority < slot.priority)
            slot = c;
    }
    auto detail = [&](const Candidate &c) {
        QString d = QStringLiteral("A4 printer: %1 (%2)").arg(c.words, c.value);
        if (!state.message.isEmpty())
            d += QStringLiteral(": ") + state.message;
        return d;
    };
    if (fault.error != DeviceError::None)
        return {DeviceStatus::Fault, fault.error, detail(fault)};
    if (state.state == int(PrinterStateValue::Stopped))
        return {DeviceStatus::Fault, DeviceError::PrinterError,
                QStringLiteral("A4 printer: stopped%1").arg(state.message.isEmpty() ? QString() : QStringLiteral(": ") + state.message)};
    if (!state.acceptingJobs)
        return {DeviceStatus::Fault, DeviceError::PrinterError, QStringLiteral("A4 printer: not accepting jobs")};
    if (warning.error != DeviceError::None)
        return {DeviceStatus::Warning, warning.error, detail(warning)};
    if (state.state == int(PrinterStateValue::Processing))
        return {DeviceStatus::Busy, DeviceError::None, QStringLiteral("A4 printer: printing")};
    if (state.state == int(PrinterStateValue::Idle))
        return {DeviceStatus::Normal, DeviceError::None, QStringLiteral("A4 printer: ready")};
    return {DeviceStatus::Fault, DeviceError::GarbledReply, QStringLiteral("A4 printer: unknown printer-state %1").arg(state.state)};
}

StatusReport unreachable(const QString &why)
{
    return {DeviceStatus::Fault, DeviceError::Offline, QStringLiteral("A4 printer unreachable: %1").arg(why)};
}

int pagesDone(const JobState &job, int total)
{
    if (job.state == int(JobStateValue::Completed))
        return std::max(total, 0);
    const int counted = job.impressionsCompleted >= 0 ? job.impressionsCompleted : job.sheetsCompleted;
    return std::clamp(counted, 0, std::max(total, 0));
}

DeviceError jobFailure(const JobState &job, const PrinterState &printer)
{
    for (const QString &r : job.reasons) {
        if (r.startsWith(QLatin1String("job-canceled")))
            return DeviceError::JobCancelled;
        if (r == QLatin1String("document-format-error") || r == QLatin1String("document-unprintable-error")
            || r == QLatin1String("unsupported-document-format") || r == QLatin1String("document-access-error")
            || r == QLatin1String("unsupported-compression") || r == QLatin1String("compression-error"))
            return DeviceError::DocumentRejected;
    }
    if (job.state == int(JobStateValue::Canceled))
        return DeviceError::JobCancelled;
    const StatusReport s = statusOf(printer);
    if (s.status == DeviceStatus::Fault)
        return s.error;
    return DeviceError::PrinterError;
}

QString jobNameOf(const QString &title)
{
    QString out;
    for (const QChar c : title) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u' ' || u == u'-'
                        || u == u'_' || u == u'.' || u == u':' || u == u'/';
        if (ok)
            out += c;
    }
    out = out.simplified().left(64).trimmed();
    return out.isEmpty() ? QStringLiteral("kiosk document") : out;
}

} // namespace kiosk::devices::a4
