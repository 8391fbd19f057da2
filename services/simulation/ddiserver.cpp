// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/simulation/ddiserver.h"
#include "services/platform/tls.h"

#include <Poco/Crypto/DigestEngine.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>

#include <openssl/ssl.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <limits>
#include <mutex>
#include <optional>
#include <random>
#include <sstream>
#include <thread>

namespace kiosk::simulation {

using Poco::Net::HTTPResponse;

namespace {
// Larger request bodies are refused (413): a DDI feedback or configData is a few hundred bytes.
constexpr std::size_t maxBody = 64 * 1024;
// A larger body is read up to this much and dropped, so that the 413 reaches the client.
constexpr std::size_t maxDrain = 1 << 20;
// hawkBit's quotas (QuotaManagement defaults): statuses per action, messages per status,
// attributes per target; attribute keys and values are columns of 128 characters.
constexpr int maxStatusesPerAction = 1000;
constexpr std::size_t maxMessagesPerStatus = 50;
constexpr std::size_t maxAttributes = 100;
constexpr std::size_t maxAttributeLength = 128;

std::string hexDigest(const char *algorithm, const std::string &data)
{
    Poco::Crypto::DigestEngine engine(algorithm);
    engine.update(data);
    return Poco::Crypto::DigestEngine::digestToHex(engine.digest());
}

/** A JSON string literal (quotes included): written by hand so that keys keep hawkBit's order and '/' stays '/'. */
std::string q(const std::string &s)
{
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += char(c);
            }
        }
    }
    return out + "\"";
}

std::string href(const std::string &url)
{
    return "{\"href\":" + q(url) + "}";
}

std::string encodeSegment(const std::string &s)
{
    std::string out;
    Poco::URI::encode(s, "/?#[]@!$&'()*+,;=: ", out);
    return out;
}

std::string errorBody(const std::string &code, const std::string &message)
{
    return "{\"errorCode\":" + q(code) + ",\"message\":" + q(message) + "}";
}

/** hawkBit's Action.Status names, as actionHistory.status carries them. */
std::string historyStatus(const std::string &state)
{
    if (state == "closed-by-server")
        return "CANCELED";
    std::string s = state;
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::toupper(c)); });
    return s;
}

bool oneOf(const std::string &v, std::initializer_list<const char *> values)
{
    return std::any_of(values.begin(), values.end(), [&](const char *x) { return v == x; });
}

/** An integer JSON value that fits an int, or nullopt. */
std::optional<int> intValue(const Poco::Dynamic::Var &v)
{
    if (!v.isInteger())
        return std::nullopt;
    try {
        const auto n = v.convert<Poco::Int64>();
        if (n < std::numeric_limits<int>::min() || n > std::numeric_limits<int>::max())
            return std::nullopt;
        return int(n);
    } catch (const Poco::Exception &) {
        return std::nullopt;
    }
}
} // namespace

struct DdiServer::State {
    Options options;
    mutable std::mutex mutex;
    std::string sleep;
    std::map<std::string, std::string> enrolments; ///< slot → file, each served once
    int enrolmentFetches = 0;

    struct Hashes {
        std::string sha1, md5, sha256;
    };
    struct Module {
        int id = 0;
        int actionId = 0;
        Chunk chunk;
        std::vector<Hashes> hashes; ///< per artifact, the true ones
    };
    struct Action {
        int id = 0;
        std::string controllerId;
        Assignment assignment;
        std::vector<int> modules;
        std::string state = "running";
        std::string cacheBuster;
        int statuses = 0;
        std::vector<std::string> messages; ///< newest last
        [[nodiscard]] bool active() const { return oneOf(state, {"running", "warning", "canceling"}); }
    };
    struct Controller {
        int polls = 0;
        int notModified = 0;
        int configPuts = 0;
        bool configRequested = false;
        std::map<std::string, std::string> attributes;
        std::vector<Feedback> feedback;
    };
    struct ActiveFault {
        Fault fault;
        int remaining; ///< -1: until cleared
        int value;
    };
    std::map<std::string, Controller> controllers;
    std::map<int, Action> actions;
    std::map<int, Module> modules;
    std::vector<ActiveFault> faults;
    std::vector<std::string> ranges;
    int nextAction = 1;
    int nextModule = 1;
    std::mt19937 random{std::random_device{}()};

    std::atomic<bool> stopping = false;
    std::atomic<int> active = 0; ///< requests in a handler: stop() waits for them
    std::unique_ptr<Poco::ThreadPool> pool;
    std::unique_ptr<Poco::Net::HTTPServer> server; ///< after pool: destroyed first
    std::unique_ptr<Poco::Net::HTTPServer> plainServer;
    std::atomic<std::uint16_t> port = 0;
    std::atomic<std::uint16_t> plainPort = 0;

    /** The first active fault among @p kinds, counted as met; nullopt when none. Call with the mutex held. */
    std::optional<ActiveFault> take(std::initializer_list<Fault> kinds)
    {
        for (auto it = faults.begin(); it != faults.end(); ++it) {
            if (std::find(kinds.begin(), kinds.end(), it->fault) == kinds.end())
                continue;
            ActiveFault f = *it;
            if (it->remaining > 0 && --it->remaining == 0)
                faults.erase(it);
            return f;
        }
        return std::nullopt;
    }

    /** Registers @p id on first sight, as hawkBit's findOrRegisterTarget does. Call with the mutex held. */
    Controller &controller(const std::string &id, bool *registered = nullptr)
    {
        auto [it, inserted] = controllers.try_emplace(id);
        if (inserted && options.hawkbitConfigDataRequests)
            it->second.configRequested = true;
        if (registered)
            *registered = inserted;
        return it->second;
    }

