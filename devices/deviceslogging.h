// SPDX-License-Identifier: GPL-3.0-or-later
// One logging category per driver, so a technician can turn on exactly the one in question
// (debug output is off unless asked for):
// QT_LOGGING_RULES="kiosk.devices.printer.debug=true".
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcDevices) // the device manager
Q_DECLARE_LOGGING_CATEGORY(lcUsb) // libusb context, hotplug, transfers
Q_DECLARE_LOGGING_CATEGORY(lcIdCard)
Q_DECLARE_LOGGING_CATEGORY(lcPrinter)
Q_DECLARE_LOGGING_CATEGORY(lcScanner)
Q_DECLARE_LOGGING_CATEGORY(lcA4Printer)
Q_DECLARE_LOGGING_CATEGORY(lcSimulator)
