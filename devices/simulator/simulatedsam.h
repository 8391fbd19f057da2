// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "devices/idcard/idcard.h"
#include "devices/idcard/samframe.h"
#include "devices/simulator/simulateddevice.h"

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

namespace kiosk::devices::sim {

/**
 * Sample cards of fictional residents: valid GB 11643 numbers, real area codes, realistic names
 * and addresses. [0] 张伟, [1] 林秀英 (长期, check character X), [2] 陈思远 (畲族, expired in
 * 2020), [3] 阿依古丽·买买提 (维吾尔族), [4] 王子轩 (a child's 5-year card).
 */
[[nodiscard]] const std::vector<idcard::IdCard> &sampleCards();

/**
 * A SAM reader as the driver sees it through its transport: answers request frames exactly as
 * docs/devices.md describes — find 9F/80, select 90/81, read 90 + text + photo, the
 * "same card stays unfindable until it leaves the field" protection, 30 03 presence checks,
 * 10/11/21 for broken requests — with optional on-the-wire latencies.
 */
class SimulatedSam : public SimulatedDevice
{
public:
    struct Latency {
        std::chrono::milliseconds command{0}; ///< status, find, select
        std::chrono::milliseconds read{0}; ///< read text + photo over the air
    };
    /** Latencies of a real reader, for demo mode: a read feels like one. */
    static constexpr Latency kRealistic{std::chrono::milliseconds(20), std::chrono::milliseconds(800)};

    explicit SimulatedSam(std::vector<idcard::IdCard> cards = sampleCards());

    void setLatency(Latency latency);
    /** Bytes per packet towards the host (64: full-speed bulk; 0: whole frames). */
    void setPacketSize(std::size_t size);
    /** Puts sample @p index on the reader (replacing any card). False if out of range. */
    bool insertCard(int index);
    void removeCard();
    [[nodiscard]] std::optional<int> currentCard() const;
    [[nodiscard]] int cardCount() const { return int(m_cards.size()); }
    /** Makes every command answer @p sw3 (0x60 self-test failed…); 0 clears. */
    void setSamFault(std::uint8_t sw3);
    /** Answers nothing at all (a hung reader); the host times out. */
    void setMute(bool mute);
    /** Requests answered so far, by command (tests). */
    [[nodiscard]] int requestCount(idcard::Command command) const;

    /** The reply to one whole request frame; empty when there is none (noise). */
    [[nodiscard]] QByteArray respond(std::span<const std::uint8_t> request);

protected:
    void onHostData(std::span<const std::uint8_t> bytes) override;
    /** The reader loses power: a card still lying there counts as new again. */
    void onPlugged(bool plugged) override;

private:
    enum class CardState { Fresh, Found, Selected, Read };

    std::vector<idcard::IdCard> m_cards;
    mutable std::mutex m_stateMutex;
    std::optional<int> m_card;
    CardState m_state = CardState::Fresh;
    std::uint8_t m_fault = 0;
    bool m_mute = false;
    Latency m_latency;
    std::size_t m_packetSize = 64;
    idcard::FrameAssembler m_assembler;
    std::map<int, int> m_counts;
};

} // namespace kiosk::devices::sim
