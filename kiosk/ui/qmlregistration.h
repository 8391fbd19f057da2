// SPDX-License-Identifier: GPL-3.0-or-later
// Declarative registration of the C++ objects the QML pages use. The objects are built and wired
// in KioskApp (or a test) and handed to QML as singletons; nothing is set as a context property.
#pragma once

#include "kiosk/input/pinyininputmethod.h"
#include "kiosk/journey/journey.h"
#include "kiosk/models/facetlistmodel.h"
#include "kiosk/models/servicelistmodel.h"
#include "kiosk/queue/queueservice.h"
#include "kiosk/session/session.h"

#include <QJSEngine>
#include <QQmlEngine>
#include <QtQml/qqmlregistration.h>

namespace kiosk {

/** Set by KioskApp (or a test) before the first QML file loads. */
struct QmlSingletons {
    static inline Session *session = nullptr;
    static inline QueueService *queue = nullptr;
    static inline Journey *journey = nullptr;
};

struct JourneyForeign {
    Q_GADGET
    QML_FOREIGN(kiosk::Journey)
    QML_NAMED_ELEMENT(Journey)
    QML_SINGLETON

public:
    static Journey *create(QQmlEngine *, QJSEngine *)
    {
        Q_ASSERT(QmlSingletons::journey);
        QJSEngine::setObjectOwnership(QmlSingletons::journey, QJSEngine::CppOwnership);
        return QmlSingletons::journey;
    }
};

struct SessionForeign {
    Q_GADGET
    QML_FOREIGN(kiosk::Session)
    QML_NAMED_ELEMENT(Session)
    QML_SINGLETON

public:
    static Session *create(QQmlEngine *, QJSEngine *engine)
    {
        Q_ASSERT(QmlSingletons::session);
        Q_ASSERT(engine->thread() == QmlSingletons::session->thread());
        QJSEngine::setObjectOwnership(QmlSingletons::session, QJSEngine::CppOwnership);
        return QmlSingletons::session;
    }
};

struct QueueServiceForeign {
    Q_GADGET
    QML_FOREIGN(kiosk::QueueService)
    QML_NAMED_ELEMENT(Queue)
    QML_SINGLETON

public:
    static QueueService *create(QQmlEngine *, QJSEngine *)
    {
        Q_ASSERT(QmlSingletons::queue);
        QJSEngine::setObjectOwnership(QmlSingletons::queue, QJSEngine::CppOwnership);
        return QmlSingletons::queue;
    }
};

struct QueueEntryModelForeign {
    Q_GADGET
    QML_FOREIGN(kiosk::QueueEntryModel)
    QML_NAMED_ELEMENT(QueueEntryModel)
    QML_UNCREATABLE("provided by Queue")
};

struct PinyinInputMethodForeign {
    Q_GADGET
    QML_FOREIGN(kiosk::PinyinInputMethod)
    QML_NAMED_ELEMENT(PinyinInputMethod)
};

struct ServiceListModelForeign {
    Q_GADGET
    QML_FOREIGN(kiosk::ServiceListModel)
    QML_NAMED_ELEMENT(ServiceListModel)
    QML_UNCREATABLE("provided by Session")
};

struct FacetListModelForeign {
    Q_GADGET
    QML_FOREIGN(kiosk::FacetListModel)
    QML_NAMED_ELEMENT(FacetListModel)
    QML_UNCREATABLE("provided by Session")
};

} // namespace kiosk
