// SPDX-License-Identifier: GPL-3.0-or-later
// Enrolment (services/fleet/enrolment.h): the file and its checks, the QR text and the one-time
// code, the store on disk (modes, a damaged store), and, against the loopback fleet server on
// 127.0.0.1 with a test CA, the probe (accepted, wrong token, wrong CA, nobody listening) and the
// fetch of a code's file (the right one, a changed one, a used one).
#include "services/fleet/bundle.h"
#include "services/fleet/enrolment.h"
#include "services/simulation/ddiserver.h"
#include "services/simulation/devpki.h"

#include <QFile>
#include <QProcess>
#include <QJsonDocument>
#include <QJsonObject>
#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <sys/stat.h>

using namespace kiosk::fleet;
namespace fs = std::filesystem;

namespace {

QByteArray readAll(const std::string &path)
{
    QFile f(QString::fromStdString(path));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

int modeOf(const fs::path &p)
{
    struct stat st{};
    return ::stat(p.c_str(), &st) == 0 ? int(st.st_mode & 0777) : -1;
}

} // namespace

class TestEnrolment : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::optional<kiosk::simulation::DevPki> m_pki;
    std::optional<kiosk::simulation::DevPki> m_otherPki;
    std::optional<kiosk::simulation::DevPki::Issued> m_cert;
    QByteArray m_keySet;
    const QString m_token = QStringLiteral("a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6");

    enrolment::Enrolment sample(const QString &server = QStringLiteral("https://fleet.example/DEFAULT/controller/v1/")) const
    {
        enrolment::Enrolment e;
        e.server = server;
        e.controllerId = QStringLiteral("PT-0012");
        e.caPem = readAll(m_pki->caFile());
        e.targetToken = m_token;
        e.keySet = m_keySet;
        e.reference = QStringLiteral("莆田 荔城 0012");
        return e;
    }

    /** The loopback fleet server with the test CA's certificate, expecting m_token; null (and a warning) if it cannot start. */
    std::unique_ptr<kiosk::simulation::DdiServer> startServer() const
    {
        kiosk::simulation::DdiServer::Options so;
        so.certificateFile = m_cert->certificateFile;
        so.keyFile = m_cert->keyFile;
        so.targetToken = m_token.toStdString();
        so.maxThreads = 2;
        auto server = std::make_unique<kiosk::simulation::DdiServer>(so);
        std::string error;
        if (!server->start(&error)) {
            qWarning("the loopback fleet server did not start: %s", error.c_str());
            return nullptr;
        }
        return server;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        std::string error;
        m_pki = kiosk::simulation::DevPki::open(m_dir.filePath(QStringLiteral("pki")).toStdString(), "fleet", &error);
        QVERIFY2(m_pki, error.c_str());
        m_otherPki = kiosk::simulation::DevPki::open(m_dir.filePath(QStringLiteral("other")).toStdString(), "other", &error);
        QVERIFY2(m_otherPki, error.c_str());
        m_cert = m_pki->issue("ddi", {.commonName = "127.0.0.1"}, &error);
        QVERIFY2(m_cert, error.c_str());
        QString why;
        const auto key = bundle::generateKey(bundle::Algorithm::Ed25519, &why);
        QVERIFY2(key, qPrintable(why));
        bundle::KeySet set;
        set.keys.push_back(bundle::publicKeyOf(*key));
        m_keySet = bundle::encodeKeySet(set);
    }

