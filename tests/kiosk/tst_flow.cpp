// SPDX-License-Identifier: GPL-3.0-or-later
// The visit as one state machine in C++, through the real composition root: the session moves
// screens on the journey's signals, with the real queue (a reference platform over HTTPS on
// 127.0.0.1), the simulated devices below the real codecs, and a clock moved by hand.
#include "devices/devicemanager.h"
#include "devices/simulator/simulatorconsole.h"
#include "kiosk/journey/evaluation.h"
#include "kiosk/journey/formsession.h"
#include "kiosk/journey/journey.h"
#include "kiosk/journey/progressmodel.h"
#include "kiosk/journey/receiptslip.h"
#include "kiosk/journey/submission.h"
#include "kiosk/kioskapp.h"
#include "kiosk/queue/queuecomposition.h"
#include "kiosk/queue/queueservice.h"
#include "kiosk/session/clock.h"
#include "kiosk/session/session.h"
#include "kiosk/session/staffpin.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace kiosk;
using Screen = Session::Screen;

Q_DECLARE_METATYPE(Session::Screen)

class TestFlow : public QObject
{
    Q_OBJECT

    QTemporaryDir m_state;
    ManualClock *m_clock = nullptr;
    std::unique_ptr<KioskApp> m_app;

    Session *s() const { return m_app->session(); }
    Journey *j() const { return m_app->journey(); }

    std::unique_ptr<KioskApp> makeApp(const QString &stateDir)
    {
        Config config;
        config.stateDir = stateDir;
        config.simulate = true;
        config.useDemoStaffPinIfUnset();
        auto clock = std::make_unique<ManualClock>();
        m_clock = clock.get();
        auto app = std::make_unique<KioskApp>(config, std::move(clock));
        devices::DeviceManager::Options o = app->devices()->options();
        o.realisticSimulation = false;
        app->devices()->setOptions(o);
        app->loadCatalog();
        app->startQueue();
        app->startDevices();
        app->journey()->submission()->setDeliveryWaitMs(3000);
        return app;
    }

    void identify()
    {
        auto *sim = m_app->devices()->simulator();
        QVERIFY(sim);
        sim->removeCard();
        QVERIFY(sim->insertCard(0));
        QTRY_VERIFY_WITH_TIMEOUT(s()->identified(), 5000);
    }

    /** RS-0004: the card fills everything but the phone number. */
    void toReview()
    {
        QVERIFY(s()->openItem(QStringLiteral("RS-0004")));
        s()->apply();
        QCOMPARE(s()->screen(), Screen::Form);
        j()->form()->setAnswer(QStringLiteral("phone"), QStringLiteral("13800138000"));
        j()->form()->next();
        QCOMPARE(s()->screen(), Screen::Review);
    }

    void toSubmitted()
    {
        toReview();
        j()->form()->setConsent(true);
        j()->submit();
        QTRY_COMPARE_WITH_TIMEOUT(s()->screen(), Screen::Submitted, 5000);
    }

    /** Reaches @p screen the way a resident's taps would. */
    void reach(Screen screen)
    {
        s()->reset();
        identify();
        switch (screen) {
        case Screen::Attract:
        case Screen::Home: break;
        case Screen::FacetList: s()->openDepartments(); break;
        case Screen::ItemList: s()->openCategory(QStringLiteral("eldercare")); break;
        case Screen::Search: s()->openSearch(); s()->typeText(QStringLiteral("sb")); break;
        case Screen::ItemDetail: s()->openItem(QStringLiteral("RS-0004")); break;
        case Screen::Form: s()->openItem(QStringLiteral("RS-0004")); s()->apply(); break;
        case Screen::Review: toReview(); break;
        case Screen::Submitted: toSubmitted(); break;
        case Screen::Evaluation: toSubmitted(); s()->openEvaluation(); break;
        case Screen::Progress: s()->openProgress(); break;
        case Screen::Query: s()->openItem(QStringLiteral("RS-0022")); s()->apply(); break;
        case Screen::StaffQueue: s()->unlockStaff(staffpin::demoPin()); break;
        case Screen::StaffDevices: s()->unlockStaff(staffpin::demoPin()); s()->openStaffDevices(); break;
        case Screen::StaffFleet: s()->unlockStaff(staffpin::demoTechnicianPin()); s()->openStaffFleet(); break;
        case Screen::Maintenance: s()->unlockStaff(staffpin::demoTechnicianPin()); break;
        }
    }

private Q_SLOTS:
    void init()
    {
        m_app = makeApp(m_state.path());
    }
    void cleanup()
    {
        m_app.reset();
    }

