// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/simulator/simulatedsam.h"
#include "devices/deviceslogging.h"

#include <QElapsedTimer>

namespace kiosk::devices::sim {

using namespace idcard;

namespace {

IdCard card(const char16_t *name, int gender, const char *nation, QDate birth, const char16_t *address, const char *id,
            const char16_t *authority, QDate from, QDate to)
{
    IdCard c;
    c.name = QString::fromUtf16(name);
    c.genderCode = gender;
    c.nationCode = QString::fromLatin1(nation);
    c.nation = nationName(c.nationCode);
    c.birthDate = birth;
    c.address = QString::fromUtf16(address);
    c.idNumber = QString::fromLatin1(id);
    c.authority = QString::fromUtf16(authority);
    c.validFrom = from;
    c.validForever = !to.isValid();
    c.validTo = to;
    return c;
}

/** Stand-in for the WLT photo: deterministic bytes, never decoded by anyone. */
QByteArray fakePhoto(int seed)
{
    QByteArray p(1024, '\0');
    std::uint32_t x = 0x9E3779B9u * std::uint32_t(seed + 1);
    for (auto &b : p) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        b = char(x & 0xFF);
    }
    p[0] = 'W';
    p[1] = 'L';
    return p;
}

QByteArray samId()
{
    // 16 bytes of SAM management information; the content is opaque to the driver.
    return QByteArray::fromHex("0501000000000000201601010000abcd");
}

} // namespace

const std::vector<IdCard> &sampleCards()
{
    static const std::vector<IdCard> cards = [] {
        std::vector<IdCard> v{
            card(u"张伟", 1, "01", QDate(1985, 3, 12), u"福建省福州市鼓楼区五四路158号3单元502室", "350102198503122136",
                 u"福州市公安局鼓楼分局", QDate(2016, 5, 20), QDate(2036, 5, 20)),
            card(u"林秀英", 2, "01", QDate(1948, 11, 2), u"福建省福州市台江区达道路88号", "35010319481102128X",
                 u"福州市公安局台江分局", QDate(2009, 4, 15), QDate()),
            card(u"陈思远", 1, "22", QDate(1992, 7, 30), u"福建省福州市晋安区岳峰镇化工路12号", "350111199207302176",
                 u"福州市公安局晋安分局", QDate(2010, 8, 1), QDate(2020, 8, 1)),
            card(u"阿依古丽·买买提", 2, "05", QDate(2001, 5, 19), u"新疆乌鲁木齐市天山区解放南路206号", "650102200105190687",
                 u"乌鲁木齐市公安局天山区分局", QDate(2017, 6, 1), QDate(2027, 6, 1)),
            card(u"王子轩", 1, "01", QDate(2014, 9, 8), u"福建省福州市仓山区金山街道浦上大道199号", "350104201409081056",
                 u"福州市公安局仓山分局", QDate(2022, 9, 20), QDate(2027, 9, 20)),
        };
        for (int i = 0; i < int(v.size()); ++i)
            v[std::size_t(i)].photo = fakePhoto(i);
        return v;
    }();
    return cards;
}

SimulatedSam::SimulatedSam(std::vector<IdCard> cards)
    : m_cards(std::move(cards))
{
}

void SimulatedSam::setLatency(Latency latency)
{
    std::lock_guard lock(m_stateMutex);
    m_latency = latency;
}

void SimulatedSam::setPacketSize(std::size_t size)
{
    std::lock_guard lock(m_stateMutex);
    m_packetSize = size;
}

bool SimulatedSam::insertCard(int index)
{
    if (index < 0 || index >= int(m_cards.size()))
        return false;
    std::lock_guard lock(m_stateMutex);
    m_card = index;
    m_state = CardState::Fresh;
    return true;
}

void SimulatedSam::removeCard()
{
    std::lock_guard lock(m_stateMutex);
    m_card.reset();
    m_state = CardState::Fresh;
}

std::optional<int> SimulatedSam::currentCard() const
{
    std::lock_guard lock(m_stateMutex);
    return m_card;
}

void SimulatedSam::onPlugged(bool)
{
    std::lock_guard lock(m_stateMutex);
    m_state = CardState::Fresh;
    m_assembler.reset();
}

void SimulatedSam::setSamFault(std::uint8_t sw3)
{
    std::lock_guard lock(m_stateMutex);
    m_fault = sw3;
}

void SimulatedSam::setMute(bool mute)
{
    std::lock_guard lock(m_stateMutex);
    m_mute = mute;
}

