// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/catalog/devicepromises.h"
#include "devices/usb/devicetable.h"

#include <QRegularExpression>

#include <array>

namespace kiosk::catalog {

namespace {

// The one list of capability phrases. Kinds without a driver in devices/ (camera, sscard,
// bankcard, fingerprint, signaturepad, docscanner) can never be configured, so a text promising
// them is always an error until such a device and its driver exist.
constexpr std::array kPromises{
    DevicePromise{"刷脸|人脸|活体", "camera", "a camera for face recognition"},
    DevicePromise{"拍照|拍摄|摄像", "camera", "a camera"},
    DevicePromise{"(?:刷|插|读)[^，。；]{0,4}(?:社保卡|社会保障卡)|(?:社保卡|社会保障卡)[^，。；]*(?:读取|插卡)", "sscard",
                  "a social security card reader"},
    DevicePromise{"(?:插入?|刷|读取?)银行卡|银行卡[^，。；]*(?:读取|插卡)|读取卡号", "bankcard", "a bank card reader"},
    DevicePromise{"指纹", "fingerprint", "a fingerprint reader"},
    DevicePromise{"电子签名|手写签名|签名板|签字板|手写板", "signaturepad", "a signature pad"},
    DevicePromise{"扫描上传|高拍|(?:电子证照|残疾人证|证书)[^，。；]*读取", "docscanner", "a document scanner"},
    DevicePromise{"扫描[^，。；]{0,4}(?:条码|追溯码|账单)", "scanner", "a code scanner"},
    DevicePromise{"打印", "printer", "a printer"},
    DevicePromise{"身份证[^，。；]*(?:读取|读卡)|读卡区|刷身份证", "idcard", "an ID card reader"},
};

// A clause that sends the resident elsewhere, or says the terminal cannot, promises nothing of it.
const QRegularExpression &elsewhere()
{
    static const QRegularExpression re(QStringLiteral(
        "手机|app|小程序|窗口|网点|派出所|医院|大厅|服务站|登记处|营业厅|不能|无法|不支持|没有|无需|不用|不必"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

const std::vector<QRegularExpression> &compiled()
{
    static const std::vector<QRegularExpression> res = [] {
        std::vector<QRegularExpression> out;
        for (const DevicePromise &p : kPromises)
            out.emplace_back(QString::fromUtf8(p.pattern));
        return out;
    }();
    return res;
}

QStringList clauses(const QString &text)
{
    static const QRegularExpression split(QStringLiteral("[，。；！？,.;!?（）()\\n]"));
    return text.split(split, Qt::SkipEmptyParts);
}

const DevicePromise *firstBroken(const QStringList &parts, const QStringList &kinds, QString *phrase)
{
    const auto &res = compiled();
    for (const QString &clause : parts) {
        if (elsewhere().match(clause).hasMatch())
            continue;
        for (size_t i = 0; i < kPromises.size(); ++i) {
            if (kinds.contains(QLatin1String(kPromises[i].deviceKind)))
                continue;
            if (const auto m = res[i].match(clause); m.hasMatch()) {
                if (phrase)
                    *phrase = m.captured();
                return &kPromises[i];
            }
        }
    }
    return nullptr;
}

} // namespace

std::span<const DevicePromise> devicePromises()
{
    return kPromises;
}

QStringList terminalDeviceKinds()
{
    QStringList kinds;
    for (const auto &row : devices::usb::supportedDevices()) {
        const QString kind = QLatin1String(devices::deviceKindId(row.kind));
        if (!kinds.contains(kind))
            kinds << kind;
    }
    return kinds;
}

const DevicePromise *brokenPromise(const QString &text, const QStringList &deviceKinds, QString *phrase)
{
    return firstBroken(clauses(text), deviceKinds, phrase);
}

std::vector<Problem> checkDevicePromises(const Catalog &catalog, const QStringList &deviceKinds)
{
    std::vector<Problem> problems;
    const QString fitted = deviceKinds.isEmpty() ? QStringLiteral("none") : deviceKinds.join(QStringLiteral(", "));
    auto report = [&](const Item &item, const QString &field, const DevicePromise *p, const QString &phrase) {
        problems.push_back({Problem::Kind::DeviceMissing, item.code, field,
                            QStringLiteral("promises \"%1\", which needs %2 (%3); this terminal's devices: %4")
                                .arg(phrase, QLatin1String(p->device), QLatin1String(p->deviceKind), fitted)});
    };
    for (const Item &item : catalog.items) {
        const std::pair<const char *, const QString *> texts[] = {
            {"summary", &item.summary}, {"conditions", &item.conditions}, {"where", &item.where},
            {"nextSteps", &item.nextSteps}, {"feeNote", &item.feeNote},
        };
        for (const auto &[field, text] : texts) {
            QString phrase;
            if (const DevicePromise *p = brokenPromise(*text, deviceKinds, &phrase))
                report(item, QLatin1String(field), p, phrase);
        }
        for (size_t m = 0; m < item.materials.size(); ++m) {
            // A note speaks of its material ("社会保障卡" + "可在终端插卡读取"): each of its clauses
            // is read together with the material's name.
            const Material &mat = item.materials[m];
            QStringList parts = clauses(mat.name);
            for (const QString &c : clauses(mat.note))
                parts << mat.name + QLatin1Char(' ') + c;
            QString phrase;
            if (const DevicePromise *p = firstBroken(parts, deviceKinds, &phrase))
                report(item, QStringLiteral("materials[%1].note").arg(m), p, phrase);
        }
    }
    return problems;
}

} // namespace kiosk::catalog
