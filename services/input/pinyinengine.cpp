// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/input/pinyinengine.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring> // pinyinime.h uses strlen without including it
#include <fcntl.h>
#include <googlepinyin/pinyinime.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk::input {

namespace {
// Debian's libgooglepinyin aborts (an assert in MatrixSearch::extend_dmi) on 27 or more letters
// that do not split into syllables, e.g. 27 × "a"; 8,000 random strings of up to 26 letters ran
// clean. Input is cut at 24: a resident never needs more for one phrase.
constexpr int maxLetters = 24;

/** Overwrites a file with zeros before it is removed (it holds what was typed). */
void wipeAndRemove(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd >= 0) {
        struct stat st {};
        if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
            static const char zeros[4096] = {};
            for (off_t left = st.st_size; left > 0;) {
                const ssize_t n = ::write(fd, zeros, std::size_t(std::min<off_t>(left, off_t(sizeof zeros))));
                if (n <= 0)
                    break;
                left -= n;
            }
            ::fdatasync(fd);
        }
        ::close(fd);
    }
    QFile::remove(path);
}

QString userDictionaryFolder()
{
    const QString shm = QStringLiteral("/dev/shm");
    return QFileInfo(shm).isDir() ? shm : QDir::tempPath();
}
} // namespace

int PinyinEngine::removeStaleUserDictionaries(const QString &folder)
{
    int removed = 0;
    const QStringList names = QDir(folder).entryList({QStringLiteral("kiosk-pinyin-*.dat")}, QDir::Files | QDir::Hidden | QDir::System);
    for (const QString &name : names) {
        bool ok = false;
        const qint64 pid = QStringView(name).mid(13, name.size() - 13 - 4).toLongLong(&ok);
        if (!ok || pid <= 0 || pid == QCoreApplication::applicationPid())
            continue;
        const QString path = QDir(folder).filePath(name);
        struct stat st {};
        if (::lstat(QFile::encodeName(path).constData(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != ::geteuid())
            continue;
        if (::kill(pid_t(pid), 0) == 0 || errno != ESRCH)
            continue; // that process still runs (or is not ours to ask about)
        wipeAndRemove(path);
        ++removed;
    }
    return removed;
}

QString PinyinEngine::dictionaryPath()
{
    const QByteArray env = qgetenv("KIOSK_PINYIN_DICT");
    if (!env.isEmpty())
        return QString::fromLocal8Bit(env);
    for (const char *p : {"/usr/lib/x86_64-linux-gnu/googlepinyin/data/dict_pinyin.dat",
                          "/usr/lib/aarch64-linux-gnu/googlepinyin/data/dict_pinyin.dat",
                          "/usr/lib/arm-linux-gnueabihf/googlepinyin/data/dict_pinyin.dat",
                          "/usr/share/googlepinyin/dict_pinyin.dat"}) {
        if (QFile::exists(QString::fromLatin1(p)))
            return QString::fromLatin1(p);
    }
    return {};
}

PinyinEngine &PinyinEngine::instance()
{
    static PinyinEngine engine;
    return engine;
}

PinyinEngine::PinyinEngine()
{
    open();
}

PinyinEngine::~PinyinEngine()
{
    close();
}

void PinyinEngine::open()
{
    const QString dict = dictionaryPath();
    if (dict.isEmpty()) {
        m_error = QStringLiteral("the pinyin dictionary (libgooglepinyin0) is not installed");
        return;
    }
    // The engine wants a user dictionary, where it would learn what residents chose: on a public
    // terminal that is personal data. It is given a path that can never be created (nothing can
    // be made under /proc/self), so it runs on the system dictionary alone and learns nothing:
    // no file of what was typed exists, and a visit's end has nothing to forget. (Earlier
    // versions kept one in /dev/shm and reopened the decoder per visit, which leaks some 195 KB
    // in libgooglepinyin each time.) Files those versions left behind are removed once.
    static const int stale = removeStaleUserDictionaries(userDictionaryFolder());
    Q_UNUSED(stale)
    m_open = ime_pinyin::im_open_decoder(QFile::encodeName(dict).constData(), "/proc/self/kiosk-pinyin-learns-nothing/user.dat");
    if (!m_open) {
        m_error = QStringLiteral("cannot open the pinyin dictionary %1").arg(dict);
        return;
    }
    ime_pinyin::im_set_max_lens(maxLetters, maxLetters / 2);
}

void PinyinEngine::close()
{
    if (m_open)
        ime_pinyin::im_close_decoder();
    m_open = false;
    m_count = 0;
}

void PinyinEngine::forget()
{
    // Nothing was learnt (no user dictionary): the search state is all a visit leaves.
    reset();
}

QStringList PinyinEngine::candidates(int max) const
{
    QStringList out;
    ime_pinyin::char16 buf[64];
    const size_t n = m_count;
    for (size_t i = 0; i < n && int(out.size()) < max; ++i) {
        if (ime_pinyin::char16 *s = ime_pinyin::im_get_candidate(i, buf, 63)) {
            buf[63] = 0;
            out << QString::fromUtf16(reinterpret_cast<const char16_t *>(s));
        }
    }
    return out;
}

QStringList PinyinEngine::search(const QString &letters, int max)
{
    m_letters.clear();
    for (QChar c : letters) {
        if (c.unicode() < 128 && c.isLetter() && m_letters.size() < maxLetters)
            m_letters += c.toLower();
    }
    m_count = 0;
    if (!m_open || m_letters.isEmpty()) {
        reset();
        return {};
    }
    const QByteArray sps = m_letters.toLatin1();
    m_count = ime_pinyin::im_search(sps.constData(), size_t(sps.size()));
    return candidates(max);
}

QString PinyinEngine::choose(int index, QStringList *remaining, int max)
{
    if (!m_open || index < 0 || size_t(index) >= m_count)
        return {};
    m_count = ime_pinyin::im_choose(size_t(index));
    const uint16_t *starts = nullptr;
    const size_t segments = ime_pinyin::im_get_spl_start_pos(starts);
    // Every spelling segment fixed: candidate 0 is now the whole converted phrase.
    if (ime_pinyin::im_get_fixed_len() >= segments) {
        const QString result = candidates(1).value(0);
        reset();
        return result;
    }
    if (remaining)
        *remaining = candidates(max);
    return {};
}

QString PinyinEngine::composing() const
{
    if (!m_open || m_count == 0)
        return m_letters;
    const size_t fixed = ime_pinyin::im_get_fixed_len();
    const uint16_t *starts = nullptr;
    const size_t segments = ime_pinyin::im_get_spl_start_pos(starts);
    const QString converted = fixed > 0 ? candidates(1).value(0).left(int(fixed)) : QString();
    const int from = starts && fixed <= segments ? int(starts[fixed]) : 0;
    return converted + m_letters.mid(from);
}

void PinyinEngine::reset()
{
    m_count = 0;
    m_letters.clear();
    if (m_open)
        ime_pinyin::im_reset_search();
}

} // namespace kiosk::input
