// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "services/catalog/catalog.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace kiosk::catalog {

/** One thing wrong with a catalog file, located by item code (or list index) and field. */
struct Problem {
    enum class Kind {
        Unreadable, ///< the file could not be read
        Syntax, ///< not JSON
        Missing, ///< a required key is absent
        WrongType, ///< a value of the wrong JSON type
        Invalid, ///< a value breaking a rule (pattern, range, length)
        Duplicate, ///< a code, name or id used twice
        UnknownReference, ///< names a department, life event, platform or category that does not exist
        Inconsistent, ///< values that contradict each other (promised > legal, form on a guide item)
        DeviceMissing, ///< a text promises what the terminal's devices cannot do (a camera, a card reader…)
        UnknownKey, ///< a key the format does not define (a warning: likely a typo)
    };
    Kind kind;
    QString where; ///< "RS-0003", "items[12]", "departments[2]" or "" for the top level
    QString field;
    QString message;

    [[nodiscard]] bool isError() const { return kind != Kind::UnknownKey; }
    /** "RS-0003 legalDays: …" — the line `kioskctl catalog validate` prints. */
    [[nodiscard]] QString toString() const;
};

[[nodiscard]] QString problemKindName(Problem::Kind kind);

struct ParseResult {
    std::optional<Catalog> catalog; ///< set only when there is no error (warnings allowed)
    std::vector<Problem> problems;

    [[nodiscard]] int errorCount() const;
    [[nodiscard]] int warningCount() const;
};

/**
 * Parses and validates a catalog (format 1). Reports every problem found, not only the first.
 * Texts are checked against @p deviceKinds (devicepromises.h); empty: the kinds this program
 * drives (terminalDeviceKinds()).
 */
[[nodiscard]] ParseResult parseCatalog(const QByteArray &json, const QStringList &deviceKinds = {});

/** Reads @p path (a file or a `:/` resource) and parses it. */
[[nodiscard]] ParseResult loadCatalogFile(const QString &path, const QStringList &deviceKinds = {});

} // namespace kiosk::catalog
