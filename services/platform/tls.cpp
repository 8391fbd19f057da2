// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/platform/tls.h"

#include <Poco/Net/InvalidCertificateHandler.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SSLManager.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <ctime>
#include <memory>
#include <mutex>

namespace kiosk::platform {

namespace {
thread_local std::string t_lastVerifyError;
thread_local HandshakeInfo t_lastHandshake;

std::string nameText(const X509_NAME *name)
{
    if (!name)
        return {};
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    if (!bio || X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) < 0)
        return {};
    char *data = nullptr;
    const long n = BIO_get_mem_data(bio.get(), &data);
    return n > 0 && data ? std::string(data, std::size_t(n)) : std::string();
}

/** Rejects like Poco's RejectCertificateHandler, but remembers why and what (for describeTlsError and `platform check`). */
class RecordingRejectHandler : public Poco::Net::InvalidCertificateHandler
{
public:
    explicit RecordingRejectHandler(bool server)
        : Poco::Net::InvalidCertificateHandler(server)
    {
    }
    void onInvalidCertificate(const void *, Poco::Net::VerificationErrorArgs &args) override
    {
        t_lastVerifyError = args.errorMessage();
        if (args.errorDepth() == 0)
            t_lastHandshake.peer = describeCertificate(args.certificate().certificate());
        args.setIgnoreError(false);
    }
};

void infoCallback(const SSL *ssl, int where, int)
{
    if (!(where & SSL_CB_HANDSHAKE_DONE))
        return;
    t_lastHandshake.version = SSL_get_version(ssl);
    const SSL_CIPHER *c = SSL_get_current_cipher(ssl);
    t_lastHandshake.cipher = c ? SSL_CIPHER_get_name(c) : "";
    if (const X509 *peer = SSL_get0_peer_certificate(ssl))
        t_lastHandshake.peer = describeCertificate(peer);
}

[[noreturn]] void fail(const std::string &what)
{
    std::string detail;
    if (const unsigned long e = ERR_get_error()) {
        char buf[256];
        ERR_error_string_n(e, buf, sizeof buf);
        detail = std::string(" (") + buf + ")";
    }
    ERR_clear_error();
    throw Poco::Net::SSLContextException(what + detail);
}
} // namespace

CertificateInfo describeCertificate(const X509 *certificate)
{
    CertificateInfo info;
    if (!certificate)
        return info;
    info.subject = nameText(X509_get_subject_name(certificate));
    info.issuer = nameText(X509_get_issuer_name(certificate));
    std::tm tm{};
    if (const ASN1_TIME *t = X509_get0_notAfter(certificate); t && ASN1_TIME_to_tm(t, &tm) == 1) {
        char buf[32];
        std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
        info.notAfter = buf;
    }
    return info;
}

std::string takeLastVerifyError()
{
    std::string s;
    s.swap(t_lastVerifyError);
    return s;
}

HandshakeInfo takeLastHandshake()
{
    HandshakeInfo h;
    std::swap(h, t_lastHandshake);
    return h;
}

void initializeTls()
{
    static std::once_flag once;
    std::call_once(once, [] {
        Poco::Net::initializeSSL();
        Poco::Net::Context::Params params;
        params.verificationMode = Poco::Net::Context::VERIFY_STRICT;
        params.loadDefaultCAs = false;
        auto defaultClient = Poco::Net::Context::Ptr(new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params));
        Poco::Net::SSLManager::instance().initializeClient(nullptr, new RecordingRejectHandler(false), defaultClient);
        Poco::Net::SSLManager::instance().initializeServer(nullptr, new RecordingRejectHandler(true), nullptr);
    });
}

Poco::Net::Context::Ptr makeClientContext(const ClientTlsOptions &options)
{
    initializeTls();
    if (options.host.empty())
        throw Poco::Net::SSLContextException("no host to check the platform's certificate against");
    Poco::Net::Context::Params params;
    params.caLocation = options.caFile;
    params.loadDefaultCAs = false; // trust only the platform's CA, not the whole system store
    params.verificationMode = Poco::Net::Context::VERIFY_STRICT;
    params.verificationDepth = 4;
    params.cipherList = clientCipherList;
    params.certificateFile = options.clientCertificateFile;
    params.privateKeyFile = options.clientKeyFile;
    Poco::Net::Context::Ptr ctx(new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params));
    SSL_CTX *ssl = ctx->sslContext();
    // Set again, checked: what the terminal offers must never silently fall back to a default.
    if (SSL_CTX_set_min_proto_version(ssl, TLS1_2_VERSION) != 1)
        fail("cannot require TLS 1.2 or newer");
    if (SSL_CTX_set_max_proto_version(ssl, 0) != 1) // the newest this OpenSSL has: TLS 1.3
        fail("cannot allow TLS 1.3");
    if (SSL_CTX_set_cipher_list(ssl, clientCipherList) != 1)
        fail("cannot restrict the TLS 1.2 cipher suites to ECDHE with AEAD");
    if (SSL_CTX_set_ciphersuites(ssl, clientCipherSuites) != 1)
        fail("cannot set the TLS 1.3 cipher suites");
    if (SSL_CTX_set1_groups_list(ssl, "X25519:P-256:P-384") != 1)
        fail("cannot set the key exchange groups");
    SSL_CTX_set_options(ssl, SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION);
    SSL_CTX_set_info_callback(ssl, infoCallback);
    // The host name is checked by OpenSSL during the handshake, before a byte of the request is
    // sent. (Poco's own after-the-fact check would also resolve names through DNS.)
    ctx->enableExtendedCertificateVerification(false);
    X509_VERIFY_PARAM *param = SSL_CTX_get0_param(ssl);
    if (!param)
        fail("cannot reach the certificate verification settings");
    Poco::Net::IPAddress ip;
    if (Poco::Net::IPAddress::tryParse(options.host, ip)) {
        if (X509_VERIFY_PARAM_set1_ip_asc(param, options.host.c_str()) != 1)
            fail("cannot check the certificate against the address " + options.host);
    } else {
        X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
        if (X509_VERIFY_PARAM_set1_host(param, options.host.c_str(), options.host.size()) != 1)
            fail("cannot check the certificate against the host name " + options.host);
    }
    return ctx;
}

} // namespace kiosk::platform
