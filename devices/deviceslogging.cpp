// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices/deviceslogging.h"

Q_LOGGING_CATEGORY(lcDevices, "kiosk.devices", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUsb, "kiosk.devices.usb", QtInfoMsg)
Q_LOGGING_CATEGORY(lcIdCard, "kiosk.devices.idcard", QtInfoMsg)
Q_LOGGING_CATEGORY(lcPrinter, "kiosk.devices.printer", QtInfoMsg)
Q_LOGGING_CATEGORY(lcScanner, "kiosk.devices.scanner", QtInfoMsg)
Q_LOGGING_CATEGORY(lcA4Printer, "kiosk.devices.a4printer", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSimulator, "kiosk.devices.simulator", QtInfoMsg)