    std::string controllerUrl(const std::string &id, bool plain = false) const
    {
        return (plain ? "http://127.0.0.1:" + std::to_string(plainPort) : "https://127.0.0.1:" + std::to_string(port)) + "/"
            + encodeSegment(options.tenant) + "/controller/v1/" + encodeSegment(id);
    }

    /** The controller's oldest open action, or nullptr. Call with the mutex held. */
    const Action *openAction(const std::string &controllerId) const
    {
        for (const auto &[id, a] : actions)
            if (a.controllerId == controllerId && a.active())
                return &a;
        return nullptr;
    }

    void wait(std::chrono::milliseconds ms) const
    {
        const auto until = std::chrono::steady_clock::now() + ms;
        while (!stopping && std::chrono::steady_clock::now() < until)
            std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(std::chrono::milliseconds(10),
                                                                                      until - std::chrono::steady_clock::now()));
    }
};

namespace {

using State = DdiServer::State;
using Assignment = DdiServer::Assignment;
using Chunk = DdiServer::Chunk;
using Artifact = DdiServer::Artifact;

void send(Poco::Net::HTTPServerResponse &response, HTTPResponse::HTTPStatus status, const std::string &body = {})
{
    response.setStatus(status);
    if (!body.empty())
        response.setContentType("application/json");
    response.setContentLength(std::streamsize(body.size()));
    response.send() << body;
}

void fail(Poco::Net::HTTPServerResponse &response, HTTPResponse::HTTPStatus status, const std::string &code, const std::string &message)
{
    send(response, status, errorBody(code, message));
}

void notFound(Poco::Net::HTTPServerResponse &response, const std::string &what)
{
    fail(response, HTTPResponse::HTTP_NOT_FOUND, "hawkbit.server.error.repo.entitiyNotFound", what);
}

std::string etagOf(const std::string &body)
{
    return "\"0" + hexDigest("MD5", body) + "\"";
}

/** Whether If-None-Match names @p etag (or is "*"). */
bool etagMatches(const Poco::Net::HTTPServerRequest &request, const std::string &etag)
{
    std::istringstream tags(request.get("If-None-Match", ""));
    for (std::string tag; std::getline(tags, tag, ',');) {
        tag.erase(0, tag.find_first_not_of(' '));
        tag.erase(tag.find_last_not_of(' ') + 1);
        if (tag.rfind("W/", 0) == 0)
            tag.erase(0, 2);
        if (tag == etag || tag == "*")
            return true;
    }
    return false;
}

/** A JSON reply with its ETag (a quoted hash of the body); 304 without a body when @p notModified. */
void sendJson(Poco::Net::HTTPServerResponse &response, const std::string &body, const std::string &etag, bool notModified)
{
    response.set("ETag", etag);
    if (notModified) {
        response.setStatus(HTTPResponse::HTTP_NOT_MODIFIED);
        response.setContentLength(0);
        response.send();
        return;
    }
    send(response, HTTPResponse::HTTP_OK, body);
}

void sendJson(const Poco::Net::HTTPServerRequest &request, Poco::Net::HTTPServerResponse &response, const std::string &body)
{
    const std::string etag = etagOf(body);
    sendJson(response, body, etag, etagMatches(request, etag));
}

/** Parses a DDI feedback (DdiActionFeedback) as hawkBit's Jackson binding and validation would; nullopt with @p why. */
std::optional<DdiServer::Feedback> parseFeedback(const std::string &body, std::string *why)
{
    DdiServer::Feedback f;
    f.body = body;
    Poco::JSON::Object::Ptr root;
    try {
        root = Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception &e) {
        *why = "the body is not a JSON object: " + e.displayText();
        return std::nullopt;
    } catch (const std::exception &e) { // Poco::BadCastException derives from Poco::Exception; this is for std::bad_cast
        *why = std::string("the body is not a JSON object: ") + e.what();
        return std::nullopt;
    }
    if (!root) {
        *why = "the body is not a JSON object";
        return std::nullopt;
    }
    if (root->has("timestamp") && !root->get("timestamp").isInteger()) {
        *why = "timestamp is not a number";
        return std::nullopt;
    }
    const auto status = root->getObject("status");
    if (!status) {
        *why = "status is missing or not an object";
        return std::nullopt;
    }
    const auto execution = status->get("execution");
    if (!execution.isString()
        || !oneOf(f.execution = execution.toString(),
                  {"closed", "proceeding", "canceled", "scheduled", "rejected", "resumed", "downloaded", "download"})) {
        *why = "status.execution is missing or not one of closed, proceeding, canceled, scheduled, rejected, resumed, downloaded, download";
        return std::nullopt;
    }
    const auto result = status->getObject("result");
    if (!result) {
        *why = "status.result is missing or not an object";
        return std::nullopt;
    }
    const auto finished = result->get("finished");
    if (!finished.isString() || !oneOf(f.finished = finished.toString(), {"success", "failure", "none"})) {
        *why = "status.result.finished is missing or not one of success, failure, none";
        return std::nullopt;
    }
    if (result->has("progress")) {
        const auto progress = result->getObject("progress");
        const auto cnt = progress ? intValue(progress->get("cnt")) : std::nullopt;
        if (!cnt || (progress->has("of") && !intValue(progress->get("of")))) {
            *why = "status.result.progress needs a whole number cnt (and of, when given)";
            return std::nullopt;
        }
        f.cnt = *cnt;
        f.of = progress->has("of") ? *intValue(progress->get("of")) : -1;
    }
    if (status->has("code")) {
        const auto code = intValue(status->get("code"));
        if (!code) {
            *why = "status.code is not a whole number";
            return std::nullopt;
        }
        f.code = *code;
    }
    if (status->has("details") && !status->get("details").isEmpty()) {
        const auto details = status->getArray("details");
        if (!details) {
            *why = "status.details is not an array";
            return std::nullopt;
        }
        if (details->size() > maxMessagesPerStatus) {
            *why = "status.details has " + std::to_string(details->size()) + " messages; at most 50 per status";
            return std::nullopt;
        }
        for (std::size_t i = 0; i < details->size(); ++i) {
            const auto d = details->get(unsigned(i));
            if (!d.isString()) {
                *why = "status.details holds something that is not a string";
                return std::nullopt;
            }
            f.details.push_back(d.toString());
        }
    }
    return f;
}

class Handler : public Poco::Net::HTTPRequestHandler
{
public:
    Handler(std::shared_ptr<State> state, bool plain)
        : m_state(std::move(state))
        , m_plain(plain)
    {
    }

