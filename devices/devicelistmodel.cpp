// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/devicelistmodel.h"

namespace kiosk::devices {

QString deviceKindName(DeviceKind kind)
{
    switch (kind) {
    case DeviceKind::IdCardReader: return QStringLiteral("ID-card reader");
    case DeviceKind::ReceiptPrinter: return QStringLiteral("receipt printer");
    case DeviceKind::CodeScanner: return QStringLiteral("code scanner");
    case DeviceKind::A4Printer: return QStringLiteral("A4 printer");
    }
    return QStringLiteral("device");
}

std::optional<DeviceKind> deviceKindFromId(QStringView id)
{
    for (DeviceKind k : kDeviceKinds) {
        if (id == QLatin1String(deviceKindId(k)))
            return k;
    }
    return std::nullopt;
}

QJsonObject DeviceRow::toJson() const
{
    return QJsonObject{
        {QStringLiteral("kind"), QString::fromLatin1(deviceKindId(kind))},
        {QStringLiteral("model"), model},
        {QStringLiteral("vidPid"), vidPid},
        {QStringLiteral("transport"), transport},
        {QStringLiteral("status"), int(status)},
        {QStringLiteral("statusName"), statusName(status)},
        {QStringLiteral("error"), errorName(error)},
        {QStringLiteral("message"), message},
        {QStringLiteral("present"), present},
    };
}

DeviceListModel::DeviceListModel(QObject *parent)
    : QAbstractListModel(parent)
{
    for (DeviceKind k : kDeviceKinds) {
        DeviceRow r;
        r.kind = k;
        r.message = QStringLiteral("no %1 connected").arg(deviceKindName(k));
        m_rows.push_back(r);
    }
}

int DeviceListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant DeviceListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DeviceRow &r = m_rows[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case ModelRole: return r.model;
    case KindRole: return QVariant::fromValue(qmlKind(r.kind));
    case KindIdRole: return QString::fromLatin1(deviceKindId(r.kind));
    case VidPidRole: return r.vidPid;
    case TransportRole: return r.transport;
    case StatusRole: return int(r.status);
    case StatusNameRole: return statusName(r.status);
    case MessageRole: return r.message;
    case PresentRole: return r.present;
    case ErrorRole: return int(r.error);
    case ErrorNameRole: return errorName(r.error);
    default: break;
    }
    return {};
}

QHash<int, QByteArray> DeviceListModel::roleNames() const
{
    return {
        {KindRole, "kind"},
        {KindIdRole, "kindId"},
        {ModelRole, "model"},
        {VidPidRole, "vidPid"},
        {TransportRole, "transport"},
        {StatusRole, "status"},
        {StatusNameRole, "statusName"},
        {MessageRole, "message"},
        {PresentRole, "present"},
        {ErrorRole, "error"},
        {ErrorNameRole, "errorName"},
    };
}

void DeviceListModel::setRow(int row, const DeviceRow &value)
{
    if (row < 0 || row >= int(m_rows.size()) || m_rows[std::size_t(row)] == value)
        return;
    m_rows[std::size_t(row)] = value;
    Q_EMIT dataChanged(index(row), index(row));
}

void DeviceListModel::addSpare(const DeviceRow &value)
{
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.push_back(value);
    endInsertRows();
    Q_EMIT countChanged();
}

void DeviceListModel::removeSpare(const QString &key)
{
    for (int row = kDeviceKindCount; row < int(m_rows.size()); ++row) {
        if (m_rows[std::size_t(row)].key == key) {
            beginRemoveRows({}, row, row);
            m_rows.erase(m_rows.begin() + row);
            endRemoveRows();
            Q_EMIT countChanged();
            return;
        }
    }
}

int DeviceListModel::spareOf(DeviceKind kind) const
{
    for (int row = kDeviceKindCount; row < int(m_rows.size()); ++row) {
        if (m_rows[std::size_t(row)].kind == kind)
            return row;
    }
    return -1;
}

} // namespace kiosk::devices
