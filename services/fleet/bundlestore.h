// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "services/catalog/catalog.h"
#include "services/fleet/bundle.h"
#include "services/fleet/commands.h"
#include "services/fleet/ddiclient.h"

#include <QString>
#include <QStringList>

#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

namespace kiosk::fleet {

/**
 * The bundles in force on this terminal (docs/fleet.md, "Bundles"), under `<stateDir>/bundles/`
 * (0700 folders, 0600 files):
 *
 *     state.json                 per kind: current, previous, highest version, pending, starts
 *     <kind>/<version>/          the payload files and `.bundle` (the signed file as received)
 *     <kind>/current -> <version>  a relative symlink, replaced by rename(2): the commit point
 *     journal.json               only while a deployment's swaps are under way
 *
 * A new version is written completely and fsynced in `<kind>/.staging-<version>/`, renamed into
 * place, then the link is swapped, then state.json is rewritten (temporary file, fsync, rename).
 * open() repairs whatever a power cut left: a link swapped before state.json was written counts
 * (the new version is in force, pending); half-written folders are removed; a deployment of
 * several bundles cut between two swaps is undone, so it is all or nothing. One version back is
 * kept for rollback.
 *
 * Thread-safe: the fleet client's thread applies, the app's thread reads and confirms.
 */
class BundleStore
{
public:
    struct Options {
        std::filesystem::path stateDir; ///< the store keeps to `<stateDir>/bundles/`
        /** The key set provisioned with the terminal (/etc/kiosk/bundle-keys.json); a `keys`
         *  bundle in force replaces it. */
        std::filesystem::path trustedKeysFile;
        /** Starts a swapped version gets without confirmStarted() before it is rolled back. */
        int maxUnconfirmedStarts = 2;
    };

    /** What one kind looks like in the store. */
    struct KindState {
        QString current; ///< empty: no bundle of this kind (the terminal uses its own files)
        QString previous; ///< kept for rollback; empty when none
        QString highest; ///< the highest version ever applied: a new one must be above it
        bool pending = false; ///< swapped, not yet confirmed by a start
        int starts = 0; ///< starts since the swap, while pending
        QByteArray sha256; ///< of the current signed file (hawkBit's artifact hash)
    };

    /** Where apply() stops, for the power-cut tests: as if the power went there. */
    enum class StopAt { Nowhere, AfterStaging, AfterLinkSwap };

    explicit BundleStore(Options options);

    /** Makes the folders, reads the state and repairs what a power cut left. */
    bool open(QString *error = nullptr);

    /** The folder holding the files of @p kind in force (a versioned path, stable while they
     *  are read); nullopt when no bundle of that kind was applied (or after a rollback to none). */
    [[nodiscard]] std::optional<std::filesystem::path> currentPath(bundle::Kind kind) const;
    [[nodiscard]] KindState state(bundle::Kind kind) const;
    /** Whether a bundle with this SHA-256 (of the whole signed file) is in force for some kind. */
    [[nodiscard]] bool isCurrentBundle(const QByteArray &sha256Hex) const;
    /** The keys bundles are checked against: the `keys` bundle in force, else the provisioned set. */
    [[nodiscard]] std::optional<bundle::KeySet> trustedKeys(QString *why = nullptr) const;

    /**
     * Signature, key and version: @p bytes is a bundle this store would take (its content is the
     * installer's to check). An equal version is refused ("already in force"), a lower one too.
     */
    [[nodiscard]] std::optional<bundle::Bundle> check(const QByteArray &bytes, QString *why = nullptr) const;

    struct Incoming {
        bundle::Bundle bundle; ///< checked by check() and by the content validators
        QByteArray raw; ///< the signed file as received
    };
    /** Puts every bundle in force, all or nothing. Empty on success, else why (nothing changed). */
    QString apply(const std::vector<Incoming> &bundles);
    /**
     * A `commands` bundle about to run: its version becomes the floor (state.json, like any
     * kind's highest) and its SHA-256 the last run — before a command runs, so a restart in the
     * middle never runs them again. Nothing is swapped; no `current` exists for commands.
     * Empty on success, else why (then the commands must not run).
     */
    QString recordCommands(const Incoming &commands);
    /** Whether @p sha256Hex is the signed file of the last commands bundle recorded. */
    [[nodiscard]] bool isLastCommands(const QByteArray &sha256Hex) const;

