// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/queue/clocks.h"

#include <sys/timex.h>
#include <time.h>

namespace kiosk::queue {

bool systemClockSynchronised()
{
    struct timex tx {};
    tx.modes = 0; // read only: no privilege needed
    const int state = ::ntp_adjtime(&tx);
    return state != -1 && state != TIME_ERROR && (tx.status & STA_UNSYNC) == 0;
}

std::int64_t monotonicMs()
{
    struct timespec ts {};
    ::clock_gettime(CLOCK_BOOTTIME, &ts);
    return std::int64_t(ts.tv_sec) * 1000 + ts.tv_nsec / 1'000'000;
}

} // namespace kiosk::queue
