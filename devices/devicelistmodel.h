// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "devices/devicestatus.h"
#include "devices/usb/devicetable.h"

#include <QAbstractListModel>
#include <QJsonObject>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace kiosk::devices {

/** What the device list shows for one device. */
struct DeviceRow {
    DeviceKind kind = DeviceKind::IdCardReader;
    QString model;
    QString vidPid; ///< "0400:c35a"; empty for built-in serial ports
    QString transport; ///< "usb-bulk", "serial", "simulated-hid-pos", …
    DeviceStatus status = DeviceStatus::Unknown;
    DeviceError error = DeviceError::None; ///< why it is not Normal; the UI words come from this
    QString message; ///< the technician's detail (English)
    bool present = false;
    QString key; ///< where it is plugged ("usb:001/004", "/dev/ttyS1", "sim:printer")

    /** One line of `kioskctl devices list`. */
    [[nodiscard]] QJsonObject toJson() const;
    friend bool operator==(const DeviceRow &, const DeviceRow &) = default;
};

/**
 * The terminal's devices for QML and kioskctl. The first rows (one per kind, kDeviceKindCount)
 * are always the ID-card reader, the receipt printer, the code scanner and the A4 printer in
 * service (present or not); devices of a kind that already has one in service follow as spares
 * (status disabled).
 */
class DeviceListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("provided by Devices")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    enum Role {
        KindRole = Qt::UserRole + 1,
        ModelRole,
        VidPidRole,
        TransportRole,
        StatusRole,
        StatusNameRole,
        MessageRole,
        PresentRole,
        ErrorRole, ///< DeviceError
        ErrorNameRole,
        KindIdRole, ///< "idcard", "printer", "scanner", "a4printer": for names and the simulator's script
    };
    Q_ENUM(Role)

    explicit DeviceListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] const std::vector<DeviceRow> &rows() const { return m_rows; }
    /** The row of the device in service of @p kind (0 … kDeviceKindCount - 1). */
    [[nodiscard]] static int rowOf(DeviceKind kind) { return int(kind); }
    [[nodiscard]] const DeviceRow &inService(DeviceKind kind) const { return m_rows[std::size_t(rowOf(kind))]; }

    void setRow(int row, const DeviceRow &value);
    void addSpare(const DeviceRow &value);
    void removeSpare(const QString &key);
    /** The first spare of @p kind, or -1. */
    [[nodiscard]] int spareOf(DeviceKind kind) const;

Q_SIGNALS:
    void countChanged();

private:
    std::vector<DeviceRow> m_rows;
};

/** "ID-card reader", "receipt printer", "code scanner", "A4 printer". */
[[nodiscard]] QString deviceKindName(DeviceKind kind);
[[nodiscard]] std::optional<DeviceKind> deviceKindFromId(QStringView id);

} // namespace kiosk::devices
