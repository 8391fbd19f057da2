// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/platform/queryapi.h"

#include <cmath>

#include "common/plaintext.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace kiosk::platform::query {

namespace {

const QRegularExpression &itemCodePattern()
{
    // As the catalog spells item codes (docs/catalog-format.md).
    static const QRegularExpression re(QStringLiteral("^[A-Z]{2,4}-[0-9]{4}$"));
    return re;
}

const QRegularExpression &rfc3339Pattern()
{
    // RFC 3339 insists on an offset: a time without one would be read in the terminal's zone.
    static const QRegularExpression re(
        QStringLiteral("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})$"));
    return re;
}

QString outcomeId(Outcome o)
{
    switch (o) {
    case Outcome::Answered:
        return QStringLiteral("answered");
    case Outcome::NoRecord:
        return QStringLiteral("no-record");
    case Outcome::NotPermitted:
        return QStringLiteral("not-permitted");
    }
    return QStringLiteral("answered");
}

QString rfc3339(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QString();
}

/**
 * Reads one JSON object field by field; the first problem wins and names where it is
 * ("tables[1].rows[3]: …"), every string passes through plainText().
 */
class Fields
{
public:
    Fields(const QJsonObject &o, QString where, QString *error)
        : m_o(o)
        , m_where(std::move(where))
        , m_error(error)
    {
    }

    [[nodiscard]] bool ok() const { return m_ok; }
    bool fail(const QString &field, const QString &what)
    {
        if (m_ok && m_error)
            *m_error = field.isEmpty() ? what // a sentence of its own ("the certificate's digest …")
                                       : (m_where.isEmpty() ? QString() : m_where + QLatin1Char('.')) + field + QStringLiteral(": ") + what;
        m_ok = false;
        return false;
    }

    QString text(const QString &key, bool required = false, int maxLen = kMaxText)
    {
        const QJsonValue v = m_o.value(key);
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(key, QStringLiteral("missing"));
            return {};
        }
        if (!v.isString()) {
            fail(key, QStringLiteral("must be a string"));
            return {};
        }
        return checkedText(v.toString(), key, required, maxLen);
    }

    QString checkedText(const QString &raw, const QString &field, bool required, int maxLen = kMaxText)
    {
        if (raw.size() > maxLen) {
            fail(field, QStringLiteral("longer than %1 characters").arg(maxLen));
            return {};
        }
        QString s = plainText(raw);
        if (required && s.trimmed().isEmpty())
            fail(field, QStringLiteral("empty"));
        return s;
    }

    QStringList texts(const QString &key, int maxCount)
    {
        const QJsonValue v = m_o.value(key);
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isArray()) {
            fail(key, QStringLiteral("must be an array of strings"));
            return {};
        }
        const QJsonArray a = v.toArray();
        if (a.size() > maxCount) {
            fail(key, QStringLiteral("more than %1 entries").arg(maxCount));
            return {};
        }
        QStringList out;
        for (qsizetype i = 0; i < a.size() && m_ok; ++i) {
            const QString field = key + QStringLiteral("[%1]").arg(i);
            if (!a.at(i).isString()) {
                fail(field, QStringLiteral("must be a string"));
                break;
            }
            out.append(checkedText(a.at(i).toString(), field, false));
        }
        return out;
    }

    /** Printable ASCII, 1–@p maxLen: what goes on a printout and into a QR code. */
    QString token(const QString &key, bool required, int maxLen = 64)
    {
        const QString s = text(key, required, maxLen);
        for (const QChar c : s) {
            if (c.unicode() < 0x21 || c.unicode() > 0x7e) {
                fail(key, QStringLiteral("must be printable ASCII without spaces"));
                return {};
            }
        }
        return s;
    }

    QDateTime time(const QString &key, bool required)
    {
        const QString s = text(key, required, 64);
        if (s.isEmpty())
            return {};
        QDateTime t;
        if (rfc3339Pattern().match(s).hasMatch())
            t = QDateTime::fromString(s, Qt::ISODateWithMs);
        if (!t.isValid()) {
            fail(key, QStringLiteral("\"%1\" is not an RFC 3339 time").arg(s));
            return {};
        }
        return t.toUTC();
    }

    std::optional<Outcome> outcome()
    {
        const QString s = text(QStringLiteral("outcome"), true, 32);
        if (!m_ok)
            return std::nullopt;
        for (const Outcome o : {Outcome::Answered, Outcome::NoRecord, Outcome::NotPermitted}) {
            if (s == outcomeId(o))
                return o;
        }
        fail(QStringLiteral("outcome"), QStringLiteral("\"%1\" must be answered, no-record or not-permitted").arg(s));
        return std::nullopt;
    }

    QJsonValue value(const QString &key) const { return m_o.value(key); }
    const QString &where() const { return m_where; }

