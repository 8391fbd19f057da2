// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/fleet/bundlestore.h"
#include "services/fleet/atomicfile.h"

#include "services/catalog/catalogparser.h"
#include "services/catalog/catalogstore.h"
#include "services/forms/formdefinition.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

Q_LOGGING_CATEGORY(lcBundles, "kiosk.services.bundles")

namespace fs = std::filesystem;

namespace kiosk::fleet {

using bundle::Kind;

namespace {

const char kStateFile[] = "state.json";
const char kJournalFile[] = "journal.json";
const char kLinkName[] = "current";
const char kSignedFile[] = ".bundle";

QString sysError(const QString &what)
{
    return QStringLiteral("%1: %2").arg(what, QString::fromLocal8Bit(std::strerror(errno)));
}

bool fsyncPath(const fs::path &p)
{
    const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

/** Writes @p data to a new file @p p (0600) and fsyncs it. */
bool writeNewFile(const fs::path &p, const QByteArray &data, QString *error)
{
    const int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        *error = sysError(QStringLiteral("cannot write %1").arg(QString::fromStdString(p.string())));
        return false;
    }
    qsizetype done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + done, size_t(data.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            *error = sysError(QStringLiteral("cannot write %1 (disk full?)").arg(QString::fromStdString(p.string())));
            ::close(fd);
            return false;
        }
        done += n;
    }
    if (::fsync(fd) != 0) {
        *error = sysError(QStringLiteral("cannot sync %1").arg(QString::fromStdString(p.string())));
        ::close(fd);
        return false;
    }
    return ::close(fd) == 0;
}

bool makePrivateDir(const fs::path &p, QString *error)
{
    std::error_code ec;
    fs::create_directories(p, ec);
    if (ec || ::chmod(p.c_str(), 0700) != 0) {
        *error = QStringLiteral("cannot create the folder %1: %2").arg(QString::fromStdString(p.string()), QString::fromStdString(ec.message()));
        return false;
    }
    return true;
}

std::optional<QByteArray> readFile(const fs::path &p, std::int64_t max, QString *error)
{
    std::error_code ec;
    const auto size = fs::file_size(p, ec);
    if (ec) {
        *error = QStringLiteral("cannot read %1").arg(QString::fromStdString(p.filename().string()));
        return std::nullopt;
    }
    if (std::int64_t(size) > max) {
        *error = QStringLiteral("%1 is larger than %2 MB").arg(QString::fromStdString(p.filename().string())).arg(max / (1024 * 1024));
        return std::nullopt;
    }
    QFile f(QString::fromStdString(p.string()));
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1").arg(QString::fromStdString(p.filename().string()));
        return std::nullopt;
    }
    return f.readAll();
}

bool isVersionName(const QString &name)
{
    return bundle::parseVersion(name).has_value();
}

/** The order a deployment's bundles are validated and swapped in: catalog before forms, so the
 *  forms are checked against the catalog arriving with them. */
int kindOrder(Kind k)
{
    switch (k) {
    case Kind::Keys:
        return 0;
    case Kind::Config:
        return 1;
    case Kind::Platforms:
        return 2;
    case Kind::StaffPin:
        return 3;
    case Kind::Catalog:
        return 4;
    case Kind::Forms:
        return 5;
    case Kind::Commands:
        return 6;
    }
    return 9;
}

QString problemsText(const std::vector<catalog::Problem> &problems, int errors, const QString &what, QStringList *details)
{
    QString first;
    for (const auto &p : problems) {
        if (!p.isError())
            continue;
        if (first.isEmpty())
            first = p.toString();
        if (details && details->size() < 5)
            details->append(p.toString());
    }
    return QStringLiteral("the %1 has %2 error(s), the first: %3").arg(what).arg(errors).arg(first);
}

} // namespace

// --- BundleStore -------------------------------------------------------------------------------

BundleStore::BundleStore(Options options)
    : m_options(std::move(options))
    , m_root(m_options.stateDir / "bundles")
{
}

fs::path BundleStore::kindDir(Kind kind) const
{
    return m_root / bundle::kindId(kind).toStdString();
}

QString BundleStore::linkTarget(Kind kind) const
{
    std::error_code ec;
    const fs::path link = kindDir(kind) / kLinkName;
    if (!fs::is_symlink(fs::symlink_status(link, ec)))
        return {};
    const QString target = QString::fromStdString(fs::read_symlink(link, ec).string());
    if (ec || !isVersionName(target) || !fs::is_directory(kindDir(kind) / target.toStdString(), ec))
        return {};
    return target;
}

