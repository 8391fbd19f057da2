// SPDX-License-Identifier: GPL-3.0-or-later
// A forms file (services/forms/formdefinition.cpp), then answers checked against each form it
// defines: the parser's rules (patterns, ranges, dates, choices, age rules) run on what it read.
#include "services/forms/formdefinition.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonObject>

#include <cstddef>
#include <cstdint>

using namespace kiosk::forms;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray json = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto result = parseForms(json);
    if (result.forms.has_value() != (result.errorCount() == 0))
        __builtin_trap();
    if (!result.forms)
        return 0;
    const QDate today(2024, 5, 1);
    // Answers made of the input's own text, and of each field's own options and placeholder.
    const QString text = QString::fromUtf8(json.left(64));
    for (const Form &form : result.forms->forms) {
        if (result.forms->form(form.id) != &form)
            __builtin_trap();
        QJsonObject answers;
        for (const Field &f : form.fields) {
            QJsonValue v = text;
            if (!f.options.empty())
                v = f.type == FieldType::MultiChoice ? QJsonValue(QJsonArray{f.options.front().value, text}) : QJsonValue(f.options.back().value);
            else if (f.type == FieldType::Number)
                v = double(size) - 3.5;
            else if (f.type == FieldType::YesNo || f.type == FieldType::Consent)
                v = size % 2 == 0;
            answers.insert(f.id, v);
            [[maybe_unused]] const QString one = validateValue(f, v, today);
        }
        const auto errors = validateAnswers(form, answers, today);
        for (const auto &e : errors) {
            if (e.message.isEmpty())
                __builtin_trap();
        }
        [[maybe_unused]] const auto age = subjectAge(form, answers, today);
    }
    return 0;
}
