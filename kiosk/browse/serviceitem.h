// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kiosk/browse/servicehandling.h"

#include <QStringList>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace kiosk {

/** One material a resident brings. */
struct ServiceMaterial {
    Q_GADGET
    QML_VALUE_TYPE(serviceMaterial)
    Q_PROPERTY(QString name MEMBER name)
    Q_PROPERTY(QString note MEMBER note)
    Q_PROPERTY(bool optional MEMBER optional)
public:
    QString name, note;
    bool optional = false;
};

/** A catalog item as its detail page shows it, in the interface language. */
struct ServiceItem {
    Q_GADGET
    QML_VALUE_TYPE(serviceItem)
    Q_PROPERTY(QString code MEMBER code)
    Q_PROPERTY(QString name MEMBER name)
    Q_PROPERTY(QString summary MEMBER summary)
    Q_PROPERTY(QString department MEMBER department)
    Q_PROPERTY(QString category MEMBER category)
    Q_PROPERTY(QString categoryName MEMBER categoryName)
    Q_PROPERTY(QStringList lifeEvents MEMBER lifeEvents)
    /** ServiceMaterial values. */
    Q_PROPERTY(QVariantList materials MEMBER materials)
    Q_PROPERTY(QString conditions MEMBER conditions)
    Q_PROPERTY(int promisedDays MEMBER promisedDays)
    Q_PROPERTY(int legalDays MEMBER legalDays)
    Q_PROPERTY(double fee MEMBER fee)
    Q_PROPERTY(QString feeNote MEMBER feeNote)
    Q_PROPERTY(kiosk::ServiceHandling::Kind handling MEMBER handling)
    /** Applied for here: the item has a form at this terminal. */
    Q_PROPERTY(bool applicable MEMBER applicable)
    /** What the item's button does (apply, query, print a certificate). */
    Q_PROPERTY(kiosk::ServiceHandling::Action action MEMBER action)
    /** Answered without the resident's card (the catalog marks it public). */
    Q_PROPERTY(bool publicAccess MEMBER publicAccess)
    Q_PROPERTY(QString platform MEMBER platform)
    Q_PROPERTY(QString where MEMBER where)
    Q_PROPERTY(QString nextSteps MEMBER nextSteps)
    /**
     * The summary, conditions, materials, place, fee note and next steps exist only in Chinese
     * (the catalog has English names, not English texts): the English page says so instead of
     * splicing Chinese into English sentences.
     */
    Q_PROPERTY(bool detailsInChinese MEMBER detailsInChinese)
public:
    QString code, name, summary, department, category, categoryName;
    QStringList lifeEvents;
    QVariantList materials;
    QString conditions;
    int promisedDays = 0;
    int legalDays = 0;
    double fee = 0;
    QString feeNote;
    ServiceHandling::Kind handling = ServiceHandling::Kind::Guide;
    bool applicable = false;
    ServiceHandling::Action action = ServiceHandling::Action::Apply;
    bool publicAccess = false;
    QString platform, where, nextSteps;
    bool detailsInChinese = false;
};

} // namespace kiosk
