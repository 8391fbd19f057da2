// SPDX-License-Identifier: GPL-3.0-or-later
// On-the-spot queries and certificates end to end: the real QueryClient against the reference
// platform over TLS on 127.0.0.1 — every record-query and certificate-print item of the default
// catalog for every sample card, the refusals, and the deadline, cancel and fault paths.
#include "devices/simulator/simulatedsam.h"
#include "services/catalog/catalogparser.h"
#include "services/catalog/catalogstore.h"
#include "services/platform/platformclient.h"
#include "services/platform/queryclient.h"
#include "services/simulation/devpki.h"
#include "services/simulation/referenceplatform.h"
#include "services/simulation/referencerecords.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace kiosk;
using namespace kiosk::platform;
using namespace kiosk::simulation;
using Fault = ReferencePlatform::Fault;

namespace {
const std::string secret = "query-test-secret";
}

class TestQueryPlatform : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::optional<DevPki> m_pki;
    DevPki::Issued m_server;
    std::unique_ptr<ReferencePlatform> m_platform;
    catalog::Catalog m_catalog;

    PlatformEndpoint endpoint(std::uint16_t port) const
    {
        PlatformEndpoint e;
        e.id = "hrss";
        e.port = port;
        e.tls.caFile = m_pki->caFile();
        e.signingKey = secret;
        e.terminalId = "T-QUERY-01";
        e.timeoutMs = 15'000;
        return e;
    }
    query::Request requestFor(const QString &itemCode, int card) const
    {
        query::Request r;
        r.itemCode = itemCode;
        r.terminalId = QStringLiteral("T-QUERY-01");
        if (card >= 0) {
            r.idNumber = devices::sim::sampleCards().at(std::size_t(card)).idNumber;
            r.name = devices::sim::sampleCards().at(std::size_t(card)).name;
        }
        return r;
    }
    std::vector<const catalog::Item *> itemsOf(const QString &form) const
    {
        std::vector<const catalog::Item *> out;
        for (const auto &item : m_catalog.items)
            if (item.form == form)
                out.push_back(&item);
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        std::string error;
        m_pki = DevPki::open(m_dir.path().toStdString(), "query", &error);
        QVERIFY2(m_pki, error.c_str());
        auto server = m_pki->issue("server", {.commonName = "127.0.0.1"}, &error);
        QVERIFY2(server, error.c_str());
        m_server = *server;
        ReferencePlatform::Options o;
        o.certificateFile = m_server.certificateFile;
        o.keyFile = m_server.keyFile;
        o.signingKey = secret;
        m_platform = std::make_unique<ReferencePlatform>(o);
        QVERIFY2(m_platform->start(&error), error.c_str());
        auto parsed = catalog::loadCatalogFile(catalog::CatalogStore::builtInPath());
        QVERIFY(parsed.catalog);
        m_catalog = *parsed.catalog;
    }
    void init() { m_platform->clearFaults(); }
    void cleanupTestCase() { m_platform.reset(); } // its threads end while the application lives

    void theCatalogHasTheItems()
    {
        QCOMPARE(int(itemsOf(QStringLiteral("record-query")).size()), 67);
        QCOMPARE(int(itemsOf(QStringLiteral("certificate-print")).size()), 18);
    }

    void everyQueryForEveryCard()
    {
        QueryClient client(endpoint(m_platform->port()));
        const QRegularExpression reference(QStringLiteral("^[A-Z]{2,4}[0-9]{4}-[0-9]{8}-[0-9]{4}-[2-9A-HJ-NP-Z]{4}$"));
        int answered = 0;
        for (const catalog::Item *item : itemsOf(QStringLiteral("record-query"))) {
            for (int card = 0; card < int(devices::sim::sampleCards().size()); ++card) {
                const QString where = item->code + QStringLiteral(" card %1").arg(card);
                const QueryResult r = client.ask(requestFor(item->code, card));
                QVERIFY2(r.ok(), qPrintable(where + QStringLiteral(": ") + queryFailureId(r.failure) + QStringLiteral(" ") + r.detail));
                const query::Answer &a = *r.answer;
                QCOMPARE(a.itemCode, item->code);
                if (const QString keep = qEnvironmentVariable("KIOSK_KEEP_ANSWERS_DIR"); !keep.isEmpty()) { // to read them
                    QFile out(keep + QStringLiteral("/%1-%2.json").arg(item->code).arg(card));
                    QVERIFY(out.open(QIODevice::WriteOnly));
                    out.write(query::answerBody(a));
                }
                const bool uninsured = item->department == QLatin1String("medicare") && !item->publicAccess()
                    && devices::sim::sampleCards().at(std::size_t(card)).idNumber.toStdString() == ReferencePlatform::uninsuredIdNumber();
                if (uninsured) {
                    QCOMPARE(int(a.outcome), int(query::Outcome::NoRecord));
                    QVERIFY(a.message.contains(QStringLiteral("未查询到您的医保参保记录")));
                    continue;
                }
                QCOMPARE(int(a.outcome), int(query::Outcome::Answered));
                QVERIFY2(!a.values.empty(), qPrintable(where));
                for (const auto &v : a.values)
                    QVERIFY2(!v.label.isEmpty() && !v.labelEn.isEmpty() && !v.value.isEmpty(), qPrintable(where + QStringLiteral(" ") + v.label));
                for (const auto &t : a.tables) {
                    QCOMPARE(t.columnsEn.size(), t.columns.size());
                    QVERIFY2(!t.rows.empty(), qPrintable(where + QStringLiteral(" ") + t.title));
                }
                QCOMPARE(a.title, item->name);
                QVERIFY2(reference.match(a.reference).hasMatch(), qPrintable(a.reference));
                QCOMPARE(a.issuedAt.secsTo(a.validUntil), qint64(24 * 3600));
                ++answered;
            }
        }
        QVERIFY(answered > 300);
        QCOMPARE(ReferencePlatform::uninsuredIdNumber(), devices::sim::sampleCards().at(3).idNumber.toStdString());
    }

    void everyCertificateForEveryCard()
    {
        QueryClient client(endpoint(m_platform->port()));
        for (const catalog::Item *item : itemsOf(QStringLiteral("certificate-print"))) {
            for (int card = 0; card < int(devices::sim::sampleCards().size()); ++card) {
                const QString where = item->code + QStringLiteral(" card %1").arg(card);
                const CertificateResult r = client.fetchCertificate(requestFor(item->code, card));
                QVERIFY2(r.ok(), qPrintable(where + QStringLiteral(": ") + queryFailureId(r.failure) + QStringLiteral(" ") + r.detail));
                const query::Certificate &c = *r.certificate;
                if (item->department == QLatin1String("medicare") && card == 3) {
                    QCOMPARE(int(c.outcome), int(query::Outcome::NoRecord));
                    QVERIFY(c.document.isEmpty());
                    continue;
                }
                QCOMPARE(int(c.outcome), int(query::Outcome::Answered));
                QVERIFY(c.document.startsWith("%PDF-"));
                if (const QString keep = qEnvironmentVariable("KIOSK_KEEP_PDF_DIR"); !keep.isEmpty()) { // to look at them
                    QFile out(keep + QStringLiteral("/%1-%2.pdf").arg(item->code).arg(card));
                    QVERIFY(out.open(QIODevice::WriteOnly));
                    out.write(c.document);
                }
                QCOMPARE(c.pages, records::pdfPageCount(c.document));
                // 36 monthly contributions need a second page; a minor's yearly ones do not.
                QCOMPARE(c.pages, item->code == QLatin1String("RS-0023") && card != 4 ? 2 : 1);
                QCOMPARE(c.issuedAt.daysTo(c.validUntil), qint64(30));
                QVERIFY(!c.verificationCode.isEmpty());
            }
        }
    }

    void certificateTextExtracts()
    {
        const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
        if (pdftotext.isEmpty())
            QSKIP("pdftotext (poppler-utils) is not installed");
        QueryClient client(endpoint(m_platform->port()));
        const CertificateResult r = client.fetchCertificate(requestFor(QStringLiteral("RS-0023"), 0));
        QVERIFY2(r.ok(), qPrintable(r.detail));
        const QString path = m_dir.filePath(QStringLiteral("rs0023.pdf"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(r.certificate->document);
        f.close();
        QProcess p;
        p.start(pdftotext, {QStringLiteral("-layout"), path, QStringLiteral("-")});
        QVERIFY(p.waitForFinished(20'000));
        if (qEnvironmentVariableIsSet("KIOSK_KEEP_PDF"))
            QFile::copy(path, QString::fromLocal8Bit(qgetenv("KIOSK_KEEP_PDF")));
        const QString text = QString::fromUtf8(p.readAllStandardOutput());
        for (const QString &expected : {QStringLiteral("社会保险缴费证明"), QStringLiteral("张伟"), QStringLiteral("3501**********2136"),
                                        QStringLiteral("电子印章"), r.certificate->verificationCode, r.certificate->reference,
                                        QStringLiteral("近36个月缴费明细（续）"), QStringLiteral("Page 2 of 2"), QStringLiteral("第2页")})
            QVERIFY2(text.contains(expected), qPrintable(expected + QStringLiteral(" not in:\n") + text.left(3000)));
        QVERIFY2(!text.contains(QStringLiteral("350102198503122136")), "the full ID number is printed"); // masked
    }

    void sameQuestionSameFigures()
    {
        QueryClient client(endpoint(m_platform->port()));
        const auto a = client.ask(requestFor(QStringLiteral("GJJ-0002"), 0));
        const auto b = client.ask(requestFor(QStringLiteral("GJJ-0002"), 0));
        const auto other = client.ask(requestFor(QStringLiteral("GJJ-0002"), 1));
        QVERIFY(a.ok() && b.ok() && other.ok());
        QCOMPARE(a.answer->tables.at(0).rows, b.answer->tables.at(0).rows);
        QVERIFY(a.answer->tables.at(0).rows != other.answer->tables.at(0).rows);
        QVERIFY(a.answer->reference != b.answer->reference); // a new answer, a new number
        QVERIFY(a.answer->tables.at(0).rows.size() >= 24); // 24 months and the year's interest
    }

    void socialInsuranceRecordHas36Months()
    {
        QueryClient client(endpoint(m_platform->port()));
        const auto r = client.ask(requestFor(QStringLiteral("RS-0022"), 0));
        QVERIFY(r.ok());
        QCOMPARE(r.answer->tables.at(0).rows.size(), std::size_t(36));
        QCOMPARE(r.answer->tables.at(0).columns,
                 (QStringList{QStringLiteral("年月"), QStringLiteral("缴费基数"), QStringLiteral("个人缴纳"), QStringLiteral("单位缴纳"), QStringLiteral("状态")}));
        QStringList labels;
        for (const auto &v : r.answer->values)
            labels << v.label;
        QVERIFY(labels.contains(QStringLiteral("参保状态")));
        QVERIFY(labels.contains(QStringLiteral("累计缴费月数")));
        QVERIFY(labels.contains(QStringLiteral("个人账户余额（元）")));
    }

    void departmentsAnswerInTheirOwnTerms_data()
    {
        QTest::addColumn<QString>("item");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("table");
        QTest::newRow("GJJ-0002") << "GJJ-0002" << "个人账户余额（元）" << "账户明细";
        QTest::newRow("YB-0002") << "YB-0002" << "个人账户余额（元）" << "本年消费明细";
        QTest::newRow("RS-0005") << "RS-0005" << "月养老金（元）" << "近12个月发放明细";
        QTest::newRow("RS-0067") << "RS-0067" << "月养老金（元）" << "历年调整记录";
        QTest::newRow("GJJ-0016") << "GJJ-0016" << "月还款额（元）" << "近12期还款明细";
        QTest::newRow("MZ-0002") << "MZ-0002" << "月标准（元）" << "近12个月发放记录";
        QTest::newRow("GA-0015") << "GA-0015" << "当前环节" << "办理过程";
        QTest::newRow("WJ-0005") << "WJ-0005" << "免疫规划疫苗" << "接种记录";
        QTest::newRow("SW-0010") << "SW-0010" << "契税（1%）" << "";
        QTest::newRow("JY-0005") << "JY-0005" << "查询条件" << "义务教育学区";
        QTest::newRow("YB-0018") << "YB-0018" << "政策年度" << "医保待遇政策";
    }
    void departmentsAnswerInTheirOwnTerms()
    {
        QFETCH(QString, item);
        QFETCH(QString, value);
        QFETCH(QString, table);
        QueryClient client(endpoint(m_platform->port()));
        const auto r = client.ask(requestFor(item, 1));
        QVERIFY2(r.ok(), qPrintable(r.detail));
        QStringList labels;
        for (const auto &v : r.answer->values)
            labels << v.label;
        QVERIFY2(labels.contains(value), qPrintable(labels.join(u' ')));
        if (table.isEmpty()) {
            QVERIFY(r.answer->tables.empty());
        } else {
            QVERIFY(!r.answer->tables.empty());
            QCOMPARE(r.answer->tables.at(0).title, table);
        }
    }

    void childRecords()
    {
        QueryClient client(endpoint(m_platform->port()));
        const std::string child = ReferencePlatform::sampleChildIdNumber(devices::sim::sampleCards().at(0).idNumber.toStdString());
        QCOMPARE(child.size(), std::size_t(18));
        auto own = requestFor(QStringLiteral("WJ-0005"), 0);
        own.childIdNumber = QString::fromStdString(child);
        const auto r = client.ask(own);
        QVERIFY(r.ok());
        QCOMPARE(int(r.answer->outcome), int(query::Outcome::Answered));
        QVERIFY(r.answer->values.at(0).value.startsWith(QStringLiteral("张"))); // the child, the holder's surname
        QVERIFY(r.answer->values.at(0).value != QStringLiteral("张伟"));

        auto someoneElses = requestFor(QStringLiteral("WJ-0005"), 1);
        someoneElses.childIdNumber = QString::fromStdString(child);
        const auto refused = client.ask(someoneElses);
        QVERIFY(refused.ok());
        QCOMPARE(int(refused.answer->outcome), int(query::Outcome::NotPermitted));
        QVERIFY(!refused.answer->message.isEmpty() && !refused.answer->messageEn.isEmpty());
        QVERIFY(refused.answer->values.empty() && refused.answer->tables.empty());

        // A minor has no child on record.
        QVERIFY(ReferencePlatform::sampleChildIdNumber(devices::sim::sampleCards().at(4).idNumber.toStdString()).empty());
        auto minor = requestFor(QStringLiteral("JY-0012"), 4);
        minor.childIdNumber = QString::fromStdString(child);
        QCOMPARE(int(client.ask(minor).answer->outcome), int(query::Outcome::NotPermitted));
    }

    void personalItemWithoutIdentityIs403()
    {
        QueryClient client(endpoint(m_platform->port()));
        const auto r = client.ask(requestFor(QStringLiteral("RS-0022"), -1));
        QCOMPARE(int(r.failure), int(QueryFailure::Refused));
        QCOMPARE(r.status, 403);
        QVERIFY2(r.message.contains(QStringLiteral("身份证")), qPrintable(r.message));
        const auto c = client.fetchCertificate(requestFor(QStringLiteral("GJJ-0001"), -1));
        QCOMPARE(int(c.failure), int(QueryFailure::Refused));
        QCOMPARE(c.status, 403);
    }

    void publicItemsNeedNoIdentity()
    {
        QueryClient client(endpoint(m_platform->port()));
        int publicItems = 0;
        for (const catalog::Item *item : itemsOf(QStringLiteral("record-query"))) {
            if (!item->publicAccess())
                continue;
            ++publicItems;
            auto request = requestFor(item->code, -1);
            request.queryText = QStringLiteral("鼓楼区");
            const auto r = client.ask(request);
            QVERIFY2(r.ok(), qPrintable(item->code + QStringLiteral(" ") + r.detail));
            QCOMPARE(int(r.answer->outcome), int(query::Outcome::Answered));
            QCOMPARE(r.answer->values.at(0).value, QStringLiteral("鼓楼区")); // the condition, as asked
            if (!item->name.contains(QStringLiteral("测算"))) // an estimate is figures, a lookup a list
                QVERIFY(!r.answer->tables.empty() && !r.answer->tables.at(0).rows.empty());
        }
        QVERIFY(publicItems >= 5);
    }

    void wrongFormOrUnknownItemIsRefused()
    {
        QueryClient client(endpoint(m_platform->port()));
        const auto unknown = client.ask(requestFor(QStringLiteral("ZZ-9999"), 0));
        QCOMPARE(int(unknown.failure), int(QueryFailure::Refused));
        QCOMPARE(unknown.status, 404);
        // A certificate item is not a query, and the other way round.
        QCOMPARE(client.ask(requestFor(QStringLiteral("RS-0023"), 0)).status, 404);
        QCOMPARE(client.fetchCertificate(requestFor(QStringLiteral("RS-0022"), 0)).status, 404);
    }

    void wrongKeyIsRefused()
    {
        auto e = endpoint(m_platform->port());
        e.signingKey = "not-the-key";
        QueryClient client(e);
        const auto r = client.ask(requestFor(QStringLiteral("RS-0022"), 0));
        QCOMPARE(int(r.failure), int(QueryFailure::Refused));
        QCOMPARE(r.status, 401);
        QVERIFY2(r.message.contains(QStringLiteral("signature")), qPrintable(r.message));
    }

    void slowPlatformMeetsTheDeadline()
    {
        QueryClient client(endpoint(m_platform->port()));
        QVERIFY(client.ask(requestFor(QStringLiteral("RS-0022"), 0)).ok()); // connected
        m_platform->injectFault(Fault::Latency, 1, 4000);
        QElapsedTimer t;
        t.start();
        const auto r = client.ask(requestFor(QStringLiteral("RS-0022"), 0), 700);
        const qint64 took = t.elapsed();
        QCOMPARE(int(r.failure), int(QueryFailure::Timeout));
        QVERIFY2(r.detail.contains(QStringLiteral("0.7 s")), qPrintable(r.detail));
        QVERIFY2(took >= 650 && took < 1700, qPrintable(QString::number(took)));
        QVERIFY(client.ask(requestFor(QStringLiteral("RS-0022"), 0)).ok()); // and the next one works
    }

    void slowButInTimeIsAnswered()
    {
        QueryClient client(endpoint(m_platform->port()));
        m_platform->injectFault(Fault::Latency, 1, 300);
        const auto r = client.ask(requestFor(QStringLiteral("YB-0002"), 0), 3000);
        QVERIFY2(r.ok(), qPrintable(r.detail));
    }

    void deadlineIsHeldToTheEndpoints()
    {
        auto e = endpoint(m_platform->port());
        e.timeoutMs = 500;
        QueryClient client(e);
        m_platform->injectFault(Fault::Latency, 1, 3000);
        QElapsedTimer t;
        t.start();
        const auto r = client.ask(requestFor(QStringLiteral("RS-0022"), 0), 8000);
        QCOMPARE(int(r.failure), int(QueryFailure::Timeout));
        QVERIFY2(t.elapsed() < 1500, qPrintable(QString::number(t.elapsed())));
    }

    void cancelFromAnotherThread()
    {
        QueryClient client(endpoint(m_platform->port()));
        for (const bool connected : {true, false}) {
            if (connected)
                QVERIFY(client.ask(requestFor(QStringLiteral("RS-0022"), 0)).ok());
            m_platform->injectFault(Fault::Latency, 1, 5000);
            std::thread canceller([&client] {
                std::this_thread::sleep_for(std::chrono::milliseconds(300));
                client.cancel();
            });
            QElapsedTimer t;
            t.start();
            const auto r = client.fetchCertificate(requestFor(QStringLiteral("RS-0023"), 0));
            const qint64 took = t.elapsed();
            canceller.join();
            QCOMPARE(int(r.failure), int(QueryFailure::Cancelled));
            QVERIFY2(took >= 250 && took < 1500, qPrintable(QString::number(took)));
        }
        // A cancel with nothing in progress does not touch the next call.
        client.cancel();
        QVERIFY(client.ask(requestFor(QStringLiteral("RS-0022"), 0)).ok());
    }

    void faults_data()
    {
        QTest::addColumn<int>("fault");
        QTest::addColumn<int>("failure");
        QTest::addColumn<int>("status");
        QTest::newRow("503") << int(Fault::ServerError) << int(QueryFailure::ServerError) << 503;
        QTest::newRow("429") << int(Fault::TooManyRequests) << int(QueryFailure::ServerError) << 429;
        QTest::newRow("malformed") << int(Fault::Malformed) << int(QueryFailure::Malformed) << 200;
        QTest::newRow("dropped") << int(Fault::DropConnection) << int(QueryFailure::Unreachable) << 0;
        QTest::newRow("hang") << int(Fault::Hang) << int(QueryFailure::Timeout) << 0;
    }

    void faults()
    {
        QFETCH(int, fault);
        QFETCH(int, failure);
        QFETCH(int, status);
        QueryClient client(endpoint(m_platform->port()));
        m_platform->injectFault(Fault(fault), 1, fault == int(Fault::Hang) ? 3000 : 1);
        const auto r = client.ask(requestFor(QStringLiteral("RS-0022"), 0), 800);
        QCOMPARE(queryFailureId(r.failure), queryFailureId(QueryFailure(failure)));
        QCOMPARE(r.status, status);
        QVERIFY(!r.detail.isEmpty());
        const auto c = client.fetchCertificate(requestFor(QStringLiteral("GJJ-0001"), 0));
        QVERIFY2(c.ok(), qPrintable(c.detail)); // one fault, one request
    }

    void unreachable()
    {
        std::uint16_t port = 0;
        {
            ReferencePlatform::Options o;
            o.certificateFile = m_server.certificateFile;
            o.keyFile = m_server.keyFile;
            ReferencePlatform gone(o);
            std::string error;
            QVERIFY(gone.start(&error));
            port = gone.port();
        }
        QueryClient client(endpoint(port));
        const auto r = client.ask(requestFor(QStringLiteral("RS-0022"), 0));
        QCOMPARE(int(r.failure), int(QueryFailure::Unreachable));
        QVERIFY2(r.detail.contains(QStringLiteral("not reachable")), qPrintable(r.detail));
    }
};

QTEST_MAIN(TestQueryPlatform)
#include "tst_queryplatform.moc"