    void handleRequest(Poco::Net::HTTPServerRequest &request, Poco::Net::HTTPServerResponse &response) override
    {
        ++m_state->active;
        struct Done {
            std::atomic<int> &active;
            ~Done() { --active; }
        } done{m_state->active};

        std::string body;
        {
            char buffer[8192];
            std::istream &in = request.stream();
            while (body.size() <= maxBody && in.read(buffer, sizeof buffer).gcount() > 0)
                body.append(buffer, std::size_t(in.gcount()));
            if (body.size() > maxBody) {
                // Read (and drop) what the client is still sending, up to a point, before answering:
                // closing on unread data resets the connection and the client never sees the 413.
                for (std::size_t drained = body.size(); drained < maxDrain && in.read(buffer, sizeof buffer).gcount() > 0;)
                    drained += std::size_t(in.gcount());
                response.setKeepAlive(false);
                return fail(response, HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE, "hawkbit.server.error.rest.body.tooLarge",
                            "request bodies are limited to 64 KB");
            }
        }

        // hawkBit's DoS filter runs before anything else, authentication included.
        std::optional<State::ActiveFault> fault;
        {
            std::lock_guard lock(m_state->mutex);
            fault = m_state->take({DdiServer::Fault::TooManyRequests, DdiServer::Fault::ServerError});
        }
        if (fault && fault->fault == DdiServer::Fault::TooManyRequests)
            return fail(response, HTTPResponse::HTTP_TOO_MANY_REQUESTS, "hawkbit.server.error.toomanyrequests", "too many requests");
        if (fault)
            return fail(response, HTTPResponse::HTTP_SERVICE_UNAVAILABLE, "hawkbit.server.error.unavailable", "service unavailable");

        // The city's enrolment host (not hawkBit's): /enrolment/<slot>, no token, each file served once.
        if (const std::string uriText = request.getURI(); !m_plain && uriText.rfind("/enrolment/", 0) == 0) {
            std::string file;
            {
                std::lock_guard lock(m_state->mutex);
                const auto it = m_state->enrolments.find(uriText.substr(11));
                if (it != m_state->enrolments.end()) {
                    file = std::move(it->second);
                    m_state->enrolments.erase(it);
                    ++m_state->enrolmentFetches;
                }
            }
            if (request.getMethod() != "GET" || file.empty())
                return notFound(response, "no enrolment under this slot");
            return send(response, HTTPResponse::HTTP_OK, file);
        }

        if (const std::string &token = m_state->options.targetToken; !token.empty()) {
            const std::string auth = request.get("Authorization", "");
            const std::string scheme = "targettoken ";
            std::string given = auth.substr(0, std::min(auth.size(), scheme.size()));
            std::transform(given.begin(), given.end(), given.begin(), [](unsigned char c) { return char(std::tolower(c)); });
            if (given != scheme || auth.substr(scheme.size()) != token)
                return fail(response, HTTPResponse::HTTP_UNAUTHORIZED, "hawkbit.server.error.unauthorized", "a valid TargetToken is required");
        }

        Poco::URI uri;
        std::vector<std::string> segments;
        try {
            uri = Poco::URI(request.getURI());
            uri.getPathSegments(segments);
        } catch (const Poco::Exception &) {
            return notFound(response, "no such resource");
        }
        if (segments.size() < 4 || segments[0] != m_state->options.tenant || segments[1] != "controller" || segments[2] != "v1")
            return notFound(response, "no such resource");
        const std::string &controllerId = segments[3];
        const std::vector<std::string> rest(segments.begin() + 4, segments.end());
        const std::string &method = request.getMethod();
        const auto allow = [&](const char *allowed) {
            if (method == allowed)
                return true;
            response.set("Allow", allowed);
            fail(response, HTTPResponse::HTTP_METHOD_NOT_ALLOWED, "hawkbit.server.error.rest.methodNotAllowed", method + " is not allowed here");
            return false;
        };

        if (rest.size() == 4 && rest[0] == "softwaremodules" && rest[2] == "artifacts")
            return allow("GET") ? artifact(request, response, controllerId, rest[1], rest[3]) : void();
        if (m_plain) // the plain listener serves artifacts only (hawkBit's download-http)
            return notFound(response, "no such resource");

        if (rest.empty())
            return allow("GET") ? base(request, response, controllerId) : void();
        if (rest.size() == 1 && rest[0] == "configData")
            return allow("PUT") && contentTypeOk(request, response) ? configData(response, controllerId, body) : void();
        if (rest.size() == 2 && (rest[0] == "deploymentBase" || rest[0] == "installedBase" || rest[0] == "cancelAction")) {
            if (!allow("GET"))
                return;
            const auto id = actionId(rest[1]);
            if (rest[0] == "cancelAction")
                return cancelAction(request, response, controllerId, id);
            return deployment(request, response, uri, controllerId, id, rest[0] == "installedBase");
        }
        if (rest.size() == 3 && (rest[0] == "deploymentBase" || rest[0] == "cancelAction") && rest[2] == "feedback")
            return allow("POST") && contentTypeOk(request, response)
                ? feedback(response, controllerId, actionId(rest[1]), rest[0] == "cancelAction", body)
                : void();
        notFound(response, "no such resource");
    }

private:
    static int actionId(const std::string &s)
    {
        if (s.empty() || s.size() > 9 || !std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); }))
            return 0;
        return std::stoi(s);
    }

    static bool contentTypeOk(const Poco::Net::HTTPServerRequest &request, Poco::Net::HTTPServerResponse &response)
    {
        std::string type = request.getContentType();
        type = type.substr(0, type.find(';'));
        type.erase(type.find_last_not_of(' ') + 1);
        std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return char(std::tolower(c)); });
        if (type == "application/json" || type == "application/hal+json")
            return true;
        fail(response, HTTPResponse::HTTP_UNSUPPORTED_MEDIA_TYPE, "hawkbit.server.error.rest.contentType",
             "send the body as application/json");
        return false;
    }

    void base(const Poco::Net::HTTPServerRequest &request, Poco::Net::HTTPServerResponse &response, const std::string &controllerId)
    {
        std::string body, etag;
        bool matched = false;
        {
            std::lock_guard lock(m_state->mutex);
            auto &c = m_state->controller(controllerId);
            const std::string url = m_state->controllerUrl(controllerId);
            std::vector<std::string> links;
            if (const auto *a = m_state->openAction(controllerId)) {
                if (a->state == "canceling")
                    links.push_back("\"cancelAction\":" + href(url + "/cancelAction/" + std::to_string(a->id)));
                else
                    links.push_back("\"deploymentBase\":" + href(url + "/deploymentBase/" + std::to_string(a->id) + "?c=" + a->cacheBuster));
            }
            for (auto it = m_state->actions.rbegin(); it != m_state->actions.rend(); ++it) {
                if (it->second.controllerId == controllerId && it->second.state == "finished") {
                    links.push_back("\"installedBase\":" + href(url + "/installedBase/" + std::to_string(it->first)));
                    break;
                }
            }
            if (c.configRequested)
                links.push_back("\"configData\":" + href(url + "/configData"));
            body = "{\"config\":{\"polling\":{\"sleep\":" + q(m_state->sleep) + "}}";
            if (!links.empty()) {
                body += ",\"_links\":{";
                for (std::size_t i = 0; i < links.size(); ++i)
                    body += (i ? "," : "") + links[i];
                body += "}";
            }
            body += "}";
            etag = etagOf(body);
            matched = etagMatches(request, etag);
            // Counted before the reply goes out: a test reads the counts as soon as it has its answer.
            ++c.polls;
            c.notModified += matched ? 1 : 0;
        }
        sendJson(response, body, etag, matched);
    }

    void deployment(const Poco::Net::HTTPServerRequest &request, Poco::Net::HTTPServerResponse &response, const Poco::URI &uri,
                    const std::string &controllerId, int id, bool installed)
    {
        std::string cacheBuster;
        bool hasCacheBuster = false;
        int historyCount = 0;
        for (const auto &[key, value] : uri.getQueryParameters()) {
            if (key == "c") {
                cacheBuster = value;
                hasCacheBuster = true;
            } else if (key == "actionHistory") {
                try {
                    historyCount = std::stoi(value);
                } catch (...) {
                    return fail(response, HTTPResponse::HTTP_BAD_REQUEST, "hawkbit.server.error.rest.param.invalid",
                                "actionHistory is not a number");
                }
            }
        }
        std::string body;
        {
            std::lock_guard lock(m_state->mutex);
            auto it = m_state->actions.find(id);
            if (it == m_state->actions.end() || it->second.controllerId != controllerId)
                return notFound(response, "no action " + std::to_string(id) + " for this controller");
            const State::Action &a = it->second;
            if (installed) {
                if (a.active() || a.state == "canceled" || a.state == "closed-by-server")
                    return notFound(response, "action " + std::to_string(id) + " is not installed");
            } else {
                if (!hasCacheBuster || cacheBuster != a.cacheBuster)
                    return notFound(response, "follow the deploymentBase link as given (its c parameter does not match)");
                if (a.state == "canceling" || a.state == "canceled")
                    return notFound(response, "action " + std::to_string(id) + " is being cancelled");
            }
            const bool legacy = m_state->take({DdiServer::Fault::LegacyLinksOnly}).has_value();
            const Assignment &as = a.assignment;
            body = "{\"id\":" + q(std::to_string(a.id)) + ",\"deployment\":{\"download\":" + q(as.download)
                + ",\"update\":" + q(as.maintenanceWindow == "unavailable" ? std::string("skip") : as.update);
            if (!as.maintenanceWindow.empty())
                body += ",\"maintenanceWindow\":" + q(as.maintenanceWindow);
            body += ",\"chunks\":[";
            for (std::size_t m = 0; m < a.modules.size(); ++m) {
                const State::Module &module = m_state->modules.at(a.modules[m]);
                const Chunk &chunk = module.chunk;
                body += std::string(m ? "," : "") + "{\"part\":" + q(chunk.part) + ",\"version\":" + q(chunk.version)
                    + ",\"name\":" + q(chunk.name) + ",\"artifacts\":[";
                for (std::size_t i = 0; i < chunk.artifacts.size(); ++i) {
                    const Artifact &art = chunk.artifacts[i];
                    const State::Hashes &h = module.hashes[i];
                    const std::string path = "/softwaremodules/" + std::to_string(module.id) + "/artifacts/" + encodeSegment(art.filename);
                    const std::string https = m_state->controllerUrl(controllerId) + path;
                    const std::string http = m_state->controllerUrl(controllerId, true) + path;
                    std::string sha256 = h.sha256;
                    if (art.wrongHash)
                        sha256 = hexDigest("SHA256", "not " + art.content);
                    body += std::string(i ? "," : "") + "{\"filename\":" + q(art.filename) + ",\"hashes\":{\"sha1\":" + q(h.sha1)
                        + ",\"md5\":" + q(h.md5) + ",\"sha256\":" + q(sha256) + "},\"size\":" + std::to_string(art.content.size())
                        + ",\"_links\":{";
                    if (!legacy)
                        body += "\"download\":" + href(https) + ",\"md5sum\":" + href(https + ".MD5SUM") + ",";
                    body += "\"download-http\":" + href(http) + ",\"md5sum-http\":" + href(http + ".MD5SUM") + "}}";
                }
                body += "]";
                if (!chunk.metadata.empty()) {
                    body += ",\"metadata\":[";
                    for (std::size_t i = 0; i < chunk.metadata.size(); ++i)
                        body += std::string(i ? "," : "") + "{\"key\":" + q(chunk.metadata[i].first) + ",\"value\":" + q(chunk.metadata[i].second) + "}";
                    body += "]";
                }
                body += "}";
            }
            body += "]}";
            if (historyCount != 0) {
                body += ",\"actionHistory\":{\"status\":" + q(historyStatus(a.state)) + ",\"messages\":[";
                const std::size_t n = historyCount < 0 ? a.messages.size() : std::min(a.messages.size(), std::size_t(historyCount));
                for (std::size_t i = 0; i < n; ++i) // newest first, as hawkBit lists them
                    body += std::string(i ? "," : "") + q(a.messages[a.messages.size() - 1 - i]);
                body += "]}";
            }
            body += "}";
        }
        sendJson(request, response, body);
    }

    void cancelAction(const Poco::Net::HTTPServerRequest &request, Poco::Net::HTTPServerResponse &response, const std::string &controllerId,
                      int id)
    {
        std::string body;
        {
            std::lock_guard lock(m_state->mutex);
            auto it = m_state->actions.find(id);
            if (it == m_state->actions.end() || it->second.controllerId != controllerId)
                return notFound(response, "no action " + std::to_string(id) + " for this controller");
            if (it->second.state != "canceling" && it->second.state != "canceled")
                return notFound(response, "action " + std::to_string(id) + " is not being cancelled");
            body = "{\"id\":" + q(std::to_string(id)) + ",\"cancelAction\":{\"stopId\":" + q(std::to_string(id)) + "}}";
        }
        sendJson(request, response, body);
    }

    void feedback(Poco::Net::HTTPServerResponse &response, const std::string &controllerId, int id, bool onCancel, const std::string &body)
    {
        std::string why;
        auto f = parseFeedback(body, &why);
        if (!f)
            return fail(response, HTTPResponse::HTTP_BAD_REQUEST, "hawkbit.server.error.rest.body.notReadable", why);
        f->actionId = id;
        f->cancelAction = onCancel;
        std::lock_guard lock(m_state->mutex);
        auto it = m_state->actions.find(id);
        if (it == m_state->actions.end() || it->second.controllerId != controllerId)
            return notFound(response, "no action " + std::to_string(id) + " for this controller");
        State::Action &a = it->second;
        if (!a.active()) {
            response.setStatus(HTTPResponse::HTTP_GONE);
            response.setContentLength(0);
            response.send();
            return;
        }
        if (onCancel && a.state != "canceling")
            return notFound(response, "action " + std::to_string(id) + " is not being cancelled");
        if (a.statuses >= maxStatusesPerAction)
            return fail(response, HTTPResponse::HTTP_FORBIDDEN, "hawkbit.server.error.quota.tooManyEntries",
                        "action " + std::to_string(id) + " already has 1000 statuses");
        ++a.statuses;
        for (const auto &d : f->details)
            a.messages.push_back(d);
        if (f->code != 0)
            a.messages.push_back("Device reported status code: " + std::to_string(f->code));
        const bool closed = f->execution == "closed";
        const bool failure = f->finished == "failure";
        if (onCancel) {
            // DdiRootController.generateActionCancelStatus + addCancelActionStatus.
            if (closed && !failure)
                a.state = "canceled";
            else if (f->execution == "rejected" || closed)
                a.state = "running"; // the device refused (or could not) cancel: the update goes on
        } else {
            // DdiRootController.generateUpdateStatus: closed → FINISHED unless failure, rejected → WARNING.
            if (closed)
                a.state = failure ? "error" : "finished";
            else if (f->execution == "rejected")
                a.state = a.state == "canceling" ? a.state : "warning";
            else if (a.state == "warning")
                a.state = "running";
            if (a.state == "finished" && m_state->options.hawkbitConfigDataRequests)
                m_state->controller(controllerId).configRequested = true;
        }
        m_state->controller(controllerId).feedback.push_back(std::move(*f));
        send(response, HTTPResponse::HTTP_OK);
    }

    void configData(Poco::Net::HTTPServerResponse &response, const std::string &controllerId, const std::string &body)
    {
        const auto bad = [&](const std::string &why) {
            fail(response, HTTPResponse::HTTP_BAD_REQUEST, "hawkbit.server.error.rest.body.notReadable", why);
        };
        Poco::JSON::Object::Ptr root;
        try {
            root = Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
        } catch (const Poco::Exception &e) {
            return bad("the body is not a JSON object: " + e.displayText());
        } catch (const std::exception &e) {
            return bad(std::string("the body is not a JSON object: ") + e.what());
        }
        if (!root)
            return bad("the body is not a JSON object");
        std::string mode = "merge";
        if (root->has("mode") && !root->get("mode").isEmpty()) {
            const auto m = root->get("mode");
            if (!m.isString() || !oneOf(mode = m.toString(), {"merge", "replace", "remove"}))
                return bad("mode is not one of merge, replace, remove");
        }
        const auto data = root->getObject("data");
        if (!data)
            return bad("data is missing or not an object");
        std::map<std::string, std::string> given;
        for (const auto &[key, value] : *data) {
            if (!value.isString())
                return bad("the value of " + key + " is not a string");
            const std::string v = value.toString();
            if (key.empty() || key.size() > maxAttributeLength || v.size() > maxAttributeLength)
                return bad("attribute keys and values are 1 to 128 characters (" + key + ")");
            given[key] = v;
        }
        std::lock_guard lock(m_state->mutex);
        auto found = m_state->controllers.find(controllerId);
        if (found == m_state->controllers.end())
            return notFound(response, "no target " + controllerId);
        auto &c = found->second;
        std::map<std::string, std::string> next = mode == "replace" ? given : c.attributes;
        if (mode == "merge")
            for (const auto &[k, v] : given)
                next[k] = v;
        else if (mode == "remove")
            for (const auto &kv : given)
                next.erase(kv.first);
        if (next.size() > maxAttributes)
            return bad("a target has at most 100 attributes (this would make " + std::to_string(next.size()) + ")");
        c.attributes = std::move(next);
        c.configRequested = false;
        ++c.configPuts;
        send(response, HTTPResponse::HTTP_OK);
    }

    void artifact(const Poco::Net::HTTPServerRequest &request, Poco::Net::HTTPServerResponse &response, const std::string &controllerId,
                  const std::string &moduleId, const std::string &filename)
    {
        std::string content, sha1, name = filename;
        bool md5File = false;
        std::optional<State::ActiveFault> slow, cut;
        {
            std::lock_guard lock(m_state->mutex);
            m_state->ranges.push_back(request.get("Range", ""));
            if (m_state->take({DdiServer::Fault::DownloadNotFound}))
                return notFound(response, "artifact " + filename + " is not available");
            slow = m_state->take({DdiServer::Fault::SlowDownload});
            cut = m_state->take({DdiServer::Fault::CutDownload});
            const auto mod = m_state->modules.find(actionId(moduleId));
            if (mod == m_state->modules.end() || m_state->actions.at(mod->second.actionId).controllerId != controllerId)
                return notFound(response, "software module " + moduleId + " is not assigned to this controller");
            const auto &arts = mod->second.chunk.artifacts;
            auto find = [&](const std::string &n) {
                return std::find_if(arts.begin(), arts.end(), [&](const Artifact &a) { return a.filename == n; });
            };
            auto art = find(filename);
            const std::string suffix = ".MD5SUM";
            if (art == arts.end() && filename.size() > suffix.size() && filename.ends_with(suffix)) {
                name = filename.substr(0, filename.size() - suffix.size());
                art = find(name);
                md5File = true;
            }
            if (art == arts.end())
                return notFound(response, "no artifact " + filename + " in software module " + moduleId);
            const auto &hashes = mod->second.hashes[std::size_t(art - arts.begin())];
            content = md5File ? hashes.md5 + "  " + name : art->content;
            sha1 = hashes.sha1;
        }
        response.set("Content-Disposition", "attachment;filename=" + filename);
        if (md5File) {
            response.setContentType("text/plain");
            response.setContentLength(std::streamsize(content.size()));
            response.send() << content;
            return;
        }
        const std::string etag = "\"" + sha1 + "\"";
        response.set("ETag", etag);
        response.set("Accept-Ranges", "bytes");
        response.setContentType("application/octet-stream");
        if (const std::string ifMatch = request.get("If-Match", ""); !ifMatch.empty() && ifMatch != etag && ifMatch != "*") {
            response.setStatus(HTTPResponse::HTTP_PRECONDITION_FAILED);
            response.setContentLength(0);
            response.send();
            return;
        }
        std::size_t from = 0, to = content.size(); // [from, to)
        bool partial = false;
        const std::string range = request.get("Range", "");
        const std::string ifRange = request.get("If-Range", "");
        if (range.rfind("bytes=", 0) == 0 && range.find(',') == std::string::npos && (ifRange.empty() || ifRange == etag)) {
            const std::string spec = range.substr(6);
            const auto dash = spec.find('-');
            const auto digits = [](const std::string &s) {
                return !s.empty() && s.size() < 19 && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
            };
            if (dash != std::string::npos) {
                const std::string a = spec.substr(0, dash), b = spec.substr(dash + 1);
                if (digits(a) && (b.empty() || digits(b))) {
                    const auto first = std::stoull(a);
                    const auto last = b.empty() ? content.size() - 1 : std::min<std::uint64_t>(std::stoull(b), content.size() - 1);
                    if (first >= content.size() || (!b.empty() && std::stoull(b) < first)) {
                        response.setStatus(HTTPResponse::HTTP_REQUESTED_RANGE_NOT_SATISFIABLE);
                        response.set("Content-Range", "bytes */" + std::to_string(content.size()));
                        response.setContentLength(0);
                        response.send();
                        return;
                    }
                    from = std::size_t(first);
                    to = std::size_t(last) + 1;
                    partial = true;
                } else if (a.empty() && digits(b) && std::stoull(b) > 0 && !content.empty()) { // the last N bytes
                    from = content.size() - std::min<std::size_t>(content.size(), std::stoull(b));
                    partial = true;
                }
            }
        }
        if (partial) {
            response.setStatus(HTTPResponse::HTTP_PARTIAL_CONTENT);
            response.set("Content-Range", "bytes " + std::to_string(from) + "-" + std::to_string(to - 1) + "/" + std::to_string(content.size()));
        }
        response.setContentLength64(Poco::Int64(to - from));
        const std::size_t limit = cut ? std::min(to - from, std::size_t(std::max(0, cut->value))) : to - from;
        if (cut)
            response.setKeepAlive(false);
        std::ostream &out = response.send();
        const std::size_t piece = slow ? std::size_t(std::max(1, slow->value / 20)) : 64 * 1024;
        std::size_t sent = 0;
        while (sent < limit && out && !m_state->stopping) {
            const std::size_t n = std::min(piece, limit - sent);
            out.write(content.data() + from + sent, std::streamsize(n));
            sent += n;
            if (slow) {
                out.flush();
                m_state->wait(std::chrono::milliseconds(1000LL * std::int64_t(n) / std::max(1, slow->value)));
            }
        }
        out.flush();
        if (sent < to - from) { // cut, or stopping: the connection ends short of what it promised
            auto &impl = static_cast<Poco::Net::HTTPServerRequestImpl &>(const_cast<Poco::Net::HTTPServerRequest &>(request));
            try {
                impl.socket().shutdown();
            } catch (const Poco::Exception &) {
                // the client has gone already
            }
            impl.socket().close();
        }
    }

    std::shared_ptr<State> m_state;
    bool m_plain;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory
{
public:
    Factory(std::shared_ptr<State> state, bool plain)
        : m_state(std::move(state))
        , m_plain(plain)
    {
    }
    Poco::Net::HTTPRequestHandler *createRequestHandler(const Poco::Net::HTTPServerRequest &) override
    {
        return new Handler(m_state, m_plain);
    }

private:
    std::shared_ptr<State> m_state;
    bool m_plain;
};

