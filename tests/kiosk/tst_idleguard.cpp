// SPDX-License-Identifier: GPL-3.0-or-later
// The idle guard on a clock moved by hand: warning, countdown, a touch, expiry, elder mode.
#include "kiosk/session/clock.h"
#include "kiosk/session/idleguard.h"

#include <QSignalSpy>
#include <QTest>

using namespace kiosk;

class TestIdleGuard : public QObject
{
    Q_OBJECT

    Config m_config;
    ManualClock m_clock;

private Q_SLOTS:
    void warnsCountsDownAndExpiresOnce()
    {
        IdleGuard g(m_config, &m_clock);
        QSignalSpy expired(&g, &IdleGuard::expired);
        g.start();
        m_clock.advance(qint64(m_config.idleTimeoutSeconds) * 1000 - 1);
        g.poll();
        QVERIFY(!g.warning());
        m_clock.advance(1);
        g.poll();
        QVERIFY(g.warning());
        QCOMPARE(g.secondsLeft(), m_config.idleWarningSeconds);
        m_clock.advance(10'500);
        g.poll();
        QCOMPARE(g.secondsLeft(), m_config.idleWarningSeconds - 10);
        m_clock.advance(qint64(m_config.idleWarningSeconds) * 1000);
        g.poll();
        QCOMPARE(expired.size(), 1);
        QVERIFY(!g.warning());
        g.poll(); // stopped: no second expiry
        QCOMPARE(expired.size(), 1);
        QCOMPARE(g.limitSeconds(), m_config.idleTimeoutSeconds + m_config.idleWarningSeconds);
    }

    void aTouchDismissesTheWarning()
    {
        IdleGuard g(m_config, &m_clock);
        QSignalSpy changed(&g, &IdleGuard::warningChanged);
        g.start();
        m_clock.advance(qint64(m_config.idleTimeoutSeconds) * 1000 + 2000);
        g.poll();
        QVERIFY(g.warning());
        g.activity();
        QVERIFY(!g.warning());
        QVERIFY(changed.size() >= 2);
        m_clock.advance(qint64(m_config.idleTimeoutSeconds) * 1000 - 1000);
        g.poll();
        QVERIFY(!g.warning()); // the quiet time counts from the touch
    }

    void elderModeGivesMoreTime()
    {
        IdleGuard g(m_config, &m_clock);
        g.setElder(true);
        g.start();
        m_clock.advance(qint64(m_config.idleTimeoutSeconds) * 1000 + 1000);
        g.poll();
        QVERIFY(!g.warning());
        m_clock.advance(qint64(m_config.elderIdleTimeoutSeconds - m_config.idleTimeoutSeconds) * 1000);
        g.poll();
        QVERIFY(g.warning());
        QCOMPARE(g.secondsLeft(), m_config.elderWarningSeconds - 1);
        QCOMPARE(g.limitSeconds(), m_config.elderIdleTimeoutSeconds + m_config.elderWarningSeconds);
    }

    void nothingIsWatchedWithoutAVisit()
    {
        IdleGuard g(m_config, &m_clock);
        QSignalSpy expired(&g, &IdleGuard::expired);
        m_clock.advance(10'000'000);
        g.poll();
        g.activity();
        QVERIFY(!g.warning());
        QCOMPARE(expired.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestIdleGuard)
#include "tst_idleguard.moc"