bool BundleStore::loadState(QString *error)
{
    m_state.clear();
    const fs::path p = m_root / kStateFile;
    std::error_code ec;
    if (!fs::exists(p, ec))
        return true;
    QString why;
    const auto bytes = readFile(p, 1024 * 1024, &why);
    const QJsonDocument doc = bytes ? QJsonDocument::fromJson(*bytes) : QJsonDocument();
    if (!doc.isObject()) {
        // Written atomically, so this is damage, not a power cut: go by the links, say so.
        qCWarning(lcBundles).noquote() << "the bundle state file is unreadable; going by the folders:" << why;
        if (error)
            *error = QStringLiteral("the bundle state file is unreadable");
        return false;
    }
    const QJsonObject kinds = doc.object().value(QLatin1String("kinds")).toObject();
    for (auto it = kinds.begin(); it != kinds.end(); ++it) {
        const auto kind = bundle::kindFromId(it.key());
        if (!kind)
            continue;
        const QJsonObject o = it.value().toObject();
        KindState s;
        s.current = o.value(QLatin1String("current")).toString();
        s.previous = o.value(QLatin1String("previous")).toString();
        s.highest = o.value(QLatin1String("highest")).toString();
        s.pending = o.value(QLatin1String("pending")).toBool();
        s.starts = o.value(QLatin1String("starts")).toInt();
        s.sha256 = o.value(QLatin1String("sha256")).toString().toLatin1();
        m_state[*kind] = s;
    }
    return true;
}

bool BundleStore::saveState(QString *error)
{
    QJsonObject kinds;
    for (const auto &[kind, s] : m_state) {
        kinds.insert(bundle::kindId(kind), QJsonObject{{QStringLiteral("current"), s.current},
                                                       {QStringLiteral("previous"), s.previous},
                                                       {QStringLiteral("highest"), s.highest},
                                                       {QStringLiteral("pending"), s.pending},
                                                       {QStringLiteral("starts"), s.starts},
                                                       {QStringLiteral("sha256"), QString::fromLatin1(s.sha256)}});
    }
    const QJsonObject o{{QStringLiteral("format"), 1}, {QStringLiteral("kinds"), kinds}};
    QString why;
    if (!writeAtomically(m_root / kStateFile, QJsonDocument(o).toJson(QJsonDocument::Indented), &why)) {
        qCWarning(lcBundles).noquote() << why;
        if (error)
            *error = why;
        return false;
    }
    return true;
}

bool BundleStore::pointLink(Kind kind, const QString &version, QString *error)
{
    const fs::path dir = kindDir(kind);
    const fs::path link = dir / kLinkName;
    if (version.isEmpty()) {
        if (::unlink(link.c_str()) != 0 && errno != ENOENT) {
            *error = sysError(QStringLiteral("cannot remove the %1 link").arg(bundle::kindId(kind)));
            return false;
        }
        fsyncPath(dir);
        return true;
    }
    const fs::path fresh = dir / ".current.new";
    ::unlink(fresh.c_str());
    if (::symlink(version.toStdString().c_str(), fresh.c_str()) != 0 || ::rename(fresh.c_str(), link.c_str()) != 0) {
        *error = sysError(QStringLiteral("cannot switch %1 to %2").arg(bundle::kindId(kind), version));
        return false;
    }
    fsyncPath(dir);
    return true;
}

void BundleStore::cleanKindFolder(Kind kind)
{
    const KindState s = m_state.count(kind) ? m_state.at(kind) : KindState{};
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator(kindDir(kind), ec)) {
        const QString name = QString::fromStdString(entry.path().filename().string());
        if (name == QLatin1String(kLinkName) || (!name.isEmpty() && (name == s.current || name == s.previous)))
            continue;
        // A staging folder or a version no longer kept (power cut before its swap, or two back).
        fs::remove_all(entry.path(), ec);
    }
}

