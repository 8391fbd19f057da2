// SPDX-License-Identifier: GPL-3.0-or-later
// The queue as the terminal runs it (--simulate: an in-process reference platform over TLS), and
// the privacy check: neither the database, its WAL, nor the logs hold an ID or phone number.
#include "common/logging.h"
#include "kiosk/queue/queueservice.h"
#include "services/platform/referenceplatform.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace kiosk;

namespace {
QStringList g_log;
void capture(QtMsgType, const QMessageLogContext &ctx, const QString &msg)
{
    g_log << QString::fromLatin1(ctx.category ? ctx.category : "") + QLatin1Char(' ') + msg;
}
const QByteArray idNumber = "350102199001011234";
const QByteArray phone = "13812345678";
} // namespace

class TestQueueService : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // The production chain: the masking handler in front of whatever writes the log.
        qInstallMessageHandler(capture);
        logging::installMaskingHandler();
        QLoggingCategory::setFilterRules(QStringLiteral("kiosk.*=true"));
    }

    void simulatedEndToEndAndNoPersonalDataInClear()
    {
        QTemporaryDir state;
        Config config;
        config.stateDir = state.path();
        config.simulate = true;
        QueueService queue(config);
        QVERIFY(queue.start());
        QVERIFY(queue.simulatedPlatform());
        QSignalSpy delivered(&queue, &QueueService::delivered);
        QSignalSpy dead(&queue, &QueueService::deadLettered);

        const QByteArray payload = "{\"itemCode\":\"RS-0001\",\"fields\":{\"name\":\"张三\",\"idNumber\":\"" + idNumber
            + "\",\"phone\":\"" + phone + "\"}}";
        QSignalSpy saved(&queue, &QueueService::enqueued);
        queue.enqueue({QStringLiteral("hall"), QStringLiteral("submission"), QStringLiteral("RS-0001"), QStringLiteral("hash"), payload});
        // A reply that echoes personal data back into last_error and the log must be masked too.
        queue.enqueue({QStringLiteral("hall"), QStringLiteral("submission"), QStringLiteral("RS-0001"), QStringLiteral("hash"),
                       "{\"no item\":\"" + idNumber + "\"}"});
        QTRY_COMPARE(saved.size(), 2);
        QCOMPARE(saved.at(0).at(2).value<QueueService::SaveError>(), QueueService::SaveError::None);
        QCOMPARE(saved.at(1).at(2).value<QueueService::SaveError>(), QueueService::SaveError::None);
        QVERIFY(delivered.wait(10'000) || delivered.size() == 1);
        QTRY_COMPARE_WITH_TIMEOUT(dead.size(), 1, 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(queue.done(), 1, 5'000);
        QCOMPARE(queue.dead(), 1);
        const auto effects = queue.simulatedPlatform()->effects();
        QCOMPARE(effects.size(), std::size_t(1));
        QVERIFY(effects[0].body.find(idNumber.constData()) != std::string::npos); // the platform gets it, over TLS
        QCOMPARE(delivered.at(0).at(1).toString().left(2), QStringLiteral("SQ"));

        // Log something careless on purpose: the handler masks it.
        qCWarning(lcApp) << "careless" << QString::fromLatin1(idNumber) << QString::fromLatin1(phone);
        queue.stop();

        for (const QString &line : std::as_const(g_log)) {
            QVERIFY2(!line.contains(QString::fromLatin1(idNumber)), qPrintable(line));
            QVERIFY2(!line.contains(QString::fromLatin1(phone)), qPrintable(line));
        }
        QVERIFY(g_log.join(QLatin1Char('\n')).contains(QStringLiteral("3501**********1234")));
        for (const QString &name : QDir(state.path()).entryList(QDir::Files)) {
            QFile f(QDir(state.path()).filePath(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            QVERIFY2(!bytes.contains(idNumber), qPrintable(name));
            QVERIFY2(!bytes.contains(phone), qPrintable(name));
            QVERIFY2(!bytes.contains(QStringLiteral("张三").toUtf8()), qPrintable(name));
        }
    }

    void subjectHashIsKeyedAndStable()
    {
        QTemporaryDir a, b;
        Config config;
        config.stateDir = a.path();
        QueueService first(config);
        QVERIFY(first.start());
        const QString h = first.subjectHash(QStringLiteral("11010519491231002x"));
        QCOMPARE(h.size(), 64);
        QCOMPARE(first.subjectHash(QStringLiteral("11010519491231002X")), h); // x and X are the same number
        QVERIFY(first.subjectHash(QStringLiteral("350102199003070012")) != h);
        QVERIFY(!h.contains(QStringLiteral("1101")));
        config.stateDir = b.path();
        QueueService other(config); // another terminal, another key: not linkable across terminals
        QVERIFY(other.start());
        QVERIFY(other.subjectHash(QStringLiteral("11010519491231002X")) != h);
    }

    void unusableStoreIsReportedNotFatal()
    {
        Config config;
        config.stateDir = QStringLiteral("/proc/kiosk-no-state-here");
        QueueService queue(config);
        QVERIFY(!queue.start());
        QVERIFY(!queue.available());
        QVERIFY(!queue.problem().isEmpty());
        QSignalSpy saved(&queue, &QueueService::enqueued);
        const quint64 ticket = queue.enqueue({QStringLiteral("hall"), QStringLiteral("submission"), QString(), QString(), "{}"});
        QVERIFY(ticket > 0);
        QTRY_COMPARE(saved.size(), 1);
        QCOMPARE(saved.at(0).at(0).toULongLong(), ticket);
        QVERIFY(saved.at(0).at(1).toString().isEmpty());
        QCOMPARE(saved.at(0).at(2).value<QueueService::SaveError>(), QueueService::SaveError::Unavailable);
    }
};

QTEST_GUILESS_MAIN(TestQueueService)
#include "tst_queueservice.moc"
