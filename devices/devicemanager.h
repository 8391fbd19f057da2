// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "devices/devicelistmodel.h"
#include "devices/idcard/idcard.h"
#include "devices/idcard/readerstatemachine.h"
#include "devices/printer/receipt.h"
#include "devices/printer/receiptprinter.h"
#include "devices/usb/usbdeviceinfo.h"

#include <QObject>
#include <QStringList>
#include <QVariantMap>

#include <array>
#include <map>
#include <memory>
#include <optional>

class QThread;

namespace kiosk::devices {

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
class SimulatedSam;
class SimulatedPrinter;
class SimulatedScanner;
} // namespace sim

/**
 * The terminal's devices, for QML and C++: finds them (USB hotplug against the device table,
 * configured serial ports, or the simulators), runs one driver per kind on its own thread, and
 * delivers everything they report as signals on the thread it lives in (the GUI thread). Nothing
 * here ever blocks on a device.
 *
 * Ownership and shutdown: owns the USB context, the driver threads and the simulators. stop()
 * (also run by the destructor) cancels every transfer, detaches the drivers on their threads,
 * joins the threads, then stops libusb.
 *
 * In simulation (`kiosk --simulate`) the simulated devices sit below the protocol transports, so
 * the real codecs and state machines run; the script interface (insertCard(), scanCode(),
 * setPaper(), unplug(), runCommand(), …) drives them. Outside simulation those calls do nothing
 * and return false.
 *
 * Privacy: the card read is kept in memory for the session only (currentCard()); clearCard()
 * wipes it, as does its removal from the reader. It is never written anywhere.
 */
class DeviceManager : public QObject
{
    Q_OBJECT
    Q_PROPERTY(kiosk::devices::DeviceListModel *devices READ devices CONSTANT)
    Q_PROPERTY(bool simulated READ isSimulated CONSTANT)
    Q_PROPERTY(bool running READ isRunning NOTIFY runningChanged)
    Q_PROPERTY(int idCardStatus READ idCardStatus NOTIFY statusChanged)
    Q_PROPERTY(int printerStatus READ printerStatus NOTIFY statusChanged)
    Q_PROPERTY(int scannerStatus READ scannerStatus NOTIFY statusChanged)
    /** The card on the reader (see IdCard's fields; idNumberMasked for display); empty if none. */
    Q_PROPERTY(QVariantMap card READ cardMap NOTIFY cardChanged)
    Q_PROPERTY(bool cardPresent READ isCardPresent NOTIFY cardChanged)
    /** Simulator: the sample cards, "index name" with the ID number masked (developer panel). */
    Q_PROPERTY(QStringList sampleCards READ sampleCardNames CONSTANT)
    /** Simulator: the PNG of the last receipt printed, when receipts are rendered to files. */
    Q_PROPERTY(QString lastReceiptImage READ lastReceiptImage NOTIFY receiptRendered)
    /** Simulation: the last receipt as the decoder read it back (text lines and "[QR …]"). */
    Q_PROPERTY(QString lastReceiptText READ lastReceiptText NOTIFY receiptRendered)

public:
    struct Options {
        idcard::ReaderStateMachine::Timing readerTiming;
        printer::ReceiptPrinter::Timing printerTiming;
        std::chrono::milliseconds scannerReadTimeout{250};
        /** Simulated devices answer with a real reader's latency (demo); off in tests. */
        bool realisticSimulation = true;
        /** Serial lines to probe for SAM readers (built-in COM ports: /dev/ttyS1, …). */
        QStringList serialPorts;
        /** Simulator: write each cut receipt as a PNG here (empty: keep them in memory only). */
        QString receiptOutputDir;
        /** How long to wait for the kernel to create the tty of a USB serial reader. */
        std::chrono::milliseconds ttyWait{3000};
    };

    explicit DeviceManager(bool simulate, QObject *parent = nullptr);
    ~DeviceManager() override;

    /** Before start(). */
    void setOptions(const Options &options);
    [[nodiscard]] const Options &options() const { return m_options; }

    Q_INVOKABLE void start();
    Q_INVOKABLE void stop();

    [[nodiscard]] DeviceListModel *devices() const { return m_model; }
    [[nodiscard]] bool isSimulated() const { return m_simulate; }
    [[nodiscard]] bool isRunning() const { return m_running; }
    [[nodiscard]] int idCardStatus() const;
    [[nodiscard]] int printerStatus() const;
    [[nodiscard]] int scannerStatus() const;
    [[nodiscard]] bool isCardPresent() const { return m_card.has_value(); }
    [[nodiscard]] const std::optional<idcard::IdCard> &currentCard() const { return m_card; }
    [[nodiscard]] QVariantMap cardMap() const;
    [[nodiscard]] QStringList sampleCardNames() const;
    [[nodiscard]] QString lastReceiptImage() const { return m_lastReceiptImage; }
    [[nodiscard]] QString lastReceiptText() const { return m_lastReceiptText; }

    /**
     * Prints a receipt (keys: terminalName, itemName, time (ISO or Date), trackingNumber,
     * qrPayload, notes (list of lines), footer; handBack: true to get the job back instead of a reprint after paper
     * out). Returns the job id (> 0) used by the print… signals.
     */
    Q_INVOKABLE int printReceipt(const QVariantMap &receipt);
    int print(const printer::ReceiptData &receipt, printer::JobPolicy policy = printer::JobPolicy::ReprintAfterRecovery);
    /** Prints ready-made ESC/POS bytes. */
    int printRaw(const QByteArray &escpos, printer::JobPolicy policy = printer::JobPolicy::ReprintAfterRecovery);
    /** Forgets the card read (session end): wipes the fields and the photo from memory. */
    Q_INVOKABLE void clearCard();

