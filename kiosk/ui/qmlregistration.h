// SPDX-License-Identifier: GPL-3.0-or-later
// The device layer's objects as QML sees them, until the devices library registers its own types.
// TODO: goes away when `devices` is a QML module of its own (QML_ELEMENT on the classes).
#pragma once

#include "devices/devicelistmodel.h"
#include "devices/devicemanager.h"
#include "kiosk/ui/qmlinstance.h"

#include <QQmlEngine>
#include <QtQml/qqmlregistration.h>

namespace kiosk {

/** Set by KioskApp (or a test) before the first QML file loads. */
struct QmlSingletons {
    static inline devices::DeviceManager *devices = nullptr;
};

struct DeviceManagerForeign {
    Q_GADGET
    QML_FOREIGN(kiosk::devices::DeviceManager)
    QML_NAMED_ELEMENT(Devices)
    QML_SINGLETON

public:
    static devices::DeviceManager *create(QQmlEngine *, QJSEngine *engine)
    {
        return qmlInstance(QmlSingletons::devices, engine);
    }
};

struct DeviceListModelForeign {
    Q_GADGET
    QML_FOREIGN(kiosk::devices::DeviceListModel)
    QML_NAMED_ELEMENT(DeviceListModel)
    QML_UNCREATABLE("provided by Devices")
};

} // namespace kiosk
