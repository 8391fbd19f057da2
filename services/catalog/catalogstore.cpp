// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/catalog/catalogstore.h"
#include "common/logging.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>

namespace kiosk::catalog {

CatalogStore::CatalogStore(QString configuredPath, QString stateDir, QStringList deviceKinds)
    : m_configuredPath(std::move(configuredPath))
    , m_stateDir(std::move(stateDir))
    , m_deviceKinds(std::move(deviceKinds))
{
}

QString CatalogStore::lastGoodPath() const
{
    return m_stateDir.isEmpty() ? QString() : QDir(m_stateDir).filePath(QStringLiteral("catalog.last-good.json"));
}

QString CatalogStore::builtInPath()
{
    return QStringLiteral(":/catalog/default-catalog.json");
}

QString CatalogStore::sourceName(Source source)
{
    switch (source) {
    case Source::Configured: return QStringLiteral("configured");
    case Source::LastGood: return QStringLiteral("last-good");
    case Source::BuiltIn: return QStringLiteral("built-in");
    case Source::Kept: return QStringLiteral("kept");
    case Source::None: break;
    }
    return QStringLiteral("none");
}

bool CatalogStore::adopt(const QString &path, Source source)
{
    ParseResult r = loadCatalogFile(path, m_deviceKinds);
    if (!r.catalog && source == Source::BuiltIn && !m_deviceKinds.isEmpty()) {
        // The last resort must not leave the screen blank on a terminal fitted with fewer devices
        // than the built-in catalog speaks of: it is used, and what it promises in vain is logged.
        for (const Problem &p : r.problems)
            qCWarning(lcCatalog).noquote() << QStringLiteral("built-in catalog: ") + p.toString();
        r = loadCatalogFile(path);
    }
    if (!r.catalog) {
        qCWarning(lcCatalog) << "fallback catalog" << path << "is unusable too:"
                             << (r.problems.empty() ? QString() : r.problems.front().toString());
        return false;
    }
    m_catalog = std::move(*r.catalog);
    m_source = source;
    return true;
}

bool CatalogStore::load()
{
    m_problems.clear();
    if (m_configuredPath.isEmpty()) {
        if (!adopt(builtInPath(), Source::BuiltIn))
            qCCritical(lcCatalog) << "the built-in catalog is broken: this build is faulty";
        return false;
    }

    ParseResult r = loadCatalogFile(m_configuredPath, m_deviceKinds);
    for (const Problem &p : r.problems) {
        if (p.isError())
            qCWarning(lcCatalog).noquote() << m_configuredPath + QStringLiteral(": ") + p.toString();
        else
            qCInfo(lcCatalog).noquote() << m_configuredPath + QStringLiteral(": ") + p.toString();
    }
    if (r.catalog) {
        m_catalog = std::move(*r.catalog);
        m_source = Source::Configured;
        m_problems = std::move(r.problems);
        // Keep a copy as the last good catalog, written atomically so a power cut cannot leave
        // half a file behind.
        if (const QString dst = lastGoodPath(); !dst.isEmpty()) {
            QFile src(m_configuredPath);
            QDir().mkpath(m_stateDir);
            QSaveFile out(dst);
            if (src.open(QIODevice::ReadOnly) && out.open(QIODevice::WriteOnly)) {
                out.write(src.readAll());
                if (!out.commit())
                    qCWarning(lcCatalog) << "could not keep a last good copy in" << dst << ':' << out.errorString();
            } else {
                qCWarning(lcCatalog) << "could not keep a last good copy in" << dst << ':' << out.errorString();
            }
        }
        qCInfo(lcCatalog).noquote() << "catalog" << m_catalog.version << "in force:" << m_catalog.items.size()
                                    << "items from" << m_configuredPath;
        return true;
    }

    qCWarning(lcCatalog).noquote() << QStringLiteral("catalog %1 rejected with %2 error(s)").arg(m_configuredPath).arg(r.errorCount());
    m_problems = std::move(r.problems);
    if (m_source != Source::None) {
        qCWarning(lcCatalog).noquote() << "keeping catalog" << m_catalog.version << "in force";
        m_source = Source::Kept;
        return false;
    }
    if (const QString lastGood = lastGoodPath(); !lastGood.isEmpty() && QFile::exists(lastGood)
        && adopt(lastGood, Source::LastGood)) {
        qCWarning(lcCatalog).noquote() << "using the last good catalog" << m_catalog.version;
        return false;
    }
    if (adopt(builtInPath(), Source::BuiltIn))
        qCWarning(lcCatalog).noquote() << "using the built-in catalog" << m_catalog.version;
    else
        qCCritical(lcCatalog) << "the built-in catalog is broken: this build is faulty";
    return false;
}

} // namespace kiosk::catalog
