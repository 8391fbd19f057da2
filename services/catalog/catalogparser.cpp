// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/catalog/catalogparser.h"
#include "services/catalog/devicepromises.h"
#include "services/json/jsonreader.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <cmath>

namespace kiosk::catalog {

using Kind = Problem::Kind;
using json::Reader;
using json::typeName;

QString Problem::toString() const
{
    QString out;
    if (!where.isEmpty())
        out += where + QLatin1Char(' ');
    if (!field.isEmpty())
        out += field + QStringLiteral(": ");
    out += message;
    if (!isError())
        out += QStringLiteral(" (warning)");
    return out;
}

QString problemKindName(Problem::Kind kind)
{
    switch (kind) {
    case Kind::Unreadable: return QStringLiteral("unreadable");
    case Kind::Syntax: return QStringLiteral("syntax");
    case Kind::Missing: return QStringLiteral("missing");
    case Kind::WrongType: return QStringLiteral("wrong-type");
    case Kind::Invalid: return QStringLiteral("invalid");
    case Kind::Duplicate: return QStringLiteral("duplicate");
    case Kind::UnknownReference: return QStringLiteral("unknown-reference");
    case Kind::Inconsistent: return QStringLiteral("inconsistent");
    case Kind::DeviceMissing: return QStringLiteral("device-missing");
    case Kind::UnknownKey: return QStringLiteral("unknown-key");
    }
    return {};
}

int ParseResult::errorCount() const
{
    return int(std::count_if(problems.begin(), problems.end(), [](const Problem &p) { return p.isError(); }));
}

int ParseResult::warningCount() const
{
    return int(problems.size()) - errorCount();
}

namespace {

const QRegularExpression &idPattern()
{
    static const QRegularExpression re(QStringLiteral("^[a-z][a-z0-9_]{1,31}$"));
    return re;
}
const QRegularExpression &codePattern()
{
    static const QRegularExpression re(QStringLiteral("^[A-Z]{2,4}-[0-9]{4}$"));
    return re;
}
const QRegularExpression &formPattern()
{
    static const QRegularExpression re(QStringLiteral("^[a-z0-9][a-z0-9-]{2,63}$"));
    return re;
}

std::vector<Facet> parseFacets(const QJsonObject &root, const QString &key, std::vector<Problem> &problems)
{
    std::vector<Facet> out;
    Reader top(root, QString(), problems);
    const auto arr = top.array(key, true);
    if (!arr)
        return out;
    if (arr->isEmpty())
        top.problem(Kind::Missing, key, QStringLiteral("must list at least one entry"));
    QSet<QString> ids;
    for (qsizetype i = 0; i < arr->size(); ++i) {
        const QString where = QStringLiteral("%1[%2]").arg(key).arg(i);
        if (!arr->at(i).isObject()) {
            problems.push_back({Kind::WrongType, where, QString(),
                                QStringLiteral("must be an object, not %1").arg(typeName(arr->at(i)))});
            continue;
        }
        Reader r(arr->at(i).toObject(), where, problems);
        Facet f;
        f.id = r.string(QStringLiteral("id"), true);
        f.name = r.string(QStringLiteral("name"), true, 1, 40);
        f.nameEn = r.string(QStringLiteral("nameEn"), false, 1, 80);
        r.reportUnknownKeys();
        if (!f.id.isEmpty() && !idPattern().match(f.id).hasMatch()) {
            r.problem(Kind::Invalid, QStringLiteral("id"),
                      QStringLiteral("\"%1\" must be lower-case letters, digits or _ (2–32)").arg(f.id));
        } else if (!f.id.isEmpty() && ids.contains(f.id)) {
            r.problem(Kind::Duplicate, QStringLiteral("id"), QStringLiteral("\"%1\" is used twice").arg(f.id));
        }
        ids.insert(f.id);
        out.push_back(std::move(f));
    }
    return out;
}

} // namespace

ParseResult parseCatalog(const QByteArray &json, const QStringList &deviceKinds)
{
    ParseResult result;
    auto &problems = result.problems;

    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError) {
        // Turn the byte offset into a line number: that is what a technician can look up.
        const int line = 1 + int(json.left(err.offset).count('\n'));
        problems.push_back({Kind::Syntax, QString(), QString(),
                            QStringLiteral("not valid JSON at line %1: %2").arg(line).arg(err.errorString())});
        return result;
    }
    if (!doc.isObject()) {
        problems.push_back({Kind::WrongType, QString(), QString(), QStringLiteral("the top level must be a JSON object")});
        return result;
    }
    const QJsonObject root = doc.object();
    Catalog catalog;
    Reader top(root, QString(), problems);