    void roundTripsThroughFileAndQr()
    {
        const QByteArray file = enrolment::encode(sample());
        QString why;
        const auto back = enrolment::parse(file, QDateTime::currentDateTimeUtc(), &why);
        QVERIFY2(back, qPrintable(why));
        QCOMPARE(back->server, sample().server);
        QCOMPARE(back->controllerId, QStringLiteral("PT-0012"));
        QCOMPARE(back->targetToken, m_token);
        QCOMPARE(back->caPem, sample().caPem);
        QVERIFY(bundle::parseKeySet(back->keySet));
        QCOMPARE(back->reference, QStringLiteral("莆田 荔城 0012"));

        const QString qr = enrolment::toQrText(file);
        QVERIFY(qr.startsWith(QLatin1String("KIOSKENROL1:")));
        // A version 40 QR code holds 2,953 bytes; a scanner's code is at most 4,096 characters.
        QVERIFY2(qr.size() < 2900, qPrintable(QString::number(qr.size())));
        QVERIFY(enrolment::isQrText(qr));
        const auto unpacked = enrolment::fromQrText(qr, &why);
        QVERIFY2(unpacked, qPrintable(why));
        QCOMPARE(*unpacked, file);

        // A damaged scan is refused, not half read.
        QString broken = qr;
        broken.chop(10);
        QVERIFY(!enrolment::fromQrText(broken, &why));
        QVERIFY(why.contains(QLatin1String("damaged")));
        QVERIFY(!enrolment::fromQrText(QStringLiteral("KIOSKENROL1:!!!"), &why));
        // A "zip bomb": a size claim beyond the limit is refused before anything is unpacked.
        QByteArray bomb = qCompress(QByteArray(200 * 1024, 'x'));
        QVERIFY(!enrolment::fromQrText(QLatin1String("KIOSKENROL1:") + QString::fromLatin1(bomb.toBase64(QByteArray::Base64UrlEncoding)), &why));
        QVERIFY(why.contains(QLatin1String("too large")));
    }

