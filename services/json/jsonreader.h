// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "services/catalog/catalogparser.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <cmath>
#include <optional>
#include <vector>

/**
 * Reading typed values out of a JSON object while recording every problem against one location,
 * for the catalog and form parsers: a file with ten mistakes gets ten messages, not one.
 */
namespace kiosk::json {

using catalog::Problem;
using Kind = catalog::Problem::Kind;

/** "a string", "an array", … for messages. */
[[nodiscard]] QString typeName(const QJsonValue &v);

/** Reads typed fields of one JSON object, recording every problem against one location. */
class Reader
{
public:
    Reader(const QJsonObject &obj, QString where, std::vector<Problem> &problems)
        : m_obj(obj)
        , m_where(std::move(where))
        , m_problems(problems)
    {
    }

    void setWhere(const QString &where) { m_where = where; }
    void markKnown(const QString &key) { m_known.insert(key); }
    /** The raw value (undefined when absent), marking the key as known. */
    QJsonValue value(const QString &key)
    {
        m_known.insert(key);
        return m_obj.value(key);
    }
    [[nodiscard]] bool has(const QString &key) const { return m_obj.contains(key); }
    const QString &where() const { return m_where; }

    void problem(Kind kind, const QString &field, const QString &message)
    {
        m_problems.push_back({kind, m_where, field, message});
    }

    QString string(const QString &key, bool required, int minLen = 0, int maxLen = 100000)
    {
        m_known.insert(key);
        const QJsonValue v = m_obj.value(key);
        if (v.isUndefined()) {
            if (required)
                problem(Kind::Missing, key, QStringLiteral("is required"));
            return {};
        }
        if (!v.isString()) {
            problem(Kind::WrongType, key, QStringLiteral("must be a string, not %1").arg(typeName(v)));
            return {};
        }
        const QString s = v.toString().trimmed();
        if (required && s.isEmpty()) {
            problem(Kind::Missing, key, QStringLiteral("must not be empty"));
        } else if (!s.isEmpty() && (s.size() < minLen || s.size() > maxLen)) {
            problem(Kind::Invalid, key,
                    QStringLiteral("must be %1–%2 characters long, is %3").arg(minLen).arg(maxLen).arg(s.size()));
        }
        return s;
    }

    std::optional<double> number(const QString &key, bool required, double min, double max, bool integer)
    {
        m_known.insert(key);
        const QJsonValue v = m_obj.value(key);
        if (v.isUndefined()) {
            if (required)
                problem(Kind::Missing, key, QStringLiteral("is required"));
            return std::nullopt;
        }
        if (!v.isDouble()) {
            problem(Kind::WrongType, key, QStringLiteral("must be a number, not %1").arg(typeName(v)));
            return std::nullopt;
        }
        const double d = v.toDouble();
        if (integer && d != std::floor(d)) {
            problem(Kind::Invalid, key, QStringLiteral("must be a whole number, is %1").arg(d));
            return std::nullopt;
        }
        if (d < min || d > max) {
            problem(Kind::Invalid, key, QStringLiteral("must be between %1 and %2, is %3").arg(min).arg(max).arg(d));
            return std::nullopt;
        }
        return d;
    }

    std::optional<bool> boolean(const QString &key)
    {
        m_known.insert(key);
        const QJsonValue v = m_obj.value(key);
        if (v.isUndefined())
            return std::nullopt;
        if (!v.isBool()) {
            problem(Kind::WrongType, key, QStringLiteral("must be true or false, not %1").arg(typeName(v)));
            return std::nullopt;
        }
        return v.toBool();
    }

    std::optional<QJsonArray> array(const QString &key, bool required)
    {
        m_known.insert(key);
        const QJsonValue v = m_obj.value(key);
        if (v.isUndefined()) {
            if (required)
                problem(Kind::Missing, key, QStringLiteral("is required"));
            return std::nullopt;
        }
        if (!v.isArray()) {
            problem(Kind::WrongType, key, QStringLiteral("must be an array, not %1").arg(typeName(v)));
            return std::nullopt;
        }
        return v.toArray();
    }

    /** An array of non-empty, distinct strings. */
    QStringList stringList(const QString &key)
    {
        QStringList out;
        const auto arr = array(key, false);
        if (!arr)
            return out;
        for (qsizetype i = 0; i < arr->size(); ++i) {
            const QJsonValue v = arr->at(i);
            const QString field = QStringLiteral("%1[%2]").arg(key).arg(i);
            if (!v.isString()) {
                problem(Kind::WrongType, field, QStringLiteral("must be a string, not %1").arg(typeName(v)));
                continue;
            }
            const QString s = v.toString().trimmed();
            if (s.isEmpty())
                problem(Kind::Invalid, field, QStringLiteral("must not be empty"));
            else if (out.contains(s))
                problem(Kind::Duplicate, field, QStringLiteral("\"%1\" is listed twice").arg(s));
            else
                out.append(s);
        }
        return out;
    }

    void reportUnknownKeys()
    {
        for (auto it = m_obj.begin(); it != m_obj.end(); ++it) {
            if (!m_known.contains(it.key()))
                problem(Kind::UnknownKey, it.key(), QStringLiteral("is not part of the catalog format"));
        }
    }

private:
    QJsonObject m_obj;
    QString m_where;
    std::vector<Problem> &m_problems;
    QSet<QString> m_known;
};

} // namespace kiosk::json
