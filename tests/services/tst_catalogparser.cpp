// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/catalog/catalogparser.h"
#include "services/catalog/devicepromises.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

#include <functional>

using namespace kiosk::catalog;
using Kind = Problem::Kind;

namespace {

QJsonObject fixture()
{
    QFile f(QStringLiteral(KIOSK_TEST_DATA_DIR "/catalog-small.json"));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture");
    return QJsonDocument::fromJson(f.readAll()).object();
}

/** Applies @p edit to item @p index of the fixture. */
QByteArray withItem(int index, const std::function<void(QJsonObject &)> &edit)
{
    QJsonObject root = fixture();
    QJsonArray items = root.value(QStringLiteral("items")).toArray();
    QJsonObject item = items.at(index).toObject();
    edit(item);
    items[index] = item;
    root[QStringLiteral("items")] = items;
    return QJsonDocument(root).toJson();
}

bool hasProblem(const ParseResult &r, Kind kind, const QString &where, const QString &field)
{
    for (const auto &p : r.problems) {
        if (p.kind == kind && p.where == where && p.field == field)
            return true;
    }
    QStringList all;
    for (const auto &p : r.problems)
        all << problemKindName(p.kind) + QLatin1Char(':') + p.toString();
    qWarning().noquote() << "problems were:" << all.join(QStringLiteral(" | "));
    return false;
}

} // namespace

class TestCatalogParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void validFixture()
    {
        const auto r = parseCatalog(QJsonDocument(fixture()).toJson());
        QVERIFY(r.catalog);
        QCOMPARE(r.errorCount(), 0);
        QCOMPARE(r.catalog->items.size(), size_t(11));
        QCOMPARE(r.catalog->version, QStringLiteral("test-1"));
        const Item *item = r.catalog->item(QStringLiteral("RS-0003"));
        QVERIFY(item);
        QCOMPARE(item->name, QStringLiteral("社会保障卡银行账户变更"));
        QCOMPARE(item->handling, Handling::Collect);
        QCOMPARE(item->promisedDays, 3);
        QCOMPARE(item->legalDays, 10);
        QCOMPARE(item->materials.size(), size_t(1));
        QCOMPARE(item->keywords, QStringList({QStringLiteral("社保卡"), QStringLiteral("银行卡")}));
        const Item *fee = r.catalog->item(QStringLiteral("MZ-0003"));
        QCOMPARE(fee->fee, 9.0);
        QCOMPARE(fee->feeNote, QStringLiteral("结婚证工本费"));
        QCOMPARE(r.catalog->mostPopular(2), std::vector<int>({0, 1}));
        QVERIFY(!r.catalog->item(QStringLiteral("XX-0000")));
    }

    void theTerminalsDevices()
    {
        QCOMPARE(terminalDeviceKinds(), (QStringList{QStringLiteral("idcard"), QStringLiteral("printer"), QStringLiteral("scanner")}));
        for (const DevicePromise &p : devicePromises())
            QVERIFY2(QRegularExpression(QString::fromUtf8(p.pattern)).isValid(), p.pattern);
    }

    void devicePromise_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("kind"); // empty: no promise broken
        QTest::newRow("face") << QStringLiteral("终端刷脸认证，当场完成") << QStringLiteral("camera");
        QTest::newRow("face elsewhere") << QStringLiteral("刷脸认证请用手机“掌上12333”App完成") << QString();
        QTest::newRow("face at a counter") << QStringLiteral("本人带身份证到社保窗口刷脸认证") << QString();
        QTest::newRow("photo upload") << QStringLiteral("首页及本人页，终端拍照上传") << QStringLiteral("camera");
        QTest::newRow("cannot photograph") << QStringLiteral("审核时交验原件；本终端不能拍照上传") << QString();
        QTest::newRow("social security card") << QStringLiteral("刷身份证或社保卡开通读者证") << QStringLiteral("sscard");
        QTest::newRow("sscard account is not a reader") << QStringLiteral("本人名下一类借记卡或社保卡金融账户") << QString();
        QTest::newRow("bank card inserted") << QStringLiteral("插入银行卡自动读取，或手动输入") << QStringLiteral("bankcard");
        QTest::newRow("card number read") << QStringLiteral("终端读取卡号") << QStringLiteral("bankcard");
        QTest::newRow("bank card typed") << QStringLiteral("在屏幕数字键盘上输入银行卡号") << QString();
        QTest::newRow("paid to the bank card") << QStringLiteral("审核通过后发放到本人银行卡") << QString();
        QTest::newRow("fingerprint") << QStringLiteral("现场采集指纹") << QStringLiteral("fingerprint");
        QTest::newRow("fingerprint at the police") << QStringLiteral("在派出所现场采集照片和指纹") << QString();
        QTest::newRow("signature") << QStringLiteral("共同生活家庭成员在终端电子签名") << QStringLiteral("signaturepad");
        QTest::newRow("certificate read") << QStringLiteral("残疾人证在终端读取") << QStringLiteral("docscanner");
        QTest::newRow("ID card") << QStringLiteral("原件，放在终端读卡区读取") << QString();
        QTest::newRow("printing") << QStringLiteral("终端自助打印") << QString();
    }
    void devicePromise()
    {
        QFETCH(QString, text);
        QFETCH(QString, kind);
        QString phrase;
        const DevicePromise *p = brokenPromise(text, terminalDeviceKinds(), &phrase);
        QCOMPARE(p ? QString::fromLatin1(p->deviceKind) : QString(), kind);
        if (p)
            QVERIFY2(text.contains(phrase), qPrintable(phrase));
    }

    void promisesTheDevicesCannotKeepRejectTheCatalog()
    {
        const QString path = QStringLiteral(KIOSK_TEST_DATA_DIR "/catalog-promises.json");
        const auto r = loadCatalogFile(path);
        QVERIFY(!r.catalog);
        QCOMPARE(r.errorCount(), 4); // the clauses that send the resident elsewhere are fine
        QVERIFY(hasProblem(r, Kind::DeviceMissing, QStringLiteral("RS-0001"), QStringLiteral("where")));
        QVERIFY(hasProblem(r, Kind::DeviceMissing, QStringLiteral("RS-0003"), QStringLiteral("materials[1].note")));
        QVERIFY(hasProblem(r, Kind::DeviceMissing, QStringLiteral("RS-0004"), QStringLiteral("materials[0].note")));
        QVERIFY(hasProblem(r, Kind::DeviceMissing, QStringLiteral("YB-0003"), QStringLiteral("nextSteps")));
        // The line a technician reads names the item, the phrase and the device it needs.
        for (const auto &p : r.problems) {
            if (p.where == QLatin1String("RS-0001")) {
                QVERIFY2(p.toString().startsWith(QStringLiteral("RS-0001 where: ")), qPrintable(p.toString()));
                QVERIFY2(p.message.contains(QStringLiteral("\"刷脸\"")) && p.message.contains(QStringLiteral("camera")),
                         qPrintable(p.message));
                QVERIFY(p.isError());
            }
        }
        QCOMPARE(problemKindName(Kind::DeviceMissing), QStringLiteral("device-missing"));

        // With the devices that keep those promises the same file is a good catalog.
        const auto fitted = loadCatalogFile(path, terminalDeviceKinds() + QStringList{QStringLiteral("camera"), QStringLiteral("sscard"),
                                                                                       QStringLiteral("bankcard"), QStringLiteral("fingerprint")});
        QVERIFY(fitted.catalog);

        // A terminal without a printer cannot promise printing either.
        const auto noPrinter = parseCatalog(QJsonDocument(fixture()).toJson(), {QStringLiteral("idcard"), QStringLiteral("scanner")});
        QVERIFY(!noPrinter.catalog);
        QVERIFY(std::all_of(noPrinter.problems.begin(), noPrinter.problems.end(), [](const Problem &p) {
            return p.kind == Kind::DeviceMissing && p.message.contains(QStringLiteral("printer"));
        }));
    }

    void syntaxError()
    {
        const auto r = parseCatalog("{\n \"format\": 1,\n \"items\": [ }");
        QVERIFY(!r.catalog);
        QCOMPARE(r.problems.size(), size_t(1));
        QCOMPARE(r.problems[0].kind, Kind::Syntax);
        QVERIFY2(r.problems[0].message.contains(QStringLiteral("line 3")), qPrintable(r.problems[0].message));
    }

    void notAnObject()
    {
        const auto r = parseCatalog("[1,2]");
        QVERIFY(!r.catalog);
        QCOMPARE(r.problems[0].kind, Kind::WrongType);
    }

    void unreadable()
    {
        const auto r = loadCatalogFile(QStringLiteral("/nonexistent/catalog.json"));
        QVERIFY(!r.catalog);
        QCOMPARE(r.problems[0].kind, Kind::Unreadable);
    }

    void unsupportedFormat()
    {
        QJsonObject root = fixture();
        root[QStringLiteral("format")] = 2;
        const auto r = parseCatalog(QJsonDocument(root).toJson());
        QVERIFY(!r.catalog);
        QVERIFY(hasProblem(r, Kind::Invalid, QString(), QStringLiteral("format")));
    }

    void everyErrorKind_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<std::function<void(QJsonObject &)>>("edit");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("field");

        using E = std::function<void(QJsonObject &)>;
        QTest::newRow("missing name") << 1 << E([](QJsonObject &o) { o.remove(QStringLiteral("name")); })
                                      << int(Kind::Missing) << "RS-0002" << "name";
        QTest::newRow("empty summary") << 1 << E([](QJsonObject &o) { o[QStringLiteral("summary")] = QStringLiteral("  "); })
                                       << int(Kind::Missing) << "RS-0002" << "summary";
        QTest::newRow("name wrong type") << 1 << E([](QJsonObject &o) { o[QStringLiteral("name")] = 42; })
                                         << int(Kind::WrongType) << "RS-0002" << "name";
        QTest::newRow("days as text") << 2 << E([](QJsonObject &o) { o[QStringLiteral("legalDays")] = QStringLiteral("10"); })
                                      << int(Kind::WrongType) << "RS-0003" << "legalDays";
        QTest::newRow("bad code") << 1 << E([](QJsonObject &o) { o[QStringLiteral("code")] = QStringLiteral("rs1"); })
                                  << int(Kind::Invalid) << "items[1]" << "code";
        QTest::newRow("name too short") << 1 << E([](QJsonObject &o) { o[QStringLiteral("name")] = QStringLiteral("社保"); })
                                        << int(Kind::Invalid) << "RS-0002" << "name";
        QTest::newRow("negative fee") << 1 << E([](QJsonObject &o) { o[QStringLiteral("fee")] = -1; })
                                      << int(Kind::Invalid) << "RS-0002" << "fee";
        QTest::newRow("fractional days") << 1 << E([](QJsonObject &o) { o[QStringLiteral("legalDays")] = 2.5; })
                                         << int(Kind::Invalid) << "RS-0002" << "legalDays";
        QTest::newRow("bad handling") << 1 << E([](QJsonObject &o) { o[QStringLiteral("handling")] = QStringLiteral("online"); })
                                      << int(Kind::Invalid) << "RS-0002" << "handling";
        QTest::newRow("popularity range") << 1 << E([](QJsonObject &o) { o[QStringLiteral("popularity")] = 101; })
                                          << int(Kind::Invalid) << "RS-0002" << "popularity";
        QTest::newRow("duplicate code") << 1 << E([](QJsonObject &o) { o[QStringLiteral("code")] = QStringLiteral("RS-0001"); })
                                        << int(Kind::Duplicate) << "items[1]" << "code";
        QTest::newRow("duplicate name") << 1 << E([](QJsonObject &o) { o[QStringLiteral("name")] = QStringLiteral("社会保险个人权益记录查询"); })
                                        << int(Kind::Duplicate) << "RS-0002" << "name";
        QTest::newRow("duplicate keyword") << 1 << E([](QJsonObject &o) { o[QStringLiteral("keywords")] = QJsonArray{QStringLiteral("社保"), QStringLiteral("社保")}; })
                                           << int(Kind::Duplicate) << "RS-0002" << "keywords[1]";
        QTest::newRow("unknown department") << 1 << E([](QJsonObject &o) { o[QStringLiteral("department")] = QStringLiteral("mars"); })
                                            << int(Kind::UnknownReference) << "RS-0002" << "department";
        QTest::newRow("unknown category") << 1 << E([](QJsonObject &o) { o[QStringLiteral("category")] = QStringLiteral("sports"); })
                                          << int(Kind::UnknownReference) << "RS-0002" << "category";
        QTest::newRow("unknown life event") << 1 << E([](QJsonObject &o) { o[QStringLiteral("lifeEvents")] = QJsonArray{QStringLiteral("wedding")}; })
                                            << int(Kind::UnknownReference) << "RS-0002" << "lifeEvents";
        QTest::newRow("unknown platform") << 1 << E([](QJsonObject &o) { o[QStringLiteral("platform")] = QStringLiteral("fax"); })
                                          << int(Kind::UnknownReference) << "RS-0002" << "platform";
        QTest::newRow("promised > legal") << 2 << E([](QJsonObject &o) { o[QStringLiteral("promisedDays")] = 11; })
                                          << int(Kind::Inconsistent) << "RS-0003" << "promisedDays";
        QTest::newRow("form on guide") << 8 << E([](QJsonObject &o) { o[QStringLiteral("form")] = QStringLiteral("x-form"); })
                                       << int(Kind::Inconsistent) << "MZ-0002" << "form";
        QTest::newRow("no form on terminal") << 1 << E([](QJsonObject &o) { o.remove(QStringLiteral("form")); })
                                             << int(Kind::Missing) << "RS-0002" << "form";
        QTest::newRow("fee without note") << 9 << E([](QJsonObject &o) { o.remove(QStringLiteral("feeNote")); })
                                          << int(Kind::Missing) << "MZ-0003" << "feeNote";
        QTest::newRow("no materials") << 1 << E([](QJsonObject &o) { o[QStringLiteral("materials")] = QJsonArray(); })
                                      << int(Kind::Missing) << "RS-0002" << "materials";
        QTest::newRow("material without name") << 1 << E([](QJsonObject &o) { o[QStringLiteral("materials")] = QJsonArray{QJsonObject{{QStringLiteral("note"), QStringLiteral("x")}}}; })
                                               << int(Kind::Missing) << "RS-0002" << "materials[0].name";
        QTest::newRow("unknown access") << 0 << E([](QJsonObject &o) { o[QStringLiteral("access")] = QStringLiteral("open"); })
                                        << int(Kind::Invalid) << "RS-0001" << "access";
        QTest::newRow("access wrong type") << 0 << E([](QJsonObject &o) { o[QStringLiteral("access")] = true; })
                                           << int(Kind::WrongType) << "RS-0001" << "access";
        QTest::newRow("typo key") << 1 << E([](QJsonObject &o) { o[QStringLiteral("matrials")] = QJsonArray(); })
                                  << int(Kind::UnknownKey) << "RS-0002" << "matrials";
    }

    void everyErrorKind()
    {
        QFETCH(int, index);
        QFETCH(std::function<void(QJsonObject &)>, edit);
        QFETCH(int, kind);
        QFETCH(QString, where);
        QFETCH(QString, field);
        const auto r = parseCatalog(withItem(index, edit));
        QVERIFY(hasProblem(r, Kind(kind), where, field));
        // Errors reject the file whole; an unknown key alone is only a warning.
        QCOMPARE(bool(r.catalog), Kind(kind) == Kind::UnknownKey);
    }

    void accessDefaultsToPersonal()
    {
        const auto plain = parseCatalog(QJsonDocument(fixture()).toJson());
        QVERIFY(plain.catalog);
        QCOMPARE(plain.catalog->item(QStringLiteral("RS-0001"))->access, Access::Personal);
        for (const char *value : {"public", "personal"}) {
            const auto r = parseCatalog(withItem(0, [value](QJsonObject &o) { o[QStringLiteral("access")] = QLatin1String(value); }));
            QVERIFY(r.catalog);
            QCOMPARE(r.warningCount(), 0); // a known key
            QCOMPARE(r.catalog->item(QStringLiteral("RS-0001"))->publicAccess(), QByteArray(value) == "public");
            QCOMPARE(accessId(r.catalog->item(QStringLiteral("RS-0001"))->access), QLatin1String(value));
        }
    }

    void defaultCatalogPublicItems()
    {
        // Open information only: every public item is a record query, and the ones a card is
        // needed for (records of a person) stay personal.
        const auto r = loadCatalogFile(QStringLiteral(KIOSK_SOURCE_DIR "/data/catalog/default-catalog.json"));
        QVERIFY(r.catalog);
        int publicItems = 0;
        for (const Item &item : r.catalog->items) {
            if (!item.publicAccess())
                continue;
            ++publicItems;
            QCOMPARE(item.form, QStringLiteral("record-query"));
        }
        QVERIFY(publicItems >= 5);
        QVERIFY(r.catalog->item(QStringLiteral("JY-0005"))->publicAccess()); // 义务教育学区查询
        QVERIFY(r.catalog->item(QStringLiteral("YB-0025"))->publicAccess()); // 定点医药机构查询
        QVERIFY(!r.catalog->item(QStringLiteral("RS-0022"))->publicAccess()); // 社会保险个人权益记录查询
        QVERIFY(!r.catalog->item(QStringLiteral("YB-0002"))->publicAccess());
    }

    void reportsEveryProblemNotJustTheFirst()
    {
        QByteArray json = withItem(1, [](QJsonObject &o) {
            o.remove(QStringLiteral("name"));
            o[QStringLiteral("fee")] = -3;
            o[QStringLiteral("platform")] = QStringLiteral("fax");
        });
        const auto r = parseCatalog(json);
        QCOMPARE(r.errorCount(), 3);
        QCOMPARE(r.problems[0].toString(), QStringLiteral("RS-0002 name: is required"));
    }

    void facetProblems()
    {
        QJsonObject root = fixture();
        QJsonArray depts = root.value(QStringLiteral("departments")).toArray();
        depts.append(QJsonObject{{QStringLiteral("id"), QStringLiteral("hrss")}, {QStringLiteral("name"), QStringLiteral("重复")}});
        depts.append(QJsonObject{{QStringLiteral("id"), QStringLiteral("Bad Id")}, {QStringLiteral("name"), QStringLiteral("坏")}});
        root[QStringLiteral("departments")] = depts;
        root.remove(QStringLiteral("platforms"));
        const auto r = parseCatalog(QJsonDocument(root).toJson());
        QVERIFY(!r.catalog);
        QVERIFY(hasProblem(r, Kind::Duplicate, QStringLiteral("departments[3]"), QStringLiteral("id")));
        QVERIFY(hasProblem(r, Kind::Invalid, QStringLiteral("departments[4]"), QStringLiteral("id")));
        QVERIFY(hasProblem(r, Kind::Missing, QString(), QStringLiteral("platforms")));
    }
};

QTEST_GUILESS_MAIN(TestCatalogParser)
#include "tst_catalogparser.moc"
