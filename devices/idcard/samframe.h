// SPDX-License-Identifier: GPL-3.0-or-later
// The SAM frame codec: pure functions over bytes, shared by every transport (USB bulk, split
// endpoints, HID bridge, serial) and by the simulated reader. See docs/devices.md.
//
//   request : AA AA AA 96 69 | LEN(2, BE) | CMD | PARA | data… | CHK
//   response: AA AA AA 96 69 | LEN(2, BE) | SW1 | SW2 | SW3 | data… | CHK
//   LEN counts every byte after itself, CHK included; CHK = XOR of LEN..last data byte.
#pragma once

#include <QByteArray>
#include <QString>

#include <array>
#include <cstdint>
#include <optional>
#include <span>

namespace kiosk::devices::idcard {

inline constexpr std::array<std::uint8_t, 5> kPreamble{0xAA, 0xAA, 0xAA, 0x96, 0x69};
/** Preamble + LEN: what must be read before the rest of a frame's size is known. */
inline constexpr std::size_t kHeaderSize = 7;
/** LEN is 16 bits, so no frame is longer than this. */
inline constexpr std::size_t kMaxFrameSize = kHeaderSize + 0xFFFF;

/** Host requests (CMD << 8 | PARA). Frames and checksums are in docs/devices.md. */
enum class Command : std::uint16_t {
    ResetSam = 0x10FF,
    SamStatus = 0x11FF,
    SamId = 0x12FF,
    FindCard = 0x2001,
    SelectCard = 0x2002,
    ReadTextPhoto = 0x3001,
    /** Read the appended address (追加住址). Answers 90/91 only while the card is still in the
     *  field, which is how a polling driver notices removal (Routon and Synjones SDKs do so). */
    ReadAppendedAddress = 0x3003,
    ReadTextPhotoFingerprint = 0x3010,
    SetMaxRfFrame = 0x61FF,
};

/** SW3 values (SW1 = SW2 = 00). */
namespace sw {
inline constexpr std::uint8_t Ok = 0x90;
inline constexpr std::uint8_t NoContent = 0x91;
inline constexpr std::uint8_t CardFound = 0x9F;
inline constexpr std::uint8_t ChecksumError = 0x10;
inline constexpr std::uint8_t LengthError = 0x11;
inline constexpr std::uint8_t BadCommand = 0x21;
inline constexpr std::uint8_t NotPermitted = 0x23;
inline constexpr std::uint8_t UnrecognisedError = 0x24;
inline constexpr std::uint8_t CardAuthFailed = 0x31;
inline constexpr std::uint8_t SamAuthFailed = 0x32;
inline constexpr std::uint8_t InfoCheckFailed = 0x33;
inline constexpr std::uint8_t FingerprintError = 0x37;
inline constexpr std::uint8_t InfoLengthError = 0x3F;
inline constexpr std::uint8_t UnknownCardType = 0x40;
inline constexpr std::uint8_t ReadFailed = 0x41;
inline constexpr std::uint8_t RandomFailed = 0x47;
inline constexpr std::uint8_t SamSelfTestFailed = 0x60;
inline constexpr std::uint8_t SamNotAuthorised = 0x66;
inline constexpr std::uint8_t FindFailed = 0x80;
inline constexpr std::uint8_t SelectFailed = 0x81;
} // namespace sw

/** Every SW3 value the protocol defines, in table order (tests walk it). */
[[nodiscard]] std::span<const std::uint8_t> knownStatusCodes();
/** "ok", "find-failed", … ; "unknown-0x5a" for anything else. */
[[nodiscard]] QString statusName(std::uint8_t sw3);
/** A sentence a technician understands. */
[[nodiscard]] QString statusDescription(std::uint8_t sw3);

/** Why bytes are not a frame. Every malformed input maps to one of these, never to a crash. */
enum class FrameError {
    None,
    Truncated, ///< fewer bytes than the header, or than LEN announces
    BadPreamble, ///< does not start with AA AA AA 96 69
    LengthTooSmall, ///< LEN cannot even hold the fixed fields and CHK
    TrailingBytes, ///< more bytes than LEN announces
    ChecksumMismatch,
};

[[nodiscard]] QString frameErrorName(FrameError error);

/** XOR of @p bytes (pass everything after the preamble, without CHK). */
[[nodiscard]] std::uint8_t checksum(std::span<const std::uint8_t> bytes);

/** Builds a whole frame around @p body (the bytes after LEN, without CHK). */
[[nodiscard]] QByteArray buildFrame(std::span<const std::uint8_t> body);
[[nodiscard]] QByteArray buildRequest(Command command, std::span<const std::uint8_t> data = {});
/** The reply a SAM sends: SW1 = SW2 = 00, @p sw3, then @p payload. */
[[nodiscard]] QByteArray buildResponse(std::uint8_t sw3, std::span<const std::uint8_t> payload = {});

struct SamResponse {
    std::uint8_t sw1 = 0;
    std::uint8_t sw2 = 0;
    std::uint8_t sw3 = 0;
    QByteArray payload;
    /** SW1 = SW2 = 00 and SW3 = @p expected. */
    [[nodiscard]] bool is(std::uint8_t expected) const { return sw1 == 0 && sw2 == 0 && sw3 == expected; }
};

/** Overwrites a reply's payload (it may hold a card's text and photo) before it is let go. */
void wipeResponse(SamResponse &response);

struct SamRequest {
    std::uint8_t command = 0;
    std::uint8_t parameter = 0;
    QByteArray data;
};

template<typename T>
struct Parsed {
    std::optional<T> value;
    FrameError error = FrameError::None;
    QString detail; ///< what exactly was wrong, for logs and `kioskctl idcard decode`
    [[nodiscard]] bool ok() const { return value.has_value(); }
};

/** Parses one whole response frame (exactly; trailing bytes are an error). */
[[nodiscard]] Parsed<SamResponse> parseResponse(std::span<const std::uint8_t> frame);
/** Parses one whole request frame (the simulated reader and the fuzzer use it). */
[[nodiscard]] Parsed<SamRequest> parseRequest(std::span<const std::uint8_t> frame);

/**
 * Collects a frame from a byte stream that arrives in pieces (serial, bulk packets, HID reports):
 * "read 7 bytes, then LEN more". Bytes before the preamble are skipped (line noise), up to a limit.
 */
class FrameAssembler
{
public:
    enum class State { NeedMore, Complete, Error };

