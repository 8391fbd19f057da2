// SPDX-License-Identifier: GPL-3.0-or-later
// The queue as the terminal runs it (composed as with --simulate: an in-process reference
// platform over TLS): enqueue answered by a queued signal from the writer thread, counters that
// the GUI thread never queries, typed save errors, and the privacy check — neither the database,
// its WAL, nor the logs hold an ID or phone number.
#include "common/logging.h"
#include "kiosk/queue/queuecomposition.h"
#include "kiosk/queue/queueservice.h"
#include "services/queue/outbox.h"
#include "services/simulation/referenceplatform.h"

#include <QCoreApplication>
#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace kiosk;

namespace {
QStringList g_log;
void capture(QtMsgType, const QMessageLogContext &ctx, const QString &msg)
{
    g_log << QString::fromLatin1(ctx.category ? ctx.category : "") + QLatin1Char(' ') + msg;
}
const QByteArray idNumber = "350102199001011234";
const QByteArray phone = "13812345678";

std::atomic<int> g_guiQueries{0};
void countGuiQueries(const char *)
{
    if (QThread::currentThread() == QCoreApplication::instance()->thread())
        ++g_guiQueries;
}

NewRequest submission(const QByteArray &payload = "{\"itemCode\":\"RS-0001\"}")
{
    return {QStringLiteral("hall"), QStringLiteral("submission"), QStringLiteral("RS-0001"), QStringLiteral("hash"), payload};
}

Config simulated(const QString &stateDir)
{
    Config config;
    config.stateDir = stateDir;
    config.simulate = true;
    return config;
}
} // namespace

class TestQueueService : public QObject
{
    Q_OBJECT

    /** Enqueues and waits for the answer; the ticket is never answered from inside enqueue(). */
    static QList<QVariant> save(QueueService &queue, const NewRequest &r)
    {
        QSignalSpy spy(&queue, &QueueService::enqueued);
        const quint64 ticket = queue.enqueue(r);
        if (ticket == 0 || spy.size() != 0)
            return {};
        if (!spy.wait(5000))
            return {};
        const QList<QVariant> answer = spy.takeFirst();
        return answer.at(0).toULongLong() == ticket ? answer : QList<QVariant>{};
    }

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
        QueueService queue(nullptr);
        auto parts = QueueComposition::start(simulated(state.path()), queue);
        QVERIFY(queue.available());
        QVERIFY(parts->simulatedPlatform());
        QSignalSpy delivered(&queue, &QueueService::delivered);
        QSignalSpy dead(&queue, &QueueService::deadLettered);

