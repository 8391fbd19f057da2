// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/simulation/devpki.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <memory>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk::simulation {

namespace {

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Cert = std::unique_ptr<X509, decltype(&X509_free)>;

Key newKey(bool rsa = false)
{
    return Key(rsa ? EVP_RSA_gen(2048) : EVP_EC_gen("P-256"), EVP_PKEY_free);
}

bool writePem(const std::string &path, X509 *cert, EVP_PKEY *key)
{
    // A private key is 0600 from the moment it exists, not after a chmod.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, cert ? 0644 : 0600);
    if (fd < 0)
        return false;
    if (!cert && ::fchmod(fd, 0600) != 0) {
        ::close(fd);
        return false;
    }
    FILE *f = ::fdopen(fd, "wb");
    if (!f) {
        ::close(fd);
        return false;
    }
    const bool ok = cert ? PEM_write_X509(f, cert) == 1 : PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
    return std::fclose(f) == 0 && ok;
}

Key readKey(const std::string &path)
{
    FILE *f = std::fopen(path.c_str(), "rb");
    if (!f)
        return Key(nullptr, EVP_PKEY_free);
    Key k(PEM_read_PrivateKey(f, nullptr, nullptr, nullptr), EVP_PKEY_free);
    std::fclose(f);
    return k;
}

Cert readCert(const std::string &path)
{
    FILE *f = std::fopen(path.c_str(), "rb");
    if (!f)
        return Cert(nullptr, X509_free);
    Cert c(PEM_read_X509(f, nullptr, nullptr, nullptr), X509_free);
    std::fclose(f);
    return c;
}

bool addExt(X509 *cert, X509 *issuer, int nid, const std::string &value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
    if (!ext)
        return false;
    const bool ok = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

/** Builds a certificate for @p key, signed by @p signKey with @p issuer's name (itself when null). */
Cert build(EVP_PKEY *key, const std::string &cn, X509 *issuer, EVP_PKEY *signKey, std::int64_t notBefore, std::int64_t notAfter,
           bool ca, const std::vector<std::string> &sans, bool clientAuth, bool rsa = false)
{
    Cert cert(X509_new(), X509_free);
    X509 *c = cert.get();
    if (!c || X509_set_version(c, 2) != 1)
        return Cert(nullptr, X509_free);
    unsigned char serial[16];
    if (RAND_bytes(serial, sizeof serial) != 1)
        return Cert(nullptr, X509_free);
    serial[0] &= 0x7f;
    BIGNUM *bn = BN_bin2bn(serial, sizeof serial, nullptr);
    const bool serialSet = bn && BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(c));
    BN_free(bn);
    X509_NAME *name = X509_get_subject_name(c);
    if (!serialSet || !X509_gmtime_adj(X509_getm_notBefore(c), long(notBefore)) || !X509_gmtime_adj(X509_getm_notAfter(c), long(notAfter))
        || X509_set_pubkey(c, key) != 1
        || X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char *>("Kiosk development"), -1, -1, 0) != 1
        || X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char *>(cn.c_str()), -1, -1, 0) != 1
        || X509_set_issuer_name(c, issuer ? X509_get_subject_name(issuer) : name) != 1)
        return Cert(nullptr, X509_free);
    X509 *iss = issuer ? issuer : c;
    bool ok = addExt(c, iss, NID_basic_constraints, ca ? "critical,CA:TRUE" : "critical,CA:FALSE")
        && addExt(c, iss, NID_key_usage, ca ? "critical,keyCertSign,cRLSign" : rsa ? "critical,digitalSignature,keyEncipherment" : "critical,digitalSignature")
        && addExt(c, iss, NID_subject_key_identifier, "hash");
    if (!ca) {
        ok = ok && addExt(c, iss, NID_ext_key_usage, clientAuth ? "clientAuth" : "serverAuth");
        std::string san;
        for (const auto &s : sans)
            san += (san.empty() ? "" : ",") + s;
        if (!san.empty())
            ok = ok && addExt(c, iss, NID_subject_alt_name, san);
    }
    if (!ok || X509_sign(c, signKey, EVP_sha256()) == 0)
        return Cert(nullptr, X509_free);
    return cert;
}

} // namespace

std::optional<DevPki> DevPki::open(const std::string &dir, const std::string &name, std::string *error)
{
    DevPki pki;
    pki.m_dir = dir;
    pki.m_caFile = dir + "/" + name + "-ca.pem";
    pki.m_caKeyFile = dir + "/" + name + "-ca.key";
    ::mkdir(dir.c_str(), 0700);
    if (readCert(pki.m_caFile) && readKey(pki.m_caKeyFile))
        return pki;
    Key key = newKey();
    Cert ca = key ? build(key.get(), name + " development CA", nullptr, key.get(), -3600, 10LL * 365 * 24 * 3600, true, {}, false)
                  : Cert(nullptr, X509_free);
    if (!ca || !writePem(pki.m_caKeyFile, nullptr, key.get()) || !writePem(pki.m_caFile, ca.get(), nullptr)) {
        if (error)
            *error = "cannot create a development CA in " + dir;
        return std::nullopt;
    }
    return pki;
}

std::optional<DevPki::Issued> DevPki::issue(const std::string &fileStem, const Spec &spec, std::string *error) const
{
    Cert ca = readCert(m_caFile);
    Key caKey = readKey(m_caKeyFile);
    Key key = newKey(spec.rsa);
    Cert cert = ca && caKey && key ? build(key.get(), spec.commonName, ca.get(), caKey.get(), spec.notBeforeOffsetSeconds,
                                           spec.notAfterOffsetSeconds, false, spec.subjectAltNames, spec.clientAuth, spec.rsa)
                                   : Cert(nullptr, X509_free);
    Issued out{m_dir + "/" + fileStem + ".pem", m_dir + "/" + fileStem + ".key"};
    if (!cert || !writePem(out.keyFile, nullptr, key.get()) || !writePem(out.certificateFile, cert.get(), nullptr)) {
        if (error)
            *error = "cannot issue " + fileStem + " in " + m_dir;
        return std::nullopt;
    }
    return out;
}

std::optional<DevPki::Issued> DevPki::selfSigned(const std::string &dir, const std::string &fileStem, const Spec &spec,
                                                 std::string *error)
{
    Key key = newKey(spec.rsa);
    Cert cert = key ? build(key.get(), spec.commonName, nullptr, key.get(), spec.notBeforeOffsetSeconds, spec.notAfterOffsetSeconds,
                            false, spec.subjectAltNames, spec.clientAuth, spec.rsa)
                    : Cert(nullptr, X509_free);
    Issued out{dir + "/" + fileStem + ".pem", dir + "/" + fileStem + ".key"};
    if (!cert || !writePem(out.keyFile, nullptr, key.get()) || !writePem(out.certificateFile, cert.get(), nullptr)) {
        if (error)
            *error = "cannot create " + fileStem + " in " + dir;
        return std::nullopt;
    }
    return out;
}

} // namespace kiosk::simulation
