// SPDX-License-Identifier: GPL-3.0-or-later
// The loopback hawkBit DDI server the fleet client is tested against, driven by plain Poco HTTPS
// requests over TLS on 127.0.0.1 (trusting only the test CA): hawkBit's shapes and links, ETags
// and 304, artifacts with their hashes and Range, every fault, feedback and the action states,
// configData's modes and limits, the target token.
#include "services/platform/tls.h"
#include "services/simulation/ddiserver.h"
#include "services/simulation/devpki.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/URI.h>

#include <map>
#include <memory>
#include <thread>

using namespace kiosk;
using namespace kiosk::simulation;
using Fault = DdiServer::Fault;

namespace {

struct Reply {
    int status = 0;
    std::string body;
    std::map<std::string, std::string> headers;
    std::string error; ///< the exception, when the exchange broke off
    [[nodiscard]] std::string header(const std::string &name) const
    {
        auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
    [[nodiscard]] bool has(const std::string &name) const { return headers.count(name) != 0; }
    [[nodiscard]] Poco::JSON::Object::Ptr json() const
    {
        try {
            return Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
        } catch (const Poco::Exception &e) {
            qWarning("not JSON (%s): %s", e.displayText().c_str(), body.c_str());
            return {};
        }
    }
};

using Headers = std::vector<std::pair<std::string, std::string>>;

std::string hex(const std::string &data, QCryptographicHash::Algorithm algorithm)
{
    return QCryptographicHash::hash(QByteArray::fromStdString(data), algorithm).toHex().toStdString();
}

/** A DDI feedback body: `extraStatus` is spliced into "status" (",\"code\":200"), `extraResult` into "result". */
std::string feedbackBody(const std::string &execution, const std::string &finished, const std::string &extraStatus = {},
                         const std::string &extraResult = {})
{
    return R"({"timestamp":1627997501890,"status":{"execution":")" + execution + R"(","result":{"finished":")" + finished + "\""
        + extraResult + "}" + extraStatus + "}}";
}

std::string link(const Poco::JSON::Object::Ptr &json, const std::string &name)
{
    if (!json || !json->has("_links"))
        return {};
    const auto links = json->getObject("_links");
    if (!links || !links->has(name))
        return {};
    return links->getObject(name)->getValue<std::string>("href");
}

} // namespace

