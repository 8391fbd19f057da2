// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/ui/layoutcheck.h"

#include <QColor>
#include <QFont>
#include <QHash>
#include <QMetaMethod>
#include <QQuickItem>
#include <QQuickWindow>

#include <algorithm>
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
    return o->metaObject()->indexOfSignal("clicked()") >= 0 || o->metaObject()->indexOfSignal("toggled()") >= 0;
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

/** What one shown item is, for the rules. */
struct Entry {
    QQuickItem *item = nullptr;
    QRectF scene; ///< where it is
    QRectF seen; ///< the part of it that shows (within its clipping ancestors and the window)
    bool text = false;
    bool control = false; ///< a touch target: anything with a clicked() signal
    bool fill = false; ///< a filled rectangle, which hides what is under it
    bool key = false; ///< part of the on-screen keyboard
};

bool isTextItem(const QQuickItem *item)
{
    const QVariant text = item->property("text");
    return text.isValid() && item->property("font").isValid() && !text.toString().trimmed().isEmpty()
        && item->metaObject()->indexOfProperty("horizontalAlignment") >= 0;
}

bool isFill(const QQuickItem *item)
{
    if (!item->inherits("QQuickRectangle"))
        return false;
    const QColor c = item->property("color").value<QColor>();
    return c.isValid() && c.alphaF() > 0.5;
}

bool isAncestor(const QQuickItem *ancestor, const QQuickItem *item)
{
    for (const QQuickItem *i = item->parentItem(); i; i = i->parentItem())
        if (i == ancestor)
            return true;
    return false;
}

/** Shown items in the order they are painted (children after parents, by z). */
void collect(QQuickItem *item, const QRectF &window, bool inKeyboard, std::vector<Entry> &out)
{
    if (!item->isVisible() || item->opacity() <= 0.01)
        return;
    inKeyboard = inKeyboard || item->objectName() == QLatin1String("keyboard");
    Entry e;
    e.item = item;
    e.scene = item->mapRectToScene(item->boundingRect());
    e.seen = e.scene & visibleArea(item, window);
    e.text = isTextItem(item);
    e.control = hasClickedSignal(item);
    e.fill = isFill(item);
    e.key = inKeyboard;
    out.push_back(e);
    QList<QQuickItem *> children = item->childItems();
    std::stable_sort(children.begin(), children.end(), [](QQuickItem *x, QQuickItem *y) { return x->z() < y->z(); });
    for (QQuickItem *child : std::as_const(children))
        collect(child, window, inKeyboard, out);
}

bool onScreen(const Entry &e)
{
    return e.scene.width() > 0 && e.scene.height() > 0 && e.seen.width() > 0 && e.seen.height() > 0;
}

QString where(const QRectF &r)
{
    return QStringLiteral("%1×%2 at %3,%4").arg(r.width()).arg(r.height()).arg(r.x()).arg(r.y());
}

