// SPDX-License-Identifier: GPL-3.0-or-later
// 好差评: the reasons each level offers, choices that never outlive their level, and the rating
// going through the real queue to the reference platform, exactly once, or not at all.
#include "journeytestsupport.h"
#include "kiosk/journey/evaluation.h"

#include <QJsonArray>

using namespace kiosk;
using State = Evaluation::State;

namespace {
const QString terminal = QStringLiteral("T-0042");
const QStringList satisfied{QStringLiteral("quick"), QStringLiteral("clear"), QStringLiteral("one_visit"),
                            QStringLiteral("staff_helpful"), QStringLiteral("less_paperwork")};
const QStringList fair{QStringLiteral("too_long"), QStringLiteral("unclear"), QStringLiteral("too_many_materials"),
                       QStringLiteral("hard_screen"), QStringLiteral("other")};
const QStringList dissatisfied{QStringLiteral("too_long"), QStringLiteral("unclear"), QStringLiteral("materials_twice"),
                               QStringLiteral("hard_screen"), QStringLiteral("device_fault"), QStringLiteral("staff_unhelpful"),
                               QStringLiteral("other")};

QStringList codes(const Evaluation &e)
{
    QStringList out;
    for (const QVariant &v : e.reasons())
        out << v.value<EvaluationReason>().code;
    return out;
}
} // namespace