private:
    QJsonObject m_o;
    QString m_where;
    QString *m_error;
    bool m_ok = true;
};

std::optional<QJsonObject> object(const QByteArray &body, qsizetype maxBytes, const QString &what, QString *error)
{
    if (body.size() > maxBytes) {
        if (error)
            *error = QStringLiteral("the %1 is larger than %2 bytes").arg(what).arg(maxBytes);
        return std::nullopt;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        if (error)
            *error = pe.error != QJsonParseError::NoError
                ? QStringLiteral("the %1 is not JSON (%2 at byte %3)").arg(what, pe.errorString()).arg(pe.offset)
                : QStringLiteral("the %1 is not a JSON object").arg(what);
        return std::nullopt;
    }
    return doc.object();
}

bool hasVisibleText(const QString &s)
{
    return !s.trimmed().isEmpty();
}

std::optional<Table> readTable(const QJsonValue &v, const QString &where, QString *error)
{
    if (!v.isObject()) {
        if (error)
            *error = where + QStringLiteral(": must be an object");
        return std::nullopt;
    }
    Fields f(v.toObject(), where, error);
    Table t;
    t.title = f.text(QStringLiteral("title"));
    t.titleEn = f.text(QStringLiteral("titleEn"));
    t.columns = f.texts(QStringLiteral("columns"), kMaxColumns);
    t.columnsEn = f.texts(QStringLiteral("columnsEn"), kMaxColumns);
    if (!f.ok())
        return std::nullopt;
    if (t.columns.isEmpty()) {
        f.fail(QStringLiteral("columns"), QStringLiteral("a table needs at least one column"));
        return std::nullopt;
    }
    if (!t.columnsEn.isEmpty() && t.columnsEn.size() != t.columns.size()) {
        f.fail(QStringLiteral("columnsEn"), QStringLiteral("%1 English headings for %2 columns").arg(t.columnsEn.size()).arg(t.columns.size()));
        return std::nullopt;
    }
    const QJsonValue rows = f.value(QStringLiteral("rows"));
    if (!rows.isUndefined() && !rows.isNull() && !rows.isArray()) {
        f.fail(QStringLiteral("rows"), QStringLiteral("must be an array of rows"));
        return std::nullopt;
    }
    const QJsonArray a = rows.toArray();
    if (a.size() > kMaxRows) {
        f.fail(QStringLiteral("rows"), QStringLiteral("more than %1 rows").arg(kMaxRows));
        return std::nullopt;
    }
    t.rows.reserve(std::size_t(a.size()));
    for (qsizetype i = 0; i < a.size(); ++i) {
        const QString field = QStringLiteral("rows[%1]").arg(i);
        if (!a.at(i).isArray()) {
            f.fail(field, QStringLiteral("must be an array of strings"));
            return std::nullopt;
        }
        const QJsonArray cells = a.at(i).toArray();
        if (cells.size() != t.columns.size()) {
            f.fail(field, QStringLiteral("%1 cells for %2 columns").arg(cells.size()).arg(t.columns.size()));
            return std::nullopt;
        }
        QStringList row;
        for (qsizetype c = 0; c < cells.size(); ++c) {
            if (!cells.at(c).isString()) {
                f.fail(field + QStringLiteral("[%1]").arg(c), QStringLiteral("must be a string"));
                return std::nullopt;
            }
            row.append(f.checkedText(cells.at(c).toString(), field + QStringLiteral("[%1]").arg(c), false));
        }
        if (!f.ok())
            return std::nullopt;
        t.rows.push_back(std::move(row));
    }
    return t;
}

QJsonArray stringArray(const QStringList &l)
{
    return QJsonArray::fromStringList(l);
}