    FrameAssembler() = default;
    FrameAssembler(const FrameAssembler &) = delete;
    FrameAssembler &operator=(const FrameAssembler &) = delete;
    /** Wipes the frame collected (a read reply holds the card's text). */
    ~FrameAssembler();

    /** Adds bytes; returns the state after them. Bytes after a complete frame are kept as extra(). */
    State feed(std::span<const std::uint8_t> bytes);
    [[nodiscard]] State state() const { return m_state; }
    /** How many more bytes complete the frame (at least 1 while NeedMore). */
    [[nodiscard]] std::size_t missing() const;
    [[nodiscard]] const QByteArray &frame() const { return m_frame; }
    [[nodiscard]] std::size_t skipped() const { return m_skipped; }
    [[nodiscard]] std::size_t extra() const { return m_extra; }
    /** Wipes the frame collected and starts over. */
    void reset();

    /** Noise tolerated before a preamble. A real reader sends none; a serial line may. */
    static constexpr std::size_t kMaxSkipped = 256;

private:
    QByteArray m_frame;
    State m_state = State::NeedMore;
    std::size_t m_skipped = 0;
    std::size_t m_extra = 0;
};

/** The payload of a successful read-text-photo(-fingerprint) reply. */
struct ReadPayload {
    QByteArray text; ///< 256 bytes, UCS-2LE
    QByteArray photo; ///< 1024 bytes, WLT-compressed; memory only
    QByteArray fingerprint; ///< empty, or 1024 bytes
};

enum class PayloadError {
    None,
    TooShort, ///< not even the length fields
    LengthMismatch, ///< the length fields do not add up to the payload
    BadTextLength, ///< the text block is not 256 bytes
};

[[nodiscard]] QString payloadErrorName(PayloadError error);

struct ParsedPayload {
    std::optional<ReadPayload> value;
    PayloadError error = PayloadError::None;
    QString detail;
};

/** Splits the payload of a 30 01 / 30 10 reply: text length, photo length, [fp length], blocks. */
[[nodiscard]] ParsedPayload parseReadPayload(std::span<const std::uint8_t> payload);

[[nodiscard]] inline std::span<const std::uint8_t> bytesOf(const QByteArray &a)
{
    return {reinterpret_cast<const std::uint8_t *>(a.constData()), std::size_t(a.size())};
}

} // namespace kiosk::devices::idcard
