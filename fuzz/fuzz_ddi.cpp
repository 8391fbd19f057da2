// SPDX-License-Identifier: GPL-3.0-or-later
// What a fleet server (or anything posing as one) sends the terminal, and the signed bundles it
// delivers (docs/fleet.md): the DDI base poll, deployment and cancel replies, and a bundle's
// container and manifest. Whatever is accepted stays within the limits: artifact names are
// plain file names (they become files in the staging folder), every artifact has a SHA-256 and a
// link, sizes are bounded; a poll interval is within 30 s … 7 days; a command list accepted has
// 1–16 commands, https upload URLs only, restart-app last only. An enrolment (a file, its QR
// text, a typed one-time code) accepted has an https DDI base, a token of the allowed characters,
// a CA and a key set; an unpacked QR code stays within the file limit.
#include "services/fleet/bundle.h"
#include "services/fleet/commands.h"
#include "services/fleet/ddiapi.h"
#include "services/fleet/enrolment.h"

#include <QDateTime>
#include <QRegularExpression>

#include <cstddef>
#include <cstdint>

using namespace kiosk::fleet;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray body = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    if (const auto b = ddi::parseBase(body, &error)) {
        if (b->sleep && (*b->sleep < ddi::kMinSleep || *b->sleep > ddi::kMaxSleep))
            __builtin_trap();
        (void)ddi::actionIdFromHref(b->links.deploymentBase);
        (void)ddi::actionIdFromHref(b->links.cancelAction);
    }
    (void)ddi::parseSleep(QString::fromUtf8(body.left(64)));
    if (const auto d = ddi::parseDeployment(body, &error)) {
        if (d->actionId <= 0 || d->chunks.empty() || int(d->chunks.size()) > ddi::kMaxChunks)
            __builtin_trap();
        static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9._+-]{1,128}$"));
        for (const auto &c : d->chunks) {
            if (c.part.isEmpty() || int(c.artifacts.size()) > ddi::kMaxArtifacts)
                __builtin_trap();
            for (const auto &a : c.artifacts) {
                if (!safe.match(a.filename).hasMatch() || a.filename.startsWith(QLatin1Char('.')))
                    __builtin_trap();
                if (a.size < 0 || a.size > ddi::kMaxArtifactBytes || a.sha256.size() != 64 || (a.download.isEmpty() && a.downloadHttp.isEmpty()))
                    __builtin_trap();
                if (!a.download.isEmpty() && !a.download.startsWith(QLatin1String("https:")))
                    __builtin_trap();
            }
        }
    } else if (error.isEmpty()) {
        __builtin_trap(); // a refusal always says why
    }
    error.clear();
    if (const auto stop = ddi::parseCancel(body, &error); stop && *stop <= 0)
        __builtin_trap();
    // The bundle container and its manifest, as they come off the wire (signature checked later).
    if (const auto bundle = bundle::decodeContainer(body, &error)) {
        for (const auto &f : bundle->files) {
            if (!bundle::checkFileName(f.name).isEmpty())
                __builtin_trap();
        }
    }
    (void)bundle::parseManifest(body, &error);
    // A commands bundle's commands.json.
    error.clear();
    if (const auto list = commands::parseCommands(body, &error)) {
        const auto &c = list->commands;
        if (c.empty() || int(c.size()) > commands::kMaxCommands)
            __builtin_trap();
        for (std::size_t i = 0; i < c.size(); ++i) {
            if (c[i].command == commands::Command::RestartApp && i + 1 != c.size())
                __builtin_trap();
            if (c[i].command == commands::Command::UploadDiagnostics && !c[i].url.startsWith(QLatin1String("https://")))
                __builtin_trap();
        }
    } else if (error.isEmpty()) {
        __builtin_trap();
    }
    // Enrolment: the file (fetched, or unpacked from a scanned code), the QR text, a typed code.
    error.clear();
    const auto checkEnrolment = [&error](const QByteArray &file) {
        if (const auto e = enrolment::parse(file, QDateTime::fromSecsSinceEpoch(1796000000, Qt::UTC), &error)) {
            static const QRegularExpression token(QStringLiteral("^[A-Za-z0-9._~+/=-]{8,128}$"));
            if (!enrolment::isDdiBase(e->server) || !token.match(e->targetToken).hasMatch() || e->caPem.isEmpty()
                || !bundle::parseKeySet(e->keySet))
                __builtin_trap();
        } else if (error.isEmpty()) {
            __builtin_trap();
        }
    };
    checkEnrolment(body);
    const QString text = QString::fromLatin1(body.left(8192));
    if (const auto unpacked = enrolment::fromQrText(text, &error)) {
        if (unpacked->isEmpty() || unpacked->size() > enrolment::kMaxFileBytes)
            __builtin_trap();
        checkEnrolment(*unpacked);
    }
    if (const auto code = enrolment::parseCode(QString::fromUtf8(body.left(256))); code && (code->slot.size() != 4 || code->digest.size() != 16))
        __builtin_trap();
    return 0;
}
