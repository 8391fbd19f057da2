// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/idcard/samframe.h"
#include "devices/idcard/idcard.h"

#include <algorithm>

namespace kiosk::devices::idcard {

namespace {

struct StatusInfo {
    std::uint8_t code;
    const char *name;
    const char *description;
};

// Table order follows docs/devices.md.
constexpr StatusInfo kStatuses[] = {
    {sw::Ok, "ok", "operation succeeded"},
    {sw::NoContent, "no-content", "the card holds no such content"},
    {sw::CardFound, "card-found", "a card is in the field"},
    {sw::ChecksumError, "checksum-error", "the SAM received a frame with a bad checksum"},
    {sw::LengthError, "length-error", "the SAM received a frame with a bad length"},
    {sw::BadCommand, "bad-command", "the SAM does not know the command"},
    {sw::NotPermitted, "not-permitted", "the command is not permitted now"},
    {sw::UnrecognisedError, "unrecognised-error", "the SAM reported an unrecognised error"},
    {sw::CardAuthFailed, "card-auth-failed", "the card failed to authenticate the SAM"},
    {sw::SamAuthFailed, "sam-auth-failed", "the SAM failed to authenticate the card"},
    {sw::InfoCheckFailed, "info-check-failed", "the card's information failed its check"},
    {sw::FingerprintError, "fingerprint-error", "the fingerprint data failed its check"},
    {sw::InfoLengthError, "info-length-error", "the card's information has a bad length"},
    {sw::UnknownCardType, "unknown-card-type", "the card is not a resident ID card"},
    {sw::ReadFailed, "read-failed", "reading the card failed"},
    {sw::RandomFailed, "random-failed", "the card failed to produce a random number"},
    {sw::SamSelfTestFailed, "sam-self-test-failed", "the SAM module failed its self-test"},
    {sw::SamNotAuthorised, "sam-not-authorised", "the SAM module is not authorised"},
    {sw::FindFailed, "find-failed", "no card found (or the card just read still lies there)"},
    {sw::SelectFailed, "select-failed", "selecting the card failed"},
};

constexpr std::array<std::uint8_t, std::size(kStatuses)> kCodes = [] {
    std::array<std::uint8_t, std::size(kStatuses)> codes{};
    for (std::size_t i = 0; i < codes.size(); ++i)
        codes[i] = kStatuses[i].code;
    return codes;
}();

const StatusInfo *findStatus(std::uint8_t code)
{
    for (const auto &s : kStatuses) {
        if (s.code == code)
            return &s;
    }
    return nullptr;
}

QString hexByte(std::uint8_t b)
{
    return QStringLiteral("0x%1").arg(b, 2, 16, QLatin1Char('0'));
}

std::size_t lengthField(std::span<const std::uint8_t> frame)
{
    return std::size_t(frame[5]) << 8 | frame[6];
}

/** Checks preamble, LEN, size and CHK; on success returns the body (after LEN, before CHK). */
template<typename T>
std::optional<std::span<const std::uint8_t>> checkFrame(std::span<const std::uint8_t> frame, std::size_t minLength,
                                                        Parsed<T> &out)
{
    auto fail = [&](FrameError e, QString detail) {
        out.error = e;
        out.detail = std::move(detail);
        return std::nullopt;
    };
    if (frame.size() < kHeaderSize)
        return fail(FrameError::Truncated, QStringLiteral("%1 bytes, a frame needs at least %2").arg(frame.size()).arg(kHeaderSize));
    if (!std::equal(kPreamble.begin(), kPreamble.end(), frame.begin()))
        return fail(FrameError::BadPreamble, QStringLiteral("frame does not start with AA AA AA 96 69"));
    const std::size_t len = lengthField(frame);
    if (len < minLength)
        return fail(FrameError::LengthTooSmall, QStringLiteral("LEN %1 is below the minimum %2").arg(len).arg(minLength));
    if (frame.size() < kHeaderSize + len)
        return fail(FrameError::Truncated, QStringLiteral("LEN announces %1 bytes after it, %2 present").arg(len).arg(frame.size() - kHeaderSize));
    if (frame.size() > kHeaderSize + len)
        return fail(FrameError::TrailingBytes, QStringLiteral("%1 bytes after the frame").arg(frame.size() - kHeaderSize - len));
    const std::uint8_t expected = checksum(frame.subspan(kPreamble.size(), 2 + len - 1));
    const std::uint8_t actual = frame[kHeaderSize + len - 1];
    if (expected != actual)
        return fail(FrameError::ChecksumMismatch, QStringLiteral("CHK is %1, the bytes give %2").arg(hexByte(actual), hexByte(expected)));
    return frame.subspan(kHeaderSize, len - 1);
}

} // namespace

std::span<const std::uint8_t> knownStatusCodes()
{
    return kCodes;
}

QString statusName(std::uint8_t sw3)
{
    if (const auto *s = findStatus(sw3))
        return QString::fromLatin1(s->name);
    return QStringLiteral("unknown-%1").arg(hexByte(sw3));
}

QString statusDescription(std::uint8_t sw3)
{
    if (const auto *s = findStatus(sw3))
        return QString::fromLatin1(s->description);
    return QStringLiteral("the SAM answered with the unknown status %1").arg(hexByte(sw3));
}

QString frameErrorName(FrameError error)
{
    switch (error) {
    case FrameError::None: return QStringLiteral("ok");
    case FrameError::Truncated: return QStringLiteral("truncated");
    case FrameError::BadPreamble: return QStringLiteral("bad-preamble");
    case FrameError::LengthTooSmall: return QStringLiteral("length-too-small");
    case FrameError::TrailingBytes: return QStringLiteral("trailing-bytes");
    case FrameError::ChecksumMismatch: return QStringLiteral("checksum-mismatch");
    }
    return QStringLiteral("unknown");
}

std::uint8_t checksum(std::span<const std::uint8_t> bytes)
{
    std::uint8_t x = 0;
    for (std::uint8_t b : bytes)
        x ^= b;
    return x;
}

QByteArray buildFrame(std::span<const std::uint8_t> body)
{
    Q_ASSERT(body.size() + 1 <= 0xFFFF);
    const std::size_t len = body.size() + 1;
    QByteArray frame;
    frame.reserve(qsizetype(kHeaderSize + len));
    frame.append(reinterpret_cast<const char *>(kPreamble.data()), kPreamble.size());
    frame.append(char(len >> 8));
    frame.append(char(len & 0xFF));
    frame.append(reinterpret_cast<const char *>(body.data()), qsizetype(body.size()));
    frame.append(char(checksum(bytesOf(frame).subspan(kPreamble.size()))));
    return frame;
}

QByteArray buildRequest(Command command, std::span<const std::uint8_t> data)
{
    QByteArray body;
    body.reserve(qsizetype(2 + data.size()));
    body.append(char(std::uint16_t(command) >> 8));
    body.append(char(std::uint16_t(command) & 0xFF));
    body.append(reinterpret_cast<const char *>(data.data()), qsizetype(data.size()));
    return buildFrame(bytesOf(body));
}

QByteArray buildResponse(std::uint8_t sw3, std::span<const std::uint8_t> payload)
{
    QByteArray body;
    body.reserve(qsizetype(3 + payload.size()));
    body.append('\0');
    body.append('\0');
    body.append(char(sw3));
    body.append(reinterpret_cast<const char *>(payload.data()), qsizetype(payload.size()));
    return buildFrame(bytesOf(body));
}

Parsed<SamResponse> parseResponse(std::span<const std::uint8_t> frame)
{
    Parsed<SamResponse> out;
    // SW1 SW2 SW3 CHK at least.
    const auto body = checkFrame(frame, 4, out);
    if (!body)
        return out;
    SamResponse r;
    r.sw1 = (*body)[0];
    r.sw2 = (*body)[1];
    r.sw3 = (*body)[2];
    r.payload = QByteArray(reinterpret_cast<const char *>(body->data() + 3), qsizetype(body->size() - 3));
    out.value = std::move(r);
    return out;
}

Parsed<SamRequest> parseRequest(std::span<const std::uint8_t> frame)
{
    Parsed<SamRequest> out;
    // CMD PARA CHK at least.
    const auto body = checkFrame(frame, 3, out);
    if (!body)
        return out;
    SamRequest r;
    r.command = (*body)[0];
    r.parameter = (*body)[1];
    r.data = QByteArray(reinterpret_cast<const char *>(body->data() + 2), qsizetype(body->size() - 2));
    out.value = std::move(r);
    return out;
}

FrameAssembler::State FrameAssembler::feed(std::span<const std::uint8_t> bytes)
{
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (m_state != State::NeedMore) {
            m_extra += bytes.size() - i;
            break;
        }
        const std::uint8_t b = bytes[i];
        const auto have = std::size_t(m_frame.size());
        if (have < kPreamble.size()) {
            if (b == kPreamble[have]) {
                m_frame.append(char(b));
                continue;
            }
            // Resynchronise. The preamble overlaps itself only in its run of AA: after
            // "AA AA AA" another AA still leaves "AA AA AA"; any other AA restarts at "AA".
            if (have == 3 && b == kPreamble[0]) {
                // Noise like any other: a reader sending AA for ever must hit the limit too.
                if (++m_skipped > kMaxSkipped)
                    m_state = State::Error;
                continue;
            }
            m_skipped += have;
            m_frame.clear();
            if (b == kPreamble[0])
                m_frame.append(char(b));
            else
                ++m_skipped;
            if (m_skipped > kMaxSkipped)
                m_state = State::Error;
            continue;
        }
        m_frame.append(char(b));
        if (std::size_t(m_frame.size()) >= kHeaderSize) {
            const std::size_t len = std::size_t(std::uint8_t(m_frame[5])) << 8 | std::uint8_t(m_frame[6]);
            // The whole frame's room at once: a card's text never sits in a buffer that growing
            // would leave behind unwiped.
            if (std::size_t(m_frame.size()) == kHeaderSize)
                m_frame.reserve(qsizetype(kHeaderSize + len));
            if (len == 0)
                m_state = State::Error; // no CHK even: nothing sensible follows
            else if (std::size_t(m_frame.size()) == kHeaderSize + len)
                m_state = State::Complete;
        }
    }
    return m_state;
}