void BundleStore::repair()
{
    // 1. A deployment cut between its swaps: undone unless every swap was made.
    const fs::path journal = m_root / kJournalFile;
    std::error_code ec;
    if (fs::exists(journal, ec)) {
        QString why;
        const auto bytes = readFile(journal, 1024 * 1024, &why);
        const QJsonArray entries = bytes ? QJsonDocument::fromJson(*bytes).object().value(QLatin1String("swaps")).toArray() : QJsonArray();
        bool all = true;
        for (const QJsonValue &v : entries) {
            const auto kind = bundle::kindFromId(v.toObject().value(QLatin1String("kind")).toString());
            if (kind && linkTarget(*kind) != v.toObject().value(QLatin1String("version")).toString())
                all = false;
        }
        if (!all) {
            for (const QJsonValue &v : entries) {
                const QJsonObject e = v.toObject();
                const auto kind = bundle::kindFromId(e.value(QLatin1String("kind")).toString());
                if (!kind || linkTarget(*kind) != e.value(QLatin1String("version")).toString())
                    continue;
                KindState before;
                before.current = e.value(QLatin1String("current")).toString();
                before.previous = e.value(QLatin1String("previous")).toString();
                before.highest = e.value(QLatin1String("highest")).toString();
                before.sha256 = e.value(QLatin1String("sha256")).toString().toLatin1();
                if (pointLink(*kind, before.current, &why)) {
                    m_state[*kind] = before;
                    qCWarning(lcBundles).noquote() << "a deployment was cut by a restart:" << bundle::kindId(*kind)
                                                   << e.value(QLatin1String("version")).toString() << "undone, back to"
                                                   << (before.current.isEmpty() ? QStringLiteral("none") : before.current);
                }
            }
        }
        if (saveState(&why))
            ::unlink(journal.c_str());
    }
    // 2. A link swapped before state.json was written: the swap counts (it is the commit point).
    bool changed = false;
    for (const Kind kind : bundle::kSwappedKinds) {
        const QString target = linkTarget(kind);
        KindState &s = m_state[kind];
        if (target != s.current) {
            if (!target.isEmpty()) {
                if (!s.current.isEmpty() && fs::is_directory(kindDir(kind) / s.current.toStdString(), ec))
                    s.previous = s.current;
                s.current = target;
                if (s.highest.isEmpty() || bundle::compareVersions(target, s.highest) > 0)
                    s.highest = target;
                s.pending = true;
                s.starts = 0;
                QString why;
                const auto raw = readFile(kindDir(kind) / target.toStdString() / kSignedFile, bundle::kMaxBundleBytes * 2, &why);
                s.sha256 = raw ? bundle::sha256Hex(*raw) : QByteArray();
                qCInfo(lcBundles).noquote() << bundle::kindId(kind) << target << "was put in force just before a restart";
            } else {
                // The link is gone or broken (never written so by this code): nothing is in force.
                qCWarning(lcBundles).noquote() << "the" << bundle::kindId(kind) << "link is missing; the terminal's own files are used";
                s.current.clear();
                s.pending = false;
                s.sha256.clear();
            }
            changed = true;
        }
        if (!s.previous.isEmpty() && !fs::is_directory(kindDir(kind) / s.previous.toStdString(), ec)) {
            s.previous.clear();
            changed = true;
        }
    }
    if (changed)
        saveState(nullptr);
    for (const Kind kind : bundle::kSwappedKinds)
        cleanKindFolder(kind);
    // Kinds never used take no room in state.json.
    for (auto it = m_state.begin(); it != m_state.end();)
        it = (it->second.current.isEmpty() && it->second.highest.isEmpty() && it->second.previous.isEmpty()) ? m_state.erase(it) : std::next(it);
}

bool BundleStore::open(QString *error)
{
    std::lock_guard lock(m_mutex);
    QString why;
    if (!makePrivateDir(m_root, &why)) {
        if (error)
            *error = why;
        return false;
    }
    for (const Kind kind : bundle::kSwappedKinds)
        if (!makePrivateDir(kindDir(kind), &why)) {
            if (error)
                *error = why;
            return false;
        }
    (void)loadState(nullptr);
    repair();
    return true;
}

std::optional<fs::path> BundleStore::currentPath(Kind kind) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_state.find(kind);
    if (it == m_state.end() || it->second.current.isEmpty())
        return std::nullopt;
    return kindDir(kind) / it->second.current.toStdString();
}

BundleStore::KindState BundleStore::state(Kind kind) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_state.find(kind);
    return it == m_state.end() ? KindState{} : it->second;
}

bool BundleStore::isCurrentBundle(const QByteArray &sha256Hex) const
{
    std::lock_guard lock(m_mutex);
    if (sha256Hex.isEmpty())
        return false;
    return std::any_of(m_state.begin(), m_state.end(), [&](const auto &e) {
        return !e.second.current.isEmpty() && e.second.sha256 == sha256Hex.toLower();
    });
}

std::optional<bundle::KeySet> BundleStore::trustedKeysLocked(QString *why) const
{
    QString w;
    const auto it = m_state.find(Kind::Keys);
    fs::path file = m_options.trustedKeysFile;
    QString source = QStringLiteral("the provisioned key set");
    if (it != m_state.end() && !it->second.current.isEmpty()) {
        file = kindDir(Kind::Keys) / it->second.current.toStdString() / bundle::payloadName(Kind::Keys).toStdString();
        source = QStringLiteral("the keys bundle %1").arg(it->second.current);
    } else if (file.empty()) {
        if (why)
            *why = QStringLiteral("no operator keys are configured on this terminal, so no bundle can be trusted");
        return std::nullopt;
    }
    const auto bytes = readFile(file, 128 * 1024, &w);
    auto set = bytes ? bundle::parseKeySet(*bytes, &w) : std::nullopt;
    if (!set && why)
        *why = QStringLiteral("the operator keys cannot be read (%1: %2), so no bundle can be trusted").arg(source, w);
    return set;
}

