// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "services/queue/payloadcipher.h"

#include <memory>
#include <string>

namespace kiosk::secrets {
class SecretStore;
}

namespace kiosk::queue {

/** Why the payload key could not be had. */
enum class KeyError {
    None,
    Missing, ///< there is no key and none may be created (the outbox still holds rows)
    Unreadable, ///< the file or its folder could not be read or created
    Exposed, ///< the key file is readable or writable by others than its owner (must be 0600)
    FolderExposed, ///< the key's folder is open to others than its owner (must be 0700)
    WrongSize, ///< not exactly 32 bytes
    NoRandomness, ///< no random bytes for a new key
    CannotWrite, ///< a new key could not be written and synced
    CredentialUnusable, ///< the systemd credential is there but cannot be used (mode, size)
};

/** A key, or why not. */
struct LoadedKey {
    PayloadCipher::Key key{};
    KeyError error = KeyError::None;
    std::string message; ///< for the log and the staff page when error != None
    bool created = false; ///< a new key was made just now
    explicit operator bool() const { return error == KeyError::None; }
};

/**
 * Where the terminal's master key comes from: read once, by one rule. Every key the queue uses is
 * derived from it (secrets::deriveKeyRing): the payload cipher's, the subject hash's and the
 * receipt code's. On a provisioned terminal it is the systemd credential `payload-key`
 * (PayloadKeyCredential); the file under the state folder is for development and for terminals
 * not yet provisioned (payloadKeySource() picks).
 */
class PayloadKeySource
{
public:
    virtual ~PayloadKeySource() = default;
    /**
     * @p mayCreate: when there is no key yet, make one. Callers pass false while the outbox holds
     * rows — a new key would make their payloads and subject hashes unreadable.
     */
    [[nodiscard]] virtual LoadedKey load(bool mayCreate) = 0;
};

/**
 * The key in a file: mode 0600, in a folder of mode 0700, both owned by the kiosk user;
 * anything else is refused, never repaired silently. A new key is written to a temporary file,
 * synced, then renamed, so a power cut never leaves a short key behind.
 */
class PayloadKeyFile final : public PayloadKeySource
{
public:
    explicit PayloadKeyFile(std::string path);
    [[nodiscard]] LoadedKey load(bool mayCreate) override;
    [[nodiscard]] const std::string &path() const { return m_path; }

    /**
     * The terminal's key file, `<stateDir>/keys/payload.key`. Creates `keys/` (0700) when missing
     * and moves in a key that earlier versions kept at `<stateDir>/payload.key`.
     */
    [[nodiscard]] static PayloadKeyFile forStateDir(const std::string &stateDir);

private:
    std::string m_path;
};

/**
 * The key as a systemd credential (`LoadCredentialEncrypted=payload-key:…`): exactly 32 bytes,
 * mode 0400/0600, owned by the kiosk user. Never created here: a terminal's key is made when it
 * is provisioned (`systemd-creds encrypt`, docs/threat-model.md); a missing credential is
 * KeyError::Missing whatever @p mayCreate says.
 */
class PayloadKeyCredential final : public PayloadKeySource
{
public:
    explicit PayloadKeyCredential(const secrets::SecretStore &store);
    [[nodiscard]] LoadedKey load(bool mayCreate) override;

    static constexpr const char *credentialName = "payload-key";

private:
    const secrets::SecretStore &m_store;
};

/**
 * The credential when the kiosk was handed one (systemd), else the file under @p stateDir
 * (`keys/payload.key`). @p store must outlive the source.
 */
[[nodiscard]] std::unique_ptr<PayloadKeySource> payloadKeySource(const secrets::SecretStore &store, const std::string &stateDir);

} // namespace kiosk::queue