std::size_t FrameAssembler::missing() const
{
    const auto have = std::size_t(m_frame.size());
    if (have < kHeaderSize)
        return kHeaderSize - have;
    const std::size_t len = std::size_t(std::uint8_t(m_frame[5])) << 8 | std::uint8_t(m_frame[6]);
    return kHeaderSize + len > have ? kHeaderSize + len - have : 0;
}

FrameAssembler::~FrameAssembler()
{
    wipeBuffer(m_frame);
}

void wipeResponse(SamResponse &response)
{
    wipeBuffer(response.payload);
}

void FrameAssembler::reset()
{
    wipeBuffer(m_frame);
    m_state = State::NeedMore;
    m_skipped = 0;
    m_extra = 0;
}

QString payloadErrorName(PayloadError error)
{
    switch (error) {
    case PayloadError::None: return QStringLiteral("ok");
    case PayloadError::TooShort: return QStringLiteral("payload-too-short");
    case PayloadError::LengthMismatch: return QStringLiteral("payload-length-mismatch");
    case PayloadError::BadTextLength: return QStringLiteral("bad-text-length");
    }
    return QStringLiteral("unknown");
}

ParsedPayload parseReadPayload(std::span<const std::uint8_t> payload)
{
    ParsedPayload out;
    auto be16 = [&](std::size_t at) { return std::size_t(payload[at]) << 8 | payload[at + 1]; };
    if (payload.size() < 4) {
        out.error = PayloadError::TooShort;
        out.detail = QStringLiteral("%1 bytes, the length fields alone take 4").arg(payload.size());
        return out;
    }
    const std::size_t textLen = be16(0);
    const std::size_t photoLen = be16(2);
    std::size_t headerLen = 4;
    std::size_t fpLen = 0;
    if (4 + textLen + photoLen != payload.size()) {
        // Maybe the fingerprint variant (30 10): a third length field.
        if (payload.size() >= 6 && 6 + textLen + photoLen + be16(4) == payload.size()) {
            headerLen = 6;
            fpLen = be16(4);
        } else {
            out.error = PayloadError::LengthMismatch;
            out.detail = QStringLiteral("text %1 + photo %2 bytes announced, %3 bytes of payload")
                             .arg(textLen)
                             .arg(photoLen)
                             .arg(payload.size());
            return out;
        }
    }
    if (textLen != 256) {
        out.error = PayloadError::BadTextLength;
        out.detail = QStringLiteral("text block of %1 bytes, expected 256").arg(textLen);
        return out;
    }
    auto slice = [&](std::size_t at, std::size_t n) {
        return QByteArray(reinterpret_cast<const char *>(payload.data() + at), qsizetype(n));
    };
    ReadPayload p;
    p.text = slice(headerLen, textLen);
    p.photo = slice(headerLen + textLen, photoLen);
    p.fingerprint = slice(headerLen + textLen + photoLen, fpLen);
    out.value = std::move(p);
    return out;
}

} // namespace kiosk::devices::idcard