QString BundleStore::useEnrolmentKeys(const fs::path &keySetFile, bool dropKeysBundle)
{
    std::lock_guard lock(m_mutex);
    m_options.trustedKeysFile = keySetFile;
    auto it = m_state.find(Kind::Keys);
    if (!dropKeysBundle || it == m_state.end() || (it->second.current.isEmpty() && it->second.previous.isEmpty()))
        return {};
    QString why;
    if (!pointLink(Kind::Keys, QString(), &why))
        return why;
    qCInfo(lcBundles).noquote() << "keys bundle" << it->second.current << "put out of force: an enrolment named the operator's keys";
    it->second.current.clear();
    it->second.previous.clear();
    it->second.pending = false;
    it->second.starts = 0;
    it->second.sha256.clear();
    if (!saveState(&why))
        return why;
    cleanKindFolder(Kind::Keys);
    return {};
}

std::optional<bundle::KeySet> BundleStore::trustedKeys(QString *why) const
{
    std::lock_guard lock(m_mutex);
    return trustedKeysLocked(why);
}

std::optional<bundle::Bundle> BundleStore::check(const QByteArray &bytes, QString *why) const
{
    std::lock_guard lock(m_mutex);
    QString w;
    const auto keys = trustedKeysLocked(&w);
    auto b = keys ? bundle::verify(bytes, *keys, &w) : std::nullopt;
    if (!b) {
        if (why)
            *why = w;
        return std::nullopt;
    }
    const auto it = m_state.find(b->manifest.kind);
    if (it != m_state.end() && !it->second.highest.isEmpty()) {
        const int c = bundle::compareVersions(b->manifest.version, it->second.highest);
        const QString kind = bundle::kindId(b->manifest.kind);
        if (b->manifest.kind == Kind::Commands && c <= 0) {
            // The replay protection: a command list is run once, and never one signed before it.
            if (why)
                *why = QStringLiteral("commands %1 are not newer than %2, already run here (never run twice; sign a higher version)")
                           .arg(b->manifest.version, it->second.highest);
            return std::nullopt;
        }
        if (c == 0 && it->second.current == it->second.highest) {
            if (why)
                *why = QStringLiteral("%1 %2 is already in force").arg(kind, b->manifest.version);
            return std::nullopt;
        }
        if (c <= 0) {
            if (why)
                *why = QStringLiteral("%1 %2 is not newer than %3, already applied here (versions never go back; sign a higher one)")
                           .arg(kind, b->manifest.version, it->second.highest);
            return std::nullopt;
        }
    }
    return b;
}