class TestDdiServer : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::optional<DevPki> m_pki;
    DevPki::Issued m_cert;
    Poco::Net::Context::Ptr m_ctx;
    std::unique_ptr<DdiServer> m_server;

    DdiServer::Options options() const
    {
        DdiServer::Options o;
        o.certificateFile = m_cert.certificateFile;
        o.keyFile = m_cert.keyFile;
        return o;
    }

    /** One request to @p url (https or http), on @p session when given (keep-alive), else a new connection. */
    Reply call(const std::string &method, const std::string &url, const std::string &body = {}, const Headers &headers = {},
               Poco::Net::HTTPClientSession *session = nullptr, const std::string &contentType = "application/json")
    {
        const Poco::URI uri(url);
        std::unique_ptr<Poco::Net::HTTPClientSession> own;
        if (!session) {
            if (uri.getScheme() == "https")
                own = std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(), m_ctx);
            else
                own = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
            own->setTimeout(Poco::Timespan(10, 0));
            session = own.get();
        }
        Poco::Net::HTTPRequest request(method, uri.getPathEtc(), Poco::Net::HTTPMessage::HTTP_1_1);
        for (const auto &[k, v] : headers)
            request.set(k, v);
        if (method != "GET") {
            request.setContentType(contentType);
            request.setContentLength(std::streamsize(body.size()));
        }
        Reply r;
        try {
            session->sendRequest(request) << body;
            Poco::Net::HTTPResponse response;
            std::istream &in = session->receiveResponse(response);
            r.status = int(response.getStatus());
            for (const auto &[k, v] : response)
                r.headers[k] = v;
            char buffer[4096];
            while (in.read(buffer, sizeof buffer).gcount() > 0)
                r.body.append(buffer, std::size_t(in.gcount()));
        } catch (const Poco::Exception &e) {
            r.error = e.displayText();
        }
        return r;
    }
    std::string base(const std::string &controllerId) const { return m_server->baseUrl() + controllerId; }
    Reply poll(const std::string &controllerId, const Headers &headers = {}) { return call("GET", base(controllerId), {}, headers); }
    Reply postFeedback(const std::string &controllerId, int action, const std::string &body, bool onCancel = false,
                       Poco::Net::HTTPClientSession *session = nullptr)
    {
        return call("POST", base(controllerId) + (onCancel ? "/cancelAction/" : "/deploymentBase/") + std::to_string(action) + "/feedback",
                    body, {}, session);
    }
    Reply putConfig(const std::string &controllerId, const std::string &body) { return call("PUT", base(controllerId) + "/configData", body); }

    static DdiServer::Assignment oneArtifact(const std::string &content, const std::string &filename = "catalog.bundle")
    {
        DdiServer::Assignment a;
        DdiServer::Chunk c;
        c.name = "catalog";
        c.version = "2.0";
        c.artifacts.push_back({filename, content});
        a.chunks.push_back(c);
        return a;
    }
    /** The first artifact of the first chunk of the controller's open deployment, found through the base poll's link. */
    Poco::JSON::Object::Ptr firstArtifact(const std::string &controllerId)
    {
        const Reply d = call("GET", link(poll(controllerId).json(), "deploymentBase"));
        if (d.status != 200)
            return {};
        return d.json()->getObject("deployment")->getArray("chunks")->getObject(0)->getArray("artifacts")->getObject(0);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        std::string error;
        m_pki = DevPki::open(m_dir.path().toStdString(), "ddi", &error);
        QVERIFY2(m_pki, error.c_str());
        auto cert = m_pki->issue("server", {.commonName = "127.0.0.1"}, &error);
        QVERIFY2(cert, error.c_str());
        m_cert = *cert;
        platform::initializeTls();
        platform::ClientTlsOptions tls;
        tls.caFile = m_pki->caFile();
        tls.host = "127.0.0.1";
        m_ctx = platform::makeClientContext(tls);
        m_server = std::make_unique<DdiServer>(options());
        QVERIFY2(m_server->start(&error), error.c_str());
        QVERIFY(m_server->port() != 0 && m_server->plainPort() != 0 && m_server->port() != m_server->plainPort());
    }
    void init() { m_server->clearFaults(); }
    void cleanupTestCase() { m_server.reset(); }

    void baseShapeAndLinks()
    {
        QCOMPARE(m_server->baseUrl(), "https://127.0.0.1:" + std::to_string(m_server->port()) + "/DEFAULT/controller/v1/");
        Reply r = poll("kiosk-base");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Content-Type"), std::string("application/json"));
        // Nothing to do: no links at all (HAL leaves an empty _links out).
        QCOMPARE(r.body, std::string(R"({"config":{"polling":{"sleep":"00:05:00"}}})"));
        QCOMPARE(m_server->polls("kiosk-base"), 1);

        m_server->requestConfigData("kiosk-base");
        r = poll("kiosk-base");
        QCOMPARE(link(r.json(), "configData"), base("kiosk-base") + "/configData");
        QVERIFY(link(r.json(), "deploymentBase").empty());

        const int id = m_server->assign("kiosk-base", oneArtifact("payload"));
        QVERIFY(id >= 1);
        r = poll("kiosk-base");
        const std::string deployment = link(r.json(), "deploymentBase");
        const QRegularExpression shape(QString::fromStdString("^" + QRegularExpression::escape(QString::fromStdString(base("kiosk-base"))).toStdString()
                                                              + "/deploymentBase/" + std::to_string(id) + "\\?c=-?[0-9]+$"));
        QVERIFY2(shape.match(QString::fromStdString(deployment)).hasMatch(), deployment.c_str());
        QVERIFY(!link(r.json(), "configData").empty());
        QCOMPARE(m_server->actionState(id), std::string("running"));

        // The configData link goes once the attributes arrive; the deployment link when the operator closes the action.
        QCOMPARE(putConfig("kiosk-base", R"({"data":{"hw":"k1"}})").status, 200);
        m_server->closeOnServer(id);
        r = poll("kiosk-base");
        QCOMPARE(r.body, std::string(R"({"config":{"polling":{"sleep":"00:05:00"}}})"));
        QCOMPARE(m_server->actionState(id), std::string("closed-by-server"));
        QCOMPARE(m_server->polls("kiosk-base"), 4);
        QCOMPARE(m_server->polls("nobody"), 0);
    }

    void etagAndNotModified()
    {
        const Reply first = poll("kiosk-etag");
        QCOMPARE(first.status, 200);
        const std::string etag = first.header("ETag");
        QVERIFY2(etag.size() > 2 && etag.front() == '"' && etag.back() == '"', etag.c_str());

        const Reply again = poll("kiosk-etag", {{"If-None-Match", etag}});
        QCOMPARE(again.status, 304);
        QVERIFY(again.body.empty());
        QCOMPARE(again.header("ETag"), etag);
        QCOMPARE(poll("kiosk-etag", {{"If-None-Match", "\"something else\""}}).status, 200);
        QCOMPARE(m_server->polls("kiosk-etag"), 3);
        QCOMPARE(m_server->notModified("kiosk-etag"), 1);

        // Something to do changes the body, so the old ETag no longer matches.
        m_server->assign("kiosk-etag", oneArtifact("x"));
        const Reply changed = poll("kiosk-etag", {{"If-None-Match", etag}});
        QCOMPARE(changed.status, 200);
        QVERIFY(changed.header("ETag") != etag);
        QVERIFY(!link(changed.json(), "deploymentBase").empty());
        QCOMPARE(m_server->notModified("kiosk-etag"), 1);

        // The deployment reply carries an ETag too.
        const Reply d = call("GET", link(changed.json(), "deploymentBase"));
        QCOMPARE(d.status, 200);
        QVERIFY(!d.header("ETag").empty());
        QCOMPARE(call("GET", link(changed.json(), "deploymentBase"), {}, {{"If-None-Match", d.header("ETag")}}).status, 304);
    }

    void sleepIsPassedRaw()
    {
        for (const std::string sleep : {"PT24H", "P1DT2H", "XX:00:00", "00:00:30", "", "12:00:00\"}"}) {
            m_server->setSleep(sleep);
            const Reply r = poll("kiosk-sleep");
            QCOMPARE(r.status, 200);
            const auto json = r.json();
            QVERIFY2(json, r.body.c_str());
            QCOMPARE(json->getObject("config")->getObject("polling")->getValue<std::string>("sleep"), sleep);
        }
        m_server->setSleep("00:05:00");
    }

    void deploymentShape()
    {
        DdiServer::Assignment a;
        DdiServer::Chunk os;
        os.part = "os";
        os.name = "kiosk-app";
        os.version = "1.4.2";
        os.artifacts.push_back({"abc.txt", "abc"});
        const std::string big(70000, 'k');
        os.artifacts.push_back({"big.bin", big});
        os.metadata = {{"install", "apt"}, {"reboot", "no"}};
        DdiServer::Chunk data;
        data.name = "catalog";
        data.version = "2026.03";
        data.artifacts.push_back({"catalog.json", "{\"items\":[]}", true});
        a.chunks = {os, data};
        a.download = "attempt";
        a.update = "forced";
        const int id = m_server->assign("kiosk-deploy", a);

        const std::string href = link(poll("kiosk-deploy").json(), "deploymentBase");
        const Reply r = call("GET", href);
        QCOMPARE(r.status, 200);
        const auto json = r.json();
        QVERIFY(json);
        QVERIFY2(r.body.rfind("{\"id\":\"" + std::to_string(id) + "\",\"deployment\":{\"download\":\"attempt\",\"update\":\"forced\",\"chunks\":[", 0) == 0,
                 r.body.c_str());
        QCOMPARE(json->getValue<std::string>("id"), std::to_string(id));
        QVERIFY(!json->has("actionHistory")); // only when asked for (?actionHistory=N)
        const auto deployment = json->getObject("deployment");
        QVERIFY(!deployment->has("maintenanceWindow"));
        const auto chunks = deployment->getArray("chunks");
        QCOMPARE(int(chunks->size()), 2);
        const auto c0 = chunks->getObject(0);
        QCOMPARE(c0->getValue<std::string>("part"), std::string("os"));
        QCOMPARE(c0->getValue<std::string>("name"), std::string("kiosk-app"));
        QCOMPARE(c0->getValue<std::string>("version"), std::string("1.4.2"));
        const auto meta = c0->getArray("metadata");
        QCOMPARE(int(meta->size()), 2);
        QCOMPARE(meta->getObject(1)->getValue<std::string>("key"), std::string("reboot"));
        QCOMPARE(meta->getObject(1)->getValue<std::string>("value"), std::string("no"));
        QVERIFY(!chunks->getObject(1)->has("metadata"));

        const auto abc = c0->getArray("artifacts")->getObject(0);
        QCOMPARE(abc->getValue<std::string>("filename"), std::string("abc.txt"));
        QCOMPARE(abc->getValue<int>("size"), 3);
        const auto hashes = abc->getObject("hashes");
        // The published test vectors for "abc" (FIPS 180-2, RFC 1321).
        QCOMPARE(hashes->getValue<std::string>("sha256"), std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(hashes->getValue<std::string>("sha1"), std::string("a9993e364706816aba3e25717850c26c9cd0d89d"));
        QCOMPARE(hashes->getValue<std::string>("md5"), std::string("900150983cd24fb0d6963f7d28e17f72"));
        const auto links = abc->getObject("_links");
        const std::string module = "/softwaremodules/";
        QVERIFY(links->getObject("download")->getValue<std::string>("href").rfind(base("kiosk-deploy") + module, 0) == 0);
        QVERIFY(links->getObject("download")->getValue<std::string>("href").ends_with("/artifacts/abc.txt"));
        const std::string plain = "http://127.0.0.1:" + std::to_string(m_server->plainPort()) + "/DEFAULT/controller/v1/kiosk-deploy" + module;
        QVERIFY(links->getObject("download-http")->getValue<std::string>("href").rfind(plain, 0) == 0);
        QVERIFY(links->getObject("md5sum")->getValue<std::string>("href").ends_with("/artifacts/abc.txt.MD5SUM"));

        const auto bigArtifact = c0->getArray("artifacts")->getObject(1);
        QCOMPARE(bigArtifact->getValue<int>("size"), int(big.size()));
        QCOMPARE(bigArtifact->getObject("hashes")->getValue<std::string>("sha256"), hex(big, QCryptographicHash::Sha256));
        QCOMPARE(bigArtifact->getObject("hashes")->getValue<std::string>("sha1"), hex(big, QCryptographicHash::Sha1));
        QCOMPARE(bigArtifact->getObject("hashes")->getValue<std::string>("md5"), hex(big, QCryptographicHash::Md5));

        // wrongHash: the sha256 lies, the others and the content do not.
        const auto wrong = chunks->getObject(1)->getArray("artifacts")->getObject(0);
        const std::string content = "{\"items\":[]}";
        QVERIFY(wrong->getObject("hashes")->getValue<std::string>("sha256") != hex(content, QCryptographicHash::Sha256));
        QCOMPARE(wrong->getObject("hashes")->getValue<std::string>("sha1"), hex(content, QCryptographicHash::Sha1));
        const Reply file = call("GET", wrong->getObject("_links")->getObject("download")->getValue<std::string>("href"));
        QCOMPARE(file.status, 200);
        QCOMPARE(file.body, content);

        // The cache-buster must be the link's; unknown ids and other controllers' actions are not found.
        const std::string withoutC = href.substr(0, href.find('?'));
        QCOMPARE(call("GET", withoutC).status, 404);
        QCOMPARE(call("GET", withoutC + "?c=1" + href.substr(href.find('=') + 1)).status, 404);
        QCOMPARE(call("GET", base("kiosk-deploy") + "/deploymentBase/999" + href.substr(href.find('?'))).status, 404);
        QCOMPARE(call("GET", base("kiosk-other") + "/deploymentBase/" + std::to_string(id) + href.substr(href.find('?'))).status, 404);

        // A maintenance window: outside it the update is "skip".
        m_server->setMaintenanceWindow(id, "unavailable");
        auto d = call("GET", href).json()->getObject("deployment");
        QCOMPARE(d->getValue<std::string>("maintenanceWindow"), std::string("unavailable"));
        QCOMPARE(d->getValue<std::string>("update"), std::string("skip"));
        m_server->setMaintenanceWindow(id, "available");
        d = call("GET", href).json()->getObject("deployment");
        QCOMPARE(d->getValue<std::string>("maintenanceWindow"), std::string("available"));
        QCOMPARE(d->getValue<std::string>("update"), std::string("forced"));

        // actionHistory on request: hawkBit's status name, the newest messages first.
        QCOMPARE(postFeedback("kiosk-deploy", id, feedbackBody("proceeding", "none", R"(,"details":["first"])")).status, 200);
        QCOMPARE(postFeedback("kiosk-deploy", id, feedbackBody("download", "none", R"(,"details":["second"])")).status, 200);
        const auto history = call("GET", href + "&actionHistory=1").json()->getObject("actionHistory");
        QVERIFY(history);
        QCOMPARE(history->getValue<std::string>("status"), std::string("RUNNING"));
        QCOMPARE(int(history->getArray("messages")->size()), 1);
        QCOMPARE(history->getArray("messages")->getElement<std::string>(0), std::string("second"));
    }

    void artifactsAndRange()
    {
        std::string content;
        for (int i = 0; i < 5000; ++i)
            content += char('a' + i % 26);
        m_server->assign("kiosk-range", oneArtifact(content));
        const auto artifact = firstArtifact("kiosk-range");
        QVERIFY(artifact);
        const std::string url = artifact->getObject("_links")->getObject("download")->getValue<std::string>("href");
        const int before = m_server->artifactRequests();
        const auto rangesBefore = m_server->rangeHeaders().size();

        Reply r = call("GET", url);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, content);
        const std::string sha1 = hex(content, QCryptographicHash::Sha1);
        QCOMPARE(r.header("ETag"), std::string(1, '"').append(sha1).append(1, '"'));
        QCOMPARE(r.header("Accept-Ranges"), std::string("bytes"));

        r = call("GET", url, {}, {{"Range", "bytes=1234-"}});
        QCOMPARE(r.status, 206);
        QCOMPARE(r.header("Content-Range"), std::string("bytes 1234-4999/5000"));
        QCOMPARE(r.body, content.substr(1234));

        r = call("GET", url, {}, {{"Range", "bytes=10-19"}});
        QCOMPARE(r.status, 206);
        QCOMPARE(r.body, content.substr(10, 10));

        r = call("GET", url, {}, {{"Range", "bytes=5000-"}});
        QCOMPARE(r.status, 416);
        QCOMPARE(r.header("Content-Range"), std::string("bytes */5000"));

        // If-Range with another ETag: the range no longer applies, the whole file comes.
        r = call("GET", url, {}, {{"Range", "bytes=100-"}, {"If-Range", "\"0000\""}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, content);

        QCOMPARE(m_server->artifactRequests() - before, 5);
        const auto ranges = m_server->rangeHeaders();
        const std::vector<std::string> expected{"", "bytes=1234-", "bytes=10-19", "bytes=5000-", "bytes=100-"};
        QCOMPARE(std::vector<std::string>(ranges.begin() + std::ptrdiff_t(rangesBefore), ranges.end()), expected);

        // The MD5SUM file, and the same artifact over the plain-HTTP listener.
        r = call("GET", artifact->getObject("_links")->getObject("md5sum")->getValue<std::string>("href"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, hex(content, QCryptographicHash::Md5) + "  catalog.bundle");
        const std::string plain = artifact->getObject("_links")->getObject("download-http")->getValue<std::string>("href");
        QVERIFY(plain.rfind("http://", 0) == 0);
        r = call("GET", plain, {}, {{"Range", "bytes=4990-"}});
        QCOMPARE(r.status, 206);
        QCOMPARE(r.body, content.substr(4990));
        // The plain listener serves artifacts only.
        const std::string plainBase = "http://127.0.0.1:" + std::to_string(m_server->plainPort()) + "/DEFAULT/controller/v1/kiosk-range";
        QCOMPARE(call("GET", plainBase).status, 404);
        // Another controller cannot download it.
        std::string other = url;
        other.replace(other.find("kiosk-range"), std::string("kiosk-range").size(), "kiosk-stranger");
        QCOMPARE(call("GET", other).status, 404);
    }

    void faultsOnEveryRoute()
    {
        m_server->injectFault(Fault::TooManyRequests, 2);
        Reply r = poll("kiosk-fault");
        QCOMPARE(r.status, 429);
        QVERIFY(!r.has("Retry-After"));
        QCOMPARE(putConfig("kiosk-fault", R"({"data":{}})").status, 429);
        QCOMPARE(poll("kiosk-fault").status, 200);

        m_server->injectFault(Fault::ServerError, 1);
        QCOMPARE(poll("kiosk-fault").status, 503);
        QCOMPARE(poll("kiosk-fault").status, 200);

        // -1: until cleared, artifacts and the plain listener too.
        m_server->assign("kiosk-fault", oneArtifact("0123456789"));
        const auto artifact = firstArtifact("kiosk-fault");
        QVERIFY(artifact);
        m_server->injectFault(Fault::ServerError, -1);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(poll("kiosk-fault").status, 503);
        QCOMPARE(call("GET", artifact->getObject("_links")->getObject("download-http")->getValue<std::string>("href")).status, 503);
        m_server->clearFaults();
        QCOMPARE(poll("kiosk-fault").status, 200);
    }

    void downloadFaults()
    {
        std::string content(1000, '\0');
        for (std::size_t i = 0; i < content.size(); ++i)
            content[i] = char(i * 7);
        m_server->assign("kiosk-dl", oneArtifact(content));
        const auto artifact = firstArtifact("kiosk-dl");
        QVERIFY(artifact);
        const std::string url = artifact->getObject("_links")->getObject("download")->getValue<std::string>("href");

        m_server->injectFault(Fault::DownloadNotFound, 1);
        QCOMPARE(call("GET", url).status, 404);
        QCOMPARE(call("GET", url).status, 200);

        // CutDownload: the reply promises 1000 bytes and ends after 100.
        m_server->injectFault(Fault::CutDownload, 1, 100);
        Reply r = call("GET", url);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Content-Length"), std::string("1000"));
        QCOMPARE(int(r.body.size()), 100);
        QCOMPARE(r.body, content.substr(0, 100));
        // A resume from there gets the rest.
        r = call("GET", url, {}, {{"Range", "bytes=100-"}});
        QCOMPARE(r.status, 206);
        QCOMPARE(r.body, content.substr(100));

        // SlowDownload: 1000 bytes at 2000 B/s take half a second.
        QElapsedTimer fast;
        fast.start();
        QCOMPARE(call("GET", url).body, content);
        const qint64 normal = fast.elapsed();
        m_server->injectFault(Fault::SlowDownload, 1, 2000);
        QElapsedTimer timer;
        timer.start();
        r = call("GET", url);
        const qint64 slow = timer.elapsed();
        QCOMPARE(r.body, content);
        QVERIFY2(slow >= 400 && slow > normal + 300, qPrintable(QStringLiteral("slow %1 ms, normal %2 ms").arg(slow).arg(normal)));

        // LegacyLinksOnly: one deployment reply with download-http links only, then both again.
        m_server->injectFault(Fault::LegacyLinksOnly, 1);
        auto links = firstArtifact("kiosk-dl")->getObject("_links");
        QVERIFY(!links->has("download"));
        QVERIFY(!links->has("md5sum"));
        QVERIFY(links->has("download-http"));
        const Reply legacy = call("GET", links->getObject("download-http")->getValue<std::string>("href"));
        QCOMPARE(legacy.status, 200);
        QCOMPARE(legacy.body, content);
        links = firstArtifact("kiosk-dl")->getObject("_links");
        QVERIFY(links->has("download") && links->has("download-http"));
    }

    void feedbackParsingAndStates()
    {
        const std::string cid = "kiosk-feedback";
        const int id = m_server->assign(cid, oneArtifact("v2"));
        Reply r = postFeedback(cid, id, feedbackBody("proceeding", "none", R"(,"code":200,"details":["downloading catalog bundle"])",
                                                     R"(,"progress":{"cnt":2,"of":5})"));
        QCOMPARE(r.status, 200);
        auto fb = m_server->feedback(cid);
        QCOMPARE(int(fb.size()), 1);
        QCOMPARE(fb[0].actionId, id);
        QVERIFY(!fb[0].cancelAction);
        QCOMPARE(fb[0].execution, std::string("proceeding"));
        QCOMPARE(fb[0].finished, std::string("none"));
        QCOMPARE(fb[0].cnt, 2);
        QCOMPARE(fb[0].of, 5);
        QCOMPARE(fb[0].code, 200);
        QCOMPARE(fb[0].details, std::vector<std::string>{"downloading catalog bundle"});
        QVERIFY(fb[0].body.find("downloading catalog bundle") != std::string::npos);
        QCOMPARE(m_server->actionState(id), std::string("running"));

        // Refused bodies: 400, nothing recorded.
        const std::vector<std::string> malformed{
            "{not json",
            "[]",
            R"({"timestamp":1})",
            feedbackBody("CLOSED", "success"),
            feedbackBody("done", "success"),
            feedbackBody("closed", "ok"),
            R"({"status":{"execution":"closed"}})",
            feedbackBody("proceeding", "none", R"(,"details":[1,2])"),
            feedbackBody("proceeding", "none", R"(,"details":"text")"),
            feedbackBody("proceeding", "none", R"(,"code":"200")"),
            feedbackBody("proceeding", "none", {}, R"(,"progress":{"cnt":"2"})"),
            feedbackBody("proceeding", "none", {}, R"(,"progress":{"of":5})"),
        };
        for (const auto &body : malformed)
            QVERIFY2(postFeedback(cid, id, body).status == 400, body.c_str());
        std::string details50 = ",\"details\":[";
        for (int i = 0; i < 50; ++i)
            details50 += std::string(i ? "," : "") + "\"m" + std::to_string(i) + "\"";
        QCOMPARE(postFeedback(cid, id, feedbackBody("proceeding", "none", details50 + ",\"m50\"]")).status, 400);
        QCOMPARE(postFeedback(cid, id, feedbackBody("proceeding", "none", details50 + "]")).status, 200);
        QCOMPARE(int(m_server->feedback(cid).size()), 2);
        // Not JSON by its Content-Type, an unknown action, another controller's action.
        QCOMPARE(call("POST", base(cid) + "/deploymentBase/" + std::to_string(id) + "/feedback", feedbackBody("proceeding", "none"), {},
                      nullptr, "text/plain")
                     .status,
                 415);
        QCOMPARE(postFeedback(cid, 999, feedbackBody("proceeding", "none")).status, 404);
        QCOMPARE(postFeedback("kiosk-stranger", id, feedbackBody("proceeding", "none")).status, 404);
        QCOMPARE(int(m_server->feedback(cid).size()), 2);

        // rejected → warning, still open; closed+success → finished, then 410 and the installedBase link.
        QCOMPARE(postFeedback(cid, id, feedbackBody("rejected", "none")).status, 200);
        QCOMPARE(m_server->actionState(id), std::string("warning"));
        QVERIFY(!link(poll(cid).json(), "deploymentBase").empty());
        QCOMPARE(postFeedback(cid, id, feedbackBody("closed", "success")).status, 200);
        QCOMPARE(m_server->actionState(id), std::string("finished"));
        QCOMPARE(postFeedback(cid, id, feedbackBody("proceeding", "none")).status, 410);
        QCOMPARE(int(m_server->feedback(cid).size()), 4);
        const auto json = poll(cid).json();
        QVERIFY(link(json, "deploymentBase").empty());
        const std::string installed = link(json, "installedBase");
        QCOMPARE(installed, base(cid) + "/installedBase/" + std::to_string(id));
        r = call("GET", installed);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json()->getValue<std::string>("id"), std::to_string(id));

        // closed+failure → error; closeOnServer → 410.
        const int failing = m_server->assign(cid, oneArtifact("v3"));
        QCOMPARE(postFeedback(cid, failing, feedbackBody("closed", "failure", R"(,"details":["checksum mismatch"])")).status, 200);
        QCOMPARE(m_server->actionState(failing), std::string("error"));
        const int closed = m_server->assign(cid, oneArtifact("v4"));
        QVERIFY(link(poll(cid).json(), "deploymentBase").find("/deploymentBase/" + std::to_string(closed) + "?") != std::string::npos);
        m_server->closeOnServer(closed);
        QCOMPARE(postFeedback(cid, closed, feedbackBody("proceeding", "none")).status, 410);
        QCOMPARE(m_server->actionState(closed), std::string("closed-by-server"));
        QVERIFY(link(poll(cid).json(), "deploymentBase").empty());
        QCOMPARE(m_server->actionState(12345), std::string());
    }

    void statusQuota()
    {
        const std::string cid = "kiosk-quota";
        const int id = m_server->assign(cid, oneArtifact("q"));
        Poco::Net::HTTPSClientSession session("127.0.0.1", m_server->port(), m_ctx);
        session.setKeepAlive(true);
        session.setTimeout(Poco::Timespan(10, 0));
        const std::string body = feedbackBody("proceeding", "none");
        for (int i = 0; i < 1000; ++i) {
            const int status = postFeedback(cid, id, body, false, &session).status;
            if (status != 200)
                QFAIL(qPrintable(QStringLiteral("status %1 refused with %2").arg(i + 1).arg(status)));
        }
        QCOMPARE(postFeedback(cid, id, body, false, &session).status, 403);
        QCOMPARE(int(m_server->feedback(cid).size()), 1000);
        QCOMPARE(m_server->actionState(id), std::string("running"));
    }

    void cancelFlow()
    {
        const std::string cid = "kiosk-cancel";
        const int id = m_server->assign(cid, oneArtifact("c"));
        const std::string deployment = link(poll(cid).json(), "deploymentBase");
        QCOMPARE(postFeedback(cid, id, feedbackBody("proceeding", "none"), true).status, 404); // nothing to cancel yet
        QCOMPARE(call("GET", base(cid) + "/cancelAction/" + std::to_string(id)).status, 404);

        m_server->cancel(id);
        QCOMPARE(m_server->actionState(id), std::string("canceling"));
        auto json = poll(cid).json();
        QVERIFY(link(json, "deploymentBase").empty());
        const std::string cancel = link(json, "cancelAction");
        QCOMPARE(cancel, base(cid) + "/cancelAction/" + std::to_string(id));
        Reply r = call("GET", cancel);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, "{\"id\":\"" + std::to_string(id) + "\",\"cancelAction\":{\"stopId\":\"" + std::to_string(id) + "\"}}");
        QCOMPARE(call("GET", deployment).status, 404);

        // The device refuses: the update goes on.
        QCOMPARE(postFeedback(cid, id, feedbackBody("rejected", "none"), true).status, 200);
        QCOMPARE(m_server->actionState(id), std::string("running"));
        QCOMPARE(link(poll(cid).json(), "deploymentBase"), deployment);

        // Asked again: an intermediate status changes nothing, closed+success cancels.
        m_server->cancel(id);
        QCOMPARE(postFeedback(cid, id, feedbackBody("proceeding", "none"), true).status, 200);
        QCOMPARE(m_server->actionState(id), std::string("canceling"));
        QCOMPARE(postFeedback(cid, id, feedbackBody("closed", "success"), true).status, 200);
        QCOMPARE(m_server->actionState(id), std::string("canceled"));
        json = poll(cid).json();
        QVERIFY(link(json, "cancelAction").empty() && link(json, "deploymentBase").empty());
        QCOMPARE(postFeedback(cid, id, feedbackBody("closed", "success"), true).status, 410);
        QCOMPARE(postFeedback(cid, id, feedbackBody("closed", "success")).status, 410);
        const auto fb = m_server->feedback(cid);
        QCOMPARE(int(fb.size()), 3);
        QVERIFY(fb[0].cancelAction && fb[2].cancelAction);
        QCOMPARE(fb[2].execution, std::string("closed"));
    }

    void configDataModes()
    {
        const std::string cid = "kiosk-config";
        QCOMPARE(putConfig(cid, R"({"data":{"a":"1"}})").status, 404); // not registered yet
        QCOMPARE(poll(cid).status, 200);
        QCOMPARE(putConfig(cid, R"({"data":{"a":"1","b":"2"}})").status, 200); // mode: merge by default
        QCOMPARE(putConfig(cid, R"({"mode":"merge","data":{"b":"3","c":"4"}})").status, 200);
        QCOMPARE(m_server->configData(cid), (std::map<std::string, std::string>{{"a", "1"}, {"b", "3"}, {"c", "4"}}));
        QCOMPARE(putConfig(cid, R"({"mode":"remove","data":{"a":"","c":"x"}})").status, 200);
        QCOMPARE(m_server->configData(cid), (std::map<std::string, std::string>{{"b", "3"}}));
        QCOMPARE(putConfig(cid, R"({"mode":"replace","data":{"x":"9"}})").status, 200);
        QCOMPARE(m_server->configData(cid), (std::map<std::string, std::string>{{"x", "9"}}));
        QCOMPARE(m_server->configDataPuts(cid), 4);

        for (const std::string &body : std::vector<std::string>{R"({"data":{"n":1}})", R"({"data":{"n":null}})", R"({"data":{"n":["a"]}})", R"({"mode":"patch","data":{"n":"1"}})",
                                       R"({"mode":"merge"})", R"({"data":"n"})", "nonsense", std::string(R"({"data":{")") + std::string(129, 'k') + R"(":"v"}})"})
            QVERIFY2(putConfig(cid, body).status == 400, body.c_str());
        QCOMPARE(m_server->configData(cid), (std::map<std::string, std::string>{{"x", "9"}}));
        QCOMPARE(m_server->configDataPuts(cid), 4);

        // 100 attributes at most, counted after the merge.
        std::string data;
        for (int i = 0; i < 99; ++i)
            data += std::string(i ? "," : "") + "\"k" + std::to_string(i) + "\":\"v\"";
        QCOMPARE(putConfig(cid, "{\"data\":{" + data + "}}").status, 200);
        QCOMPARE(int(m_server->configData(cid).size()), 100);
        QCOMPARE(putConfig(cid, R"({"data":{"one-more":"v"}})").status, 400);
        QCOMPARE(putConfig(cid, R"({"data":{"x":"changed"}})").status, 200); // an existing key still merges
        QCOMPARE(m_server->configData(cid).at("x"), std::string("changed"));

        // The link comes on request and goes with the next accepted PUT.
        m_server->requestConfigData(cid);
        QVERIFY(!link(poll(cid).json(), "configData").empty());
        QCOMPARE(putConfig(cid, R"({"data":{"x":1}})").status, 400);
        QVERIFY(!link(poll(cid).json(), "configData").empty());
        QCOMPARE(putConfig(cid, R"({"data":{"x":"1"}})").status, 200);
        QVERIFY(link(poll(cid).json(), "configData").empty());

        // Bodies over 64 KB: 413.
        const std::string huge = R"({"data":{"a":")" + std::string(70 * 1024, 'z') + "\"}}";
        QCOMPARE(putConfig(cid, huge).status, 413);
    }

    void routesAndMethods()
    {
        QCOMPARE(poll("kiosk-routes").status, 200);
        const std::string root = "https://127.0.0.1:" + std::to_string(m_server->port());
        QCOMPARE(call("GET", root + "/OTHER/controller/v1/kiosk-routes").status, 404);
        QCOMPARE(call("GET", root + "/DEFAULT/controller/v2/kiosk-routes").status, 404);
        QCOMPARE(call("GET", base("kiosk-routes") + "/confirmationBase").status, 404);
        QCOMPARE(call("GET", base("kiosk-routes") + "/deploymentBase/x?c=1").status, 404);
        QCOMPARE(call("GET", root + "/").status, 404);
        const Reply r = call("POST", base("kiosk-routes"), "{}");
        QCOMPARE(r.status, 405);
        QCOMPARE(r.header("Allow"), std::string("GET"));
        QCOMPARE(call("GET", base("kiosk-routes") + "/configData").status, 405);
    }

    void targetToken()
    {
        DdiServer::Options o = options();
        o.targetToken = "t0ken-for-kiosk-7";
        o.tenant = "city";
        o.hawkbitConfigDataRequests = true;
        DdiServer server(o);
        std::string error;
        QVERIFY2(server.start(&error), error.c_str());
        const std::string url = server.baseUrl() + "kiosk-7";
        QVERIFY(url.find("/city/controller/v1/kiosk-7") != std::string::npos);
        QCOMPARE(call("GET", url).status, 401);
        QCOMPARE(call("GET", url, {}, {{"Authorization", "TargetToken wrong"}}).status, 401);
        QCOMPARE(call("GET", url, {}, {{"Authorization", "GatewayToken t0ken-for-kiosk-7"}}).status, 401);
        QCOMPARE(call("GET", url, {}, {{"Authorization", "TargetToken t0ken-for-kiosk-7x"}}).status, 401);
        QCOMPARE(server.polls("kiosk-7"), 0);
        const Headers auth{{"Authorization", "TargetToken t0ken-for-kiosk-7"}};
        const Reply r = call("GET", url, {}, auth);
        QCOMPARE(r.status, 200);
        // hawkBit asks a newly registered target for its attributes.
        QCOMPARE(link(r.json(), "configData"), url + "/configData");
        QCOMPARE(server.polls("kiosk-7"), 1);

        // The DoS filter answers before the token is looked at.
        server.injectFault(Fault::TooManyRequests, 1);
        QCOMPARE(call("GET", url).status, 429);

        // Artifacts need the token on both listeners.
        server.assign("kiosk-7", oneArtifact("secret update"));
        const Reply d = call("GET", link(call("GET", url, {}, auth).json(), "deploymentBase"), {}, auth);
        QCOMPARE(d.status, 200);
        const auto links = d.json()->getObject("deployment")->getArray("chunks")->getObject(0)->getArray("artifacts")->getObject(0)->getObject("_links");
        for (const char *kind : {"download", "download-http"}) {
            const std::string href = links->getObject(kind)->getValue<std::string>("href");
            QCOMPARE(call("GET", href).status, 401);
            const Reply file = call("GET", href, {}, auth);
            QCOMPARE(file.status, 200);
            QCOMPARE(file.body, std::string("secret update"));
        }
        QCOMPARE(server.artifactRequests(), 2); // the refused ones are not counted
        server.stop();
    }

    void stopEndsASlowDownload()
    {
        DdiServer server(options());
        std::string error;
        QVERIFY2(server.start(&error), error.c_str());
        server.assign("kiosk-stop", oneArtifact(std::string(100'000, 's')));
        server.injectFault(Fault::SlowDownload, -1, 1000); // 100 s at this rate
        const std::string url = server.baseUrl() + "kiosk-stop";
        const Reply d = call("GET", link(call("GET", url).json(), "deploymentBase"));
        const std::string href = d.json()->getObject("deployment")->getArray("chunks")->getObject(0)->getArray("artifacts")->getObject(0)
                                     ->getObject("_links")->getObject("download")->getValue<std::string>("href");
        Reply r;
        std::thread downloader([&] { r = call("GET", href); });
        QTRY_COMPARE_WITH_TIMEOUT(server.artifactRequests(), 1, 5000);
        QTest::qWait(200);
        QElapsedTimer timer;
        timer.start();
        server.stop();
        downloader.join();
        QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(r.body.size() < 100'000);
    }
};

QTEST_GUILESS_MAIN(TestDdiServer)
#include "tst_ddiserver.moc"
