// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <filesystem>

namespace kiosk::fleet {

/**
 * Writes @p data to @p path whole or not at all: a 0600 temporary file beside it (never followed
 * through a symlink), fsync, rename over @p path, fsync of the folder. A power cut leaves the old
 * file or the new one. False with @p error (plain words, the path and errno) otherwise; the
 * temporary file is removed.
 */
bool writeAtomically(const std::filesystem::path &path, const QByteArray &data, QString *error);

} // namespace kiosk::fleet
