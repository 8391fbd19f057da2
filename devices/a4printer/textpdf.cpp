// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/a4printer/textpdf.h"

#include <QBuffer>
#include <QFont>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

namespace kiosk::devices::a4 {

QByteArray textPdf(const QString &title, const QList<QStringList> &pages)
{
    QByteArray pdf;
    QBuffer buffer(&pdf); // in memory: the document never touches a file
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setTitle(title);
    writer.setCreator(QStringLiteral("kiosk"));
    writer.setResolution(300);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(20, 20, 20, 20), QPageLayout::Millimeter));
    QPainter painter(&writer);
    QFont font;
    font.setFamilies({QStringLiteral("DejaVu Sans"), QStringLiteral("Droid Sans Fallback")});
    for (qsizetype p = 0; p < pages.size(); ++p) {
        if (p > 0)
            writer.newPage();
        int y = 0;
        const QStringList &lines = pages[p];
        for (qsizetype i = 0; i < lines.size(); ++i) {
            font.setPointSize(i == 0 ? 18 : 12);
            font.setBold(i == 0);
            painter.setFont(font);
            const int height = painter.fontMetrics().height();
            y += height + (i == 0 ? height / 2 : height / 4);
            painter.drawText(0, y, lines[i]);
        }
    }
    painter.end();
    return pdf;
}

} // namespace kiosk::devices::a4
