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
    qreal minTargetGap = 12; ///< between two touch targets that are not part of one another

    static LayoutRules forMode(bool elder)
    {
        return elder ? LayoutRules{32, 110, 7.0, 16} : LayoutRules{24, 80, 4.5, 12};
    }
};

/** One thing a person at the screen would trip over, with where it is in the item tree. */
struct LayoutFinding {
    QString rule; ///< text-size, contrast, elided, cut, target-size, target-gap, overlap, placeholder, primary-action, way-out
    QString path; ///< objectName or type of each ancestor, root first
    QString detail;
};

/**
 * Walks the live item tree under @p root as it is shown (visible, not transparent) and reports:
 * - text-size: text below the size floor;
 * - contrast: text whose contrast against the pixels behind it in @p frame (the rendered window)
 *   is too low;
 * - elided: a label cut short with "…";
 * - cut: text or a control partly outside what shows it (a clipping ancestor, the window);
 * - target-size, target-gap: touch targets smaller than the floor or closer to another than the
 *   gap. The keys of the on-screen keyboard are adjacent cells by design (exempt from the gap),
 *   and a row holds ten of them: in portrait a key can be no wider than a tenth of the screen
 *   (107 px at 1080, under the elder floor of 110; their height meets it);
 * - overlap: text or a control with something drawn over it (another text, control or filled
 *   rectangle painted later that is not part of it);
 * - placeholder: the hint in an empty field (an item named "placeholder") hardly lighter than
 *   the text typed beside it (< 1.5:1 between the two);
 * - primary-action: a page (an item whose `primaryAction` property is set) whose primary action
 *   is hidden, disabled only by being out of view, cut or covered;
 * - way-out: the keyboard (an item named "keyboard") is up and there is no visible home and end
 *   button ("homeButton", "endButton").
 * Whatever lies under a modal overlay (an item with a true `modal` property, such as the idle
 * warning) is not looked at: only the overlay is.
 */
[[nodiscard]] std::vector<LayoutFinding> checkLayout(QQuickItem *root, const QImage &frame, const LayoutRules &rules);

/** The WCAG contrast ratio of two colours (1 … 21). */
[[nodiscard]] double contrastRatio(QRgb a, QRgb b);

} // namespace kiosk
