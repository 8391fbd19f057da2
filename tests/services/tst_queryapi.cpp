// SPDX-License-Identifier: GPL-3.0-or-later
// The query and certificate codec (services/platform/queryapi.h): round trips, every limit, and
// what a hostile or broken platform may send instead of an answer.
#include "services/platform/queryapi.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <functional>

using namespace kiosk::platform::query;

namespace {

QDateTime at(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
}

Answer sampleAnswer()
{
    Answer a;
    a.itemCode = QStringLiteral("RS-0022");
    a.title = QStringLiteral("社会保险个人权益记录查询");
    a.titleEn = QStringLiteral("Social insurance record enquiry");
    a.reference = QStringLiteral("RS0022-20261201-0001-ABCD");
    a.issuedAt = at("2026-12-01T08:00:00Z");
    a.validUntil = at("2026-12-02T08:00:00Z");
    a.values = {{QStringLiteral("参保状态"), QStringLiteral("Status"), QStringLiteral("正常参保")},
                {QStringLiteral("累计缴费月数"), QStringLiteral("Months contributed"), QStringLiteral("156")}};
    Table t{QStringLiteral("缴费明细"), QStringLiteral("Contributions"), {QStringLiteral("年月"), QStringLiteral("个人缴纳")},
            {QStringLiteral("Month"), QStringLiteral("Employee")}, {}};
    t.rows = {{QStringLiteral("2026-10"), QStringLiteral("1184.00")}, {QStringLiteral("2026-11"), QStringLiteral("1184.00")}};
    a.tables = {t};
    a.notes = {QStringLiteral("以经办机构记账为准。")};
    a.notesEn = {QStringLiteral("The agency's record prevails.")};
    return a;
}

QByteArray minimalPdf()
{
    return QByteArrayLiteral("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
}

Certificate sampleCertificate()
{
    Certificate c;
    c.itemCode = QStringLiteral("RS-0023");
    c.title = QStringLiteral("社会保险缴费证明");
    c.titleEn = QStringLiteral("Social insurance contribution certificate");
    c.reference = QStringLiteral("RS0023-20261201-0002-WXYZ");
    c.verificationCode = QStringLiteral("UMUE-G66X-DYDT-T8MV");
    c.issuedAt = at("2026-12-01T08:00:00Z");
    c.validUntil = at("2026-12-31T08:00:00Z");
    c.document = minimalPdf();
    c.sha256 = QCryptographicHash::hash(c.document, QCryptographicHash::Sha256);
    c.pages = 1;
    return c;
}

QJsonObject json(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

QByteArray bytes(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

using Edit = std::function<void(QJsonObject &)>;

QByteArray editedAnswer(const Edit &edit)
{
    QJsonObject o = json(answerBody(sampleAnswer()));
    edit(o);
    return bytes(o);
}

QByteArray editedCertificate(const Edit &edit)
{
    QJsonObject o = json(certificateBody(sampleCertificate()));
    edit(o);
    return bytes(o);
}

QJsonArray strings(int n, const QString &s = QStringLiteral("x"))
{
    QJsonArray a;
    for (int i = 0; i < n; ++i)
        a.append(s);
    return a;
}

QJsonObject tableWith(int columns, int rows)
{
    QJsonArray r;
    for (int i = 0; i < rows; ++i)
        r.append(strings(columns));
    return QJsonObject{{QStringLiteral("title"), QStringLiteral("t")}, {QStringLiteral("columns"), strings(columns)}, {QStringLiteral("rows"), r}};
}

QJsonArray valuesOf(int n)
{
    QJsonArray a;
    for (int i = 0; i < n; ++i)
        a.append(QJsonObject{{QStringLiteral("label"), QStringLiteral("l")}, {QStringLiteral("value"), QStringLiteral("v")}});
    return a;
}

} // namespace

class TestQueryApi : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void paths()
    {
        // As docs/platform-api.md, "Queries and certificates", spells them.
        QCOMPARE(queryPath(), QStringLiteral("/api/v1/queries"));
        QCOMPARE(certificatePath(), QStringLiteral("/api/v1/certificates"));
        QFile page(QStringLiteral(KIOSK_SOURCE_DIR "/docs/platform-api.md"));
        QVERIFY(page.open(QIODevice::ReadOnly));
        const QString doc = QString::fromUtf8(page.readAll()).simplified(); // line breaks are spaces
        QVERIFY(doc.contains(QStringLiteral("## Queries and certificates")));
        QVERIFY(doc.contains(QStringLiteral("`POST ") + queryPath() + QLatin1Char('`')));
        QVERIFY(doc.contains(QStringLiteral("`POST ") + certificatePath() + QLatin1Char('`')));
        // The limits the page states are the code's.
        QVERIFY(doc.contains(QStringLiteral("≤ 64 (`kMaxValues`)")) && kMaxValues == 64);
        QVERIFY(doc.contains(QStringLiteral("≤ 8 tables (`kMaxTables`)")) && kMaxTables == 8);
        QVERIFY(doc.contains(QStringLiteral("1–12 columns (`kMaxColumns`)")) && kMaxColumns == 12);
        QVERIFY(doc.contains(QStringLiteral("≤ 600 rows (`kMaxRows`)")) && kMaxRows == 600);
        QVERIFY(doc.contains(QStringLiteral("2000 characters (`kMaxText`)")) && kMaxText == 2000);
        QVERIFY(doc.contains(QStringLiteral("8 MiB (`kMaxDocumentBytes`)")) && kMaxDocumentBytes == 8 * 1024 * 1024);
        QVERIFY(doc.contains(QStringLiteral("**8 s** (`query::kQueryDeadlineMs`)")) && kQueryDeadlineMs == 8000);
        QVERIFY(doc.contains(QStringLiteral("**12 s** (`kCertificateDeadlineMs`)")) && kCertificateDeadlineMs == 12'000);
        QVERIFY(doc.contains(QStringLiteral("1–20 (`kMaxPages`)")) && kMaxPages == 20);
    }

    void requestRoundTrip()
    {
        Request r{QStringLiteral("WJ-0005"), QStringLiteral("T-0001"), QStringLiteral("350102198503122136"), QStringLiteral("张伟"),
                  QStringLiteral("35010220180305123X"), QStringLiteral("鼓楼区")};
        const auto back = parseRequest(requestBody(r));
        QVERIFY(back);
        QCOMPARE(back->itemCode, r.itemCode);
        QCOMPARE(back->terminalId, r.terminalId);
        QCOMPARE(back->idNumber, r.idNumber);
        QCOMPARE(back->name, r.name);
        QCOMPARE(back->childIdNumber, r.childIdNumber);
        QCOMPARE(back->queryText, r.queryText);
    }

    void publicRequestCarriesNoIdentity()
    {
        const QJsonObject o = json(requestBody({QStringLiteral("JY-0005"), QStringLiteral("T-0001"), {}, {}, {}, QStringLiteral("五四路")}));
        QVERIFY(!o.contains(QStringLiteral("idNumber")));
        QVERIFY(!o.contains(QStringLiteral("name")));
        QVERIFY(!o.contains(QStringLiteral("childIdNumber")));
        QCOMPARE(o.value(QStringLiteral("queryText")).toString(), QStringLiteral("五四路"));
    }

    void malformedRequests_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("not json") << QByteArray("itemCode=RS-0022");
        QTest::newRow("array") << QByteArray("[]");
        QTest::newRow("no item") << QByteArray(R"({"terminal":"T"})");
        QTest::newRow("bad item") << QByteArray(R"({"itemCode":"rs22"})");
        QTest::newRow("id as number") << QByteArray(R"({"itemCode":"RS-0022","idNumber":350102})");
        QTest::newRow("id with space") << QByteArray(R"({"itemCode":"RS-0022","idNumber":"3501 02"})");
        QTest::newRow("huge") << QByteArray("{\"itemCode\":\"RS-0022\",\"queryText\":\"" + QByteArray(kMaxRequestBytes, 'a') + "\"}");
    }
    void malformedRequests()
    {
        QFETCH(QByteArray, body);
        QString error;
        QVERIFY(!parseRequest(body, &error));
        QVERIFY(!error.isEmpty());
    }

    void answerRoundTrip()
    {
        const Answer a = sampleAnswer();
        const QByteArray body = answerBody(a);
        QString error;
        const auto back = parseAnswer(body, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(int(back->outcome), int(Outcome::Answered));
        QCOMPARE(back->itemCode, a.itemCode);
        QCOMPARE(back->title, a.title);
        QCOMPARE(back->titleEn, a.titleEn);
        QCOMPARE(back->reference, a.reference);
        QCOMPARE(back->issuedAt, a.issuedAt);
        QCOMPARE(back->validUntil, a.validUntil);
        QCOMPARE(back->values.size(), a.values.size());
        QCOMPARE(back->values[1].label, a.values[1].label);
        QCOMPARE(back->values[1].labelEn, a.values[1].labelEn);
        QCOMPARE(back->values[1].value, a.values[1].value);
        QCOMPARE(back->tables.size(), std::size_t(1));
        QCOMPARE(back->tables[0].columns, a.tables[0].columns);
        QCOMPARE(back->tables[0].columnsEn, a.tables[0].columnsEn);
        QCOMPARE(back->tables[0].rows, a.tables[0].rows);
        QCOMPARE(back->notes, a.notes);
        QCOMPARE(back->notesEn, a.notesEn);
        // Dates on the wire: RFC 3339, UTC.
        QCOMPARE(json(body).value(QStringLiteral("issuedAt")).toString(), QStringLiteral("2026-12-01T08:00:00Z"));
        QCOMPARE(json(body).value(QStringLiteral("outcome")).toString(), QStringLiteral("answered"));
    }

    void outcomesOnTheWire()
    {
        Answer a;
        a.itemCode = QStringLiteral("YB-0002");
        a.issuedAt = at("2026-12-01T08:00:00Z");
        a.message = QStringLiteral("未查询到您的医保参保记录。");
        for (const auto &pair : {std::pair{Outcome::NoRecord, "no-record"}, std::pair{Outcome::NotPermitted, "not-permitted"}}) {
            const Outcome outcome = pair.first;
            const char *id = pair.second;
            a.outcome = outcome;
            const QByteArray body = answerBody(a);
            QCOMPARE(json(body).value(QStringLiteral("outcome")).toString(), QLatin1String(id));
            const auto back = parseAnswer(body);
            QVERIFY(back);
            QCOMPARE(int(back->outcome), int(outcome));
            QCOMPARE(back->message, a.message);
            QVERIFY(back->reference.isEmpty()); // needed only for an answer
        }
        // Without words a refusal is not an answer the terminal can show.
        a.message.clear();
        QString error;
        QVERIFY(!parseAnswer(answerBody(a), &error));
        QVERIFY2(error.contains(QStringLiteral("message")), qPrintable(error));
    }

    void timesWithOffsetsAreUtc()
    {
        const auto a = parseAnswer(editedAnswer([](QJsonObject &o) {
            o[QStringLiteral("issuedAt")] = QStringLiteral("2026-12-01T16:00:00+08:00");
            o[QStringLiteral("validUntil")] = QStringLiteral("2026-12-02T08:00:00.250Z");
        }));
        QVERIFY(a);
        QCOMPARE(a->issuedAt, at("2026-12-01T08:00:00Z"));
        QCOMPARE(a->issuedAt.timeSpec(), Qt::UTC);
        QCOMPARE(a->validUntil.time().msec(), 250);
    }

    void malformedAnswers_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("says");
        QTest::newRow("not json") << QByteArray("<html>oops") << "not JSON";
        QTest::newRow("truncated") << answerBody(sampleAnswer()).chopped(10) << "not JSON";
        QTest::newRow("array") << QByteArray("[{}]") << "not a JSON object";
        QTest::newRow("empty") << QByteArray() << "not JSON";
        QTest::newRow("too large") << QByteArray(kMaxAnswerBytes + 1, ' ') << "larger than";
        auto row = [](const char *name, const Edit &edit, const char *says) {
            QTest::newRow(name) << editedAnswer(edit) << QString::fromLatin1(says);
        };
        row("unknown outcome", [](QJsonObject &o) { o[QStringLiteral("outcome")] = QStringLiteral("maybe"); }, "outcome");
        row("no outcome", [](QJsonObject &o) { o.remove(QStringLiteral("outcome")); }, "outcome: missing");
        row("bad item code", [](QJsonObject &o) { o[QStringLiteral("itemCode")] = QStringLiteral("<b>"); }, "itemCode");
        row("no reference", [](QJsonObject &o) { o.remove(QStringLiteral("reference")); }, "reference: missing");
        row("reference with space", [](QJsonObject &o) { o[QStringLiteral("reference")] = QStringLiteral("RS 1"); }, "reference");
        row("local time", [](QJsonObject &o) { o[QStringLiteral("issuedAt")] = QStringLiteral("2026-12-01T08:00:00"); }, "RFC 3339");
        row("not a time", [](QJsonObject &o) { o[QStringLiteral("issuedAt")] = QStringLiteral("yesterday"); }, "RFC 3339");
        row("invalid date", [](QJsonObject &o) { o[QStringLiteral("issuedAt")] = QStringLiteral("2026-13-45T08:00:00Z"); }, "RFC 3339");
        row("valid before issued", [](QJsonObject &o) { o[QStringLiteral("validUntil")] = QStringLiteral("2026-11-30T08:00:00Z"); }, "before");
        row("title a number", [](QJsonObject &o) { o[QStringLiteral("title")] = 42; }, "title: must be a string");
        row("value not object", [](QJsonObject &o) { o[QStringLiteral("values")] = QJsonArray{QStringLiteral("x")}; }, "values[0]");
        row("value without label", [](QJsonObject &o) {
            o[QStringLiteral("values")] = QJsonArray{QJsonObject{{QStringLiteral("value"), QStringLiteral("1")}}};
        }, "label");
        row("value a number", [](QJsonObject &o) {
            o[QStringLiteral("values")] = QJsonArray{QJsonObject{{QStringLiteral("label"), QStringLiteral("l")}, {QStringLiteral("value"), 156}}};
        }, "values[0].value: must be a string");
        row("too many values", [](QJsonObject &o) { o[QStringLiteral("values")] = valuesOf(kMaxValues + 1); }, "more than 64 values");
        row("too many tables", [](QJsonObject &o) {
            QJsonArray t;
            for (int i = 0; i <= kMaxTables; ++i)
                t.append(tableWith(2, 1));
            o[QStringLiteral("tables")] = t;
        }, "more than 8 tables");
        row("too many rows", [](QJsonObject &o) { o[QStringLiteral("tables")] = QJsonArray{tableWith(2, kMaxRows + 1)}; }, "more than 600 rows");
        row("too many columns", [](QJsonObject &o) { o[QStringLiteral("tables")] = QJsonArray{tableWith(kMaxColumns + 1, 1)}; }, "more than 12");
        row("no columns", [](QJsonObject &o) { o[QStringLiteral("tables")] = QJsonArray{tableWith(0, 0)}; }, "at least one column");
        row("short row", [](QJsonObject &o) {
            QJsonObject t = tableWith(3, 2);
            QJsonArray rows = t.value(QStringLiteral("rows")).toArray();
            rows[1] = strings(2);
            t[QStringLiteral("rows")] = rows;
            o[QStringLiteral("tables")] = QJsonArray{t};
        }, "tables[0].rows[1]: 2 cells for 3 columns");
        row("long row", [](QJsonObject &o) {
            QJsonObject t = tableWith(2, 1);
            t[QStringLiteral("rows")] = QJsonArray{strings(3)};
            o[QStringLiteral("tables")] = QJsonArray{t};
        }, "3 cells for 2 columns");
        row("cell a number", [](QJsonObject &o) {
            QJsonObject t = tableWith(1, 1);
            t[QStringLiteral("rows")] = QJsonArray{QJsonArray{1}};
            o[QStringLiteral("tables")] = QJsonArray{t};
        }, "rows[0][0]: must be a string");
        row("English headings mismatch", [](QJsonObject &o) {
            QJsonObject t = tableWith(2, 1);
            t[QStringLiteral("columnsEn")] = strings(1);
            o[QStringLiteral("tables")] = QJsonArray{t};
        }, "columnsEn");
        row("text too long", [](QJsonObject &o) { o[QStringLiteral("title")] = QString(kMaxText + 1, QLatin1Char('a')); }, "longer than 2000");
        row("cell too long", [](QJsonObject &o) {
            QJsonObject t = tableWith(1, 1);
            t[QStringLiteral("rows")] = QJsonArray{QJsonArray{QString(kMaxText + 1, QLatin1Char('a'))}};
            o[QStringLiteral("tables")] = QJsonArray{t};
        }, "longer than 2000");
        row("too many notes", [](QJsonObject &o) { o[QStringLiteral("notes")] = strings(kMaxValues + 1); }, "notes");
        row("notes not strings", [](QJsonObject &o) { o[QStringLiteral("notes")] = QJsonArray{1, 2}; }, "notes[0]");
        row("answered but empty", [](QJsonObject &o) {
            o[QStringLiteral("values")] = QJsonArray();
            o[QStringLiteral("tables")] = QJsonArray();
        }, "carries values or tables");
    }
    void malformedAnswers()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, says);
        QString error;
        QVERIFY(!parseAnswer(body, &error));
        QVERIFY2(error.contains(says), qPrintable(error));
    }

