// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/catalog/catalogstore.h"

#include <QFile>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace kiosk::catalog;

namespace {
QByteArray fixtureBytes()
{
    QFile f(QStringLiteral(KIOSK_TEST_DATA_DIR "/catalog-small.json"));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture");
    return f.readAll();
}
void write(const QString &path, const QByteArray &data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(data);
}
} // namespace

class TestCatalogStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void noFileConfiguredUsesBuiltIn()
    {
        QTemporaryDir state;
        CatalogStore store(QString(), state.path());
        QVERIFY(!store.load());
        QCOMPARE(store.source(), CatalogStore::Source::BuiltIn);
        QVERIFY(store.catalog().items.size() > 0);
    }

    void validFileIsUsedAndKept()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("catalog.json"));
        write(path, fixtureBytes());
        CatalogStore store(path, dir.filePath(QStringLiteral("state")));
        QVERIFY(store.load());
        QCOMPARE(store.source(), CatalogStore::Source::Configured);
        QCOMPARE(store.catalog().version, QStringLiteral("test-1"));
        QVERIFY(QFile::exists(store.lastGoodPath()));
    }

    void brokenFileFallsBackToLastGood()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("catalog.json"));
        const QString state = dir.filePath(QStringLiteral("state"));
        write(path, fixtureBytes());
        {
            CatalogStore first(path, state);
            QVERIFY(first.load());
        }
        // The technician pushes a broken file; the terminal restarts.
        write(path, "{ \"format\": 1, \"items\": [");
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral(".*")));
        CatalogStore store(path, state);
        QVERIFY(!store.load());
        QCOMPARE(store.source(), CatalogStore::Source::LastGood);
        QCOMPARE(store.catalog().version, QStringLiteral("test-1"));
        QCOMPARE(store.problems().size(), size_t(1));
        QCOMPARE(store.problems()[0].kind, Problem::Kind::Syntax);
        // The last good copy was not overwritten by the broken file.
        QFile lastGood(store.lastGoodPath());
        QVERIFY(lastGood.open(QIODevice::ReadOnly));
        QCOMPARE(lastGood.readAll(), fixtureBytes());
    }

    void brokenReloadKeepsCatalogInForce()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("catalog.json"));
        write(path, fixtureBytes());
        CatalogStore store(path, dir.filePath(QStringLiteral("state")));
        QVERIFY(store.load());
        write(path, QByteArray(fixtureBytes()).replace("\"RS-0002\"", "\"RS-0001\"")); // duplicate code
        QVERIFY(!store.load());
        QCOMPARE(store.source(), CatalogStore::Source::Kept);
        QCOMPARE(store.catalog().items.size(), size_t(11));
        QVERIFY(store.catalog().item(QStringLiteral("RS-0002")));
        QCOMPARE(store.problems()[0].kind, Problem::Kind::Duplicate);
    }

    void missingFileWithoutLastGoodUsesBuiltIn()
    {
        QTemporaryDir dir;
        CatalogStore store(dir.filePath(QStringLiteral("absent.json")), dir.filePath(QStringLiteral("state")));
        QVERIFY(!store.load());
        QCOMPARE(store.source(), CatalogStore::Source::BuiltIn);
        QCOMPARE(store.problems()[0].kind, Problem::Kind::Unreadable);
        QVERIFY(store.catalog().items.size() > 0);
    }

    void textsAreCheckedAgainstTheDevicesFitted()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("catalog.json"));
        write(path, fixtureBytes()); // 社会保险缴费证明打印…: needs the printer
        const QStringList noPrinter{QStringLiteral("idcard"), QStringLiteral("scanner")};
        CatalogStore store(path, dir.filePath(QStringLiteral("state")), noPrinter);
        QVERIFY(!store.load());
        QVERIFY(std::any_of(store.problems().begin(), store.problems().end(),
                            [](const Problem &p) { return p.kind == Problem::Kind::DeviceMissing && p.where == QLatin1String("RS-0002"); }));
        // The built-in catalog speaks of printing too; as the last resort it is used all the same.
        QCOMPARE(store.source(), CatalogStore::Source::BuiltIn);
        QVERIFY(store.catalog().items.size() > 0);

        CatalogStore fitted(path, dir.filePath(QStringLiteral("state2")),
                            noPrinter + QStringList{QStringLiteral("printer")});
        QVERIFY(fitted.load());
        QCOMPARE(fitted.source(), CatalogStore::Source::Configured);
    }

    void unwritableStateDirStillLoads()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("catalog.json"));
        write(path, fixtureBytes());
        CatalogStore store(path, QStringLiteral("/proc/kiosk-cannot-write-here"));
        QVERIFY(store.load());
        QCOMPARE(store.source(), CatalogStore::Source::Configured);
    }
};

QTEST_GUILESS_MAIN(TestCatalogStore)
#include "tst_catalogstore.moc"
