// SPDX-License-Identifier: GPL-3.0-or-later
// Tier 3: the serial transport for real — termios on a pseudo-terminal, with the simulated SAM
// on the other end: 115200 8N1 raw, a whole card read, cancellation from another thread, and
// the line hanging up (a USB-serial adapter pulled out).
#include "devices/idcard/idcardreader.h"
#include "devices/idcard/samtransport.h"
#include "devices/serial/serialport.h"
#include "devices/simulator/simulatedsam.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <termios.h>
#include <thread>
#include <unistd.h>

using namespace kiosk::devices;
using namespace std::chrono_literals;

namespace {

/** The far end of the line: a SAM module answering on the pty's master side. */
class SamOnLine
{
public:
    explicit SamOnLine(std::shared_ptr<sim::SimulatedSam> sam)
        : m_sam(std::move(sam))
    {
        char name[256];
        if (::openpty(&m_master, &m_slave, name, nullptr, nullptr) != 0)
            qFatal("openpty failed");
        m_path = QString::fromLocal8Bit(name);
        m_thread = std::thread([this] { run(); });
    }
    ~SamOnLine() { hangUp(); }
    const QString &path() const { return m_path; }
    int slave() const { return m_slave; }
    void hangUp()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
        if (m_master >= 0)
            ::close(m_master);
        if (m_slave >= 0)
            ::close(m_slave);
        m_master = m_slave = -1;
    }

private:
    void run()
    {
        std::uint8_t buffer[512];
        while (!m_stop) {
            pollfd p{m_master, POLLIN, 0};
            if (::poll(&p, 1, 10) > 0 && (p.revents & POLLIN)) {
                const ssize_t n = ::read(m_master, buffer, sizeof buffer);
                if (n > 0)
                    m_sam->hostWrite(std::span(buffer, std::size_t(n)));
            }
            while (auto out = m_sam->tryTake(64)) // a UART delivers in dribs
                [[maybe_unused]] const auto w = ::write(m_master, out->constData(), std::size_t(out->size()));
        }
    }
    std::shared_ptr<sim::SimulatedSam> m_sam;
    int m_master = -1;
    int m_slave = -1;
    QString m_path;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

} // namespace

class TestSerialPort : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void lineSettings()
    {
        auto sam = std::make_shared<sim::SimulatedSam>();
        SamOnLine line(sam);
        QString error;
        auto port = serial::SerialPort::open(line.path(), &error);
        QVERIFY2(port, qPrintable(error));
        termios tio{};
        QCOMPARE(::tcgetattr(line.slave(), &tio), 0);
        QCOMPARE(::cfgetospeed(&tio), speed_t(B115200));
        QCOMPARE(::cfgetispeed(&tio), speed_t(B115200));
        QCOMPARE(tio.c_cflag & CSIZE, tcflag_t(CS8));
        QCOMPARE(tio.c_cflag & (PARENB | CSTOPB | CRTSCTS), tcflag_t(0));
        QCOMPARE(tio.c_lflag & (ICANON | ECHO), tcflag_t(0));
        QCOMPARE(port->transportName(), QStringLiteral("serial"));
        QVERIFY(!serial::SerialPort::open(QStringLiteral("/nonexistent/ttyUSB9"), &error));
        QVERIFY(error.contains(QStringLiteral("ttyUSB9")));
        QVERIFY(!serial::SerialPort::open(QStringLiteral("/dev/null"), &error));
        QVERIFY(error.contains(QStringLiteral("not a serial line")));
    }
    void readCardOverTheLine()
    {
        auto sam = std::make_shared<sim::SimulatedSam>();
        sam->insertCard(3);
        SamOnLine line(sam);
        QString error;
        std::shared_ptr<DeviceIo> port = serial::SerialPort::open(line.path(), &error);
        QVERIFY(port);
        idcard::ReaderStateMachine::Timing t;
        t.searchInterval = 10ms;
        idcard::IdCardReader reader(t);
        QSignalSpy read(&reader, &idcard::IdCardReader::cardRead);
        reader.attach(std::make_shared<idcard::StreamSamTransport>(port));
        QTRY_COMPARE_WITH_TIMEOUT(read.count(), 1, 5000);
        QCOMPARE(read.first().first().value<idcard::IdCard>().name, QStringLiteral("阿依古丽·买买提"));
        reader.detach(kiosk::devices::DeviceError::None, QString());
    }
    void cancelFromAnotherThread()
    {
        auto sam = std::make_shared<sim::SimulatedSam>();
        sam->setMute(true);
        SamOnLine line(sam);
        QString error;
        auto port = serial::SerialPort::open(line.path(), &error);
        QVERIFY(port);
        std::uint8_t buffer[16];
        QElapsedTimer t;
        t.start();
        std::thread canceller([&] {
            std::this_thread::sleep_for(100ms);
            port->cancel();
        });
        const IoResult r = port->read(buffer, 5000ms);
        canceller.join();
        QCOMPARE(r.error, IoError::Cancelled);
        QVERIFY(t.elapsed() < 1000);
        QCOMPARE(port->read(buffer, 10ms).error, IoError::Cancelled); // and stays so
    }
    void timeoutAndHangUp()
    {
        auto sam = std::make_shared<sim::SimulatedSam>();
        sam->setMute(true);
        auto line = std::make_unique<SamOnLine>(sam);
        QString error;
        auto port = serial::SerialPort::open(line->path(), &error);
        QVERIFY(port);
        std::uint8_t buffer[16];
        QCOMPARE(port->read(buffer, 50ms).error, IoError::Timeout);
        line.reset(); // the adapter is gone: the tty hangs up
        const IoResult r = port->read(buffer, 1000ms);
        QCOMPARE(r.error, IoError::NoDevice);
    }
};

QTEST_GUILESS_MAIN(TestSerialPort)
#include "tst_serialport.moc"
