// SPDX-License-Identifier: GPL-3.0-or-later
// Figures for the catalog and the shell: catalog load, search per keystroke (427 items and a
// synthetic 100,000-item catalog), and cold start to the first rendered attract frame.
//
//   build/bin/kiosk-bench            all figures
//   build/bin/kiosk-bench --quick    fewer repetitions
#include "services/catalog/catalogparser.h"
#include "services/catalog/catalogsearch.h"
#include "services/catalog/catalogstore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>

#include "bench/benchstats.h"

#include <algorithm>
#include <cstdio>
#include <random>
#include <vector>

using namespace kiosk::catalog;

using kiosk::bench::Stats;
using kiosk::bench::stats;
using kiosk::bench::row;

namespace {


// What residents type, one keystroke at a time: every prefix of each query is one search.
const char16_t *const typed[] = {u"shebaojiaofei", u"sbcx", u"gjjtq", u"yiliaobaoxian", u"gaolingjintie",
                                 u"jzz", u"dibao", u"cjrz", u"ylj", u"养老金", u"医保报销", u"zzz"};

Stats keystrokes(const CatalogSearch &search, int rounds, std::size_t *hits)
{
    std::vector<double> ms;
    for (int r = 0; r < rounds; ++r) {
        for (const char16_t *q : typed) {
            const QString query = QString::fromUtf16(q);
            for (int len = 1; len <= query.size(); ++len) {
                QElapsedTimer t;
                t.start();
                const auto result = search.search(QStringView(query).left(len), 100);
                ms.push_back(double(t.nsecsElapsed()) / 1e6);
                *hits += result.size();
            }
        }
    }
    return stats(ms);
}

Catalog synthetic(const Catalog &real, int count)
{
    // Real names under district and suffix variations: realistic characters, polyphones and
    // lengths, all distinct.
    static const char16_t *const districts[] = {u"鼓楼区", u"台江区", u"仓山区", u"晋安区", u"马尾区", u"长乐区",
                                                u"闽侯县", u"连江县", u"罗源县", u"闽清县", u"永泰县", u"平潭区"};
    Catalog c;
    c.version = QStringLiteral("synthetic");
    c.departments = real.departments;
    c.lifeEvents = real.lifeEvents;
    c.platforms = real.platforms;
    std::mt19937 rng(42);
    c.items.reserve(size_t(count));
    for (int i = 0; i < count; ++i) {
        Item item = real.items[size_t(i) % real.items.size()];
        const int round = i / int(real.items.size());
        item.code = QStringLiteral("SY-%1").arg(i, 6, 10, QLatin1Char('0'));
        item.name = QString::fromUtf16(districts[size_t(round) % std::size(districts)]) + item.name
            + (round >= int(std::size(districts)) ? QStringLiteral("（%1）").arg(round) : QString());
        item.popularity = int(rng() % 101);
        c.items.push_back(std::move(item));
    }
    c.reindex();
    return c;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const bool quick = app.arguments().contains(QStringLiteral("--quick"));
    std::printf("kiosk-bench (%s build)\n\n", quick ? "quick" : "full");

    // --- catalog load -------------------------------------------------------------------------
    QFile f(CatalogStore::builtInPath());
    if (!f.open(QIODevice::ReadOnly))
        return 1;
    const QByteArray json = f.readAll();
    std::vector<double> parseMs, indexMs;
    Catalog real;
    for (int i = 0; i < (quick ? 5 : 30); ++i) {
        QElapsedTimer t;
        t.start();
        auto r = parseCatalog(json);
        parseMs.push_back(double(t.nsecsElapsed()) / 1e6);
        t.restart();
        CatalogSearch s(*r.catalog);
        indexMs.push_back(double(t.nsecsElapsed()) / 1e6);
        real = std::move(*r.catalog);
    }
    std::printf("catalog: %zu items, %lld KiB of JSON\n", real.items.size(), qlonglong(json.size() / 1024));
    row("catalog parse + validate", stats(parseMs), "ms", "");
    row("search index build (427 items)", stats(indexMs), "ms", "");

    // --- search per keystroke -----------------------------------------------------------------
    std::size_t hits = 0;
    const CatalogSearch small(real);
    row("search per keystroke, 427 items", keystrokes(small, quick ? 20 : 200, &hits), "ms", "goal: median <= 0.2 ms");
    {
        QElapsedTimer t;
        t.start();
        const Catalog big = synthetic(real, 100000);
        const double genMs = double(t.nsecsElapsed()) / 1e6;
        t.restart();
        const CatalogSearch bigIndex(big);
        const double idxMs = double(t.nsecsElapsed()) / 1e6;
        std::printf("synthetic catalog: %zu items (generated in %.0f ms), index built in %.1f ms, %.1f MiB\n",
                    big.items.size(), genMs, idxMs, double(bigIndex.memoryUsed()) / (1024 * 1024));
        row("search per keystroke, 100,000 items", keystrokes(bigIndex, quick ? 1 : 5, &hits), "ms", "goal: median <= 5 ms");
    }
    std::printf("(%zu results in all)\n", hits);

    // --- cold start to the first frame --------------------------------------------------------
    std::vector<double> frameMs, wallMs;
    for (int i = 0; i < (quick ? 3 : 10); ++i) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        if (!env.contains(QStringLiteral("QT_QPA_PLATFORM")))
            env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.info=false"));
        p.setProcessEnvironment(env);
        QElapsedTimer t;
        t.start();
        p.start(QStringLiteral(KIOSK_APP_PATH), {QStringLiteral("--simulate"), QStringLiteral("--first-frame")});
        if (!p.waitForFinished(30000) || p.exitCode() != 0) {
            std::printf("kiosk --first-frame failed: %s\n", p.readAllStandardError().constData());
            return 1;
        }
        wallMs.push_back(double(t.nsecsElapsed()) / 1e6);
        const QByteArray out = p.readAllStandardOutput();
        const qsizetype at = out.indexOf("first-frame-ms ");
        if (at >= 0)
            frameMs.push_back(out.mid(at + 15).trimmed().toDouble());
    }
    row("cold start: main() to first attract frame", stats(frameMs), "ms", "goal: <= 300 ms");
    row("cold start: exec to exit after first frame", stats(wallMs), "ms", "(whole process)");
    return 0;
}