    void refusesBadFiles_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("reason");
        QTest::newRow("http server") << "server" << QJsonValue(QStringLiteral("http://fleet.example/DEFAULT/controller/v1/")) << "\"server\"";
        QTest::newRow("not the DDI base") << "server" << QJsonValue(QStringLiteral("https://fleet.example/")) << "\"server\"";
        QTest::newRow("no ca") << "ca" << QJsonValue(QString()) << "\"ca\"";
        QTest::newRow("not a certificate") << "ca" << QJsonValue(QStringLiteral("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")) << "\"ca\"";
        QTest::newRow("short token") << "targetToken" << QJsonValue(QStringLiteral("abc")) << "\"targetToken\"";
        QTest::newRow("token with a space") << "targetToken" << QJsonValue(QStringLiteral("abc def ghi jkl")) << "\"targetToken\"";
        QTest::newRow("keys not a key set") << "keys" << QJsonValue(QJsonObject{{QStringLiteral("format"), 1}}) << "\"keys\"";
        QTest::newRow("bad controller id") << "controllerId" << QJsonValue(QStringLiteral("PT 0012/..")) << "\"controllerId\"";
        QTest::newRow("expired") << "notAfter" << QJsonValue(QStringLiteral("2020-01-01T00:00:00Z")) << "expired";
        QTest::newRow("unknown field") << "fleetServer" << QJsonValue(QStringLiteral("x")) << "unknown field";
        QTest::newRow("other format") << "format" << QJsonValue(QStringLiteral("kiosk-bundle")) << "not an enrolment file";
        QTest::newRow("other version") << "version" << QJsonValue(2) << "version";
    }
    void refusesBadFiles()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(QString, reason);
        QJsonObject o = QJsonDocument::fromJson(enrolment::encode(sample())).object();
        o.insert(field, value);
        QString why;
        QVERIFY(!enrolment::parse(QJsonDocument(o).toJson(), QDateTime::currentDateTimeUtc(), &why));
        QVERIFY2(why.contains(reason), qPrintable(why));
        QVERIFY2(!why.contains(m_token), "an error message must never carry the token");
        QVERIFY(!enrolment::parse("not json", QDateTime::currentDateTimeUtc(), &why));
        QVERIFY(!enrolment::parse(QByteArray(enrolment::kMaxFileBytes + 1, ' '), QDateTime::currentDateTimeUtc(), &why));
    }

    void oneTimeCodes()
    {
        const QByteArray file = enrolment::encode(sample());
        const auto code = enrolment::makeCode(QStringLiteral("7K2M"), file);
        const QString text = code.text();
        QCOMPARE(text.size(), 24);
        QCOMPARE(text.count(QLatin1Char('-')), 4);
        QVERIFY(text.startsWith(QLatin1String("7K2M-")));
        // As a technician types it: lower case, spaces, O for 0 and l for 1.
        QString typed = text.toLower().replace(QLatin1Char('-'), QLatin1Char(' '));
        typed.replace(QLatin1Char('0'), QLatin1Char('o')).replace(QLatin1Char('1'), QLatin1Char('l'));
        QString why;
        const auto parsed = enrolment::parseCode(typed, &why);
        QVERIFY2(parsed, qPrintable(why));
        QCOMPARE(parsed->slot, code.slot);
        QCOMPARE(parsed->digest, code.digest);
        QVERIFY(enrolment::matches(*parsed, file));
        QByteArray other = file;
        other.replace("0012", "0013");
        QVERIFY(!enrolment::matches(*parsed, other));
        QVERIFY(!enrolment::parseCode(text.left(20), &why));
        QVERIFY(why.contains(QLatin1String("characters")));
        QVERIFY(!enrolment::parseCode(text.left(23) + QLatin1Char('U'), &why));
        QVERIFY(!enrolment::parseCode(QStringLiteral("７K2M-") + text.mid(5), &why)); // a full-width digit
        QCOMPARE(enrolment::randomSlot().size(), 4);
        QVERIFY(enrolment::parseCode(enrolment::randomSlot() + code.digest));
    }

    void storesPrivatelyAndSwitchesWhole()
    {
        const fs::path state = fs::path(m_dir.filePath(QStringLiteral("state")).toStdString());
        enrolment::EnrolmentStore store(state);
        QVERIFY(!store.load());
        const auto first = sample();
        const QByteArray file1 = enrolment::encode(first);
        QCOMPARE(store.save(first, file1, QStringLiteral("qr")), QString());
        QString why;
        auto loaded = store.load(&why);
        QVERIFY2(loaded, qPrintable(why));
        QCOMPARE(loaded->server, first.server);
        QCOMPARE(loaded->source, QStringLiteral("qr"));
        QCOMPARE(loaded->sha256, enrolment::sha256Hex(file1));
        QCOMPARE(modeOf(store.dir()), 0700);
        for (const fs::path &p : {loaded->tokenFile, loaded->caFile, loaded->keySetFile, store.dir() / "enrolment.json"})
            QCOMPARE(modeOf(p), 0600);
        QCOMPARE(readAll(loaded->tokenFile.string()), m_token.toUtf8());
        QVERIFY2(!readAll((store.dir() / "enrolment.json").string()).contains(m_token.toUtf8()), "the token is in its own file only");

        // A second enrolment replaces the first; the first one's files go.
        auto second = sample(QStringLiteral("https://fleet2.example/CITY/controller/v1/"));
        second.targetToken = QStringLiteral("second-token-0123456789");
        const QByteArray file2 = enrolment::encode(second);
        QCOMPARE(store.save(second, file2, QStringLiteral("code")), QString());
        const auto replaced = store.load();
        QVERIFY(replaced);
        QCOMPARE(replaced->server, second.server);
        QCOMPARE(readAll(replaced->tokenFile.string()), QByteArray("second-token-0123456789"));
        QVERIFY(!fs::exists(loaded->tokenFile));

        // A store whose token file is gone is damaged: said, not used.
        fs::remove(replaced->tokenFile);
        QVERIFY(!store.load(&why));
        QVERIFY(why.contains(QLatin1String("damaged")));

        QVERIFY(store.lastBootFile().isEmpty());
        store.setLastBootFile(enrolment::sha256Hex(file1));
        QCOMPARE(store.lastBootFile(), enrolment::sha256Hex(file1));
    }

    void probesTheFleetServer()
    {
        auto started = startServer();
        QVERIFY(started);
        kiosk::simulation::DdiServer &server = *started;
        const auto e = sample(QString::fromStdString(server.baseUrl()));
        const fs::path ca = m_pki->caFile();

        auto p = enrolment::probe(e, e.controllerId, ca);
        QCOMPARE(p.outcome, enrolment::Probe::Outcome::Accepted);
        QCOMPARE(server.polls("PT-0012"), 1);

        auto wrong = e;
        wrong.targetToken = QStringLiteral("not-the-token-of-this-target");
        p = enrolment::probe(wrong, e.controllerId, ca);
        QCOMPARE(p.outcome, enrolment::Probe::Outcome::Refused);
        QCOMPARE(p.httpStatus, 401);
        QVERIFY(!p.message.contains(wrong.targetToken));

        p = enrolment::probe(e, e.controllerId, m_otherPki->caFile());
        QCOMPARE(p.outcome, enrolment::Probe::Outcome::Untrusted);
        QVERIFY2(p.message.contains(QLatin1String("not trusted")), qPrintable(p.message));

        server.injectFault(kiosk::simulation::DdiServer::Fault::ServerError, 1);
        p = enrolment::probe(e, e.controllerId, ca);
        QCOMPARE(p.outcome, enrolment::Probe::Outcome::Failed);
        QCOMPARE(p.httpStatus, 503);
        const std::uint16_t port = server.port();
        server.stop();

        // Nobody listens there any more.
        p = enrolment::probe(sample(QStringLiteral("https://127.0.0.1:%1/DEFAULT/controller/v1/").arg(port)), e.controllerId, ca,
                             std::chrono::seconds(3));
        QCOMPARE(p.outcome, enrolment::Probe::Outcome::Unreachable);
    }

    void fetchesTheFileACodeNames()
    {
        auto started = startServer();
        QVERIFY(started);
        kiosk::simulation::DdiServer &server = *started;
        const QString url = QString::fromStdString(server.enrolmentUrl());
        const QByteArray file = enrolment::encode(sample(QString::fromStdString(server.baseUrl())));
        const auto code = enrolment::makeCode(QStringLiteral("AB12"), file);
        server.publishEnrolment("AB12", file.toStdString());

        // The CA of the image is required; another CA's host is not trusted.
        auto f = enrolment::fetch(url, {}, code);
        QVERIFY(!f.file);
        QVERIFY(f.message.contains(QLatin1String("enrolmentCaFile")));
        f = enrolment::fetch(url, m_otherPki->caFile(), code);
        QVERIFY(!f.file);
        QCOMPARE(server.enrolmentFetches(), 0);

        // A file changed on the way is not the one the code names.
        server.publishEnrolment("CD34", QByteArray(file).replace("0012", "0099").toStdString());
        f = enrolment::fetch(url, m_pki->caFile(), enrolment::OneTimeCode{QStringLiteral("CD34"), code.digest});
        QVERIFY(!f.file);
        QVERIFY2(f.message.contains(QLatin1String("not the one the code names")), qPrintable(f.message));

        f = enrolment::fetch(url, m_pki->caFile(), code);
        QVERIFY2(f.file, qPrintable(f.message));
        QCOMPARE(*f.file, file);
        // Used once: the host has it no more.
        f = enrolment::fetch(url, m_pki->caFile(), code);
        QVERIFY(!f.file);
        QVERIFY2(f.message.contains(QLatin1String("no enrolment under this code")), qPrintable(f.message));
        QVERIFY(!enrolment::fetch(QStringLiteral("http://127.0.0.1/enrolment/"), m_pki->caFile(), code).file);
    }

    /** The operator's side and the terminal's, through kioskctl (a real process each). */
    void kioskctlMakesAndTakesAnEnrolment()
    {
        auto started = startServer();
        QVERIFY(started);
        kiosk::simulation::DdiServer &server = *started;
        const QString dir = m_dir.filePath(QStringLiteral("ctl"));
        QVERIFY(QDir().mkpath(dir));
        const auto write = [&dir](const QString &name, const QByteArray &bytes) {
            QFile f(QDir(dir).filePath(name));
            f.open(QIODevice::WriteOnly);
            f.write(bytes);
            return f.fileName();
        };
        const QString token = write(QStringLiteral("token"), m_token.toUtf8() + '\n');
        const QString keys = write(QStringLiteral("keys.json"), m_keySet);
        const auto run = [](const QStringList &args, QString *out = nullptr, QString *err = nullptr) {
            QProcess p;
            p.start(QStringLiteral(KIOSKCTL_PATH), args);
            p.waitForFinished(60000);
            if (out)
                *out = QString::fromUtf8(p.readAllStandardOutput());
            if (err)
                *err = QString::fromUtf8(p.readAllStandardError());
            return p.exitCode();
        };
        const QString file = QDir(dir).filePath(QStringLiteral("PT-0012.enrol.json"));
        QString out, err;
        QCOMPARE(run({QStringLiteral("fleet"), QStringLiteral("make-enrolment"), QStringLiteral("--server"), QString::fromStdString(server.baseUrl()),
                      QStringLiteral("--ca"), QString::fromStdString(m_pki->caFile()), QStringLiteral("--token-file"), token,
                      QStringLiteral("--keys"), keys, QStringLiteral("--controller-id"), QStringLiteral("PT-0012"),
                      QStringLiteral("--slot"), QStringLiteral("K7Q2"), QStringLiteral("--out"), file},
                     &out, &err),
                 0);
        QVERIFY2(!out.contains(m_token) && !err.contains(m_token), "the token is never printed");
        QFile made(file);
        QVERIFY(made.open(QIODevice::ReadOnly));
        const QByteArray bytes = made.readAll();
        QCOMPARE(modeOf(file.toStdString()), 0600);
        QCOMPARE(modeOf((file + QStringLiteral(".qr.txt")).toStdString()), 0600);
        const auto code = enrolment::parseCode(out.trimmed());
        QVERIFY2(code, qPrintable(out));
        QCOMPARE(code->slot, QStringLiteral("K7Q2"));
        QVERIFY(enrolment::matches(*code, bytes));
        QVERIFY(enrolment::parse(bytes, QDateTime::currentDateTimeUtc())->notAfter);

        // The terminal, from the QR text; the server accepts the token.
        const QString state = QDir(dir).filePath(QStringLiteral("state"));
        QVERIFY(QDir().mkpath(state));
        QCOMPARE(run({QStringLiteral("fleet"), QStringLiteral("enrol"), file + QStringLiteral(".qr.txt"), QStringLiteral("--state-dir"), state}, &out, &err), 0);
        QVERIFY2(out.contains(QLatin1String("accepts this terminal")), qPrintable(out + err));
        enrolment::EnrolmentStore store(fs::path(state.toStdString()));
        const auto stored = store.load();
        QVERIFY(stored);
        QCOMPARE(stored->source, QStringLiteral("kioskctl"));
        QCOMPARE(stored->sha256, enrolment::sha256Hex(bytes));
        // kioskctl fleet status says so (and never the token).
        QCOMPARE(run({QStringLiteral("fleet"), QStringLiteral("status"), QStringLiteral("--state-dir"), state}, &out, &err), 0);
        QVERIFY2(out.contains(QLatin1String("enrolled:")) && out.contains(QLatin1String("PT-0012")), qPrintable(out + err));
        QCOMPARE(run({QStringLiteral("fleet"), QStringLiteral("status"), QStringLiteral("--json"), QStringLiteral("--state-dir"), state}, &out, &err), 0);
        const QJsonObject status = QJsonDocument::fromJson(out.toUtf8()).object();
        QCOMPARE(status.value(QLatin1String("enrolment")).toObject().value(QLatin1String("server")).toString(), QString::fromStdString(server.baseUrl()));
        QVERIFY(!out.contains(m_token));

        // A file with a token the server does not know is refused; the enrolment in force stays.
        auto wrong = *enrolment::parse(bytes, QDateTime::currentDateTimeUtc());
        wrong.targetToken = QStringLiteral("wrong-token-000000000000");
        const QString wrongFile = write(QStringLiteral("wrong.json"), enrolment::encode(wrong));
        QCOMPARE(run({QStringLiteral("fleet"), QStringLiteral("enrol"), wrongFile, QStringLiteral("--state-dir"), state}, &out, &err), 1);
        QVERIFY2(err.contains(QLatin1String("refuses this terminal's token")), qPrintable(err));
        QVERIFY(!err.contains(wrong.targetToken));
        QCOMPARE(store.load()->sha256, enrolment::sha256Hex(bytes));
        // A damaged file says so.
        const QString damaged = write(QStringLiteral("damaged.json"), bytes.left(bytes.size() / 2));
        QCOMPARE(run({QStringLiteral("fleet"), QStringLiteral("enrol"), damaged, QStringLiteral("--state-dir"), state}, &out, &err), 1);
        QVERIFY2(err.contains(QLatin1String("not an enrolment file")), qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestEnrolment)
#include "tst_enrolment.moc"