/** The fields every kind of answer shares, and the words NoRecord / NotPermitted must carry. */
bool readMessage(Fields &f, Outcome outcome, QString &message, QString &messageEn)
{
    message = f.text(QStringLiteral("message"));
    messageEn = f.text(QStringLiteral("messageEn"));
    if (!f.ok())
        return false;
    if (outcome != Outcome::Answered && !hasVisibleText(message) && !hasVisibleText(messageEn))
        return f.fail(QStringLiteral("message"), QStringLiteral("a %1 answer must say why").arg(outcomeId(outcome)));
    return true;
}

} // namespace

QString queryPath()
{
    return QStringLiteral("/api/v1/queries");
}

QString certificatePath()
{
    return QStringLiteral("/api/v1/certificates");
}

QByteArray requestBody(const Request &r)
{
    QJsonObject o{
        {QStringLiteral("itemCode"), r.itemCode},
        {QStringLiteral("terminal"), r.terminalId},
    };
    // Absent rather than empty: a public item's request carries no identity at all.
    auto optional = [&o](const char *key, const QString &value) {
        if (!value.isEmpty())
            o.insert(QLatin1String(key), value);
    };
    optional("idNumber", r.idNumber);
    optional("name", r.name);
    optional("childIdNumber", r.childIdNumber);
    optional("queryText", r.queryText);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<Request> parseRequest(const QByteArray &body, QString *error)
{
    const auto o = object(body, kMaxRequestBytes, QStringLiteral("request"), error);
    if (!o)
        return std::nullopt;
    Fields f(*o, {}, error);
    Request r;
    r.itemCode = f.text(QStringLiteral("itemCode"), true, 16);
    r.terminalId = f.token(QStringLiteral("terminal"), false);
    r.idNumber = f.token(QStringLiteral("idNumber"), false, 18);
    r.name = f.text(QStringLiteral("name"), false, 64);
    r.childIdNumber = f.token(QStringLiteral("childIdNumber"), false, 18);
    r.queryText = f.text(QStringLiteral("queryText"), false, 200);
    if (f.ok() && !itemCodePattern().match(r.itemCode).hasMatch())
        f.fail(QStringLiteral("itemCode"), QStringLiteral("\"%1\" is not an item code (RS-0022)").arg(r.itemCode));
    if (!f.ok())
        return std::nullopt;
    return r;
}

QByteArray answerBody(const Answer &a)
{
    QJsonArray values;
    for (const Value &v : a.values)
        values.append(QJsonObject{{QStringLiteral("label"), v.label}, {QStringLiteral("labelEn"), v.labelEn}, {QStringLiteral("value"), v.value}});
    QJsonArray tables;
    for (const Table &t : a.tables) {
        QJsonArray rows;
        for (const QStringList &row : t.rows)
            rows.append(stringArray(row));
        tables.append(QJsonObject{
            {QStringLiteral("title"), t.title},
            {QStringLiteral("titleEn"), t.titleEn},
            {QStringLiteral("columns"), stringArray(t.columns)},
            {QStringLiteral("columnsEn"), stringArray(t.columnsEn)},
            {QStringLiteral("rows"), rows},
        });
    }
    QJsonObject o{
        {QStringLiteral("outcome"), outcomeId(a.outcome)},
        {QStringLiteral("itemCode"), a.itemCode},
        {QStringLiteral("title"), a.title},
        {QStringLiteral("titleEn"), a.titleEn},
        {QStringLiteral("reference"), a.reference},
        {QStringLiteral("issuedAt"), rfc3339(a.issuedAt)},
        {QStringLiteral("validUntil"), rfc3339(a.validUntil)},
        {QStringLiteral("values"), values},
        {QStringLiteral("tables"), tables},
        {QStringLiteral("notes"), stringArray(a.notes)},
        {QStringLiteral("notesEn"), stringArray(a.notesEn)},
        {QStringLiteral("message"), a.message},
        {QStringLiteral("messageEn"), a.messageEn},
    };
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<Answer> parseAnswer(const QByteArray &body, QString *error)
{
    const auto o = object(body, kMaxAnswerBytes, QStringLiteral("answer"), error);
    if (!o)
        return std::nullopt;
    Fields f(*o, {}, error);
    Answer a;
    const auto outcome = f.outcome();
    if (!outcome)
        return std::nullopt;
    a.outcome = *outcome;
    const bool answered = a.outcome == Outcome::Answered;
    a.itemCode = f.text(QStringLiteral("itemCode"), true, 16);
    if (f.ok() && !itemCodePattern().match(a.itemCode).hasMatch())
        f.fail(QStringLiteral("itemCode"), QStringLiteral("\"%1\" is not an item code").arg(a.itemCode));
    a.title = f.text(QStringLiteral("title"));
    a.titleEn = f.text(QStringLiteral("titleEn"));
    a.reference = f.token(QStringLiteral("reference"), answered);
    a.issuedAt = f.time(QStringLiteral("issuedAt"), true);
    a.validUntil = f.time(QStringLiteral("validUntil"), answered);
    if (f.ok() && a.validUntil.isValid() && a.validUntil < a.issuedAt)
        f.fail(QStringLiteral("validUntil"), QStringLiteral("is before issuedAt"));
    a.notes = f.texts(QStringLiteral("notes"), kMaxValues);
    a.notesEn = f.texts(QStringLiteral("notesEn"), kMaxValues);
    if (!readMessage(f, a.outcome, a.message, a.messageEn))
        return std::nullopt;

    const QJsonValue values = f.value(QStringLiteral("values"));
    if (f.ok() && !values.isUndefined() && !values.isNull() && !values.isArray())
        f.fail(QStringLiteral("values"), QStringLiteral("must be an array"));
    if (f.ok() && values.toArray().size() > kMaxValues)
        f.fail(QStringLiteral("values"), QStringLiteral("more than %1 values").arg(kMaxValues));
    const QJsonArray va = values.toArray();
    for (qsizetype i = 0; i < va.size() && f.ok(); ++i) {
        const QString where = QStringLiteral("values[%1]").arg(i);
        if (!va.at(i).isObject()) {
            f.fail(where, QStringLiteral("must be an object"));
            break;
        }
        Fields vf(va.at(i).toObject(), where, error);
        Value v;
        v.label = vf.text(QStringLiteral("label"));
        v.labelEn = vf.text(QStringLiteral("labelEn"));
        v.value = vf.text(QStringLiteral("value"));
        if (vf.ok() && !hasVisibleText(v.label) && !hasVisibleText(v.labelEn))
            vf.fail(QStringLiteral("label"), QStringLiteral("a value needs a label"));
        if (!vf.ok())
            return std::nullopt;
        a.values.push_back(std::move(v));
    }

    const QJsonValue tables = f.value(QStringLiteral("tables"));
    if (f.ok() && !tables.isUndefined() && !tables.isNull() && !tables.isArray())
        f.fail(QStringLiteral("tables"), QStringLiteral("must be an array"));
    if (f.ok() && tables.toArray().size() > kMaxTables)
        f.fail(QStringLiteral("tables"), QStringLiteral("more than %1 tables").arg(kMaxTables));
    const QJsonArray ta = tables.toArray();
    for (qsizetype i = 0; i < ta.size() && f.ok(); ++i) {
        auto t = readTable(ta.at(i), QStringLiteral("tables[%1]").arg(i), error);
        if (!t)
            return std::nullopt;
        a.tables.push_back(std::move(*t));
    }
    if (f.ok() && answered && a.values.empty() && a.tables.empty())
        f.fail(QStringLiteral("values"), QStringLiteral("an answered query carries values or tables"));
    if (!f.ok())
        return std::nullopt;
    return a;
}

QByteArray certificateBody(const Certificate &c)
{
    QJsonObject o{
        {QStringLiteral("outcome"), outcomeId(c.outcome)},
        {QStringLiteral("itemCode"), c.itemCode},
        {QStringLiteral("title"), c.title},
        {QStringLiteral("titleEn"), c.titleEn},
        {QStringLiteral("reference"), c.reference},
        {QStringLiteral("verificationCode"), c.verificationCode},
        {QStringLiteral("issuedAt"), rfc3339(c.issuedAt)},
        {QStringLiteral("validUntil"), rfc3339(c.validUntil)},
        {QStringLiteral("message"), c.message},
        {QStringLiteral("messageEn"), c.messageEn},
    };
    if (c.outcome == Outcome::Answered) {
        o.insert(QStringLiteral("pages"), c.pages);
        o.insert(QStringLiteral("sha256"), QString::fromLatin1(c.sha256.toHex()));
        o.insert(QStringLiteral("document"), QString::fromLatin1(c.document.toBase64()));
    }
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<Certificate> parseCertificate(const QByteArray &body, QString *error)
{
    const auto o = object(body, kMaxCertificateReplyBytes, QStringLiteral("certificate reply"), error);
    if (!o)
        return std::nullopt;
    Fields f(*o, {}, error);
    Certificate c;
    const auto outcome = f.outcome();
    if (!outcome)
        return std::nullopt;
    c.outcome = *outcome;
    const bool answered = c.outcome == Outcome::Answered;
    c.itemCode = f.text(QStringLiteral("itemCode"), true, 16);
    if (f.ok() && !itemCodePattern().match(c.itemCode).hasMatch())
        f.fail(QStringLiteral("itemCode"), QStringLiteral("\"%1\" is not an item code").arg(c.itemCode));
    c.title = f.text(QStringLiteral("title"));
    c.titleEn = f.text(QStringLiteral("titleEn"));
    c.reference = f.token(QStringLiteral("reference"), answered);
    c.verificationCode = f.token(QStringLiteral("verificationCode"), answered);
    c.issuedAt = f.time(QStringLiteral("issuedAt"), true);
    c.validUntil = f.time(QStringLiteral("validUntil"), answered);
    if (f.ok() && c.validUntil.isValid() && c.validUntil < c.issuedAt)
        f.fail(QStringLiteral("validUntil"), QStringLiteral("is before issuedAt"));
    if (!readMessage(f, c.outcome, c.message, c.messageEn))
        return std::nullopt;
    if (!answered)
        return c; // no document: nothing to print

    const QJsonValue pages = f.value(QStringLiteral("pages"));
    const double p = pages.toDouble(-1);
    // The range first: a huge number is no int to compare with.
    if (!pages.isDouble() || !(p >= 1 && p <= kMaxPages) || p != std::floor(p)) {
        f.fail(QStringLiteral("pages"), QStringLiteral("must be a whole number from 1 to %1").arg(kMaxPages));
        return std::nullopt;
    }
    c.pages = int(p);

    const QJsonValue digest = f.value(QStringLiteral("sha256"));
    const QByteArray hex = digest.toString().toLatin1();
    static const QRegularExpression hexPattern(QStringLiteral("^[0-9a-fA-F]{64}$"));
    if (!digest.isString() || !hexPattern.match(digest.toString()).hasMatch()) {
        f.fail(QStringLiteral("sha256"), QStringLiteral("must be 64 hex digits"));
        return std::nullopt;
    }
    c.sha256 = QByteArray::fromHex(hex);

    const QJsonValue document = f.value(QStringLiteral("document"));
    if (!document.isString() || document.toString().isEmpty()) {
        f.fail(QStringLiteral("document"), QStringLiteral("missing (base64 of the PDF)"));
        return std::nullopt;
    }
    const QByteArray encoded = document.toString().toLatin1();
    if (encoded.size() > (qsizetype(kMaxDocumentBytes) + 2) / 3 * 4) {
        f.fail(QString(), QStringLiteral("the certificate's document is larger than %1 bytes").arg(kMaxDocumentBytes));
        return std::nullopt;
    }
    auto decoded = QByteArray::fromBase64Encoding(encoded, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        f.fail(QString(), QStringLiteral("the certificate's document is not valid base64"));
        return std::nullopt;
    }
    c.document = std::move(decoded.decoded);
    if (c.document.size() > kMaxDocumentBytes) {
        f.fail(QString(), QStringLiteral("the certificate's document is larger than %1 bytes").arg(kMaxDocumentBytes));
        return std::nullopt;
    }
    if (!c.document.startsWith("%PDF-")) {
        f.fail(QString(), QStringLiteral("the certificate's document is not a PDF"));
        return std::nullopt;
    }
    if (QCryptographicHash::hash(c.document, QCryptographicHash::Sha256) != c.sha256) {
        f.fail(QString(), QStringLiteral("the certificate's digest does not match its document"));
        return std::nullopt;
    }
    return c;
}

} // namespace kiosk::platform::query