    void limitsAreInclusive()
    {
        const auto a = parseAnswer(editedAnswer([](QJsonObject &o) {
            o[QStringLiteral("values")] = valuesOf(kMaxValues);
            QJsonArray t;
            for (int i = 0; i < kMaxTables - 1; ++i)
                t.append(tableWith(kMaxColumns, 1));
            t.append(tableWith(2, kMaxRows));
            o[QStringLiteral("tables")] = t;
            o[QStringLiteral("title")] = QString(kMaxText, QLatin1Char('a'));
        }));
        QVERIFY(a);
        QCOMPARE(int(a->values.size()), kMaxValues);
        QCOMPARE(int(a->tables.size()), kMaxTables);
        QCOMPARE(int(a->tables.back().rows.size()), kMaxRows);
    }

    void controlAndBidiAreStripped()
    {
        // A right-to-left override could make "1184.00" read "00.4811"; a NUL or an escape could
        // hide text; a line feed may stay (notes have lines).
        const QString hostile = QStringLiteral("余额\u202e00.4811\u202c元\u0000\u001b[31m\u200f\u2066x\u2069\ufeff\r\n第二行");
        const auto a = parseAnswer(editedAnswer([&hostile](QJsonObject &o) {
            o[QStringLiteral("title")] = hostile;
            o[QStringLiteral("values")] = QJsonArray{QJsonObject{{QStringLiteral("label"), hostile}, {QStringLiteral("labelEn"), hostile},
                                                                {QStringLiteral("value"), hostile}}};
            QJsonObject t = tableWith(1, 1);
            t[QStringLiteral("columns")] = QJsonArray{hostile};
            t[QStringLiteral("rows")] = QJsonArray{QJsonArray{hostile}};
            o[QStringLiteral("tables")] = QJsonArray{t};
            o[QStringLiteral("notes")] = QJsonArray{hostile};
            o[QStringLiteral("message")] = hostile;
        }));
        QVERIFY(a);
        const QString clean = QStringLiteral("余额00.4811元[31mx\n第二行");
        for (const QString &s : {a->title, a->values[0].label, a->values[0].labelEn, a->values[0].value, a->tables[0].columns[0],
                                 a->tables[0].rows[0][0], a->notes[0], a->message})
            QCOMPARE(s, clean);
    }

