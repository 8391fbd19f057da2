// SPDX-License-Identifier: GPL-3.0-or-later
// The frame around every page: header, the page for the session's screen, navigation, and the
// idle warning. It follows Session; it never decides anything itself.
import QtQuick
import Kiosk

Rectangle {
    id: shell
    objectName: "appShell"

    color: Theme.background

    Binding {
        target: Theme
        property: "elder"
        value: Session.elderMode
    }
    Binding {
        target: Theme
        property: "landscape"
        value: shell.width > shell.height
    }

    readonly property bool inVisit: Session.screen !== Session.Attract
    // While a popup is up, nothing underneath takes touches (pointer handlers would otherwise
    // still see them through the popup).
    readonly property bool modal: pinPopup.visible || Session.idleWarning

    HeaderPanel {
        id: header
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        visible: shell.inVisit
        enabled: !shell.modal
        height: visible ? implicitHeight : 0
        centerName: Session.centerName
        terminalName: Session.terminalName
        elderMode: Session.elderMode
        residentName: Session.residentName
        residentIdMasked: Session.residentIdMasked
        language: Session.language
        onElderModeToggled: Session.elderMode = !Session.elderMode
        onLanguageToggled: Session.language = (Session.language === "en" ? "zh_CN" : "en")
        onStaffGesture: {
            pinPopup.clear()
            pinPopup.message = ""
            pinPopup.visible = true
        }
    }

    Loader {
        id: pageLoader
        objectName: "pageLoader"
        enabled: !shell.modal
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: header.bottom
        anchors.bottom: navigation.top
        source: {
            switch (Session.screen) {
            case Session.Home: return "pages/HomePage.qml"
            case Session.FacetList: return "pages/FacetListPage.qml"
            case Session.ItemList: return "pages/ServiceListPage.qml"
            case Session.Search: return "pages/SearchPage.qml"
            case Session.ItemDetail: return "pages/ServiceDetailPage.qml"
            case Session.StaffQueue: return "pages/StaffQueuePage.qml"
            case Session.StaffDevices: return "pages/StaffDevicesPage.qml"
            default: return "pages/AttractPage.qml"
            }
        }
    }

    NavigationPanel {
        id: navigation
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        visible: shell.inVisit
        enabled: !shell.modal
        height: visible ? implicitHeight : 0
        canGoBack: Session.screen !== Session.Home
        onBackClicked: Session.back()
        onHomeClicked: Session.goHome()
        onEndClicked: Session.reset()
    }

    NoticePopup {
        objectName: "notice"
        anchors.top: header.bottom
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.margins: Theme.margin
        text: Session.notice
        onClosed: Session.clearNotice()
    }

    PinPopup {
        id: pinPopup
        objectName: "pinPopup"
        anchors.fill: parent
        visible: false
        onCancelled: visible = false
        onSubmitted: pin => {
            if (Session.unlockStaff(pin)) {
                visible = false
            } else {
                clear()
                message = qsTr("Wrong PIN.")
            }
        }
    }

    IdleWarningPopup {
        objectName: "idleWarning"
        anchors.fill: parent
        visible: Session.idleWarning
        secondsLeft: Session.idleSecondsLeft
        onContinueClicked: Session.continueSession()
    }
}
