// SPDX-License-Identifier: GPL-3.0-or-later
// A QR code drawn crisp at any size (one image pixel per module, scaled without smoothing).
import QtQuick

Image {
    property string text: ""
    source: text === "" ? "" : "image://qr/" + encodeURIComponent(text)
    smooth: false
    fillMode: Image.PreserveAspectFit
    cache: false
}
