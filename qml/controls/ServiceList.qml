// SPDX-License-Identifier: GPL-3.0-or-later
// Service items a page at a time: rows of equal height, sized for the longest name in the list
// (one line or two), two columns where the screen is wide.
import QtQuick
import Kiosk

PagedList {
    id: list

    required property ServiceListModel services
    signal chosen(string code)

    model: services
    columns: width > 1400 ? 2 : 1

    FontMetrics {
        id: nameMetrics
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontLarge
        font.bold: true
    }
    FontMetrics {
        id: metaMetrics
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
        font.bold: true
    }
    TextMetrics {
        id: chevronMetrics
        font.pixelSize: Theme.fontTitle
        text: "›"
    }

    // The width a name has in a row (see ServiceDelegate's margins).
    readonly property real nameWidth: (width + Theme.spacing) / columns - Theme.spacing - Theme.margin * 2
                                      - Theme.spacing - chevronMetrics.advanceWidth
    readonly property int nameLines: {
        void services.nameRevision // qmllint disable unqualified
        return services.widestName(nameMetrics.font) > nameWidth ? 2 : 1
    }
    rowHeight: Math.max(Theme.touchTarget + Theme.spacing,
                        2 * Theme.spacing + nameLines * Math.ceil(nameMetrics.height) + Theme.spacing / 2
                        + Math.ceil(metaMetrics.height) + Theme.spacing / 2 + 4)

    delegate: ServiceDelegate {
        width: list.view.cellWidth - Theme.spacing // qmllint disable unqualified
        height: list.rowHeight // qmllint disable unqualified
        nameLines: list.nameLines // qmllint disable unqualified
        onClicked: code => list.chosen(code) // qmllint disable unqualified
    }
}
