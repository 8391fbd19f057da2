// SPDX-License-Identifier: GPL-3.0-or-later
// A SQLite VFS that can lose power, after SQLite's own crash-test VFS idea: writes since a file's
// last xSync stay in memory, and a simulated power cut decides which of them reached the disk.
//
// The real files always hold exactly what is durable: synced writes, and directory entries as
// the model keeps them. Unsynced writes and truncates are queued per file (per path, so that the
// two connections of the queue see the same file), reads see the real bytes with the queue laid
// over them, and xSync moves the queue to the real file. (No real fsync is issued: the real disk
// never loses power here, and 1,000 cuts stay fast.) Directory entries follow the unix VFS: a
// rollback journal or WAL opened with SQLITE_OPEN_CREATE syncs its directory at its first xSync,
// and xDelete syncs it when asked to; until then a new file may vanish and a deleted one (kept
// aside under a hidden name) may come back.
#include "tests/services/powercut/powercutvfs.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <mutex>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace kiosk::powercut {

namespace {

constexpr const char *ghostSuffix = ".powercut-deleted";

/** One volatile change to a file: a write (data at offset) or a truncate (to offset). */
struct Op {
    bool truncate = false;
    sqlite3_int64 offset = 0;
    std::string data;
};

/** One path as the disk knows it. */
struct Node {
    std::string dir;
    std::vector<Op> pending; ///< since the last xSync, in order
    std::vector<Op> afterCut; ///< written while the power was already off: never reach the disk
    bool exists = false; ///< the directory entry now (the real file system)
    bool durableExists = false; ///< the entry as of the last directory sync
    bool ghost = false; ///< the durable version of a deleted file, kept at path + ghostSuffix
    bool mainDb = false; ///< has a -shm beside it in WAL mode
    bool bornAfterCut = false; ///< created while the power was off: gone at the cut
    int open = 0;
};

struct State {
    std::mutex mutex;
    sqlite3_vfs *base = nullptr;
    sqlite3_vfs vfs{};
    Model model;
    std::map<std::string, Node> nodes;
    std::uint64_t mutations = 0;
    std::uint64_t cutAt = 0;
    bool failed = false;
};

State &state()
{
    static State s;
    return s;
}

struct File {
    sqlite3_file base; // must be first: SQLite sees this
    sqlite3_file *real; // the unix VFS's file, allocated right after this struct
    std::string path; // empty: a temporary file, passed through unmodelled
    bool dirSyncPending;
};

sqlite3_file *realOf(sqlite3_file *f)
{
    return reinterpret_cast<File *>(f)->real;
}

/** Counts one mutation; false when the power is (now) off. Call with the lock held. */
bool powered(State &s)
{
    if (s.failed)
        return false;
    ++s.mutations;
    if (s.cutAt != 0 && s.mutations >= s.cutAt) {
        s.failed = true;
        return false;
    }
    return true;
}

std::string dirOf(const std::string &path)
{
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? std::string(".") : path.substr(0, slash);
}

bool fileExists(const std::string &path)
{
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0;
}

/** The directory was fsync'd: every entry in it is durable as it is now. */
void syncDirectory(State &s, const std::string &dir)
{
    for (auto &[path, node] : s.nodes) {
        if (node.dir != dir)
            continue;
        node.durableExists = node.exists;
        if (node.ghost) {
            ::unlink((path + ghostSuffix).c_str());
            node.ghost = false;
        }
    }
}

/** Calls @p fn on what the process sees beyond the real file, in order: before the cut, then after it. */
template<class Fn>
void forEachVolatile(const Node &node, Fn &&fn)
{
    for (const Op &op : node.pending)
        fn(op);
    for (const Op &op : node.afterCut)
        fn(op);
}

sqlite3_int64 logicalSize(const Node &node, sqlite3_int64 realSize)
{
    sqlite3_int64 size = realSize;
    forEachVolatile(node, [&](const Op &op) {
        size = op.truncate ? op.offset : std::max(size, op.offset + sqlite3_int64(op.data.size()));
    });
    return size;
}

Node *nodeOf(State &s, sqlite3_file *f)
{
    File *file = reinterpret_cast<File *>(f);
    if (file->path.empty())
        return nullptr;
    return &s.nodes[file->path];
}

// --- sqlite3_io_methods ------------------------------------------------------------------------

int xClose(sqlite3_file *f)
{
    State &s = state();
    File *file = reinterpret_cast<File *>(f);
    const int rc = file->real->pMethods ? file->real->pMethods->xClose(file->real) : SQLITE_OK;
    {
        std::lock_guard lock(s.mutex);
        if (Node *node = nodeOf(s, f))
            --node->open;
    }
    file->path.~basic_string();
    return rc;
}

int xRead(sqlite3_file *f, void *buffer, int amount, sqlite3_int64 offset)
{
    State &s = state();
    std::lock_guard lock(s.mutex);
    sqlite3_file *real = realOf(f);
    Node *node = nodeOf(s, f);
    if (!node || (node->pending.empty() && node->afterCut.empty()))
        return real->pMethods->xRead(real, buffer, amount, offset);
    sqlite3_int64 realSize = 0;
    if (int rc = real->pMethods->xFileSize(real, &realSize); rc != SQLITE_OK)
        return rc;
    auto *out = static_cast<unsigned char *>(buffer);
    const int rc = real->pMethods->xRead(real, buffer, amount, offset);
    if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ)
        return rc;
    const sqlite3_int64 end = offset + amount;
    forEachVolatile(*node, [&](const Op &op) {
        if (op.truncate) {
            // Bytes past the new end are gone: a later write past it leaves zeros in between.
            if (op.offset < end) {
                const sqlite3_int64 from = std::max(offset, op.offset);
                std::memset(out + (from - offset), 0, std::size_t(end - from));
            }
            return;
        }
        const sqlite3_int64 from = std::max(offset, op.offset);
        const sqlite3_int64 to = std::min(end, op.offset + sqlite3_int64(op.data.size()));
        if (from < to)
            std::memcpy(out + (from - offset), op.data.data() + (from - op.offset), std::size_t(to - from));
    });
    const sqlite3_int64 size = logicalSize(*node, realSize);
    if (end > size) {
        const sqlite3_int64 from = std::max(offset, size);
        std::memset(out + (from - offset), 0, std::size_t(end - from));
        return SQLITE_IOERR_SHORT_READ;
    }
    return SQLITE_OK;
}