    /** The simulated devices (null outside simulation), for tests and tools. */
    [[nodiscard]] sim::SimulatedSam *simulatedReader() const { return m_simSam.get(); }
    [[nodiscard]] sim::SimulatedPrinter *simulatedPrinter() const { return m_simPrinter.get(); }
    [[nodiscard]] sim::SimulatedScanner *simulatedScanner() const { return m_simScanner.get(); }

public Q_SLOTS:
    // The simulator's script interface; each returns false outside simulation or on a bad argument.
    bool insertCard(int sample);
    bool removeCard();
    bool scanCode(const QString &code);
    /** "ok", "low" (near end) or "out". */
    bool setPaper(const QString &state);
    /** The paper runs out after @p dots more dots of printing (mid-receipt). */
    bool setPaperRemaining(int dots);
    bool openCover(bool open);
    /** @p kind: "idcard", "printer", "scanner". */
    bool unplug(const QString &kind);
    bool replug(const QString &kind);
    /**
     * One line of the simulator script: insert N | remove | scan TEXT | paper ok|low|out |
     * paper-runs-out DOTS | cover open|closed | cutter jam|ok | sam-fault HEX|off |
     * unplug KIND | replug KIND | print [handback]. Returns an empty string on success, else why not.
     */
    QString runCommand(const QString &line);

Q_SIGNALS:
    void runningChanged();
    void statusChanged();
    void cardChanged();
    void cardRead(const kiosk::devices::idcard::IdCard &card);
    void cardRemoved();
    /** A card was found but could not be read; the resident should place it again. */
    void cardReadFailed(const QString &message);
    void codeScanned(const QString &code);
    /** The same code as the bytes the scanner sent (binary payloads). */
    void codeScannedBytes(const QByteArray &bytes);
    /** @p kind "idcard" | "printer" | "scanner"; @p status −1…4 (DeviceStatus). */
    void deviceStatusChanged(const QString &kind, int status, const QString &message);
    void deviceFault(const QString &kind, const QString &message);
    void printStarted(int jobId);
    void printFinished(int jobId);
    /** The job cannot print now (paper out, cover open, printer gone); it prints in full later. */
    void printWaiting(int jobId, const QString &message);
    /** The job was given up; printHandedBack carries its bytes. */
    void printFailed(int jobId, const QString &message);
    void printHandedBack(int jobId, const QByteArray &escpos);
    /** Simulator: a receipt was cut (@p path: its PNG, empty when not written). */
    void receiptRendered(const QString &path);

private:
    struct Candidate {
        DeviceKind kind = DeviceKind::IdCardReader;
        QString key;
        QString model;
        QString vidPid;
        std::optional<usb::UsbDeviceInfo> usb;
        usb::Match match;
        QString ttyPath;
        bool simulated = false;
    };

    void createDrivers();
    void startSimulation();
    void onUsbArrived(const usb::UsbDeviceInfo &info);
    void onUsbLeft(const usb::UsbDeviceInfo &info);
    void waitForTty(const QString &key, int attemptsLeft);
    void offer(const Candidate &c);
    void bringIntoService(const Candidate &c);
    void leave(const QString &key, const QString &reason);
    void openIdCard(const Candidate &c);
    void openPrinter(const Candidate &c);
    void openScanner(const Candidate &c);
    void onOpened(DeviceKind kind, const QString &key, const QString &transport);
    void onOpenFailed(DeviceKind kind, const QString &key, const QString &error);
    void onDriverStatus(DeviceKind kind, DeviceStatus status, const QString &message);
    void updateRow(DeviceKind kind, const std::function<void(DeviceRow &)> &change);
    [[nodiscard]] std::optional<DeviceKind> kindOf(const QString &id) const;
    [[nodiscard]] bool requireSimulation(const char *what) const;

    bool m_simulate;
    bool m_running = false;
    Options m_options;
    DeviceListModel *m_model;
    std::unique_ptr<usb::UsbContext> m_usb;
    std::array<QThread *, 3> m_threads{};
    idcard::IdCardReader *m_reader = nullptr;
    printer::ReceiptPrinter *m_printer = nullptr;
    scanner::CodeScanner *m_scanner = nullptr;
    std::array<QString, 3> m_inService; ///< key of the device in service, per kind
    /** The driver confirmed it took the device in service: its status reports count from now on
     *  (reports queued from a previous attachment arrive before the confirmation). */
    std::array<bool, 3> m_attached{};
    std::map<QString, Candidate> m_candidates; ///< every matched device plugged, by key
    printer::PrinterProfile m_printerProfile;
    int m_nextJob = 0;
    std::optional<idcard::IdCard> m_card;
    QString m_lastReceiptImage;
    QString m_lastReceiptText;
    std::shared_ptr<sim::SimulatedSam> m_simSam;
    std::shared_ptr<sim::SimulatedPrinter> m_simPrinter;
    std::shared_ptr<sim::SimulatedScanner> m_simScanner;
};

} // namespace kiosk::devices
