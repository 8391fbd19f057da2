// SPDX-License-Identifier: GPL-3.0-or-later
// The staff PIN: its hash (real OpenSSL PBKDF2), and the pad's lockout, persisted in a real
// state folder across a restart of the Session and of the whole KioskApp.
#include "kiosk/kioskapp.h"
#include "kiosk/session/clock.h"
#include "kiosk/session/session.h"
#include "kiosk/session/staffgate.h"
#include "kiosk/session/staffpin.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace kiosk;

class TestStaffGate : public QObject
{
    Q_OBJECT

    // One hash for the whole file: each costs a quarter of a second.
    QString m_hash;
    const QString m_pin = QStringLiteral("482913");

    static void type(StaffGate &pad, const QString &pin)
    {
        for (const QChar c : pin)
            pad.press(QString(c));
    }
    static void waitOut(ManualClock &clock, StaffGate &pad)
    {
        clock.advance(qint64(pad.waitSeconds()) * 1000);
        pad.poll();
    }
    Config config(const QString &stateDir) const
    {
        Config c;
        c.stateDir = stateDir;
        c.staffPinHash = m_hash;
        return c;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QElapsedTimer t;
        t.start();
        m_hash = staffpin::hashPin(m_pin);
        qInfo() << "one PBKDF2-SHA256 hash at" << staffpin::kDefaultIterations << "iterations:" << t.elapsed() << "ms";
        QVERIFY(!m_hash.isEmpty());
    }

    void hashIsSaltedAndVerifies()
    {
        QVERIFY2(m_hash.startsWith(QStringLiteral("pbkdf2-sha256$%1$").arg(staffpin::kDefaultIterations)), qPrintable(m_hash));
        QVERIFY(staffpin::isValidHash(m_hash));
        QVERIFY(!m_hash.contains(m_pin));
        QVERIFY(staffpin::verifyPin(m_pin, m_hash));
        QVERIFY(!staffpin::verifyPin(QStringLiteral("482914"), m_hash));
        QVERIFY(!staffpin::verifyPin(QString(), m_hash));
        // A fresh salt every time: the same PIN never gives the same string.
        const QString again = staffpin::hashPin(m_pin, staffpin::kMinIterations);
        QVERIFY(again != m_hash);
        QVERIFY(staffpin::verifyPin(m_pin, again));
        // Changed in any part, the hash no longer matches; a weak one is not accepted at all.
        QString flipped = m_hash;
        flipped[flipped.size() - 3] = flipped[flipped.size() - 3] == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
        QVERIFY(!staffpin::verifyPin(m_pin, flipped));
        QVERIFY(staffpin::hashPin(m_pin, 1000).isEmpty());
        QVERIFY(staffpin::hashPin(QStringLiteral("12")).isEmpty());
        // The demo hash holds the demo PIN (and nothing makes it a default: see tst_config).
        QVERIFY(staffpin::verifyPin(staffpin::demoPin(), staffpin::demoHash()));
    }

    void noPinConfiguredMeansNoStaffPages()
    {
        ManualClock clock;
        Config c;
        Session s(c, &clock);
        StaffGate *pad = s.staffPad();
        QVERIFY(!pad->configured());
        pad->openPad();
        QVERIFY(pad->isOpen());
        QCOMPARE(pad->state(), StaffGate::State::NotSetUp);
        QVERIFY(!pad->accepting());
        pad->press(QStringLiteral("2"));
        QCOMPARE(pad->digits(), 0);
        // The old default opens nothing, nor does any other PIN.
        QVERIFY(!s.unlockStaff(QStringLiteral("246810")));
        QVERIFY(!s.unlockStaff(staffpin::demoPin()));
        QVERIFY(s.screen() != Session::Screen::StaffQueue);
    }

