// SPDX-License-Identifier: GPL-3.0-or-later
// hawkBit's DDI shapes, the terminal's side: the poll interval in both forms, the base poll's
// links, deployments (handling, window, artifacts and their checks), cancel, and the bodies the
// terminal sends. Hostile and malformed replies give nullopt and a reason, never a half-read value.
#include "services/fleet/ddiapi.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace kiosk::fleet::ddi;
using namespace std::chrono_literals;


namespace {

const QByteArray kSha256 = QByteArrayLiteral("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");

QByteArray deployment(const std::function<void(QJsonObject &)> &change = {})
{
    QJsonObject artifact{{QStringLiteral("filename"), QStringLiteral("catalog-2026.12.1.bundle")},
                         {QStringLiteral("size"), 4},
                         {QStringLiteral("hashes"), QJsonObject{{QStringLiteral("sha1"), QStringLiteral("a94a8fe5ccb19ba61c4c0873d391e987982fbbd3")},
                                                                {QStringLiteral("md5"), QStringLiteral("098f6bcd4621d373cade4e832627b4f6")},
                                                                {QStringLiteral("sha256"), QString::fromLatin1(kSha256)}}},
                         {QStringLiteral("_links"), QJsonObject{{QStringLiteral("download"), QJsonObject{{QStringLiteral("href"), QStringLiteral("https://fleet.example:8443/DEFAULT/controller/v1/T-1/softwaremodules/3/artifacts/catalog-2026.12.1.bundle")}}},
                                                                {QStringLiteral("download-http"), QJsonObject{{QStringLiteral("href"), QStringLiteral("http://fleet.example:8080/DEFAULT/controller/v1/T-1/softwaremodules/3/artifacts/catalog-2026.12.1.bundle")}}}}}};
    QJsonObject chunk{{QStringLiteral("part"), QStringLiteral("bundle")},
                      {QStringLiteral("version"), QStringLiteral("2026.12.1")},
                      {QStringLiteral("name"), QStringLiteral("catalog")},
                      {QStringLiteral("artifacts"), QJsonArray{artifact}},
                      {QStringLiteral("metadata"), QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("kind")}, {QStringLiteral("value"), QStringLiteral("catalog")}}}}};
    QJsonObject o{{QStringLiteral("id"), QStringLiteral("8")},
                  {QStringLiteral("deployment"), QJsonObject{{QStringLiteral("download"), QStringLiteral("forced")},
                                                             {QStringLiteral("update"), QStringLiteral("attempt")},
                                                             {QStringLiteral("chunks"), QJsonArray{chunk}}}},
                  {QStringLiteral("actionHistory"), QJsonObject{{QStringLiteral("status"), QStringLiteral("RUNNING")}, {QStringLiteral("messages"), QJsonArray{}}}}};
    if (change)
        change(o);
    return QJsonDocument(o).toJson();
}

/** The first artifact of the first chunk, to change in a test. */
QJsonObject &firstArtifact(QJsonObject &o, QJsonObject &dep, QJsonArray &chunks, QJsonObject &chunk, QJsonArray &artifacts, QJsonObject &artifact)
{
    dep = o.value(QStringLiteral("deployment")).toObject();
    chunks = dep.value(QStringLiteral("chunks")).toArray();
    chunk = chunks.at(0).toObject();
    artifacts = chunk.value(QStringLiteral("artifacts")).toArray();
    artifact = artifacts.at(0).toObject();
    return artifact;
}

void putBack(QJsonObject &o, QJsonObject &dep, QJsonArray &chunks, QJsonObject &chunk, QJsonArray &artifacts, const QJsonObject &artifact)
{
    artifacts[0] = artifact;
    chunk[QStringLiteral("artifacts")] = artifacts;
    chunks[0] = chunk;
    dep[QStringLiteral("chunks")] = chunks;
    o[QStringLiteral("deployment")] = dep;
}

QByteArray withArtifact(const std::function<void(QJsonObject &)> &change)
{
    return deployment([&](QJsonObject &o) {
        QJsonObject dep, chunk, artifact;
        QJsonArray chunks, artifacts;
        change(firstArtifact(o, dep, chunks, chunk, artifacts, artifact));
        putBack(o, dep, chunks, chunk, artifacts, artifact);
    });
}

} // namespace

class TestDdiApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sleepBothForms_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("seconds"); // -1: refused
        QTest::newRow("five minutes") << "00:05:00" << qint64(300);
        QTest::newRow("below a day") << "23:59:59" << qint64(86399);
        QTest::newRow("PT24H") << "PT24H" << qint64(86400);
        QTest::newRow("P1DT2H") << "P1DT2H" << qint64(93600);
        QTest::newRow("PT36H30M") << "PT36H30M" << qint64(131400);
        QTest::newRow("P1D") << "P1D" << qint64(86400);
        QTest::newRow("PT5M") << "PT5M" << qint64(300);
        QTest::newRow("below the floor: clamped") << "00:00:05" << qint64(30);
        QTest::newRow("a month: clamped to a week") << "P30D" << qint64(7 * 86400);
        QTest::newRow("garbage hours") << "XX:00:00" << qint64(-1);
        QTest::newRow("minutes 61") << "00:61:00" << qint64(-1);
        QTest::newRow("hours 24 in clock form") << "24:00:00" << qint64(-1);
        QTest::newRow("empty") << "" << qint64(-1);
        QTest::newRow("zero") << "00:00:00" << qint64(-1);
        QTest::newRow("negative") << "-PT5M" << qint64(-1);
        QTest::newRow("bare P") << "P" << qint64(-1);
        QTest::newRow("bare PT") << "PT" << qint64(-1);
        QTest::newRow("weeks") << "P1W" << qint64(-1);
        QTest::newRow("spaces") << " 00:05:00" << qint64(-1);
        QTest::newRow("huge") << "P99999999D" << qint64(-1);
    }
    void sleepBothForms()
    {
        QFETCH(QString, text);
        QFETCH(qint64, seconds);
        const auto s = parseSleep(text);
        if (seconds < 0)
            QVERIFY2(!s, qPrintable(QString::number(s ? s->count() : 0)));
        else
            QCOMPARE(s ? qint64(s->count()) : qint64(-1), seconds);
    }

    void baseLinks()
    {
        // (Ordinary string literals: moc reads "//" inside a raw string as a comment, and would
        // not see the test functions below it.)
        const QByteArray body = "{\"config\":{\"polling\":{\"sleep\":\"00:01:00\"}},\"_links\":{"
                                "\"deploymentBase\":{\"href\":\"https://fleet.example/DEFAULT/controller/v1/T-1/deploymentBase/5?c=-2127183556\"},"
                                "\"configData\":{\"href\":\"https://fleet.example/DEFAULT/controller/v1/T-1/configData\"},"
                                "\"installedBase\":{\"href\":\"https://fleet.example/DEFAULT/controller/v1/T-1/installedBase/4\"}}}";
        QString error;
        const auto b = parseBase(body, &error);
        QVERIFY2(b, qPrintable(error));
        QCOMPARE(b->sleep, std::optional<std::chrono::seconds>(60s));
        QVERIFY(b->links.deploymentBase.endsWith(QLatin1String("/deploymentBase/5?c=-2127183556")));
        QCOMPARE(actionIdFromHref(b->links.deploymentBase), std::optional<std::int64_t>(5));
        QCOMPARE(actionIdFromHref(b->links.installedBase), std::optional<std::int64_t>(4));
        QVERIFY(!b->links.configData.isEmpty());
        QVERIFY(b->links.cancelAction.isEmpty());
        // Nothing to do: no links; a sleep that does not parse is reported as not there.
        const auto idle = parseBase(R"({"config":{"polling":{"sleep":"XX:00:00"}},"_links":{}})");
        QVERIFY(idle);
        QVERIFY(!idle->sleep);
        QCOMPARE(idle->sleepText, QStringLiteral("XX:00:00"));
        QVERIFY(idle->links.deploymentBase.isEmpty());
        QVERIFY(!parseBase("<html>502 Bad Gateway</html>", &error));
        QVERIFY(error.contains(QLatin1String("not JSON")));
        QVERIFY(!parseBase("[]"));
        QVERIFY(!parseBase(QByteArray(kMaxReplyBytes + 1, ' '), &error));
        QVERIFY(error.contains(QLatin1String("more than")));
        QVERIFY(!actionIdFromHref(QStringLiteral("https://x/deploymentBase/abc?c=1")));
        QVERIFY(!actionIdFromHref(QStringLiteral("https://x/deploymentBase/-3")));
    }

    void aDeploymentIsRead()
    {
        QString error;
        const auto d = parseDeployment(deployment(), &error);
        QVERIFY2(d, qPrintable(error));
        QCOMPARE(d->actionId, std::int64_t(8));
        QCOMPARE(d->download, Handling::Forced);
        QCOMPARE(d->update, Handling::Attempt);
        QCOMPARE(d->window, MaintenanceWindow::None);
        QVERIFY(d->updateAllowedNow());
        QCOMPARE(d->chunks.size(), std::size_t(1));
        const Chunk &c = d->chunks.front();
        QCOMPARE(c.part, QStringLiteral("bundle"));
        QCOMPARE(c.version, QStringLiteral("2026.12.1"));
        QCOMPARE(c.metadata.size(), std::size_t(1));
        QCOMPARE(c.artifacts.size(), std::size_t(1));
        const Artifact &a = c.artifacts.front();
        QCOMPARE(a.filename, QStringLiteral("catalog-2026.12.1.bundle"));
        QCOMPARE(a.size, std::int64_t(4));
        QCOMPARE(a.sha256, kSha256);
        QVERIFY(a.download.startsWith(QLatin1String("https://")));
        QVERIFY(a.downloadHttp.startsWith(QLatin1String("http://")));
        // Numeric ids (older servers) and a maintenance window.
        const auto w = parseDeployment(deployment([](QJsonObject &o) {
            o[QStringLiteral("id")] = 12;
            QJsonObject dep = o.value(QStringLiteral("deployment")).toObject();
            dep[QStringLiteral("maintenanceWindow")] = QStringLiteral("unavailable");
            dep[QStringLiteral("update")] = QStringLiteral("forced");
            o[QStringLiteral("deployment")] = dep;
        }));
        QVERIFY(w);
        QCOMPARE(w->actionId, std::int64_t(12));
        QCOMPARE(w->window, MaintenanceWindow::Unavailable);
        QVERIFY(!w->updateAllowedNow());
    }

    void badDeploymentsAreRefused_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("reason");
        QTest::newRow("no id") << deployment([](QJsonObject &o) { o.remove(QStringLiteral("id")); }) << "action id";
        QTest::newRow("bad handling") << deployment([](QJsonObject &o) {
            QJsonObject dep = o.value(QStringLiteral("deployment")).toObject();
            dep[QStringLiteral("update")] = QStringLiteral("maybe");
            o[QStringLiteral("deployment")] = dep;
        }) << "skip, attempt or forced";
        QTest::newRow("no chunks") << deployment([](QJsonObject &o) {
            QJsonObject dep = o.value(QStringLiteral("deployment")).toObject();
            dep[QStringLiteral("chunks")] = QJsonArray{};
            o[QStringLiteral("deployment")] = dep;
        }) << "1 to 16 chunks";
        QTest::newRow("path in the file name") << withArtifact([](QJsonObject &a) { a[QStringLiteral("filename")] = QStringLiteral("../../etc/kiosk/config.json"); })
                                               << "not a plain file name";
        QTest::newRow("hidden file name") << withArtifact([](QJsonObject &a) { a[QStringLiteral("filename")] = QStringLiteral(".bashrc"); }) << "not a plain file name";
        QTest::newRow("no sha256") << withArtifact([](QJsonObject &a) {
            QJsonObject h = a.value(QStringLiteral("hashes")).toObject();
            h.remove(QStringLiteral("sha256"));
            a[QStringLiteral("hashes")] = h;
        }) << "no SHA-256";
        QTest::newRow("short sha256") << withArtifact([](QJsonObject &a) { a[QStringLiteral("hashes")] = QJsonObject{{QStringLiteral("sha256"), QStringLiteral("abc")}}; })
                                      << "no SHA-256";
        QTest::newRow("negative size") << withArtifact([](QJsonObject &a) { a[QStringLiteral("size")] = -1; }) << "size must be";
        QTest::newRow("huge size") << withArtifact([](QJsonObject &a) { a[QStringLiteral("size")] = 1e12; }) << "size must be";
        QTest::newRow("no links") << withArtifact([](QJsonObject &a) { a.remove(QStringLiteral("_links")); }) << "no download link";
        QTest::newRow("file: link") << withArtifact([](QJsonObject &a) {
            a[QStringLiteral("_links")] = QJsonObject{{QStringLiteral("download"), QJsonObject{{QStringLiteral("href"), QStringLiteral("file:///etc/shadow")}}}};
        }) << "no download link";
        QTest::newRow("not JSON") << QByteArray("{\"id\": ") << "not JSON";
    }
    void badDeploymentsAreRefused()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, reason);
        QString error;
        QVERIFY(!parseDeployment(body, &error));
        QVERIFY2(error.contains(reason), qPrintable(error));
    }

    void linksAsQUrlReadsThem()
    {
        // A scheme in mixed case is https all the same, and is passed on in lower case (found by
        // fuzz_ddi: "httpS://…" was kept raw; its input is a seed now).
        const auto d = parseDeployment(withArtifact([](QJsonObject &a) {
            a[QStringLiteral("_links")] = QJsonObject{{QStringLiteral("download"), QJsonObject{{QStringLiteral("href"), QStringLiteral("httpS://Fleet.Example/a/b.bundle")}}}};
        }));
        QVERIFY(d);
        QCOMPARE(d->chunks[0].artifacts[0].download, QStringLiteral("https://fleet.example/a/b.bundle"));
    }

    void legacyLinksOnly()
    {
        // A server that gives only download-http: read, with the https link empty.
        const auto d = parseDeployment(withArtifact([](QJsonObject &a) {
            QJsonObject l = a.value(QStringLiteral("_links")).toObject();
            l.remove(QStringLiteral("download"));
            a[QStringLiteral("_links")] = l;
        }));
        QVERIFY(d);
        QVERIFY(d->chunks[0].artifacts[0].download.isEmpty());
        QVERIFY(!d->chunks[0].artifacts[0].downloadHttp.isEmpty());
    }

    void cancel()
    {
        QCOMPARE(parseCancel(R"({"id":"11","cancelAction":{"stopId":"11"}})"), std::optional<std::int64_t>(11));
        QString error;
        QVERIFY(!parseCancel(R"({"id":"11"})", &error));
        QVERIFY(error.contains(QLatin1String("stopId")));
    }

    void feedbackShape()
    {
        Feedback f;
        f.execution = Execution::Proceeding;
        f.progress = std::make_pair(2, 5);
        f.code = 200;
        f.details << QStringLiteral("downloading catalog bundle");
        for (int i = 0; i < 80; ++i)
            f.details << QString(600, QLatin1Char('x'));
        const QJsonObject o = QJsonDocument::fromJson(feedbackBody(f, 1627997501890)).object();
        QCOMPARE(o.value(QStringLiteral("timestamp")).toDouble(), 1627997501890.0);
        QVERIFY(!o.contains(QStringLiteral("id"))); // hawkBit 0.3+: no id in feedback
        const QJsonObject status = o.value(QStringLiteral("status")).toObject();
        QCOMPARE(status.value(QStringLiteral("execution")).toString(), QStringLiteral("proceeding"));
        QCOMPARE(status.value(QStringLiteral("code")).toInt(), 200);
        const QJsonObject result = status.value(QStringLiteral("result")).toObject();
        QCOMPARE(result.value(QStringLiteral("finished")).toString(), QStringLiteral("none"));
        QCOMPARE(result.value(QStringLiteral("progress")).toObject().value(QStringLiteral("cnt")).toInt(), 2);
        QCOMPARE(result.value(QStringLiteral("progress")).toObject().value(QStringLiteral("of")).toInt(), 5);
        const QJsonArray details = status.value(QStringLiteral("details")).toArray();
        QCOMPARE(details.size(), kMaxDetails);
        QCOMPARE(details.at(0).toString(), QStringLiteral("downloading catalog bundle"));
        QCOMPARE(details.at(1).toString().size(), 512);
        // Every execution and result has hawkBit's word.
        QCOMPARE(executionId(Execution::Closed), QStringLiteral("closed"));
        QCOMPARE(executionId(Execution::Downloaded), QStringLiteral("downloaded"));
        QCOMPARE(executionId(Execution::Download), QStringLiteral("download"));
        QCOMPARE(executionId(Execution::Rejected), QStringLiteral("rejected"));
        QCOMPARE(executionId(Execution::Scheduled), QStringLiteral("scheduled"));
        QCOMPARE(finishedId(Finished::Failure), QStringLiteral("failure"));
        QCOMPARE(finishedId(Finished::Success), QStringLiteral("success"));
    }

    void configDataShape()
    {
        std::map<QString, QString> data;
        for (int i = 0; i < 120; ++i)
            data[QStringLiteral("k%1").arg(i, 3, 10, QLatin1Char('0'))] = QString::number(i);
        const QJsonObject o = QJsonDocument::fromJson(configDataBody(data)).object();
        QCOMPARE(o.value(QStringLiteral("mode")).toString(), QStringLiteral("merge"));
        QCOMPARE(o.value(QStringLiteral("data")).toObject().size(), 100); // hawkBit's quota
        QVERIFY(o.value(QStringLiteral("data")).toObject().value(QStringLiteral("k000")).isString());
        QCOMPARE(QJsonDocument::fromJson(configDataBody({{QStringLiteral("a"), QStringLiteral("1")}}, ConfigMode::Replace)).object().value(QStringLiteral("mode")).toString(),
                 QStringLiteral("replace"));
    }
};

QTEST_MAIN(TestDdiApi)
#include "tst_ddiapi.moc"
