// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/queue/payloadkey.h"

#include "common/logging.h"
#include "services/secrets/secretstore.h"

#include <openssl/rand.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk::queue {

namespace {
LoadedKey failure(KeyError error, std::string message)
{
    LoadedKey k;
    k.error = error;
    k.message = std::move(message);
    return k;
}

std::string sysError(const std::string &what, const std::string &path)
{
    return what + " " + path + ": " + std::strerror(errno);
}

std::string folderOf(const std::string &path)
{
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? std::string(".") : slash == 0 ? std::string("/") : path.substr(0, slash);
}

/** The folder must be ours and closed to everyone else: nobody else may swap or read the key. */
std::optional<LoadedKey> checkFolder(const std::string &folder)
{
    struct stat st {};
    if (::stat(folder.c_str(), &st) != 0)
        return failure(KeyError::Unreadable, sysError("cannot see the payload key's folder", folder));
    if (!S_ISDIR(st.st_mode) || st.st_uid != ::geteuid() || (st.st_mode & 0077) != 0)
        return failure(KeyError::FolderExposed, "the payload key's folder " + folder
                                                    + " is open to other users (it must be mode 0700, owned by the kiosk user)");
    return std::nullopt;
}
} // namespace

PayloadKeyFile::PayloadKeyFile(std::string path)
    : m_path(std::move(path))
{
}

PayloadKeyFile PayloadKeyFile::forStateDir(const std::string &stateDir)
{
    const std::string folder = stateDir + "/keys";
    const std::string path = folder + "/payload.key";
    if (::mkdir(folder.c_str(), 0700) != 0 && errno != EEXIST)
        qCWarning(lcQueue).noquote() << "cannot create" << QString::fromStdString(folder) << ":" << std::strerror(errno);
    const std::string legacy = stateDir + "/payload.key";
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0 && errno == ENOENT && ::lstat(legacy.c_str(), &st) == 0) {
        // Same file system: rename is atomic, the key is never in two places or none.
        if (::rename(legacy.c_str(), path.c_str()) == 0)
            qCInfo(lcQueue).noquote() << "moved the payload key into" << QString::fromStdString(folder);
        else
            qCWarning(lcQueue).noquote() << QString::fromStdString(sysError("cannot move the payload key", legacy));
    }
    return PayloadKeyFile(path);
}

LoadedKey PayloadKeyFile::load(bool mayCreate)
{
    if (auto bad = checkFolder(folderOf(m_path)))
        return *bad;
    LoadedKey result;
    int fd = ::open(m_path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0 && errno == ENOENT) {
        if (!mayCreate)
            return failure(KeyError::Missing, "the payload key " + m_path
                                                  + " is missing but the request store still holds requests sealed with it;"
                                                    " restore the key (a new one would not open them)");
        if (RAND_bytes(result.key.data(), int(result.key.size())) != 1)
            return failure(KeyError::NoRandomness, "no randomness for a new payload key");
        const std::string tmp = m_path + ".new";
        const int out = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (out < 0)
            return failure(KeyError::CannotWrite, sysError("cannot create the payload key", tmp));
        const bool ok = ::write(out, result.key.data(), result.key.size()) == ssize_t(result.key.size()) && ::fsync(out) == 0;
        ::close(out);
        if (!ok || ::rename(tmp.c_str(), m_path.c_str()) != 0) {
            auto f = failure(KeyError::CannotWrite, sysError("cannot write the payload key", m_path));
            ::unlink(tmp.c_str());
            return f;
        }
        // The rename itself must survive a power cut too.
        if (const int dir = ::open(folderOf(m_path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
            if (::fsync(dir) != 0)
                qCWarning(lcQueue).noquote() << QString::fromStdString(sysError("cannot sync the folder of", m_path));
            ::close(dir);
        }
        result.created = true;
        qCInfo(lcQueue).noquote() << "created a new payload key" << QString::fromStdString(m_path);
        return result;
    }
    if (fd < 0)
        return failure(KeyError::Unreadable, sysError("cannot read the payload key", m_path));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != ::geteuid() || (st.st_mode & 0077) != 0) {
        ::close(fd);
        return failure(KeyError::Exposed, "the payload key " + m_path + " is readable by other users (it must be mode 0600)");
    }
    const ssize_t n = ::read(fd, result.key.data(), result.key.size());
    char extra;
    const ssize_t more = ::read(fd, &extra, 1);
    ::close(fd);
    if (n != ssize_t(result.key.size()) || more != 0)
        return failure(KeyError::WrongSize, "the payload key " + m_path + " is not 32 bytes long");
    return result;
}

PayloadKeyCredential::PayloadKeyCredential(const secrets::SecretStore &store)
    : m_store(store)
{
}

LoadedKey PayloadKeyCredential::load(bool)
{
    const secrets::Secret secret = m_store.read(credentialName, std::string(), 4096);
    if (!secret) {
        if (secret.error == secrets::SecretError::Missing)
            return failure(KeyError::Missing, "the payload key credential \"" + std::string(credentialName) + "\" is missing: " + secret.message);
        return failure(KeyError::CredentialUnusable, "the payload key credential cannot be used: " + secret.message);
    }
    if (secret.bytes.size() != PayloadCipher::Key().size())
        return failure(KeyError::CredentialUnusable, "the payload key credential " + secret.path + " is not 32 bytes long");
    LoadedKey result;
    std::copy(secret.bytes.view().begin(), secret.bytes.view().end(), result.key.begin());
    return result;
}

std::unique_ptr<PayloadKeySource> payloadKeySource(const secrets::SecretStore &store, const std::string &stateDir)
{
    if (store.hasCredential(PayloadKeyCredential::credentialName))
        return std::make_unique<PayloadKeyCredential>(store);
    if (store.mode() == secrets::SecretStore::Mode::Production)
        qCWarning(lcSecrets) << "the payload key is read from a file, not from a systemd credential: "
                                "a stolen disk exposes it (provision the terminal, docs/threat-model.md)";
    return std::make_unique<PayloadKeyFile>(PayloadKeyFile::forStateDir(stateDir));
}

} // namespace kiosk::queue
