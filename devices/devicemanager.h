// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "devices/a4printer/a4printer.h"
#include "devices/cardinfo.h"
#include "devices/devicecandidate.h"
#include "devices/devicelistmodel.h"
#include "devices/deviceoptions.h"
#include "devices/devicestatus.h"
#include "devices/idcard/idcard.h"
#include "devices/printer/receipt.h"
#include "devices/printer/receiptprinter.h"
#include "devices/usb/usbdeviceinfo.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

class QJSEngine;
class QQmlEngine;
class QThread;

namespace kiosk::devices {

class DeviceDriver;
struct DriverPlug;
namespace idcard {
class IdCardReader;
}
namespace scanner {
class CodeScanner;
}
namespace usb {
class UsbContext;
}
namespace sim {
class SimulatedDevice;
class SimulatorConsole;
} // namespace sim

/**
 * The terminal's devices, for QML (`Devices`) and C++: finds them (USB hotplug against the device
 * table, configured serial ports, the configured A4 printer on the network, or the simulated
 * devices), runs one driver per kind on its own
 * thread, and delivers what they report as signals on the thread it lives in (the GUI thread).
 * Nothing here ever blocks on a device. Kinds come from the driver registry
 * (driverregistry.h); nothing here switches on the kind.
 *
 * Ownership and shutdown: owns the USB context, the driver threads and, in simulation, the
 * simulator console. stop() (also run by the destructor) cancels every transfer, detaches the
 * drivers on their threads, joins the threads, then stops libusb.
 *
 * In simulation (`kiosk --simulate`) a SimulatorConsole (`Simulator` in QML) holds the simulated
 * devices, which sit below the protocol transports, so the real codecs and state machines run.
 *
 * Privacy: the card read is kept in memory for the session only (currentCard()); clearCard()
 * wipes it, as does its removal from the reader. QML sees only CardInfo (masked number).
 */
class DeviceManager : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Devices)
    QML_SINGLETON
    Q_PROPERTY(kiosk::devices::DeviceListModel *devices READ devices CONSTANT)
    Q_PROPERTY(bool simulated READ isSimulated CONSTANT)
    Q_PROPERTY(bool running READ isRunning NOTIFY runningChanged)
    Q_PROPERTY(kiosk::devices::StatusEnum::DeviceStatus idCardStatus READ idCardStatus NOTIFY statusChanged)
    Q_PROPERTY(kiosk::devices::StatusEnum::DeviceStatus printerStatus READ printerStatus NOTIFY statusChanged)
    Q_PROPERTY(kiosk::devices::StatusEnum::DeviceStatus scannerStatus READ scannerStatus NOTIFY statusChanged)
    /** The A4 printer (certificates, query results): status, why not Normal, and the
     *  technician's English detail (the UI's words come from the error). */
    Q_PROPERTY(kiosk::devices::StatusEnum::DeviceStatus a4PrinterStatus READ a4PrinterStatus NOTIFY statusChanged)
    Q_PROPERTY(kiosk::devices::DeviceErrorEnum::DeviceError a4PrinterError READ a4PrinterError NOTIFY statusChanged)
    Q_PROPERTY(QString a4PrinterMessage READ a4PrinterMessage NOTIFY statusChanged)
    /** The card on the reader, as the UI may see it (masked number; present = false if none). */
    Q_PROPERTY(kiosk::devices::CardInfo card READ card NOTIFY cardChanged)
    Q_PROPERTY(bool cardPresent READ isCardPresent NOTIFY cardChanged)

