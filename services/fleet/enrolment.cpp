// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/fleet/enrolment.h"

#include "services/fleet/atomicfile.h"

#include "services/fleet/bundle.h"
#include "services/platform/tls.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUrl>

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <istream>

namespace kiosk::fleet::enrolment {

namespace fs = std::filesystem;

namespace {

constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford's base32
constexpr int kSlotChars = 4;
constexpr int kDigestChars = 16; // 80 bits
constexpr qsizetype kMaxCaBytes = 16 * 1024;
constexpr int kMaxCertificates = 8;

QString base32(const QByteArray &bytes, int chars)
{
    QString out;
    quint64 buffer = 0;
    int bits = 0;
    for (const char c : bytes) {
        buffer = (buffer << 8) | quint8(c);
        bits += 8;
        while (bits >= 5 && out.size() < chars) {
            bits -= 5;
            out += QLatin1Char(kAlphabet[(buffer >> bits) & 31]);
        }
        if (out.size() >= chars)
            break;
    }
    return out;
}

int certificateCount(const QByteArray &pem)
{
    BIO *bio = BIO_new_mem_buf(pem.constData(), int(pem.size()));
    if (!bio)
        return 0;
    int n = 0;
    while (X509 *cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr)) {
        X509_free(cert);
        if (++n > kMaxCertificates)
            break;
    }
    BIO_free(bio);
    return n;
}

bool validToken(const QString &token)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9._~+/=-]{8,128}$"));
    return re.match(token).hasMatch();
}

bool validControllerId(const QString &id)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9._:-]{1,64}$"));
    return re.match(id).hasMatch();
}

QByteArray readSmall(const fs::path &p, qsizetype max)
{
    QFile f(QString::fromStdString(p.string()));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.read(max);
}

Poco::Timespan span(std::chrono::milliseconds ms)
{
    return Poco::Timespan(Poco::Timespan::TimeDiff(ms.count()) * 1000);
}

/** One HTTPS GET; the body (at most @p maxBody bytes) and the status, or an exception. */
std::pair<int, std::string> get(const QUrl &url, const fs::path &caFile, const QString &token, std::chrono::milliseconds timeout,
                                qsizetype maxBody, bool *tooLarge)
{
    platform::initializeTls();
    const std::string host = url.host().toStdString();
    auto ctx = platform::makeClientContext({caFile.string(), host, {}, {}});
    Poco::Net::HTTPSClientSession s(host, std::uint16_t(url.port(443)), ctx);
    s.setTimeout(span(timeout), span(timeout), span(timeout));
    QString target = url.path(QUrl::FullyEncoded);
    if (target.isEmpty())
        target = QStringLiteral("/");
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, target.toStdString(), Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("Accept", "application/hal+json, application/json");
    request.set("User-Agent", "kiosk-enrolment/1");
    if (!token.isEmpty())
        request.set("Authorization", "TargetToken " + token.toStdString());
    s.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::istream &in = s.receiveResponse(response);
    std::string body;
    char buffer[4096];
    while (in.read(buffer, sizeof buffer).gcount() > 0) {
        body.append(buffer, std::size_t(in.gcount()));
        if (qsizetype(body.size()) > maxBody) {
            *tooLarge = true;
            break;
        }
    }
    return {int(response.getStatus()), body};
}

} // namespace

