// SPDX-License-Identifier: GPL-3.0-or-later
// The terminal's configuration file (kiosk/config.cpp): anything a provisioning bundle may hold.
// A file is either accepted with every value in its documented range, or refused with a message.
#include "kiosk/config.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray json = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    const auto c = kiosk::Config::fromJson(json, &error);
    if (!c) {
        if (error.isEmpty())
            __builtin_trap();
        return 0;
    }
    // The ranges docs/configuration.md promises (checked again here, not trusted).
    if (c->idleTimeoutSeconds < 1 || c->elderIdleTimeoutSeconds < c->idleTimeoutSeconds
        || c->elderWarningSeconds < c->idleWarningSeconds || c->popularCount < 0 || c->popularCount > 20
        || c->queue.capMegabytes < 1 || c->queue.backoffBaseSeconds < 1 || c->queue.backoffCapSeconds < 1
        || (c->language != QLatin1String("zh_CN") && c->language != QLatin1String("en")))
        __builtin_trap();
    // Never a PIN in clear: a hash in its one format, or none (no staff pages).
    if (!c->staffPinHash.isEmpty() && !c->staffPinHash.startsWith(QLatin1String("pbkdf2-sha256$")))
        __builtin_trap();
    if (c->queue.maxAgeHours < 1 || c->queue.maxAgeHours > 24 * 30) // within the platforms' idempotency retention
        __builtin_trap();
    for (const auto &p : c->platforms) {
        if (p.id.isEmpty() || p.host.isEmpty() || p.port < 1 || p.port > 65535 || p.timeoutSeconds < 1)
            __builtin_trap();
    }
    return 0;
}
