// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/secrets/secretstore.h"

#include "common/logging.h"

#include <openssl/crypto.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk::secrets {

SecretBytes::SecretBytes(SecretBytes &&other) noexcept
    : m_bytes(std::move(other.m_bytes))
{
    other.wipe();
}

SecretBytes &SecretBytes::operator=(SecretBytes &&other) noexcept
{
    if (this != &other) {
        wipe();
        m_bytes = std::move(other.m_bytes);
        other.wipe();
    }
    return *this;
}

SecretBytes::~SecretBytes()
{
    wipe();
}

void SecretBytes::wipe()
{
    if (!m_bytes.empty())
        OPENSSL_cleanse(m_bytes.data(), m_bytes.size());
    m_bytes.clear();
}

namespace {
std::string folderOf(const std::string &path)
{
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? std::string(".") : slash == 0 ? std::string("/") : path.substr(0, slash);
}

bool validName(std::string_view name)
{
    if (name.empty() || name.size() > 128 || name == "." || name == "..")
        return false;
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
        if (!ok)
            return false;
    }
    return true;
}

/** The checks both origins share; @p strict refuses, otherwise a loose file only warns. */
SecretLocation check(const std::string &path, SecretOrigin origin, bool strict)
{
    SecretLocation loc;
    loc.path = path;
    loc.origin = origin;
    const char *what = origin == SecretOrigin::Credential ? "the credential " : "the key file ";
    struct stat folder {};
    if (::stat(folderOf(path).c_str(), &folder) != 0) {
        loc.error = SecretError::Unreadable;
        loc.message = std::string("cannot see the folder of ") + what + path + ": " + std::strerror(errno);
        return loc;
    }
    const bool folderOwned = folder.st_uid == ::geteuid() || folder.st_uid == 0;
    if (!folderOwned || (folder.st_mode & 022) != 0) {
        const std::string m = std::string("the folder of ") + what + path
                              + " can be changed by other users (it must belong to the kiosk user or root and not be group- or world-writable)";
        if (strict) {
            loc.error = SecretError::FolderExposed;
            loc.message = m;
            return loc;
        }
        qCWarning(lcSecrets).noquote() << "development mode:" << QString::fromStdString(m);
    }
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) {
        loc.error = errno == ENOENT ? SecretError::Missing : SecretError::Unreadable;
        loc.message = std::string("cannot read ") + what + path + ": " + std::strerror(errno);
        return loc;
    }
    if (!S_ISREG(st.st_mode) || st.st_uid != ::geteuid() || (st.st_mode & 0077) != 0) {
        const std::string m = std::string(what) + path
                              + " is not a private file of the kiosk user (it must be a regular file, mode 0600 or 0400, owned by the kiosk user)";
        if (strict) {
            loc.error = SecretError::Exposed;
            loc.message = m;
            return loc;
        }
        qCWarning(lcSecrets).noquote() << "development mode:" << QString::fromStdString(m);
    }
    return loc;
}
} // namespace

SecretStore::SecretStore(std::string credentialsDir, Mode mode)
    : m_credentialsDir(std::move(credentialsDir))
    , m_mode(mode)
{
}

SecretStore SecretStore::fromEnvironment(Mode mode)
{
    const char *dir = std::getenv("CREDENTIALS_DIRECTORY");
    return SecretStore(dir ? std::string(dir) : std::string(), mode);
}

bool SecretStore::hasCredential(std::string_view name) const
{
    if (m_credentialsDir.empty() || !validName(name))
        return false;
    struct stat st {};
    return ::lstat((m_credentialsDir + "/" + std::string(name)).c_str(), &st) == 0;
}

SecretLocation SecretStore::locate(std::string_view name, const std::string &fallbackFile) const
{
    if (hasCredential(name)) // a credential is checked strictly even in development: systemd makes it 0400
        return check(m_credentialsDir + "/" + std::string(name), SecretOrigin::Credential, true);
    if (fallbackFile.empty()) {
        SecretLocation loc;
        loc.error = SecretError::Missing;
        loc.message = "no credential \"" + std::string(name) + "\""
                      + (m_credentialsDir.empty() ? std::string(" (the kiosk was not started with systemd credentials)") : " in " + m_credentialsDir)
                      + " and no key file configured";
        return loc;
    }
    SecretLocation loc = check(fallbackFile, SecretOrigin::File, m_mode == Mode::Production);
    if (loc.error == SecretError::Missing)
        loc.message = "no credential \"" + std::string(name) + "\" and " + loc.message;
    return loc;
}

Secret SecretStore::read(std::string_view name, const std::string &fallbackFile, std::size_t maxBytes) const
{
    Secret s;
    static_cast<SecretLocation &>(s) = locate(name, fallbackFile);
    if (!s)
        return s;
    const int fd = ::open(s.path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        s.error = SecretError::Unreadable;
        s.message = "cannot read " + s.path + ": " + std::strerror(errno);
        return s;
    }
    std::string bytes(maxBytes + 1, '\0');
    std::size_t got = 0;
    while (got < bytes.size()) {
        const ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += std::size_t(n);
    }
    ::close(fd);
    bytes.resize(got);
    s.bytes = SecretBytes(std::move(bytes));
    if (got == 0 || got > maxBytes) {
        s.bytes.wipe();
        s.error = SecretError::WrongSize;
        s.message = s.path + (got == 0 ? std::string(" is empty") : " is larger than " + std::to_string(maxBytes) + " bytes");
    }
    return s;
}

std::string SecretStore::platformSecretName(std::string_view platformId, std::string_view what)
{
    std::string out = "platform.";
    for (char c : platformId)
        out += validName(std::string_view(&c, 1)) ? c : '_';
    out += '.';
    out += what;
    return out;
}

} // namespace kiosk::secrets