QString BundleStore::apply(const std::vector<Incoming> &bundles)
{
    std::lock_guard lock(m_mutex);
    if (bundles.empty())
        return QStringLiteral("nothing to apply");
    QString why;
    // 1. Every version folder written completely and fsynced, before anything is switched.
    std::vector<fs::path> staged;
    auto undoStaging = [&] {
        std::error_code ec;
        for (const auto &p : staged)
            fs::remove_all(p, ec);
    };
    for (const Incoming &in : bundles) {
        const Kind kind = in.bundle.manifest.kind;
        const QString version = in.bundle.manifest.version;
        const fs::path dir = kindDir(kind);
        const fs::path staging = dir / (".staging-" + version.toStdString());
        const fs::path final = dir / version.toStdString();
        std::error_code ec;
        fs::remove_all(staging, ec);
        fs::remove_all(final, ec); // a leftover of an earlier attempt (never the current one: check() refused that)
        if (!makePrivateDir(staging, &why)) {
            undoStaging();
            return why;
        }
        staged.push_back(staging);
        bool ok = writeNewFile(staging / kSignedFile, in.raw, &why);
        for (const bundle::File &f : in.bundle.files)
            ok = ok && writeNewFile(staging / f.name.toStdString(), f.data, &why);
        if (!ok || !fsyncPath(staging) || ::rename(staging.c_str(), final.c_str()) != 0) {
            if (why.isEmpty())
                why = sysError(QStringLiteral("cannot put %1 %2 in place").arg(bundle::kindId(kind), version));
            undoStaging();
            return why;
        }
        staged.back() = final;
        fsyncPath(dir);
    }
    if (m_stopAt == StopAt::AfterStaging)
        return QStringLiteral("stopped for the test after staging");
    // 2. The journal: what to undo if the power goes between two swaps.
    QJsonArray swaps;
    for (const Incoming &in : bundles) {
        const KindState s = m_state.count(in.bundle.manifest.kind) ? m_state.at(in.bundle.manifest.kind) : KindState{};
        swaps.append(QJsonObject{{QStringLiteral("kind"), bundle::kindId(in.bundle.manifest.kind)},
                                 {QStringLiteral("version"), in.bundle.manifest.version},
                                 {QStringLiteral("current"), s.current},
                                 {QStringLiteral("previous"), s.previous},
                                 {QStringLiteral("highest"), s.highest},
                                 {QStringLiteral("sha256"), QString::fromLatin1(s.sha256)}});
    }
    if (!writeAtomically(m_root / kJournalFile, QJsonDocument(QJsonObject{{QStringLiteral("swaps"), swaps}}).toJson(), &why)) {
        undoStaging();
        return why;
    }
    // 3. The swaps: each a rename of its link.
    const std::map<Kind, KindState> before = m_state;
    for (size_t i = 0; i < bundles.size(); ++i) {
        const Kind kind = bundles[i].bundle.manifest.kind;
        if (!pointLink(kind, bundles[i].bundle.manifest.version, &why)) {
            for (size_t j = 0; j < i; ++j) {
                const Kind k = bundles[j].bundle.manifest.kind;
                QString ignored;
                (void)pointLink(k, before.count(k) ? before.at(k).current : QString(), &ignored);
            }
            undoStaging();
            ::unlink((m_root / kJournalFile).c_str());
            return why;
        }
        if (m_stopAt == StopAt::AfterLinkSwap)
            return QStringLiteral("stopped for the test after a link swap");
    }
    // 4. The state, then the journal goes.
    for (const Incoming &in : bundles) {
        KindState &s = m_state[in.bundle.manifest.kind];
        if (!s.current.isEmpty())
            s.previous = s.current;
        s.current = s.highest = in.bundle.manifest.version;
        s.pending = true;
        s.starts = 0;
        s.sha256 = bundle::sha256Hex(in.raw);
    }
    if (!saveState(&why)) {
        // The links are switched and count; the state is rebuilt from them at the next start.
        qCWarning(lcBundles).noquote() << "applied, but the state file was not written:" << why;
    }
    ::unlink((m_root / kJournalFile).c_str());
    fsyncPath(m_root);
    for (const Incoming &in : bundles) {
        cleanKindFolder(in.bundle.manifest.kind);
        qCInfo(lcBundles).noquote() << bundle::kindId(in.bundle.manifest.kind) << in.bundle.manifest.version << "in force";
    }
    return {};
}

QString BundleStore::recordCommands(const Incoming &commands)
{
    std::lock_guard lock(m_mutex);
    if (commands.bundle.manifest.kind != Kind::Commands)
        return QStringLiteral("not a commands bundle");
    const auto before = m_state.find(Kind::Commands);
    const KindState old = before == m_state.end() ? KindState{} : before->second;
    KindState &s = m_state[Kind::Commands];
    s.highest = commands.bundle.manifest.version;
    s.sha256 = bundle::sha256Hex(commands.raw);
    QString why;
    if (!saveState(&why)) {
        m_state[Kind::Commands] = old; // not recorded: not run, so it can never run twice
        return why;
    }
    qCInfo(lcBundles).noquote() << "commands" << commands.bundle.manifest.version << "recorded; running them";
    return {};
}

bool BundleStore::isLastCommands(const QByteArray &sha256Hex) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_state.find(Kind::Commands);
    return it != m_state.end() && !sha256Hex.isEmpty() && it->second.sha256 == sha256Hex.toLower();
}

void BundleStore::confirmStarted()
{
    std::lock_guard lock(m_mutex);
    bool changed = false;
    for (auto &[kind, s] : m_state) {
        if (s.pending && s.starts >= 1) {
            s.pending = false;
            s.starts = 0;
            changed = true;
            qCInfo(lcBundles).noquote() << bundle::kindId(kind) << s.current << "confirmed by a good start";
        }
    }
    if (changed)
        saveState(nullptr);
}

