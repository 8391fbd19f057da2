// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/query/querydocument.h"

#include "services/platform/queryapi.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFontMetricsF>
#include <QLocale>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

#include <algorithm>
#include <vector>

namespace kiosk::query {

namespace {

constexpr int kDpi = 300;

enum class Style { Title, Heading, Body, Small, TableHead, TableCell };

/** One thing drawn on a page: a text in its box, or a rule. */
struct Op {
    enum class Kind { Text, Rule, Fill } kind = Kind::Text;
    QRectF box;
    Style style = Style::Body;
    int flags = Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap;
    QString text;
};

class Layout
{
public:
    explicit Layout(QPaintDevice *device, QRectF area)
        : m_device(device)
        , m_area(area)
    {
        m_pages.emplace_back();
        m_y = area.top();
    }

    static QFont font(Style style)
    {
        QFont f(documentFontFamily());
        f.setFamilies({documentFontFamily(), QStringLiteral("DejaVu Sans")});
        switch (style) {
        case Style::Title: f.setPointSizeF(18); f.setBold(true); break;
        case Style::Heading: f.setPointSizeF(13); f.setBold(true); break;
        case Style::Body: f.setPointSizeF(11); break;
        case Style::Small: f.setPointSizeF(9); break;
        case Style::TableHead: f.setPointSizeF(10); f.setBold(true); break;
        case Style::TableCell: f.setPointSizeF(10); break;
        }
        return f;
    }

    [[nodiscard]] qreal height(Style style, const QString &text, qreal width) const
    {
        const QFontMetricsF fm(font(style), m_device);
        return fm.boundingRect(QRectF(0, 0, width, 1e6), Qt::TextWordWrap, text).height();
    }
    [[nodiscard]] qreal textWidth(Style style, const QString &text) const { return QFontMetricsF(font(style), m_device).horizontalAdvance(text); }
    [[nodiscard]] qreal lineHeight(Style style) const { return QFontMetricsF(font(style), m_device).lineSpacing(); }
    [[nodiscard]] qreal width() const { return m_area.width(); }
    [[nodiscard]] qreal left() const { return m_area.left(); }
    [[nodiscard]] qreal room() const { return m_area.bottom() - m_y; }
    [[nodiscard]] bool atTop() const { return m_y <= m_area.top() + 0.5; }

    /** Starts a new page when @p needed does not fit on this one (and this one is not empty). */
    bool ensure(qreal needed)
    {
        if (needed <= room() || atTop())
            return false;
        m_pages.emplace_back();
        m_y = m_area.top();
        return true;
    }
    void text(Style style, const QString &text, qreal x, qreal w, int align = Qt::AlignLeft)
    {
        const qreal h = height(style, text, w);
        m_pages.back().push_back({Op::Kind::Text, QRectF(x, m_y, w, h), style, int(align | Qt::AlignTop | Qt::TextWordWrap), text});
    }
    /** A paragraph across the page: on a new page when it does not fit. */
    void paragraph(Style style, const QString &text, qreal gapAfter)
    {
        const qreal h = height(style, text, width());
        ensure(h);
        this->text(style, text, left(), width());
        m_y += h + gapAfter;
    }
    void rule(qreal gapAfter)
    {
        m_pages.back().push_back({Op::Kind::Rule, QRectF(left(), m_y, width(), 0), Style::Body, 0, {}});
        m_y += gapAfter;
    }
    void fill(qreal h)
    {
        m_pages.back().push_back({Op::Kind::Fill, QRectF(left(), m_y, width(), h), Style::Body, 0, {}});
    }
    void advance(qreal dy) { m_y += dy; }

