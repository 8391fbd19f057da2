// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/models/facetlistmodel.h"
#include "kiosk/browse/servicehandling.h"
#include "kiosk/models/servicelistmodel.h"
#include "services/catalog/catalogparser.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace kiosk;

class TestModels : public QObject
{
    Q_OBJECT
    catalog::Catalog m_catalog;

private Q_SLOTS:
    void initTestCase()
    {
        auto r = catalog::loadCatalogFile(QStringLiteral(KIOSK_TEST_DATA_DIR "/catalog-small.json"));
        QVERIFY(r.catalog);
        m_catalog = std::move(*r.catalog);
    }

    void serviceList()
    {
        ServiceListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy count(&model, &ServiceListModel::countChanged);
        QCOMPARE(model.rowCount(), 0);
        model.setItems(&m_catalog, {2, 0, 7});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(count.size(), 1);
        QCOMPARE(model.codeAt(0), QStringLiteral("RS-0003"));
        QCOMPARE(model.codeAt(3), QString());
        const QModelIndex i = model.index(0);
        QCOMPARE(model.data(i, ServiceListModel::NameRole).toString(), QStringLiteral("社会保障卡银行账户变更"));
        QCOMPARE(model.data(i, ServiceListModel::DepartmentRole).toString(), QStringLiteral("市人力资源和社会保障局"));
        QCOMPARE(model.data(i, ServiceListModel::HandlingRole).value<ServiceHandling::Kind>(), ServiceHandling::Kind::Collect);
        QCOMPARE(model.data(i, ServiceListModel::PopularityRole).toInt(), 40);
        QCOMPARE(model.roleNames().value(ServiceListModel::CodeRole), QByteArray("code"));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setEnglish(true);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.data(model.index(1), ServiceListModel::NameRole).toString(), QStringLiteral("Social insurance record enquiry"));
        QCOMPARE(model.data(i, ServiceListModel::DepartmentRole).toString(), QStringLiteral("Human Resources and Social Security Bureau"));
        model.setEnglish(true);
        QCOMPARE(changed.size(), 1); // no change, no signal
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void facetList()
    {
        FacetListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setEntries({{QStringLiteral("hrss"), QStringLiteral("人社局"), QStringLiteral("HRSS"), 4},
                          {QStringLiteral("civil"), QStringLiteral("民政局"), QString(), 3}});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.idAt(1), QStringLiteral("civil"));
        QCOMPARE(model.data(model.index(0), FacetListModel::CountRole).toInt(), 4);
        model.setEnglish(true);
        QCOMPARE(model.data(model.index(0), FacetListModel::NameRole).toString(), QStringLiteral("HRSS"));
        QCOMPARE(model.data(model.index(1), FacetListModel::NameRole).toString(), QStringLiteral("民政局"));
        QCOMPARE(model.roleNames().value(FacetListModel::IdRole), QByteArray("facetId"));
        model.setEntries({});
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestModels)
#include "tst_models.moc"
