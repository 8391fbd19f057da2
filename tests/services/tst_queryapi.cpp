// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/platform/queryapi.h"
#include <QTest>
class TestQueryApi : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void paths() { QCOMPARE(kiosk::platform::query::queryPath(), QStringLiteral("/api/v1/queries")); }
};
QTEST_GUILESS_MAIN(TestQueryApi)
#include "tst_queryapi.moc"
