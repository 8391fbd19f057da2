// SPDX-License-Identifier: GPL-3.0-or-later
#include "tools/kioskctl/cliutil.h"
#include "tools/kioskctl/catalogcommand.h"
#include "services/catalog/catalogparser.h"
#include "services/catalog/catalogsearch.h"
#include "services/catalog/catalogstore.h"
#include "services/forms/formdefinition.h"

#include <QMap>

namespace kiosk::ctl {

namespace {

constexpr const char *usage =
    "usage: kioskctl catalog validate [FILE] [--forms FORMS]\n"
    "       kioskctl catalog search QUERY [--limit N] [--catalog FILE]\n"
    "       kioskctl catalog stats [--catalog FILE]\n"
    "Without FILE (FORMS) the catalog (forms) built into the terminal is used.\n";



std::optional<catalog::Catalog> loadOrReport(const QString &path, std::FILE *err)
{
    auto r = catalog::loadCatalogFile(path.isEmpty() ? catalog::CatalogStore::builtInPath() : path);
    if (!r.catalog) {
        for (const auto &p : r.problems)
            print(err, p.toString() + QLatin1Char('\n'));
        print(err, QStringLiteral("kioskctl: %1 is not a valid catalog (%2 error(s)); run 'kioskctl catalog validate' on it\n")
                       .arg(path.isEmpty() ? QStringLiteral("the built-in catalog") : path)
                       .arg(r.errorCount()));
    }
    return std::move(r.catalog);
}

int validate(QStringList args, std::FILE *out, std::FILE *err)
{
    QString formsFile;
    if (!takeOption(args, QStringLiteral("--forms"), formsFile) || args.size() > 1) {
        print(err, QString::fromLatin1(usage));
        return 2;
    }
    const QString path = args.isEmpty() ? catalog::CatalogStore::builtInPath() : args.first();
    const auto r = catalog::loadCatalogFile(path);
    for (const auto &p : r.problems)
        print(p.isError() ? err : out, p.toString() + QLatin1Char('\n'));
    if (!r.catalog) {
        print(err, QStringLiteral("%1: INVALID — %2 error(s), %3 warning(s)\n").arg(path).arg(r.errorCount()).arg(r.warningCount()));
        return 1;
    }
    // The forms the catalog's items name are part of what is deployed: check them together.
    const QString formsPath = formsFile.isEmpty() ? forms::builtInFormsPath() : formsFile;
    auto f = forms::loadFormsFile(formsPath);
    std::vector<catalog::Problem> formProblems = f.problems;
    if (f.forms) {
        const auto cross = forms::crossCheck(*r.catalog, *f.forms);
        formProblems.insert(formProblems.end(), cross.begin(), cross.end());
    }
    int formErrors = 0;
    for (const auto &p : formProblems) {
        formErrors += p.isError();
        print(p.isError() ? err : out, QStringLiteral("forms: ") + p.toString() + QLatin1Char('\n'));
    }
    if (formErrors > 0 || !f.forms) {
        print(err, QStringLiteral("%1: INVALID — the catalog is valid, but its forms (%2) have %3 error(s)\n")
                       .arg(path, formsPath).arg(std::max(formErrors, 1)));
        return 1;
    }
    print(out, QStringLiteral("%1: valid — catalog %2 for %3, %4 items, %5 forms, %6 warning(s)\n")
                   .arg(path, r.catalog->version, r.catalog->city)
                   .arg(r.catalog->items.size())
                   .arg(f.forms->forms.size())
                   .arg(r.warningCount() + int(formProblems.size())));
    return 0;
}

int search(QStringList args, std::FILE *out, std::FILE *err)
{
    QString limitText = QStringLiteral("20");
    QString file;
    if (!takeOption(args, QStringLiteral("--limit"), limitText) || !takeOption(args, QStringLiteral("--catalog"), file)
        || args.size() != 1) {
        print(err, QString::fromLatin1(usage));
        return 2;
    }
    bool ok = false;
    const int limit = limitText.toInt(&ok);
    if (!ok || limit < 1) {
        print(err, QStringLiteral("kioskctl: --limit needs a positive number, not '%1'\n").arg(limitText));
        return 2;
    }
    const auto cat = loadOrReport(file, err);
    if (!cat)
        return 1;
    const catalog::CatalogSearch index(*cat);
    for (const auto &hit : index.search(args.first(), limit)) {
        const auto &item = cat->items[size_t(hit.item)];
        print(out, item.code + QLatin1Char('\t') + item.name + QLatin1Char('\n'));
    }
    return 0;
}

int stats(QStringList args, std::FILE *out, std::FILE *err)
{
    QString file;
    if (!takeOption(args, QStringLiteral("--catalog"), file) || !args.isEmpty()) {
        print(err, QString::fromLatin1(usage));
        return 2;
    }
    const auto cat = loadOrReport(file, err);
    if (!cat)
        return 1;
    print(out, QStringLiteral("catalog %1 for %2: %3 items\n").arg(cat->version, cat->city).arg(cat->items.size()));
    print(out, QStringLiteral("\nby service category:\n"));
    for (const auto &c : catalog::serviceCategories()) {
        const auto n = std::count_if(cat->items.begin(), cat->items.end(), [&](const auto &i) { return i.category == c.id; });
        print(out, QStringLiteral("  %1\t%2 %3\n").arg(n, 4).arg(c.name, c.id));
    }
    print(out, QStringLiteral("\nby department:\n"));
    for (const auto &d : cat->departments) {
        const auto n = std::count_if(cat->items.begin(), cat->items.end(), [&](const auto &i) { return i.department == d.id; });
        print(out, QStringLiteral("  %1\t%2 %3\n").arg(n, 4).arg(d.name, d.id));
    }
    print(out, QStringLiteral("\nby handling mode:\n"));
    const std::pair<catalog::Handling, const char *> modes[] = {
        {catalog::Handling::Terminal, "全程自助"}, {catalog::Handling::Collect, "终端申请、窗口领取"}, {catalog::Handling::Guide, "办事指引"}};
    for (const auto &[mode, label] : modes) {
        const auto n = std::count_if(cat->items.begin(), cat->items.end(), [&](const auto &i) { return i.handling == mode; });
        print(out, QStringLiteral("  %1\t%2 %3\n").arg(n, 4).arg(QString::fromUtf8(label), catalog::handlingId(mode)));
    }
    print(out, QStringLiteral("\nby platform:\n"));
    for (const auto &p : cat->platforms) {
        const auto n = std::count_if(cat->items.begin(), cat->items.end(), [&](const auto &i) { return i.platform == p.id; });
        print(out, QStringLiteral("  %1\t%2 %3\n").arg(n, 4).arg(p.name, p.id));
    }
    return 0;
}

} // namespace

int catalogCommand(const QStringList &args, std::FILE *out, std::FILE *err)
{
    const QString verb = args.value(0);
    const QStringList rest = args.mid(1);
    if (verb == QLatin1String("validate"))
        return validate(rest, out, err);
    if (verb == QLatin1String("search"))
        return search(rest, out, err);
    if (verb == QLatin1String("stats"))
        return stats(rest, out, err);
    print(err, QString::fromLatin1(usage));
    return 2;
}

} // namespace kiosk::ctl
