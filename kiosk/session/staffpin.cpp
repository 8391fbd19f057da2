// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/session/staffpin.h"

#include <QByteArray>
#include <QRegularExpression>
#include <QStringList>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

namespace kiosk::staffpin {

namespace {

constexpr int kSaltBytes = 16;
constexpr int kHashBytes = 32;
const QLatin1String kScheme("pbkdf2-sha256");

struct Parsed {
    int iterations = 0;
    QByteArray salt, hash;
};

bool parse(const QString &encoded, Parsed *out, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    const QStringList parts = encoded.split(QLatin1Char('$'));
    if (parts.size() != 4 || parts.at(0) != kScheme)
        return fail(QStringLiteral("must look like pbkdf2-sha256$<iterations>$<salt>$<hash> (made by `kioskctl staff hash-pin`)"));
    bool ok = false;
    const int iterations = parts.at(1).toInt(&ok);
    if (!ok || iterations < kMinIterations || iterations > kMaxIterations)
        return fail(QStringLiteral("the iteration count must be from %1 to %2").arg(kMinIterations).arg(kMaxIterations));
    const auto salt = QByteArray::fromBase64Encoding(parts.at(2).toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    const auto hash = QByteArray::fromBase64Encoding(parts.at(3).toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!salt || salt.decoded.size() < kSaltBytes)
        return fail(QStringLiteral("the salt must be at least %1 bytes in base64").arg(kSaltBytes));
    if (!hash || hash.decoded.size() != kHashBytes)
        return fail(QStringLiteral("the hash must be %1 bytes in base64").arg(kHashBytes));
    if (out)
        *out = {iterations, salt.decoded, hash.decoded};
    return true;
}

QByteArray derive(const QString &pin, const QByteArray &salt, int iterations)
{
    const QByteArray p = pin.toUtf8();
    QByteArray out(kHashBytes, '\0');
    if (PKCS5_PBKDF2_HMAC(p.constData(), int(p.size()), reinterpret_cast<const unsigned char *>(salt.constData()), int(salt.size()),
                          iterations, EVP_sha256(), int(out.size()), reinterpret_cast<unsigned char *>(out.data()))
        != 1)
        return {};
    return out;
}

} // namespace

bool isValidPin(const QString &pin)
{
    static const QRegularExpression pattern(QStringLiteral("^[0-9]{4,12}$"));
    return pattern.match(pin).hasMatch();
}

QString hashPin(const QString &pin, int iterations)
{
    if (!isValidPin(pin) || iterations < kMinIterations || iterations > kMaxIterations)
        return {};
    QByteArray salt(kSaltBytes, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char *>(salt.data()), int(salt.size())) != 1)
        return {};
    const QByteArray hash = derive(pin, salt, iterations);
    if (hash.isEmpty())
        return {};
    return QStringLiteral("%1$%2$%3$%4")
        .arg(kScheme)
        .arg(iterations)
        .arg(QString::fromLatin1(salt.toBase64()), QString::fromLatin1(hash.toBase64()));
}

bool isValidHash(const QString &encoded, QString *error)
{
    return parse(encoded, nullptr, error);
}

bool verifyPin(const QString &pin, const QString &encoded)
{
    Parsed p;
    if (!isValidPin(pin) || !parse(encoded, &p, nullptr))
        return false;
    const QByteArray candidate = derive(pin, p.salt, p.iterations);
    return candidate.size() == p.hash.size() && CRYPTO_memcmp(candidate.constData(), p.hash.constData(), size_t(p.hash.size())) == 0;
}

QString demoPin()
{
    return QStringLiteral("135790");
}

QString demoHash()
{
    // `echo 135790 | kioskctl staff hash-pin` (a fixed salt is fine for a PIN printed in the docs).
    return QStringLiteral("pbkdf2-sha256$600000$w7/pf1puJIbCMbcmBFDh6w==$Lz46gp2n4zn98v6g0JfqnE8OdjCOt5tUYpQvZ8N9byU=");
}

QString demoTechnicianPin()
{
    return QStringLiteral("864200");
}

QString demoTechnicianHash()
{
    // `echo 864200 | kioskctl staff hash-pin`.
    return QStringLiteral("pbkdf2-sha256$600000$mkv5eeGRRXn1s6Igfm+8DA==$i+lU8MKkjjXRUEQccHB7VZ3fAu0W8gs77bMnIJKlSBU=");
}

} // namespace kiosk::staffpin
