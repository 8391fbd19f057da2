// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/platform/tls.h"

#include <Poco/Net/InvalidCertificateHandler.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/Net/SSLManager.h>

#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <mutex>

namespace kiosk::platform {

namespace {
thread_local std::string t_lastVerifyError;

/** Rejects like Poco's RejectCertificateHandler, but remembers why (for describeTlsError). */
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
        args.setIgnoreError(false);
    }
};
} // namespace

std::string takeLastVerifyError()
{
    std::string s;
    s.swap(t_lastVerifyError);
    return s;
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
    Poco::Net::Context::Params params;
    params.caLocation = options.caFile;
    params.loadDefaultCAs = false; // trust only the platform's CA, not the whole system store
    params.verificationMode = Poco::Net::Context::VERIFY_STRICT;
    params.verificationDepth = 4;
    params.cipherList = "HIGH:!aNULL:!eNULL:!MD5:!RC4:!3DES";
    params.certificateFile = options.clientCertificateFile;
    params.privateKeyFile = options.clientKeyFile;
    Poco::Net::Context::Ptr ctx(new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params));
    ctx->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
    // The host name is checked by OpenSSL during the handshake, before a byte of the request is
    // sent. (Poco's own after-the-fact check would also resolve names through DNS.)
    ctx->enableExtendedCertificateVerification(false);
    X509_VERIFY_PARAM *param = SSL_CTX_get0_param(ctx->sslContext());
    Poco::Net::IPAddress ip;
    if (Poco::Net::IPAddress::tryParse(options.host, ip))
        X509_VERIFY_PARAM_set1_ip_asc(param, options.host.c_str());
    else
        X509_VERIFY_PARAM_set1_host(param, options.host.c_str(), options.host.size());
    return ctx;
}

} // namespace kiosk::platform