    void wrongPinsLockThePadLongerEachTime()
    {
        QTemporaryDir state;
        ManualClock clock;
        Session s(config(state.path()), &clock);
        StaffGate *pad = s.staffPad();
        QSignalSpy locked(pad, &StaffGate::lockedOut);
        pad->openPad();
        // A mistyped PIN: a short pause in which the keys take nothing (no immediate retry).
        type(*pad, QStringLiteral("111111"));
        pad->submit();
        QCOMPARE(pad->state(), StaffGate::State::WrongPin);
        QCOMPARE(pad->digits(), 0);
        QVERIFY(!pad->accepting());
        QCOMPARE(pad->waitSeconds(), 3);
        pad->press(QStringLiteral("4"));
        QCOMPARE(pad->digits(), 0);
        QVERIFY(!s.unlockStaff(m_pin)); // not even the right PIN while waiting
        waitOut(clock, *pad);
        QVERIFY(pad->accepting());
        type(*pad, QStringLiteral("222222"));
        pad->submit();
        waitOut(clock, *pad);
        QCOMPARE(locked.size(), 0);
        // The third wrong PIN in a row locks the pad; each further one for longer.
        const qint64 expected[] = {30, 60, 300, 900, 3600, 3600};
        for (qint64 seconds : expected) {
            type(*pad, QStringLiteral("333333"));
            pad->submit();
            QCOMPARE(pad->state(), StaffGate::State::Locked);
            QCOMPARE(pad->waitSeconds(), seconds);
            clock.advance(seconds * 1000 - 1000);
            pad->poll();
            QVERIFY(!pad->accepting());
            clock.advance(1000);
            pad->poll();
            QVERIFY(pad->accepting());
        }
        QCOMPARE(locked.size(), 6);
        QCOMPARE(pad->failedAttempts(), 8);
        QCOMPARE(pad->lockoutsTotal(), 6);
        // The right PIN ends it: the count starts again, the staff page is told what happened.
        type(*pad, m_pin);
        pad->submit();
        QCOMPARE(s.screen(), Session::Screen::StaffQueue);
        QCOMPARE(pad->failedAttempts(), 0);
        QCOMPARE(pad->failuresBeforeUnlock(), 8);
        QCOMPARE(pad->lockoutsTotal(), 6);
    }

    /** The technician's PIN: the same pad, the maintenance menu; wrong PINs of both in one row. */
    void theTechnicianPinOpensTheMaintenanceMenu()
    {
        QTemporaryDir state;
        ManualClock clock;
        Config c = config(state.path());
        c.technicianPinHash = staffpin::demoTechnicianHash();
        Session s(c, &clock);
        StaffGate *pad = s.staffPad();
        QVERIFY(pad->technicianConfigured());
        // The staff PIN: staff pages, and no way to the maintenance menu or the fleet page.
        QVERIFY(s.unlockStaff(m_pin));
        QCOMPARE(pad->role(), StaffGate::Role::Staff);
        QCOMPARE(s.screen(), Session::Screen::StaffQueue);
        QVERIFY(!s.technician());
        s.openMaintenance();
        s.openStaffFleet();
        QCOMPARE(s.screen(), Session::Screen::StaffQueue);
        s.reset();
        // Wrong PINs count in one row whichever PIN was meant: the third locks the pad for both.
        pad->openPad();
        for (int i = 0; i < 3; ++i) {
            type(*pad, QStringLiteral("000000"));
            pad->submit();
            if (i < 2)
                waitOut(clock, *pad);
        }
        QCOMPARE(pad->state(), StaffGate::State::Locked);
        QVERIFY(!s.unlockStaff(staffpin::demoTechnicianPin()));
        waitOut(clock, *pad);
        // The technician's PIN through the pad: the maintenance menu, and the fleet page from it.
        type(*pad, staffpin::demoTechnicianPin());
        pad->submit();
        QCOMPARE(pad->role(), StaffGate::Role::Technician);
        QCOMPARE(s.screen(), Session::Screen::Maintenance);
        QVERIFY(s.technician());
        QCOMPARE(pad->failuresBeforeUnlock(), 3);
        s.openStaffFleet();
        QCOMPARE(s.screen(), Session::Screen::StaffFleet);
        s.openStaffQueue();
        QCOMPARE(s.screen(), Session::Screen::StaffQueue);
        s.openMaintenance();
        QCOMPARE(s.screen(), Session::Screen::Maintenance);
        // The visit's end closes it all.
        s.reset();
        QVERIFY(!s.technician());
        QCOMPARE(s.screen(), Session::Screen::Attract);
        // Only a technician PIN configured: the pad opens the menu, nothing else.
        Config onlyTechnician;
        onlyTechnician.technicianPinHash = staffpin::demoTechnicianHash();
        Session t(onlyTechnician, &clock);
        QVERIFY(t.staffPad()->configured());
        QVERIFY(!t.unlockStaff(m_pin));
        waitOut(clock, *t.staffPad());
        QVERIFY(t.unlockStaff(staffpin::demoTechnicianPin()));
        QCOMPARE(t.screen(), Session::Screen::Maintenance);
    }

    void aTechnicianPinEqualToTheStaffPinIsRefused()
    {
        QString error;
        const QByteArray json = QStringLiteral("{\"staffPinHash\": \"%1\", \"technicianPinHash\": \"%1\"}").arg(m_hash).toUtf8();
        QVERIFY(!Config::fromJson(json, &error));
        QVERIFY2(error.contains(QLatin1String("technicianPinHash")), qPrintable(error));
        QVERIFY(Config::fromJson(QStringLiteral("{\"staffPinHash\": \"%1\", \"technicianPinHash\": \"%2\"}")
                                     .arg(m_hash, staffpin::demoTechnicianHash())
                                     .toUtf8(),
                                 &error));
    }

