// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/simulation/simulatedcity.h"

#include "common/logging.h"

namespace kiosk::simulation {

const std::vector<std::string> &SimulatedCity::platformIds()
{
    static const std::vector<std::string> ids = {"hall", "hotline12345", "medicare", "hrss", "hpf"};
    return ids;
}

std::unique_ptr<SimulatedCity> SimulatedCity::start(const std::string &dir, std::string *error)
{
    auto pki = DevPki::open(dir, "simulated", error);
    auto cert = pki ? pki->issue("platform", {.commonName = "127.0.0.1"}, error) : std::nullopt;
    if (!cert) {
        qCWarning(lcPlatform).noquote() << "no simulated platform:" << QString::fromStdString(error ? *error : std::string());
        return nullptr;
    }
    ReferencePlatform::Options po;
    po.certificateFile = cert->certificateFile;
    po.keyFile = cert->keyFile;
    po.signingKey = "simulated-platform-secret";
    po.controlApi = true;
    auto platform = std::make_unique<ReferencePlatform>(po);
    if (!platform->start(error)) {
        qCWarning(lcPlatform).noquote() << "no simulated platform:" << QString::fromStdString(error ? *error : std::string());
        return nullptr;
    }
    qCInfo(lcPlatform) << "simulated city platform on https://127.0.0.1:" << platform->port();
    return std::unique_ptr<SimulatedCity>(new SimulatedCity(std::move(*pki), std::move(platform), po.signingKey));
}

SimulatedCity::SimulatedCity(DevPki pki, std::unique_ptr<ReferencePlatform> platform, std::string signingKey)
    : m_pki(std::move(pki))
    , m_platform(std::move(platform))
    , m_signingKey(std::move(signingKey))
{
}

SimulatedCity::~SimulatedCity()
{
    stop();
}

void SimulatedCity::stop()
{
    m_platform->stop();
}

std::vector<platform::PlatformEndpoint> SimulatedCity::endpoints(const std::string &terminalId) const
{
    std::vector<platform::PlatformEndpoint> out;
    for (const std::string &id : platformIds()) {
        platform::PlatformEndpoint e;
        e.id = id;
        e.port = m_platform->port();
        e.tls.caFile = m_pki.caFile();
        e.signingKey = m_signingKey;
        e.terminalId = terminalId;
        out.push_back(e);
    }
    return out;
}

} // namespace kiosk::simulation
