// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kiosk::secrets {

/**
 * Bytes that are wiped (OPENSSL_cleanse) when they go: a key read from a credential does not
 * linger in freed heap memory. Move-only.
 */
class SecretBytes
{
public:
    SecretBytes() = default;
    explicit SecretBytes(std::string bytes)
        : m_bytes(std::move(bytes))
    {
    }
    SecretBytes(SecretBytes &&other) noexcept;
    SecretBytes &operator=(SecretBytes &&other) noexcept;
    SecretBytes(const SecretBytes &) = delete;
    SecretBytes &operator=(const SecretBytes &) = delete;
    ~SecretBytes();

    [[nodiscard]] const std::string &view() const { return m_bytes; }
    [[nodiscard]] std::size_t size() const { return m_bytes.size(); }
    [[nodiscard]] bool empty() const { return m_bytes.empty(); }
    void wipe();

private:
    std::string m_bytes;
};

/** Why a secret could not be had. */
enum class SecretError {
    None,
    Missing, ///< neither the credential nor the fallback file is there
    Unreadable, ///< there, but cannot be opened or read
    Exposed, ///< the file can be read or changed by other users (must be 0600 / 0400, owned by the kiosk user)
    FolderExposed, ///< its folder can be changed by other users (someone could swap the file)
    WrongSize, ///< empty or larger than the caller allows
};

/** Where a secret was found. */
enum class SecretOrigin {
    None,
    Credential, ///< `$CREDENTIALS_DIRECTORY/<name>`: systemd decrypted it (TPM2-bound where the board has one)
    File, ///< the configured file: development, or a terminal not yet provisioned with credentials
};

/** A located secret (its path, for APIs that read the file themselves, e.g. a TLS client key). */
struct SecretLocation {
    std::string path;
    SecretOrigin origin = SecretOrigin::None;
    SecretError error = SecretError::None;
    std::string message; ///< for the log and the staff page; never the secret itself
    explicit operator bool() const { return error == SecretError::None; }
};

/** A secret's bytes, or why not. */
struct Secret : SecretLocation {
    SecretBytes bytes;
};

/**
 * The one place keys come from (docs/threat-model.md). A secret named `name` is read from the
 * systemd credential of that name (`LoadCredentialEncrypted=name:…` in the unit; systemd puts the
 * decrypted file in `$CREDENTIALS_DIRECTORY`), else from the file the configuration names.
 *
 * In production a file must be a regular file owned by the kiosk user, readable by it alone
 * (0600 or 0400), in a folder nobody else can write to; anything else is refused, never repaired.
 * In development (`--simulate`) a loose file is used with a warning. Credentials are checked the
 * same way in both (systemd makes them 0400, owned by the service's user).
 */
class SecretStore
{
public:
    enum class Mode { Production, Development };

    SecretStore(std::string credentialsDir, Mode mode);
    /** With `$CREDENTIALS_DIRECTORY` as systemd set it (none when unset or empty). */
    [[nodiscard]] static SecretStore fromEnvironment(Mode mode);

    /** Where secret @p name is, checked; @p fallbackFile may be empty (no file allowed). */
    [[nodiscard]] SecretLocation locate(std::string_view name, const std::string &fallbackFile) const;
    /** Secret @p name's bytes: 1 to @p maxBytes of them. */
    [[nodiscard]] Secret read(std::string_view name, const std::string &fallbackFile, std::size_t maxBytes = 64 * 1024) const;
    /** True when a credential named @p name was handed to this process. */
    [[nodiscard]] bool hasCredential(std::string_view name) const;

    [[nodiscard]] const std::string &credentialsDir() const { return m_credentialsDir; }
    [[nodiscard]] Mode mode() const { return m_mode; }

    /** A credential name for platform @p platformId's secret @p what ("signing-key", "client-key"). */
    [[nodiscard]] static std::string platformSecretName(std::string_view platformId, std::string_view what);

private:
    std::string m_credentialsDir;
    Mode m_mode;
};

} // namespace kiosk::secrets
