// SPDX-License-Identifier: GPL-3.0-or-later
// A date an older resident can set without a calendar grid: year, month and day each with large
// − and + buttons (and ±10 years for birth dates), kept within the field's range.
import QtQuick
import QtQuick.Layouts
import Kiosk

ColumnLayout {
    id: picker

    /** ISO yyyy-MM-dd, or empty (then the picker starts from `start`). */
    property string value: ""
    property string minDate: "1900-01-01"
    property string maxDate: "2100-12-31"
    property string start: ""

    /** Offer to empty the date again (an optional field, or a wrong pick). */
    property bool clearable: false

    signal picked(string value)
    signal cleared()

    // ±10 years only where the range is that wide (birth dates), not for a date next month.
    readonly property bool wideRange: (+maxDate.slice(0, 4)) - (+minDate.slice(0, 4)) > 10

    spacing: Theme.spacing

    function parts(iso) {
        const p = (iso || "").split("-")
        return p.length === 3 ? { y: +p[0], m: +p[1], d: +p[2] } : null
    }
    function iso(y, m, d) {
        return String(y).padStart(4, "0") + "-" + String(m).padStart(2, "0") + "-" + String(d).padStart(2, "0")
    }
    function daysIn(y, m) { return new Date(y, m, 0).getDate() }
    readonly property var current: parts(value) || parts(start) || parts(maxDate)
    function move(dy, dm, dd) {
        let y = current.y + dy, m = current.m + dm, d = current.d + dd
        if (m < 1) { m = 12; y -= 1 }
        if (m > 12) { m = 1; y += 1 }
        if (d < 1) { m -= 1; if (m < 1) { m = 12; y -= 1 } d = daysIn(y, m) }
        else if (d > daysIn(y, m)) {
            if (dd !== 0) { d = 1; m += 1; if (m > 12) { m = 1; y += 1 } } else { d = daysIn(y, m) }
        }
        let next = iso(y, m, d)
        if (next < minDate) next = minDate
        if (next > maxDate) next = maxDate
        picked(next)
    }

    component Column3: ColumnLayout {
        id: col
        property string label
        property string shown
        property int unit: 0 // 0 year, 1 month, 2 day
        property bool chosen: true // false: only where the picker starts, not an answer (shown dimmed)
        // The picker applies the step: an inline component cannot reach the file's ids.
        signal step(int sign)
        Layout.fillWidth: true
        Layout.preferredWidth: 1
        spacing: Theme.spacing / 2
        Text {
            textFormat: Text.PlainText
            Layout.alignment: Qt.AlignHCenter
            text: col.label
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontBody
            color: Theme.textSecondary
        }
        KioskButton {
            objectName: "datePlus" + col.unit
            Layout.fillWidth: true
            text: "＋"
            fontSize: Theme.fontHeading
            onClicked: col.step(1)
        }
        Rectangle {
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touchTarget * 1.1
            color: Theme.surface
            border.color: Theme.primary
            border.width: Math.max(2, Theme.borderWidth)
            radius: Theme.radius
            Text {
                textFormat: Text.PlainText
                anchors.centerIn: parent
                text: col.shown
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontTitle
                font.bold: col.chosen
                color: col.chosen ? Theme.textPrimary : Theme.textSecondary
            }
        }
        KioskButton {
            objectName: "dateMinus" + col.unit
            Layout.fillWidth: true
            text: "－"
            fontSize: Theme.fontHeading
            onClicked: col.step(-1)
        }
    }

    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.spacing * 2
        Column3 {
            chosen: picker.value !== ""; label: qsTr("Year"); shown: String(picker.current.y); unit: 0
            onStep: sign => picker.move(sign, 0, 0)
        }
        Column3 {
            chosen: picker.value !== ""; label: qsTr("Month"); shown: String(picker.current.m); unit: 1
            onStep: sign => picker.move(0, sign, 0)
        }
        Column3 {
            chosen: picker.value !== ""; label: qsTr("Day"); shown: String(picker.current.d); unit: 2
            onStep: sign => picker.move(0, 0, sign)
        }
    }
    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.spacing
        visible: picker.wideRange || (picker.clearable && picker.value !== "")
        KioskButton {
            objectName: "dateMinus10"
            visible: picker.wideRange
            Layout.fillWidth: true
            text: qsTr("10 years earlier")
            onClicked: picker.move(-10, 0, 0)
        }
        KioskButton {
            objectName: "datePlus10"
            visible: picker.wideRange
            Layout.fillWidth: true
            text: qsTr("10 years later")
            onClicked: picker.move(10, 0, 0)
        }
        KioskButton {
            id: clearButton
            objectName: "dateClearButton"
            visible: picker.clearable && picker.value !== ""
            Layout.fillWidth: true
            text: qsTr("Clear the date")
            onClicked: picker.cleared()
        }
    }
}
