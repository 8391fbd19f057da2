// SPDX-License-Identifier: GPL-3.0-or-later
// A service catalog as a city's data office publishes it (services/catalog/catalogparser.cpp):
// every problem is reported, and a catalog is handed out only when there is no error.
#include "services/catalog/catalogparser.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray json = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto result = kiosk::catalog::parseCatalog(json);
    if (result.catalog.has_value() != (result.errorCount() == 0))
        __builtin_trap();
    for (const auto &p : result.problems) {
        if (p.message.isEmpty())
            __builtin_trap();
        [[maybe_unused]] const QString line = p.toString();
    }
    if (const auto &c = result.catalog) {
        // Codes are unique, so the index finds every item as itself.
        for (const auto &item : c->items) {
            if (c->item(item.code) != &item)
                __builtin_trap();
        }
        const auto popular = c->mostPopular(6);
        if (popular.size() > std::min<std::size_t>(6, c->items.size()))
            __builtin_trap();
    }
    return 0;
}
