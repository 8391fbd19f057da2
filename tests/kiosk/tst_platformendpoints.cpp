// SPDX-License-Identifier: GPL-3.0-or-later
// Config → platform endpoints, and the typed problems of platforms that cannot be used.
#include "kiosk/queue/platformendpoints.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace kiosk;

class TestPlatformEndpoints : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void buildsEndpointsAndReportsBadKeys()
    {
        QTemporaryDir dir;
        QFile key(dir.filePath(QStringLiteral("hall.key")));
        QVERIFY(key.open(QIODevice::WriteOnly));
        key.write("shared-secret\n");
        key.close();
        QFile empty(dir.filePath(QStringLiteral("empty.key")));
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();

        Config config;
        config.terminalId = QStringLiteral("T-0042");
        PlatformConfig hall;
        hall.id = QStringLiteral("hall");
        hall.host = QStringLiteral("hall.example.gov.cn");
        hall.port = 8443;
        hall.caFile = QStringLiteral("/etc/kiosk/hall-ca.pem");
        hall.signingKeyFile = key.fileName();
        hall.signature = QStringLiteral("hmac-sm3");
        hall.timeoutSeconds = 7;
        PlatformConfig missing = hall;
        missing.id = QStringLiteral("hotline12345");
        missing.signingKeyFile = dir.filePath(QStringLiteral("nope.key"));
        PlatformConfig blank = hall;
        blank.id = QStringLiteral("hpf");
        blank.signingKeyFile = empty.fileName();
        config.platforms = {hall, missing, blank};

        // Development (--simulate): key files made with the default umask are used (with a warning).
        const secrets::SecretStore development(std::string(), secrets::SecretStore::Mode::Development);
        const PlatformEndpoints out = buildEndpoints(config, development);
        QCOMPARE(out.endpoints.size(), std::size_t(1));
        const auto &e = out.endpoints.front();
        QCOMPARE(e.id, std::string("hall"));
        QCOMPARE(e.host, std::string("hall.example.gov.cn"));
        QCOMPARE(e.port, std::uint16_t(8443));
        QCOMPARE(e.tls.caFile, std::string("/etc/kiosk/hall-ca.pem"));
        QCOMPARE(e.signingKey, std::string("shared-secret")); // trimmed
        QVERIFY(e.algorithm == platform::SignatureAlgorithm::HmacSm3);
        QCOMPARE(e.terminalId, std::string("T-0042"));
        QCOMPARE(e.timeoutMs, 7000);
        QCOMPARE(out.problems.size(), std::size_t(2));
        QCOMPARE(out.problems[0].platformId, QStringLiteral("hotline12345"));
        QCOMPARE(out.problems[0].error, EndpointError::SigningKeyUnreadable);
        QCOMPARE(out.problems[1].error, EndpointError::SigningKeyEmpty);
        QVERIFY(!out.problems[0].message.contains(QStringLiteral("shared-secret")));
    }

    void productionTakesCredentialsOrPrivateFilesOnly()
    {
        QTemporaryDir dir;
        const QString keyPath = dir.filePath(QStringLiteral("hall.key"));
        QFile key(keyPath);
        QVERIFY(key.open(QIODevice::WriteOnly));
        key.write("file-secret\n");
        key.close();
        ::chmod(keyPath.toLocal8Bit().constData(), 0644);

        Config config;
        PlatformConfig hall;
        hall.id = QStringLiteral("hall");
        hall.host = QStringLiteral("127.0.0.1");
        hall.caFile = QStringLiteral("/etc/kiosk/hall-ca.pem");
        hall.signingKeyFile = keyPath;
        config.platforms = {hall};

        const secrets::SecretStore production(std::string(), secrets::SecretStore::Mode::Production);
        PlatformEndpoints out = buildEndpoints(config, production);
        QVERIFY(out.endpoints.empty());
        QCOMPARE(out.problems.size(), std::size_t(1));
        QCOMPARE(out.problems[0].error, EndpointError::SigningKeyExposed);
        QVERIFY(!out.problems[0].message.contains(QStringLiteral("file-secret")));
        ::chmod(keyPath.toLocal8Bit().constData(), 0600);
        out = buildEndpoints(config, production);
        QCOMPARE(out.endpoints.size(), std::size_t(1));
        QCOMPARE(out.endpoints[0].signingKey, std::string("file-secret"));

        // Credentials win over files: the signing key and the TLS client key.
        QTemporaryDir creds;
        for (const auto &[name, bytes] : {std::pair{QStringLiteral("platform.hall.signing-key"), QByteArray("credential-secret")},
                                          std::pair{QStringLiteral("platform.hall.client-key"), QByteArray("-----BEGIN PRIVATE KEY-----")}}) {
            QFile f(creds.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes);
            f.close();
            ::chmod(f.fileName().toLocal8Bit().constData(), 0400);
        }
        config.platforms[0].clientCertificateFile = QStringLiteral("/etc/kiosk/t.pem");
        const secrets::SecretStore provisioned(creds.path().toStdString(), secrets::SecretStore::Mode::Production);
        out = buildEndpoints(config, provisioned);
        QCOMPARE(out.endpoints.size(), std::size_t(1));
        QCOMPARE(out.endpoints[0].signingKey, std::string("credential-secret"));
        QCOMPARE(QString::fromStdString(out.endpoints[0].tls.clientKeyFile), creds.filePath(QStringLiteral("platform.hall.client-key")));

        // A client certificate whose key is nowhere: the platform waits, saying why.
        const secrets::SecretStore bare(std::string(), secrets::SecretStore::Mode::Production);
        out = buildEndpoints(config, bare);
        QVERIFY(out.endpoints.empty());
        QCOMPARE(out.problems[0].error, EndpointError::ClientKeyUnusable);
    }
};

QTEST_GUILESS_MAIN(TestPlatformEndpoints)
#include "tst_platformendpoints.moc"