QStringList BundleStore::rollbackIfUnconfirmed()
{
    std::lock_guard lock(m_mutex);
    QStringList report;
    bool changed = false;
    for (auto &[kind, s] : m_state) {
        if (!s.pending)
            continue;
        changed = true;
        if (s.starts < m_options.maxUnconfirmedStarts) {
            ++s.starts;
            continue;
        }
        QString why;
        const QString failed = s.current;
        if (!pointLink(kind, s.previous, &why)) {
            report << QStringLiteral("%1 %2 did not start %3 times, but it could not be rolled back: %4")
                          .arg(bundle::kindId(kind), failed).arg(s.starts).arg(why);
            continue;
        }
        report << QStringLiteral("%1 %2 did not start %3 times: rolled back to %4; a fixed bundle needs a version above %2")
                      .arg(bundle::kindId(kind), failed)
                      .arg(s.starts)
                      .arg(s.previous.isEmpty() ? QStringLiteral("the terminal's own files") : s.previous);
        s.current = s.previous;
        s.previous.clear();
        s.pending = false;
        s.starts = 0;
        QString w;
        const auto raw = s.current.isEmpty() ? std::nullopt
                                             : readFile(kindDir(kind) / s.current.toStdString() / kSignedFile, bundle::kMaxBundleBytes * 2, &w);
        s.sha256 = raw ? bundle::sha256Hex(*raw) : QByteArray();
        qCWarning(lcBundles).noquote() << report.constLast();
    }
    if (changed)
        saveState(nullptr);
    for (const Kind kind : bundle::kSwappedKinds)
        cleanKindFolder(kind);
    return report;
}

// --- BundleInstaller ---------------------------------------------------------------------------

BundleInstaller::BundleInstaller(BundleStore *store, Validators validators)
    : m_store(store)
    , m_validators(std::move(validators))
{
}

bool BundleInstaller::selfVerifying(const QString &part) const
{
    return part == QLatin1String("bundle");
}

bool BundleInstaller::tookEffect(const ddi::Deployment &deployment)
{
    bool any = false;
    for (const auto &chunk : deployment.chunks) {
        if (chunk.part != QLatin1String("bundle"))
            return false;
        for (const auto &a : chunk.artifacts) {
            if (!m_store->isCurrentBundle(a.sha256) && !m_store->isLastCommands(a.sha256))
                return false;
            any = true;
        }
    }
    return any;
}

namespace {

/** What a config bundle may not set (docs/fleet.md, "When a bundle takes effect"). */
QString configBundleKeys(const QByteArray &json)
{
    const QJsonObject o = QJsonDocument::fromJson(json).object(); // not an object: the config validator says so
    if (o.contains(QLatin1String("stateDir")))
        return QStringLiteral("a config bundle may not set \"stateDir\": where the terminal keeps its requests, "
                              "bundles and staff lockouts is set on the terminal itself (its config file)");
    if (o.contains(QLatin1String("fleet")))
        return QStringLiteral("a config bundle may not set \"fleet\": a wrong server or CA pushed to every terminal would cut "
                              "them all off the fleet with no way back but a visit on site; the fleet section is set at enrolment, "
                              "on the terminal");
    return {};
}

/**
 * A platforms bundle's files: a relative caFile or clientCertificateFile names a certificate the
 * bundle carries (a plain file name, so nothing outside its folder); an absolute one a file on
 * the terminal. Keys never travel in a bundle: clientKeyFile and signingKeyFile are absolute paths
 * on the terminal (or left out for its credentials), and no carried file may hold a private key.
 */
QString platformFiles(const bundle::Bundle &b)
{
    QStringList carried;
    for (size_t i = 1; i < b.files.size(); ++i) {
        if (b.files[i].data.contains("PRIVATE KEY"))
            return QStringLiteral("%1 holds a private key: keys never travel in a bundle (they stay files or credentials on the terminal)")
                .arg(b.files[i].name);
        carried << b.files[i].name;
    }
    const QJsonArray platforms = QJsonDocument::fromJson(b.files.front().data).array();
    for (qsizetype i = 0; i < platforms.size(); ++i) {
        const QJsonObject p = platforms.at(i).toObject();
        const QString where = QStringLiteral("platforms[%1] (%2): ").arg(i).arg(p.value(QLatin1String("id")).toString().left(40));
        for (const char *key : {"caFile", "clientCertificateFile"}) {
            const QString path = p.value(QLatin1String(key)).toString();
            if (path.isEmpty() || path.startsWith(QLatin1Char('/'))) {
                if (path.contains(QLatin1String("/../")) || path.endsWith(QLatin1String("/..")))
                    return where + QStringLiteral("\"%1\" must not contain \"..\": \"%2\"").arg(QLatin1String(key), path.left(200));
                continue;
            }
            if (path.contains(QLatin1String("..")) || path.contains(QLatin1Char('/')) || path.contains(QLatin1Char('\\')))
                return where + QStringLiteral("\"%1\" \"%2\" leaves the bundle's folder: a relative path is the name of a file the bundle carries")
                                   .arg(QLatin1String(key), path.left(200));
            if (!carried.contains(path))
                return where + QStringLiteral("\"%1\" names %2, which the bundle does not carry (it carries: %3)")
                                   .arg(QLatin1String(key), path.left(200), carried.isEmpty() ? QStringLiteral("no certificate") : carried.join(QStringLiteral(", ")));
        }
        for (const char *key : {"clientKeyFile", "signingKeyFile"}) {
            const QString path = p.value(QLatin1String(key)).toString();
            if (!path.isEmpty() && !path.startsWith(QLatin1Char('/')))
                return where + QStringLiteral("\"%1\" must be an absolute path on the terminal (or left out for its credential): "
                                              "keys never travel in a bundle, not \"%2\"").arg(QLatin1String(key), path.left(200));
        }
    }
    return {};
}

} // namespace