void checkEntry(const Entry &e, const QImage &frame, const LayoutRules &rules, const QRectF &window, std::vector<LayoutFinding> &out)
{
    QQuickItem *item = e.item;
    if (e.text) {
        const QVariant text = item->property("text");
        const QFont f = item->property("font").value<QFont>();
        const qreal px = f.pixelSize() > 0 ? f.pixelSize() : f.pointSizeF() * 4.0 / 3.0;
        if (px + 0.5 < rules.minTextPx)
            out.push_back({QStringLiteral("text-size"), pathOf(item), QStringLiteral("%1 px < %2").arg(px).arg(rules.minTextPx)});
        if (item->property("truncated").toBool())
            out.push_back({QStringLiteral("elided"), pathOf(item), text.toString().left(40)});
        const QColor colour = item->property("color").value<QColor>();
        if (colour.isValid() && !frame.isNull()) {
            const QRectF ink(e.scene.topLeft(), QSizeF(std::min(e.scene.width(), item->property("contentWidth").toReal() + 1),
                                                       std::min(e.scene.height(), item->property("contentHeight").toReal() + 1)));
            const QRgb behind = backgroundOf(frame, ((ink.isEmpty() ? e.scene : ink) & e.seen).toAlignedRect(), colour.rgb());
            const double ratio = contrastRatio(colour.rgb(), behind);
            if (ratio + 0.05 < rules.minContrast)
                out.push_back({QStringLiteral("contrast"), pathOf(item),
                               QStringLiteral("%1:1 (%2 on %3)").arg(ratio, 0, 'f', 1).arg(colour.name(), QColor(behind).name())});
        }
    }
    // A card (a filled or framed rectangle) cut by the edge looks cut even when its words are whole.
    bool card = false;
    if (item->inherits("QQuickRectangle") && e.scene.height() > 8 && e.scene.width() > 8) { // not a rule line
        const QObject *border = item->property("border").value<QObject *>();
        card = e.fill || (border && border->property("width").toReal() > 0 && border->property("color").value<QColor>().alpha() > 0);
    }
    if ((e.text || e.control || card) && !e.seen.contains(e.scene.adjusted(1, 1, -1, -1)))
        out.push_back({QStringLiteral("cut"), pathOf(item), where(e.scene) + QStringLiteral(" partly outside what shows it (") + where(e.seen) + QLatin1Char(')')});
    // The keyboard's rows hold ten keys across the screen: a key is as wide as that allows.
    const qreal minWidth = e.key ? std::min(rules.minTargetPx, std::floor(window.width() / 10) - 2) : rules.minTargetPx;
    if (e.control && item->isEnabled()
        && (e.scene.width() + 0.5 < minWidth || e.scene.height() + 0.5 < rules.minTargetPx))
        out.push_back({QStringLiteral("target-size"), pathOf(item), QStringLiteral("%1×%2 < %3").arg(e.scene.width()).arg(e.scene.height()).arg(rules.minTargetPx)});
}

/** The first item painted over @p at (not part of it), or -1. */
qsizetype coveredBy(const std::vector<Entry> &entries, qsizetype at)
{
    const Entry &a = entries[std::size_t(at)];
    for (qsizetype j = at + 1; j < qsizetype(entries.size()); ++j) {
        const Entry &b = entries[std::size_t(j)];
        if (!(b.text || b.control || b.fill) || !onScreen(b) || isAncestor(a.item, b.item))
            continue;
        const QRectF both = a.seen & b.seen;
        if (both.width() > 3 && both.height() > 3)
            return j;
    }
    return -1;
}

qreal gapBetween(const QRectF &a, const QRectF &b)
{
    const qreal dx = std::max<qreal>(0, std::max(a.left() - b.right(), b.left() - a.right()));
    const qreal dy = std::max<qreal>(0, std::max(a.top() - b.bottom(), b.top() - a.bottom()));
    return std::hypot(dx, dy);
}

} // namespace

