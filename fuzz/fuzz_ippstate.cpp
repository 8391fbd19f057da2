// SPDX-License-Identifier: GPL-3.0-or-later
// What an IPP printer says of itself (printer-state, printer-state-reasons, job counters and
// reasons, as libcups hands them over) through the A4 printer's codec: the first bytes are the
// numbers, the rest one reason per line.
#include "devices/a4printer/ippstate.h"

#include <QString>
#include <QStringList>

#include <cstddef>
#include <cstdint>

using namespace kiosk::devices;
using namespace kiosk::devices::a4;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 4)
        return 0;
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data + 4), qsizetype(size - 4));
    const QStringList reasons = text.split(QLatin1Char('\n'));
    const PrinterState printer{int(std::int8_t(data[0])), reasons, (data[1] & 1) != 0, text.left(40)};
    const StatusReport r = statusOf(printer);
    // A fault or a warning always says which; a working printer has no error.
    if ((r.status == DeviceStatus::Fault || r.status == DeviceStatus::Warning) == (r.error == DeviceError::None))
        __builtin_trap();
    if (r.detail.isEmpty() || r.status == DeviceStatus::Unknown || r.status == DeviceStatus::Disabled)
        __builtin_trap();
    for (const QString &value : reasons) {
        const Reason p = parseReason(value);
        if (!value.startsWith(p.keyword))
            __builtin_trap();
    }
    JobState job;
    job.state = int(std::int8_t(data[2]));
    job.reasons = reasons;
    job.impressionsCompleted = int(std::int8_t(data[3]));
    job.sheetsCompleted = int(std::int8_t(data[1]));
    const int total = data[0] % 8;
    const int done = pagesDone(job, total);
    if (done < 0 || done > total)
        __builtin_trap();
    [[maybe_unused]] const DeviceError why = jobFailure(job, printer);
    const QString name = jobNameOf(text);
    if (name.isEmpty() || name.size() > 64)
        __builtin_trap();
    for (const QChar c : name) {
        if (c.unicode() < 0x20 || c.unicode() > 0x7e)
            __builtin_trap();
    }
    return 0;
}
