// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace kiosk {

/**
 * The terminal's configuration (a JSON file, see docs/configuration.md). Every key is optional;
 * defaults suit a demo terminal. A file with a typo or a value out of range is rejected with a
 * message naming the key — a terminal must not start half-configured.
 */
/** One city platform the terminal submits to (docs/configuration.md, "platforms"). */
struct PlatformConfig {
    QString id; ///< matches the catalog's platform ids (hall, hotline12345, …)
    QString host;
    int port = 443;
    QString caFile; ///< the CA bundle that signs the platform's certificate
    QString clientCertificateFile; ///< mutual TLS, when the platform requires it
    QString clientKeyFile;
    QString signingKeyFile; ///< the shared HMAC key, readable only by the kiosk user
    QString signature = QStringLiteral("hmac-sha256"); ///< or hmac-sm3
    int timeoutSeconds = 15;
};

/** The store-and-forward queue's limits (docs/configuration.md, "queue"). */
struct QueueConfig {
    int capMegabytes = 256;
    int retentionDays = 7; ///< delivered payloads
    int keepRecordsDays = 30; ///< delivered and discarded requests' rows
    int deadLetterDays = 30; ///< a failed request's payload (then it is discarded)
    int minAttempts = 10; ///< maxAgeHours gives up a request only after this many attempts
    int maxAgeHours = 168;
    int backoffBaseSeconds = 5;
    int backoffCapSeconds = 1800;
    int statusIntervalMinutes = 10;
};

/** The fleet server (Eclipse hawkBit's device API; docs/fleet.md). Empty server: not enrolled. */
struct FleetConfig {
    QString server; ///< "https://fleet.example/DEFAULT/controller/v1/": the DDI base, tenant included
    QString controllerId; ///< empty: the terminal id
    QString caFile; ///< the CAs trusted for the fleet server and its artifacts
    QString targetTokenFile; ///< or the credential fleet.target-token
    /** The token is the on-site enrolment's (targetTokenFile in the state folder): the credential
     *  fleet.target-token, provisioned for the image's server, is not used for it. Not from the file. */
    bool tokenFromEnrolment = false;
    QString clientCertificateFile; ///< through the city's proxy, instead of a token
    QString clientKeyFile; ///< or the credential fleet.client-key
    int pollOverrideSeconds = 0; ///< a bench terminal's own interval; 0: the server's
    /** The operator keys bundles must be signed with (a key set: `kioskctl bundle keyset`);
     *  empty: only a keys bundle already in force, else every bundle is refused. */
    QString bundleKeysFile;
    /** The log a diagnostics upload (a fleet command) reads when the systemd journal has no
     *  `kiosk` unit lines (no journalctl, a bench machine); empty: none. */
    QString logFile;
    /** Where one-time enrolment codes are fetched: `<enrolmentUrl>/<slot>` (https; docs/fleet.md). */
    QString enrolmentUrl;
    QString enrolmentCaFile; ///< the CA of that host (required with enrolmentUrl)
    /** Taken at first boot when the terminal is not enrolled; default `enrolment.json` beside the config file. */
    QString enrolmentFile;
    [[nodiscard]] bool enrolled() const { return !server.isEmpty(); }
};

struct Config {
    QString terminalId = QStringLiteral("DEMO-0001");
    QString terminalName = QStringLiteral("24小时自助服务终端");
    QString centerName = QStringLiteral("幸福里邻里中心");
    /**
     * The names in the English interface. A file that renames the terminal or the centre without
     * giving its English name leaves this empty: the English header then shows the Chinese name
     * (a place's proper name) rather than the demo's English one.
     */
    QString terminalNameEn = QStringLiteral("24-hour self-service terminal");
    QString centerNameEn = QStringLiteral("Xingfuli Neighbourhood Centre");
    QString catalogPath; ///< empty: the built-in default catalog
    QString formsPath; ///< empty: the built-in forms
    QString stateDir; ///< where the terminal keeps state (last good catalog, later the queue)
    QString language = QStringLiteral("zh_CN"); ///< zh_CN or en
    int idleTimeoutSeconds = 90;
    int idleWarningSeconds = 30;
    int elderIdleTimeoutSeconds = 180;
    int elderWarningSeconds = 60;
    int popularCount = 6; ///< items on the home screen's 常办事项 list
    /**
     * The staff PIN as a salted slow hash (kiosk/session/staffpin.h; `kioskctl staff hash-pin`
     * makes one). Empty: this terminal has no staff pages. There is no default PIN; only
     * `kiosk --simulate` without a hash uses the demo PIN (useDemoStaffPinIfUnset()).
     */
    QString staffPinHash;
    bool demoStaffPin = false; ///< staffPinHash is the demo PIN's (set by useDemoStaffPinIfUnset())
    /**
     * The technician's PIN for the maintenance menu (enrolment, checks, restart), hashed like the
     * staff PIN and never the same. Empty: no maintenance menu on the terminal (kioskctl still works).
     */
    QString technicianPinHash;
    /** The device kinds this terminal is fitted with (idcard, printer, scanner): what the catalog's
     *  and the forms' texts may promise (services/catalog/devicepromises.h). Empty: all three. */
    QStringList devices;
    /**
     * The A4 printer (certificates, query results): a CUPS destination name, an ipp:// or ipps://
     * URI (no cupsd needed), "none" (this terminal has none), or empty: the one IPP Everywhere
     * printer found (with several, none is used; docs/printing.md).
     */
    QString a4Printer;
    std::vector<PlatformConfig> platforms; ///< empty with --simulate: an in-process reference platform
    QueueConfig queue;
    FleetConfig fleet;
    bool simulate = false; ///< set by --simulate, not by the file
    /** The JSON object this configuration was parsed from (fromJson), exactly as read: a config
     *  bundle's keys are merged onto it (kiosk/fleet/bundlesinforce.h). Empty: built in code, "{}". */
    QByteArray sourceJson;
    /** The folder of the file it was read from (fromFile): relative paths are resolved against it. */
    QString sourceDir;

    /** Parses a config file's contents; on failure @p error says what is wrong. */
    [[nodiscard]] static std::optional<Config> fromJson(const QByteArray &json, QString *error);
    [[nodiscard]] static std::optional<Config> fromFile(const QString &path, QString *error);
    /** Whether @p value is an acceptable "a4Printer"; @p why says what is wrong. */
    [[nodiscard]] static bool isValidA4Printer(const QString &value, QString *why);

    /** Makes the relative paths (catalog, forms, fleet and platform files) relative to @p dir. */
    void resolveRelativePaths(const QString &dir);

    /** Demo mode only (`--simulate`): with no staffPinHash configured, the demo PIN's hash. */
    void useDemoStaffPinIfUnset();

    /** $KIOSK_STATE_DIR, else /var/lib/kiosk when writable, else the user's state directory. */
    [[nodiscard]] static QString defaultStateDir();
};

} // namespace kiosk