int xWrite(sqlite3_file *f, const void *buffer, int amount, sqlite3_int64 offset)
{
    State &s = state();
    std::lock_guard lock(s.mutex);
    const bool on = powered(s);
    Node *node = nodeOf(s, f);
    if (!node)
        return on ? realOf(f)->pMethods->xWrite(realOf(f), buffer, amount, offset) : SQLITE_OK;
    (on ? node->pending : node->afterCut).push_back({false, offset, std::string(static_cast<const char *>(buffer), std::size_t(amount))});
    return SQLITE_OK;
}

int xTruncate(sqlite3_file *f, sqlite3_int64 size)
{
    State &s = state();
    std::lock_guard lock(s.mutex);
    const bool on = powered(s);
    Node *node = nodeOf(s, f);
    if (!node)
        return on ? realOf(f)->pMethods->xTruncate(realOf(f), size) : SQLITE_OK;
    (on ? node->pending : node->afterCut).push_back({true, size, {}});
    return SQLITE_OK;
}

int xSync(sqlite3_file *f, int /*flags*/)
{
    State &s = state();
    std::lock_guard lock(s.mutex);
    if (!powered(s))
        return SQLITE_OK; // the process runs on for a moment, but nothing more reaches the disk
    File *file = reinterpret_cast<File *>(f);
    Node *node = nodeOf(s, f);
    if (!node)
        return SQLITE_OK;
    if (!s.model.syncLies) {
        sqlite3_file *real = file->real;
        for (const Op &op : node->pending) {
            const int rc = op.truncate ? real->pMethods->xTruncate(real, op.offset)
                                       : real->pMethods->xWrite(real, op.data.data(), int(op.data.size()), op.offset);
            if (rc != SQLITE_OK)
                return SQLITE_IOERR_FSYNC;
        }
        node->pending.clear();
    }
    if (file->dirSyncPending) { // what unixSync does for a journal or WAL it created
        file->dirSyncPending = false;
        syncDirectory(s, node->dir);
    }
    return SQLITE_OK;
}

int xFileSize(sqlite3_file *f, sqlite3_int64 *size)
{
    State &s = state();
    std::lock_guard lock(s.mutex);
    sqlite3_file *real = realOf(f);
    const int rc = real->pMethods->xFileSize(real, size);
    if (rc == SQLITE_OK) {
        if (Node *node = nodeOf(s, f))
            *size = logicalSize(*node, *size);
    }
    return rc;
}

