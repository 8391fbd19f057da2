// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "services/catalog/catalog.h"
#include "services/catalog/catalogparser.h"

#include <QString>
#include <QStringList>

#include <span>
#include <vector>

/**
 * What a catalog text may promise of the terminal's hardware. A resident reads "终端刷脸认证" and
 * expects a camera; when the terminal has none, the promise fails them at the worst moment. So
 * every text of an item is checked against the device kinds the terminal is fitted with, using
 * the one table below (a phrase → the device kind it needs).
 */
namespace kiosk::catalog {

/** A phrase that promises something of a device. */
struct DevicePromise {
    const char *pattern; ///< a regular expression (UTF-8) matched within one clause of a text
    const char *deviceKind; ///< the kind it needs: a kind the terminal drives, or one it has no driver for
    const char *device; ///< the device in words, for the technician's message
};

/** The table: every capability phrase and the device kind it needs. */
[[nodiscard]] std::span<const DevicePromise> devicePromises();

/**
 * The kinds of device this program drives (the device table's kinds: idcard, printer, scanner).
 * A camera, a social security or bank card reader, a fingerprint reader, a signature pad or a
 * document scanner is none of them.
 */
[[nodiscard]] QStringList terminalDeviceKinds();

/**
 * The first promise in @p text that @p deviceKinds cannot keep: its phrase and the table row, or
 * nullptr. Checked clause by clause (split at ，。；！？ and their ASCII forms); a clause that sends
 * the resident elsewhere (手机, App, 窗口, 派出所…) or says the terminal cannot (不能, 无法…)
 * promises nothing of this terminal.
 */
[[nodiscard]] const DevicePromise *brokenPromise(const QString &text, const QStringList &deviceKinds,
                                                 QString *phrase = nullptr);

/**
 * Every text of every item (summary, conditions, where, next steps, fee note, each material's
 * name and note) that promises what @p deviceKinds cannot do: one Problem (Kind::DeviceMissing)
 * per text, naming the item code, the field and the phrase.
 */
[[nodiscard]] std::vector<Problem> checkDevicePromises(const Catalog &catalog, const QStringList &deviceKinds);

} // namespace kiosk::catalog
