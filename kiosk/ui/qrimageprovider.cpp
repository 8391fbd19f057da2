// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/ui/qrimageprovider.h"

#include <QUrl>

#include <qrencode.h>

namespace kiosk {

QrImageProvider::QrImageProvider()
    : QQuickImageProvider(QQuickImageProvider::Image)
{
}

QImage QrImageProvider::requestImage(const QString &id, QSize *size, const QSize &)
{
    const QByteArray text = QUrl::fromPercentEncoding(id.toUtf8()).toUtf8();
    QImage image;
    if (QRcode *code = text.isEmpty() ? nullptr : QRcode_encodeString8bit(text.constData(), 0, QR_ECLEVEL_M)) {
        constexpr int quiet = 4;
        const int n = code->width;
        image = QImage(n + 2 * quiet, n + 2 * quiet, QImage::Format_Grayscale8);
        image.fill(255);
        for (int y = 0; y < n; ++y) {
            uchar *line = image.scanLine(y + quiet);
            for (int x = 0; x < n; ++x)
                if (code->data[y * n + x] & 1)
                    line[x + quiet] = 0;
        }
        QRcode_free(code);
    }
    if (size)
        *size = image.size();
    return image;
}

} // namespace kiosk