public:
    using Options = DeviceOptions;

    /** @p simulate: build the SimulatorConsole and use its devices instead of USB. */
    explicit DeviceManager(bool simulate, QObject *parent = nullptr);
    ~DeviceManager() override;

    /** QML singleton: the instance the composition root set with setQmlInstance(). */
    static DeviceManager *create(QQmlEngine *, QJSEngine *);
    static void setQmlInstance(DeviceManager *manager);

    /** Before start(). */
    void setOptions(const Options &options);
    [[nodiscard]] const Options &options() const { return m_options; }

    Q_INVOKABLE void start();
    Q_INVOKABLE void stop();

    [[nodiscard]] DeviceListModel *devices() const { return m_model; }
    [[nodiscard]] bool isSimulated() const { return m_simulator != nullptr; }
    [[nodiscard]] bool isRunning() const { return m_running; }
    [[nodiscard]] DeviceStatus status(DeviceKind kind) const;
    [[nodiscard]] DeviceStatus idCardStatus() const { return status(DeviceKind::IdCardReader); }
    [[nodiscard]] DeviceStatus printerStatus() const { return status(DeviceKind::ReceiptPrinter); }
    [[nodiscard]] DeviceStatus scannerStatus() const { return status(DeviceKind::CodeScanner); }
    [[nodiscard]] DeviceStatus a4PrinterStatus() const { return status(DeviceKind::A4Printer); }
    [[nodiscard]] DeviceError a4PrinterError() const { return m_model->inService(DeviceKind::A4Printer).error; }
    [[nodiscard]] QString a4PrinterMessage() const { return m_model->inService(DeviceKind::A4Printer).message; }
    [[nodiscard]] bool isCardPresent() const { return m_card.has_value(); }
    [[nodiscard]] const std::optional<idcard::IdCard> &currentCard() const { return m_card; }
    [[nodiscard]] CardInfo card() const;
    /** The simulator console (null outside simulation). */
    [[nodiscard]] sim::SimulatorConsole *simulator() const { return m_simulator; }

    /** Prints a receipt, encoded for the printer in service. Returns the job id (> 0) used by
     *  the print… signals, or 0 when the device layer is stopped. */
    int print(const printer::ReceiptData &receipt, printer::JobPolicy policy = printer::JobPolicy::ReprintAfterRecovery);
    /** Prints ready-made ESC/POS bytes. */
    int printRaw(const QByteArray &escpos, printer::JobPolicy policy = printer::JobPolicy::ReprintAfterRecovery);
    /**
     * Prints @p pdf on the A4 printer: @p title becomes the job-name (pass the item code and a
     * reference, no personal data: only printable ASCII reaches the printer), @p pages is the
     * count expected (progress counts against it). Returns the job id (> 0) used by
     * documentProgress() and documentFinished(), or 0 when there is no usable A4 printer: the
     * device layer is stopped, none is in service or found, or it reports a fault
     * (a4PrinterError says which). A fault the driver finds just before the job (its last poll
     * was older) refuses it at once through documentFinished(). The bytes go to the printer from
     * memory: the terminal writes no copy to disk.
     */
    Q_INVOKABLE int printDocument(const QByteArray &pdf, const QString &title, int pages);
    /** Cancels A4 job @p job (queued or printing; at the printer too): documentFinished(job,
     *  false, JobCancelled, …) follows. */
    Q_INVOKABLE void cancelDocument(int job);
    /** Forgets the card read (session end): wipes the fields and the photo from memory. */
    Q_INVOKABLE void clearCard();

    // For the simulator console: its devices come and go like USB devices do.
    /** Registers the simulated device of @p kind (before start()). */
    void addSimulatedDevice(DeviceKind kind, std::shared_ptr<sim::SimulatedDevice> device);
    /** Offers the simulated device of @p kind (plugged in); false if already plugged. */
    bool plugSimulated(DeviceKind kind);
    /** The simulated device of @p kind leaves; false if not plugged. */
    bool unplugSimulated(DeviceKind kind);
    /** Asks the driver of @p kind to query its device now. */
    void refresh(DeviceKind kind);