class TestEvaluation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void reasonsFollowTheLevel()
    {
        test::SimulatedQueue q(false); // no platform needed
        Evaluation e(&q.queue, terminal);
        QCOMPARE(e.level(), 0);
        QVERIFY(e.reasons().isEmpty());
        QSignalSpy choice(&e, &Evaluation::choiceChanged);
        const std::pair<int, QStringList> expected[] = {{5, satisfied}, {4, satisfied}, {3, fair}, {2, dissatisfied}, {1, dissatisfied}};
        for (const auto &[level, list] : expected) {
            e.setLevel(level);
            QCOMPARE(e.level(), level);
            QCOMPARE(codes(e), list);
        }
        QCOMPARE(choice.size(), 5);
        e.setLevel(1); // no change: no signal
        QCOMPARE(choice.size(), 5);
        // Labels for the screen, codes for the platform (English source strings: no translator).
        QCOMPARE(e.reasons().at(4).value<EvaluationReason>().label, QStringLiteral("Device did not work"));
        e.setLevel(9);
        QCOMPARE(e.level(), 5);
        e.setLevel(-3);
        QCOMPARE(e.level(), 0);
        QVERIFY(e.reasons().isEmpty());
    }

    void choicesNeverOutliveTheirLevel()
    {
        test::SimulatedQueue q(false);
        Evaluation e(&q.queue, terminal);
        e.setLevel(3);
        e.toggleReason(QStringLiteral("other"));
        e.toggleReason(QStringLiteral("too_many_materials"));
        e.toggleReason(QStringLiteral("too_long"));
        QCOMPARE(e.chosen(), (QStringList{QStringLiteral("other"), QStringLiteral("too_many_materials"), QStringLiteral("too_long")}));
        e.setLevel(1); // too_many_materials is not a level-1 reason
        QCOMPARE(e.chosen(), (QStringList{QStringLiteral("too_long"), QStringLiteral("other")}));
        e.toggleReason(QStringLiteral("device_fault"));
        e.setLevel(3);
        QCOMPARE(e.chosen(), (QStringList{QStringLiteral("too_long"), QStringLiteral("other")}));
        e.setLevel(5); // a dissatisfied reason never rides with a 5
        QVERIFY(e.chosen().isEmpty());

        QSignalSpy choice(&e, &Evaluation::choiceChanged);
        e.toggleReason(QStringLiteral("too_long")); // not offered for 5
        e.toggleReason(QStringLiteral("no_such_reason"));
        QVERIFY(e.chosen().isEmpty());
        QCOMPARE(choice.size(), 0);
        e.toggleReason(QStringLiteral("quick"));
        QCOMPARE(e.chosen(), QStringList{QStringLiteral("quick")});
        e.toggleReason(QStringLiteral("quick")); // ticked again: unticked
        QVERIFY(e.chosen().isEmpty());
        QCOMPARE(choice.size(), 2);
        e.setLevel(0);
        e.toggleReason(QStringLiteral("quick")); // no level: nothing is offered
        QVERIFY(e.chosen().isEmpty());
    }

    void sendQueuesExactlyOneRating()
    {
        test::SimulatedQueue q;
        QVERIFY(q.queue.available());
        const QString requestId = q.save(test::request(q.queue.subjectHash(test::card().value(QStringLiteral("idNumber")))));
        QVERIFY(!requestId.isEmpty());
        Evaluation e(&q.queue, terminal);
        QVERIFY(!e.rateable());
        e.setSubject(QStringLiteral("hall"), QStringLiteral("RS-0001"), requestId);
        e.setTrackingNumber(QStringLiteral("SQ-TRACK-1"));
        QVERIFY(e.rateable());
        e.setLevel(2);
        e.toggleReason(QStringLiteral("too_long"));
        e.toggleReason(QStringLiteral("hard_screen"));
        QSignalSpy finished(&e, &Evaluation::finished);
        QSignalSpy state(&e, &Evaluation::stateChanged);
        QSignalSpy enqueued(&q.queue, &QueueService::enqueued);
        e.send();
        QCOMPARE(finished.size(), 1); // at once: the resident is never held up
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QCOMPARE(e.state(), State::Sent);
        QCOMPARE(state.size(), 1);
        QVERIFY(!e.rateable());
        e.send(); // once only
        QCOMPARE(finished.size(), 2);
        QCOMPARE(finished.at(1).at(0).toBool(), false);

        QTRY_COMPARE_WITH_TIMEOUT(q.count("evaluation"), 1, 10'000);
        QCOMPARE(enqueued.size(), 1);
        const QString ratingId = enqueued.at(0).at(1).toString();
        const auto entry = q.queue.request(ratingId);
        QVERIFY(entry);
        QCOMPARE(entry->kind, std::string("evaluation"));
        QCOMPARE(entry->platform, std::string("hall"));
        const QJsonObject body = *q.lastBody("evaluation");
        QCOMPARE(body.value(QStringLiteral("rating")).toInt(), 2);
        QCOMPARE(body.value(QStringLiteral("reasons")).toArray(), (QJsonArray{QStringLiteral("too_long"), QStringLiteral("hard_screen")}));
        QCOMPARE(body.value(QStringLiteral("trackingNumber")).toString(), QStringLiteral("SQ-TRACK-1"));
        QCOMPARE(body.value(QStringLiteral("requestId")).toString(), requestId);
        QCOMPARE(body.value(QStringLiteral("itemCode")).toString(), QStringLiteral("RS-0001"));
        QCOMPARE(body.value(QStringLiteral("terminal")).toString(), terminal);
        // A rating is not part of the resident's records: only the request is found by the card.
        const auto mine = q.queue.requestsFor(q.queue.subjectHash(test::card().value(QStringLiteral("idNumber"))));
        QCOMPARE(mine.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(mine[0].id), requestId);
        QTest::qWait(200);
        QCOMPARE(q.count("evaluation"), 1);
    }

    void nothingToRateQueuesNothing()
    {
        test::SimulatedQueue q;
        Evaluation e(&q.queue, terminal);
        QSignalSpy finished(&e, &Evaluation::finished);
        QSignalSpy enqueued(&q.queue, &QueueService::enqueued);
        e.setLevel(5);
        e.send(); // no subject yet
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QCOMPARE(e.state(), State::None);

        e.setSubject(QStringLiteral("hall"), QStringLiteral("RS-0001"), QStringLiteral("0123abcd-0000-0000-0000-000000000000"));
        e.setLevel(0);
        e.send(); // a subject but no level
        QCOMPARE(finished.size(), 2);
        QCOMPARE(finished.at(1).at(0).toBool(), false);
        QCOMPARE(e.state(), State::None);
        QTest::qWait(300);
        QCOMPARE(enqueued.size(), 0);
        QCOMPARE(q.count("evaluation"), 0);
    }

    void skipThenClear()
    {
        test::SimulatedQueue q(false);
        Evaluation e(&q.queue, terminal);
        e.setSubject(QStringLiteral("hall"), QStringLiteral("RS-0001"), QStringLiteral("0123abcd-0000-0000-0000-000000000000"));
        e.setLevel(4);
        e.toggleReason(QStringLiteral("clear"));
        QSignalSpy finished(&e, &Evaluation::finished);
        QSignalSpy state(&e, &Evaluation::stateChanged);
        QSignalSpy enqueued(&q.queue, &QueueService::enqueued);
        e.skip();
        QCOMPARE(e.state(), State::Skipped);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QCOMPARE(state.size(), 1);
        e.skip();
        QCOMPARE(finished.size(), 2);
        QCOMPARE(state.size(), 1);
        e.send(); // skipped: not sent after all
        QCOMPARE(finished.size(), 3);
        QCOMPARE(finished.at(2).at(0).toBool(), false);
        QCOMPARE(enqueued.size(), 0);

        QSignalSpy choice(&e, &Evaluation::choiceChanged);
        e.clear();
        QCOMPARE(e.state(), State::None);
        QCOMPARE(e.level(), 0);
        QVERIFY(e.chosen().isEmpty());
        QVERIFY(!e.rateable());
        QCOMPARE(choice.size(), 1);
        QCOMPARE(state.size(), 2);
        QTest::qWait(100);
        QCOMPARE(enqueued.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestEvaluation)
#include "tst_evaluation.moc"
