// SPDX-License-Identifier: GPL-3.0-or-later
// The loopback DDI server against a hawkBit client that is not ours: SWUpdate's suricatta
// (Debian 12's `swupdate` package). The test builds a small signed SWU image (a cpio newc
// archive: sw-description, its CMS signature, one file for the `rawfile` handler), assigns it as
// a deployment, runs swupdate with suricatta on 127.0.0.1 until the action is closed, and checks
// what the server saw: polls with the target token, the deployment fetched, the artifact
// downloaded, configData and the feedback statuses accepted as the server parses them — and the
// file swupdate installed from the artifact.
#include "services/simulation/ddiserver.h"
#include "services/simulation/devpki.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <functional>
#include <sys/types.h>
#include <unistd.h>

using namespace kiosk;
using simulation::DdiServer;

namespace {

const std::string kToken = "9c2e4a6b8d0f1e3c5a7b9d1f3e5c7a90";
const std::string kController = "T-350102-0042";

/** One entry of a cpio "newc" archive (what SWUpdate reads: the header, name and data padded to 4). */
void cpioEntry(QByteArray &out, const QByteArray &name, const QByteArray &data, unsigned ino)
{
    const auto hex = [](quint32 v) { return QByteArray::number(v, 16).rightJustified(8, '0'); };
    out += "070701";
    out += hex(ino); // c_ino
    out += hex(name == "TRAILER!!!" ? 0 : 0100644); // c_mode: a regular file
    out += hex(0) + hex(0); // uid, gid
    out += hex(1); // nlink
    out += hex(0); // mtime
    out += hex(quint32(data.size()));
    out += hex(0) + hex(0) + hex(0) + hex(0); // dev and rdev, major and minor
    out += hex(quint32(name.size() + 1));
    out += hex(0); // check
    out += name;
    out += '\0';
    while (out.size() % 4)
        out += '\0';
    out += data;
    while (out.size() % 4)
        out += '\0';
}

int run(const QString &program, const QStringList &args, QByteArray *output)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForFinished(20000)) {
        p.kill();
        p.waitForFinished(2000);
        return -1;
    }
    if (output)
        *output = p.readAll();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

} // namespace