Poco::Net::HTTPServerParams *serverParams(int maxThreads)
{
    auto *params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(maxThreads);
    params->setMaxQueued(256);
    params->setKeepAlive(true);
    params->setTimeout(Poco::Timespan(10, 0));
    return params;
}

} // namespace

DdiServer::DdiServer(Options options)
    : m_state(std::make_shared<State>())
{
    m_state->options = std::move(options);
    m_state->sleep = m_state->options.sleep;
}

DdiServer::~DdiServer()
{
    stop();
}

bool DdiServer::start(std::string *error)
{
    platform::initializeTls();
    const Options &o = m_state->options;
    try {
        Poco::Net::Context::Params params;
        params.certificateFile = o.certificateFile;
        params.privateKeyFile = o.keyFile;
        params.loadDefaultCAs = false;
        params.verificationMode = Poco::Net::Context::VERIFY_NONE;
        params.cipherList = "ECDHE+AESGCM:ECDHE+CHACHA20";
        Poco::Net::Context::Ptr ctx(new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, params));
        if (SSL_CTX_set_min_proto_version(ctx->sslContext(), TLS1_2_VERSION) != 1) {
            if (error)
                *error = "DDI server: OpenSSL refused the TLS settings";
            return false;
        }
        Poco::Net::SecureServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0), 64, ctx);
        Poco::Net::ServerSocket plainSocket(Poco::Net::SocketAddress("127.0.0.1", 0), 64);
        m_state->port = socket.address().port();
        m_state->plainPort = plainSocket.address().port();
        const int threads = std::max(2, o.maxThreads);
        m_state->stopping = false;
        m_state->pool = std::make_unique<Poco::ThreadPool>(2, 2 * threads);
        m_state->server = std::make_unique<Poco::Net::HTTPServer>(new Factory(m_state, false), *m_state->pool, socket, serverParams(threads));
        m_state->plainServer
            = std::make_unique<Poco::Net::HTTPServer>(new Factory(m_state, true), *m_state->pool, plainSocket, serverParams(threads));
        m_state->server->start();
        m_state->plainServer->start();
        return true;
    } catch (const Poco::Exception &e) {
        if (error)
            *error = "DDI server: " + e.displayText();
        return false;
    }
}

