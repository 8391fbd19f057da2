// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <vector>

/**
 * The city's catalog of devolved service items (民生类高频事项), as documented in
 * docs/catalog-format.md. Plain values: parsed and validated by catalogparser, searched by
 * catalogsearch, kept in force by catalogstore.
 */
namespace kiosk::catalog {

/** How an item is handled at the terminal. */
enum class Handling {
    Terminal, ///< 全程自助: done entirely at the terminal
    Collect, ///< 终端申请、窗口领取: submitted here, collected at a counter
    Guide, ///< 办事指引: the terminal explains, the resident goes to a counter
};

[[nodiscard]] QString handlingId(Handling h);

/** Whose records an item shows: a personal item needs the resident's ID card on the reader. */
enum class Access {
    Personal, ///< the resident's own records (the default)
    Public, ///< open information (a policy, a list of clinics, a school catchment): no card needed
};

[[nodiscard]] QString accessId(Access a);

struct Material {
    QString name;
    QString note;
    bool optional = false;
};

/** A department, life event, platform or service category: an id and its names. */
struct Facet {
    QString id;
    QString name;
    QString nameEn;
};

struct Item {
    QString code;
    QString name;
    QString nameEn;
    QString summary;
    QString department;
    QString category;
    QStringList lifeEvents;
    QStringList keywords;
    std::vector<Material> materials;
    QString conditions;
    int promisedDays = 0;
    int legalDays = 0;
    double fee = 0;
    QString feeNote;
    Handling handling = Handling::Guide;
    QString platform;
    QString where;
    QString nextSteps;
    QString form;
    int popularity = 0;
    Access access = Access::Personal;
    [[nodiscard]] bool publicAccess() const { return access == Access::Public; }
};

/** The six community functions of a neighborhood center; fixed, not part of the file. */
[[nodiscard]] const std::vector<Facet> &serviceCategories();

class Catalog
{
public:
    QString version;
    QString city;
    std::vector<Facet> departments;
    std::vector<Facet> lifeEvents;
    std::vector<Facet> platforms;
    std::vector<Item> items;

    /** Rebuilds the code index; call after filling `items`. */
    void reindex();

    [[nodiscard]] const Item *item(const QString &code) const;
    [[nodiscard]] const Facet *department(const QString &id) const;
    [[nodiscard]] const Facet *lifeEvent(const QString &id) const;
    [[nodiscard]] const Facet *platform(const QString &id) const;
    [[nodiscard]] static const Facet *category(const QString &id);

    /** Indices into `items` of the @p count most popular items, most popular first. */
    [[nodiscard]] std::vector<int> mostPopular(int count) const;

private:
    QHash<QString, int> m_byCode;
};

} // namespace kiosk::catalog
