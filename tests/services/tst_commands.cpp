// SPDX-License-Identifier: GPL-3.0-or-later
// Fleet commands: the command list's parser and its refusals, the runner's order, stop and
// continue, the limits of what goes back to the server, the replay protection through the real
// bundle store (signed bundles, real OpenSSL keys, a real state folder), the diagnostics report
// masked and uploaded to a real HTTPS server on 127.0.0.1 (a DevPki certificate), and
// `kioskctl bundle sign --kind commands`.
#include "services/fleet/bundlestore.h"
#include "services/fleet/commands.h"
#include "services/fleet/diagnostics.h"
#include "services/simulation/devpki.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/StreamCopier.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <mutex>

using namespace kiosk::fleet;
using namespace kiosk::fleet::commands;
namespace fs = std::filesystem;

namespace {

/** JSON written with ' for " (readable in C++, and moc does not read raw strings well). */
QString q(const char *text)
{
    return QString::fromUtf8(text).replace(QLatin1Char('\''), QLatin1Char('"'));
}

QByteArray jb(const char *text)
{
    return q(text).toUtf8();
}

const char kExampleText[] = "{'format':1,'commands':[{'id':'c1','command':'self-test'},{'id':'c2','command':'print-test-receipt'},"
                        "{'id':'c3','command':'refetch-progress'},"
                        "{'id':'c4','command':'upload-diagnostics','url':'https://fleet.example/upload','logLines':500},"
                        "{'id':'c5','command':'set-maintenance-window','window':'02:00-04:00'},{'id':'c6','command':'restart-app'}]}";

/** A host that records what it was asked and answers as told. */
class FakeHost : public CommandHost
{
public:
    QStringList calls;
    QSet<QString> failing; ///< command ids (commandId) that fail
    QStringList extraLines; ///< added to every result
    std::optional<Window> window;

    Result answer(Command c, QStringList lines = {})
    {
        calls << commandId(c);
        return {!failing.contains(commandId(c)), lines + extraLines};
    }
    Result selfTest() override { return answer(Command::SelfTest, {QStringLiteral("printer: normal")}); }
    Result printTestReceipt() override { return answer(Command::PrintTestReceipt, {QStringLiteral("test slip printed")}); }
    Result refetchProgress() override { return answer(Command::RefetchProgress); }
    Result uploadDiagnostics(const QString &url, int logLines) override
    {
        return answer(Command::UploadDiagnostics, {QStringLiteral("%1 %2").arg(url).arg(logLines)});
    }
    Result setMaintenanceWindow(const std::optional<Window> &w) override
    {
        window = w;
        return answer(Command::SetMaintenanceWindow);
    }
    Result restartApp() override { return answer(Command::RestartApp); }
};

QByteArray listOf(const QStringList &entries)
{
    return QByteArray("{\"format\":1,\"commands\":[") + entries.join(QLatin1Char(',')).toUtf8() + "]}";
}

/** The local HTTPS server the diagnostics go to: it keeps every body it is sent. */
struct UploadServer {
    struct Shared {
        std::mutex mutex;
        std::vector<std::string> bodies;
        int status = 200;
    };
    class Handler : public Poco::Net::HTTPRequestHandler
    {
    public:
        explicit Handler(std::shared_ptr<Shared> s)
            : m_s(std::move(s))
        {
        }
        void handleRequest(Poco::Net::HTTPServerRequest &request, Poco::Net::HTTPServerResponse &response) override
        {
            std::string body;
            Poco::StreamCopier::copyToString(request.stream(), body);
            int status = 200;
            {
                std::lock_guard lock(m_s->mutex);
                if (request.getMethod() == "POST" && request.getContentType() == "application/json" && request.getURI() == "/upload?terminal=T1")
                    m_s->bodies.push_back(body);
                else
                    m_s->status = 400;
                status = m_s->status;
            }
            response.setStatus(Poco::Net::HTTPResponse::HTTPStatus(status));
            response.setContentLength(2);
            response.send() << "ok";
        }

    private:
        std::shared_ptr<Shared> m_s;
    };
    class Factory : public Poco::Net::HTTPRequestHandlerFactory
    {
    public:
        explicit Factory(std::shared_ptr<Shared> s)
            : m_s(std::move(s))
        {
        }
        Poco::Net::HTTPRequestHandler *createRequestHandler(const Poco::Net::HTTPServerRequest &) override { return new Handler(m_s); }

