// SPDX-License-Identifier: GPL-3.0-or-later
// A request on its way, over a real queue in a temporary dir and the reference platform over
// TLS: saved only once it is on disk, sent or honestly queued when the platform is down, never
// twice, failed when the store is unusable, and deaf to a late answer for an ended visit.
#include "journeytestsupport.h"
#include "kiosk/journey/submission.h"
#include "services/queue/outbox.h"

#include <QRegularExpression>

using namespace kiosk;
using State = Submission::State;

class TestSubmission : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void savedThenSent()
    {
        test::SimulatedQueue q;
        QVERIFY(q.queue.available());
        Submission s(&q.queue);
        s.setDeliveryWaitMs(15'000);
        QList<State> states;
        connect(&s, &Submission::changed, this, [&] { states.append(s.state()); });
        QSignalSpy saved(&s, &Submission::saved);
        QSignalSpy settled(&s, &Submission::settled);
        QSignalSpy failed(&s, &Submission::failed);
        QSignalSpy enqueued(&q.queue, &QueueService::enqueued);
        const QDateTime at(QDate(2026, 3, 10), QTime(9, 30));

        s.submit(test::request(), at);
        QCOMPARE(s.state(), State::Saving);
        QVERIFY(s.held());
        QCOMPARE(saved.size(), 0); // not on the caller's stack: only once it is on disk
        s.submit(test::request(), at); // while saving: nothing
        QVERIFY(saved.wait(5000));
        QVERIFY(q.queue.request(s.requestId())); // committed before the screen says so
        QTRY_COMPARE_WITH_TIMEOUT(settled.size(), 1, 10'000);
        QCOMPARE(s.state(), State::Sent);
        QCOMPARE(states.mid(0, 3), (QList<State>{State::Saving, State::Sending, State::Sent}));
        s.submit(test::request(), at); // after it went: nothing either

        QCOMPARE(q.count("submission"), 1);
        const auto effects = q.platform().effects();
        QCOMPARE(effects.size(), std::size_t(1));
        QCOMPARE(effects[0].idempotencyKey, s.requestId().toStdString());
        QCOMPARE(s.trackingNumber(), QString::fromStdString(effects[0].trackingNumber));
        QVERIFY(!s.trackingNumber().isEmpty());
        QCOMPARE(s.receiptNumber(), s.trackingNumber());
        // The QR carries the request's capability, not the platform's (guessable) number.
        QVERIFY(!s.qrText().contains(s.trackingNumber()));
        QCOMPARE(q.queue.verifyReceiptCode(s.qrText()), s.requestId());
        QCOMPARE(s.submittedAt(), at);
        QCOMPARE(s.error(), Submission::Error::None);
        QCOMPARE(failed.size(), 0);
        QCOMPARE(saved.size(), 1);
        QTest::qWait(100);
        QCOMPARE(enqueued.size(), 1);
        QCOMPARE(settled.size(), 1);
    }

    void platformDownSettlesAsQueued()
    {
        test::SimulatedQueue q;
        q.setDown(true);
        Submission s(&q.queue);
        s.setDeliveryWaitMs(300);
        QSignalSpy saved(&s, &Submission::saved);
        QSignalSpy settled(&s, &Submission::settled);
        QSignalSpy changed(&s, &Submission::changed);
        QSignalSpy enqueued(&q.queue, &QueueService::enqueued);
        s.submit(test::request(), QDateTime::currentDateTime());
        QVERIFY(saved.wait(5000));
        QCOMPARE(s.state(), State::Sending);
        QVERIFY(settled.wait(5000));
        QCOMPARE(s.state(), State::Queued);
        QVERIFY(s.trackingNumber().isEmpty());
        const QString id = s.requestId();
        // The terminal's own number: digits in groups of four, to be read out over the phone,
        // derived from the stored id (so the same after a restart) and valid by its check digit.
        QVERIFY2(QRegularExpression(QStringLiteral("^[0-9]{4} [0-9]{4} [0-9]{4} [0-9]$")).match(s.receiptNumber()).hasMatch(),
                 qPrintable(s.receiptNumber()));
        QCOMPARE(s.receiptNumber(), Submission::terminalNumber(id));
        QVERIFY(queue::isReceiptNumber(s.receiptNumber().remove(QLatin1Char(' ')).toStdString()));
        QCOMPARE(QString::fromStdString(q.queue.findRequest(s.receiptNumber()).value().id), id); // staff can find it by the number
        QCOMPARE(s.qrText(), q.queue.receiptCode(id));
        QVERIFY(s.qrText().startsWith(QStringLiteral("KIOSK:") + id.toUpper() + QLatin1Char('.')));

        s.submit(test::request(), QDateTime::currentDateTime()); // held: never twice
        QTest::qWait(200);
        QCOMPARE(enqueued.size(), 1);
        QCOMPARE(q.queue.pending() + q.queue.sending(), 1);
        QCOMPARE(q.count("submission"), 0); // the 503s took nothing in

        // The platform comes back: the request goes by itself, the screen (and a reprint) gets
        // the real number, and the receipt is not settled a second time.
        changed.clear();
        q.setDown(false);
        QTRY_COMPARE_WITH_TIMEOUT(s.state(), State::Sent, 20'000);
        QCOMPARE(q.count("submission"), 1);
        QCOMPARE(s.receiptNumber(), QString::fromStdString(q.platform().effects().at(0).trackingNumber));
        QCOMPARE(s.requestId(), id);
        QVERIFY(changed.size() >= 1);
        QCOMPARE(settled.size(), 1);
    }

    void refusedByThePlatform()
    {
        test::SimulatedQueue q;
        Submission s(&q.queue);
        s.setDeliveryWaitMs(15'000);
        QSignalSpy refused(&s, &Submission::refused);
        QSignalSpy settled(&s, &Submission::settled);
        NewRequest r = test::request();
        r.platform = QStringLiteral("nowhere"); // no such platform: a dead letter
        s.submit(r, QDateTime::currentDateTime());
        QVERIFY(refused.wait(10'000));
        QCOMPARE(s.state(), State::Refused);
        QVERIFY(!s.refusal().isEmpty());
        QCOMPARE(settled.size(), 0);
        QVERIFY(s.held());
    }

    void unusableStoreFailsNotSaved()
    {
        test::SimulatedQueue q(false, QStringLiteral("/proc/kiosk-no-state-here"));
        QVERIFY(!q.queue.available());
        Submission s(&q.queue);
        QSignalSpy failed(&s, &Submission::failed);
        QSignalSpy saved(&s, &Submission::saved);
        s.submit(test::request(), QDateTime::currentDateTime());
        QCOMPARE(s.state(), State::Saving);
        QCOMPARE(failed.size(), 0);
        QVERIFY(failed.wait(5000));
        QCOMPARE(s.error(), Submission::Error::NotSaved);
        QCOMPARE(s.state(), State::None);
        QVERIFY(!s.held());
        QVERIFY(s.requestId().isEmpty());
        QVERIFY(s.receiptNumber().isEmpty());
        QVERIFY(s.qrText().isEmpty());
        QCOMPARE(saved.size(), 0);
        s.submit(test::request(), QDateTime::currentDateTime()); // may be tried again
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.size(), 2);
    }

    void rejectDoesNotQueue()
    {
        test::SimulatedQueue q;
        Submission s(&q.queue);
        QSignalSpy failed(&s, &Submission::failed);
        QSignalSpy enqueued(&q.queue, &QueueService::enqueued);
        s.reject(Submission::Error::NoConsent);
        QCOMPARE(failed.size(), 1);
        QCOMPARE(s.error(), Submission::Error::NoConsent);
        QCOMPARE(s.state(), State::None);
        s.reject(Submission::Error::Invalid);
        QCOMPARE(s.error(), Submission::Error::Invalid);
        QTest::qWait(200);
        QCOMPARE(enqueued.size(), 0);
        q.queue.refresh();
        QTest::qWait(200);
        QCOMPARE(q.queue.pending() + q.queue.sending() + q.queue.done(), 0);

        // Submitting clears the last refusal; rejecting while held changes nothing.
        s.submit(test::request(), QDateTime::currentDateTime());
        QCOMPARE(s.error(), Submission::Error::None);
        s.reject(Submission::Error::NoConsent);
        QCOMPARE(s.error(), Submission::Error::None);
        QCOMPARE(failed.size(), 2);
    }

    void anOutcomeBeforeTheSavedAnswerIsNotMissed()
    {
        // The dispatcher can deliver a request before the writer's "saved" answer reaches the GUI
        // thread (the writer preempted between its commit and its answer, as on a loaded
        // machine). The screen must still say 已发送 with the tracking number, not wait and settle
        // as queued.
        test::SimulatedQueue q;
        q.setDown(true); // no delivery but the one announced here
        queue::Outbox::setIdSource([] { return std::string("0f0e0d0c-0b0a-4908-8706-050403020100"); });
        Submission s(&q.queue);
        s.setDeliveryWaitMs(15'000);
        s.submit(test::request(), QDateTime::currentDateTime());
        Q_EMIT q.queue.delivered(QStringLiteral("0f0e0d0c-0b0a-4908-8706-050403020100"), QStringLiteral("SQ20261201999999"));
        QCOMPARE(s.state(), State::Saving); // the answer has not come yet
        QTRY_COMPARE_WITH_TIMEOUT(s.state(), State::Sent, 5000);
        queue::Outbox::setIdSource(nullptr);
        QCOMPARE(s.requestId(), QStringLiteral("0f0e0d0c-0b0a-4908-8706-050403020100"));
        QCOMPARE(s.trackingNumber(), QStringLiteral("SQ20261201999999"));
    }

    void clearIgnoresALateAnswer()
    {
        test::SimulatedQueue q;
        Submission s(&q.queue);
        s.setDeliveryWaitMs(15'000);
        QSignalSpy saved(&s, &Submission::saved);
        QSignalSpy enqueued(&q.queue, &QueueService::enqueued);
        s.submit(test::request(), QDateTime::currentDateTime());
        s.clear(); // the visit ends before the store answered
        QCOMPARE(s.state(), State::None);
        QVERIFY(enqueued.wait(5000));
        QCOMPARE(s.state(), State::None);
        QCOMPARE(saved.size(), 0);
        QVERIFY(s.requestId().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(q.count("submission"), 1, 10'000); // it still goes: it was saved
        QTest::qWait(100);
        QCOMPARE(s.state(), State::None);
        QVERIFY(s.trackingNumber().isEmpty());

        // The next resident's request, with the previous one's answer still on its way.
        enqueued.clear();
        s.submit(test::request(), QDateTime::currentDateTime());
        s.clear();
        s.submit(test::request(), QDateTime::currentDateTime());
        QTRY_COMPARE_WITH_TIMEOUT(enqueued.size(), 2, 5000);
        QTRY_COMPARE(saved.size(), 1);
        QCOMPARE(s.requestId(), enqueued.at(1).at(1).toString()); // the second ticket's, not the first's
        QTRY_COMPARE_WITH_TIMEOUT(s.state(), State::Sent, 10'000);
        for (const auto &e : q.platform().effects())
            if (e.idempotencyKey == s.requestId().toStdString())
                QCOMPARE(s.trackingNumber().toStdString(), e.trackingNumber);
        QVERIFY(!s.trackingNumber().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSubmission)
#include "tst_submission.moc"
