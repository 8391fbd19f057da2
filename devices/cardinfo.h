// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "devices/idcard/idcard.h"

#include <QDate>
#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

namespace kiosk::devices {

/**
 * What the UI may know of the card on the reader (`Devices.card` in QML): the name, the ID
 * number masked ("3501**********2136"), and the card's validity. By design there is no field
 * with the ID number in clear (nor the address or the photo): code that needs them (the
 * journey's form prefill, the subject hash) gets the full IdCard in C++ through
 * DeviceManager::cardRead.
 */
class CardInfo
{
    Q_GADGET
    QML_VALUE_TYPE(cardInfo)
    Q_PROPERTY(bool present MEMBER present CONSTANT)
    Q_PROPERTY(QString name MEMBER name CONSTANT)
    Q_PROPERTY(QString idNumberMasked MEMBER idNumberMasked CONSTANT)
    /** 0 unknown, 1 male, 2 female, 9 unstated (GB/T 2261.1). */
    Q_PROPERTY(int genderCode MEMBER genderCode CONSTANT)
    Q_PROPERTY(QString nation MEMBER nation CONSTANT)
    Q_PROPERTY(QDate birthDate MEMBER birthDate CONSTANT)
    /** Invalid when validForever (长期). */
    Q_PROPERTY(QDate validTo MEMBER validTo CONSTANT)
    Q_PROPERTY(bool validForever MEMBER validForever CONSTANT)
    Q_PROPERTY(bool expired MEMBER expired CONSTANT)
    Q_PROPERTY(bool hasPhoto MEMBER hasPhoto CONSTANT)

public:
    [[nodiscard]] static CardInfo fromCard(const idcard::IdCard &card);

    bool present = false;
    QString name{};
    QString idNumberMasked{};
    int genderCode = 0;
    QString nation{};
    QDate birthDate{};
    QDate validTo{};
    bool validForever = false;
    bool expired = false;
    bool hasPhoto = false;

    friend bool operator==(const CardInfo &, const CardInfo &) = default;
};

} // namespace kiosk::devices
