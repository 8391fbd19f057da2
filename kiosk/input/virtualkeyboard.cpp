// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/input/virtualkeyboard.h"

#include <QDir>
#include <QFileInfo>

#include <filesystem>
#include <system_error>

namespace kiosk::input {

QString keyboardLayoutsPath()
{
    if (const QString env = qEnvironmentVariable("KIOSK_KEYBOARD_LAYOUTS"); !env.isEmpty())
        return env;
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const QDir bin(QFileInfo(QString::fromStdString(exe.string())).absolutePath());
        const QString installed = bin.absoluteFilePath(QStringLiteral("../share/kiosk/keyboard/layouts"));
        if (QFileInfo(installed + QStringLiteral("/zh_CN/main.qml")).isFile())
            return QDir::cleanPath(installed);
    }
    return QStringLiteral(KIOSK_SOURCE_KEYBOARD_LAYOUTS);
}

QString keyboardImportPath()
{
    return QDir::cleanPath(keyboardLayoutsPath() + QStringLiteral("/../import"));
}

void useVirtualKeyboard()
{
    if (qEnvironmentVariableIsEmpty("QT_IM_MODULE"))
        qputenv("QT_IM_MODULE", "qtvirtualkeyboard");
    if (qEnvironmentVariableIsEmpty("QT_VIRTUALKEYBOARD_LAYOUT_PATH"))
        qputenv("QT_VIRTUALKEYBOARD_LAYOUT_PATH", QFile::encodeName(keyboardLayoutsPath()));
}

} // namespace kiosk::input
