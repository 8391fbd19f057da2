// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "devices/deviceoptions.h"
#include "devices/usb/devicetable.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

#include <memory>

class QJSEngine;
class QQmlEngine;

namespace kiosk::devices {
class DeviceManager;
}

namespace kiosk::devices::sim {

class SimulatedSam;
class SimulatedPrinter;
class SimulatedScanner;
class SimulatedA4Printer;

/**
 * The simulator's console (`Simulator` in QML, `kioskctl devices simulate`): plays the
 * resident's and the hardware's part on a simulated terminal — insert a card, scan a code, run
 * out of paper, unplug a device. It exists only in simulation (`kiosk --simulate`): the
 * DeviceManager builds it and owns it; it holds the simulated devices and hands them to the
 * manager, which plugs them in below the real transports.
 *
 * Every call returns false (runCommand(): why not) on a bad argument or while the device layer
 * is stopped. Lives on the GUI thread, like the manager.
 */
class SimulatorConsole : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Simulator)
    QML_SINGLETON
    /** The sample cards, "index name masked-number [长期|expired]" (developer panel). */
    Q_PROPERTY(QStringList sampleCards READ sampleCardNames CONSTANT)
    /** The PNG of the last receipt printed, when receipts are rendered to files. */
    Q_PROPERTY(QString lastReceiptImage READ lastReceiptImage NOTIFY receiptRendered)
    /** The last receipt as the decoder read it back (text lines and "[QR …]"). */
    Q_PROPERTY(QString lastReceiptText READ lastReceiptText NOTIFY receiptRendered)

public:
    explicit SimulatorConsole(DeviceManager *manager);
    ~SimulatorConsole() override;

    /** QML singleton: the console set with setQmlInstance(); null on a terminal with real
     *  devices (pages only refer to it where Devices.simulated is true). */
    static SimulatorConsole *create(QQmlEngine *, QJSEngine *);
    static void setQmlInstance(SimulatorConsole *console);

    /** The manager starts: latency and receipt folder from @p options. */
    void prepare(const DeviceOptions &options);

    [[nodiscard]] QStringList sampleCardNames() const;
    [[nodiscard]] QString lastReceiptImage() const { return m_lastReceiptImage; }
    [[nodiscard]] QString lastReceiptText() const { return m_lastReceiptText; }

    [[nodiscard]] SimulatedSam *reader() const { return m_sam.get(); }
    [[nodiscard]] SimulatedPrinter *printer() const { return m_printer.get(); }
    [[nodiscard]] SimulatedScanner *scanner() const { return m_scanner.get(); }
    [[nodiscard]] SimulatedA4Printer *a4Printer() const { return m_a4.get(); }

public Q_SLOTS:
    bool insertCard(int sample);
    bool removeCard();
    bool scanCode(const QString &code);
    /** "ok", "low" (near end) or "out". */
    bool setPaper(const QString &state);
    /** The paper runs out after @p dots more dots of printing (mid-receipt). */
    bool setPaperRemaining(int dots);
    bool openCover(bool open);
    bool jamCutter(bool jammed);
    /** The SAM answers every command with SW3 @p sw3 (0: no fault). */
    bool setSamFault(int sw3);
    // The A4 printer (an IPP server on 127.0.0.1; the driver polls it, refresh() asks at once).
    /** "ok" or "out". */
    bool setA4Paper(const QString &state);
    /** The A4 paper runs out after @p pages more pages (mid-job). */
    bool setA4PaperRemaining(int pages);
    bool jamA4(bool jammed);
    bool openA4Door(bool open);
    /** "ok", "low" or "empty". */
    bool setA4Toner(const QString &state);
    /** Offline: the printer's port refuses connections (a printer switched off, a cable out). */
    bool setA4Offline(bool offline);
    /** @p kind: "idcard", "printer", "scanner", "a4printer". */
    bool unplug(const QString &kind);
    bool replug(const QString &kind);
    /**
     * One line of the simulator script: insert N | remove | scan TEXT | paper ok|low|out |
     * paper-runs-out DOTS | cover open|closed | cutter jam|ok | sam-fault HEX|off |
     * unplug KIND | replug KIND | print [handback] | a4 paper ok|out | a4 paper-runs-out PAGES |
     * a4 jam on|off | a4 door open|closed | a4 toner ok|low|empty | a4 offline|online.
     * Returns an empty string on success, else why not.
     */
    QString runCommand(const QString &line);

Q_SIGNALS:
    /** A receipt was cut (@p path: its PNG, empty when not written). */
    void receiptRendered(const QString &path);

private:
    [[nodiscard]] bool running(const char *what) const;

    DeviceManager *m_manager;
    std::shared_ptr<SimulatedSam> m_sam;
    std::shared_ptr<SimulatedPrinter> m_printer;
    std::shared_ptr<SimulatedScanner> m_scanner;
    std::shared_ptr<SimulatedA4Printer> m_a4;
    QString m_lastReceiptImage;
    QString m_lastReceiptText;
};

} // namespace kiosk::devices::sim
