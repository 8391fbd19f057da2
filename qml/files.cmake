# SPDX-License-Identifier: GPL-3.0-or-later
# The QML files of the module "Kiosk" (pages — the only QML that talks to C++ —, panels, controls,
# popups and the theme), relative to this folder. kiosk/CMakeLists.txt builds them into the
# `kiosk` library, the module's backing target, so the Qt tools see the C++ types the pages use.
set(KIOSK_QML_FILES
    Main.qml
    AppShell.qml
    style/Theme.qml
    pages/AttractPage.qml
    pages/HomePage.qml
    pages/FacetListPage.qml
    pages/ServiceListPage.qml
    pages/SearchPage.qml
    pages/ServiceDetailPage.qml
    pages/FormPage.qml
    pages/ReviewPage.qml
    pages/SubmittedPage.qml
    pages/EvaluationPage.qml
    pages/ProgressPage.qml
    pages/StaffQueuePage.qml
    pages/StaffDevicesPage.qml
    panels/HeaderPanel.qml
    panels/NavigationPanel.qml
    panels/DeviceNoticePanel.qml
    panels/CandidateBar.qml
    popups/IdleWarningPopup.qml
    popups/PinPopup.qml
    popups/ConfirmPopup.qml
    popups/NoticePopup.qml
    controls/KioskButton.qml
    controls/CategoryTile.qml
    controls/HandlingBadge.qml
    controls/ServiceDelegate.qml
    controls/PagedList.qml
    controls/PagerBar.qml
    controls/SearchIcon.qml
    controls/InfoSection.qml
    controls/BodyText.qml
    controls/KeypadKey.qml
    controls/ToggleChip.qml
    controls/NumericKeypad.qml
    controls/DatePicker.qml
    controls/ChoiceButton.qml
    controls/FieldError.qml
    controls/QrCode.qml
    controls/AnswerBox.qml
)
