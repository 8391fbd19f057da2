// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/platform/queryclient.h"

#include "common/plaintext.h"
#include "services/platform/dispatcher.h"
#include "services/platform/platformclient.h"

namespace kiosk::platform {

using queue::TransportError;

namespace {

struct Classified {
    QueryFailure failure = QueryFailure::None;
    QString message;
    QString detail;
};

/** What the transport and the status say; None when a 2xx body is there to parse. */
Classified classify(const PlatformReply &r)
{
    if (r.cancelled)
        return {QueryFailure::Cancelled, {}, QStringLiteral("cancelled")};
    const QString text = QString::fromStdString(r.errorText);
    if (r.status == 0) {
        switch (r.error) {
        case TransportError::Timeout:
            return {QueryFailure::Timeout, {}, text};
        case TransportError::None:
        case TransportError::ConnectionReset:
        case TransportError::ConnectionRefused:
        case TransportError::Tls:
            return {QueryFailure::Unreachable, {}, text};
        case TransportError::Other:
            // A reply over the size limit, or one that is not HTTP, did arrive: it is the platform's fault.
            if (r.errorText.find("too large") != std::string::npos || r.errorText.find("not valid HTTP") != std::string::npos)
                return {QueryFailure::Malformed, {}, text};
            return {QueryFailure::Unreachable, {}, text};
        }
    }
    const QString reason = plainText(QString::fromStdString(platformReason(r.body)));
    if (r.status >= 500 || r.status == 408 || r.status == 429)
        return {QueryFailure::ServerError, reason, QStringLiteral("the platform answered HTTP %1%2").arg(r.status).arg(reason.isEmpty() ? QString() : QStringLiteral(": ") + reason)};
    if (r.status >= 400)
        return {QueryFailure::Refused, reason, QStringLiteral("the platform refused the request (HTTP %1%2)").arg(r.status).arg(reason.isEmpty() ? QString() : QStringLiteral(": ") + reason)};
    if (r.status < 200 || r.status >= 300)
        return {QueryFailure::Malformed, {}, QStringLiteral("the platform answered HTTP %1, not an answer").arg(r.status)};
    return {};
}

template<typename Result>
Result failed(const Classified &c, int status)
{
    Result r;
    r.failure = c.failure;
    r.status = status;
    r.message = c.message;
    r.detail = c.detail;
    return r;
}

} // namespace

QString queryFailureId(QueryFailure f)
{
    switch (f) {
    case QueryFailure::None:
        return QStringLiteral("none");
    case QueryFailure::Unreachable:
        return QStringLiteral("unreachable");
    case QueryFailure::Timeout:
        return QStringLiteral("timeout");
    case QueryFailure::Refused:
        return QStringLiteral("refused");
    case QueryFailure::ServerError:
        return QStringLiteral("server-error");
    case QueryFailure::Malformed:
        return QStringLiteral("malformed");
    case QueryFailure::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

QueryClient::QueryClient(PlatformEndpoint endpoint)
    : m_client(std::make_unique<PlatformClient>(std::move(endpoint)))
{
}

QueryClient::~QueryClient() = default;

void QueryClient::cancel()
{
    m_client->cancel();
}

QueryResult QueryClient::ask(const query::Request &request, int deadlineMs)
{
    const PlatformReply reply = m_client->query(query::queryPath().toStdString(), query::requestBody(request).toStdString(),
                                                {.timeoutMs = deadlineMs, .maxReplyBytes = std::size_t(query::kMaxAnswerBytes)});
    if (const Classified c = classify(reply); c.failure != QueryFailure::None)
        return failed<QueryResult>(c, reply.status);
    QString error;
    auto answer = query::parseAnswer(QByteArray::fromStdString(reply.body), &error);
    if (answer && answer->itemCode != request.itemCode)
        error = QStringLiteral("the platform answered for %1, not %2").arg(answer->itemCode, request.itemCode), answer.reset();
    if (!answer)
        return failed<QueryResult>({QueryFailure::Malformed, {}, QStringLiteral("the platform's answer is unreadable: ") + error}, reply.status);
    QueryResult r;
    r.status = reply.status;
    r.answer = std::move(answer);
    return r;
}

CertificateResult QueryClient::fetchCertificate(const query::Request &request, int deadlineMs)
{
    const PlatformReply reply = m_client->query(query::certificatePath().toStdString(), query::requestBody(request).toStdString(),
                                                {.timeoutMs = deadlineMs, .maxReplyBytes = std::size_t(query::kMaxCertificateReplyBytes)});
    if (const Classified c = classify(reply); c.failure != QueryFailure::None)
        return failed<CertificateResult>(c, reply.status);
    QString error;
    auto certificate = query::parseCertificate(QByteArray::fromStdString(reply.body), &error);
    if (certificate && certificate->itemCode != request.itemCode)
        error = QStringLiteral("the platform answered for %1, not %2").arg(certificate->itemCode, request.itemCode), certificate.reset();
    if (!certificate)
        return failed<CertificateResult>({QueryFailure::Malformed, {}, QStringLiteral("the platform's certificate is unusable: ") + error},
                                         reply.status);
    CertificateResult r;
    r.status = reply.status;
    r.certificate = std::move(certificate);
    return r;
}

} // namespace kiosk::platform
