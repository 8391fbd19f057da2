// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSize>
#include <QString>
#include <QStringList>

#include <functional>

namespace kiosk {

class KioskApp;
class ManualClock;

/**
 * Walks every screen of the terminal in both orientations (1080×1920 portrait, 1920×1080
 * landscape), normal and elder mode, Chinese and English, driving the session the way a resident
 * would. With an output folder it writes one PNG per screen and mode (`--tour`); without, it only
 * checks that every page loads without a single QML warning (`--self-test`).
 */
class ScreenTour
{
public:
    ScreenTour(KioskApp &app, ManualClock &clock);

    /** Returns false when a page failed to show or QML warned; see errors(). */
    bool run(const QString &outputDir);

    [[nodiscard]] const QStringList &errors() const { return m_errors; }
    [[nodiscard]] const QStringList &written() const { return m_written; }
    /** What the layout check found on the screens written (screen, rule, item path, detail). */
    [[nodiscard]] const QStringList &layoutFindings() const { return m_layout; }

    static constexpr QSize portrait{1080, 1920};
    static constexpr QSize landscape{1920, 1080};

private:
    void shoot(const QString &name, const char *expectedPage);
    void waitFor(const std::function<bool()> &condition, int ms = 3000);
    /** The resident's journey: form, review, submit, receipt, rating, progress, 12345 — and its errors. */
    void journey(bool elder);
    /** Answered on the spot: a personal query (card, asking, answer, tables, print), a certificate (preview, printing, paper out). */
    void queries(bool elder);
    /** The fleet page (staff): enrolled and polled, an update waiting for the attract screen, not enrolled. */
    void tourFleet();
    /** Types @p letters on the on-screen keyboard (the pinyin method shows its candidates). */
    void typePinyin(const QString &letters);
    /**
     * Answers the form's questions until the review, or until @p stopAt is asked (shooting each
     * new kind of question once when @p shotPrefix is set).
     */
    bool answerAll(const QString &shotPrefix, const QString &stopAt = QString());

    KioskApp &m_app;
    ManualClock &m_clock;
    QString m_outputDir;
    QString m_prefix;
    int m_step = 0;
    bool m_elder = false;
    QStringList m_errors;
    QStringList m_layout;
    QStringList m_written;
};

} // namespace kiosk
