// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace kiosk::platform::query {
struct Answer;
}

namespace kiosk::query {

/** Where and for whom a query result is printed: the lines above the answer. */
struct DocumentHeader {
    QString centre; ///< the neighbourhood centre
    QString terminalId;
    QDateTime printedAt; ///< local time
    QString residentName; ///< as the card gives it; empty for a public item
    QString residentIdMasked; ///< 3501**********1234
    bool english = false;
};

/** A laid-out document, in memory only: the terminal keeps no copy of what it prints. */
struct LaidOutDocument {
    QByteArray pdf;
    int pages = 0;
};

/**
 * A query answer as an A4 document the terminal lays out itself (PDF): the centre, terminal and
 * time, the item and the resident, the platform's reference number and validity, every value,
 * every table (its headings repeated on each page it continues on) and the notes; "page n of m"
 * at the foot of each page. Needs a QGuiApplication (fonts).
 */
[[nodiscard]] LaidOutDocument layOutAnswer(const platform::query::Answer &answer, const DocumentHeader &header);

/** @p t in local time as the resident reads it (2026年12月1日 09:30, or 1 Dec 2026 09:30); empty when invalid. */
[[nodiscard]] QString localTimeText(const QDateTime &t, bool english);

/** The font family documents are set in: its text reads back exactly (pdftotext, screen readers). */
[[nodiscard]] QString documentFontFamily();

} // namespace kiosk::query
