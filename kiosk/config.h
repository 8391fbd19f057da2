// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace kiosk {

/**
 * The terminal's configuration (a JSON file, see docs/configuration.md). Every key is optional;
 * defaults suit a demo terminal. A file with a typo or a value out of range is rejected with a
 * message naming the key — a terminal must not start half-configured.
 */
struct Config {
    QString terminalId = QStringLiteral("DEMO-0001");
    QString terminalName = QStringLiteral("24小时自助服务终端");
    QString centerName = QStringLiteral("幸福里邻里中心");
    QString catalogPath; ///< empty: the built-in default catalog
    QString stateDir; ///< where the terminal keeps state (last good catalog, later the queue)
    QString language = QStringLiteral("zh_CN"); ///< zh_CN or en
    int idleTimeoutSeconds = 90;
    int idleWarningSeconds = 30;
    int elderIdleTimeoutSeconds = 180;
    int elderWarningSeconds = 60;
    int popularCount = 6; ///< items on the home screen's 常办事项 list
    bool simulate = false; ///< set by --simulate, not by the file

    /** Parses a config file's contents; on failure @p error says what is wrong. */
    [[nodiscard]] static std::optional<Config> fromJson(const QByteArray &json, QString *error);
    [[nodiscard]] static std::optional<Config> fromFile(const QString &path, QString *error);

    /** $KIOSK_STATE_DIR, else /var/lib/kiosk when writable, else the user's state directory. */
    [[nodiscard]] static QString defaultStateDir();
};

} // namespace kiosk
