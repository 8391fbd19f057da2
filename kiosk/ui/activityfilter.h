// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

namespace kiosk {

class Session;

/** Watches a window's input: any touch, click or key keeps the resident's session alive. */
class ActivityFilter : public QObject
{
    Q_OBJECT
public:
    explicit ActivityFilter(Session *session, QObject *parent = nullptr);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    Session *m_session;
};

} // namespace kiosk
