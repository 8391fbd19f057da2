// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/queue/payloadcipher.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk::queue {

namespace {
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

/** Fetched once: OpenSSL 3's implicit fetch on every call costs more than sealing a payload. */
const EVP_CIPHER *aes256gcm()
{
    static EVP_CIPHER *cipher = EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr);
    return cipher;
}

std::string sysError(const std::string &what, const std::string &path)
{
    return what + " " + path + ": " + std::strerror(errno);
}
} // namespace

std::optional<PayloadCipher> PayloadCipher::fromKeyFile(const std::string &path, std::string *error)
{
    std::string dummy;
    if (!error)
        error = &dummy;
    Key key{};
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0 && errno == ENOENT) {
        // First start: write the new key to a temporary file, fsync, then rename, so a power cut
        // never leaves a short key behind.
        if (RAND_bytes(key.data(), int(key.size())) != 1) {
            *error = "no randomness for a new payload key";
            return std::nullopt;
        }
        const std::string tmp = path + ".new";
        const int out = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (out < 0) {
            *error = sysError("cannot create the payload key", tmp);
            return std::nullopt;
        }
        const bool ok = ::write(out, key.data(), key.size()) == ssize_t(key.size()) && ::fsync(out) == 0;
        ::close(out);
        if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
            *error = sysError("cannot write the payload key", path);
            ::unlink(tmp.c_str());
            return std::nullopt;
        }
        return PayloadCipher(key);
    }
    if (fd < 0) {
        *error = sysError("cannot read the payload key", path);
        return std::nullopt;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || (st.st_mode & 0077) != 0) {
        ::close(fd);
        *error = "the payload key " + path + " is readable by other users (it must be mode 0600)";
        return std::nullopt;
    }
    const ssize_t n = ::read(fd, key.data(), key.size());
    char extra;
    const ssize_t more = ::read(fd, &extra, 1);
    ::close(fd);
    if (n != ssize_t(key.size()) || more != 0) {
        *error = "the payload key " + path + " is not 32 bytes long";
        return std::nullopt;
    }
    return PayloadCipher(key);
}

std::vector<std::uint8_t> PayloadCipher::seal(std::string_view plaintext, std::string_view associated) const
{
    std::vector<std::uint8_t> out(nonceSize + plaintext.size() + tagSize);
    if (RAND_bytes(out.data(), int(nonceSize)) != 1)
        return {};
    CipherCtx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
    int len = 0;
    int total = 0;
    if (!ctx || EVP_EncryptInit_ex(ctx.get(), aes256gcm(), nullptr, m_key.data(), out.data()) != 1
        || EVP_EncryptUpdate(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char *>(associated.data()), int(associated.size())) != 1
        || EVP_EncryptUpdate(ctx.get(), out.data() + nonceSize, &len, reinterpret_cast<const unsigned char *>(plaintext.data()), int(plaintext.size())) != 1)
        return {};
    total = len;
    if (EVP_EncryptFinal_ex(ctx.get(), out.data() + nonceSize + total, &len) != 1
        || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, int(tagSize), out.data() + nonceSize + plaintext.size()) != 1)
        return {};
    return out;
}

std::optional<std::string> PayloadCipher::open(const std::vector<std::uint8_t> &sealed, std::string_view associated) const
{
    if (sealed.size() < nonceSize + tagSize)
        return std::nullopt;
    const std::size_t n = sealed.size() - nonceSize - tagSize;
    std::string out(n, '\0');
    CipherCtx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
    int len = 0;
    std::array<std::uint8_t, tagSize> tag{};
    std::memcpy(tag.data(), sealed.data() + nonceSize + n, tagSize);
    if (!ctx || EVP_DecryptInit_ex(ctx.get(), aes256gcm(), nullptr, m_key.data(), sealed.data()) != 1
        || EVP_DecryptUpdate(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char *>(associated.data()), int(associated.size())) != 1
        || EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char *>(out.data()), &len, sealed.data() + nonceSize, int(n)) != 1
        || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, int(tagSize), tag.data()) != 1
        || EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char *>(out.data()) + len, &len) != 1)
        return std::nullopt; // wrong key, wrong row, or tampered with
    return out;
}

} // namespace kiosk::queue