    if (const auto format = top.number(QStringLiteral("format"), true, 1, 1000, true); format && *format != 1)
        top.problem(Kind::Invalid, QStringLiteral("format"),
                    QStringLiteral("format %1 is not supported by this terminal (supports 1)").arg(*format));
    catalog.version = top.string(QStringLiteral("version"), true, 1, 64);
    catalog.city = top.string(QStringLiteral("city"), true, 1, 64);
    catalog.departments = parseFacets(root, QStringLiteral("departments"), problems);
    catalog.lifeEvents = parseFacets(root, QStringLiteral("lifeEvents"), problems);
    catalog.platforms = parseFacets(root, QStringLiteral("platforms"), problems);
    for (const char *key : {"departments", "lifeEvents", "platforms"})
        top.markKnown(QLatin1String(key));

    QSet<QString> departmentIds, lifeEventIds, platformIds;
    for (const auto &f : catalog.departments)
        departmentIds.insert(f.id);
    for (const auto &f : catalog.lifeEvents)
        lifeEventIds.insert(f.id);
    for (const auto &f : catalog.platforms)
        platformIds.insert(f.id);

    const auto items = top.array(QStringLiteral("items"), true);
    top.reportUnknownKeys();
    if (items && items->isEmpty())
        top.problem(Kind::Missing, QStringLiteral("items"), QStringLiteral("the catalog has no items"));

