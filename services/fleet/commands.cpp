// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/fleet/commands.h"

#include "common/privacy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

namespace kiosk::fleet::commands {

namespace {

template<typename T>
std::optional<T> fail(QString *why, const QString &text)
{
    if (why)
        *why = text;
    return std::nullopt;
}

constexpr Command kAll[] = {Command::SelfTest,           Command::PrintTestReceipt,     Command::RefetchProgress,
                            Command::UploadDiagnostics, Command::SetMaintenanceWindow, Command::RestartApp};

/** The keys each command may carry besides id, command and continueOnFailure. */
QStringList extraKeys(Command c)
{
    switch (c) {
    case Command::UploadDiagnostics:
        return {QStringLiteral("url"), QStringLiteral("logLines")};
    case Command::SetMaintenanceWindow:
        return {QStringLiteral("window")};
    case Command::SelfTest:
    case Command::PrintTestReceipt:
    case Command::RefetchProgress:
    case Command::RestartApp:
        break;
    }
    return {};
}

std::optional<int> hhmm(const QString &t)
{
    static const QRegularExpression re(QStringLiteral("^([01][0-9]|2[0-3]):([0-5][0-9])$"));
    const auto m = re.match(t);
    if (!m.hasMatch())
        return std::nullopt;
    return m.captured(1).toInt() * 60 + m.captured(2).toInt();
}

QString clean(const QString &line)
{
    // Nothing personal leaves the terminal, whatever a host wrote; control characters go too.
    QString s = privacy::maskPersonalData(line);
    for (QChar &c : s)
        if (c.category() == QChar::Other_Control)
            c = QLatin1Char(' ');
    return s.left(kMaxLineLength);
}

} // namespace

QString commandId(Command command)
{
    switch (command) {
    case Command::SelfTest:
        return QStringLiteral("self-test");
    case Command::PrintTestReceipt:
        return QStringLiteral("print-test-receipt");
    case Command::RefetchProgress:
        return QStringLiteral("refetch-progress");
    case Command::UploadDiagnostics:
        return QStringLiteral("upload-diagnostics");
    case Command::SetMaintenanceWindow:
        return QStringLiteral("set-maintenance-window");
    case Command::RestartApp:
        return QStringLiteral("restart-app");
    }
    return {};
}

std::optional<Command> commandFromId(const QString &id)
{
    for (const Command c : kAll)
        if (commandId(c) == id)
            return c;
    return std::nullopt;
}

bool Window::contains(QTime time) const
{
    const int m = time.hour() * 60 + time.minute();
    if (startMinute < endMinute)
        return m >= startMinute && m < endMinute;
    return m >= startMinute || m < endMinute; // past midnight
}

QString Window::text() const
{
    return QStringLiteral("%1:%2-%3:%4")
        .arg(startMinute / 60, 2, 10, QLatin1Char('0'))
        .arg(startMinute % 60, 2, 10, QLatin1Char('0'))
        .arg(endMinute / 60, 2, 10, QLatin1Char('0'))
        .arg(endMinute % 60, 2, 10, QLatin1Char('0'));
}

std::optional<Window> parseWindow(const QString &text, QString *why)
{
    const QStringList parts = text.split(QLatin1Char('-'));
    const auto start = parts.size() == 2 ? hhmm(parts[0]) : std::nullopt;
    const auto end = parts.size() == 2 ? hhmm(parts[1]) : std::nullopt;
    if (!start || !end)
        return fail<Window>(why, QStringLiteral("the window \"%1\" is not HH:MM-HH:MM (24-hour, e.g. 02:00-04:00)").arg(text.left(40)));
    if (*start == *end)
        return fail<Window>(why, QStringLiteral("the window \"%1\" starts where it ends").arg(text));
    return Window{*start, *end};
}

std::optional<CommandList> parseCommands(const QByteArray &json, QString *why)
{
    if (json.size() > kMaxJsonBytes)
        return fail<CommandList>(why, QStringLiteral("commands.json is larger than %1 KB").arg(kMaxJsonBytes / 1024));
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &perr);
    if (perr.error != QJsonParseError::NoError || !doc.isObject())
        return fail<CommandList>(why, QStringLiteral("commands.json is not a JSON object"));
    const QJsonObject o = doc.object();
    for (const QString &k : o.keys())
        if (k != QLatin1String("format") && k != QLatin1String("commands"))
            return fail<CommandList>(why, QStringLiteral("commands.json has an unknown key \"%1\"").arg(k.left(40)));
    const QJsonValue format = o.value(QLatin1String("format"));
    if (!format.isDouble() || format.toDouble() != kFormat)
        return fail<CommandList>(why, QStringLiteral("commands.json's format is not %1 (made by a newer kioskctl?)").arg(kFormat));
    if (!o.value(QLatin1String("commands")).isArray())
        return fail<CommandList>(why, QStringLiteral("commands.json has no \"commands\" list"));
    const QJsonArray list = o.value(QLatin1String("commands")).toArray();
    if (list.isEmpty())
        return fail<CommandList>(why, QStringLiteral("commands.json lists no command"));
    if (list.size() > kMaxCommands)
        return fail<CommandList>(why, QStringLiteral("commands.json lists %1 commands; at most %2 are taken").arg(list.size()).arg(kMaxCommands));
    static const QRegularExpression idRe(QStringLiteral("^[A-Za-z0-9_-]{1,%1}$").arg(kMaxIdLength));
    CommandList result;
    QSet<QString> ids;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString where = QStringLiteral("command %1").arg(i + 1);
        if (!list[i].isObject())
            return fail<CommandList>(why, QStringLiteral("%1 is not a JSON object").arg(where));
        const QJsonObject c = list[i].toObject();
        Entry e;
        const QJsonValue id = c.value(QLatin1String("id"));
        if (!id.isString() || !idRe.match(id.toString()).hasMatch())
            return fail<CommandList>(why, QStringLiteral("%1 has no id of 1–%2 letters, digits, _ or -").arg(where).arg(kMaxIdLength));
        e.id = id.toString();
        if (ids.contains(e.id))
            return fail<CommandList>(why, QStringLiteral("the id \"%1\" is used twice").arg(e.id));
        ids.insert(e.id);
        const QString name = c.value(QLatin1String("command")).toString();
        const auto command = commandFromId(name);
        if (!command)
            return fail<CommandList>(why, QStringLiteral("%1 (%2): \"%3\" is not a command this terminal knows (self-test, print-test-receipt, "
                                                         "refetch-progress, upload-diagnostics, set-maintenance-window, restart-app)")
                                              .arg(where, e.id, name.left(40)));
        e.command = *command;
        const QStringList allowed = QStringList{QStringLiteral("id"), QStringLiteral("command"), QStringLiteral("continueOnFailure")} + extraKeys(e.command);
        for (const QString &k : c.keys())
            if (!allowed.contains(k))
                return fail<CommandList>(why, QStringLiteral("%1 (%2): %3 takes no \"%4\"").arg(where, e.id, name, k.left(40)));
        if (c.contains(QLatin1String("continueOnFailure"))) {
            if (!c.value(QLatin1String("continueOnFailure")).isBool())
                return fail<CommandList>(why, QStringLiteral("%1 (%2): continueOnFailure must be true or false").arg(where, e.id));
            e.continueOnFailure = c.value(QLatin1String("continueOnFailure")).toBool();
        }
        switch (e.command) {
        case Command::UploadDiagnostics: {
            e.url = c.value(QLatin1String("url")).toString();
            const QUrl url(e.url, QUrl::StrictMode);
            if (e.url.isEmpty() || e.url.size() > kMaxUrlLength || !url.isValid() || url.scheme() != QLatin1String("https") || url.host().isEmpty()
                || !url.userInfo().isEmpty())
                return fail<CommandList>(why, QStringLiteral("%1 (%2): the upload needs an https:// URL (at most %3 characters, no user or password in it)")
                                                  .arg(where, e.id)
                                                  .arg(kMaxUrlLength));
            // As QUrl reads it: the scheme and host in lower case ("htTps://" is https, and is kept as such).
            e.url = url.toString(QUrl::FullyEncoded);
            if (c.contains(QLatin1String("logLines"))) {
                const QJsonValue n = c.value(QLatin1String("logLines"));
                if (!n.isDouble() || n.toDouble() != double(n.toInt()) || n.toInt() < 1 || n.toInt() > kMaxLogLines)
                    return fail<CommandList>(why, QStringLiteral("%1 (%2): logLines must be a whole number from 1 to %3").arg(where, e.id).arg(kMaxLogLines));
                e.logLines = n.toInt();
            }
            break;
        }
        case Command::SetMaintenanceWindow: {
            const QJsonValue w = c.value(QLatin1String("window"));
            if (!w.isString())
                return fail<CommandList>(why, QStringLiteral("%1 (%2): the window must be \"HH:MM-HH:MM\" or \"none\"").arg(where, e.id));
            if (w.toString() != QLatin1String("none")) {
                QString problem;
                e.window = parseWindow(w.toString(), &problem);
                if (!e.window)
                    return fail<CommandList>(why, QStringLiteral("%1 (%2): %3").arg(where, e.id, problem));
            }
            break;
        }
        case Command::RestartApp:
            if (i != list.size() - 1)
                return fail<CommandList>(why, QStringLiteral("%1 (%2): restart-app must be the last command (it ends the app)").arg(where, e.id));
            break;
        case Command::SelfTest:
        case Command::PrintTestReceipt:
        case Command::RefetchProgress:
            break;
        }
        result.commands.push_back(e);
    }
    return result;
}

