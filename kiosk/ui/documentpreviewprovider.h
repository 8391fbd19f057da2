// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QQuickImageProvider>

#include <functional>

namespace kiosk {

/**
 * "image://document/<n>": the first page of the certificate on screen (RecordQuery's document),
 * rendered from memory with QtPdf at the size asked for; <n> changes with each document. The
 * document is never written to a file. Synchronous (the page's Image is not asynchronous): the
 * document is read on the GUI thread, where it lives.
 */
class DocumentPreviewProvider : public QQuickImageProvider
{
public:
    explicit DocumentPreviewProvider(std::function<QByteArray()> document);
    QImage requestImage(const QString &id, QSize *size, const QSize &requestedSize) override;

private:
    std::function<QByteArray()> m_document;
};

} // namespace kiosk
