// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "devices/printer/receipt.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace kiosk::devices {
class DeviceManager;
}

namespace kiosk {

/** What a receipt (办事回执) says, before it is worded. */
struct ReceiptFacts {
    QString place; ///< centre and terminal
    QString itemName;
    QDateTime time;
    QString number; ///< the tracking number, or the terminal's own
    QString qrText;
    int legalDays = 0;
    bool awaitingNetwork = false; ///< the platform has not given its number yet
    bool suggestion = false; ///< a 12345 suggestion: the hotline can be asked too
};

/**
 * The receipt a resident takes away: worded from one translatable template (receiptText()),
 * printed on the receipt printer, printed again on request. When the printer cannot print, the
 * job is handed back (not reprinted by itself later, when the resident may have gone) and
 * state() says Failed: the screen then shows the number and QR large enough to photograph.
 */
class ReceiptSlip : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the journey's receipt")
    Q_PROPERTY(State state READ state NOTIFY stateChanged)

public:
    enum class State { None, Printing, Printed, Failed };
    Q_ENUM(State)

    explicit ReceiptSlip(devices::DeviceManager *devices, QObject *parent = nullptr);

    /** The template: what the receipt says, in the interface language. */
    [[nodiscard]] static devices::printer::ReceiptData receiptText(const ReceiptFacts &facts);

    void print(const ReceiptFacts &facts);
    /** Prints the last receipt again (after the printer failed, or for a second copy). */
    void reprint();
    void clear();

    [[nodiscard]] State state() const { return m_state; }

Q_SIGNALS:
    void stateChanged();
    void printed();
    void printFailed();

private:
    void setState(State state);

    devices::DeviceManager *m_devices;
    ReceiptFacts m_facts;
    bool m_hasFacts = false;
    int m_job = 0;
    State m_state = State::None;
};

} // namespace kiosk
