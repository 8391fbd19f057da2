// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <cstddef>

namespace kiosk::input {

/**
 * Pinyin → Chinese characters, over Debian's libgooglepinyin (the engine Qt's own pinyin plugin
 * wraps; Debian's Qt Virtual Keyboard ships without it). "shebao" → 社保, 设备, 社, …
 *
 * The library keeps one decoder per process: PinyinEngine is a process-wide service used from
 * the GUI thread only.
 */
class PinyinEngine
{
public:
    /** Opens the system dictionary (Debian: …/googlepinyin/data/dict_pinyin.dat). */
    static PinyinEngine &instance();

    [[nodiscard]] bool isOpen() const { return m_open; }
    [[nodiscard]] QString error() const { return m_error; }

    /** Candidates for the letters typed so far, best first (at most @p max). */
    QStringList search(const QString &letters, int max = 30);
    /**
     * Chooses candidate @p index of the last search. Returns the text to commit when the whole
     * input is converted; otherwise an empty string, and search results continue for the rest.
     */
    QString choose(int index, QStringList *remaining = nullptr, int max = 30);
    /** The part of the input already converted, then the letters still open ("社bao"). */
    [[nodiscard]] QString composing() const;
    void reset();
    /** Ends a visit's input (called when a visit ends); the engine learns nothing to keep. */
    void forget();

    [[nodiscard]] static QString dictionaryPath();
    /**
     * Wipes and removes the user dictionaries (`kiosk-pinyin-<pid>.dat`) in @p folder that a
     * kiosk process which no longer runs left behind (a crash, a power cut on a disk-backed /tmp):
     * what residents typed does not outlive the process. Files of running processes, and of other
     * users, are left alone. Returns how many were removed. Done once at the engine's first start.
     */
    static int removeStaleUserDictionaries(const QString &folder);

private:
    PinyinEngine();
    ~PinyinEngine();
    QStringList candidates(int max) const;
    void open();
    void close();

    bool m_open = false;
    QString m_error;
    QString m_letters;
    std::size_t m_count = 0; ///< candidates of the current search step
};

} // namespace kiosk::input