QString BundleInstaller::validateContent(const bundle::Bundle &b, const catalog::Catalog *newCatalog, QStringList *details) const
{
    const Kind kind = b.manifest.kind;
    const QString expected = bundle::payloadName(kind);
    // Every kind carries its one payload; a platforms bundle may carry the platforms'
    // certificates alongside (docs/fleet.md, "When a bundle takes effect").
    const bool payloadFirst = !b.files.empty() && b.files.front().name == expected;
    if (!payloadFirst || (b.files.size() != 1 && kind != Kind::Platforms)) {
        QStringList names;
        for (const auto &f : b.files)
            names << f.name;
        if (kind == Kind::Platforms)
            return QStringLiteral("a platforms bundle carries platforms.json first, then the certificate files it names (this one: %1)")
                .arg(names.join(QStringLiteral(", ")));
        return QStringLiteral("a %1 bundle carries %2 only (this one: %3)").arg(bundle::kindId(kind), expected, names.join(QStringLiteral(", ")));
    }
    const QByteArray &data = b.files.front().data;
    switch (kind) {
    case Kind::Config:
    case Kind::Platforms: {
        if (!m_validators.config)
            return QStringLiteral("this terminal cannot check %1 bundles").arg(bundle::kindId(kind));
        QByteArray json = data;
        if (kind == Kind::Platforms) {
            // The same parser as the config file's "platforms" key (docs/configuration.md).
            const QJsonDocument doc = QJsonDocument::fromJson(data);
            if (!doc.isArray())
                return QStringLiteral("platforms.json must be a JSON array of platforms");
            json = QJsonDocument(QJsonObject{{QStringLiteral("platforms"), doc.array()}}).toJson();
        } else if (const QString w = configBundleKeys(data); !w.isEmpty()) {
            return w;
        }
        if (const QString w = m_validators.config(json); !w.isEmpty())
            return QStringLiteral("the %1 is not valid: %2").arg(expected, w);
        return kind == Kind::Platforms ? platformFiles(b) : QString();
    }
    case Kind::StaffPin: {
        if (!m_validators.staffPinHash)
            return QStringLiteral("this terminal cannot check staffPin bundles");
        const QString hash = QString::fromLatin1(data).trimmed();
        const QString w = m_validators.staffPinHash(hash);
        return w.isEmpty() ? QString() : QStringLiteral("the staff PIN hash is not valid: %1").arg(w);
    }
    case Kind::Keys: {
        QString w;
        return bundle::parseKeySet(data, &w) ? QString() : QStringLiteral("the new key set is not valid: %1").arg(w);
    }
    case Kind::Commands: {
        QString w;
        return commands::parseCommands(data, &w) ? QString() : QStringLiteral("the command list is not valid: %1").arg(w);
    }
    case Kind::Catalog: {
        const auto r = catalog::parseCatalog(data, m_validators.deviceKinds);
        return r.errorCount() == 0 && r.catalog ? QString() : problemsText(r.problems, r.errorCount(), QStringLiteral("catalog"), details);
    }
    case Kind::Forms: {
        const auto r = forms::parseForms(data, m_validators.deviceKinds);
        if (r.errorCount() > 0 || !r.forms)
            return problemsText(r.problems, r.errorCount(), QStringLiteral("forms file"), details);
        std::optional<catalog::Catalog> inForce;
        if (!newCatalog) {
            if (m_validators.catalogInForce)
                inForce = m_validators.catalogInForce();
            if (!inForce) {
                const auto dir = m_store ? m_store->currentPath(Kind::Catalog) : std::nullopt;
                const QString path = dir ? QString::fromStdString((*dir / "catalog.json").string()) : catalog::CatalogStore::builtInPath();
                inForce = catalog::loadCatalogFile(path, m_validators.deviceKinds).catalog;
            }
            if (!inForce)
                return QStringLiteral("the catalog in force cannot be read, so the forms cannot be checked against it");
            newCatalog = &*inForce;
        }
        const auto problems = forms::crossCheck(*newCatalog, *r.forms);
        const int errors = int(std::count_if(problems.begin(), problems.end(), [](const auto &p) { return p.isError(); }));
        return errors == 0 ? QString() : problemsText(problems, errors, QStringLiteral("forms file, against the catalog in force,"), details);
    }
    }
    return QStringLiteral("unknown kind");
}

