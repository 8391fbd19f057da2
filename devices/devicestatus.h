// SPDX-License-Identifier: GPL-3.0-or-later
// The device layer's shared vocabulary: status, kind and the typed errors drivers report. The
// words a resident or technician reads are chosen from these in the UI layer (tr()); the English
// "detail" strings that travel with them are for logs and technicians only.
#pragma once

#include "devices/usb/devicetable.h"

#include <QMetaType>
#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

namespace kiosk::devices {

/** QML: `DeviceStatus.Fault`. (A namespace of its own so that QML names it as C++ does.) */
namespace StatusEnum {
Q_NAMESPACE
QML_NAMED_ELEMENT(DeviceStatus)

/** The status vocabulary terminal middleware reports for every device, to staff and upstream. */
enum class DeviceStatus : int {
    Unknown = -1,
    Normal = 0,
    Warning = 1, ///< works, needs attention soon (e.g. paper near end)
    Fault = 2,
    Busy = 3,
    Disabled = 4,
};
Q_ENUM_NS(DeviceStatus)
} // namespace StatusEnum
using StatusEnum::DeviceStatus;

/**
 * QML: `DeviceKind.ReceiptPrinter`. The C++ DeviceKind lives in the device table (plain C++, so
 * that the udev rules generator links without Qt); this mirrors it value for value for QML and
 * QMetaEnum. Adding a kind adds a line in both, nothing else.
 */
namespace KindEnum {
Q_NAMESPACE
QML_NAMED_ELEMENT(DeviceKind)
enum class Kind : int {
    IdCardReader = int(devices::DeviceKind::IdCardReader),
    ReceiptPrinter = int(devices::DeviceKind::ReceiptPrinter),
    CodeScanner = int(devices::DeviceKind::CodeScanner),
    A4Printer = int(devices::DeviceKind::A4Printer),
};
Q_ENUM_NS(Kind)
} // namespace KindEnum

[[nodiscard]] constexpr KindEnum::Kind qmlKind(DeviceKind kind)
{
    return KindEnum::Kind(int(kind));
}

// The three error enums share value names (PaperOut, CoverOpen, Offline, …). QML registers every
// enum's values unscoped on its element as well, so one namespace per enum: in a shared one the
// later enum's values overwrite the earlier's ("name clash" at registration), and
// `DeviceError.PaperOut` would silently mean whichever came last.

/** QML: `DeviceError.PaperOut`. */
namespace DeviceErrorEnum {
Q_NAMESPACE
QML_NAMED_ELEMENT(DeviceError)

/** Why a device is not (fully) working; reported with its status. */
enum class DeviceError : int {
    None = 0,
    Disconnected, ///< unplugged, cable or power
    CannotOpen, ///< present but cannot be claimed or set up (permissions, kernel driver, descriptors)
    NotResponding, ///< no reply within the timeout
    GarbledReply, ///< replies that do not parse
    TransferFailed, ///< USB or serial transfers fail
    SamFault, ///< the ID-card reader's security module failed its self-test or is not authorised
    PaperNearEnd, ///< a warning: the roll will run out soon
    PaperOut,
    CoverOpen,
    CutterJammed,
    PrinterError, ///< the printer reports an (unrecoverable) error
    Offline,
    NoStatusReports, ///< a warning: a unidirectional printer cannot tell its paper state
    NotInService, ///< a spare: another device of the kind is in service
    Stopped, ///< the device layer is stopped
    // The A4 printer (IPP printer-state-reasons, job outcomes). Appended: the values above keep
    // their numbers.
    PaperJam, ///< paper jammed in the printer (media-jam)
    DoorOpen, ///< a door of the printer is open (door-open); a cover is CoverOpen
    TonerLow, ///< a warning: toner (or ink) will run out soon
    TonerEmpty, ///< no toner (or ink) left
    JobCancelled, ///< the print job was cancelled (by the terminal, staff or at the printer)
    DocumentRejected, ///< the printer refused the document (format, or it cannot be printed)
};
Q_ENUM_NS(DeviceError)
} // namespace DeviceErrorEnum
using DeviceErrorEnum::DeviceError;

/** QML: `CardReadError.ReadFailed`. */
namespace CardReadErrorEnum {
Q_NAMESPACE
QML_NAMED_ELEMENT(CardReadError)

/** Why a card on the reader could not be read. */
enum class CardReadError : int {
    None = 0,
    ReadFailed, ///< the reader could not read the card (moved, badly placed): place it again
    NotAuthentic, ///< the card and the SAM did not authenticate each other (SW3 31/32/33)
    BadData, ///< the card's data did not decode (payload or text block)
};
Q_ENUM_NS(CardReadError)
} // namespace CardReadErrorEnum
using CardReadErrorEnum::CardReadError;

/** QML: `PrintError.PaperOut`. */
namespace PrintErrorEnum {
Q_NAMESPACE
QML_NAMED_ELEMENT(PrintError)

/** Why a print job waits or was given up. */
enum class PrintError : int {
    None = 0,
    PaperOut,
    CoverOpen,
    CutterJammed,
    PrinterError,
    Offline,
    Disconnected, ///< no printer, or it went away during the job
    NotAccepting, ///< the printer stopped taking data
    NotResponding, ///< no status reply
    TimedOut, ///< waited too long for the printer to recover; handed back
    NotRunning, ///< the device layer is stopped
};
Q_ENUM_NS(PrintError)
} // namespace PrintErrorEnum
using PrintErrorEnum::PrintError;

/** Stable lower-case name of a status ("normal", "fault", …) for logs and JSON. */
[[nodiscard]] QString statusName(DeviceStatus status);
/** Stable names for logs and JSON: "paper-out", "not-authentic", … */
[[nodiscard]] QString errorName(DeviceError error);
[[nodiscard]] QString errorName(CardReadError error);
[[nodiscard]] QString errorName(PrintError error);

/** Parses a numeric status code; anything outside −1..4 is Unknown. */
[[nodiscard]] DeviceStatus statusFromCode(int code);

/** The print error matching a device error (a job stopped by a paper end, an open cover, …). */
[[nodiscard]] PrintError printErrorOf(DeviceError error);

} // namespace kiosk::devices

Q_DECLARE_METATYPE(kiosk::devices::DeviceKind)