// Locks and shared memory are process state, not disk state: passed through, power or not.
int xLock(sqlite3_file *f, int level)
{
    return realOf(f)->pMethods->xLock(realOf(f), level);
}

int xUnlock(sqlite3_file *f, int level)
{
    return realOf(f)->pMethods->xUnlock(realOf(f), level);
}

int xCheckReservedLock(sqlite3_file *f, int *out)
{
    return realOf(f)->pMethods->xCheckReservedLock(realOf(f), out);
}

int xFileControl(sqlite3_file *f, int op, void *arg)
{
    switch (op) {
    case SQLITE_FCNTL_SIZE_HINT: // would grow the real file behind the model's back
    case SQLITE_FCNTL_CHUNK_SIZE:
        return SQLITE_OK;
    case SQLITE_FCNTL_MMAP_SIZE: // reads must come through xRead to see volatile writes
        return SQLITE_NOTFOUND;
    default:
        return realOf(f)->pMethods->xFileControl(realOf(f), op, arg);
    }
}

int xSectorSize(sqlite3_file *f)
{
    return realOf(f)->pMethods->xSectorSize(realOf(f));
}

int xDeviceCharacteristics(sqlite3_file *f)
{
    // What the unix VFS tells SQLite (powersafe overwrite, nothing atomic or sequential): the
    // model tears and reorders exactly as far as that allows.
    return realOf(f)->pMethods->xDeviceCharacteristics(realOf(f));
}

int xShmMap(sqlite3_file *f, int page, int pageSize, int extend, void volatile **out)
{
    return realOf(f)->pMethods->xShmMap(realOf(f), page, pageSize, extend, out);
}

int xShmLock(sqlite3_file *f, int offset, int n, int flags)
{
    return realOf(f)->pMethods->xShmLock(realOf(f), offset, n, flags);
}

void xShmBarrier(sqlite3_file *f)
{
    realOf(f)->pMethods->xShmBarrier(realOf(f));
}

int xShmUnmap(sqlite3_file *f, int deleteFlag)
{
    // A process that lost its power deletes nothing: its -shm is left for the cut to judge.
    const bool off = powerFailed();
    return realOf(f)->pMethods->xShmUnmap(realOf(f), deleteFlag && !off);
}

// Version 2: shared memory, but no xFetch, so SQLite never maps the file and reads go through xRead.
const sqlite3_io_methods ioMethods = {
    .iVersion = 2,
    .xClose = xClose,
    .xRead = xRead,
    .xWrite = xWrite,
    .xTruncate = xTruncate,
    .xSync = xSync,
    .xFileSize = xFileSize,
    .xLock = xLock,
    .xUnlock = xUnlock,
    .xCheckReservedLock = xCheckReservedLock,
    .xFileControl = xFileControl,
    .xSectorSize = xSectorSize,
    .xDeviceCharacteristics = xDeviceCharacteristics,
    .xShmMap = xShmMap,
    .xShmLock = xShmLock,
    .xShmBarrier = xShmBarrier,
    .xShmUnmap = xShmUnmap,
    .xFetch = nullptr,
    .xUnfetch = nullptr,
};

// --- sqlite3_vfs -------------------------------------------------------------------------------

int vfsOpen(sqlite3_vfs *, sqlite3_filename name, sqlite3_file *f, int flags, int *outFlags)
{
    State &s = state();
    File *file = reinterpret_cast<File *>(f);
    file->base.pMethods = nullptr;
    const bool modelled = name && !(flags & (SQLITE_OPEN_DELETEONCLOSE | SQLITE_OPEN_TEMP_DB | SQLITE_OPEN_TEMP_JOURNAL
                                             | SQLITE_OPEN_TRANSIENT_DB | SQLITE_OPEN_SUBJOURNAL));
    std::lock_guard lock(s.mutex);
    const bool existed = name && fileExists(name);
    // A file created after the cut is created for real (the process must not stall on a failing
    // open) and removed at the cut.
    const bool bornAfterCut = (flags & SQLITE_OPEN_CREATE) && !existed && !powered(s);
    file->real = reinterpret_cast<sqlite3_file *>(file + 1);
    file->real->pMethods = nullptr;
    const int rc = s.base->xOpen(s.base, name, file->real, flags, outFlags);
    if (rc != SQLITE_OK)
        return rc;
    new (&file->path) std::string(modelled ? name : "");
    file->dirSyncPending = modelled && (flags & SQLITE_OPEN_CREATE)
        && (flags & (SQLITE_OPEN_MAIN_JOURNAL | SQLITE_OPEN_SUPER_JOURNAL | SQLITE_OPEN_WAL));
    if (modelled) {
        auto [it, isNew] = s.nodes.try_emplace(name);
        Node &node = it->second;
        if (isNew) {
            node.dir = dirOf(name);
            node.durableExists = existed; // from before this VFS saw it: it survived
        }
        if (!existed) {
            node.pending.clear();
            node.afterCut.clear();
            node.bornAfterCut = bornAfterCut;
        }
        node.exists = true;
        node.mainDb = node.mainDb || (flags & SQLITE_OPEN_MAIN_DB);
        ++node.open;
    }
    file->base.pMethods = &ioMethods;
    return SQLITE_OK;
}