    void wholeVisit()
    {
        identify();
        QCOMPARE(s()->screen(), Screen::Home);
        toReview();
        // No consent yet: the review stays and says why.
        QSignalSpy failed(j()->submission(), &Submission::failed);
        j()->submit();
        QCOMPARE(failed.size(), 1);
        QCOMPARE(j()->submission()->error(), Submission::Error::NoConsent);
        QCOMPARE(s()->screen(), Screen::Review);
        j()->form()->setConsent(true);
        j()->submit();
        j()->submit(); // a second tap submits nothing more
        QTRY_COMPARE_WITH_TIMEOUT(s()->screen(), Screen::Submitted, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(j()->submission()->state(), Submission::State::Sent, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(j()->receipt()->state(), ReceiptSlip::State::Printed, 10000);
        QVERIFY(!j()->submission()->trackingNumber().isEmpty());
        // The way back from the result never leads to the review again.
        QVERIFY(s()->canGoBack());
        s()->openEvaluation();
        QCOMPARE(s()->screen(), Screen::Evaluation);
        j()->evaluation()->setLevel(5);
        j()->evaluation()->send();
        QCOMPARE(s()->screen(), Screen::Home);
        QVERIFY(!s()->notice().isEmpty());
        // Progress: the request, by the card on the reader.
        s()->openProgress();
        QCOMPARE(s()->screen(), Screen::Progress);
        QVERIFY2(s()->notice().isEmpty(), "the thank-you stays on the screen it was said on");
        QCOMPARE(j()->progress()->lookup(), ProgressModel::Lookup::Card);
        QCOMPARE(j()->progress()->rowCount(), 1);
        QCOMPARE(j()->progress()->index(0).data(ProgressModel::NumberRole).toString(), j()->submission()->trackingNumber());
    }

    void backFromTheResultGoesHome()
    {
        identify();
        toSubmitted();
        s()->back();
        QCOMPARE(s()->screen(), Screen::Home);
    }

    void backOnTheFormIsThePreviousQuestionThenTheItem()
    {
        s()->start();
        QVERIFY(s()->openItem(QStringLiteral("RS-0004"))); // anonymous: name, ID number… are asked
        s()->apply();
        FormSession *form = j()->form();
        QVERIFY(form->stepCount() > 2);
        const QString first = form->field().id;
        form->setAnswer(first, QStringLiteral("李秀英"));
        form->next();
        QCOMPARE(form->step(), 1);
        s()->back();
        QCOMPARE(s()->screen(), Screen::Form);
        QCOMPARE(form->step(), 0);
        s()->back();
        QCOMPARE(s()->screen(), Screen::ItemDetail);
    }

    void anAnonymousVisitIsOfferedTheCardReaderFirst()
    {
        s()->start();
        QVERIFY(!s()->identified());
        QVERIFY(s()->openItem(QStringLiteral("RS-0004")));
        s()->apply();
        QCOMPARE(s()->screen(), Screen::Form);
        FormSession *form = j()->form();
        QVERIFY(form->offerCard()); // 请在读卡区放置身份证, before any name or number is typed
        QCOMPARE(form->field().id, QStringLiteral("applicantName"));
        // The card goes on the reader: the visit is identified and the form filled from the card.
        auto *sim = m_app->devices()->simulator();
        QVERIFY(sim);
        QVERIFY(sim->insertCard(0));
        QTRY_VERIFY_WITH_TIMEOUT(s()->identified(), 5000);
        QCOMPARE(s()->screen(), Screen::Form);
        QVERIFY(!form->offerCard());
        QVERIFY(form->isFromCard(QStringLiteral("applicantName")));
        QVERIFY(form->isFromCard(QStringLiteral("idNumber")));
        QCOMPARE(form->field().id, QStringLiteral("phone"));
        form->setAnswer(QStringLiteral("phone"), QStringLiteral("13800138000"));
        form->next();
        QCOMPARE(s()->screen(), Screen::Review);
    }

    void aWrongAnswerStaysOnItsQuestion()
    {
        s()->start();
        QVERIFY(s()->openItem(QStringLiteral("RS-0004")));
        s()->apply();
        FormSession *form = j()->form();
        form->setAnswer(form->field().id, QStringLiteral("李秀英"));
        form->next();
        QCOMPARE(form->field().kind, FormSession::FieldKind::IdNumber);
        QSignalSpy rejected(form, &FormSession::answerRejected);
        form->setAnswer(form->field().id, QStringLiteral("350102199001011235")); // check digit wrong
        form->next();
        QCOMPARE(rejected.size(), 1);
        QCOMPARE(s()->screen(), Screen::Form);
        QVERIFY(!form->field().error.isEmpty());
    }

    void changingAnAnswerFromTheReview()
    {
        identify();
        toReview();
        QVERIFY(j()->form()->editField(QStringLiteral("phone")));
        QCOMPARE(s()->screen(), Screen::Form);
        QCOMPARE(j()->form()->field().id, QStringLiteral("phone"));
        j()->form()->next();
        QCOMPARE(s()->screen(), Screen::Review);
    }

    void aFailedSubmitStaysOnTheReview()
    {
        m_app.reset();
        m_app = makeApp(QStringLiteral("/proc/kiosk-no-state-here")); // the store cannot be opened
        QVERIFY(!m_app->queue()->available());
        identify();
        toReview();
        j()->form()->setConsent(true);
        QSignalSpy failed(j()->submission(), &Submission::failed);
        j()->submit();
        QVERIFY(failed.wait(5000));
        QCOMPARE(j()->submission()->error(), Submission::Error::NotSaved);
        QCOMPARE(j()->submission()->state(), Submission::State::None);
        QCOMPARE(s()->screen(), Screen::Review);
    }

    void aScannedReceiptOpensItsProgress()
    {
        identify();
        toSubmitted();
        QTRY_COMPARE_WITH_TIMEOUT(j()->submission()->state(), Submission::State::Sent, 10000);
        const QString tracking = j()->submission()->trackingNumber();
        const QString qr = j()->submission()->qrText();
        // The receipt's QR is the capability (id + MAC), not the platform's number.
        QVERIFY2(qr.startsWith(QStringLiteral("KIOSK:")) && !qr.contains(tracking), qPrintable(qr));
        QCOMPARE(m_app->queue()->verifyReceiptCode(qr), j()->submission()->requestId());
        s()->reset();
        s()->handleScannedCode(qr);
        QCOMPARE(s()->screen(), Screen::Progress);
        QCOMPARE(j()->progress()->lookup(), ProgressModel::Lookup::Code);
        QCOMPARE(j()->progress()->rowCount(), 1);
        // Anything else is explained, not opened.
        s()->handleScannedCode(QStringLiteral("https://example.invalid/pay?code=1"));
        QCOMPARE(s()->screen(), Screen::Progress);
        QVERIFY(!s()->notice().isEmpty());
    }

    /** A bare tracking number (sequential on the reference platform), the terminal's own receipt
     *  number or request id, a changed MAC or id, another terminal's code: all refused. */
    void aGuessedOrForgedReceiptCodeIsRefused()
    {
        identify();
        toSubmitted();
        QTRY_COMPARE_WITH_TIMEOUT(j()->submission()->state(), Submission::State::Sent, 10000);
        const QString id = j()->submission()->requestId();
        const QString qr = j()->submission()->qrText();
        QString otherMac = qr;
        otherMac[otherMac.size() - 1] = otherMac.back() == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
        QString otherId = qr;
        otherId[6] = otherId[6] == QLatin1Char('0') ? QLatin1Char('1') : QLatin1Char('0');
        // Another terminal (its own state, so its own key) makes a code for the same id.
        QTemporaryDir otherState;
        QueueService other(nullptr);
        {
            Config c;
            c.stateDir = otherState.path();
            c.simulate = true;
            auto parts = QueueComposition::start(c, other);
            QVERIFY(other.available());
            const QString foreign = other.receiptCode(id);
            QVERIFY(!foreign.isEmpty() && foreign != qr);
            const QStringList refused = {j()->submission()->trackingNumber(), Submission::terminalNumber(id),
                                         id, QStringLiteral("KIOSK:") + id, otherMac, otherId, foreign,
                                         qr.left(qr.size() - 1)};
            for (const QString &code : refused) {
                QVERIFY2(m_app->queue()->verifyReceiptCode(code).isEmpty(), qPrintable(code));
                s()->reset();
                m_clock->advance(Session::kLookupWindowMs); // no pause from the previous ones
                s()->handleScannedCode(code);
                QVERIFY2(s()->screen() != Screen::Progress, qPrintable(code));
                QCOMPARE(j()->progress()->lookup(), ProgressModel::Lookup::None);
                QVERIFY(!s()->notice().isEmpty());
            }
            other.stop();
        }
        // Case and spaces around it do not matter (a scanner may send lower case).
        QCOMPARE(m_app->queue()->verifyReceiptCode(QStringLiteral(" ") + qr.toLower() + QStringLiteral("\n")), id);
    }

    void failedLookupsPauseScanning()
    {
        identify();
        toSubmitted();
        const QString qr = j()->submission()->qrText();
        s()->reset();
        m_clock->advance(Session::kLookupWindowMs);
        for (int i = 0; i < Session::kLookupFailureLimit; ++i) {
            QVERIFY(!s()->lookupsPaused());
            s()->handleScannedCode(QStringLiteral("KIOSK:%1").arg(1000 + i)); // guesses
            m_clock->advance(1000);
        }
        QVERIFY(s()->lookupsPaused());
        // Now even the right code waits: the guesser cannot tell a hit from the pause.
        s()->handleScannedCode(qr);
        QCOMPARE(s()->screen(), Screen::Home);
        QVERIFY2(s()->notice().contains(QStringLiteral("wait")) || s()->notice().contains(QStringLiteral("等待")), qPrintable(s()->notice()));
        // An item code is not a lookup: it still opens the item.
        s()->handleScannedCode(QStringLiteral("RS-0004"));
        QCOMPARE(s()->screen(), Screen::ItemDetail);
        // A new visit does not lift the pause (it is the terminal's).
        s()->reset();
        s()->handleScannedCode(qr);
        QVERIFY(s()->screen() != Screen::Progress);
        // A minute after the first guess, the right code opens its request.
        m_clock->advance(Session::kLookupWindowMs - Session::kLookupFailureLimit * 1000 + 1);
        QVERIFY(!s()->lookupsPaused());
        s()->handleScannedCode(qr);
        QCOMPARE(s()->screen(), Screen::Progress);
    }

    /** Progress by card asks the reader now: a remembered identity is not enough. */
    void progressByCardNeedsTheCardOnTheReader()
    {
        identify();
        toSubmitted();
        QTRY_COMPARE_WITH_TIMEOUT(j()->submission()->state(), Submission::State::Sent, 10000);
        s()->goHome();
        s()->openProgress();
        QCOMPARE(j()->progress()->lookup(), ProgressModel::Lookup::Card);
        QVERIFY(j()->progress()->rowCount() >= 1);
        // Another visit, identified, but the card taken before the page is asked again.
        s()->reset();
        identify();
        QVERIFY(s()->identified());
        m_app->devices()->simulator()->removeCard();
        QTRY_VERIFY(!m_app->devices()->isCardPresent());
        QVERIFY(s()->identified()); // no submission in this visit: the visit goes on
        s()->openProgress();
        QCOMPARE(s()->screen(), Screen::Progress);
        QCOMPARE(j()->progress()->lookup(), ProgressModel::Lookup::None);
        QCOMPARE(j()->progress()->rowCount(), 0);
        QVERIFY(!s()->notice().isEmpty());
        // The card back on the reader: the page shows the requests.
        QVERIFY(m_app->devices()->simulator()->insertCard(0));
        QTRY_COMPARE(j()->progress()->lookup(), ProgressModel::Lookup::Card);
        QVERIFY(j()->progress()->rowCount() >= 1);
    }

    void takingTheCardAfterASubmissionEndsTheVisit()
    {
        identify();
        toSubmitted();
        QSignalSpy gone(s(), &Session::cardTakenAway);
        // Put back within the grace: the visit goes on.
        m_app->devices()->simulator()->removeCard();
        QTRY_COMPARE(s()->visitEndingSeconds(), Session::kCardGraceSeconds);
        QVERIFY(!s()->notice().isEmpty());
        m_clock->advance(5000);
        s()->poll();
        QCOMPARE(s()->screen(), Screen::Submitted);
        QVERIFY(m_app->devices()->simulator()->insertCard(0));
        QTRY_COMPARE(s()->visitEndingSeconds(), 0);
        m_clock->advance(10000);
        s()->poll();
        QCOMPARE(s()->screen(), Screen::Submitted);
        QVERIFY(s()->identified());
        // Taken for good: after the grace the identified visit ends.
        m_app->devices()->simulator()->removeCard();
        QTRY_VERIFY(s()->visitEndingSeconds() > 0);
        s()->openProgress(); // still usable during the grace, but asks the reader
        QCOMPARE(j()->progress()->rowCount(), 0);
        m_clock->advance(Session::kCardGraceSeconds * 1000 - 1000);
        s()->poll();
        QVERIFY(s()->identified());
        m_clock->advance(1000);
        s()->poll();
        QCOMPARE(gone.size(), 1);
        QCOMPARE(s()->screen(), Screen::Attract);
        QVERIFY(!s()->identified());
        QCOMPARE(s()->visitEndingSeconds(), 0);
    }

    void pinPadResetsWithTheVisit()
    {
        s()->start();
        StaffGate *pad = s()->staffPad();
        pad->openPad();
        pad->press(QStringLiteral("1"));
        pad->press(QStringLiteral("3"));
        QVERIFY(pad->isOpen());
        QCOMPARE(pad->digits(), 2);
        s()->reset();
        QVERIFY(!pad->isOpen());
        QCOMPARE(pad->digits(), 0);
        // The next staff member starts from an empty pad: what was typed is not submitted.
        pad->openPad();
        for (const QChar c : staffpin::demoPin())
            pad->press(QString(c));
        QCOMPARE(pad->digits(), staffpin::demoPin().size());
        pad->submit();
        QCOMPARE(s()->screen(), Screen::StaffQueue);
        QVERIFY(!pad->isOpen());
    }

    void idleResetFromEveryScreen_data()
    {
        QTest::addColumn<Screen>("screen");
        const QMetaEnum screens = QMetaEnum::fromType<Screen>();
        for (int i = 0; i < screens.keyCount(); ++i) {
            if (Screen(screens.value(i)) != Screen::Attract)
                QTest::newRow(screens.key(i)) << Screen(screens.value(i));
        }
    }
    void idleResetFromEveryScreen()
    {
        QFETCH(Screen, screen);
        reach(screen);
        QCOMPARE(s()->screen(), screen);
        QSignalSpy timedOut(s(), &Session::timedOut);
        const Config &c = m_app->config();
        m_clock->advance(qint64(c.idleTimeoutSeconds) * 1000 + 1000);
        s()->poll();
        QVERIFY(s()->idleWarning());
        QCOMPARE(s()->screen(), screen); // the warning first, over the same screen
        m_clock->advance(qint64(c.idleWarningSeconds) * 1000);
        s()->poll();
        QCOMPARE(timedOut.size(), 1);
        QCOMPARE(s()->screen(), Screen::Attract);
        QVERIFY(!s()->identified());
        QVERIFY(!j()->active());
        QVERIFY(!j()->form()->active());
        QCOMPARE(j()->form()->review()->rowCount(), 0);
        QCOMPARE(j()->submission()->state(), Submission::State::None);
        QCOMPARE(j()->progress()->rowCount(), 0);
        QVERIFY(!m_app->devices()->isCardPresent() || !m_app->devices()->currentCard().has_value()
                || m_app->devices()->currentCard()->idNumber.isEmpty());
        // The next visit is anonymous: nothing of the last resident prefills a form.
        s()->start();
        QVERIFY(s()->openItem(QStringLiteral("RS-0004")));
        s()->apply();
        QVERIFY(j()->form()->answer(QStringLiteral("idNumber")).isNull());
    }
};

QTEST_MAIN(TestFlow)
#include "tst_flow.moc"
