// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/journey/receiptslip.h"
#include "common/logging.h"
#include "devices/devicemanager.h"

namespace kiosk {

ReceiptSlip::ReceiptSlip(devices::DeviceManager *devices, QObject *parent)
    : QObject(parent)
    , m_devices(devices)
{
    connect(m_devices, &devices::DeviceManager::printFinished, this, [this](int job) {
        if (job != 0 && job == m_job) {
            setState(State::Printed);
            Q_EMIT printed();
        }
    });
    connect(m_devices, &devices::DeviceManager::printFailed, this, [this](int job, devices::PrintError error, const QString &detail) {
        if (job == 0 || job != m_job)
            return;
        qCWarning(lcApp).noquote() << "receipt not printed:" << devices::errorName(error) << detail;
        setState(State::Failed);
        Q_EMIT printFailed();
    });
}

devices::printer::ReceiptData ReceiptSlip::receiptText(const ReceiptFacts &f)
{
    devices::printer::ReceiptData r;
    r.terminalName = f.place;
    r.itemName = f.itemName;
    r.time = f.time;
    r.trackingNumber = f.number;
    r.qrPayload = f.qrText;
    r.title = tr("Receipt", "receipt");
    r.itemLabel = tr("Service: ", "receipt");
    r.timeLabel = tr("Time: ", "receipt");
    r.numberLabel = tr("Number: ", "receipt");
    r.qrCaption = tr("Scan to check progress", "receipt");
    r.notes << (f.legalDays > 0 ? tr("Time limit set by law: %n working day(s)", "receipt", f.legalDays)
                                : tr("Time limit set by law: done on the spot", "receipt"));
    if (f.awaitingNetwork)
        r.notes << tr("Sent automatically once the network is back; the number stays the same", "receipt");
    r.notes << tr("Progress: tap your ID card at this terminal or scan the QR code below", "receipt");
    if (f.suggestion)
        r.notes << tr("You can also ask on the 12345 hotline", "receipt");
    r.footer = tr("Please keep this receipt", "receipt");
    return r;
}

void ReceiptSlip::print(const ReceiptFacts &facts)
{
    m_facts = facts;
    m_hasFacts = true;
    // Handed back rather than reprinted by itself: the resident may be gone when paper returns.
    m_job = m_devices->print(receiptText(facts), devices::printer::JobPolicy::HandBack);
    if (m_job == 0) {
        qCWarning(lcApp) << "receipt not printed: no printer";
        setState(State::Failed);
        Q_EMIT printFailed();
        return;
    }
    setState(State::Printing);
}

void ReceiptSlip::reprint()
{
    if (m_hasFacts && m_state != State::Printing)
        print(m_facts);
}

void ReceiptSlip::clear()
{
    m_facts = {};
    m_hasFacts = false;
    m_job = 0;
    setState(State::None);
}

void ReceiptSlip::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged();
}

} // namespace kiosk
