// SPDX-License-Identifier: GPL-3.0-or-later
// Chinese input as a resident meets it: Qt Virtual Keyboard with the project's zh_CN layout and
// PinyinInputMethod over libgooglepinyin.
#include <QQmlEngine>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(KioskPlugin)
Q_IMPORT_QML_PLUGIN(Kiosk_DevicesPlugin)

class Setup : public QObject
{
    Q_OBJECT
public Q_SLOTS:
    void qmlEngineAvailable(QQmlEngine *engine) { engine->addImportPath(QStringLiteral("qrc:/")); }
};

int main(int argc, char **argv)
{
    // Before the application exists: the input context plugin and our layouts are chosen at start.
    qputenv("QT_IM_MODULE", "qtvirtualkeyboard");
    qputenv("QT_VIRTUALKEYBOARD_LAYOUT_PATH", KIOSK_KEYBOARD_LAYOUTS);
    QTEST_SET_MAIN_SOURCE_PATH
    Setup setup;
    return quick_test_main_with_setup(argc, argv, "kiosk_keyboard", QUICK_TEST_SOURCE_DIR, &setup);
}

#include "tst_pinyinkeyboard.moc"