    [[nodiscard]] const std::vector<std::vector<Op>> &pages() const { return m_pages; }

private:
    QPaintDevice *m_device;
    QRectF m_area;
    qreal m_y = 0;
    std::vector<std::vector<Op>> m_pages;
};

/** Column widths in proportion to the longest text of each column (heading included), none too narrow. */
std::vector<qreal> columnWidths(const Layout &layout, const QStringList &columns, const std::vector<QStringList> &rows)
{
    const int n = int(columns.size());
    std::vector<qreal> w(std::size_t(n), 1.0);
    // At most 60 rows measured: the widths follow the data, the cost does not follow its length.
    const std::size_t sample = std::min<std::size_t>(rows.size(), 60);
    for (int c = 0; c < n; ++c) {
        qreal widest = layout.textWidth(Style::TableHead, columns.at(c));
        for (std::size_t r = 0; r < sample; ++r)
            if (c < rows[r].size())
                widest = std::max(widest, layout.textWidth(Style::TableCell, rows[r].at(c)));
        const qreal narrowest = layout.width() / 12;
        w[std::size_t(c)] = std::clamp(widest, narrowest, layout.width() / 2);
    }
    qreal total = 0;
    for (qreal x : w)
        total += x;
    for (qreal &x : w)
        x = x / total * layout.width();
    return w;
}

void tableHeading(Layout &layout, const QStringList &columns, const std::vector<qreal> &widths, qreal pad)
{
    qreal h = 0;
    for (int c = 0; c < columns.size(); ++c)
        h = std::max(h, layout.height(Style::TableHead, columns.at(c), widths[std::size_t(c)] - 2 * pad));
    layout.fill(h + 2 * pad);
    layout.advance(pad);
    qreal x = layout.left();
    for (int c = 0; c < columns.size(); ++c) {
        layout.text(Style::TableHead, columns.at(c), x + pad, widths[std::size_t(c)] - 2 * pad);
        x += widths[std::size_t(c)];
    }
    layout.advance(h + pad);
    layout.rule(0);
}

} // namespace

QString localTimeText(const QDateTime &t, bool english)
{
    if (!t.isValid())
        return QString();
    const QDateTime local = t.toLocalTime();
    return english ? QLocale(QLocale::English).toString(local, QStringLiteral("d MMM yyyy HH:mm"))
                   : local.toString(QStringLiteral("yyyy年M月d日 HH:mm"));
}

QString documentFontFamily()
{
    // Noto Sans CJK's PDF text does not read back (digits vanish, 二 becomes the radical ⼆);
    // Droid Sans Fallback's does, character for character.
    return QStringLiteral("Droid Sans Fallback");
}

LaidOutDocument layOutAnswer(const platform::query::Answer &answer, const DocumentHeader &header)
{
    const bool en = header.english;
    const auto pick = [en](const QString &zh, const QString &english) { return en && !english.isEmpty() ? english : zh; };

    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setResolution(kDpi);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(18, 16, 18, 16), QPageLayout::Millimeter));
    writer.setTitle(pick(answer.title, answer.titleEn));
    writer.setCreator(QStringLiteral("kiosk"));

    const QRect paint = writer.pageLayout().paintRectPixels(kDpi);
    // The foot of each page (page n of m, the reference) is kept clear of the content.
    const qreal footer = QFontMetricsF(Layout::font(Style::Small), &writer).lineSpacing() * 2.5;
    Layout layout(&writer, QRectF(0, 0, paint.width(), paint.height() - footer));
    const qreal gap = layout.lineHeight(Style::Body) * 0.6;

    // Where, when, for whom.
    layout.paragraph(Style::Small, QStringLiteral("%1 · %2 %3 · %4 %5")
                                       .arg(header.centre, QCoreApplication::translate("QueryDocument", "Terminal"), header.terminalId, QCoreApplication::translate("QueryDocument", "Printed"), localTimeText(header.printedAt, en)),
                     gap / 2);
    layout.rule(gap);
    layout.paragraph(Style::Title, pick(answer.title, answer.titleEn), gap);
    if (!header.residentName.isEmpty())
        layout.paragraph(Style::Body, QCoreApplication::translate("QueryDocument", "For: %1 (ID %2)").arg(header.residentName, header.residentIdMasked), gap / 3);
    layout.paragraph(Style::Body, QCoreApplication::translate("QueryDocument", "Reference number: %1").arg(answer.reference), gap / 3);
    QString validity = QCoreApplication::translate("QueryDocument", "Answered: %1").arg(localTimeText(answer.issuedAt, en));
    if (answer.validUntil.isValid())
        validity += QStringLiteral(" · ") + QCoreApplication::translate("QueryDocument", "Valid until: %1").arg(localTimeText(answer.validUntil, en));
    layout.paragraph(Style::Body, validity, gap * 1.5);

    // The values: label and value side by side, a third and two thirds of the width.
    const qreal labelWidth = layout.width() * 0.36;
    for (const platform::query::Value &v : answer.values) {
        const QString label = pick(v.label, v.labelEn);
        const qreal h = std::max(layout.height(Style::Body, label, labelWidth - gap), layout.height(Style::Body, v.value, layout.width() - labelWidth));
        layout.ensure(h);
        layout.text(Style::Body, label, layout.left(), labelWidth - gap);
        layout.text(Style::Body, v.value, layout.left() + labelWidth, layout.width() - labelWidth);
        layout.advance(h + gap / 2);
    }

    // The tables: headings again on every page a table continues on.
    const qreal pad = gap / 3;
    for (const platform::query::Table &t : answer.tables) {
        const QStringList columns = en && t.columnsEn.size() == t.columns.size() ? t.columnsEn : t.columns;
        const std::vector<qreal> widths = columnWidths(layout, columns, t.rows);
        const QString title = pick(t.title, t.titleEn);
        layout.advance(gap);
        // The title never alone at the foot of a page: it goes with the headings and a first row.
        layout.ensure(layout.height(Style::Heading, title, layout.width()) + 3 * layout.lineHeight(Style::TableHead) + 4 * pad);
        layout.paragraph(Style::Heading, title, gap / 2);
        tableHeading(layout, columns, widths, pad);
        for (const QStringList &row : t.rows) {
            qreal h = 0;
            for (int c = 0; c < columns.size() && c < row.size(); ++c)
                h = std::max(h, layout.height(Style::TableCell, row.at(c), widths[std::size_t(c)] - 2 * pad));
            if (layout.ensure(h + 2 * pad)) {
                layout.paragraph(Style::Small, QCoreApplication::translate("QueryDocument", "%1 (continued)").arg(title), gap / 3);
                tableHeading(layout, columns, widths, pad);
            }
            layout.advance(pad);
            qreal x = layout.left();
            for (int c = 0; c < columns.size() && c < row.size(); ++c) {
                layout.text(Style::TableCell, row.at(c), x + pad, widths[std::size_t(c)] - 2 * pad);
                x += widths[std::size_t(c)];
            }
            layout.advance(h + pad);
            layout.rule(0);
        }
    }

    const QStringList notes = en && !answer.notesEn.isEmpty() ? answer.notesEn : answer.notes;
    if (!notes.isEmpty())
        layout.advance(gap);
    for (const QString &n : notes)
        layout.paragraph(Style::Small, n, gap / 3);
    layout.advance(gap);
    layout.paragraph(Style::Small, QCoreApplication::translate("QueryDocument", "Printed at a self-service terminal from the platform's answer; the platform's records prevail."), 0);

    // Paint, now that the page count is known.
    const auto &pages = layout.pages();
    QPainter painter(&writer);
    const QPen rule(QColor(0x60, 0x60, 0x60), 2);
    for (std::size_t p = 0; p < pages.size(); ++p) {
        if (p > 0)
            writer.newPage();
        for (const Op &op : pages[p]) {
            switch (op.kind) {
            case Op::Kind::Rule:
                painter.setPen(rule);
                painter.drawLine(op.box.topLeft(), op.box.topRight());
                break;
            case Op::Kind::Fill:
                painter.fillRect(op.box, QColor(0xEE, 0xEE, 0xEE));
                break;
            case Op::Kind::Text:
                painter.setPen(Qt::black);
                painter.setFont(Layout::font(op.style));
                painter.drawText(op.box, op.flags, op.text);
                break;
            }
        }
        painter.setPen(Qt::black);
        painter.setFont(Layout::font(Style::Small));
        const QRectF foot(0, paint.height() - footer * 0.8, paint.width(), footer * 0.8);
        painter.drawText(foot, Qt::AlignLeft | Qt::AlignBottom, QCoreApplication::translate("QueryDocument", "Reference number: %1").arg(answer.reference));
        painter.drawText(foot, Qt::AlignRight | Qt::AlignBottom, QCoreApplication::translate("QueryDocument", "Page %1 of %2").arg(p + 1).arg(pages.size()));
    }
    painter.end();
    buffer.close();
    return {buffer.data(), int(pages.size())};
}

} // namespace kiosk::query
