// SPDX-License-Identifier: GPL-3.0-or-later
// The simulated city of --simulate: one reference platform that a terminal reaches over TLS as
// every platform of the default catalog.
#include "services/platform/platformclient.h"
#include "services/simulation/simulatedcity.h"

#include <QTemporaryDir>
#include <QTest>

using namespace kiosk;

class TestSimulatedCity : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void servesEveryCatalogPlatform()
    {
        QTemporaryDir dir;
        std::string error;
        auto city = simulation::SimulatedCity::start(dir.path().toStdString(), &error);
        QVERIFY2(city, error.c_str());
        const auto endpoints = city->endpoints("T-0001");
        QCOMPARE(endpoints.size(), simulation::SimulatedCity::platformIds().size());
        for (const auto &e : endpoints) {
            QCOMPARE(e.port, city->platform().port());
            QCOMPARE(e.terminalId, std::string("T-0001"));
        }
        platform::PlatformClient client(endpoints.front());
        const auto reply = client.post("/api/v1/submissions", "00000000-0000-4000-8000-000000000001", R"({"itemCode":"RS-0001"})");
        QCOMPARE(reply.status, 201);
        QCOMPARE(city->platform().effects().size(), std::size_t(1));
        QVERIFY(city->platform().setStatus(city->platform().effects().front().trackingNumber, "done", "ok"));
        city->stop();
    }

    void unusableDirIsReported()
    {
        std::string error;
        QVERIFY(!simulation::SimulatedCity::start("/proc/no-city-here", &error));
        QVERIFY(!error.empty());
    }
};

QTEST_GUILESS_MAIN(TestSimulatedCity)
#include "tst_simulatedcity.moc"
