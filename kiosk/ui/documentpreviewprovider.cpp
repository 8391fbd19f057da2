// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/ui/documentpreviewprovider.h"

#include <QBuffer>
#include <QPainter>
#include <QtPdf/QPdfDocument>

namespace kiosk {

DocumentPreviewProvider::DocumentPreviewProvider(std::function<QByteArray()> document)
    : QQuickImageProvider(QQuickImageProvider::Image)
    , m_document(std::move(document))
{
}

QImage DocumentPreviewProvider::requestImage(const QString &, QSize *size, const QSize &requestedSize)
{
    QByteArray pdf = m_document ? m_document() : QByteArray();
    QBuffer buffer(&pdf);
    buffer.open(QIODevice::ReadOnly);
    QPdfDocument doc;
    doc.load(&buffer);
    QImage page;
    if (doc.status() == QPdfDocument::Status::Ready && doc.pageCount() > 0) {
        // The page's proportions at the size asked for (A4 when it says nothing).
        const QSizeF points = doc.pagePointSize(0);
        QSize want = requestedSize.isValid() && !requestedSize.isEmpty() ? requestedSize : QSize(620, 877);
        if (points.width() > 0 && points.height() > 0)
            want = points.scaled(QSizeF(want), Qt::KeepAspectRatio).toSize();
        page = doc.render(0, want);
        // Rendered with transparency: on white, as on paper.
        QImage paper(page.size(), QImage::Format_RGB32);
        paper.fill(Qt::white);
        QPainter(&paper).drawImage(0, 0, page);
        page = paper;
    }
    doc.close();
    if (page.isNull()) {
        page = QImage(QSize(62, 88), QImage::Format_RGB32);
        page.fill(Qt::white);
    }
    if (size)
        *size = page.size();
    return page;
}

} // namespace kiosk
