// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/ui/activityfilter.h"
#include "kiosk/session/session.h"

#include <QEvent>

namespace kiosk {

ActivityFilter::ActivityFilter(Session *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
}

bool ActivityFilter::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::TouchBegin:
    case QEvent::MouseButtonPress:
    case QEvent::KeyPress:
    case QEvent::Wheel:
        m_session->userActivity();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace kiosk
