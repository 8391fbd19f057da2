// SPDX-License-Identifier: GPL-3.0-or-later
// What a platform (or anything posing as one) sends back to an on-the-spot query or certificate
// request (docs/platform-api.md, "Queries and certificates"): whatever parseAnswer and
// parseCertificate accept stays within the contract's limits, holds only plain text, and a
// certificate's document is always the PDF its digest names.
#include "common/plaintext.h"
#include "services/platform/queryapi.h"

#include <QCryptographicHash>

#include <cstddef>
#include <cstdint>

using namespace kiosk;
using namespace kiosk::platform::query;

namespace {

void check(const QString &s)
{
    if (s.size() > kMaxText || !isPlainText(s))
        __builtin_trap();
}

void check(const QStringList &l)
{
    for (const QString &s : l)
        check(s);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray body = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));

    QString error;
    if (const auto a = parseAnswer(body, &error)) {
        if (int(a->values.size()) > kMaxValues || int(a->tables.size()) > kMaxTables || a->notes.size() > kMaxValues
            || a->notesEn.size() > kMaxValues || !a->issuedAt.isValid() || a->issuedAt.timeSpec() != Qt::UTC)
            __builtin_trap();
        if (a->outcome == Outcome::Answered && (a->reference.isEmpty() || !a->validUntil.isValid() || a->validUntil < a->issuedAt))
            __builtin_trap();
        if (a->outcome != Outcome::Answered && a->message.trimmed().isEmpty() && a->messageEn.trimmed().isEmpty())
            __builtin_trap();
        for (const Value &v : a->values) {
            check(v.label);
            check(v.labelEn);
            check(v.value);
        }
        for (const Table &t : a->tables) {
            if (t.columns.isEmpty() || t.columns.size() > kMaxColumns || int(t.rows.size()) > kMaxRows
                || (!t.columnsEn.isEmpty() && t.columnsEn.size() != t.columns.size()))
                __builtin_trap();
            check(t.title);
            check(t.titleEn);
            check(t.columns);
            check(t.columnsEn);
            for (const QStringList &row : t.rows) {
                if (row.size() != t.columns.size()) // a table the screen can lay out
                    __builtin_trap();
                check(row);
            }
        }
        for (const QString &s : {a->itemCode, a->title, a->titleEn, a->reference, a->message, a->messageEn})
            check(s);
        check(a->notes);
        check(a->notesEn);
    } else if (error.isEmpty()) {
        __builtin_trap(); // a refusal always says why
    }

    error.clear();
    if (const auto c = parseCertificate(body, &error)) {
        for (const QString &s : {c->itemCode, c->title, c->titleEn, c->reference, c->verificationCode, c->message, c->messageEn})
            check(s);
        if (c->outcome == Outcome::Answered) {
            if (!c->document.startsWith("%PDF-") || c->document.size() > kMaxDocumentBytes || c->pages < 1 || c->pages > kMaxPages
                || QCryptographicHash::hash(c->document, QCryptographicHash::Sha256) != c->sha256 || c->verificationCode.isEmpty())
                __builtin_trap();
        } else if (!c->document.isEmpty()) {
            __builtin_trap(); // nothing to print for a refusal
        }
    } else if (error.isEmpty()) {
        __builtin_trap();
    }
    return 0;
}
