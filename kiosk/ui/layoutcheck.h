// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QString>

#include <vector>

class QQuickItem;

namespace kiosk {

/** The lower bounds of docs and ../shared/reference/accessibility.md, for one mode. */
struct LayoutRules {
    qreal minTextPx = 24; ///< body text height
    qreal minTargetPx = 80; ///< a touch target's width and height
    double minContrast = 4.5; ///< text against what is drawn behind it

    static LayoutRules forMode(bool elder)
    {
        return elder ? LayoutRules{32, 110, 7.0} : LayoutRules{24, 80, 4.5};
    }
};

/** One thing a person at the screen would trip over, with where it is in the item tree. */
struct LayoutFinding {
    QString rule; ///< text-size, contrast, elided, cut, target-size
    QString path; ///< objectName or type of each ancestor, root first
    QString detail;
};

/**
 * Walks the live item tree under @p root as it is shown (visible, not transparent) and reports
 * text below the size floor, text whose contrast against the pixels behind it in @p frame (the
 * rendered window) is too low, elided text, items cut by the edge of what shows them (partly
 * outside a clipping ancestor or the window), and touch targets smaller than the floor.
 *
 * TODO: the spacing between targets, overlaps, and a visible way out while typing (issue 14).
 */
[[nodiscard]] std::vector<LayoutFinding> checkLayout(QQuickItem *root, const QImage &frame, const LayoutRules &rules);

/** The WCAG contrast ratio of two colours (1 … 21). */
[[nodiscard]] double contrastRatio(QRgb a, QRgb b);

} // namespace kiosk
