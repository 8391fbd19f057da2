// SPDX-License-Identifier: GPL-3.0-or-later
// The C++ objects QML sees as singletons are built and wired by the composition root (KioskApp or
// a test); each class's static create() hands QML that one instance through this helper.
#pragma once

#include <QJSEngine>
#include <QThread>

namespace kiosk {

template<typename T>
T *qmlInstance(T *instance, QJSEngine *engine)
{
    Q_ASSERT_X(instance, "qmlInstance", "set the instance before the first QML file loads");
    Q_ASSERT(!engine || engine->thread() == instance->thread());
    QJSEngine::setObjectOwnership(instance, QJSEngine::CppOwnership);
    return instance;
}

} // namespace kiosk