int vfsDelete(sqlite3_vfs *, const char *name, int syncDir)
{
    State &s = state();
    std::lock_guard lock(s.mutex);
    if (!powered(s))
        return SQLITE_IOERR_DELETE;
    if (!fileExists(name))
        return SQLITE_IOERR_DELETE_NOENT;
    auto [it, isNew] = s.nodes.try_emplace(name);
    Node &node = it->second;
    if (isNew) {
        node.dir = dirOf(name);
        node.durableExists = true;
    }
    if (node.durableExists && !node.ghost) {
        // The real file holds what is durable; keep it aside in case the deletion does not survive.
        if (::rename(name, (std::string(name) + ghostSuffix).c_str()) != 0)
            return SQLITE_IOERR_DELETE;
        node.ghost = true;
    } else if (::unlink(name) != 0) {
        return SQLITE_IOERR_DELETE;
    }
    node.exists = false;
    node.pending.clear();
    if (syncDir)
        syncDirectory(s, node.dir);
    return SQLITE_OK;
}

int vfsAccess(sqlite3_vfs *, const char *name, int flags, int *out)
{
    State &s = state();
    return s.base->xAccess(s.base, name, flags, out);
}

int vfsFullPathname(sqlite3_vfs *, const char *name, int size, char *out)
{
    return state().base->xFullPathname(state().base, name, size, out);
}

void *vfsDlOpen(sqlite3_vfs *, const char *name)
{
    return state().base->xDlOpen(state().base, name);
}

void vfsDlError(sqlite3_vfs *, int size, char *out)
{
    state().base->xDlError(state().base, size, out);
}

void (*vfsDlSym(sqlite3_vfs *, void *handle, const char *symbol))(void)
{
    return state().base->xDlSym(state().base, handle, symbol);
}

void vfsDlClose(sqlite3_vfs *, void *handle)
{
    state().base->xDlClose(state().base, handle);
}

int vfsRandomness(sqlite3_vfs *, int size, char *out)
{
    return state().base->xRandomness(state().base, size, out);
}

int vfsSleep(sqlite3_vfs *, int micros)
{
    return state().base->xSleep(state().base, micros);
}

int vfsCurrentTime(sqlite3_vfs *, double *out)
{
    return state().base->xCurrentTime(state().base, out);
}

int vfsGetLastError(sqlite3_vfs *, int size, char *out)
{
    return state().base->xGetLastError ? state().base->xGetLastError(state().base, size, out) : 0;
}

int vfsCurrentTimeInt64(sqlite3_vfs *, sqlite3_int64 *out)
{
    return state().base->xCurrentTimeInt64(state().base, out);
}

/** Writes @p data at @p offset of @p path (the real file, closed by SQLite by now). */
void pwriteAt(const std::string &path, sqlite3_int64 offset, const char *data, std::size_t size)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::pwrite(fd, data + done, size - done, off_t(offset) + off_t(done));
        if (n <= 0)
            break;
        done += std::size_t(n);
    }
    ::close(fd);
}

} // namespace

void install(const Model &model)
{
    State &s = state();
    std::lock_guard lock(s.mutex);
    s.model = model;
    if (s.base)
        return;
    s.base = sqlite3_vfs_find(nullptr);
    sqlite3_vfs &v = s.vfs;
    v.iVersion = 2;
    v.szOsFile = int(sizeof(File)) + s.base->szOsFile;
    v.mxPathname = s.base->mxPathname;
    v.zName = vfsName;
    v.xOpen = vfsOpen;
    v.xDelete = vfsDelete;
    v.xAccess = vfsAccess;
    v.xFullPathname = vfsFullPathname;
    v.xDlOpen = vfsDlOpen;
    v.xDlError = vfsDlError;
    v.xDlSym = vfsDlSym;
    v.xDlClose = vfsDlClose;
    v.xRandomness = vfsRandomness;
    v.xSleep = vfsSleep;
    v.xCurrentTime = vfsCurrentTime;
    v.xGetLastError = vfsGetLastError;
    v.xCurrentTimeInt64 = vfsCurrentTimeInt64;
    sqlite3_vfs_register(&v, 0);
}

