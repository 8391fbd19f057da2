// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <memory>

/**
 * The reference platform's residents and their records, for on-the-spot queries and certificates
 * (docs/platform-api.md, "Queries and certificates"): the simulator's sample cards
 * (devices/simulator/simulatedsam.h) and a child of each adult, with believable data seeded from
 * the item code and the ID number (the same question gets the same figures), answering every
 * record-query and certificate-print item of the default catalog. Certificates are real A4 PDFs
 * (QPdfWriter), sealed with a drawn 电子印章: they need a QGuiApplication in the process.
 *
 * Thread-safe: called from the platform's server threads.
 */
namespace kiosk::catalog {
class Catalog;
}

namespace kiosk::simulation::records {

struct Reply {
    int status = 200;
    QByteArray body; ///< JSON: an answer, a certificate, or {"error": "…"}
};

/**
 * The items answered: the terminal's own catalog (its demo or test catalog, whose codes may differ
 * from the default one), or the default catalog when @p catalog is null. Thread-safe.
 */
void useCatalog(std::shared_ptr<const catalog::Catalog> catalog);

/** POST /api/v1/queries with @p body; @p now the platform's clock (UTC). */
[[nodiscard]] Reply answerQuery(const QByteArray &body, const QDateTime &now);
/** POST /api/v1/certificates with @p body. */
[[nodiscard]] Reply answerCertificate(const QByteArray &body, const QDateTime &now);

/**
 * The one child the platform knows for the card holder @p idNumber (a valid GB 11643 number: same
 * area, born 2016–2021); empty for a minor or an ID number the platform does not know. Any other
 * childIdNumber is not the card holder's to see (not-permitted).
 */
[[nodiscard]] QString sampleChildIdNumber(const QString &idNumber);
/** The sample card with no medical-insurance record here (no-record for every medicare item). */
[[nodiscard]] QString uninsuredIdNumber();
/** Pages of a PDF as QPdfWriter writes it (its "/Type /Page" objects). */
[[nodiscard]] int pdfPageCount(const QByteArray &pdf);

} // namespace kiosk::simulation::records