    private:
        std::shared_ptr<Shared> m_s;
    };

    std::shared_ptr<Shared> shared = std::make_shared<Shared>();
    std::unique_ptr<Poco::Net::HTTPServer> server;
    int port = 0;

    bool start(const std::string &certificate, const std::string &key)
    {
        Poco::Net::Context::Params params;
        params.certificateFile = certificate;
        params.privateKeyFile = key;
        params.loadDefaultCAs = false;
        params.verificationMode = Poco::Net::Context::VERIFY_NONE;
        Poco::Net::Context::Ptr ctx(new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, params));
        Poco::Net::SecureServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0), 16, ctx);
        port = socket.address().port();
        auto *p = new Poco::Net::HTTPServerParams;
        p->setMaxThreads(2);
        server = std::make_unique<Poco::Net::HTTPServer>(new Factory(shared), socket, p);
        server->start();
        return true;
    }
    ~UploadServer()
    {
        if (server)
            server->stopAll(true);
    }
    [[nodiscard]] std::vector<std::string> bodies() const
    {
        std::lock_guard lock(shared->mutex);
        return shared->bodies;
    }
};

} // namespace

class TestCommands : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::optional<bundle::PrivateKey> m_key;
    fs::path m_keysFile;
    int m_file = 0;

    QByteArray signedCommands(const QString &version, const QByteArray &json)
    {
        QString why;
        const QByteArray b = bundle::makeBundle(*m_key, bundle::Kind::Commands, version, QStringLiteral("2026-12-01T09:30:00Z"),
                                                {{QStringLiteral("commands.json"), json}}, &why);
        if (b.isEmpty())
            qWarning() << why;
        return b;
    }

    InstallResult install(BundleInstaller &installer, const std::vector<QByteArray> &bundles, ddi::Deployment *deployment = nullptr)
    {
        std::vector<StagedArtifact> staged;
        ddi::Deployment d;
        d.actionId = 9;
        ddi::Chunk chunk{.part = QStringLiteral("bundle"), .name = QStringLiteral("cmds"), .version = QStringLiteral("1"), .artifacts = {}, .metadata = {}};
        for (const QByteArray &b : bundles) {
            const fs::path p = fs::path(m_dir.path().toStdString()) / ("staged-" + std::to_string(++m_file) + ".bundle");
            QFile f(QString::fromStdString(p.string()));
            if (f.open(QIODevice::WriteOnly))
                f.write(b);
            f.close();
            staged.push_back({QStringLiteral("bundle"), chunk.name, chunk.version, QString::fromStdString(p.filename().string()), p});
            ddi::Artifact a;
            a.filename = QString::fromStdString(p.filename().string());
            a.size = b.size();
            a.sha256 = bundle::sha256Hex(b);
            chunk.artifacts.push_back(a);
        }
        d.chunks.push_back(chunk);
        if (deployment)
            *deployment = d;
        return installer.install(d, staged);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString why;
        m_key = bundle::generateKey(bundle::Algorithm::Ed25519, &why);
        QVERIFY2(m_key, qPrintable(why));
        bundle::KeySet set;
        set.keys.push_back(bundle::publicKeyOf(*m_key));
        m_keysFile = fs::path(m_dir.path().toStdString()) / "keys.json";
        QFile f(QString::fromStdString(m_keysFile.string()));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bundle::encodeKeySet(set));
    }

    void parsesTheDocumentedList()
    {
        QString why;
        const auto list = parseCommands(jb(kExampleText), &why);
        QVERIFY2(list, qPrintable(why));
        QCOMPARE(list->commands.size(), size_t(6));
        QCOMPARE(list->commands[0].command, Command::SelfTest);
        QCOMPARE(list->commands[3].url, QStringLiteral("https://fleet.example/upload"));
        QCOMPARE(list->commands[3].logLines, 500);
        QVERIFY(list->commands[4].window);
        QCOMPARE(list->commands[4].window->text(), QStringLiteral("02:00-04:00"));
        QCOMPARE(list->commands[5].command, Command::RestartApp);
        QVERIFY(!list->commands[0].continueOnFailure);
        // Defaults and the other forms.
        const auto other = parseCommands(listOf({q("{'id':'a','command':'upload-diagnostics','url':'https://h/u'}"),
                                                 q("{'id':'b','command':'set-maintenance-window','window':'none','continueOnFailure':true}")}),
                                         &why);
        QVERIFY2(other, qPrintable(why));
        QCOMPARE(other->commands[0].logLines, kDefaultLogLines);
        QVERIFY(!other->commands[1].window);
        QVERIFY(other->commands[1].continueOnFailure);
        // A scheme in mixed case is https all the same, and is kept as QUrl reads it (found by
        // fuzz_ddi: the raw "htTps://…" was kept and passed on; its input is a seed now).
        const auto mixed = parseCommands(listOf({q("{'id':'a','command':'upload-diagnostics','url':'htTps://Diag.Example/upload'}")}), &why);
        QVERIFY2(mixed, qPrintable(why));
        QCOMPARE(mixed->commands[0].url, QStringLiteral("https://diag.example/upload"));
    }

    void refusesWithTheReason_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("words");
        auto one = [](const char *entry) { return listOf({q(entry)}); };
        QStringList many;
        for (int i = 0; i <= kMaxCommands; ++i)
            many << q("{'id':'c%1','command':'self-test'}").arg(i);
        QTest::newRow("unknown command") << one("{'id':'c1','command':'format-disk'}") << QStringLiteral("\"format-disk\" is not a command this terminal knows");
        QTest::newRow("shell") << one("{'id':'c1','command':'self-test','run':'rm -rf /'}") << QStringLiteral("self-test takes no \"run\"");
        QTest::newRow("bad window") << one("{'id':'c1','command':'set-maintenance-window','window':'25:00-04:00'}") << QStringLiteral("is not HH:MM-HH:MM");
        QTest::newRow("window 2-4") << one("{'id':'c1','command':'set-maintenance-window','window':'2:00-4:00'}") << QStringLiteral("is not HH:MM-HH:MM");
        QTest::newRow("empty window") << one("{'id':'c1','command':'set-maintenance-window','window':'02:00-02:00'}") << QStringLiteral("starts where it ends");
        QTest::newRow("no window") << one("{'id':'c1','command':'set-maintenance-window'}") << QStringLiteral("\"HH:MM-HH:MM\" or \"none\"");
        QTest::newRow("http url") << one("{'id':'c1','command':'upload-diagnostics','url':'http://fleet.example/upload'}") << QStringLiteral("needs an https:// URL");
        QTest::newRow("url with password") << one("{'id':'c1','command':'upload-diagnostics','url':'https://u:p@fleet.example/upload'}")
                                           << QStringLiteral("no user or password");
        QTest::newRow("no url") << one("{'id':'c1','command':'upload-diagnostics'}") << QStringLiteral("needs an https:// URL");
        QTest::newRow("log lines 0") << one("{'id':'c1','command':'upload-diagnostics','url':'https://h/u','logLines':0}") << QStringLiteral("logLines must be");
        QTest::newRow("log lines huge") << one("{'id':'c1','command':'upload-diagnostics','url':'https://h/u','logLines':1e6}") << QStringLiteral("logLines must be");
        QTest::newRow("too many") << listOf(many) << QStringLiteral("lists 17 commands; at most 16");
        QTest::newRow("none") << listOf({}) << QStringLiteral("lists no command");
        QTest::newRow("restart not last") << listOf({q("{'id':'r','command':'restart-app'}"), q("{'id':'s','command':'self-test'}")})
                                          << QStringLiteral("restart-app must be the last command");
        QTest::newRow("two restarts") << listOf({q("{'id':'r','command':'restart-app'}"), q("{'id':'s','command':'restart-app'}")})
                                      << QStringLiteral("restart-app must be the last command");
        QTest::newRow("id twice") << listOf({q("{'id':'a','command':'self-test'}"), q("{'id':'a','command':'self-test'}")})
                                  << QStringLiteral("the id \"a\" is used twice");
        QTest::newRow("bad id") << one("{'id':'a b','command':'self-test'}") << QStringLiteral("has no id");
        QTest::newRow("continue not bool") << one("{'id':'a','command':'self-test','continueOnFailure':'yes'}") << QStringLiteral("true or false");
        QTest::newRow("format 2") << jb("{'format':2,'commands':[{'id':'a','command':'self-test'}]}") << QStringLiteral("format is not 1");
        QTest::newRow("unknown top key") << jb("{'format':1,'commands':[],'script':'x'}") << QStringLiteral("unknown key \"script\"");
        QTest::newRow("not json") << QByteArray("commands: self-test") << QStringLiteral("not a JSON object");
        QTest::newRow("too large") << QByteArray(kMaxJsonBytes + 1, ' ') << QStringLiteral("larger than 64 KB");
    }

    void refusesWithTheReason()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, words);
        QString why;
        QVERIFY(!parseCommands(json, &why));
        QVERIFY2(why.contains(words), qPrintable(why));
    }

    void windows()
    {
        const auto night = parseWindow(QStringLiteral("02:00-04:00"));
        QVERIFY(night);
        QVERIFY(night->contains(QTime(2, 0)));
        QVERIFY(night->contains(QTime(3, 59)));
        QVERIFY(!night->contains(QTime(4, 0)));
        QVERIFY(!night->contains(QTime(1, 59)));
        const auto wrap = parseWindow(QStringLiteral("22:30-01:00"));
        QVERIFY(wrap);
        QVERIFY(wrap->contains(QTime(23, 0)));
        QVERIFY(wrap->contains(QTime(0, 30)));
        QVERIFY(!wrap->contains(QTime(1, 0)));
        QVERIFY(!wrap->contains(QTime(12, 0)));
        QCOMPARE(wrap->text(), QStringLiteral("22:30-01:00"));
    }

    void runsInOrderAndStopsAtTheFirstFailure()
    {
        const auto list = parseCommands(jb(kExampleText));
        QVERIFY(list);
        FakeHost host;
        CommandRunner runner(&host);
        InstallResult r = runner.run(*list);
        QVERIFY2(r.ok, qPrintable(r.reason));
        QCOMPARE(host.calls, (QStringList{QStringLiteral("self-test"), QStringLiteral("print-test-receipt"), QStringLiteral("refetch-progress"),
                                          QStringLiteral("upload-diagnostics"), QStringLiteral("set-maintenance-window"), QStringLiteral("restart-app")}));
        QCOMPARE(r.reason, QStringLiteral("ran 6 command(s), all ok"));
        QVERIFY(r.details.contains(QStringLiteral("c1 self-test: ok")));
        QVERIFY(r.details.contains(QStringLiteral("  printer: normal")));
        QVERIFY(r.details.contains(QStringLiteral("  https://fleet.example/upload 500")));
        QCOMPARE(host.window->text(), QStringLiteral("02:00-04:00"));

        // The printer fails: the rest is not run, restart-app above all.
        FakeHost stopped;
        stopped.failing << QStringLiteral("print-test-receipt");
        CommandRunner second(&stopped);
        r = second.run(*list);
        QVERIFY(!r.ok);
        QCOMPARE(stopped.calls, (QStringList{QStringLiteral("self-test"), QStringLiteral("print-test-receipt")}));
        QCOMPARE(r.reason, QStringLiteral("1 of 6 command(s) ok; failed: c2 (print-test-receipt): test slip printed"));
        QVERIFY(r.details.contains(QStringLiteral("c2 print-test-receipt: failed")));
        QVERIFY2(r.details.constLast() == QStringLiteral("not run (an earlier command failed): c3, c4, c5, c6"), qPrintable(r.details.join(QLatin1Char('\n'))));
    }

    void continuesWhenTheCommandSaysSo()
    {
        const auto list = parseCommands(listOf({q("{'id':'a','command':'self-test','continueOnFailure':true}"),
                                                q("{'id':'b','command':'refetch-progress'}"),
                                                q("{'id':'c','command':'restart-app'}")}));
        QVERIFY(list);
        FakeHost host;
        host.failing << QStringLiteral("self-test");
        CommandRunner runner(&host);
        const InstallResult r = runner.run(*list);
        QCOMPARE(host.calls, (QStringList{QStringLiteral("self-test"), QStringLiteral("refetch-progress"), QStringLiteral("restart-app")}));
        QVERIFY(!r.ok); // a failure is reported even when the list went on
        QVERIFY2(r.reason.startsWith(QLatin1String("2 of 3 command(s) ok; failed: a (self-test)")), qPrintable(r.reason));
    }

    void detailsAreBoundedAndMasked()
    {
        QStringList entries;
        for (int i = 0; i < kMaxCommands; ++i)
            entries << q("{'id':'c%1','command':'self-test'}").arg(i);
        const auto list = parseCommands(listOf(entries));
        QVERIFY(list);
        FakeHost host;
        for (int i = 0; i < 20; ++i)
            host.extraLines << QStringLiteral("line %1 reader saw 350102199001011234, call 13812345678 ").arg(i) + QString(700, QLatin1Char('x'));
        CommandRunner runner(&host);
        const InstallResult r = runner.run(*list);
        QCOMPARE(int(host.calls.size()), kMaxCommands);
        QCOMPARE(int(r.details.size()), kMaxDetailLines);
        QVERIFY(kMaxDetailLines + 1 <= ddi::kMaxDetails); // with the reason, hawkBit takes it
        QVERIFY2(r.details.constLast().contains(QLatin1String("more lines not sent")), qPrintable(r.details.constLast()));
        QVERIFY(r.details.contains(QStringLiteral("  (9 more lines not sent)"))); // 20 lines + 1, 12 kept per command
        for (const QString &d : r.details) {
            QVERIFY2(d.size() <= kMaxLineLength, qPrintable(QString::number(d.size())));
            QVERIFY2(!d.contains(QLatin1String("350102199001011234")) && !d.contains(QLatin1String("13812345678")), qPrintable(d));
        }
        QVERIFY(r.details.join(QLatin1Char('\n')).contains(QLatin1String("3501**********1234")));
    }

    void aCommandsBundleRunsOnceAndNeverAgain()
    {
        const fs::path state = fs::path(m_dir.path().toStdString()) / "replay";
        BundleStore store(BundleStore::Options{.stateDir = state, .trustedKeysFile = m_keysFile});
        QVERIFY(store.open());
        FakeHost host;
        CommandRunner runner(&host);
        BundleInstaller installer(&store, {});
        const QByteArray json = listOf({q("{'id':'c1','command':'self-test'}")});
        const QByteArray v3 = signedCommands(QStringLiteral("3"), json);

        // Without a runner: refused, nothing recorded.
        ddi::Deployment d;
        InstallResult r = install(installer, {v3}, &d);
        QVERIFY(!r.ok);
        QVERIFY2(r.reason.contains(QLatin1String("runs no fleet commands")), qPrintable(r.reason));
        QVERIFY(store.state(bundle::Kind::Commands).highest.isEmpty());
        QVERIFY(!installer.tookEffect(d));

        installer.setCommandRunner(&runner);
        r = install(installer, {v3}, &d);
        QVERIFY2(r.ok, qPrintable(r.reason));
        QCOMPARE(r.reason, QStringLiteral("commands 3: ran 1 command(s), all ok"));
        QCOMPARE(host.calls, QStringList{QStringLiteral("self-test")});
        QCOMPARE(store.state(bundle::Kind::Commands).highest, QStringLiteral("3"));
        QVERIFY(store.state(bundle::Kind::Commands).current.isEmpty());
        QVERIFY(!fs::exists(state / "bundles" / "commands")); // nothing swapped in
        QVERIFY(installer.tookEffect(d)); // a restart in the middle: they were run, not again

        // The same bundle again, one signed before it, and after a restart (a new store): refused.
        const QByteArray v2 = signedCommands(QStringLiteral("2.9"), json);
        for (const QByteArray &again : {v3, v2}) {
            r = install(installer, {again});
            QVERIFY(!r.ok);
            QVERIFY2(r.reason.contains(QLatin1String("already run here")), qPrintable(r.reason));
        }
        BundleStore reopened(BundleStore::Options{.stateDir = state, .trustedKeysFile = m_keysFile});
        QVERIFY(reopened.open());
        BundleInstaller afterRestart(&reopened, {});
        afterRestart.setCommandRunner(&runner);
        r = install(afterRestart, {v3});
        QVERIFY2(!r.ok && r.reason.contains(QLatin1String("commands 3 are not newer than 3, already run here")), qPrintable(r.reason));
        QCOMPARE(host.calls.size(), 1);

        // A higher version runs; a commands bundle does not travel with another bundle; a bad list is refused before anything.
        r = install(afterRestart, {signedCommands(QStringLiteral("4"), json)});
        QVERIFY2(r.ok, qPrintable(r.reason));
        QCOMPARE(host.calls.size(), 2);
        r = install(afterRestart, {signedCommands(QStringLiteral("5"), json), signedCommands(QStringLiteral("6"), json)});
        QVERIFY(!r.ok);
        QVERIFY2(r.reason.contains(QLatin1String("the deployment carries two commands bundles")) || r.reason.contains(QLatin1String("travels alone")),
                 qPrintable(r.reason));
        r = install(afterRestart, {signedCommands(QStringLiteral("7"), listOf({q("{'id':'x','command':'reboot'}")}))});
        QVERIFY2(!r.ok && r.reason.contains(QLatin1String("commands 7 refused: the command list is not valid")), qPrintable(r.reason));
        QCOMPARE(host.calls.size(), 2);
        QCOMPARE(reopened.state(bundle::Kind::Commands).highest, QStringLiteral("4"));
        // Tampered after signing: the signature check comes first, as for any bundle.
        QByteArray tampered = signedCommands(QStringLiteral("8"), json);
        tampered.replace("self-test", "self-tesT");
        r = install(afterRestart, {tampered});
        QVERIFY2(!r.ok && r.reason.contains(QLatin1String("SHA-256")), qPrintable(r.reason));
        QCOMPARE(host.calls.size(), 2);
    }

    void lastLinesOfALargeFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("big.log"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        for (int i = 1; i <= 20000; ++i)
            f.write(QByteArray("line ") + QByteArray::number(i) + " of the kiosk log, padded to be long enough to need a second read\n");
        f.close();
        const QStringList last = diagnostics::lastLinesOfFile(path, 1500);
        QCOMPARE(last.size(), 1500);
        QVERIFY(last.front().startsWith(QLatin1String("line 18501 ")));
        QVERIFY(last.back().startsWith(QLatin1String("line 20000 ")));
        QCOMPARE(diagnostics::lastLinesOfFile(path, 1).size(), 1);
        QString why;
        QVERIFY(diagnostics::lastLinesOfFile(m_dir.filePath(QStringLiteral("none.log")), 5, &why).isEmpty());
        QVERIFY(!why.isEmpty());
    }

    void diagnosticsAreMaskedAndUploadedOverHttps()
    {
        std::string error;
        const std::string dir = m_dir.filePath(QStringLiteral("pki")).toStdString();
        auto pki = kiosk::simulation::DevPki::open(dir, "diag", &error);
        QVERIFY2(pki, error.c_str());
        auto cert = pki->issue("upload", {.commonName = "127.0.0.1"}, &error);
        QVERIFY2(cert, error.c_str());
        UploadServer server;
        QVERIFY(server.start(cert->certificateFile, cert->keyFile));

        const QString log = m_dir.filePath(QStringLiteral("kiosk.log"));
        {
            QFile f(log);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("old line that is not asked for\n");
            f.write("session started\n");
            f.write("card read: 张三 350102199001011234, phone 13812345678\n");
            f.write("queue: request r-17 delivered\n");
        }
        diagnostics::Options o;
        o.caFile = pki->caFile();
        o.journalUnit.clear(); // deterministic: the file, not this machine's journal
        o.logFile = log;
        auto provider = [] {
            return diagnostics::Report{{QStringLiteral("terminalId"), QStringLiteral("T1")},
                                       {QStringLiteral("printer.status"), QStringLiteral("1")},
                                       {QStringLiteral("fleet.lastPollResult"), QStringLiteral("ok; the last visitor was 35010219900101123X")}};
        };
        const QString url = QStringLiteral("https://127.0.0.1:%1/upload?terminal=T1").arg(server.port);
        const Result r = diagnostics::uploadDiagnostics(url, 3, provider, o);
        QVERIFY2(r.ok, qPrintable(r.lines.join(QStringLiteral(" / "))));
        QVERIFY2(r.lines.join(QLatin1Char(' ')).contains(QLatin1String("3 report values and 3 log lines (file)")), qPrintable(r.lines.join(QLatin1Char(' '))));
        const auto bodies = server.bodies();
        QCOMPARE(bodies.size(), size_t(1));
        const QByteArray body = QByteArray::fromStdString(bodies.front());
        QVERIFY2(!body.contains("350102199001011234") && !body.contains("35010219900101123X") && !body.contains("13812345678"), body.constData());
        const QJsonObject o2 = QJsonDocument::fromJson(body).object();
        QCOMPARE(o2.value(QLatin1String("report")).toObject().value(QLatin1String("terminalId")).toString(), QStringLiteral("T1"));
        const QJsonArray lines = o2.value(QLatin1String("log")).toArray();
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[0].toString(), QStringLiteral("session started"));
        QVERIFY2(lines[1].toString().contains(QLatin1String("3501**********1234")), qPrintable(lines[1].toString()));
        QCOMPARE(o2.value(QLatin1String("logSource")).toString(), QStringLiteral("file"));

        // A server whose certificate the fleet CA did not sign: nothing is sent.
        auto stranger = kiosk::simulation::DevPki::selfSigned(dir, "stranger", {.commonName = "127.0.0.1"}, &error);
        QVERIFY2(stranger, error.c_str());
        UploadServer other;
        QVERIFY(other.start(stranger->certificateFile, stranger->keyFile));
        const Result refused = diagnostics::uploadDiagnostics(QStringLiteral("https://127.0.0.1:%1/upload?terminal=T1").arg(other.port), 3, provider, o);
        QVERIFY(!refused.ok);
        QVERIFY2(refused.lines.join(QLatin1Char(' ')).contains(QLatin1String("the upload failed")), qPrintable(refused.lines.join(QLatin1Char(' '))));
        QVERIFY(other.bodies().empty());
        // The server refuses: the command fails with the status.
        server.shared->status = 503;
        const Result busy = diagnostics::uploadDiagnostics(url, 3, provider, o);
        QVERIFY(!busy.ok);
        QVERIFY2(busy.lines.join(QLatin1Char(' ')).contains(QLatin1String("HTTP 503")), qPrintable(busy.lines.join(QLatin1Char(' '))));
    }

    void kioskctlSignsOnlyValidCommandLists()
    {
        const QString keyFile = m_dir.filePath(QStringLiteral("signer.pem"));
        {
            QFile f(keyFile);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bundle::privateKeyPem(*m_key));
        }
        auto sign = [&](const QByteArray &json, const QString &out, QString *stderrText) {
            const QString in = m_dir.filePath(QStringLiteral("in-%1.json").arg(++m_file));
            QFile f(in);
            if (f.open(QIODevice::WriteOnly))
                f.write(json);
            f.close();
            QProcess p;
            p.start(QStringLiteral(KIOSKCTL_PATH), {QStringLiteral("bundle"), QStringLiteral("sign"), QStringLiteral("--key"), keyFile,
                                                    QStringLiteral("--kind"), QStringLiteral("commands"), QStringLiteral("--version"),
                                                    QStringLiteral("10"), QStringLiteral("--out"), out, in});
            p.waitForFinished(30000);
            *stderrText = QString::fromUtf8(p.readAllStandardError());
            return p.exitCode();
        };
        QString err;
        const QString good = m_dir.filePath(QStringLiteral("commands-10.bundle"));
        QCOMPARE(sign(jb(kExampleText), good, &err), 0);
        QFile f(good);
        QVERIFY(f.open(QIODevice::ReadOnly));
        bundle::KeySet set;
        set.keys.push_back(bundle::publicKeyOf(*m_key));
        QString why;
        const auto b = bundle::verify(f.readAll(), set, &why);
        QVERIFY2(b, qPrintable(why));
        QCOMPARE(b->manifest.kind, bundle::Kind::Commands);
        QCOMPARE(b->files.front().name, QStringLiteral("commands.json"));
        const QString bad = m_dir.filePath(QStringLiteral("bad.bundle"));
        QCOMPARE(sign(listOf({q("{'id':'c1','command':'upload-diagnostics','url':'http://x/u'}")}), bad, &err), 1);
        QVERIFY2(err.contains(QLatin1String("not signed: the command list is not valid")) && err.contains(QLatin1String("https://")), qPrintable(err));
        QVERIFY(!QFile::exists(bad));
    }
};

QTEST_GUILESS_MAIN(TestCommands)
#include "tst_commands.moc"