void setModel(const Model &model)
{
    std::lock_guard lock(state().mutex);
    state().model = model;
}

std::uint64_t mutations()
{
    std::lock_guard lock(state().mutex);
    return state().mutations;
}

void armCut(std::uint64_t at)
{
    std::lock_guard lock(state().mutex);
    state().cutAt = at;
}

bool powerFailed()
{
    std::lock_guard lock(state().mutex);
    return state().failed;
}

CutStats cutAndRestore(std::mt19937_64 &rng, double landChance)
{
    State &s = state();
    std::lock_guard lock(s.mutex);
    CutStats stats;
    std::uniform_real_distribution<double> chance(0.0, 1.0);
    for (auto &[path, node] : s.nodes) {
        if (node.open != 0)
            std::fprintf(stderr, "powercut: %s is still open at the cut (%d handles)\n", path.c_str(), node.open);
        if (node.bornAfterCut) {
            ::unlink(path.c_str());
            node.exists = false;
            node.bornAfterCut = false;
            node.pending.clear();
        }
        // Directory entries that were not synced: the old one or the new one, not both.
        if (node.exists != node.durableExists || node.ghost) {
            if (chance(rng) < 0.5) {
                ++stats.entriesKept;
                if (node.ghost)
                    ::unlink((path + ghostSuffix).c_str());
            } else {
                ++stats.entriesReverted;
                if (node.exists)
                    ::unlink(path.c_str());
                if (node.ghost)
                    ::rename((path + ghostSuffix).c_str(), path.c_str());
                node.exists = node.durableExists;
                node.pending.clear(); // they were writes to the version that is gone
            }
            node.ghost = false;
            node.durableExists = node.exists;
        }
        // Unsynced writes: each sector lands, is lost, or lands as garbage.
        const int sector = std::max(1, s.model.sectorBytes);
        for (const Op &op : node.pending) {
            ++stats.unsyncedWrites;
            if (op.truncate) {
                if (chance(rng) < landChance) {
                    ++stats.landed;
                    if (::truncate(path.c_str(), off_t(op.offset)) != 0)
                        std::fprintf(stderr, "powercut: cannot truncate %s\n", path.c_str());
                } else {
                    ++stats.lost;
                }
                continue;
            }
            int pieces = 0, landedPieces = 0;
            for (sqlite3_int64 at = op.offset, end = op.offset + sqlite3_int64(op.data.size()); at < end;) {
                const sqlite3_int64 next = std::min(end, (at / sector + 1) * sector);
                const std::size_t size = std::size_t(next - at);
                ++pieces;
                if (chance(rng) < landChance) {
                    ++landedPieces;
                    pwriteAt(path, at, op.data.data() + (at - op.offset), size);
                } else if (chance(rng) < s.model.garbleChance) {
                    ++stats.garbled;
                    std::string junk(size, '\0');
                    for (char &c : junk)
                        c = char(rng());
                    pwriteAt(path, at, junk.data(), size);
                }
                at = next;
            }
            (landedPieces == pieces ? stats.landed : landedPieces == 0 ? stats.lost : stats.torn) += 1;
        }
        node.pending.clear();
        node.afterCut.clear();
        // The WAL index is memory shared through the -shm file: never durable, in any state.
        if (node.mainDb) {
            const std::string shm = path + "-shm";
            struct stat st {};
            if (::stat(shm.c_str(), &st) == 0) {
                const double r = chance(rng);
                if (r < 1.0 / 3) {
                    ++stats.shmDeleted;
                    ::unlink(shm.c_str());
                } else if (r < 2.0 / 3) {
                    ++stats.shmStale;
                } else {
                    ++stats.shmGarbled;
                    std::string junk(std::size_t(st.st_size), '\0');
                    for (char &c : junk)
                        c = char(rng());
                    pwriteAt(shm, 0, junk.data(), junk.size());
                }
            }
        }
    }
    s.failed = false;
    s.cutAt = 0;
    return stats;
}

} // namespace kiosk::powercut
