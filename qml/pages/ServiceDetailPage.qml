// SPDX-License-Identifier: GPL-3.0-or-later
// Everything a resident needs to decide: what the service is, who may apply, what to bring,
// how long it takes, what it costs, where it is handled and what happens next.
import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Devices

Item {
    id: page
    objectName: "serviceDetailPage"
    // One column, or two in landscape, of the page's width inside its margins.
    readonly property real cellWidth: (width - 2 * Theme.margin - (Theme.landscape ? Theme.margin * 1.5 : 0)) / (Theme.landscape ? 2 : 1)
    /** Always in view (the layout check holds it to that). */
    readonly property Item primaryAction: page.item.applicable ? applyButton : null

    readonly property var item: Session.item // var: Qt 6.4's compiled bindings crash on this value type
    /** After a heading whose text exists only in Chinese, in the English interface. */
    readonly property string inChinese: item.detailsInChinese ? " " + qsTr("(in Chinese)") : ""

    function daysText(days) {
        return days === 0 ? qsTr("On the spot") : qsTr("%n working day(s)", "", days)
    }
    function handlingText(h) {
        return h === Handling.Terminal ? qsTr("Completed entirely at this terminal.")
             : h === Handling.Collect ? qsTr("Apply at this terminal, then collect the result at the counter.")
                               : qsTr("This terminal explains the service; it is handled at a counter.")
    }

    // What the service is, then its sections (two columns in landscape), a page at a time; the
    // apply button stays in view below.
    PagedColumn {
        id: details
        objectName: "detailPages"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: applyButton.top
        anchors.margins: Theme.margin
        spacing: Theme.spacing * 2

            Text {
                textFormat: Text.PlainText
                objectName: "itemName"
                Layout.fillWidth: true
                text: page.item.name || ""
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontTitle
                font.bold: true
                lineHeight: 1.15
                color: Theme.textPrimary
                wrapMode: Text.Wrap
            }
            Flow {
                Layout.fillWidth: true
                spacing: Theme.spacing
                HandlingBadge {
                    handling: page.item.handling
                }
                Text {
                    textFormat: Text.PlainText
                    text: (page.item.department || "") + " · " + (page.item.categoryName || "")
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontSmall
                    color: Theme.textSecondary
                }
                Text {
                    textFormat: Text.PlainText
                    text: qsTr("Code %1").arg(page.item.code || "")
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontSmall
                    color: Theme.textSecondary
                }
                Text {
                    textFormat: Text.PlainText
                    objectName: "detailsLanguage"
                    visible: page.item.detailsInChinese || false
                    text: qsTr("Details in Chinese only")
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontSmall
                    font.bold: true
                    color: Theme.textSecondary
                }
            }
            BodyText {
                Layout.fillWidth: true
                text: page.item.summary || ""
            }
            DeviceNoticePanel {
                objectName: "itemDeviceNotice"
                Layout.fillWidth: true
                Layout.preferredHeight: implicitHeight
                // Only the devices this item needs: the printer for a receipt, the reader to fill the form.
                readonly property bool submitted: page.item.handling !== Handling.Guide
                readonly property bool personal: page.item.action === Handling.Apply || !page.item.publicAccess
                idCardStatus: submitted && personal ? Devices.idCardStatus : DeviceStatus.Normal
                // A query prints on A4 only when asked; an application's receipt always.
                printerStatus: submitted && page.item.action === Handling.Apply ? Devices.printerStatus : DeviceStatus.Normal
                a4PrinterStatus: page.item.action === Handling.Certificate ? Devices.a4PrinterStatus : DeviceStatus.Normal
            }
        GridLayout {
            Layout.fillWidth: true
            columns: Theme.landscape ? 2 : 1
            columnSpacing: Theme.margin * 1.5
            rowSpacing: Theme.spacing * 2

            InfoSection {
                Layout.fillWidth: false // a width known before the height is asked (layouts do not do height-for-width)
            Layout.preferredWidth: page.cellWidth
            Layout.alignment: Qt.AlignTop
            title: qsTr("How it is handled")
                BodyText {
                    text: page.handlingText(page.item.handling) + "\n"
                          + (page.item.detailsInChinese ? qsTr("Where (in Chinese): %1") : qsTr("Where: %1")).arg(page.item.where || "")
                }
            }
            InfoSection {
                Layout.fillWidth: false // a width known before the height is asked (layouts do not do height-for-width)
            Layout.preferredWidth: page.cellWidth
            Layout.alignment: Qt.AlignTop
            title: qsTr("Time limit and fee")
                BodyText {
                    objectName: "timeLimitText"
                    text: qsTr("Promised: %1 · Legal limit: %2").arg(page.daysText(page.item.promisedDays || 0))
                                                                .arg(page.daysText(page.item.legalDays || 0))
                }
                BodyText {
                    text: (page.item.fee || 0) <= 0 ? qsTr("Fee: free of charge")
                        : page.item.detailsInChinese ? qsTr("Fee: %1 yuan").arg(page.item.fee) + (page.item.feeNote ? "\n" + qsTr("Note (in Chinese): %1").arg(page.item.feeNote) : "")
                        : qsTr("Fee: %1 yuan (%2)").arg(page.item.fee).arg(page.item.feeNote)
                }
            }
            InfoSection {
            Layout.fillWidth: false // a width known before the height is asked (layouts do not do height-for-width)
            Layout.preferredWidth: page.cellWidth
            Layout.alignment: Qt.AlignTop
                visible: (page.item.conditions || "").length > 0
                title: qsTr("Who can apply") + page.inChinese
                BodyText {
                    text: page.item.conditions || ""
                }
            }
            InfoSection {
                objectName: "materialsSection"
            Layout.fillWidth: false // a width known before the height is asked (layouts do not do height-for-width)
            Layout.preferredWidth: page.cellWidth
            Layout.alignment: Qt.AlignTop
                title: qsTr("What to bring") + page.inChinese
                BodyText {
                    visible: (page.item.materials || []).length === 0
                    text: qsTr("Nothing needs to be brought.")
                }
                Repeater {
                    model: page.item.materials || []
                    delegate: BodyText {
                        required property var modelData
                        required property int index
                        text: (index + 1) + ". " + modelData.name
                              + (modelData.optional ? qsTr(" (if applicable)") : "")
                              + (modelData.note ? "\n     " + modelData.note : "")
                    }
                }
            }
            InfoSection {
            Layout.fillWidth: false // a width known before the height is asked (layouts do not do height-for-width)
            Layout.preferredWidth: page.cellWidth
            Layout.alignment: Qt.AlignTop
                title: qsTr("What happens next") + page.inChinese
                BodyText {
                    text: page.item.nextSteps || ""
                }
            }
        }
    }

    KioskButton {
        id: applyButton
        objectName: "applyButton"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        anchors.bottomMargin: visible ? Theme.margin : 0
        visible: page.item.applicable
        height: visible ? Theme.touchTarget * 1.15 : 0
        primary: true
        fontSize: Theme.fontHeading
        text: page.item.action === Handling.Query ? qsTr("Look it up now")
            : page.item.action === Handling.Certificate ? qsTr("Print the certificate")
            : qsTr("Apply now")
        onClicked: Session.apply()
    }

    Connections {
        target: Session
        function onItemChanged() { details.first() }
    }
}