std::vector<LayoutFinding> checkLayout(QQuickItem *root, const QImage &frame, const LayoutRules &rules)
{
    std::vector<LayoutFinding> out;
    if (!root)
        return out;
    const QRectF window = root->window() ? QRectF(QPointF(0, 0), root->window()->size()) : root->boundingRect();
    std::vector<Entry> all;
    collect(root, window, false, all);

    // Under a modal overlay nothing can be reached: look only at the topmost one.
    std::vector<Entry> entries;
    for (auto it = all.rbegin(); it != all.rend(); ++it) {
        if (it->item->property("modalOverlay").toBool() && shown(it->item)) {
            for (const Entry &e : all)
                if (e.item == it->item || isAncestor(it->item, e.item))
                    entries.push_back(e);
            break;
        }
    }
    if (entries.empty())
        entries = std::move(all);
    std::erase_if(entries, [](const Entry &e) { return !onScreen(e); });

    for (qsizetype i = 0; i < qsizetype(entries.size()); ++i) {
        const Entry &e = entries[std::size_t(i)];
        checkEntry(e, frame, rules, window, out);
        if (e.text || e.control) {
            if (const qsizetype j = coveredBy(entries, i); j >= 0)
                out.push_back({QStringLiteral("overlap"), pathOf(e.item), QStringLiteral("%1 under %2").arg(where(e.seen), pathOf(entries[std::size_t(j)].item))});
        }
    }

    // Targets too close to one another (not the keyboard's keys: adjacent cells by design).
    std::vector<const Entry *> targets;
    for (const Entry &e : entries)
        if (e.control && !e.key)
            targets.push_back(&e);
    for (std::size_t i = 0; i < targets.size(); ++i)
        for (std::size_t j = i + 1; j < targets.size(); ++j) {
            const Entry &a = *targets[i], &b = *targets[j];
            if (isAncestor(a.item, b.item) || isAncestor(b.item, a.item) || a.seen.intersects(b.seen))
                continue;
            const qreal gap = gapBetween(a.seen, b.seen);
            if (gap + 0.5 < rules.minTargetGap)
                out.push_back({QStringLiteral("target-gap"), pathOf(a.item),
                               QStringLiteral("%1 px from %2 < %3").arg(gap, 0, 'f', 0).arg(pathOf(b.item)).arg(rules.minTargetGap)});
        }

    auto find = [&entries](const QString &name) -> const Entry * {
        for (const Entry &e : entries)
            if (e.item->objectName() == name && shown(e.item))
                return &e;
        return nullptr;
    };
    auto fullyShown = [&entries](const Entry *e) {
        if (!e || !e->seen.contains(e->scene.adjusted(1, 1, -1, -1)))
            return false;
        const auto at = e - entries.data();
        return coveredBy(entries, at) < 0;
    };

    // A hint in an empty field is visibly lighter than what is typed there (and, as any text,
    // readable: the contrast rule above).
    for (const Entry &e : entries) {
        if (!e.text || e.item->objectName() != QLatin1String("placeholder") || !e.item->parentItem())
            continue;
        const QColor hint = e.item->property("color").value<QColor>();
        const auto siblings = e.item->parentItem()->childItems();
        for (const QQuickItem *s : siblings) {
            if (s == e.item || s->metaObject()->indexOfProperty("cursorPosition") < 0)
                continue;
            const QColor typed = s->property("color").value<QColor>();
            if (hint.isValid() && typed.isValid() && contrastRatio(hint.rgb(), typed.rgb()) < 1.5)
                out.push_back({QStringLiteral("placeholder"), pathOf(e.item),
                               QStringLiteral("%1 looks like typed text %2").arg(hint.name(), typed.name())});
        }
    }

    // A page's primary action (submit, print, continue) is always in view.
    for (const Entry &e : entries) {
        const QVariant declared = e.item->property("primaryAction");
        if (!declared.isValid() || !shown(e.item))
            continue;
        auto *action = qobject_cast<QQuickItem *>(declared.value<QObject *>());
        if (!action)
            continue;
        const auto it = std::find_if(entries.begin(), entries.end(), [action](const Entry &x) { return x.item == action; });
        if (it == entries.end() || !shown(action) || !fullyShown(&*it))
            out.push_back({QStringLiteral("primary-action"), pathOf(e.item), QStringLiteral("%1 is not in view").arg(nameOf(action))});
    }

    // While the keyboard is up, the way out is still on screen.
    if (const Entry *keyboard = find(QStringLiteral("keyboard")); keyboard && keyboard->seen.height() > 10) {
        for (const char *name : {"homeButton", "endButton"}) {
            const Entry *button = find(QLatin1String(name));
            if (!fullyShown(button) || !button->item->isEnabled())
                out.push_back({QStringLiteral("way-out"), pathOf(keyboard->item), QStringLiteral("%1 is not in view while typing").arg(QLatin1String(name))});
        }
    }
    return out;
}

double contrastRatio(QRgb a, QRgb b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}


} // namespace kiosk
