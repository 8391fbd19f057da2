// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/ui/localization.h"
#include "common/logging.h"
#include "kiosk/session/session.h"

#include <QCoreApplication>
#include <QQmlEngine>

namespace kiosk {

Localization::Localization(Session *session, QQmlEngine *engine, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_engine(engine)
{
    connect(m_session, &Session::languageChanged, this, [this] { apply(m_session->language()); });
    apply(m_session->language());
}

bool Localization::apply(const QString &language)
{
    if (m_installed) {
        QCoreApplication::removeTranslator(&m_translator);
        m_installed = false;
    }
    const bool ok = m_translator.load(QStringLiteral(":/i18n/kiosk_%1.qm").arg(language));
    if (ok)
        m_installed = QCoreApplication::installTranslator(&m_translator);
    else
        qCWarning(lcApp) << "no translation for" << language;
    if (m_engine)
        m_engine->retranslate();
    return ok;
}

} // namespace kiosk
