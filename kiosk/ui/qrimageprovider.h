// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QQuickImageProvider>

namespace kiosk {

/**
 * "image://qr/<text>": the QR code of <text> (URL-encoded), black on white with the quiet zone,
 * one pixel per module — the Image scales it up without smoothing. Used for a receipt's code on
 * screen when the printer cannot print it.
 */
class QrImageProvider : public QQuickImageProvider
{
public:
    QrImageProvider();
    QImage requestImage(const QString &id, QSize *size, const QSize &requestedSize) override;
};

} // namespace kiosk
