// SPDX-License-Identifier: GPL-3.0-or-later
// PayloadCipher::open (services/queue/payloadcipher.cpp) on any blob and associated data: a
// blob read back from a damaged or tampered queue file. Only what seal() made opens; a blob
// that opens gives back exactly what was sealed, and with any other associated data, nothing.
#include "services/queue/payloadcipher.h"

#include <cstddef>
#include <cstdint>
#include <string>

using kiosk::queue::PayloadCipher;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    // A fixed key: the fuzzer looks for blobs that open or crash, not for the key.
    static const PayloadCipher cipher([] {
        PayloadCipher::Key k{};
        for (std::size_t i = 0; i < k.size(); ++i)
            k[i] = std::uint8_t(0x5A ^ (i * 29));
        return k;
    }());
    // First byte: how much of the rest is associated data (an outbox id), the remainder the blob.
    const std::size_t aadSize = size ? std::min<std::size_t>(data[0], size - 1) : 0;
    const std::string_view aad(reinterpret_cast<const char *>(data) + (size ? 1 : 0), aadSize);
    const std::vector<std::uint8_t> blob(data + (size ? 1 + aadSize : 0), data + size);

    // A forged blob opening is a broken AEAD; libFuzzer cannot guess a GCM tag.
    if (cipher.open(blob, aad))
        __builtin_trap();

    // The blob's bytes as a plaintext: seal, open with the same and with other associated data.
    const std::string_view plain(reinterpret_cast<const char *>(blob.data()), blob.size());
    std::vector<std::uint8_t> sealed = cipher.seal(plain, aad);
    if (sealed.size() != plain.size() + PayloadCipher::nonceSize + PayloadCipher::tagSize)
        __builtin_trap();
    const auto opened = cipher.open(sealed, aad);
    if (!opened || *opened != plain)
        __builtin_trap();
    if (cipher.open(sealed, std::string(aad) + "x"))
        __builtin_trap();
    // Any one flipped bit (chosen by the input) and any truncation are detected.
    const std::size_t at = size ? data[size - 1] % sealed.size() : 0;
    sealed[at] ^= std::uint8_t(1u << (size % 8));
    if (cipher.open(sealed, aad))
        __builtin_trap();
    sealed[at] ^= std::uint8_t(1u << (size % 8));
    sealed.pop_back();
    if (cipher.open(sealed, aad))
        __builtin_trap();
    return 0;
}
