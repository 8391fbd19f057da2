// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "services/catalog/catalog.h"
#include "services/catalog/catalogparser.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace kiosk::catalog {

/**
 * Keeps a good catalog in force, whatever happens to the configured file.
 *
 * On load the configured file is tried first; when it is valid, a copy is kept in the state
 * directory as the last good catalog. When it is missing or broken, every problem is logged for
 * technicians and the terminal goes on with, in order: the catalog already in force (on reload),
 * the last good copy, the default catalog built into the program. The screen is never blank.
 */
class CatalogStore
{
public:
    enum class Source {
        None,
        Configured, ///< the configured file, valid
        LastGood, ///< the configured file was unusable; the last good copy is in force
        BuiltIn, ///< no usable file and no last good copy (or no file configured): the default
        Kept, ///< a reload failed; the catalog that was in force stays
    };

    /**
     * @p configuredPath may be empty (use the built-in catalog); @p stateDir holds the last good copy.
     * Texts are checked against @p deviceKinds (empty: every kind this program drives).
     */
    CatalogStore(QString configuredPath, QString stateDir, QStringList deviceKinds = {});

    /** Loads (or reloads) the catalog. Returns true when the configured file itself is in force. */
    bool load();

    [[nodiscard]] const Catalog &catalog() const { return m_catalog; }
    [[nodiscard]] Source source() const { return m_source; }
    /** Problems of the configured file at the last load (empty when it was valid). */
    [[nodiscard]] const std::vector<Problem> &problems() const { return m_problems; }
    [[nodiscard]] QString lastGoodPath() const;
    [[nodiscard]] static QString builtInPath();
    [[nodiscard]] static QString sourceName(Source source);

private:
    bool adopt(const QString &path, Source source);

    QString m_configuredPath;
    QString m_stateDir;
    QStringList m_deviceKinds;
    Catalog m_catalog;
    Source m_source = Source::None;
    std::vector<Problem> m_problems;
};

} // namespace kiosk::catalog
