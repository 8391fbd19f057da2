// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "services/queue/payloadcipher.h"

#include <string>

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
 * Where the terminal's payload key comes from. The same 32 bytes seal payloads (PayloadCipher),
 * open them on the dispatcher's thread, and key the subject hash: read once, by one rule.
 * TODO: a systemd-credentials source (LoadCredential=) replaces the file in the "trust" issue.
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

/** The HMAC key of the resident's subject hash, derived from the payload key. */
[[nodiscard]] std::string subjectHashKey(const PayloadCipher::Key &key);

} // namespace kiosk::queue