void DdiServer::stop()
{
    m_state->stopping = true;
    for (auto *server : {&m_state->server, &m_state->plainServer}) {
        if (*server) {
            (*server)->stopAll(true);
            server->reset();
        }
    }
    // Handlers still in a request (a slow download) end first: a server thread running at exit
    // would meet OpenSSL already torn down.
    for (int i = 0; i < 1000 && m_state->active > 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (m_state->pool) {
        m_state->pool->joinAll();
        m_state->pool.reset();
    }
}

std::uint16_t DdiServer::port() const
{
    return m_state->port;
}

std::uint16_t DdiServer::plainPort() const
{
    return m_state->plainPort;
}

std::string DdiServer::baseUrl() const
{
    return "https://127.0.0.1:" + std::to_string(m_state->port) + "/" + encodeSegment(m_state->options.tenant) + "/controller/v1/";
}

void DdiServer::publishEnrolment(const std::string &slot, const std::string &file)
{
    std::lock_guard lock(m_state->mutex);
    m_state->enrolments[slot] = file;
}

int DdiServer::enrolmentFetches() const
{
    std::lock_guard lock(m_state->mutex);
    return m_state->enrolmentFetches;
}

void DdiServer::setSleep(const std::string &sleep)
{
    std::lock_guard lock(m_state->mutex);
    m_state->sleep = sleep;
}

void DdiServer::requestConfigData(const std::string &controllerId)
{
    std::lock_guard lock(m_state->mutex);
    m_state->controller(controllerId).configRequested = true;
}

int DdiServer::assign(const std::string &controllerId, Assignment assignment)
{
    // Hashes outside the lock: artifacts may be large.
    std::vector<std::vector<State::Hashes>> hashes;
    for (const auto &chunk : assignment.chunks) {
        auto &h = hashes.emplace_back();
        for (const auto &a : chunk.artifacts)
            h.push_back({hexDigest("SHA1", a.content), hexDigest("MD5", a.content), hexDigest("SHA256", a.content)});
    }
    std::lock_guard lock(m_state->mutex);
    m_state->controller(controllerId);
    State::Action a;
    a.id = m_state->nextAction++;
    a.controllerId = controllerId;
    // hawkBit's cache-buster is a hash: any int, negative ones too.
    a.cacheBuster = std::to_string(std::int32_t(m_state->random()));
    for (std::size_t i = 0; i < assignment.chunks.size(); ++i) {
        State::Module m;
        m.id = m_state->nextModule++;
        m.actionId = a.id;
        m.chunk = assignment.chunks[i];
        m.hashes = std::move(hashes[i]);
        a.modules.push_back(m.id);
        m_state->modules.emplace(m.id, std::move(m));
    }
    a.assignment = std::move(assignment);
    a.assignment.chunks.clear(); // kept in the modules
    const int id = a.id;
    m_state->actions.emplace(id, std::move(a));
    return id;
}

void DdiServer::setMaintenanceWindow(int actionId, const std::string &state)
{
    std::lock_guard lock(m_state->mutex);
    if (auto it = m_state->actions.find(actionId); it != m_state->actions.end())
        it->second.assignment.maintenanceWindow = state;
}

void DdiServer::cancel(int actionId)
{
    std::lock_guard lock(m_state->mutex);
    if (auto it = m_state->actions.find(actionId); it != m_state->actions.end() && it->second.active())
        it->second.state = "canceling";
}

void DdiServer::closeOnServer(int actionId)
{
    std::lock_guard lock(m_state->mutex);
    if (auto it = m_state->actions.find(actionId); it != m_state->actions.end() && it->second.active())
        it->second.state = "closed-by-server";
}

void DdiServer::injectFault(Fault fault, int count, int value)
{
    if (count == 0)
        return;
    std::lock_guard lock(m_state->mutex);
    m_state->faults.push_back({fault, count < 0 ? -1 : count, value});
}

void DdiServer::clearFaults()
{
    std::lock_guard lock(m_state->mutex);
    m_state->faults.clear();
}

std::vector<DdiServer::Feedback> DdiServer::feedback(const std::string &controllerId) const
{
    std::lock_guard lock(m_state->mutex);
    auto it = m_state->controllers.find(controllerId);
    return it == m_state->controllers.end() ? std::vector<Feedback>{} : it->second.feedback;
}

std::map<std::string, std::string> DdiServer::configData(const std::string &controllerId) const
{
    std::lock_guard lock(m_state->mutex);
    auto it = m_state->controllers.find(controllerId);
    return it == m_state->controllers.end() ? std::map<std::string, std::string>{} : it->second.attributes;
}

int DdiServer::configDataPuts(const std::string &controllerId) const
{
    std::lock_guard lock(m_state->mutex);
    auto it = m_state->controllers.find(controllerId);
    return it == m_state->controllers.end() ? 0 : it->second.configPuts;
}

int DdiServer::polls(const std::string &controllerId) const
{
    std::lock_guard lock(m_state->mutex);
    auto it = m_state->controllers.find(controllerId);
    return it == m_state->controllers.end() ? 0 : it->second.polls;
}

int DdiServer::notModified(const std::string &controllerId) const
{
    std::lock_guard lock(m_state->mutex);
    auto it = m_state->controllers.find(controllerId);
    return it == m_state->controllers.end() ? 0 : it->second.notModified;
}

std::vector<std::string> DdiServer::rangeHeaders() const
{
    std::lock_guard lock(m_state->mutex);
    return m_state->ranges;
}

int DdiServer::artifactRequests() const
{
    std::lock_guard lock(m_state->mutex);
    return int(m_state->ranges.size());
}

std::string DdiServer::actionState(int actionId) const
{
    std::lock_guard lock(m_state->mutex);
    auto it = m_state->actions.find(actionId);
    return it == m_state->actions.end() ? std::string() : it->second.state;
}

} // namespace kiosk::simulation
