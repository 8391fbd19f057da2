// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "services/catalog/catalog.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

/** Where an item is done (catalog::Handling), as QML sees it: Handling.Terminal, … */
namespace kiosk::ServiceHandling {
Q_NAMESPACE
QML_NAMED_ELEMENT(Handling)

enum class Kind {
    Terminal, ///< 全程自助: done entirely at the terminal
    Collect, ///< 终端申请、窗口领取: applied for here, collected at a counter
    Guide, ///< 办事指引: the terminal explains, the resident goes to a counter
};
Q_ENUM_NS(Kind)

/** What 立即办理 on the item's page leads to: a form, or an answer while the resident waits. */
enum class Action {
    Apply, ///< a form, submitted through the queue
    Query, ///< 查询: the record on screen, printable
    Certificate, ///< 打印证明: the department's certificate on A4
};
Q_ENUM_NS(Action)

[[nodiscard]] inline Kind of(catalog::Handling h)
{
    switch (h) {
    case catalog::Handling::Terminal: return Kind::Terminal;
    case catalog::Handling::Collect: return Kind::Collect;
    case catalog::Handling::Guide: return Kind::Guide;
    }
    return Kind::Guide;
}

} // namespace kiosk::ServiceHandling