InstallResult BundleInstaller::installFiles(const std::vector<fs::path> &files)
{
    if (files.empty())
        return {false, QStringLiteral("the deployment carries no bundle"), {}};
    std::vector<BundleStore::Incoming> incoming;
    for (const fs::path &p : files) {
        const QString name = QString::fromStdString(p.filename().string());
        QString why;
        const auto raw = readFile(p, bundle::kMaxBundleBytes + bundle::kMaxManifestBytes + bundle::kMaxSignatureBytes + 24, &why);
        if (!raw)
            return {false, QStringLiteral("%1 refused: %2").arg(name, why), {}};
        auto b = m_store->check(*raw, &why);
        if (!b)
            return {false, QStringLiteral("%1 refused: %2").arg(name, why), {}};
        for (const auto &in : incoming)
            if (in.bundle.manifest.kind == b->manifest.kind)
                return {false, QStringLiteral("%1 refused: the deployment carries two %2 bundles").arg(name, bundle::kindId(b->manifest.kind)), {}};
        incoming.push_back({std::move(*b), *raw});
    }
    if (std::any_of(incoming.begin(), incoming.end(), [](const auto &in) { return in.bundle.manifest.kind == Kind::Commands; })) {
        if (incoming.size() != 1)
            return {false, QStringLiteral("a commands bundle travels alone in its deployment (this one carries %1 bundles)").arg(incoming.size()), {}};
        return runCommands(incoming.front());
    }
    std::sort(incoming.begin(), incoming.end(),
              [](const auto &a, const auto &b) { return kindOrder(a.bundle.manifest.kind) < kindOrder(b.bundle.manifest.kind); });
    std::optional<catalog::Catalog> newCatalog;
    QStringList applied;
    for (const auto &in : incoming) {
        QStringList details;
        const QString w = validateContent(in.bundle, newCatalog ? &*newCatalog : nullptr, &details);
        const QString what = QStringLiteral("%1 %2").arg(bundle::kindId(in.bundle.manifest.kind), in.bundle.manifest.version);
        if (!w.isEmpty())
            return {false, QStringLiteral("%1 refused: %2").arg(what, w), details};
        if (in.bundle.manifest.kind == Kind::Catalog)
            newCatalog = catalog::parseCatalog(in.bundle.files.front().data, m_validators.deviceKinds).catalog;
        applied << what;
    }
    if (const QString w = m_store->apply(incoming); !w.isEmpty())
        return {false, QStringLiteral("not applied: %1").arg(w), {}};
    return {true, QStringLiteral("applied %1").arg(applied.join(QStringLiteral(", "))), {}};
}

InstallResult BundleInstaller::runCommands(const BundleStore::Incoming &in)
{
    const QString what = QStringLiteral("commands %1").arg(in.bundle.manifest.version);
    if (const QString w = validateContent(in.bundle, nullptr); !w.isEmpty())
        return {false, QStringLiteral("%1 refused: %2").arg(what, w), {}};
    if (!m_runner)
        return {false, QStringLiteral("%1 refused: this terminal runs no fleet commands").arg(what), {}};
    // Recorded before anything runs: a restart in the middle never runs them a second time.
    if (const QString w = m_store->recordCommands(in); !w.isEmpty())
        return {false, QStringLiteral("%1 not run: %2").arg(what, w), {}};
    const auto list = commands::parseCommands(in.bundle.files.front().data);
    InstallResult r = m_runner->run(*list);
    r.reason = QStringLiteral("%1: %2").arg(what, r.reason);
    return r;
}

InstallResult BundleInstaller::install(const ddi::Deployment &deployment, const std::vector<StagedArtifact> &artifacts)
{
    Q_UNUSED(deployment);
    std::vector<fs::path> files;
    for (const StagedArtifact &a : artifacts) {
        if (a.part != QLatin1String("bundle"))
            return {false, QStringLiteral("the part \"%1\" (%2) is not something this terminal applies").arg(a.part.left(40), a.filename.left(80)), {}};
        files.push_back(a.file);
    }
    return installFiles(files);
}

} // namespace kiosk::fleet
