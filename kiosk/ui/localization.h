// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QTranslator>

class QQmlEngine;

namespace kiosk {

class Session;

/**
 * Follows Session::language: installs the matching translation (compiled from the i18n .ts files into the
 * binary) and makes every qsTr() binding re-evaluate, so the switch is live.
 */
class Localization : public QObject
{
    Q_OBJECT
public:
    Localization(Session *session, QQmlEngine *engine, QObject *parent = nullptr);

    /** Installs @p language ("zh_CN" or "en"); returns false when its translation is missing. */
    bool apply(const QString &language);

private:
    Session *m_session;
    QQmlEngine *m_engine;
    QTranslator m_translator;
    bool m_installed = false;
};

} // namespace kiosk
