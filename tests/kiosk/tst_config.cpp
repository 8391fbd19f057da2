// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/config.h"

#include <QTemporaryDir>
#include <QTest>

using kiosk::Config;

class TestConfig : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaults()
    {
        QString error;
        const auto c = Config::fromJson("{}", &error);
        QVERIFY2(c, qPrintable(error));
        QCOMPARE(c->idleTimeoutSeconds, 90);
        QCOMPARE(c->idleWarningSeconds, 30);
        QVERIFY(c->elderIdleTimeoutSeconds > c->idleTimeoutSeconds);
        QCOMPARE(c->language, QStringLiteral("zh_CN"));
        // No default staff PIN: a terminal without a configured hash has no staff pages.
        QVERIFY(c->staffPinHash.isEmpty());
        Config production = *c;
        production.useDemoStaffPinIfUnset();
        QVERIFY(production.staffPinHash.isEmpty());
        // Only the demo (--simulate) gets the demo PIN.
        Config demo = *c;
        demo.simulate = true;
        demo.useDemoStaffPinIfUnset();
        QVERIFY(demo.demoStaffPin);
        QVERIFY(!demo.staffPinHash.isEmpty());
    }

    void fullFile()
    {
        QString error;
        const auto c = Config::fromJson(R"({"terminalId":"T-9","terminalName":"一号机","centerName":"和平里党群服务中心",
            "language":"en","idleTimeoutSeconds":60,"idleWarningSeconds":25,"elderIdleTimeoutSeconds":240,
            "elderWarningSeconds":60,"popularCount":8})", &error);
        QVERIFY2(c, qPrintable(error));
        QCOMPARE(c->centerName, QStringLiteral("和平里党群服务中心"));
        QCOMPARE(c->idleTimeoutSeconds, 60);
        QCOMPARE(c->popularCount, 8);
        QCOMPARE(c->language, QStringLiteral("en"));
    }

    void englishNames()
    {
        QString error;
        const auto demo = Config::fromJson("{}", &error);
        QVERIFY2(demo, qPrintable(error));
        QCOMPARE(demo->centerNameEn, QStringLiteral("Xingfuli Neighbourhood Centre"));
        QCOMPARE(demo->terminalNameEn, QStringLiteral("24-hour self-service terminal"));
        // A renamed centre does not keep the demo's English name: the Chinese one is shown instead.
        const auto renamed = Config::fromJson(R"({"centerName":"和平里党群服务中心"})", &error);
        QVERIFY2(renamed, qPrintable(error));
        QVERIFY(renamed->centerNameEn.isEmpty());
        QCOMPARE(renamed->terminalNameEn, demo->terminalNameEn);
        const auto both = Config::fromJson(R"({"centerName":"和平里党群服务中心","centerNameEn":"Heping Li Community Centre",
            "terminalName":"一号机","terminalNameEn":"Terminal 1"})", &error);
        QVERIFY2(both, qPrintable(error));
        QCOMPARE(both->centerNameEn, QStringLiteral("Heping Li Community Centre"));
        QCOMPARE(both->terminalNameEn, QStringLiteral("Terminal 1"));
        QVERIFY(!Config::fromJson(R"({"centerNameEn":""})", &error));
        QVERIFY(error.contains(QLatin1String("centerNameEn")));
    }

    void devices()
    {
        QString error;
        QVERIFY(Config::fromJson("{}", &error)->devices.isEmpty()); // all the kinds this program drives
        const auto c = Config::fromJson(R"({"devices": ["idcard", "printer", "idcard"]})", &error);
        QVERIFY2(c, qPrintable(error));
        QCOMPARE(c->devices, (QStringList{QStringLiteral("idcard"), QStringLiteral("printer")}));
    }

    void a4Printer()
    {
        QString error;
        QVERIFY(Config::fromJson("{}", &error)->a4Printer.isEmpty()); // the one IPP Everywhere printer found
        for (const char *value : {"ipp://192.0.2.7/ipp/print", "ipps://printer.local:631/ipp/print", "http://[::1]:8631/ipp/print",
                                  "Office_A4", "none"}) {
            const auto c = Config::fromJson(QByteArray("{\"a4Printer\": \"") + value + "\"}", &error);
            QVERIFY2(c, qPrintable(error));
            QCOMPARE(c->a4Printer, QString::fromLatin1(value));
        }
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("syntax") << QByteArray("{\n\"idleTimeoutSeconds\": }") << "line 2";
        QTest::newRow("not object") << QByteArray("[]") << "object";
        QTest::newRow("typo") << QByteArray(R"({"idleTimeout": 90})") << "idleTimeout";
        QTest::newRow("type") << QByteArray(R"({"idleTimeoutSeconds": "90"})") << "idleTimeoutSeconds";
        QTest::newRow("too short") << QByteArray(R"({"idleTimeoutSeconds": 5})") << "idleTimeoutSeconds";
        QTest::newRow("warning < 20 s") << QByteArray(R"({"idleWarningSeconds": 10})") << "idleWarningSeconds";
        QTest::newRow("fraction") << QByteArray(R"({"idleTimeoutSeconds": 90.5})") << "idleTimeoutSeconds";
        QTest::newRow("language") << QByteArray(R"({"language": "fr"})") << "language";
        QTest::newRow("empty name") << QByteArray(R"({"centerName": ""})") << "centerName";
        QTest::newRow("devices not a list") << QByteArray(R"({"devices": "idcard"})") << "devices";
        QTest::newRow("device without a driver") << QByteArray(R"({"devices": ["idcard", "camera"]})") << "\"camera\" is not a device kind";
        QTest::newRow("no devices") << QByteArray(R"({"devices": []})") << "at least one";
        QTest::newRow("a4Printer not a string") << QByteArray("{\"a4Printer\": 7}") << "a4Printer";
        QTest::newRow("a4Printer scheme") << QByteArray("{\"a4Printer\": \"socket://192.0.2.7:9100\"}") << "ipp://";
        QTest::newRow("a4Printer no host") << QByteArray("{\"a4Printer\": \"ipp:///ipp/print\"}") << "no host";
        QTest::newRow("a4Printer password") << QByteArray("{\"a4Printer\": \"ipp://me:secret@192.0.2.7/ipp/print\"}") << "password";
        QTest::newRow("a4Printer name with a space") << QByteArray("{\"a4Printer\": \"Office A4\"}") << "not a CUPS destination name";
        QTest::newRow("a4Printer name with a slash") << QByteArray("{\"a4Printer\": \"a/b\"}") << "not a CUPS destination name";
        QTest::newRow("elder shorter") << QByteArray(R"({"idleTimeoutSeconds": 200, "elderIdleTimeoutSeconds": 100})") << "elder";
    }
    void errors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, mentions);
        QString error;
        QVERIFY(!Config::fromJson(json, &error));
        QVERIFY2(error.contains(mentions), qPrintable(error));
    }

    void platformsAndQueue()
    {
        QString error;
        const auto c = Config::fromJson(R"({"staffPinHash":"pbkdf2-sha256$200000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=","queue":{"capMegabytes":64,"maxAgeHours":48},
            "platforms":[{"id":"hall","host":"hall.example.gov.cn","port":8443,"caFile":"/etc/kiosk/ca.pem",
                          "signingKeyFile":"/etc/kiosk/hall.key","signature":"hmac-sm3",
                          "clientCertificateFile":"/etc/kiosk/t.pem","clientKeyFile":"/etc/kiosk/t.key"}]})", &error);
        QVERIFY2(c, qPrintable(error));
        QCOMPARE(c->staffPinHash, QStringLiteral("pbkdf2-sha256$200000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));
        QCOMPARE(c->queue.capMegabytes, 64);
        QCOMPARE(c->queue.maxAgeHours, 48);
        QCOMPARE(c->queue.retentionDays, 7);
        QCOMPARE(c->platforms.size(), std::size_t(1));
        QCOMPARE(c->platforms[0].port, 8443);
        QCOMPARE(c->platforms[0].signature, QStringLiteral("hmac-sm3"));
    }
    void fleet()
    {
        QString error;
        const auto none = Config::fromJson("{}", &error);
        QVERIFY(none && !none->fleet.enrolled());
        const auto c = Config::fromJson("{\"terminalId\":\"T-1\",\"fleet\":{\"server\":\"https:/" "/fleet.example.gov.cn/DEFAULT/controller/v1/\","
                                        "\"caFile\":\"/etc/kiosk/fleet-ca.pem\",\"targetTokenFile\":\"/etc/kiosk/fleet.token\",\"pollOverrideSeconds\":60}}",
                                        &error);
        QVERIFY2(c, qPrintable(error));
        QVERIFY(c->fleet.enrolled());
        QCOMPARE(c->fleet.server, QStringLiteral("https:/" "/fleet.example.gov.cn/DEFAULT/controller/v1/"));
        QCOMPARE(c->fleet.pollOverrideSeconds, 60);
        QVERIFY(c->fleet.controllerId.isEmpty()); // the terminal id is used
    }
    void platformErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("not array") << QByteArray(R"({"platforms": {}})") << "must be an array";
        QTest::newRow("missing ca") << QByteArray(R"({"platforms": [{"id":"hall","host":"h","signingKeyFile":"k"}]})") << "platforms[0]";
        QTest::newRow("typo") << QByteArray(R"({"platforms": [{"id":"hall","host":"h","caFile":"c","signingKeyFile":"k","cafile":"x"}]})") << "cafile";
        QTest::newRow("algorithm") << QByteArray(R"({"platforms": [{"id":"hall","host":"h","caFile":"c","signingKeyFile":"k","signature":"md5"}]})") << "hmac-sm3";
        QTest::newRow("half mtls") << QByteArray(R"({"platforms": [{"id":"hall","host":"h","caFile":"c","signingKeyFile":"k","clientKeyFile":"x"}]})") << "clientCertificateFile";
        QTest::newRow("port") << QByteArray(R"({"platforms": [{"id":"hall","host":"h","caFile":"c","signingKeyFile":"k","port":70000}]})") << "port";
        QTest::newRow("queue typo") << QByteArray(R"({"queue": {"capMB": 1}})") << "queue.capMB";
        QTest::newRow("fleet typo") << QByteArray(R"({"fleet": {"sever": "x"}})") << "fleet.sever";
        // (No "//" in a raw string here: moc would read it as a comment.)
        QTest::newRow("fleet plain http") << QByteArray("{\"fleet\": {\"server\": \"http:/" "/f.example/DEFAULT/controller/v1/\", \"caFile\": \"c\"}}") << "https address";
        QTest::newRow("fleet not the DDI base") << QByteArray("{\"fleet\": {\"server\": \"https:/" "/f.example/\", \"caFile\": \"c\"}}") << "/controller/v1/";
        QTest::newRow("fleet without CA") << QByteArray("{\"fleet\": {\"server\": \"https:/" "/f.example/DEFAULT/controller/v1/\"}}") << "caFile";
        QTest::newRow("fleet controller id") << QByteArray(R"({"fleet": {"controllerId": "a/b"}})") << "controllerId";
        QTest::newRow("queue range") << QByteArray(R"({"queue": {"capMegabytes": 0}})") << "capMegabytes";
        // A PIN in clear is refused, saying how to make the hash instead.
        QTest::newRow("clear pin") << QByteArray(R"({"staffPin": "135790"})") << "kioskctl staff hash-pin";
        QTest::newRow("pin hash scheme") << QByteArray(R"({"staffPinHash": "sha1$1$AA$AA"})") << "staffPinHash";
        QTest::newRow("pin hash few iterations")
            << QByteArray(R"({"staffPinHash": "pbkdf2-sha256$1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="})") << "iteration";
        QTest::newRow("pin hash short") << QByteArray(R"({"staffPinHash": "pbkdf2-sha256$200000$AAAA$AAAA"})") << "staffPinHash";
    }
    void platformErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, mentions);
        QString error;
        QVERIFY(!Config::fromJson(json, &error));
        QVERIFY2(error.contains(mentions), qPrintable(error));
    }

    void fileRelativeCatalog()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("kiosk.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"catalog": "catalogs/city.json"})");
        f.close();
        QString error;
        const auto c = Config::fromFile(f.fileName(), &error);
        QVERIFY2(c, qPrintable(error));
        QCOMPARE(c->catalogPath, dir.filePath(QStringLiteral("catalogs/city.json")));
        QVERIFY(!Config::fromFile(dir.filePath(QStringLiteral("none.json")), &error));
        QVERIFY(error.contains(QStringLiteral("none.json")));
    }
};

QTEST_GUILESS_MAIN(TestConfig)
#include "tst_config.moc"
