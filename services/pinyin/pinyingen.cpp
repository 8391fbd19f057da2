// SPDX-License-Identifier: GPL-3.0-or-later
// Build-time tool: compiles Unicode's Unihan readings into a compact C++ table of toneless pinyin.
//
//   pinyingen Unihan_Readings.txt[.bz2] out.cpp
//
// Every reading a character has in modern dictionaries is kept, most customary first, so that a
// polyphonic character (行 háng/xíng, 长 cháng/zhǎng) is found under each reading. Sources, in order:
// kMandarin (the customary reading), kHanyuPinlu (readings by frequency), kXHC1983 (现代汉语词典),
// kTGHZ2013 (通用规范汉字字典). kHanyuPinyin (汉语大字典, rich in archaic readings) is used only for
// characters none of the modern sources covers. ü is written v, as residents type it (lv, nv),
// and additionally u (lu, nu).
// Deliberately uses only the standard library so it builds before anything else.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::vector<char32_t> decodeUtf8(const std::string &s)
{
    std::vector<char32_t> out;
    for (size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (len == 0 || i + len > s.size())
            return {};
        char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1f) : len == 3 ? (c & 0x0f) : (c & 0x07);
        for (int k = 1; k < len; ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
        out.push_back(cp);
        i += len;
    }
    return out;
}

// Toned pinyin → plain lower-case letters; ü → v. Returns "" for anything unexpected.
std::string toneless(const std::string &reading)
{
    static const std::map<char32_t, char> fold = {
        {U'ā', 'a'}, {U'á', 'a'}, {U'ǎ', 'a'}, {U'à', 'a'}, {U'ē', 'e'}, {U'é', 'e'}, {U'ě', 'e'},
        {U'è', 'e'}, {U'ê', 'e'}, {U'ế', 'e'}, {U'ề', 'e'}, {U'ī', 'i'}, {U'í', 'i'}, {U'ǐ', 'i'},
        {U'ì', 'i'}, {U'ō', 'o'}, {U'ó', 'o'}, {U'ǒ', 'o'}, {U'ò', 'o'}, {U'ū', 'u'}, {U'ú', 'u'},
        {U'ǔ', 'u'}, {U'ù', 'u'}, {U'ü', 'v'}, {U'ǖ', 'v'}, {U'ǘ', 'v'}, {U'ǚ', 'v'}, {U'ǜ', 'v'},
        {U'ń', 'n'}, {U'ň', 'n'}, {U'ǹ', 'n'}, {U'ḿ', 'm'}, {U'm', 'm'}};
    std::string out;
    for (char32_t cp : decodeUtf8(reading)) {
        if (cp >= 0x0300 && cp <= 0x036f)
            continue; // combining tone marks (ê̄, m̄)
        if (cp >= 'a' && cp <= 'z') {
            out += static_cast<char>(cp);
            continue;
        }
        auto it = fold.find(cp);
        if (it == fold.end())
            return {};
        out += it->second;
    }
    return out;
}

std::vector<std::string> splitWs(const std::string &s)
{
    std::istringstream in(s);
    std::vector<std::string> out;
    for (std::string w; in >> w;)
        out.push_back(w);
    return out;
}

// "0442.080:háng 0443.050:hàng" or "20811.060:háng,xìng" or "xíng(2943) háng(218)" or "xíng".
std::vector<std::string> readingsOf(const std::string &field, const std::string &value)
{
    std::vector<std::string> out;
    for (std::string token : splitWs(value)) {
        if (auto colon = token.find(':'); colon != std::string::npos)
            token = token.substr(colon + 1);
        if (field == "kHanyuPinlu") {
            if (auto paren = token.find('('); paren != std::string::npos)
                token = token.substr(0, paren);
        }
        std::stringstream parts(token);
        for (std::string r; std::getline(parts, r, ',');) {
            const std::string t = toneless(r);
            if (!t.empty() && t.size() <= 6)
                out.push_back(t);
        }
    }
    return out;
}

struct CharReadings {
    std::vector<std::string> modern; // kMandarin, kHanyuPinlu, kXHC1983, kTGHZ2013
    std::vector<std::string> archaic; // kHanyuPinyin
};

} // namespace

