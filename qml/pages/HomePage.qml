// SPDX-License-Identifier: GPL-3.0-or-later
// The start of every visit: search, the six community functions, departments, life events and
// the services residents use most.
import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Devices

Item {
    id: page
    objectName: "homePage"

    component BrowseButtons: GridLayout {
        Layout.fillWidth: true
        columns: 2
        rowSpacing: Theme.spacing
        columnSpacing: Theme.spacing
        KioskButton {
            objectName: "departmentsButton"
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            text: qsTr("By department")
            onClicked: Session.openDepartments()
        }
        KioskButton {
            objectName: "lifeEventsButton"
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            text: qsTr("By life event")
            onClicked: Session.openLifeEvents()
        }
        KioskButton {
            objectName: "progressButton"
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            text: qsTr("Check progress")
            onClicked: Session.openProgress()
        }
        KioskButton {
            objectName: "suggestionButton"
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            text: qsTr("12345 suggestions")
            onClicked: Session.suggest()
        }
    }


    component SearchEntry: Rectangle {
        objectName: visible ? "searchEntry" : ""
        Layout.fillWidth: true
        Layout.preferredHeight: Theme.landscape ? Theme.touchTarget : Theme.touchTarget * 1.2
        radius: height / 2
        color: Theme.surface
        border.color: Theme.primary
        border.width: 3
        Accessible.role: Accessible.Button
        Accessible.name: qsTr("Search services")
        SearchIcon {
            id: searchIcon
            anchors.left: parent.left
            anchors.leftMargin: Theme.margin * 1.5
            anchors.verticalCenter: parent.verticalCenter
        }
        Text {
            textFormat: Text.PlainText
            anchors.fill: parent
            anchors.leftMargin: Theme.margin * 2 + searchIcon.width + Theme.spacing
            anchors.rightMargin: Theme.margin
            verticalAlignment: Text.AlignVCenter
            text: qsTr("Search by name or pinyin")
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontLarge
            color: Theme.textSecondary
            wrapMode: Text.Wrap
            fontSizeMode: Text.Fit
            minimumPixelSize: Theme.fontBody
            elide: Text.ElideRight
        }
        TapHandler {
            onTapped: Session.openSearch()
        }
    }

    GridLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        columns: Theme.landscape ? 2 : 1
        columnSpacing: Theme.margin * 1.5
        rowSpacing: Theme.spacing * 1.5

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: Theme.landscape
            Layout.preferredWidth: 1
            Layout.alignment: Qt.AlignTop
            spacing: Theme.spacing * 1.5

            DeviceNoticePanel {
                objectName: "deviceNotice"
                Layout.fillWidth: true
                Layout.preferredHeight: implicitHeight
                idCardStatus: Devices.idCardStatus
                printerStatus: Devices.printerStatus
                scannerStatus: Devices.scannerStatus
            }

            SearchEntry {
                visible: !Theme.landscape
            }

            Text {
                textFormat: Text.PlainText
                text: qsTr("Services by need")
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontHeading
                font.bold: true
                color: Theme.textPrimary
            }
            GridLayout {
                Layout.fillWidth: true
                columns: 3
                columnSpacing: Theme.spacing
                rowSpacing: Theme.spacing
                Repeater {
                    model: Session.categories
                    delegate: CategoryTile {
                        required property string facetId
                        required property string name
                        required property int count
                        readonly property var glyphs: ({ childcare: "育", eldercare: "养", medical: "医", food: "食", living: "乐", affairs: "办" })
                        objectName: "categoryTile_" + facetId
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        compact: Theme.compactTiles
                        glyph: glyphs[facetId] || "办"
                        tint: Theme.categoryTint(facetId)
                        title: name
                        itemCount: count
                        onClicked: Session.openCategory(facetId)
                    }
                }
            }
            // Portrait: under the categories. Landscape: at the top of the right column, where
            // the height is (the left column has no room for them in elder mode).
            BrowseButtons {
                visible: !Theme.landscape
            }
            Item {
                visible: Theme.landscape
                Layout.fillHeight: true
            }
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredWidth: 1
            spacing: Theme.spacing
            SearchEntry {
                visible: Theme.landscape
            }
            BrowseButtons {
                visible: Theme.landscape
            }
            RowLayout {
                Layout.fillWidth: true
                Text {
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    text: qsTr("Most used")
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontHeading
                    font.bold: true
                    color: Theme.textPrimary
                }
                KioskButton {
                    objectName: "morePopularButton"
                    text: qsTr("More ›")
                    fontSize: Theme.fontBody
                    onClicked: Session.openPopular()
                }
            }
            ServiceList {
                objectName: "popularList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                // The rows that fit whole; "More" shows them all.
                pagerShown: false
                columns: 1
                services: Session.popular
                onChosen: code => Session.openItem(code)
            }
        }
    }
}