class TestDdiInterop : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_swupdate, m_openssl;
    std::optional<simulation::DevPki> m_pki;
    std::string m_cert, m_key;
    QString m_signerCert, m_signerKey;

    /** A signed SWU that installs @p payload as @p target with SWUpdate's rawfile handler. */
    QByteArray swu(const QByteArray &payload, const QString &target)
    {
        const QByteArray sha256 = QCryptographicHash::hash(payload, QCryptographicHash::Sha256).toHex();
        const QByteArray description = "software =\n{\n\tversion = \"2026.12.1\";\n\tdescription = \"kiosk DDI interop test\";\n"
                                       "\thardware-compatibility: [ \"1.0\" ];\n"
                                       "\tfiles: (\n\t\t{\n\t\t\tfilename = \"kiosk-interop.txt\";\n\t\t\tpath = \""
            + target.toUtf8() + "\";\n\t\t\tsha256 = \"" + sha256 + "\";\n\t\t}\n\t);\n}\n";
        const QString descFile = m_dir.filePath(QStringLiteral("sw-description"));
        const QString sigFile = m_dir.filePath(QStringLiteral("sw-description.sig"));
        QFile f(descFile);
        if (!f.open(QIODevice::WriteOnly) || f.write(description) != description.size())
            return {};
        f.close();
        QByteArray out;
        if (run(m_openssl, {QStringLiteral("cms"), QStringLiteral("-sign"), QStringLiteral("-in"), descFile, QStringLiteral("-out"), sigFile,
                            QStringLiteral("-signer"), m_signerCert, QStringLiteral("-inkey"), m_signerKey, QStringLiteral("-outform"),
                            QStringLiteral("DER"), QStringLiteral("-nosmimecap"), QStringLiteral("-binary")},
                &out)
            != 0) {
            qWarning("openssl cms -sign: %s", out.constData());
            return {};
        }
        QFile s(sigFile);
        if (!s.open(QIODevice::ReadOnly))
            return {};
        QByteArray archive;
        cpioEntry(archive, "sw-description", description, 1);
        cpioEntry(archive, "sw-description.sig", s.readAll(), 2);
        cpioEntry(archive, "kiosk-interop.txt", payload, 3);
        cpioEntry(archive, "TRAILER!!!", {}, 0);
        return archive;
    }

    /**
     * Runs swupdate with suricatta on @p config until @p done (asked between reads of its output)
     * or @p timeoutMs, then stops it and the processes it forked (its own process group). Returns
     * its output.
     */
    QByteArray suricatta(const QString &config, const QStringList &suricattaArgs, const QString &tmp,
                         const std::function<bool(const QByteArray &)> &done, int timeoutMs)
    {
        QProcess sw;
        sw.setProcessChannelMode(QProcess::MergedChannels);
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TMPDIR"), tmp); // its sockets and scratch files
        sw.setProcessEnvironment(env);
        sw.setChildProcessModifier([] { ::setpgid(0, 0); });
        const QString uArgs = (QStringList{QStringLiteral("-t"), QStringLiteral("DEFAULT"), QStringLiteral("-i"), QString::fromStdString(kController)}
                               + suricattaArgs)
                                  .join(QLatin1Char(' '));
        sw.start(m_swupdate, {QStringLiteral("-v"), QStringLiteral("-f"), config, QStringLiteral("-k"), m_signerCert, QStringLiteral("-H"),
                              QStringLiteral("kiosk-terminal:1.0"), QStringLiteral("-u"), uArgs});
        QByteArray log;
        if (!sw.waitForStarted(5000))
            return "swupdate did not start: " + sw.errorString().toUtf8();
        QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired() && sw.state() == QProcess::Running && !done(log)) {
            sw.waitForReadyRead(100);
            log += sw.readAll();
        }
        if (sw.state() == QProcess::Running) {
            const pid_t group = pid_t(sw.processId());
            ::kill(-group, SIGTERM);
            if (!sw.waitForFinished(5000)) {
                ::kill(-group, SIGKILL);
                sw.waitForFinished(2000);
            }
        }
        return log + sw.readAll();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_swupdate = QStandardPaths::findExecutable(QStringLiteral("swupdate"));
        m_openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
        QVERIFY2(!m_swupdate.isEmpty(), "swupdate is not installed: run scripts/setup (packaging/build-deps.txt lists it)");
        QVERIFY2(!m_openssl.isEmpty(), "openssl is not installed: run scripts/setup (packaging/build-deps.txt lists it)");
        std::string error;
        m_pki = simulation::DevPki::open(m_dir.filePath(QStringLiteral("pki")).toStdString(), "fleet", &error);
        QVERIFY2(m_pki, error.c_str());
        const auto cert = m_pki->issue("fleet", {.commonName = "127.0.0.1"}, &error);
        QVERIFY2(cert, error.c_str());
        m_cert = cert->certificateFile;
        m_key = cert->keyFile;
        // SWUpdate (Debian's build) accepts only signed images: a self-signed signer for S/MIME
        // (SWUpdate's default certificate purpose), given to swupdate with -k as its trust anchor.
        m_signerCert = m_dir.filePath(QStringLiteral("signer.pem"));
        m_signerKey = m_dir.filePath(QStringLiteral("signer.key"));
        QByteArray out;
        QVERIFY2(run(m_openssl,
                     {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                      QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"), QStringLiteral("-subj"),
                      QStringLiteral("/CN=kiosk interop test signer"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-addext"),
                      QStringLiteral("extendedKeyUsage=emailProtection"), QStringLiteral("-keyout"), m_signerKey, QStringLiteral("-out"), m_signerCert},
                     &out)
                     == 0,
                 out.constData());
    }

    void suricattaInstallsADeployment()
    {
        DdiServer::Options o;
        o.certificateFile = m_cert;
        o.keyFile = m_key;
        o.targetToken = kToken;
        o.sleep = "00:00:01";
        DdiServer server(o);
        std::string error;
        QVERIFY2(server.start(&error), error.c_str());
        server.requestConfigData(kController);

        const QString installDir = m_dir.filePath(QStringLiteral("installed"));
        QVERIFY(QDir().mkpath(installDir));
        const QString target = installDir + QStringLiteral("/kiosk-interop.txt");
        QByteArray payload;
        for (int i = 0; i < 4000; ++i)
            payload += "catalog line " + QByteArray::number(i) + '\n';
        const QByteArray image = swu(payload, target);
        QVERIFY(!image.isEmpty());

        DdiServer::Assignment a;
        DdiServer::Chunk c;
        c.part = "os";
        c.name = "kiosk-catalog";
        c.version = "2026.12.1";
        c.artifacts.push_back({"kiosk-2026.12.1.swu", image.toStdString(), false});
        a.chunks.push_back(c);
        const int action = server.assign(kController, a);

        const QString tmp = m_dir.filePath(QStringLiteral("swupdate-tmp"));
        QVERIFY(QDir().mkpath(tmp));
        const QString config = m_dir.filePath(QStringLiteral("swupdate.cfg"));
        {
            QFile f(config);
            QVERIFY(f.open(QIODevice::WriteOnly));
            const QByteArray cfg = "globals :\n{\n\tverbose = true;\n\tloglevel = 6;\n};\n"
                                   "suricatta :\n{\n\ttenant = \"DEFAULT\";\n\tid = \""
                + QByteArray::fromStdString(kController) + "\";\n\turl = \"https://127.0.0.1:" + QByteArray::number(server.port())
                + "\";\n\tcafile = \"" + QByteArray::fromStdString(m_pki->caFile()) + "\";\n\ttargettoken = \"" + QByteArray::fromStdString(kToken)
                + "\";\n\tpolldelay = 1;\n\tretry = 2;\n\tretrywait = 1;\n\tconnection-timeout = 5;\n};\n"
                  "identify : (\n\t{ name = \"model\"; value = \"KT-2000\"; },\n\t{ name = \"softwareVersion\"; value = \"0.1.0\"; }\n);\n";
            QVERIFY(f.write(cfg) == cfg.size());
        }

        // 1. A wrong token: refused (401), nothing counted as a poll.
        const QString wrongConfig = m_dir.filePath(QStringLiteral("swupdate-wrong.cfg"));
        {
            QFile in(config), out(wrongConfig);
            QVERIFY(in.open(QIODevice::ReadOnly) && out.open(QIODevice::WriteOnly));
            out.write(in.readAll().replace(QByteArray::fromStdString(kToken), "not-the-token"));
        }
        const QByteArray refused = "HTTP error code 401";
        QByteArray log = suricatta(wrongConfig, {}, tmp, [&](const QByteArray &l) { return l.contains(refused); }, 10000);
        QVERIFY2(log.contains(refused), log.right(3000).constData());
        QCOMPARE(server.polls(kController), 0);
        QCOMPARE(server.configDataPuts(kController), 0);

        // 2. The deployment: polled, configData sent, deploymentBase fetched, artifact downloaded
        // and installed; suricatta then says "proceeding" and waits for a restart (as after a
        // reboot into the new system) to report the result.
        log = suricatta(config, {}, tmp, [&](const QByteArray &) {
            const auto f = server.feedback(kController);
            return !f.empty() && f.back().details == std::vector<std::string>{"All Chunks Installed."};
        }, 25000);
        QVERIFY(server.polls(kController) >= 1);
        QCOMPARE(server.actionState(action), std::string("running"));
        QCOMPARE(server.configDataPuts(kController), 1);
        QCOMPARE(server.configData(kController), (std::map<std::string, std::string>{{"model", "KT-2000"}, {"softwareVersion", "0.1.0"}}));
        // What suricatta fetched (its log names each URL it used): deploymentBase by the link's
        // href, cache-buster included (the server answers 404 to any other `c`), then the
        // artifact over the HTTPS link, whole.
        QVERIFY2(log.contains("/deploymentBase/" + QByteArray::number(action) + "?c="), log.right(3000).constData());
        const QByteArray https = "https://127.0.0.1:" + QByteArray::number(server.port()) + "/DEFAULT/controller/v1/"
            + QByteArray::fromStdString(kController) + "/softwaremodules/1/artifacts/kiosk-2026.12.1.swu";
        QVERIFY2(log.contains(https), log.right(3000).constData());
        QCOMPARE(server.artifactRequests(), 1);
        QCOMPARE(server.rangeHeaders(), std::vector<std::string>{""});
        QFile installed(target);
        QVERIFY(installed.open(QIODevice::ReadOnly));
        QVERIFY(installed.readAll() == payload);

        // 3. swupdate "after the reboot", confirming success (-c 2): the action closes.
        log = suricatta(config, {QStringLiteral("-c"), QStringLiteral("2")}, tmp, [&](const QByteArray &) { return server.actionState(action) != "running"; },
                        20000);
        QCOMPARE(server.actionState(action), std::string("finished"));

        // The statuses as the server parsed them: "proceeding" with progress while installing,
        // then closed/success.
        const auto feedback = server.feedback(kController);
        QVERIFY(feedback.size() >= 3);
        QStringList trail;
        for (const auto &f : feedback) {
            QCOMPARE(f.actionId, action);
            QVERIFY(!f.cancelAction);
            trail << QString::fromStdString(f.execution + "/" + f.finished);
        }
        QCOMPARE(trail.back(), QStringLiteral("closed/success"));
        QCOMPARE(trail.count(QStringLiteral("proceeding/none")), trail.size() - 1);
        QCOMPARE(feedback.front().details, std::vector<std::string>{"Installing Update Chunk Artifacts."});
        QCOMPARE(feedback.front().cnt, 0);
        QCOMPARE(feedback.front().of, 1);
        const auto &installedStatus = feedback[feedback.size() - 2];
        QCOMPARE(installedStatus.details, std::vector<std::string>{"All Chunks Installed."});
        QCOMPARE(installedStatus.cnt, 1);
        QCOMPARE(installedStatus.of, 1);
        QCOMPARE(feedback.back().details, std::vector<std::string>{"Update Installed."});
    }
};

QTEST_GUILESS_MAIN(TestDdiInterop)
#include "tst_ddiinterop.moc"
