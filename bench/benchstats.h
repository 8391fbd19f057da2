// SPDX-License-Identifier: GPL-3.0-or-later
// Summary statistics and the table row every bench executable prints.
#pragma once

#include <algorithm>
#include <cstdio>
#include <vector>

namespace kiosk::bench {

struct Stats {
    double median = 0, p95 = 0, max = 0;
};

inline Stats stats(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    if (v.empty())
        return {};
    return {v[v.size() / 2], v[std::min(v.size() - 1, v.size() * 95 / 100)], v.back()};
}

inline void row(const char *what, const Stats &s, const char *unit, const char *goal, int width = 52)
{
    std::printf("%-*s median %9.4f  p95 %9.4f  max %9.4f %s   %s\n", width, what, s.median, s.p95, s.max, unit, goal);
}

} // namespace kiosk::bench