    void lockoutSurvivesARestart()
    {
        QTemporaryDir state;
        {
            ManualClock clock;
            Session s(config(state.path()), &clock);
            for (int i = 0; i <= StaffGate::kFreeAttempts; ++i) {
                waitOut(clock, *s.staffPad());
                QVERIFY(!s.unlockStaff(QStringLiteral("0000")));
            }
            QCOMPARE(s.staffPad()->state(), StaffGate::State::Locked);
        }
        const QString file = QDir(state.path()).filePath(QStringLiteral("staff/pin-attempts.json"));
        QVERIFY(QFile::exists(file));
        const auto filePerms = QFileInfo(file).permissions();
        QVERIFY(filePerms.testFlag(QFileDevice::ReadOwner) && filePerms.testFlag(QFileDevice::WriteOwner) && !filePerms.testFlag(QFileDevice::ExeOwner));
        QCOMPARE(int(filePerms & 0x00FF), 0); // nothing for group or others: 0600
        const auto dirPerms = QFileInfo(QFileInfo(file).path()).permissions();
        QVERIFY(dirPerms.testFlag(QFileDevice::ExeOwner));
        QCOMPARE(int(dirPerms & 0x00FF), 0); // 0700
        QFile attempts(file);
        QVERIFY(attempts.open(QIODevice::ReadOnly));
        // Counts and times only, never what was typed.
        QStringList keys = QJsonDocument::fromJson(attempts.readAll()).object().keys();
        keys.sort();
        QCOMPARE(keys, (QStringList{QStringLiteral("failures"), QStringLiteral("lockoutsTotal"), QStringLiteral("savedAt"),
                                    QStringLiteral("v"), QStringLiteral("waitMs")}));
        // The whole terminal restarted (a new monotonic clock at zero): still locked.
        {
            Config c = config(state.path());
            c.simulate = true;
            auto clock = std::make_unique<ManualClock>();
            ManualClock *mc = clock.get();
            KioskApp app(c, std::move(clock));
            StaffGate *pad = app.session()->staffPad();
            QCOMPARE(pad->state(), StaffGate::State::Locked);
            QVERIFY(pad->waitSeconds() >= 29 && pad->waitSeconds() <= 30);
            QVERIFY(!app.session()->unlockStaff(m_pin));
            mc->advance(30'000);
            pad->poll();
            // The next wrong PIN locks for longer: the count survived too.
            QVERIFY(!app.session()->unlockStaff(QStringLiteral("0000")));
            QCOMPARE(pad->failedAttempts(), 4);
            QCOMPARE(pad->waitSeconds(), 60);
        }
    }

    void clockSetBackDoesNotLengthenTheLockout()
    {
        QTemporaryDir state;
        qint64 wall = 1'700'000'000'000;
        {
            ManualClock clock;
            StaffGate pad(m_hash, state.path(), &clock, [&wall] { return wall; });
            for (int i = 0; i <= StaffGate::kFreeAttempts; ++i) {
                waitOut(clock, pad);
                QVERIFY(!pad.check(QStringLiteral("0000")));
            }
            QCOMPARE(pad.waitSeconds(), 30);
        }
        // Restarted after the wall clock went back a day: the wait is what was left, not a day more.
        wall -= 24 * 3600 * 1000;
        {
            ManualClock clock;
            StaffGate pad(m_hash, state.path(), &clock, [&wall] { return wall; });
            QCOMPARE(pad.state(), StaffGate::State::Locked);
            QCOMPARE(pad.waitSeconds(), 30);
        }
        // Restarted 10 s after the failure by the wall clock: 20 s left.
        wall += 24 * 3600 * 1000 + 10'000;
        {
            ManualClock clock;
            StaffGate pad(m_hash, state.path(), &clock, [&wall] { return wall; });
            QCOMPARE(pad.waitSeconds(), 20);
        }
    }

    void anUnreadableAttemptFileStartsLocked()
    {
        QTemporaryDir state;
        QVERIFY(QDir(state.path()).mkpath(QStringLiteral("staff")));
        QFile f(QDir(state.path()).filePath(QStringLiteral("staff/pin-attempts.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("garbage");
        f.close();
        ManualClock clock;
        StaffGate pad(m_hash, state.path(), &clock);
        QCOMPARE(pad.state(), StaffGate::State::Locked);
    }
};

QTEST_MAIN(TestStaffGate)
#include "tst_staffgate.moc"