    QHash<QString, QString> codeAt; // code → where first seen
    QHash<QString, QString> nameAt; // name → code
    for (qsizetype i = 0; items && i < items->size(); ++i) {
        const QString index = QStringLiteral("items[%1]").arg(i);
        if (!items->at(i).isObject()) {
            problems.push_back({Kind::WrongType, index, QString(),
                                QStringLiteral("must be an object, not %1").arg(typeName(items->at(i)))});
            continue;
        }
        Reader r(items->at(i).toObject(), index, problems);
        Item item;
        item.code = r.string(QStringLiteral("code"), true);
        if (!item.code.isEmpty()) {
            if (!codePattern().match(item.code).hasMatch()) {
                r.problem(Kind::Invalid, QStringLiteral("code"),
                          QStringLiteral("\"%1\" must look like RS-0001 (2–4 capitals, -, 4 digits)").arg(item.code));
            } else if (codeAt.contains(item.code)) {
                r.problem(Kind::Duplicate, QStringLiteral("code"),
                          QStringLiteral("\"%1\" is already used by %2").arg(item.code, codeAt.value(item.code)));
            } else {
                codeAt.insert(item.code, index);
                r.setWhere(item.code); // from here on, problems name the item by its code
            }
        }
        item.name = r.string(QStringLiteral("name"), true, 4, 40);
        if (!item.name.isEmpty()) {
            if (nameAt.contains(item.name))
                r.problem(Kind::Duplicate, QStringLiteral("name"),
                          QStringLiteral("\"%1\" is already the name of %2").arg(item.name, nameAt.value(item.name)));
            else
                nameAt.insert(item.name, r.where());
        }
        item.nameEn = r.string(QStringLiteral("nameEn"), false, 2, 160);
        item.summary = r.string(QStringLiteral("summary"), true, 10, 200);
        item.department = r.string(QStringLiteral("department"), true);
        if (!item.department.isEmpty() && !departmentIds.contains(item.department))
            r.problem(Kind::UnknownReference, QStringLiteral("department"),
                      QStringLiteral("\"%1\" is not one of the catalog's departments").arg(item.department));
        item.category = r.string(QStringLiteral("category"), true);
        if (!item.category.isEmpty() && !Catalog::category(item.category))
            r.problem(Kind::UnknownReference, QStringLiteral("category"),
                      QStringLiteral("\"%1\" is not a service category (childcare, eldercare, medical, food, "
                                     "living, affairs)").arg(item.category));
        item.lifeEvents = r.stringList(QStringLiteral("lifeEvents"));
        for (const QString &e : std::as_const(item.lifeEvents)) {
            if (!lifeEventIds.contains(e))
                r.problem(Kind::UnknownReference, QStringLiteral("lifeEvents"),
                          QStringLiteral("\"%1\" is not one of the catalog's life events").arg(e));
        }
        item.keywords = r.stringList(QStringLiteral("keywords"));

        const QString handling = r.string(QStringLiteral("handling"), true);
        bool handlingKnown = true;
        if (handling == QLatin1String("terminal"))
            item.handling = Handling::Terminal;
        else if (handling == QLatin1String("collect"))
            item.handling = Handling::Collect;
        else if (handling == QLatin1String("guide"))
            item.handling = Handling::Guide;
        else {
            handlingKnown = false;
            if (!handling.isEmpty())
                r.problem(Kind::Invalid, QStringLiteral("handling"),
                          QStringLiteral("\"%1\" must be terminal, collect or guide").arg(handling));
        }

        if (const auto materials = r.array(QStringLiteral("materials"), true)) {
            for (qsizetype m = 0; m < materials->size(); ++m) {
                const QString field = QStringLiteral("materials[%1]").arg(m);
                if (!materials->at(m).isObject()) {
                    r.problem(Kind::WrongType, field,
                              QStringLiteral("must be an object, not %1").arg(typeName(materials->at(m))));
                    continue;
                }
                std::vector<Problem> sub;
                Reader mr(materials->at(m).toObject(), r.where(), sub);
                Material mat;
                mat.name = mr.string(QStringLiteral("name"), true, 1, 60);
                mat.note = mr.string(QStringLiteral("note"), false, 0, 120);
                mat.optional = mr.boolean(QStringLiteral("optional")).value_or(false);
                mr.reportUnknownKeys();
                for (auto &p : sub) {
                    p.field = field + QLatin1Char('.') + p.field;
                    problems.push_back(std::move(p));
                }
                item.materials.push_back(std::move(mat));
            }
            if (materials->isEmpty() && handlingKnown && item.handling != Handling::Guide)
                r.problem(Kind::Missing, QStringLiteral("materials"),
                          QStringLiteral("must list what the resident needs (may be empty only for guide items)"));
        }
        item.conditions = r.string(QStringLiteral("conditions"), false, 0, 300);

        const auto promised = r.number(QStringLiteral("promisedDays"), true, 0, 365, true);
        const auto legal = r.number(QStringLiteral("legalDays"), true, 0, 365, true);
        item.promisedDays = int(promised.value_or(0));
        item.legalDays = int(legal.value_or(0));
        if (promised && legal && *promised > *legal)
            r.problem(Kind::Inconsistent, QStringLiteral("promisedDays"),
                      QStringLiteral("promised time limit %1 is longer than the legal one %2").arg(*promised).arg(*legal));

        item.fee = r.number(QStringLiteral("fee"), true, 0, 100000, false).value_or(0);
        item.feeNote = r.string(QStringLiteral("feeNote"), false, 0, 120);
        if (item.fee > 0 && item.feeNote.isEmpty())
            r.problem(Kind::Missing, QStringLiteral("feeNote"), QStringLiteral("must say what the fee is for when fee > 0"));

        item.platform = r.string(QStringLiteral("platform"), true);
        if (!item.platform.isEmpty() && !platformIds.contains(item.platform))
            r.problem(Kind::UnknownReference, QStringLiteral("platform"),
                      QStringLiteral("\"%1\" is not one of the catalog's platforms").arg(item.platform));
        item.where = r.string(QStringLiteral("where"), true, 2, 80);
        item.nextSteps = r.string(QStringLiteral("nextSteps"), true, 4, 300);

        item.form = r.string(QStringLiteral("form"), false);
        if (handlingKnown && item.handling != Handling::Guide && item.form.isEmpty()) {
            r.problem(Kind::Missing, QStringLiteral("form"),
                      QStringLiteral("a %1 item needs a form").arg(handlingId(item.handling)));
        } else if (handlingKnown && item.handling == Handling::Guide && !item.form.isEmpty()) {
            r.problem(Kind::Inconsistent, QStringLiteral("form"),
                      QStringLiteral("a guide item takes no form (it is not submitted at the terminal)"));
        } else if (!item.form.isEmpty() && !formPattern().match(item.form).hasMatch()) {
            r.problem(Kind::Invalid, QStringLiteral("form"),
                      QStringLiteral("\"%1\" must be lower-case letters, digits or - (3–64)").arg(item.form));
        }
        item.popularity = int(r.number(QStringLiteral("popularity"), false, 0, 100, true).value_or(0));
        const QString access = r.string(QStringLiteral("access"), false);
        if (access == QLatin1String("public"))
            item.access = Access::Public;
        else if (!access.isEmpty() && access != QLatin1String("personal"))
            r.problem(Kind::Invalid, QStringLiteral("access"), QStringLiteral("\"%1\" must be personal or public").arg(access));
        r.reportUnknownKeys();
        catalog.items.push_back(std::move(item));
    }

    for (Problem &p : checkDevicePromises(catalog, deviceKinds.isEmpty() ? terminalDeviceKinds() : deviceKinds))
        problems.push_back(std::move(p));

    if (result.errorCount() == 0) {
        catalog.reindex();
        result.catalog = std::move(catalog);
    }
    return result;
}

ParseResult loadCatalogFile(const QString &path, const QStringList &deviceKinds)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ParseResult result;
        result.problems.push_back({Kind::Unreadable, path, QString(),
                                   QStringLiteral("cannot be read: %1").arg(file.errorString())});
        return result;
    }
    // A catalog is a few hundred KiB; anything beyond 64 MiB is not a catalog.
    constexpr qint64 maxSize = 64 * 1024 * 1024;
    if (file.size() > maxSize) {
        ParseResult result;
        result.problems.push_back({Kind::Invalid, path, QString(),
                                   QStringLiteral("is %1 MiB, larger than any catalog (64 MiB)").arg(file.size() >> 20)});
        return result;
    }
    return parseCatalog(file.readAll(), deviceKinds);
}

} // namespace kiosk::catalog