Q_SIGNALS:
    void runningChanged();
    void statusChanged();
    void cardChanged();
    void cardRead(const kiosk::devices::idcard::IdCard &card);
    void cardRemoved();
    /** A card was found but could not be read; the resident should place it again. */
    void cardReadFailed(kiosk::devices::CardReadError error, const QString &detail);
    void codeScanned(const QString &code);
    /** The same code as the bytes the scanner sent (binary payloads). */
    void codeScannedBytes(const QByteArray &bytes);
    /** @p detail: English, for logs and technicians. */
    void deviceStatusChanged(kiosk::devices::DeviceKind kind, kiosk::devices::DeviceStatus status,
                             kiosk::devices::DeviceError error, const QString &detail);
    void deviceFault(kiosk::devices::DeviceKind kind, kiosk::devices::DeviceError error, const QString &detail);
    void printStarted(int jobId);
    void printFinished(int jobId);
    /** The job cannot print now (paper out, cover open, printer gone); it prints in full later. */
    void printWaiting(int jobId, kiosk::devices::PrintError error, const QString &detail);
    /** The job was given up; printHandedBack carries its bytes. */
    void printFailed(int jobId, kiosk::devices::PrintError error, const QString &detail);
    void printHandedBack(int jobId, const QByteArray &escpos);
    /** A4 job @p job: @p pagesDone of @p pagesTotal printed (0 of n once the printer has it). */
    void documentProgress(int job, int pagesDone, int pagesTotal);
    /** A4 job @p job ended: printed in full (@p ok), or not, with the reason (@p detail: English,
     *  for the log and technicians). Emitted once per job id printDocument() returned. */
    void documentFinished(int job, bool ok, kiosk::devices::DeviceError error, const QString &detail);

private:
    /** One kind: its plug, driver, thread, and which device is in service. */
    struct Slot {
        const DriverPlug *plug = nullptr;
        DeviceDriver *driver = nullptr;
        QThread *thread = nullptr;
        QString inService; ///< key of the device in service
        /** The driver confirmed it took the device in service: its status reports count from now
         *  on (reports queued from a previous attachment arrive before the confirmation). */
        bool attached = false;
        std::shared_ptr<sim::SimulatedDevice> simulated;
    };

    void createDrivers();
    void connectKindSignals(DeviceDriver *driver);
    void onUsbArrived(const usb::UsbDeviceInfo &info);
    void onUsbLeft(const usb::UsbDeviceInfo &info);
    void waitForTty(const QString &key, int attemptsLeft);
    void offer(const DeviceCandidate &c);
    void bringIntoService(const DeviceCandidate &c);
    void leave(const QString &key, DeviceError reason, const QString &detail);
    void onOpened(DeviceKind kind, const QString &key, const QString &transport);
    void onOpenFailed(DeviceKind kind, const QString &key, DeviceError error, const QString &detail);
    void onDriverStatus(DeviceKind kind, DeviceStatus status, DeviceError error, const QString &detail);
    void reportFault(DeviceKind kind, DeviceStatus status, DeviceError error, const QString &detail);
    void updateRow(DeviceKind kind, const std::function<void(DeviceRow &)> &change);
    [[nodiscard]] Slot *slotOf(DeviceKind kind);
    [[nodiscard]] const Slot *slotOf(DeviceKind kind) const;
    [[nodiscard]] static QString simulatedKey(DeviceKind kind);

    bool m_running = false;
    Options m_options;
    DeviceListModel *m_model;
    sim::SimulatorConsole *m_simulator = nullptr;
    std::unique_ptr<usb::UsbContext> m_usb;
    std::vector<Slot> m_slots; ///< one per plug of the registry
    idcard::IdCardReader *m_reader = nullptr; ///< the kinds with signals of their own
    printer::ReceiptPrinter *m_printer = nullptr;
    scanner::CodeScanner *m_scanner = nullptr;
    a4::A4Printer *m_a4 = nullptr;
    std::map<QString, DeviceCandidate> m_candidates; ///< every matched device plugged, by key
    int m_nextJob = 0;
    std::optional<idcard::IdCard> m_card;
};

} // namespace kiosk::devices
