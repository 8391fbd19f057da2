// SPDX-License-Identifier: GPL-3.0-or-later
// The frame around every page: header, the page for the session's screen, navigation, and the
// idle warning. It follows Session; it never decides anything itself.
import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings
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

    // The on-screen keyboard follows the interface language: pinyin for Chinese, QWERTY for English.
    Binding {
        target: VirtualKeyboardSettings
        property: "activeLocales"
        value: [Session.english ? "en_GB" : "zh_CN"]
    }
    Binding {
        target: VirtualKeyboardSettings
        property: "locale"
        value: Session.english ? "en_GB" : "zh_CN"
    }

    // Our keyboard style (theme font, large keys): chosen here, where this engine's import paths
    // are known (Qt resolves QT_VIRTUALKEYBOARD_STYLE before the application's engine exists).
    Component.onCompleted: VirtualKeyboardSettings.styleName = "kiosk"

    readonly property bool typing: keyboard.active && shell.inVisit
    readonly property bool inVisit: Session.screen !== Session.Attract
    // Typing in landscape: the keyboard takes the lower half, the way out (back, home, end) stands
    // beside it. In portrait it stays above the keyboard. It is never hidden while typing.
    readonly property bool navigationBeside: shell.typing && Theme.landscape
    // While a popup is up, nothing underneath takes touches (pointer handlers would otherwise
    // still see them through the popup).
    readonly property bool modal: pinPopup.visible || Session.idleWarning

    HeaderPanel {
        id: header
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        // Typing in landscape: the keyboard needs the room; the header returns when it closes.
        visible: shell.inVisit && !(shell.typing && Theme.landscape)
        enabled: !shell.modal
        height: visible ? implicitHeight : 0
        centerName: Session.centerName
        terminalName: Session.terminalName
        elderMode: Session.elderMode
        residentName: Session.residentName
        residentIdMasked: Session.residentIdMasked
        language: Session.english ? "en" : "zh_CN"
        onElderModeToggled: Session.elderMode = !Session.elderMode
        onLanguageToggled: Session.toggleLanguage()
        onStaffGesture: Session.staffPad.openPad()
    }

    Loader {
        id: pageLoader
        objectName: "pageLoader"
        enabled: !shell.modal
        anchors.left: parent.left
        anchors.right: parent.right
        // A notice takes its own room above the page: it never covers what the resident needs.
        anchors.top: notice.visible ? notice.bottom : header.bottom
        anchors.topMargin: notice.visible ? Theme.spacing : 0
        anchors.bottom: shell.navigationBeside ? keyboard.top : navigation.top
        source: {
            switch (Session.screen) {
            case Session.Home: return "pages/HomePage.qml"
            case Session.FacetList: return "pages/FacetListPage.qml"
            case Session.ItemList: return "pages/ServiceListPage.qml"
            case Session.Search: return "pages/SearchPage.qml"
            case Session.ItemDetail: return "pages/ServiceDetailPage.qml"
            case Session.Form: return "pages/FormPage.qml"
            case Session.Review: return "pages/ReviewPage.qml"
            case Session.Submitted: return "pages/SubmittedPage.qml"
            case Session.Evaluation: return "pages/EvaluationPage.qml"
            case Session.Progress: return "pages/ProgressPage.qml"
            case Session.Query: return "pages/QueryPage.qml"
            case Session.StaffQueue: return "pages/StaffQueuePage.qml"
            case Session.StaffDevices: return "pages/StaffDevicesPage.qml"
            case Session.StaffFleet: return "pages/StaffFleetPage.qml"
            case Session.Maintenance: return "pages/MaintenancePage.qml"
            default: return "pages/AttractPage.qml"
            }
        }
    }

    // Portrait: page, way out, candidates, keyboard, one above the other. Landscape while typing:
    // the keyboard at the bottom left, the candidates and the way out in a column beside it.
    NavigationPanel {
        id: navigation
        x: shell.navigationBeside ? keyboard.width : 0
        y: shell.navigationBeside ? (candidates.visible ? candidates.y + candidates.height : keyboard.y)
                                  : shell.typing ? candidates.y - height : shell.height - height
        width: shell.navigationBeside ? shell.width - keyboard.width : shell.width
        height: !visible ? 0 : shell.navigationBeside ? shell.height - y : implicitHeight
        visible: shell.inVisit
        enabled: !shell.modal
        vertical: shell.navigationBeside
        canGoBack: Session.screen !== Session.Home
        onBackClicked: Session.back()
        onHomeClicked: Session.goHome()
        onEndClicked: Session.reset()
    }

    CandidateBar {
        id: candidates
        objectName: "candidateBar"
        x: shell.navigationBeside ? keyboard.width : 0
        y: shell.navigationBeside ? keyboard.y : keyboard.y - height
        width: shell.navigationBeside ? shell.width - keyboard.width : shell.width
        visible: shell.typing && !Session.english
        height: visible ? implicitHeight : 0
    }
    InputPanel {
        id: keyboard
        objectName: "keyboard"
        // Full width in portrait. In landscape the keyboard's height follows its width (the style's
        // design size, 2560 × Theme.keyboardDesignHeight): rows as tall as in portrait (keys at
        // least the target size), the rest of the width for the way out beside it.
        width: Theme.landscape ? Math.min(shell.width - 400, Theme.keyboardRowsHeight * 2560 / Theme.keyboardDesignHeight) : shell.width
        anchors.left: parent.left
        y: active ? shell.height - height : shell.height
        visible: active
        enabled: !shell.modal
    }

    NoticePopup {
        id: notice
        objectName: "notice"
        anchors.top: header.bottom
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.margins: Theme.margin
        text: Session.notice
        onClosed: Session.clearNotice()
    }

    // The pad (or "not set up") follows the session's StaffGate: it closes when the visit ends.
    PinPopup {
        id: pinPopup
        objectName: "pinPopup"
        anchors.fill: parent
        gate: Session.staffPad
    }

    IdleWarningPopup {
        objectName: "idleWarning"
        anchors.fill: parent
        visible: Session.idleWarning
        secondsLeft: Session.idleSecondsLeft
        onContinueClicked: Session.continueSession()
    }
}