    /** The app calls this after its first frame: the swaps it started with are good. A swap made
     *  during this run is confirmed at the next start's first frame. */
    void confirmStarted();
    /**
     * The app calls this at start, before it loads anything: a swap not confirmed within
     * maxUnconfirmedStarts starts is undone (back to the previous version, or to none). Returns
     * one line per kind rolled back, in plain words, for the log and the fleet server.
     */
    QStringList rollbackIfUnconfirmed();

    /**
     * An on-site enrolment named the operator's keys (services/fleet/enrolment.h): from now on
     * they are the provisioned set. With @p dropKeysBundle (the enrolment is new), a keys bundle
     * in force (the previous operator's) is put out of force — its version stays the floor, so
     * it cannot come back; a keys bundle the operator sends later wins as usual. Empty, or why not.
     */
    QString useEnrolmentKeys(const std::filesystem::path &keySetFile, bool dropKeysBundle);

    void stopForTest(StopAt at) { m_stopAt = at; }
    [[nodiscard]] std::filesystem::path root() const { return m_root; }

private:
    bool loadState(QString *error);
    bool saveState(QString *error);
    bool pointLink(bundle::Kind kind, const QString &version, QString *error);
    void repair();
    void cleanKindFolder(bundle::Kind kind);
    [[nodiscard]] std::filesystem::path kindDir(bundle::Kind kind) const;
    [[nodiscard]] QString linkTarget(bundle::Kind kind) const;
    [[nodiscard]] std::optional<bundle::KeySet> trustedKeysLocked(QString *why) const;

    Options m_options;
    std::filesystem::path m_root;
    std::map<bundle::Kind, KindState> m_state;
    StopAt m_stopAt = StopAt::Nowhere;
    mutable std::mutex m_mutex;
};

/**
 * The fleet client's Installer for part "bundle": each staged artifact is checked (signature,
 * key, version), its content validated as the terminal validates it at start, then all are put
 * in force through the store at once. Anything refused leaves the terminal as it was.
 *
 * A `commands` bundle travels alone in its deployment: checked the same way, its version
 * recorded in the store (the replay protection), then its list run by the CommandRunner; no
 * swap. Without a runner (setCommandRunner) commands bundles are refused.
 */
class BundleInstaller : public Installer
{
public:
    /** The validators that live above the services library (kiosk/config, kiosk/session/staffpin). */
    struct Validators {
        /** A config file's bytes → empty when good, else the reason (kiosk::Config::fromJson).
         *  Also checks platforms bundles, as {"platforms": <platforms.json>}. Unset: those kinds are refused. */
        std::function<QString(const QByteArray &configJson)> config;
        /** A staff PIN hash → empty when good, else the reason (kiosk::staffpin::isValidHash). Unset: refused. */
        std::function<QString(const QString &hash)> staffPinHash;
        /** What the catalog's and forms' texts may promise (Config::devices); empty: every kind. */
        QStringList deviceKinds;
        /** The catalog a forms bundle is cross-checked against when the deployment brings none.
         *  Unset: the store's catalog bundle in force, else the built-in catalog. */
        std::function<std::optional<catalog::Catalog>()> catalogInForce;
    };

    BundleInstaller(BundleStore *store, Validators validators);
    /** What runs a commands bundle's list (on the client's thread); null: they are refused. */
    void setCommandRunner(commands::CommandRunner *runner) { m_runner = runner; }

    InstallResult install(const ddi::Deployment &deployment, const std::vector<StagedArtifact> &artifacts) override;
    bool tookEffect(const ddi::Deployment &deployment) override;
    [[nodiscard]] bool selfVerifying(const QString &part) const override;

    /** install() without the fleet: the signed files at @p files (kioskctl, tests). */
    InstallResult installFiles(const std::vector<std::filesystem::path> &files);
    /** The content checks alone for @p b (kioskctl bundle verify); @p newCatalog: one arriving with it. */
    [[nodiscard]] QString validateContent(const bundle::Bundle &b, const catalog::Catalog *newCatalog, QStringList *details = nullptr) const;

private:
    InstallResult runCommands(const BundleStore::Incoming &in);

    BundleStore *m_store;
    Validators m_validators;
    commands::CommandRunner *m_runner = nullptr;
};

} // namespace kiosk::fleet
