// SPDX-License-Identifier: GPL-3.0-or-later
// Config → platform endpoints, and the typed problems of platforms that cannot be used.
#include "kiosk/queue/platformendpoints.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

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

        const PlatformEndpoints out = buildEndpoints(config);
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
};

QTEST_GUILESS_MAIN(TestPlatformEndpoints)
#include "tst_platformendpoints.moc"
