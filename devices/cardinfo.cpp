// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/cardinfo.h"

namespace kiosk::devices {

CardInfo CardInfo::fromCard(const idcard::IdCard &card)
{
    return CardInfo{
        .present = true,
        .name = card.name,
        .idNumberMasked = card.idNumberMasked(),
        .genderCode = card.genderCode,
        .nation = card.nation,
        .birthDate = card.birthDate,
        .validTo = card.validTo,
        .validForever = card.validForever,
        .expired = card.isExpiredToday(),
        .hasPhoto = card.hasPhoto(),
    };
}

} // namespace kiosk::devices
