// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "devices/idcard/idnumber.h"

#include <QByteArray>
#include <QDate>
#include <QJsonObject>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <optional>
#include <span>

namespace kiosk::devices::idcard {

/**
 * What a resident ID card holds, decoded from the reader's 256-byte text block, plus the photo
 * block exactly as read.
 *
 * Privacy: this lives in memory for the session only. There is deliberately no serialisation
 * to disk (no QDataStream operators, no settings); toJson() exists for the technician's terminal
 * and masks the ID number unless asked otherwise. The photo is WLT-compressed (decoding it needs a
 * licensed vendor library) and is never written anywhere; wipe() overwrites it.
 */
class IdCard
{
    Q_GADGET
    Q_PROPERTY(QString name MEMBER name CONSTANT)
    Q_PROPERTY(QString gender READ genderName CONSTANT)
    Q_PROPERTY(int genderCode MEMBER genderCode CONSTANT)
    Q_PROPERTY(QString nation MEMBER nation CONSTANT)
    Q_PROPERTY(QString nationCode MEMBER nationCode CONSTANT)
    Q_PROPERTY(QDate birthDate MEMBER birthDate CONSTANT)
    Q_PROPERTY(QString address MEMBER address CONSTANT)
    // No idNumber property: a gadget's properties are readable from QML, and the number in clear
    // never goes there (see CardInfo for what the UI gets).
    Q_PROPERTY(QString idNumberMasked READ idNumberMasked CONSTANT)
    Q_PROPERTY(QString authority MEMBER authority CONSTANT)
    Q_PROPERTY(QDate validFrom MEMBER validFrom CONSTANT)
    Q_PROPERTY(QDate validTo MEMBER validTo CONSTANT)
    Q_PROPERTY(bool validForever MEMBER validForever CONSTANT)
    Q_PROPERTY(bool expired READ isExpiredToday CONSTANT)
    Q_PROPERTY(bool hasPhoto READ hasPhoto CONSTANT)

public:
    QString name;
    int genderCode = 0; ///< 0 unknown, 1 male, 2 female, 9 unstated (GB/T 2261.1)
    QString nationCode; ///< two digits, GB 3304
    QString nation; ///< 汉, 蒙古, …
    QDate birthDate;
    QString address;
    QString idNumber;
    QString authority;
    QDate validFrom;
    QDate validTo; ///< invalid when validForever
    bool validForever = false; ///< 长期
    QByteArray photo; ///< WLT-compressed, 1024 bytes; memory only

    [[nodiscard]] QString genderName() const;
    [[nodiscard]] QString idNumberMasked() const;
    [[nodiscard]] bool isExpired(QDate today) const;
    [[nodiscard]] bool isExpiredToday() const { return isExpired(QDate::currentDate()); }
    [[nodiscard]] bool hasPhoto() const { return !photo.isEmpty(); }
    [[nodiscard]] bool isValid() const { return !idNumber.isEmpty(); }
    /** Every field; the ID number masked unless @p unmasked; the photo only as its size. */
    [[nodiscard]] QJsonObject toJson(bool unmasked = false) const;
    /** Overwrites and drops the photo and every field (session end). */
    void wipe();

    friend bool operator==(const IdCard &, const IdCard &) = default;
};

/**
 * Overwrites @p bytes and empties it, when this is the buffer's last holder; a buffer still shared
 * with another holder (a copy handed on) is only let go: that holder wipes it in turn. Card data
 * goes back to the allocator as zeros.
 */
void wipeBuffer(QByteArray &bytes);
/** The same for a string field. */
void wipeString(QString &text);

enum class TextError {
    None,
    WrongSize, ///< the block is not 256 bytes
    EmptyName,
    BadCharacters, ///< a field holds control characters or unpaired surrogates
    BadGenderCode,
    BadNationCode,
    BadBirthDate,
    BadIdNumber, ///< see detail for the GB 11643 reason
    BirthDateMismatch, ///< the birth-date field and the ID number disagree
    BadValidFrom,
    BadValidTo,
};

[[nodiscard]] QString textErrorName(TextError error);

struct ParsedText {
    std::optional<IdCard> card;
    TextError error = TextError::None;
    QString detail;
};

/**
 * Decodes the 256-byte UCS-2LE text block (field offsets in docs/devices.md): trims the space
 * padding, maps gender and nation codes, parses dates including 长期, and checks the ID number.
 */
[[nodiscard]] ParsedText parseTextBlock(std::span<const std::uint8_t> text);

/** Encodes the fields back into a 256-byte text block (the simulator's sample cards; tests). */
[[nodiscard]] QByteArray encodeTextBlock(const IdCard &card);

/** GB 3304 nation name for a two-digit code ("01" → 汉); empty if unknown. */
[[nodiscard]] QString nationName(QStringView code);

} // namespace kiosk::devices::idcard

Q_DECLARE_METATYPE(kiosk::devices::idcard::IdCard)
