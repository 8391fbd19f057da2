// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <random>
#include <string>

namespace kiosk::powercut {

/** The name the VFS is registered under (pass it to sqlite3_open_v2 or Outbox::Options::vfs). */
inline constexpr const char *vfsName = "powercut";

/**
 * What the disk looks like after a simulated power cut. Writes since a file's last xSync are only
 * in memory (the "page cache"); at the cut each of their 512-byte pieces (a sector) lands, is
 * lost, or lands as garbage, independently — so a write that spans sectors may land in part, and
 * a later write may land while an earlier one does not (reordering). A truncate lands or not. A
 * file created, deleted or renamed since its directory was last synced keeps either its old or its
 * new directory entry. The -shm file is not durable: it is deleted, left stale, or filled with
 * garbage.
 */
struct Model {
    int sectorBytes = 512; ///< the unit that lands or not (a physical sector)
    double garbleChance = 0.05; ///< a piece that does not land is garbage instead of the old bytes
    /** A broken disk (the harness's self-test): xSync reports success but keeps the writes volatile. */
    bool syncLies = false;
};

/** What one cut did to the files, for the harness's figures. */
struct CutStats {
    int unsyncedWrites = 0; ///< writes (and truncates) that were volatile at the cut
    int landed = 0; ///< of those, landed whole
    int lost = 0; ///< lost whole
    int torn = 0; ///< landed in part (some sectors old, some new or garbage)
    int garbled = 0; ///< sectors that landed as garbage
    int entriesReverted = 0; ///< files whose unsynced creation or deletion was undone
    int entriesKept = 0; ///< files whose unsynced creation or deletion survived
    int shmDeleted = 0, shmStale = 0, shmGarbled = 0;
};

/**
 * Registers the VFS once, a shim over the default (unix) one, with @p model. Not the default VFS:
 * only connections that name it use it. Thread-safe (one lock around its bookkeeping).
 */
void install(const Model &model = {});
void setModel(const Model &model);

/** Mutating operations (xWrite, xSync, xTruncate, xDelete, creating xOpen) so far. */
[[nodiscard]] std::uint64_t mutations();
/**
 * The power fails just before mutation number @p at (counted as mutations() counts): from that
 * operation on, nothing reaches the disk. The process may run on for a moment (as the harness's
 * does until it notices powerFailed()): its writes and syncs seem to succeed and it reads them
 * back, but they are dropped at the cut, as are files it creates; deleting files fails. Nothing it
 * does after the cut counts (no acknowledgement reaches a resident, nothing is sent). 0 disarms.
 */
void armCut(std::uint64_t at);
[[nodiscard]] bool powerFailed();

/**
 * The cut itself, then power on again: every file opened through the VFS must be closed. Applies
 * the model to the real files (drawing from @p rng) and forgets all volatile state.
 * @p landChance is the share of unsynced sectors that land this time.
 */
CutStats cutAndRestore(std::mt19937_64 &rng, double landChance);

} // namespace kiosk::powercut