    void certificateRoundTrip()
    {
        const Certificate c = sampleCertificate();
        const QByteArray body = certificateBody(c);
        QCOMPARE(json(body).value(QStringLiteral("sha256")).toString(), QString::fromLatin1(c.sha256.toHex()));
        QCOMPARE(json(body).value(QStringLiteral("document")).toString(), QString::fromLatin1(c.document.toBase64()));
        QString error;
        const auto back = parseCertificate(body, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->document, c.document);
        QCOMPARE(back->sha256, c.sha256);
        QCOMPARE(back->pages, 1);
        QCOMPARE(back->reference, c.reference);
        QCOMPARE(back->verificationCode, c.verificationCode);
        QCOMPARE(back->issuedAt, c.issuedAt);
        QCOMPARE(back->validUntil, c.validUntil);
        QCOMPARE(back->title, c.title);
        // Upper-case hex is hex too.
        QVERIFY(parseCertificate(editedCertificate([](QJsonObject &o) {
            o[QStringLiteral("sha256")] = o.value(QStringLiteral("sha256")).toString().toUpper();
        })));
    }

    void certificateRefusalCarriesNoDocument()
    {
        Certificate c;
        c.outcome = Outcome::NoRecord;
        c.itemCode = QStringLiteral("YB-0001");
        c.issuedAt = at("2026-12-01T08:00:00Z");
        c.message = QStringLiteral("未查询到您的医保参保记录。");
        const QByteArray body = certificateBody(c);
        QVERIFY(!json(body).contains(QStringLiteral("document")));
        const auto back = parseCertificate(body);
        QVERIFY(back);
        QCOMPARE(int(back->outcome), int(Outcome::NoRecord));
        QVERIFY(back->document.isEmpty());
    }

