// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "devices/simulator/simulateddevice.h"

#include <QString>

#include <atomic>
#include <chrono>
#include <list>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace kiosk::devices::sim {

/**
 * A simulated A4 printer: an IPP Everywhere printer *server* in the process, on 127.0.0.1 and a
 * free port, so that the driver's real CUPS code (cupslink.cpp) runs against it in demo mode and
 * in tests. HTTP/1.1 on plain TCP (keep-alive, chunked bodies, Expect: 100-continue), one thread
 * to accept and one per connection; the IPP messages are decoded and encoded with libcups' own
 * ipp API from and to memory (ippReadIO / ippWriteIO).
 *
 * It answers Get-Printer-Attributes, Validate-Job, Create-Job, Send-Document, Get-Job-Attributes,
 * Get-Jobs and Cancel-Job. A job "prints" one page per page time (counted from the PDF's page
 * objects) and keeps only its name and page counts: the document's bytes are dropped as soon as
 * they are counted, and nothing is rendered or written.
 *
 * Faults, as the simulator console sets them: paper out (now, or after k more pages), paper jam,
 * door open, toner low or empty, and offline (the port refuses connections and open ones are
 * closed). A fault stops the job in progress (job processing-stopped, printer stopped); it
 * resumes when the fault is cleared, unless the client cancelled it.
 *
 * Thread-safe: the console (GUI thread), the server's threads and tests may call in at once.
 * Unplugging it (SimulatedDevice::setPlugged) takes it offline too.
 */
class SimulatedA4Printer : public SimulatedDevice
{
public:
    enum class Toner { Ok, Low, Empty };

    /** One job as the printer saw it: no document, only what a printer's job list shows. */
    struct Job {
        int id = 0;
        QString name; ///< job-name
        int pages = 0; ///< counted in the document
        int printed = 0;
        int state = 3; ///< job-state
        QString format; ///< document-format
        QString media; ///< the media requested
        QString sides;
    };

    SimulatedA4Printer();
    ~SimulatedA4Printer() override;

    /** Listens on 127.0.0.1 (a free port the first time, the same one after). False with why. */
    bool start(QString *error = nullptr);
    void stop();
    [[nodiscard]] quint16 port() const { return m_port; }
    /** "ipp://127.0.0.1:PORT/ipp/print" once started. */
    [[nodiscard]] QString uri() const;
    [[nodiscard]] QString networkAddress() const override { return uri(); }
    [[nodiscard]] QString networkModel() const override { return QStringLiteral("Simulated A4 printer (IPP Everywhere)"); }

    void setPageTime(std::chrono::milliseconds perPage);
    void setPaperOut(bool out);
    /** The paper runs out after @p pages more pages (-1: plenty). */
    void setPaperRunsOutAfter(int pages);
    void setJammed(bool jammed);
    void setDoorOpen(bool open);
    void setToner(Toner toner);
    /** Offline: connections are refused and open ones closed. */
    void setOffline(bool offline);

    [[nodiscard]] std::vector<Job> jobs() const;
    /** printer-state-reasons now ("none" when none). */
    [[nodiscard]] QStringList reasons() const;
    /** How many IPP requests were answered (tests: the driver polls, and does not busy-loop). */
    [[nodiscard]] int requestCount() const { return m_requests.load(); }

protected:
    void onHostData(std::span<const std::uint8_t>) override { } // IPP travels over TCP, not this link
    void onPlugged(bool plugged) override;

private:
    struct Connection;
    void acceptLoop();
    void serve(Connection *c);
    bool openListener(QString *error);
    void closeListener();
    /** Answers one IPP request (the body of one POST). */
    QByteArray answer(const QByteArray &body);
    /** Moves the job in progress on by the time passed (lazily, under m_mutex). */
    void advanceLocked();
    [[nodiscard]] bool faultLocked() const;
    [[nodiscard]] QStringList reasonsLocked() const;
    [[nodiscard]] int printerStateLocked() const;
    [[nodiscard]] bool reachable() const { return !m_offline.load() && isPlugged(); }

    mutable std::mutex m_mutex;
    std::vector<Job> m_jobs;
    int m_nextJob = 1;
    std::chrono::milliseconds m_pageTime{500};
    std::chrono::steady_clock::time_point m_nextPageAt;
    bool m_paperOut = false;
    int m_paperLeft = -1;
    bool m_jammed = false;
    bool m_doorOpen = false;
    Toner m_toner = Toner::Ok;

    std::atomic<bool> m_offline{false};
    std::atomic<bool> m_stopping{false};
    std::atomic<int> m_requests{0};
    int m_listenFd = -1; ///< only the accept thread touches it while running
    quint16 m_port = 0;
    std::thread m_acceptThread;
    std::mutex m_connMutex;
    std::list<std::unique_ptr<Connection>> m_connections;
};

} // namespace kiosk::devices::sim
