// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/ui/layoutcheck.h"

#include <QColor>
#include <QFont>
#include <QHash>
#include <QMetaMethod>
#include <QQuickItem>
#include <QQuickWindow>

#include <cmath>

namespace kiosk {

namespace {

double luminance(QRgb c)
{
    auto channel = [](int v) {
        const double s = v / 255.0;
        return s <= 0.03928 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(qRed(c)) + 0.7152 * channel(qGreen(c)) + 0.0722 * channel(qBlue(c));
}

bool shown(const QQuickItem *item)
{
    for (const QQuickItem *i = item; i; i = i->parentItem())
        if (!i->isVisible() || i->opacity() <= 0.01)
            return false;
    return true;
}

QString nameOf(const QQuickItem *item)
{
    if (!item->objectName().isEmpty())
        return item->objectName();
    QString type = QString::fromLatin1(item->metaObject()->className());
    if (const qsizetype cut = type.indexOf(QLatin1String("_QML")); cut > 0)
        type.truncate(cut);
    return type.startsWith(QLatin1String("QQuick")) ? type.mid(6) : type;
}

QString pathOf(const QQuickItem *item)
{
    QStringList parts;
    for (const QQuickItem *i = item; i && i->parentItem(); i = i->parentItem())
        parts.prepend(nameOf(i));
    return parts.join(QLatin1Char('/'));
}

bool hasClickedSignal(const QObject *o)
{
    return o->metaObject()->indexOfSignal("clicked()") >= 0;
}

/** The rectangle that shows @p item: its nearest clipping ancestor's, within the window. */
QRectF visibleArea(const QQuickItem *item, const QRectF &window)
{
    QRectF area = window;
    for (const QQuickItem *i = item->parentItem(); i; i = i->parentItem())
        if (i->clip())
            area &= i->mapRectToScene(i->boundingRect());
    return area;
}

/** The colour most pixels inside @p rect have (what the text is drawn on), ignoring @p text's own. */
QRgb backgroundOf(const QImage &frame, const QRect &rect, QRgb text)
{
    QHash<QRgb, int> counts;
    const QRect r = rect & frame.rect();
    for (int y = r.top(); y <= r.bottom(); y += 2)
        for (int x = r.left(); x <= r.right(); x += 2) {
            const QRgb p = frame.pixel(x, y) & 0xf8f8f8; // tolerate anti-aliasing noise
            if (p != (text & 0xf8f8f8))
                ++counts[p];
        }
    QRgb best = qRgb(255, 255, 255);
    int most = -1;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        if (it.value() > most) {
            most = it.value();
            best = it.key();
        }
    return best;
}

void walk(QQuickItem *item, const QImage &frame, const LayoutRules &rules, const QRectF &window, std::vector<LayoutFinding> &out)
{
    if (!item->isVisible() || item->opacity() <= 0.01)
        return;
    const QRectF scene = item->mapRectToScene(item->boundingRect());
    const QRectF area = visibleArea(item, window);
    const bool onScreen = scene.intersects(area) && scene.width() > 0 && scene.height() > 0;
    const QVariant text = item->property("text");
    const QVariant font = item->property("font");
    const bool isText = text.isValid() && font.isValid() && !text.toString().trimmed().isEmpty()
        && item->metaObject()->indexOfProperty("horizontalAlignment") >= 0;
    if (onScreen && isText && shown(item)) {
        const QFont f = font.value<QFont>();
        const qreal px = f.pixelSize() > 0 ? f.pixelSize() : f.pointSizeF() * 4.0 / 3.0;
        if (px + 0.5 < rules.minTextPx)
            out.push_back({QStringLiteral("text-size"), pathOf(item), QStringLiteral("%1 px < %2").arg(px).arg(rules.minTextPx)});
        if (item->property("truncated").toBool())
            out.push_back({QStringLiteral("elided"), pathOf(item), text.toString().left(40)});
        const QColor colour = item->property("color").value<QColor>();
        if (colour.isValid() && !frame.isNull()) {
            const QRectF ink(scene.topLeft(), QSizeF(std::min(scene.width(), item->property("contentWidth").toReal() + 1),
                                                     std::min(scene.height(), item->property("contentHeight").toReal() + 1)));
            const QRgb behind = backgroundOf(frame, (ink.isEmpty() ? scene : ink).toAlignedRect(), colour.rgb());
            const double ratio = contrastRatio(colour.rgb(), behind);
            if (ratio + 0.05 < rules.minContrast)
                out.push_back({QStringLiteral("contrast"), pathOf(item),
                               QStringLiteral("%1:1 (%2 on %3)").arg(ratio, 0, 'f', 1).arg(colour.name(), QColor(behind).name())});
        }
    }
    if (onScreen && shown(item) && !area.contains(scene.adjusted(1, 1, -1, -1)) && (isText || hasClickedSignal(item)))
        out.push_back({QStringLiteral("cut"), pathOf(item), QStringLiteral("%1×%2 at %3,%4 partly outside what shows it")
                                                               .arg(scene.width()).arg(scene.height()).arg(scene.x()).arg(scene.y())});
    if (onScreen && shown(item) && item->isEnabled() && hasClickedSignal(item)
        && (scene.width() + 0.5 < rules.minTargetPx || scene.height() + 0.5 < rules.minTargetPx))
        out.push_back({QStringLiteral("target-size"), pathOf(item), QStringLiteral("%1×%2 < %3").arg(scene.width()).arg(scene.height()).arg(rules.minTargetPx)});
    for (QQuickItem *child : item->childItems())
        walk(child, frame, rules, window, out);
}

} // namespace

double contrastRatio(QRgb a, QRgb b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

std::vector<LayoutFinding> checkLayout(QQuickItem *root, const QImage &frame, const LayoutRules &rules)
{
    std::vector<LayoutFinding> out;
    if (!root)
        return out;
    const QRectF window = root->window() ? QRectF(QPointF(0, 0), root->window()->size()) : root->boundingRect();
    walk(root, frame, rules, window, out);
    return out;
}

} // namespace kiosk