    void badCertificates_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("says");
        auto row = [](const char *name, const Edit &edit, const char *says) {
            QTest::newRow(name) << editedCertificate(edit) << QString::fromUtf8(says);
        };
        row("wrong digest", [](QJsonObject &o) { o[QStringLiteral("sha256")] = QString(64, QLatin1Char('0')); },
            "the certificate's digest does not match its document");
        row("digest of another document", [](QJsonObject &o) {
            o[QStringLiteral("document")] = QString::fromLatin1(QByteArray(minimalPdf() + "tampered").toBase64());
        }, "the certificate's digest does not match its document");
        row("short digest", [](QJsonObject &o) { o[QStringLiteral("sha256")] = QStringLiteral("abcd"); }, "sha256: must be 64 hex digits");
        row("no digest", [](QJsonObject &o) { o.remove(QStringLiteral("sha256")); }, "sha256");
        row("not a PDF", [](QJsonObject &o) {
            const QByteArray html("<html>not a pdf</html>");
            o[QStringLiteral("document")] = QString::fromLatin1(html.toBase64());
            o[QStringLiteral("sha256")] = QString::fromLatin1(QCryptographicHash::hash(html, QCryptographicHash::Sha256).toHex());
        }, "the certificate's document is not a PDF");
        row("not base64", [](QJsonObject &o) { o[QStringLiteral("document")] = QStringLiteral("JVBERi0x!!!*"); },
            "the certificate's document is not valid base64");
        row("no document", [](QJsonObject &o) { o.remove(QStringLiteral("document")); }, "document: missing");
        row("document a number", [](QJsonObject &o) { o[QStringLiteral("document")] = 7; }, "document: missing");
        row("too large", [](QJsonObject &o) {
            QByteArray big = minimalPdf();
            big.append(QByteArray(kMaxDocumentBytes, ' '));
            o[QStringLiteral("document")] = QString::fromLatin1(big.toBase64());
            o[QStringLiteral("sha256")] = QString::fromLatin1(QCryptographicHash::hash(big, QCryptographicHash::Sha256).toHex());
        }, "larger than");
        row("no pages", [](QJsonObject &o) { o.remove(QStringLiteral("pages")); }, "pages");
        row("zero pages", [](QJsonObject &o) { o[QStringLiteral("pages")] = 0; }, "pages");
        row("fractional pages", [](QJsonObject &o) { o[QStringLiteral("pages")] = 1.5; }, "pages");
        row("too many pages", [](QJsonObject &o) { o[QStringLiteral("pages")] = kMaxPages + 1; }, "pages");
        row("no verification code", [](QJsonObject &o) { o.remove(QStringLiteral("verificationCode")); }, "verificationCode");
        row("no validity", [](QJsonObject &o) { o.remove(QStringLiteral("validUntil")); }, "validUntil");
        row("unknown outcome", [](QJsonObject &o) { o[QStringLiteral("outcome")] = QStringLiteral("printed"); }, "outcome");
        QTest::newRow("not json") << QByteArray("%PDF-1.4 raw") << QStringLiteral("not JSON");
    }
    void badCertificates()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, says);
        QString error;
        QVERIFY(!parseCertificate(body, &error));
        QVERIFY2(error.contains(says), qPrintable(error));
    }

    void fuzzSeedsReachTheParsers()
    {
        // The fuzz target's seeds start where the parsers accept (fuzz/make-seeds.py).
        auto seed = [](const char *name) {
            QFile f(QStringLiteral(KIOSK_SOURCE_DIR "/fuzz/corpus/fuzz_queryanswer/") + QLatin1String(name));
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        };
        QString error;
        QVERIFY2(parseAnswer(seed("answer"), &error), qPrintable(error));
        QVERIFY2(parseAnswer(seed("no-record"), &error), qPrintable(error));
        QVERIFY2(parseAnswer(seed("not-permitted"), &error), qPrintable(error));
        QVERIFY2(parseAnswer(seed("hostile-text"), &error), qPrintable(error));
        QVERIFY(!parseAnswer(seed("short-row")));
        QVERIFY2(parseCertificate(seed("certificate"), &error), qPrintable(error));
        QVERIFY2(parseCertificate(seed("certificate-no-record"), &error), qPrintable(error));
        QVERIFY(!parseCertificate(seed("certificate-wrong-digest")));
        // Found by the fuzzer: a page count far beyond int is refused, not converted.
        QVERIFY(!parseCertificate(seed("huge-pages"), &error));
        QVERIFY2(error.contains(QStringLiteral("pages")), qPrintable(error));
    }

    void largestDocumentPasses()
    {
        QByteArray big = minimalPdf();
        big.append(QByteArray(kMaxDocumentBytes - big.size(), ' '));
        Certificate c = sampleCertificate();
        c.document = big;
        c.sha256 = QCryptographicHash::hash(big, QCryptographicHash::Sha256);
        const QByteArray body = certificateBody(c);
        QVERIFY(body.size() <= kMaxCertificateReplyBytes);
        const auto back = parseCertificate(body);
        QVERIFY(back);
        QCOMPARE(back->document.size(), qsizetype(kMaxDocumentBytes));
    }
};

QTEST_GUILESS_MAIN(TestQueryApi)
#include "tst_queryapi.moc"
