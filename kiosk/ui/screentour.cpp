// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/ui/screentour.h"
#include "common/logging.h"
#include "devices/devicemanager.h"
#include "kiosk/kioskapp.h"
#include "kiosk/models/facetlistmodel.h"
#include "kiosk/models/servicelistmodel.h"
#include "kiosk/session/clock.h"
#include "kiosk/session/session.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QImage>
#include <QQuickItem>
#include <QQuickWindow>

#include <algorithm>

namespace kiosk {

ScreenTour::ScreenTour(KioskApp &app, ManualClock &clock)
    : m_app(app)
    , m_clock(clock)
{
}

void ScreenTour::waitFor(const std::function<bool()> &condition, int ms)
{
    QElapsedTimer t;
    t.start();
    while (!condition() && t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
}

void ScreenTour::shoot(const QString &name, const char *expectedPage)
{
    QQuickWindow *window = m_app.window();
    for (int i = 0; i < 5; ++i)
        QCoreApplication::processEvents();
    const QString label = QStringLiteral("%1-%2-%3").arg(m_prefix).arg(++m_step, 2, 10, QLatin1Char('0')).arg(name);
    // A page the Loader just replaced lingers hidden until it is deleted: look for a visible one.
    const auto pages = window->findChildren<QQuickItem *>(QLatin1String(expectedPage));
    if (std::none_of(pages.begin(), pages.end(), [](QQuickItem *p) { return p->isVisible(); }))
        m_errors.append(QStringLiteral("%1: page %2 is not shown").arg(label, QLatin1String(expectedPage)));
    const QStringList &warnings = m_app.qmlWarnings();
    for (const QString &w : warnings)
        m_errors.append(QStringLiteral("%1: QML: %2").arg(label, w));
    const_cast<QStringList &>(warnings).clear();
    if (m_outputDir.isEmpty())
        return;
    const QImage image = window->grabWindow();
    const QString file = QDir(m_outputDir).filePath(label + QStringLiteral(".png"));
    if (image.isNull() || !image.save(file))
        m_errors.append(QStringLiteral("%1: could not render to %2").arg(label, file));
    else
        m_written.append(file);
}

bool ScreenTour::run(const QString &outputDir)
{
    m_outputDir = outputDir;
    if (!m_outputDir.isEmpty() && !QDir().mkpath(m_outputDir)) {
        m_errors.append(QStringLiteral("cannot create %1").arg(m_outputDir));
        return false;
    }
    Session *s = m_app.session();
    QQuickWindow *window = m_app.window();
    const QString defaultLanguage = s->language();

    struct Pass {
        QSize size;
        const char *orientation;
        bool elder;
    };
    const Pass passes[] = {
        {portrait, "portrait", false},
        {portrait, "portrait", true},
        {landscape, "landscape", false},
        {landscape, "landscape", true},
    };
    for (const Pass &pass : passes) {
        m_step = 0;
        m_prefix = QStringLiteral("%1-%2").arg(QLatin1String(pass.orientation), pass.elder ? QStringLiteral("elder") : QStringLiteral("normal"));
        window->resize(pass.size);
        window->setMinimumSize(pass.size);
        window->setMaximumSize(pass.size);
        s->reset();
        if (pass.elder)
            s->setElderMode(true); // on the attract screen the theme follows too
        shoot(QStringLiteral("attract"), "attractPage");

        s->start();
        s->setElderMode(pass.elder);
        shoot(QStringLiteral("home"), "homePage");

        s->openCategory(QStringLiteral("eldercare"));
        shoot(QStringLiteral("category-eldercare"), "serviceListPage");

        const QString firstCode = s->items()->codeAt(0);
        s->openItem(firstCode);
        shoot(QStringLiteral("item-detail"), "serviceDetailPage");

        s->goHome();
        s->openDepartments();
        shoot(QStringLiteral("departments"), "facetListPage");
        s->openItemList(QStringLiteral("department"), s->facets()->idAt(0));
        shoot(QStringLiteral("department-items"), "serviceListPage");

        s->goHome();
        s->openLifeEvents();
        shoot(QStringLiteral("life-events"), "facetListPage");

        s->goHome();
        s->openSearch();
        shoot(QStringLiteral("search-empty"), "searchPage");
        for (const char c : {'s', 'b', 'c', 'x'})
            s->typeText(QString(QLatin1Char(c)));
        shoot(QStringLiteral("search-sbcx"), "searchPage");
        s->setQuery(QStringLiteral("qqqq"));
        shoot(QStringLiteral("search-no-result"), "searchPage");

        // Idle: move the clock past the idle time; the warning counts down.
        s->goHome();
        const auto &cfg = m_app.config();
        m_clock.advance(qint64(pass.elder ? cfg.elderIdleTimeoutSeconds : cfg.idleTimeoutSeconds) * 1000 + 1500);
        s->poll();
        shoot(QStringLiteral("idle-warning"), "homePage");
        s->continueSession();

        s->goHome();
        if (s->unlockStaff(cfg.staffPin)) {
            shoot(QStringLiteral("staff-queue"), "staffQueuePage");
            s->openStaffPage(QStringLiteral("devices"));
            shoot(QStringLiteral("staff-devices"), "staffDevicesPage");
        }
        s->reset();

        // The devices (simulated under --simulate): an ID card, a fault, a scanned code.
        if (devices::DeviceManager *d = m_app.devices(); d && d->isSimulated()) {
            d->removeCard();
            d->insertCard(0);
            waitFor([s] { return s->identified(); });
            s->setElderMode(pass.elder);
            shoot(QStringLiteral("card-identified"), "homePage");
            d->removeCard();
            d->unplug(QStringLiteral("printer"));
            waitFor([d] { return d->printerStatus() == 2; });
            shoot(QStringLiteral("printer-fault-home"), "homePage");
            s->openItem(firstCode);
            shoot(QStringLiteral("printer-fault-item"), "serviceDetailPage");
            d->replug(QStringLiteral("printer"));
            waitFor([d] { return d->printerStatus() != 2; });
            s->goHome();
            d->scanCode(QStringLiteral("https://example.invalid/pay?code=123"));
            waitFor([s] { return !s->notice().isEmpty(); });
            shoot(QStringLiteral("scan-unknown-code"), "homePage");
            s->reset();
            s->start();
            s->setElderMode(pass.elder);
        } else {
            s->start();
            s->setElderMode(pass.elder);
        }

        s->setLanguage(QStringLiteral("en"));
        shoot(QStringLiteral("home-english"), "homePage");
        s->openItem(firstCode);
        shoot(QStringLiteral("item-detail-english"), "serviceDetailPage");
        s->setLanguage(defaultLanguage);
        s->reset();
    }
    window->setMinimumSize(QSize(0, 0));
    window->setMaximumSize(QSize((1 << 24) - 1, (1 << 24) - 1));
    return m_errors.isEmpty();
}

} // namespace kiosk