// --- CommandRunner -----------------------------------------------------------------------------

CommandRunner::CommandRunner(CommandHost *host)
    : m_host(host)
{
}

InstallResult CommandRunner::run(const CommandList &list)
{
    QStringList details;
    int done = 0, failed = 0;
    QStringList notRun;
    QString firstFailure;
    bool stopped = false;
    for (const Entry &e : list.commands) {
        const QString name = commandId(e.command);
        if (stopped) {
            notRun << e.id;
            continue;
        }
        Result r;
        switch (e.command) {
        case Command::SelfTest:
            r = m_host->selfTest();
            break;
        case Command::PrintTestReceipt:
            r = m_host->printTestReceipt();
            break;
        case Command::RefetchProgress:
            r = m_host->refetchProgress();
            break;
        case Command::UploadDiagnostics:
            r = m_host->uploadDiagnostics(e.url, e.logLines);
            break;
        case Command::SetMaintenanceWindow:
            r = m_host->setMaintenanceWindow(e.window);
            break;
        case Command::RestartApp:
            r = m_host->restartApp();
            break;
        }
        details << QStringLiteral("%1 %2: %3").arg(e.id, name, r.ok ? QStringLiteral("ok") : QStringLiteral("failed"));
        for (qsizetype i = 0; i < r.lines.size() && i < kMaxLinesPerCommand; ++i)
            details << QStringLiteral("  ") + r.lines[i];
        if (r.lines.size() > kMaxLinesPerCommand)
            details << QStringLiteral("  (%1 more lines not sent)").arg(r.lines.size() - kMaxLinesPerCommand);
        if (r.ok) {
            ++done;
            continue;
        }
        ++failed;
        if (firstFailure.isEmpty())
            firstFailure = QStringLiteral("%1 (%2)%3").arg(e.id, name, r.lines.isEmpty() ? QString() : QStringLiteral(": ") + r.lines.front());
        if (!e.continueOnFailure)
            stopped = true;
    }
    if (!notRun.isEmpty())
        details << QStringLiteral("not run (an earlier command failed): %1").arg(notRun.join(QStringLiteral(", ")));
    for (QString &d : details)
        d = clean(d);
    if (details.size() > kMaxDetailLines) {
        const qsizetype left = details.size() - (kMaxDetailLines - 1);
        details = details.mid(0, kMaxDetailLines - 1);
        details << QStringLiteral("(%1 more lines not sent)").arg(left);
    }
    InstallResult result;
    result.ok = failed == 0 && notRun.isEmpty();
    const int total = int(list.commands.size());
    result.reason = result.ok ? QStringLiteral("ran %1 command(s), all ok").arg(total)
                              : clean(QStringLiteral("%1 of %2 command(s) ok; failed: %3").arg(done).arg(total).arg(firstFailure));
    result.details = details;
    return result;
}

} // namespace kiosk::fleet::commands