QByteArray sha256Hex(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

bool isDdiBase(const QString &url)
{
    const QUrl u(url, QUrl::StrictMode);
    return u.isValid() && u.scheme() == QLatin1String("https") && !u.host().isEmpty() && u.userInfo().isEmpty() && !u.hasQuery()
        && !u.hasFragment() && u.path().endsWith(QLatin1String("/controller/v1/"));
}

std::optional<Enrolment> parse(const QByteArray &file, const QDateTime &now, QString *why)
{
    const auto fail = [why](const QString &w) {
        if (why)
            *why = w;
        return std::nullopt;
    };
    if (file.size() > kMaxFileBytes)
        return fail(QStringLiteral("the enrolment file is larger than %1 KB").arg(kMaxFileBytes / 1024));
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(file, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return fail(QStringLiteral("not an enrolment file (not a JSON object)"));
    const QJsonObject o = doc.object();
    if (o.value(QLatin1String("format")).toString() != QLatin1String("kiosk-enrolment"))
        return fail(QStringLiteral("not an enrolment file (\"format\" is not \"kiosk-enrolment\")"));
    if (o.value(QLatin1String("version")).toInt(-1) != 1)
        return fail(QStringLiteral("an enrolment file of another version (this terminal reads version 1)"));
    static const QStringList known = {QStringLiteral("format"), QStringLiteral("version"), QStringLiteral("server"),
                                      QStringLiteral("controllerId"), QStringLiteral("ca"), QStringLiteral("targetToken"),
                                      QStringLiteral("keys"), QStringLiteral("reference"), QStringLiteral("notAfter")};
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!known.contains(it.key()))
            return fail(QStringLiteral("unknown field \"%1\" in the enrolment file").arg(it.key().left(40)));
    Enrolment e;
    e.server = o.value(QLatin1String("server")).toString();
    if (!isDdiBase(e.server))
        return fail(QStringLiteral("\"server\" must be the https address of the DDI API ending in /controller/v1/"));
    e.server = QUrl(e.server).toString(QUrl::FullyEncoded);
    e.controllerId = o.value(QLatin1String("controllerId")).toString();
    if (!e.controllerId.isEmpty() && !validControllerId(e.controllerId))
        return fail(QStringLiteral("\"controllerId\" may have 1-64 letters, digits and . _ : -"));
    e.caPem = o.value(QLatin1String("ca")).toString().toUtf8();
    if (e.caPem.isEmpty() || e.caPem.size() > kMaxCaBytes)
        return fail(QStringLiteral("\"ca\" must hold the fleet server's CA certificate (PEM, at most 16 KB)"));
    if (const int n = certificateCount(e.caPem); n == 0 || n > kMaxCertificates)
        return fail(QStringLiteral("\"ca\" is not 1 to %1 PEM certificates OpenSSL can read").arg(kMaxCertificates));
    e.targetToken = o.value(QLatin1String("targetToken")).toString();
    if (!validToken(e.targetToken))
        return fail(QStringLiteral("\"targetToken\" must be 8-128 letters, digits and . _ ~ + / = -"));
    if (!o.value(QLatin1String("keys")).isObject())
        return fail(QStringLiteral("\"keys\" must be the operator's key set (kioskctl bundle keyset)"));
    e.keySet = QJsonDocument(o.value(QLatin1String("keys")).toObject()).toJson(QJsonDocument::Compact);
    if (QString w; !bundle::parseKeySet(e.keySet, &w))
        return fail(QStringLiteral("\"keys\": %1").arg(w));
    e.reference = o.value(QLatin1String("reference")).toString();
    if (e.reference.size() > 80)
        return fail(QStringLiteral("\"reference\" is longer than 80 characters"));
    if (o.contains(QLatin1String("notAfter"))) {
        const QDateTime t = QDateTime::fromString(o.value(QLatin1String("notAfter")).toString(), Qt::ISODate);
        if (!t.isValid())
            return fail(QStringLiteral("\"notAfter\" must be a date and time in ISO 8601 (2026-12-31T18:00:00Z)"));
        e.notAfter = t.toUTC();
        if (now.isValid() && now > t)
            return fail(QStringLiteral("this enrolment expired on %1 (UTC): ask the operator for a new one")
                            .arg(t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm"))));
    }
    return e;
}

QByteArray encode(const Enrolment &e)
{
    QJsonObject o{{QStringLiteral("format"), QStringLiteral("kiosk-enrolment")},
                  {QStringLiteral("version"), 1},
                  {QStringLiteral("server"), e.server},
                  {QStringLiteral("ca"), QString::fromUtf8(e.caPem)},
                  {QStringLiteral("targetToken"), e.targetToken},
                  {QStringLiteral("keys"), QJsonDocument::fromJson(e.keySet).object()}};
    if (!e.controllerId.isEmpty())
        o.insert(QStringLiteral("controllerId"), e.controllerId);
    if (!e.reference.isEmpty())
        o.insert(QStringLiteral("reference"), e.reference);
    if (e.notAfter)
        o.insert(QStringLiteral("notAfter"), e.notAfter->toUTC().toString(Qt::ISODate));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString toQrText(const QByteArray &file)
{
    return QLatin1String(kQrPrefix)
        + QString::fromLatin1(qCompress(file, 9).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

bool isQrText(const QString &text)
{
    return text.trimmed().startsWith(QLatin1String(kQrPrefix), Qt::CaseInsensitive);
}

std::optional<QByteArray> fromQrText(const QString &text, QString *why)
{
    const QString t = text.trimmed();
    if (!isQrText(t)) {
        if (why)
            *why = QStringLiteral("not an enrolment code");
        return std::nullopt;
    }
    const QByteArray packed = t.mid(int(qstrlen(kQrPrefix))).toLatin1();
    const auto decoded = QByteArray::fromBase64Encoding(packed, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    // qCompress's first four bytes: the size; a damaged or hostile code is refused before it is unpacked.
    if (!decoded || decoded.decoded.size() < 5) {
        if (why)
            *why = QStringLiteral("the enrolment code is damaged (scan it again)");
        return std::nullopt;
    }
    const QByteArray &z = decoded.decoded;
    const quint32 size = (quint32(quint8(z[0])) << 24) | (quint32(quint8(z[1])) << 16) | (quint32(quint8(z[2])) << 8) | quint8(z[3]);
    if (size == 0 || size > quint32(kMaxFileBytes)) {
        if (why)
            *why = QStringLiteral("the enrolment code is damaged or too large");
        return std::nullopt;
    }
    QByteArray file = qUncompress(z);
    if (file.isEmpty() || quint32(file.size()) != size) {
        if (why)
            *why = QStringLiteral("the enrolment code is damaged (scan it again)");
        return std::nullopt;
    }
    return file;
}

QString OneTimeCode::text() const
{
    const QString all = slot + digest;
    QStringList groups;
    for (int i = 0; i < all.size(); i += 4)
        groups << all.mid(i, 4);
    return groups.join(QLatin1Char('-'));
}

OneTimeCode makeCode(const QString &slot, const QByteArray &file)
{
    return {slot, base32(QCryptographicHash::hash(file, QCryptographicHash::Sha256), kDigestChars)};
}

QString randomSlot()
{
    QString s;
    for (int i = 0; i < kSlotChars; ++i)
        s += QLatin1Char(kAlphabet[QRandomGenerator::system()->bounded(32)]);
    return s;
}

std::optional<OneTimeCode> parseCode(const QString &typed, QString *why)
{
    QString s;
    for (const QChar c : typed) {
        if (c == QLatin1Char('-') || c.isSpace())
            continue;
        QChar u = c.toUpper();
        if (u == QLatin1Char('O'))
            u = QLatin1Char('0');
        else if (u == QLatin1Char('I') || u == QLatin1Char('L'))
            u = QLatin1Char('1');
        if (u.unicode() > 127 || !std::strchr(kAlphabet, char(u.unicode()))) {
            if (why)
                *why = QStringLiteral("the code has a character that is not in it (%1): codes use 0-9 and A-Z without I, L, O, U").arg(c);
            return std::nullopt;
        }
        s += u;
    }
    if (s.size() != kSlotChars + kDigestChars) {
        if (why)
            *why = QStringLiteral("the code has %1 characters; it has 20 (five groups of four)").arg(s.size());
        return std::nullopt;
    }
    return OneTimeCode{s.left(kSlotChars), s.mid(kSlotChars)};
}

bool matches(const OneTimeCode &code, const QByteArray &file)
{
    return makeCode(code.slot, file).digest == code.digest;
}

// --- EnrolmentStore ----------------------------------------------------------------------------

EnrolmentStore::EnrolmentStore(fs::path stateDir)
    : m_dir(std::move(stateDir) / "enrolment")
{
}

std::optional<EnrolmentStore::Stored> EnrolmentStore::load(QString *why) const
{
    const QByteArray json = readSmall(m_dir / "enrolment.json", 64 * 1024);
    if (json.isEmpty())
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    Stored s;
    s.server = o.value(QLatin1String("server")).toString();
    s.controllerId = o.value(QLatin1String("controllerId")).toString();
    s.reference = o.value(QLatin1String("reference")).toString();
    s.source = o.value(QLatin1String("source")).toString();
    s.enrolledAt = o.value(QLatin1String("enrolledAt")).toString();
    s.sha256 = o.value(QLatin1String("sha256")).toString().toLatin1();
    const QString tag = QString::fromLatin1(s.sha256.left(12));
    s.caFile = m_dir / ("ca-" + tag.toStdString() + ".pem");
    s.keySetFile = m_dir / ("keyset-" + tag.toStdString() + ".json");
    s.tokenFile = m_dir / ("target-token-" + tag.toStdString());
    if (!isDdiBase(s.server) || s.sha256.size() != 64 || !fs::exists(s.caFile) || !fs::exists(s.keySetFile) || !fs::exists(s.tokenFile)) {
        if (why)
            *why = QStringLiteral("the stored enrolment (%1) is damaged: enrol this terminal again").arg(QString::fromStdString(m_dir.string()));
        return std::nullopt;
    }
    return s;
}

QString EnrolmentStore::save(const Enrolment &e, const QByteArray &file, const QString &source)
{
    std::error_code ec;
    fs::create_directories(m_dir, ec);
    if (ec || ::chmod(m_dir.c_str(), 0700) != 0)
        return QStringLiteral("the enrolment folder %1 cannot be made").arg(QString::fromStdString(m_dir.string()));
    const QByteArray sha = sha256Hex(file);
    const std::string tag = sha.left(12).toStdString();
    const auto previous = load();
    // The new files under names of their own, then enrolment.json (the switch), then the old ones go.
    QString w;
    if (!writeAtomically(m_dir / ("ca-" + tag + ".pem"), e.caPem, &w) || !writeAtomically(m_dir / ("keyset-" + tag + ".json"), e.keySet, &w)
        || !writeAtomically(m_dir / ("target-token-" + tag), e.targetToken.toUtf8(), &w))
        return QStringLiteral("the enrolment cannot be stored (disk full or read-only?)");
    const QJsonObject o{{QStringLiteral("server"), e.server},
                        {QStringLiteral("controllerId"), e.controllerId},
                        {QStringLiteral("reference"), e.reference},
                        {QStringLiteral("source"), source},
                        {QStringLiteral("enrolledAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
                        {QStringLiteral("sha256"), QString::fromLatin1(sha)}};
    if (!writeAtomically(m_dir / "enrolment.json", QJsonDocument(o).toJson(QJsonDocument::Indented), &w))
        return QStringLiteral("the enrolment cannot be stored (disk full or read-only?)");
    if (previous && previous->sha256 != sha)
        for (const fs::path &p : {previous->caFile, previous->keySetFile, previous->tokenFile})
            fs::remove(p, ec);
    return {};
}

QByteArray EnrolmentStore::lastBootFile() const
{
    return readSmall(m_dir / "boot-file.sha256", 128).trimmed();
}

void EnrolmentStore::setLastBootFile(const QByteArray &sha256)
{
    std::error_code ec;
    fs::create_directories(m_dir, ec);
    ::chmod(m_dir.c_str(), 0700);
    QString w;
    writeAtomically(m_dir / "boot-file.sha256", sha256 + '\n', &w);
}

// --- network -----------------------------------------------------------------------------------

Probe probe(const Enrolment &e, const QString &controllerId, const fs::path &caFile, std::chrono::milliseconds timeout)
{
    Probe p;
    const QUrl url(e.server + QString::fromLatin1(QUrl::toPercentEncoding(controllerId)));
    try {
        bool tooLarge = false;
        const auto [status, body] = get(url, caFile, e.targetToken, timeout, 64 * 1024, &tooLarge);
        p.httpStatus = status;
        if (status == 200 || status == 304) {
            p.outcome = Probe::Outcome::Accepted;
            p.message = QStringLiteral("the fleet server accepts this terminal (HTTP %1)").arg(status);
        } else if (status == 401 || status == 403) {
            p.outcome = Probe::Outcome::Refused;
            p.message = QStringLiteral("the fleet server refuses this terminal's token (HTTP %1): check the target and its "
                                       "security token on the server, and that the controller id is %2")
                            .arg(status)
                            .arg(controllerId);
        } else if (status == 404) {
            p.outcome = Probe::Outcome::Refused;
            p.message = QStringLiteral("the fleet server has no such tenant or controller (HTTP 404): check the server address");
        } else {
            p.outcome = Probe::Outcome::Failed;
            p.message = QStringLiteral("the fleet server answered HTTP %1").arg(status);
        }
    } catch (const Poco::Net::SSLException &x) {
        const std::string verify = platform::takeLastVerifyError();
        p.outcome = Probe::Outcome::Untrusted;
        p.message = QStringLiteral("the fleet server's certificate is not trusted with this enrolment's CA: %1")
                        .arg(QString::fromStdString(verify.empty() ? x.displayText() : verify))
                        .left(300);
    } catch (const Poco::Exception &x) {
        const std::string verify = platform::takeLastVerifyError();
        if (!verify.empty()) {
            p.outcome = Probe::Outcome::Untrusted;
            p.message = QStringLiteral("the fleet server's certificate is not trusted with this enrolment's CA: %1")
                            .arg(QString::fromStdString(verify))
                            .left(300);
        } else {
            p.outcome = Probe::Outcome::Unreachable;
            p.message = QStringLiteral("the fleet server cannot be reached: %1").arg(QString::fromStdString(x.displayText())).left(300);
        }
    }
    return p;
}

Fetched fetch(const QString &enrolmentUrl, const fs::path &caFile, const OneTimeCode &code, std::chrono::milliseconds timeout)
{
    Fetched f;
    QUrl url(enrolmentUrl, QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != QLatin1String("https") || url.host().isEmpty()) {
        f.message = QStringLiteral("no enrolment host is configured (fleet.enrolmentUrl, an https address)");
        return f;
    }
    if (caFile.empty()) {
        f.message = QStringLiteral("no CA is configured for the enrolment host (fleet.enrolmentCaFile)");
        return f;
    }
    QString path = url.path();
    if (!path.endsWith(QLatin1Char('/')))
        path += QLatin1Char('/');
    url.setPath(path + code.slot);
    try {
        bool tooLarge = false;
        const auto [status, body] = get(url, caFile, {}, timeout, kMaxFileBytes, &tooLarge);
        if (status == 404 || status == 410) {
            f.message = QStringLiteral("there is no enrolment under this code: mistyped, already used, or withdrawn");
            return f;
        }
        if (status != 200) {
            f.message = QStringLiteral("the enrolment host answered HTTP %1").arg(status);
            return f;
        }
        if (tooLarge) {
            f.message = QStringLiteral("the enrolment host sent more than %1 KB: not an enrolment file").arg(kMaxFileBytes / 1024);
            return f;
        }
        const QByteArray file = QByteArray::fromStdString(body);
        if (!matches(code, file)) {
            f.message = QStringLiteral("the file under this code is not the one the code names: the code is mistyped, "
                                       "or the file was changed on the way");
            return f;
        }
        f.file = file;
        f.message = QStringLiteral("fetched the enrolment (%1 bytes) and checked it against the code").arg(file.size());
    } catch (const Poco::Exception &x) {
        const std::string verify = platform::takeLastVerifyError();
        f.message = QStringLiteral("the enrolment host cannot be reached: %1")
                        .arg(QString::fromStdString(verify.empty() ? x.displayText() : verify))
                        .left(300);
    }
    return f;
}

} // namespace kiosk::fleet::enrolment
