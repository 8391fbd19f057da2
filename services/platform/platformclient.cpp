// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/platform/platformclient.h"

#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>
#include <Poco/StreamCopier.h>

#include <chrono>

namespace kiosk::platform {

using queue::TransportError;

namespace {
// A platform's reply is a small JSON object; more than this is not one.
constexpr std::size_t maxReply = 1 << 20;

std::int64_t wallMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}
} // namespace

std::string describeTlsError(const std::string &raw)
{
    auto has = [&raw](const char *s) { return raw.find(s) != std::string::npos; };
    if (has("expired"))
        return "the platform's certificate has expired (" + raw + ")";
    if (has("not yet valid"))
        return "the platform's certificate is not valid yet — check the terminal's clock (" + raw + ")";
    if (has("mismatch"))
        return "the platform's certificate was issued for another host (" + raw + ")";
    if (has("self-signed") || has("self signed"))
        return "the platform's certificate is self-signed and not trusted (" + raw + ")";
    if (has("unable to get local issuer") || has("unable to get issuer") || has("unknown ca"))
        return "the platform's certificate is from an unknown authority (" + raw + ")";
    if (has("protocol version") || has("unsupported protocol") || has("no protocols available"))
        return "the platform only offers an outdated TLS version; TLS 1.2 or newer is required (" + raw + ")";
    if (has("certificate required") || has("handshake failure") || has("bad certificate"))
        return "the platform refused the terminal's client certificate (" + raw + ")";
    return "secure connection failed (" + raw + ")";
}

PlatformClient::PlatformClient(PlatformEndpoint endpoint)
    : m_endpoint(std::move(endpoint))
{
    if (m_endpoint.tls.host.empty())
        m_endpoint.tls.host = m_endpoint.host;
    m_context = makeClientContext(m_endpoint.tls);
}

PlatformClient::~PlatformClient() = default;

PlatformReply PlatformClient::post(const std::string &path, const std::string &idempotencyKey, const std::string &body)
{
    return exchange(Poco::Net::HTTPRequest::HTTP_POST, path, idempotencyKey, body);
}

PlatformReply PlatformClient::get(const std::string &path)
{
    return exchange(Poco::Net::HTTPRequest::HTTP_GET, path, {}, {});
}

PlatformReply PlatformClient::exchange(const std::string &method, const std::string &path, const std::string &key, const std::string &body)
{
    // A kept-alive connection the platform closed while idle fails on first use: then one fresh
    // connection is tried at once. Safe to resend: the Idempotency-Key de-duplicates.
    for (int attempt = 0; attempt < 2; ++attempt) {
        PlatformReply r;
        const bool reused = m_session && m_sessionUsed;
        try {
            if (!m_session) {
                m_session = std::make_unique<Poco::Net::HTTPSClientSession>(m_endpoint.host, m_endpoint.port, m_context);
                m_session->setKeepAlive(true);
                m_session->setTimeout(Poco::Timespan(Poco::Timespan::TimeDiff(m_endpoint.timeoutMs) * 1000));
                m_sessionUsed = false;
            }
            Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
            request.setKeepAlive(true);
            const RequestSignature sig = signRequest(m_endpoint.algorithm, m_endpoint.signingKey, m_endpoint.terminalId,
                                                     method, path, body, wallMs());
            if (!key.empty())
                request.set(header::idempotencyKey, key);
            request.set(header::terminal, m_endpoint.terminalId);
            request.set(header::timestamp, sig.timestamp);
            request.set(header::nonce, sig.nonce);
            request.set(header::contentDigest, sig.contentDigest);
            request.set(header::algorithm, algorithmName(m_endpoint.algorithm));
            request.set(header::signature, sig.signature);
            if (method == Poco::Net::HTTPRequest::HTTP_POST) {
                request.setContentType("application/json; charset=utf-8");
                request.setContentLength(std::streamsize(body.size()));
            }
            m_sessionUsed = true;
            m_session->sendRequest(request) << body;
            Poco::Net::HTTPResponse response;
            std::istream &in = m_session->receiveResponse(response);
            r.status = int(response.getStatus());
            r.retryAfter = response.get("Retry-After", "");
            char buf[8192];
            while (in.read(buf, sizeof buf) || in.gcount() > 0) {
                r.body.append(buf, std::size_t(in.gcount()));
                if (r.body.size() > maxReply) {
                    r.status = 0;
                    r.error = TransportError::Other;
                    r.errorText = "the platform's reply is too large";
                    m_session.reset();
                    return r;
                }
            }
            if (!response.getKeepAlive())
                m_session.reset();
            return r;
        } catch (const Poco::TimeoutException &e) {
            r.error = TransportError::Timeout;
            r.errorText = "no reply from the platform within " + std::to_string(m_endpoint.timeoutMs / 1000) + " s";
        } catch (const Poco::Net::ConnectionRefusedException &e) {
            r.error = TransportError::ConnectionRefused;
            r.errorText = "the platform is not reachable (connection refused)";
        } catch (const Poco::Net::SSLException &e) {
            r.error = TransportError::Tls;
            const std::string detail = takeLastVerifyError();
            r.errorText = describeTlsError(detail.empty() ? (e.message().empty() ? e.displayText() : e.message()) : detail);
        } catch (const Poco::Net::NoMessageException &e) {
            r.error = TransportError::ConnectionReset;
            r.errorText = "the platform closed the connection without a reply";
        } catch (const Poco::Net::ConnectionResetException &e) {
            r.error = TransportError::ConnectionReset;
            r.errorText = "the connection to the platform was reset";
        } catch (const Poco::Net::MessageException &e) {
            r.error = TransportError::Other;
            r.errorText = "the platform's reply is not valid HTTP (" + e.message() + ")";
        } catch (const Poco::Net::NetException &e) {
            // Poco reports some socket errors (refused, unreachable) as plain NetExceptions.
            const std::string text = e.displayText();
            const bool refused = text.find("refused") != std::string::npos || text.find("unreachable") != std::string::npos;
            r.error = refused ? TransportError::ConnectionRefused : TransportError::Other;
            r.errorText = refused ? "the platform is not reachable (" + text + ")" : text;
        } catch (const Poco::Exception &e) {
            r.error = TransportError::Other;
            r.errorText = e.displayText();
        }
        m_session.reset();
        const bool retryFresh = reused && r.error == TransportError::ConnectionReset;
        if (!retryFresh)
            return r;
    }
    return {0, TransportError::Other, {}, {}, "unreachable"};
}

} // namespace kiosk::platform
