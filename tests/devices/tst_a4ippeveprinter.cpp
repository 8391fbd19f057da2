// SPDX-License-Identifier: GPL-3.0-or-later
// Tier 3: the A4 printer against a real IPP Everywhere printer — CUPS' own ippeveprinter on
// 127.0.0.1, started and stopped by this test (tests/support/ippeveprinter.h), spooling what it
// receives into a folder. The terminal's code (DeviceManager, the driver, libcups) prints a
// 2-page certificate made here; the spooled file is read back with pdfinfo and pdftotext.
// kioskctl's `print test-page` and `printers list` run against the same printer, and against a
// port where nothing listens.
#include "devices/a4printer/textpdf.h"
#include "devices/devicemanager.h"
#include "tests/support/ippeveprinter.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace kiosk::devices;
using namespace std::chrono_literals;
using kiosk::testsupport::freePort;
using kiosk::testsupport::run;
using kiosk::testsupport::tool;

class TestA4IppEvePrinter : public QObject
{
    Q_OBJECT

    kiosk::testsupport::IppEvePrinter m_printer;
    QString m_uri;

    QStringList spooled() const { return m_printer.spooled(); }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<DeviceError>();
        const QString error = m_printer.start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_uri = m_printer.uri();
    }

    void cleanupTestCase() { m_printer.stop(); }

    void printsACertificateThroughTheDriver()
    {
        DeviceManager manager(false);
        DeviceManager::Options o;
        o.a4Printer = m_uri;
        o.a4Timing.jobPoll = 200ms;
        manager.setOptions(o);
        QSignalSpy progress(&manager, &DeviceManager::documentProgress);
        QSignalSpy finished(&manager, &DeviceManager::documentFinished);
        manager.start();
        QVERIFY2(QTest::qWaitFor([&] { return manager.a4PrinterStatus() == DeviceStatus::Normal; }, 15000),
                 qPrintable(manager.a4PrinterMessage()));
        QCOMPARE(manager.devices()->inService(DeviceKind::A4Printer).transport, QStringLiteral("ipp"));

        const QString item = QStringLiteral("社会保险缴费证明");
        const QString resident = QStringLiteral("张伟");
        const QString reference = QStringLiteral("Q-20261201-0042");
        const QByteArray pdf = kiosk::devices::a4::textPdf(
            item, {{item, QStringLiteral("姓名: %1").arg(resident), QStringLiteral("Reference %1").arg(reference), QStringLiteral("Page 1 of 2")},
                   {item, QStringLiteral("Reference %1").arg(reference), QStringLiteral("Page 2 of 2")}});
        const QStringList before = spooled();
        const int job = manager.printDocument(pdf, QStringLiteral("SB-0012 %1 %2").arg(reference, resident), 2);
        QVERIFY(job > 0);
        QVERIFY(QTest::qWaitFor([&] { return !finished.isEmpty(); }, 60000));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(0).toInt(), job);
        QVERIFY2(finished.first().at(1).toBool(), qPrintable(finished.first().at(3).toString()));
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(1).toInt(), 2);
        QCOMPARE(progress.last().at(2).toInt(), 2);
        manager.stop();

        // What the printer received: 2 A4 pages with the name and the reference in them; the job
        // name (ippeveprinter names the file after it) without the resident's name.
        const QStringList after = spooled();
        QCOMPARE(after.size(), before.size() + 1);
        const QString file = after.last();
        QVERIFY2(QFileInfo(file).fileName().contains(QLatin1String("SB-0012"), Qt::CaseInsensitive), qPrintable(file));
        QVERIFY2(!QFileInfo(file).fileName().contains(resident), qPrintable(file));
        QString info;
        QCOMPARE(run(tool(QStringLiteral("pdfinfo")), {file}, &info), 0);
        QVERIFY2(info.contains(QRegularExpression(QStringLiteral("Pages:\\s+2\\n"))), qPrintable(info));
        QVERIFY2(info.contains(QLatin1String("(A4)")), qPrintable(info));
        QString text;
        QCOMPARE(run(tool(QStringLiteral("pdftotext")), {file, QStringLiteral("-")}, &text), 0);
        QVERIFY2(text.contains(item), qPrintable(text));
        QVERIFY2(text.contains(resident), qPrintable(text));
        QVERIFY2(text.contains(reference), qPrintable(text));
    }

    void kioskctlTestPage()
    {
        const QStringList before = spooled();
        QString out;
        QCOMPARE(run(QStringLiteral(KIOSKCTL_PATH), {QStringLiteral("print"), QStringLiteral("test-page"), QStringLiteral("--printer"), m_uri}, &out), 0);
        QVERIFY2(out.contains(QLatin1String("test page printed on ") + m_uri), qPrintable(out));
        const QStringList after = spooled();
        QCOMPARE(after.size(), before.size() + 1);
        QString info;
        QCOMPARE(run(tool(QStringLiteral("pdfinfo")), {after.last()}, &info), 0);
        QVERIFY2(info.contains(QRegularExpression(QStringLiteral("Pages:\\s+1\\n"))), qPrintable(info));
        QString text;
        QCOMPARE(run(tool(QStringLiteral("pdftotext")), {after.last(), QStringLiteral("-")}, &text), 0);
        QVERIFY2(text.contains(QLatin1String("Kiosk A4 printer test page")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("自助终端 A4 打印测试页")), qPrintable(text));
    }

    void kioskctlTestPageNowhere()
    {
        // Nothing listens there: exit 1, and the reason in plain words.
        QString out;
        const QString nowhere = QStringLiteral("ipp://127.0.0.1:%1/ipp/print").arg(freePort());
        QCOMPARE(run(QStringLiteral(KIOSKCTL_PATH), {QStringLiteral("print"), QStringLiteral("test-page"), QStringLiteral("--printer"), nowhere}, &out), 1);
        QVERIFY2(out.contains(QLatin1String("the test page was not printed")), qPrintable(out));
        QVERIFY2(out.contains(QLatin1String("the printer does not answer")), qPrintable(out));
    }

    void kioskctlPrintersList()
    {
        QString out;
        QCOMPARE(run(QStringLiteral(KIOSKCTL_PATH), {QStringLiteral("printers"), QStringLiteral("list"), QStringLiteral("--printer"), m_uri}, &out), 0);
        QJsonObject line;
        for (const QString &l : out.split(QLatin1Char('\n'))) {
            const QJsonObject o = QJsonDocument::fromJson(l.toUtf8()).object();
            if (o.value(QStringLiteral("uri")).toString() == m_uri)
                line = o;
        }
        QVERIFY2(!line.isEmpty(), qPrintable(out));
        QCOMPARE(line.value(QStringLiteral("state")).toString(), QStringLiteral("idle"));
        QVERIFY(line.value(QStringLiteral("ippEverywhere")).toBool());
        QVERIFY(line.value(QStringLiteral("error")).isNull());
        QVERIFY(line.value(QStringLiteral("reasons")).isArray());
        QVERIFY(!line.value(QStringLiteral("name")).toString().isEmpty());
        // Keys in alphabetical order, as every JSON-line command prints them.
        QVERIFY2(out.contains(QRegularExpression(QStringLiteral("\\{\"error\":null,\"ippEverywhere\":true,\"name\":\"[^\"]+\",\"reasons\":\\[[^]]*\\],\"state\":\"idle\",\"uri\":\"%1\"\\}")
                                                     .arg(QRegularExpression::escape(m_uri)))),
                 qPrintable(out));
    }
};

QTEST_MAIN(TestA4IppEvePrinter)
#include "tst_a4ippeveprinter.moc"
