// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/fleet/runrecord.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace kiosk::runrecord {

namespace {

QString g_reason;

QString fileIn(const QString &stateDir)
{
    return QDir(stateDir).filePath(QStringLiteral("run.json"));
}

void write(const QString &stateDir, const QJsonObject &o)
{
    QSaveFile f(fileIn(stateDir));
    if (f.open(QIODevice::WriteOnly) && f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        f.write(QJsonDocument(o).toJson(QJsonDocument::Compact));
        f.commit();
    }
}

} // namespace

QString begin(const QString &stateDir)
{
    QString previous;
    QFile f(fileIn(stateDir));
    if (!f.exists()) {
        previous = QStringLiteral("first start");
    } else if (f.open(QIODevice::ReadOnly)) {
        const QJsonObject o = QJsonDocument::fromJson(f.read(4096)).object();
        if (o.value(QLatin1String("running")).toBool())
            previous = QStringLiteral("unexpected end (crash, watchdog or power cut)");
        else
            previous = o.value(QLatin1String("reason")).toString().left(120);
        if (previous.isEmpty())
            previous = QStringLiteral("unknown (unreadable run record)");
    }
    write(stateDir, QJsonObject{{QStringLiteral("running"), true},
                                {QStringLiteral("since"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}});
    return previous;
}

void setReason(const QString &reason)
{
    g_reason = reason;
}

void end(const QString &stateDir)
{
    write(stateDir, QJsonObject{{QStringLiteral("running"), false},
                                {QStringLiteral("reason"), g_reason.isEmpty() ? QStringLiteral("stopped") : g_reason},
                                {QStringLiteral("at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}});
}

} // namespace kiosk::runrecord