int SimulatedSam::requestCount(Command command) const
{
    std::lock_guard lock(m_stateMutex);
    const auto it = m_counts.find(int(command));
    return it == m_counts.end() ? 0 : it->second;
}

QByteArray SimulatedSam::respond(std::span<const std::uint8_t> frame)
{
    const auto parsed = parseRequest(frame);
    if (!parsed.value) {
        switch (parsed.error) {
        case FrameError::ChecksumMismatch: return buildResponse(sw::ChecksumError);
        case FrameError::LengthTooSmall:
        case FrameError::Truncated:
        case FrameError::TrailingBytes: return buildResponse(sw::LengthError);
        case FrameError::BadPreamble:
        case FrameError::None: break;
        }
        return {};
    }
    const SamRequest &r = *parsed.value;
    const int command = r.command << 8 | r.parameter;
    std::lock_guard lock(m_stateMutex);
    ++m_counts[command];
    if (m_fault)
        return buildResponse(m_fault);
    const bool card = m_card.has_value();
    switch (Command(command)) {
    case Command::ResetSam:
    case Command::SamStatus:
    case Command::SetMaxRfFrame: return buildResponse(sw::Ok);
    case Command::SamId: return buildResponse(sw::Ok, bytesOf(samId()));
    case Command::FindCard:
        // Reader protection: a card once read is not found again until it leaves the field.
        if (card && m_state != CardState::Read) {
            if (m_state == CardState::Fresh)
                m_state = CardState::Found;
            return buildResponse(sw::CardFound);
        }
        return buildResponse(sw::FindFailed);
    case Command::SelectCard:
        if (card && (m_state == CardState::Found || m_state == CardState::Selected)) {
            m_state = CardState::Selected;
            return buildResponse(sw::Ok);
        }
        return buildResponse(sw::SelectFailed);
    case Command::ReadTextPhoto:
    case Command::ReadTextPhotoFingerprint: {
        if (!card || m_state != CardState::Selected)
            return buildResponse(sw::ReadFailed);
        m_state = CardState::Read;
        const IdCard &c = m_cards[std::size_t(*m_card)];
        const QByteArray text = encodeTextBlock(c);
        const bool fp = Command(command) == Command::ReadTextPhotoFingerprint;
        QByteArray payload;
        auto be16 = [&](int v) {
            payload.append(char(v >> 8));
            payload.append(char(v & 0xFF));
        };
        be16(int(text.size()));
        be16(int(c.photo.size()));
        if (fp)
            be16(1024);
        payload += text + c.photo;
        if (fp)
            payload += QByteArray(1024, '\0');
        return buildResponse(sw::Ok, bytesOf(payload));
    }
    case Command::ReadAppendedAddress:
        // Answered by a card still in the field; none of the samples has an appended address.
        if (card && (m_state == CardState::Selected || m_state == CardState::Read))
            return buildResponse(sw::NoContent);
        return buildResponse(sw::ReadFailed);
    }
    return buildResponse(sw::BadCommand);
}

void SimulatedSam::onHostData(std::span<const std::uint8_t> bytes)
{
    QElapsedTimer busy;
    busy.start();
    // The host may write a frame in pieces (split endpoints, HID reports): assemble first.
    std::size_t at = 0;
    while (at < bytes.size()) {
        QByteArray frame;
        Latency latency;
        std::size_t packet = 0;
        bool mute = false;
        {
            std::lock_guard lock(m_stateMutex);
            const auto remaining = bytes.subspan(at);
            const auto state = m_assembler.feed(remaining);
            at += std::max<std::size_t>(1, remaining.size() - m_assembler.extra());
            if (state == FrameAssembler::State::NeedMore)
                break;
            if (state == FrameAssembler::State::Complete)
                frame = m_assembler.frame();
            m_assembler.reset();
            latency = m_latency;
            packet = m_packetSize;
            mute = m_mute;
        }
        if (frame.isEmpty())
            continue; // line noise the real SAM would ignore too
        const QByteArray reply = respond(bytesOf(frame));
        if (mute || reply.isEmpty())
            continue;
        const bool isRead = std::uint8_t(frame[kHeaderSize]) == 0x30;
        deliver(reply, packet, isRead ? latency.read : latency.command);
    }
    addBusyTime(std::chrono::nanoseconds(busy.nsecsElapsed()));
}

} // namespace kiosk::devices::sim