int main(int argc, char **argv)
{
    if (argc != 3) {
        std::cerr << "usage: pinyingen Unihan_Readings.txt[.bz2] out.cpp\n";
        return 2;
    }
    const std::string inPath = argv[1];
    std::unique_ptr<FILE, int (*)(FILE *)> in(nullptr, fclose);
    if (inPath.size() > 4 && inPath.substr(inPath.size() - 4) == ".bz2") {
        const std::string cmd = "bzcat '" + inPath + "'";
        in = std::unique_ptr<FILE, int (*)(FILE *)>(popen(cmd.c_str(), "r"), pclose);
    } else {
        in = std::unique_ptr<FILE, int (*)(FILE *)>(fopen(inPath.c_str(), "r"), fclose);
    }
    if (!in) {
        std::cerr << "pinyingen: cannot read " << inPath << "\n";
        return 1;
    }

    std::map<char32_t, CharReadings> chars;
    char buf[8192];
    size_t lines = 0;
    while (fgets(buf, sizeof buf, in.get())) {
        std::string line(buf);
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
            line.pop_back();
        if (line.rfind("U+", 0) != 0)
            continue;
        const auto tab1 = line.find('\t');
        const auto tab2 = line.find('\t', tab1 + 1);
        if (tab1 == std::string::npos || tab2 == std::string::npos)
            continue;
        const char32_t cp = static_cast<char32_t>(std::strtoul(line.c_str() + 2, nullptr, 16));
        const std::string field = line.substr(tab1 + 1, tab2 - tab1 - 1);
        const std::string value = line.substr(tab2 + 1);
        ++lines;
        if (field == "kMandarin" || field == "kHanyuPinlu" || field == "kXHC1983" || field == "kTGHZ2013") {
            auto r = readingsOf(field, value);
            auto &dst = chars[cp].modern;
            // kMandarin is the customary reading: it goes first whatever order the file has.
            dst.insert(field == "kMandarin" ? dst.begin() : dst.end(), r.begin(), r.end());
        } else if (field == "kHanyuPinyin") {
            auto r = readingsOf(field, value);
            chars[cp].archaic.insert(chars[cp].archaic.end(), r.begin(), r.end());
        }
    }
    if (lines < 1000) {
        std::cerr << "pinyingen: " << inPath << " holds no Unihan readings\n";
        return 1;
    }

    // Final reading lists, duplicates removed in order; ü-syllables also under u.
    std::map<char32_t, std::vector<std::string>> table;
    std::set<std::string> syllableSet;
    for (auto &[cp, r] : chars) {
        const auto &src = r.modern.empty() ? r.archaic : r.modern;
        std::vector<std::string> list;
        auto add = [&](const std::string &s) {
            if (std::find(list.begin(), list.end(), s) == list.end())
                list.push_back(s);
        };
        for (const auto &s : src)
            add(s);
        for (const auto &s : std::vector<std::string>(list)) {
            if (auto v = s.find('v'); v != std::string::npos) {
                std::string u = s;
                u[v] = 'u';
                add(u);
            }
        }
        if (list.empty())
            continue;
        for (const auto &s : list)
            syllableSet.insert(s);
        table[cp] = std::move(list);
    }
    const std::vector<std::string> syllables(syllableSet.begin(), syllableSet.end());
    auto idOf = [&](const std::string &s) {
        return std::lower_bound(syllables.begin(), syllables.end(), s) - syllables.begin();
    };

    std::ofstream out(argv[2]);
    out << "// Generated by pinyingen from Unicode's Unihan_Readings.txt. Do not edit.\n"
           "#include \"services/pinyin/pinyintable_p.h\"\n\n"
           "namespace kiosk::pinyin::table {\n\n";
    out << "const int syllableCount = " << syllables.size() << ";\n";
    out << "const char *const syllables[] = {\n";
    for (const auto &s : syllables)
        out << "    \"" << s << "\",\n";
    out << "};\n\n";
    out << "const int charCount = " << table.size() << ";\n";
    out << "// Sorted by code point; readings at [first, first + count) of readingPool.\n";
    out << "const CharEntry chars[] = {\n";
    size_t pool = 0;
    for (const auto &[cp, list] : table) {
        out << "    {0x" << std::hex << static_cast<unsigned>(cp) << std::dec << ", " << pool << ", "
            << list.size() << "},\n";
        pool += list.size();
    }
    out << "};\n\n";
    out << "const std::uint16_t readingPool[] = {\n   ";
    size_t n = 0;
    for (const auto &[cp, list] : table) {
        for (const auto &s : list) {
            out << ' ' << idOf(s) << ',';
            if (++n % 24 == 0)
                out << "\n   ";
        }
    }
    out << "\n};\n\n} // namespace kiosk::pinyin::table\n";
    if (!out) {
        std::cerr << "pinyingen: cannot write " << argv[2] << "\n";
        return 1;
    }
    std::cerr << "pinyingen: " << table.size() << " characters, " << syllables.size()
              << " syllables, " << pool << " readings\n";
    return 0;
}