        const QByteArray payload = "{\"itemCode\":\"RS-0001\",\"fields\":{\"name\":\"张三\",\"idNumber\":\"" + idNumber
            + "\",\"phone\":\"" + phone + "\"}}";
        const auto ok = save(queue, submission(payload));
        QCOMPARE(ok.size(), 3);
        QCOMPARE(ok.at(2).value<QueueService::SaveError>(), QueueService::SaveError::None);
        QVERIFY(!ok.at(1).toString().isEmpty());
        // A reply that echoes personal data back into last_error and the log must be masked too.
        const auto bad = save(queue, submission("{\"no item\":\"" + idNumber + "\"}"));
        QCOMPARE(bad.value(2).value<QueueService::SaveError>(), QueueService::SaveError::None);
        QVERIFY(delivered.wait(10'000) || delivered.size() == 1);
        QTRY_COMPARE_WITH_TIMEOUT(dead.size(), 1, 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(queue.done(), 1, 5'000);
        QTRY_COMPARE_WITH_TIMEOUT(queue.dead(), 1, 5'000);
        QCOMPARE(queue.deadLetters()->rowCount(), 1);
        const auto effects = parts->simulatedPlatform()->effects();
        QCOMPARE(effects.size(), std::size_t(1));
        QVERIFY(effects[0].body.find(idNumber.constData()) != std::string::npos); // the platform gets it, over TLS
        QCOMPARE(delivered.at(0).at(1).toString().left(2), QStringLiteral("SQ"));
        QCOMPARE(QueueService::stateOf(*queue.request(ok.at(1).toString())), QueueService::RequestState::Done);

        // Log something careless on purpose: the handler masks it.
        qCWarning(lcApp) << "careless" << QString::fromLatin1(idNumber) << QString::fromLatin1(phone);
        queue.stop();

        for (const QString &line : std::as_const(g_log)) {
            QVERIFY2(!line.contains(QString::fromLatin1(idNumber)), qPrintable(line));
            QVERIFY2(!line.contains(QString::fromLatin1(phone)), qPrintable(line));
        }
        QVERIFY(g_log.join(QLatin1Char('\n')).contains(QStringLiteral("3501**********1234")));
        QVERIFY(g_log.join(QLatin1Char('\n')).contains(QStringLiteral("kiosk.services.platform")));
        for (const QString &name : QDir(state.path()).entryList(QDir::Files)) {
            QFile f(QDir(state.path()).filePath(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            QVERIFY2(!bytes.contains(idNumber), qPrintable(name));
            QVERIFY2(!bytes.contains(phone), qPrintable(name));
            QVERIFY2(!bytes.contains(QStringLiteral("张三").toUtf8()), qPrintable(name));
        }
    }

    void enqueueAnswersLaterByTicket()
    {
        QTemporaryDir state;
        Config config;
        config.stateDir = state.path(); // no platforms: requests wait
        QueueService queue(nullptr);
        auto parts = QueueComposition::start(config, queue);
        QVERIFY(queue.available());
        QVERIFY(!parts->simulatedPlatform()); // only with --simulate
        QSignalSpy spy(&queue, &QueueService::enqueued);
        const quint64 a = queue.enqueue(submission());
        const quint64 b = queue.enqueue(submission());
        QVERIFY(a > 0);
        QCOMPARE(b, a + 1);
        QCOMPARE(spy.size(), 0); // nothing is answered on the caller's stack
        QTRY_COMPARE(spy.size(), 2);
        QCOMPARE(spy.at(0).at(0).toULongLong(), a);
        QCOMPARE(spy.at(1).at(0).toULongLong(), b);
        const QString id = spy.at(0).at(1).toString();
        QVERIFY(queue.request(id)); // committed before it was answered
        QTRY_COMPARE(queue.pending() + queue.sending() + queue.dead(), 2); // no platform "hall" here: dead letters

        const auto big = save(queue, submission(QByteArray(int(queue::Outbox::maxPayloadBytes) + 1, 'x')));
        QCOMPARE(big.value(2).value<QueueService::SaveError>(), QueueService::SaveError::TooLarge);
        QVERIFY(big.value(1).toString().isEmpty());
    }

    void countersNeverQueriedOnTheGuiThread()
    {
        QTemporaryDir state;
        QueueService queue(nullptr);
        auto parts = QueueComposition::start(simulated(state.path()), queue);
        QVERIFY(queue.available());
        queue::Outbox::setQueryObserver(countGuiQueries);
        g_guiQueries = 0;
        const int n = 100;
        QSignalSpy answered(&queue, &QueueService::enqueued);
        for (int i = 0; i < n; ++i)
            queue.enqueue(submission());
        QTRY_COMPARE_WITH_TIMEOUT(queue.done(), n, 20'000);
        QCOMPARE(answered.size(), n);
        QCOMPARE(queue.pending() + queue.sending(), 0);
        QCOMPARE(queue.oldestPendingMinutes(), 0);
        QVERIFY(queue.usedPercent() >= 0);
        QCOMPARE(g_guiQueries.load(), 0); // not one count, list or lookup on the GUI thread
        queue.refresh(); // staff: counted again, on the writer thread
        QSignalSpy changed(&queue, &QueueService::changed);
        QVERIFY(changed.wait(5000));
        QCOMPARE(queue.done(), n);
        QCOMPARE(g_guiQueries.load(), 0);
        queue::Outbox::setQueryObserver(nullptr);
        queue.stop();
    }

    void subjectHashIsKeyedAndStable()
    {
        QTemporaryDir a, b;
        Config config;
        config.stateDir = a.path();
        QueueService first(nullptr);
        auto firstParts = QueueComposition::start(config, first);
        QVERIFY(first.available());
        const QString h = first.subjectHash(QStringLiteral("11010519491231002x"));
        QCOMPARE(h.size(), 64);
        QCOMPARE(first.subjectHash(QStringLiteral("11010519491231002X")), h); // x and X are the same number
        QVERIFY(first.subjectHash(QStringLiteral("350102199003070012")) != h);
        QVERIFY(!h.contains(QStringLiteral("1101")));
        config.stateDir = b.path();
        QueueService other(nullptr); // another terminal, another key: not linkable across terminals
        auto otherParts = QueueComposition::start(config, other);
        QVERIFY(other.available());
        QVERIFY(other.subjectHash(QStringLiteral("11010519491231002X")) != h);
    }

    void keyNeverRegeneratedWhileRequestsAreStored()
    {
        QTemporaryDir state;
        Config config;
        config.stateDir = state.path();
        {
            QueueService queue(nullptr);
            auto parts = QueueComposition::start(config, queue);
            QCOMPARE(save(queue, submission()).value(2).value<QueueService::SaveError>(), QueueService::SaveError::None);
        }
        QVERIFY(QFile::remove(state.filePath(QStringLiteral("keys/payload.key"))));
        QueueService queue(nullptr);
        auto parts = QueueComposition::start(config, queue);
        QVERIFY(!queue.available());
        QVERIFY2(queue.problem().contains(QStringLiteral("missing")), qPrintable(queue.problem()));
        QVERIFY(!QFile::exists(state.filePath(QStringLiteral("keys/payload.key"))));
    }

    void unusableStoreIsReportedNotFatal()
    {
        Config config;
        config.stateDir = QStringLiteral("/proc/kiosk-no-state-here");
        QueueService queue(nullptr);
        auto parts = QueueComposition::start(config, queue);
        QVERIFY(!queue.available());
        QVERIFY(!queue.problem().isEmpty());
        const auto r = save(queue, submission());
        QCOMPARE(r.size(), 3);
        QCOMPARE(r.at(2).value<QueueService::SaveError>(), QueueService::SaveError::Unavailable);
        QVERIFY(r.at(1).toString().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestQueueService)
#include "tst_queueservice.moc"
