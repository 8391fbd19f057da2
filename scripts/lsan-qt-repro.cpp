// SPDX-License-Identifier: GPL-3.0-or-later
// The leak at exit that scripts/lsan.supp suppresses for Qt 6.4's software scene graph, shown with
// nothing of this project: an SVG Image and an image-provider Image in one Window.
//   g++ -std=c++20 -g -fsanitize=address scripts/lsan-qt-repro.cpp -o /tmp/lsan-qt-repro \
//       $(pkg-config --cflags --libs Qt6Quick Qt6Qml Qt6Gui Qt6Core)
//   printf '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24"><rect width="20" height="20"/></svg>' > /tmp/a.svg
//   QT_QPA_PLATFORM=offscreen QT_QUICK_BACKEND=software /tmp/lsan-qt-repro
// On Debian 12 (Qt 6.4.2) LeakSanitizer reports about 29 KB in 21 blocks, all "indirect", from
// QImageData::create, QRasterPaintEngine, QSGTexture and QPixmap::fromImage. Check again on a
// newer Qt before keeping the suppressions.
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickImageProvider>
#include <QTimer>

class Provider : public QQuickImageProvider
{
public:
    Provider()
        : QQuickImageProvider(Image)
    {
    }
    QImage requestImage(const QString &, QSize *size, const QSize &) override
    {
        QImage image(50, 50, QImage::Format_Mono);
        image.fill(0);
        *size = image.size();
        return image;
    }
};

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    {
        QQmlApplicationEngine engine;
        engine.addImageProvider(QStringLiteral("test"), new Provider);
        engine.loadData("import QtQuick\n"
                        "Window { visible: true; width: 200; height: 200\n"
                        "  Image { source: 'file:///tmp/a.svg'; sourceSize.width: 64; cache: false }\n"
                        "  Image { y: 80; source: 'image://test/x'; width: 100; height: 100; cache: false } }");
        QTimer::singleShot(500, &app, &QCoreApplication::quit);
        QGuiApplication::exec();
    }
    return 0;
}
