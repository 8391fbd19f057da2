// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/simulation/referencerecords.h"

#include "common/privacy.h"
#include "devices/simulator/simulatedsam.h"
#include "services/catalog/catalogparser.h"
#include "services/catalog/catalogstore.h"
#include "services/platform/queryapi.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>

#include <openssl/rand.h>

#include <array>
#include <atomic>
#include <cmath>
#include <mutex>
#include <random>

namespace kiosk::simulation::records {

using namespace Qt::StringLiterals;
using platform::query::Answer;
using platform::query::Certificate;
using platform::query::Outcome;
using platform::query::Request;
using platform::query::Table;
using platform::query::Value;

namespace {

// --- who the platform knows ---------------------------------------------------------------------

struct Person {
    QString name;
    QString idNumber;
    QDate birth;
    QString address; ///< the card's (a derived child lives with the parent)
    bool female = false;
    bool child = false; ///< a derived child record, not a card holder
};

/** GB 11643 check character of the first 17 digits. */
QChar checkCharacter(const QString &first17)
{
    static constexpr std::array<int, 17> weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; ++i)
        sum += first17.at(i).digitValue() * weights[std::size_t(i)];
    return QStringLiteral("10X98765432").at(sum % 11);
}

quint64 seedOf(const QString &a, const QString &b)
{
    const QByteArray h = QCryptographicHash::hash((a + u'|' + b).toUtf8(), QCryptographicHash::Sha256);
    quint64 seed = 0;
    for (int i = 0; i < 8; ++i)
        seed = seed << 8 | quint8(h.at(i));
    return seed;
}

std::optional<Person> cardHolder(const QString &idNumber)
{
    for (const auto &card : devices::sim::sampleCards()) {
        if (card.idNumber == idNumber)
            return Person{card.name, card.idNumber, card.birthDate, card.address, card.genderCode == 2, false};
    }
    return std::nullopt;
}

bool isMinor(const Person &p, QDate today)
{
    return p.birth.addYears(18) > today;
}

/** The derived child of @p parent (2016–2021, the parent's area). */
Person childOf(const Person &parent)
{
    static const std::array<const char16_t *, 6> given = {u"子涵", u"雨桐", u"浩然", u"欣怡", u"梓睿", u"诗琪"};
    const quint64 seed = seedOf(u"child"_s, parent.idNumber);
    const QDate birth = QDate(2016, 1, 1).addDays(qint64(seed % 2000));
    const int sequence = int(seed / 2000 % 999) + 1;
    QString id17 = parent.idNumber.left(6) + birth.toString(u"yyyyMMdd"_s) + QStringLiteral("%1").arg(sequence, 3, 10, QLatin1Char('0'));
    const QString surname = parent.name.left(1);
    return Person{surname + QString::fromUtf16(given[seed % given.size()]), id17 + checkCharacter(id17), birth, parent.address, sequence % 2 == 0,
                  true};
}

// --- the catalog's items ------------------------------------------------------------------------

std::shared_ptr<const catalog::Catalog> defaultCatalog()
{
    static const auto c = [] {
        auto r = catalog::loadCatalogFile(catalog::CatalogStore::builtInPath());
        return std::make_shared<const catalog::Catalog>(r.catalog ? *r.catalog : catalog::Catalog{});
    }();
    return c;
}

std::mutex g_catalogMutex;
std::shared_ptr<const catalog::Catalog> g_catalog; ///< the terminal's own (useCatalog), else the default

std::shared_ptr<const catalog::Catalog> catalogInUse()
{
    std::lock_guard lock(g_catalogMutex);
    return g_catalog ? g_catalog : defaultCatalog();
}

QString departmentName(const catalog::Item &item)
{
    const auto catalog = catalogInUse();
    const auto *d = catalog->department(item.department);
    const QString city = catalog->city.isEmpty() ? u"示例市"_s : catalog->city;
    if (!d)
        return city + u"人民政府"_s;
    QString name = d->name;
    if (name.startsWith(u'市'))
        name = city + name.mid(1);
    return name;
}

// --- numbers ------------------------------------------------------------------------------------

class Dice
{
public:
    explicit Dice(quint64 seed)
        : m_rng(seed)
    {
    }
    int range(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(m_rng); }
    double amount(double lo, double hi) { return std::round(std::uniform_real_distribution<double>(lo, hi)(m_rng) * 100) / 100; }
    template<typename T, std::size_t N>
    const T &pick(const std::array<T, N> &a) { return a[std::size_t(range(0, int(N) - 1))]; }

private:
    std::mt19937_64 m_rng;
};

QString yuan(double v)
{
    return QString::number(v, 'f', 2);
}

QString month(QDate d)
{
    return d.toString(u"yyyy-MM"_s);
}

QString day(QDate d)
{
    return d.toString(u"yyyy-MM-dd"_s);
}

/** Random letters for references and verification codes: no 0/O or 1/I to misread. */
QString randomCode(int length)
{
    static constexpr char alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    std::array<unsigned char, 32> bytes{};
    if (RAND_bytes(bytes.data(), int(bytes.size())) != 1) { // never a predictable code
        std::random_device rd;
        for (auto &b : bytes)
            b = static_cast<unsigned char>(rd());
    }
    QString out;
    for (int i = 0; i < length; ++i)
        out.append(QLatin1Char(alphabet[bytes[std::size_t(i) % bytes.size()] % 32]));
    return out;
}

std::atomic<int> sequence{0};

QString referenceFor(const QString &itemCode, const QDateTime &now)
{
    return QString(itemCode).remove(u'-') + u'-' + now.toString(u"yyyyMMdd"_s) + u'-'
        + QStringLiteral("%1").arg(sequence.fetch_add(1) % 10000 + 1, 4, 10, QLatin1Char('0')) + u'-' + randomCode(4);
}

// --- what a record looks like -------------------------------------------------------------------

struct Content {
    std::vector<Value> values;
    std::vector<Table> tables;
    QStringList notes;
    QStringList notesEn;
};

void add(Content &c, const QString &label, const QString &labelEn, const QString &value)
{
    c.values.push_back({label, labelEn, value});
}

Table &table(Content &c, const QString &title, const QString &titleEn, QStringList columns, QStringList columnsEn)
{
    c.tables.push_back({title, titleEn, std::move(columns), std::move(columnsEn), {}});
    return c.tables.back();
}

/** The first day of each of the @p count months before @p today's, oldest first. */
std::vector<QDate> lastMonths(QDate today, int count, QDate last = {})
{
    QDate m = (last.isValid() ? last : today.addMonths(-1));
    m = QDate(m.year(), m.month(), 1);
    std::vector<QDate> out;
    for (int i = count - 1; i >= 0; --i)
        out.push_back(m.addMonths(-i));
    return out;
}

const std::array<const char16_t *, 6> employers = {u"示例市闽江软件有限公司", u"示例市鼓楼区第二实验小学", u"示例市海峡物流集团有限公司",
                                                   u"示例市城建设计研究院", u"示例市仁和医药连锁有限公司", u"示例市榕城商贸有限公司"};

/** 社会保险: the contribution record (RS-0022, RS-0023, RS-0024). */
/** A minor's social insurance: the residents' medical insurance only, paid once a year. */
void residentsInsurance(Content &c, const Person &p, Dice &d, QDate today)
{
    add(c, u"参保状态"_s, u"Status"_s, u"城乡居民基本医疗保险参保（未成年，未参加养老、失业、工伤保险）"_s);
    add(c, u"参保险种"_s, u"Insurances"_s, u"城乡居民基本医疗保险"_s);
    add(c, u"首次参保年度"_s, u"Insured since"_s, QString::number(p.birth.year()));
    add(c, u"个人账户余额（元）"_s, u"Personal account balance (CNY)"_s, u"0.00"_s);
    Table &t = table(c, u"历年居民医保缴费"_s, u"Residents' medical insurance, by year"_s, {u"年度"_s, u"个人缴纳（元）"_s, u"财政补助（元）"_s, u"状态"_s},
                     {u"Year"_s, u"Resident (CNY)"_s, u"Government (CNY)"_s, u"Status"_s});
    for (int y = std::max(p.birth.year(), today.year() - 9); y <= today.year(); ++y)
        t.rows.push_back({QString::number(y), yuan(250 + (y - 2016) * 15 + d.range(0, 1) * 5), yuan(550 + (y - 2016) * 20), u"已缴费"_s});
}

void socialInsurance(Content &c, const Person &p, Dice &d, QDate today, bool pensionAccountOnly)
{
    if (p.child || isMinor(p, today))
        return residentsInsurance(c, p, d, today);
    const bool retired = p.birth.addYears(p.female ? 55 : 60) <= today;
    const QDate firstPaid = p.birth.addYears(22).addMonths(d.range(0, 11));
    const QDate last = retired ? p.birth.addYears(p.female ? 55 : 60).addMonths(-1) : today.addMonths(-1);
    const int months = std::max(1, int((last.year() - firstPaid.year()) * 12 + last.month() - firstPaid.month() + 1) - d.range(0, 14));
    const double base = d.range(55, 160) * 100.0;
    add(c, u"参保状态"_s, u"Status"_s, retired ? u"已退休（领取养老待遇）"_s : p.child ? u"城乡居民参保"_s : u"正常参保"_s);
    if (!pensionAccountOnly)
        add(c, u"参保险种"_s, u"Insurances"_s, u"养老、医疗、失业、工伤"_s);
    add(c, u"参保单位"_s, u"Employer"_s, retired ? u"示例市社会保险中心（退休人员）"_s : QString::fromUtf16(d.pick(employers)));
    add(c, u"首次参保年月"_s, u"First contribution"_s, month(firstPaid));
    add(c, u"累计缴费月数"_s, u"Months contributed"_s, QString::number(months));
    add(c, u"个人账户余额（元）"_s, u"Personal account balance (CNY)"_s, yuan(months * base * 0.08 * 1.18));
    add(c, u"当前缴费基数（元）"_s, u"Current contribution base (CNY)"_s, retired ? u"—"_s : yuan(base));
    Table &t = table(c, u"近36个月缴费明细"_s, u"Contributions, last 36 months"_s,
                     {u"年月"_s, u"缴费基数"_s, u"个人缴纳"_s, u"单位缴纳"_s, u"状态"_s},
                     {u"Month"_s, u"Base"_s, u"Employee"_s, u"Employer"_s, u"Status"_s});
    double b = base;
    for (const QDate m : lastMonths(today, 36, last)) {
        if (m.month() == 7)
            b = std::round(b * 1.04);
        const bool pending = !retired && m == lastMonths(today, 1).back() && d.range(0, 3) == 0;
        t.rows.push_back({month(m), yuan(b), yuan(b * 0.08), yuan(b * 0.16), pending ? u"待到账"_s : u"已到账"_s});
    }
    c.notes << u"缴费明细以社会保险经办机构记账为准；当月缴费一般于次月10日前到账。"_s;
    c.notesEn << u"The record of the social insurance agency prevails; a month's contribution is booked by the 10th of the next month."_s;
}

/** 养老金: payments to a pensioner (RS-0005, RS-0006, RS-0067). */
void pension(Content &c, const Person &p, Dice &d, QDate today, bool increase)
{
    const bool retired = p.birth.addYears(p.female ? 55 : 60) <= today;
    const double basic = d.amount(1400, 2200);
    const double account = d.amount(600, 1500);
    const double transition = d.amount(300, 900);
    const double monthly = basic + account + transition;
    add(c, u"待遇状态"_s, u"Status"_s, retired ? u"正常发放"_s : u"未到领取年龄，暂无养老金发放"_s);
    add(c, u"月养老金（元）"_s, u"Monthly pension (CNY)"_s, retired ? yuan(monthly) : u"0.00"_s);
    add(c, u"基础养老金（元）"_s, u"Basic pension (CNY)"_s, retired ? yuan(basic) : u"0.00"_s);
    add(c, u"个人账户养老金（元）"_s, u"Personal account pension (CNY)"_s, retired ? yuan(account) : u"0.00"_s);
    add(c, u"发放银行"_s, u"Paid to"_s, u"中国工商银行（尾号"_s + QString::number(d.range(1000, 9999)) + u"）"_s);
    if (increase) {
        Table &t = table(c, u"历年调整记录"_s, u"Annual increases"_s, {u"年度"_s, u"调整前（元）"_s, u"增加（元）"_s, u"调整后（元）"_s},
                         {u"Year"_s, u"Before (CNY)"_s, u"Increase (CNY)"_s, u"After (CNY)"_s});
        double m = monthly * 0.85;
        for (int y = today.year() - 4; y <= today.year(); ++y) {
            const double inc = std::round(m * 0.03 * 100) / 100;
            t.rows.push_back({QString::number(y), yuan(m), yuan(inc), yuan(m + inc)});
            m += inc;
        }
    } else {
        Table &t = table(c, u"近12个月发放明细"_s, u"Payments, last 12 months"_s,
                         {u"年月"_s, u"应发金额"_s, u"实发金额"_s, u"发放日期"_s, u"状态"_s},
                         {u"Month"_s, u"Due"_s, u"Paid"_s, u"Paid on"_s, u"Status"_s});
        for (const QDate m : lastMonths(today, 12))
            t.rows.push_back({month(m), retired ? yuan(monthly) : u"0.00"_s, retired ? yuan(monthly) : u"0.00"_s, day(m.addDays(9)),
                              retired ? u"已发放"_s : u"无待遇"_s});
    }
    c.notes << u"养老金每月10日前发放至社会保障卡金融账户。"_s;
    c.notesEn << u"Pensions are paid to the social security card's bank account by the 10th of each month."_s;
}

/** 住房公积金: the account and its statement (GJJ-0001, GJJ-0002, GJJ-0003). */
void providentFund(Content &c, const Person &p, Dice &d, QDate today, int statementMonths)
{
    const double base = d.range(60, 180) * 100.0;
    const double monthly = std::round(base * 0.12) * 2; // 12 % from the resident and 12 % from the employer
    double balance = d.amount(20'000, 120'000);
    if (p.child || isMinor(p, today)) { // no employer, no account
        add(c, u"账户状态"_s, u"Status"_s, u"未开户（未成年人不缴存住房公积金）"_s);
        add(c, u"个人账户余额（元）"_s, u"Account balance (CNY)"_s, u"0.00"_s);
        return;
    }
    add(c, u"账户状态"_s, u"Status"_s, u"正常缴存"_s);
    add(c, u"缴存单位"_s, u"Employer"_s, QString::fromUtf16(d.pick(employers)));
    add(c, u"缴存基数（元）"_s, u"Contribution base (CNY)"_s, yuan(base));
    add(c, u"缴存比例"_s, u"Rate"_s, u"单位12% + 个人12%"_s);
    add(c, u"月缴存额（元）"_s, u"Monthly contribution (CNY)"_s, yuan(monthly));
    Table &t = table(c, u"账户明细"_s, u"Statement"_s, {u"日期"_s, u"摘要"_s, u"发生额（元）"_s, u"余额（元）"_s},
                     {u"Date"_s, u"Entry"_s, u"Amount (CNY)"_s, u"Balance (CNY)"_s});
    for (const QDate m : lastMonths(today, statementMonths)) {
        balance += monthly;
        t.rows.push_back({day(m.addDays(14)), u"汇缴"_s + month(m), yuan(monthly), yuan(balance)});
        if (m.month() == 6) {
            const double interest = std::round(balance * 0.015 * 100) / 100;
            balance += interest;
            t.rows.push_back({day(QDate(m.year(), 6, 30)), u"年度结息"_s, yuan(interest), yuan(balance)});
        }
    }
    add(c, u"个人账户余额（元）"_s, u"Account balance (CNY)"_s, yuan(balance));
    c.notes << u"住房公积金按年结息，结息日为每年6月30日。"_s;
    c.notesEn << u"Interest is credited once a year, on 30 June."_s;
}

/** 公积金贷款: repayments and the loan's history (GJJ-0016, GJJ-0018, GJJ-0019, GJJ-0020). */
void providentLoan(Content &c, const Person &p, Dice &d, QDate today, bool settled)
{
    if (p.child || isMinor(p, today)) {
        add(c, u"贷款状态"_s, u"Status"_s, u"无住房公积金贷款记录"_s);
        add(c, u"贷款笔数"_s, u"Loans"_s, u"0"_s);
        return;
    }
    const double principal = d.range(30, 90) * 10'000.0;
    const QDate start = today.addYears(-d.range(3, 12));
    const int years = d.range(15, 30);
    const double payment = std::round(principal * 0.0031 / (1 - std::pow(1.0031, -years * 12)) * 100) / 100;
    add(c, u"贷款合同编号"_s, u"Loan contract"_s, u"GJJD"_s + QString::number(start.year()) + QString::number(d.range(100000, 999999)));
    add(c, u"贷款金额（元）"_s, u"Amount (CNY)"_s, yuan(principal));
    add(c, u"贷款期限"_s, u"Term"_s, QString::number(years) + u"年"_s);
    add(c, u"放款日期"_s, u"Disbursed"_s, day(start));
    add(c, u"贷款状态"_s, u"Status"_s, settled ? u"已结清"_s : u"正常还款"_s);
    add(c, u"月还款额（元）"_s, u"Monthly repayment (CNY)"_s, yuan(payment));
    double left = principal * 0.6;
    Table &t = table(c, u"近12期还款明细"_s, u"Last 12 repayments"_s, {u"期次"_s, u"还款日期"_s, u"本金（元）"_s, u"利息（元）"_s, u"剩余本金（元）"_s},
                     {u"No."_s, u"Date"_s, u"Principal (CNY)"_s, u"Interest (CNY)"_s, u"Outstanding (CNY)"_s});
    int n = int((today.year() - start.year()) * 12 + today.month() - start.month()) - 11;
    for (const QDate m : lastMonths(today, 12)) {
        const double interest = std::round(left * 0.0031 * 100) / 100;
        left -= payment - interest;
        t.rows.push_back({QString::number(n++), day(m.addDays(19)), yuan(payment - interest), yuan(interest), yuan(std::max(0.0, left))});
    }
}

/** 医保个人账户: balance and spending (YB-0002). */
void medicalAccount(Content &c, const Person &p, Dice &d, QDate today)
{
    const bool residents = p.child || isMinor(p, today); // the residents' scheme has no personal account
    static const std::array<const char16_t *, 5> places = {u"示例市第一医院", u"鼓楼区五凤街道社区卫生服务中心", u"示例市仁和大药房五四路店",
                                                          u"示例市中医院", u"国药控股示例大药房"};
    const double in = d.amount(1200, 3600);
    double spent = 0;
    Table &t = table(c, u"本年消费明细"_s, u"Spending this year"_s, {u"日期"_s, u"机构"_s, u"类别"_s, u"总金额（元）"_s, u"个人账户支付（元）"_s},
                     {u"Date"_s, u"Where"_s, u"Kind"_s, u"Total (CNY)"_s, u"From the account (CNY)"_s});
    QDate date(today.year(), 1, 3);
    for (int i = 0; i < 14 && date < today; ++i) {
        const bool pharmacy = d.range(0, 2) == 0;
        const double total = pharmacy ? d.amount(20, 260) : d.amount(60, 900);
        const double paid = residents ? 0.0 : std::round(total * (pharmacy ? 1.0 : 0.35) * 100) / 100;
        spent += paid;
        t.rows.push_back({day(date), QString::fromUtf16(places[std::size_t(d.range(0, 4))]), pharmacy ? u"药店购药"_s : u"门诊"_s, yuan(total), yuan(paid)});
        date = date.addDays(d.range(7, 30));
    }
    add(c, u"个人账户余额（元）"_s, u"Account balance (CNY)"_s, residents ? u"0.00（居民医保不设个人账户）"_s : yuan(d.amount(800, 9000)));
    add(c, u"本年划入（元）"_s, u"Paid in this year (CNY)"_s, residents ? u"0.00"_s : yuan(in));
    add(c, u"本年支出（元）"_s, u"Spent this year (CNY)"_s, yuan(spent));
    add(c, u"参保类型"_s, u"Scheme"_s, residents ? u"城乡居民基本医疗保险"_s : u"职工基本医疗保险"_s);
}

/** 医保参保缴费: enrolment and contributions (YB-0001, YB-0003). */
void medicalContributions(Content &c, const Person &p, Dice &d, QDate today)
{
    add(c, u"参保类型"_s, u"Scheme"_s, p.child || isMinor(p, today) ? u"城乡居民基本医疗保险"_s : u"职工基本医疗保险"_s);
    add(c, u"参保状态"_s, u"Status"_s, u"参保缴费"_s);
    add(c, u"参保地"_s, u"Insured in"_s, u"示例市本级"_s);
    add(c, u"参保日期"_s, u"Insured since"_s, day(std::max(p.birth.addDays(30), QDate(2008, 1, 1)).addDays(d.range(0, 300))));
    Table &t = table(c, u"近12个月缴费记录"_s, u"Contributions, last 12 months"_s, {u"年月"_s, u"缴费基数（元）"_s, u"应缴（元）"_s, u"状态"_s},
                     {u"Month"_s, u"Base (CNY)"_s, u"Due (CNY)"_s, u"Status"_s});
    const double base = d.range(55, 150) * 100.0;
    for (const QDate m : lastMonths(today, 12))
        t.rows.push_back({month(m), yuan(base), yuan(base * 0.1), u"已缴费"_s});
}

/** Payments of a benefit (高龄津贴, 救助金, 残疾人补贴, 抚恤, 失业金, 工伤待遇). */
void payments(Content &c, const catalog::Item &item, Dice &d, QDate today)
{
    const double amount = d.range(10, 180) * 10.0;
    add(c, u"待遇项目"_s, u"Benefit"_s, QString(item.name).remove(u"查询"_s).remove(u"发放"_s));
    add(c, u"待遇状态"_s, u"Status"_s, u"正常发放"_s);
    add(c, u"月标准（元）"_s, u"Monthly amount (CNY)"_s, yuan(amount));
    add(c, u"发放账户"_s, u"Paid to"_s, u"社会保障卡金融账户（尾号"_s + QString::number(d.range(1000, 9999)) + u"）"_s);
    Table &t = table(c, u"近12个月发放记录"_s, u"Payments, last 12 months"_s, {u"年月"_s, u"金额（元）"_s, u"发放日期"_s, u"状态"_s},
                     {u"Month"_s, u"Amount (CNY)"_s, u"Paid on"_s, u"Status"_s});
    for (const QDate m : lastMonths(today, 12))
        t.rows.push_back({month(m), yuan(amount), day(m.addDays(d.range(4, 14))), u"已发放"_s});
}

/** Where an application stands (制卡, 报销, 证件, 登记, 入学, 轮候 …). */
void progress(Content &c, const catalog::Item &item, Dice &d, QDate today)
{
    const QDate accepted = today.addDays(-d.range(3, 25));
    const int steps = d.range(2, 4);
    static const std::array<const char16_t *, 5> names = {u"受理", u"审核", u"审批", u"制证／办结", u"送达"};
    static const std::array<const char16_t *, 5> namesEn = {u"Accepted", u"Checked", u"Approved", u"Made / completed", u"Delivered"};
    add(c, u"受理编号"_s, u"Application number"_s, QString(item.code).remove(u'-') + accepted.toString(u"yyyyMMdd"_s) + QString::number(d.range(1000, 9999)));
    add(c, u"受理日期"_s, u"Accepted on"_s, day(accepted));
    add(c, u"当前环节"_s, u"Current step"_s, QString::fromUtf16(names[std::size_t(steps - 1)]));
    add(c, u"预计办结"_s, u"Expected by"_s, day(accepted.addDays(std::max(item.promisedDays, 5) + 2)));
    Table &t = table(c, u"办理过程"_s, u"Progress"_s, {u"环节"_s, u"时间"_s, u"状态"_s}, {u"Step"_s, u"Date"_s, u"State"_s});
    for (int i = 0; i < steps; ++i)
        t.rows.push_back({QString::fromUtf16(names[std::size_t(i)]) + u" "_s + QString::fromUtf16(namesEn[std::size_t(i)]),
                          day(accepted.addDays(i * 2)), i + 1 < steps ? u"已完成"_s : u"办理中"_s});
}

/** 测算: an estimate from the resident's figures (养老金, 贷款额度, 房产交易税费). */
void estimate(Content &c, const catalog::Item &item, Dice &d, const Person *p = nullptr)
{
    if (item.department == u"tax"_s) {
        const double price = d.range(120, 400) * 10'000.0;
        add(c, u"测算房价（元）"_s, u"Price (CNY)"_s, yuan(price));
        add(c, u"契税（1%）"_s, u"Deed tax (1 %)"_s, yuan(price * 0.01));
        add(c, u"增值税（满2年免征）"_s, u"VAT (exempt after 2 years)"_s, u"0.00"_s);
        add(c, u"个人所得税（1%）"_s, u"Income tax (1 %)"_s, yuan(price * 0.01));
        add(c, u"合计（元）"_s, u"Total (CNY)"_s, yuan(price * 0.02));
    } else if (item.department == u"hpf"_s) {
        const double balance = d.amount(20'000, 120'000);
        add(c, u"账户余额（元）"_s, u"Account balance (CNY)"_s, yuan(balance));
        add(c, u"可贷额度（元）"_s, u"Loan available (CNY)"_s, yuan(std::min(800'000.0, std::round(balance * 15 / 1000) * 1000)));
        add(c, u"最长期限"_s, u"Longest term"_s, u"30年"_s);
        add(c, u"首套房利率"_s, u"Rate, first home"_s, u"2.85%"_s);
    } else {
        const double monthly = d.amount(2800, 6500);
        const QDate retirement = p ? p->birth.addYears(p->female ? 55 : 60) : QDate();
        add(c, u"预计退休年月"_s, u"Expected retirement"_s, retirement.isValid() ? month(retirement) : u"按法定退休年龄"_s);
        add(c, u"预计月养老金（元）"_s, u"Expected monthly pension (CNY)"_s, yuan(monthly));
        add(c, u"其中基础养老金（元）"_s, u"of which basic pension (CNY)"_s, yuan(monthly * 0.55));
        add(c, u"其中个人账户养老金（元）"_s, u"of which personal account (CNY)"_s, yuan(monthly * 0.45));
    }
    c.notes << u"测算结果仅供参考，以实际办理时核定为准。"_s;
    c.notesEn << u"An estimate only; the figure set when the matter is handled prevails."_s;
}

/** 接种记录 (WJ-0005, WJ-0006). */
void vaccinations(Content &c, const Person &p, QDate today)
{
    struct Dose {
        const char16_t *vaccine;
        const char16_t *dose;
        int ageDays;
    };
    static const std::array<Dose, 12> schedule = {{{u"乙肝疫苗", u"第1剂", 0},         {u"卡介苗", u"第1剂", 0},
                                                   {u"乙肝疫苗", u"第2剂", 30},        {u"脊灰灭活疫苗", u"第1剂", 60},
                                                   {u"百白破疫苗", u"第1剂", 90},      {u"乙肝疫苗", u"第3剂", 180},
                                                   {u"麻腮风疫苗", u"第1剂", 240},     {u"乙脑减毒活疫苗", u"第1剂", 240},
                                                   {u"甲肝减毒活疫苗", u"第1剂", 540}, {u"麻腮风疫苗", u"第2剂", 540},
                                                   {u"百白破疫苗", u"加强", 540},      {u"白破疫苗", u"加强", 2190}}};
    add(c, u"受种者"_s, u"Vaccinated person"_s, p.name);
    add(c, u"出生日期"_s, u"Born"_s, day(p.birth));
    int done = 0;
    Table &t = table(c, u"接种记录"_s, u"Vaccinations"_s, {u"疫苗"_s, u"剂次"_s, u"接种日期"_s, u"接种单位"_s},
                     {u"Vaccine"_s, u"Dose"_s, u"Date"_s, u"Given at"_s});
    for (const Dose &dose : schedule) {
        const QDate when = p.birth.addDays(dose.ageDays);
        if (when > today)
            continue;
        ++done;
        t.rows.push_back({QString::fromUtf16(dose.vaccine), QString::fromUtf16(dose.dose), day(when), u"示例市鼓楼区妇幼保健院"_s});
    }
    add(c, u"免疫规划疫苗"_s, u"Programme vaccines"_s, done == int(schedule.size()) ? u"已全程接种"_s : QStringLiteral("已接种%1剂").arg(done));
}

struct Vocabulary {
    const char16_t *table;
    const char16_t *tableEn;
    std::array<const char16_t *, 4> columns;
    std::array<const char16_t *, 4> columnsEn;
    std::array<const char16_t *, 4> subjects; ///< what a row is about
    std::array<const char16_t *, 4> results;
    std::array<const char16_t *, 4> thirds = {}; ///< the third column's values; none: the department's name
};

/** Per department: what its records are about, for the items without a generator of their own. */
const Vocabulary &vocabularyFor(const QString &department)
{
    static const Vocabulary health{u"记录", u"Records", {u"日期", u"事项", u"机构", u"结果"}, {u"Date", u"Matter", u"Where", u"Result"},
                                   {u"健康体检", u"血常规", u"胸部X线检查", u"门诊就诊"}, {u"未见异常", u"正常", u"已完成", u"建议复查"}};
    static const Vocabulary hrss{u"记录", u"Records", {u"日期", u"事项", u"机构", u"状态"}, {u"Date", u"Matter", u"Office", u"State"},
                                 {u"证书核发", u"档案接收", u"信息变更", u"年度审核"}, {u"有效", u"已完成", u"在档", u"正常"}};
    static const Vocabulary police{u"记录", u"Records", {u"日期", u"事项", u"机关", u"状态"}, {u"Date", u"Matter", u"Authority", u"State"},
                                   {u"户口登记", u"居住登记", u"信息核验", u"证件签发"}, {u"有效", u"已登记", u"正常", u"已完成"}};
    static const Vocabulary traffic{u"记录", u"Records", {u"日期", u"地点", u"事项", u"状态"}, {u"Date", u"Place", u"Matter", u"State"},
                                    {u"五四路与东街口交叉口", u"杨桥中路", u"工业路", u"六一北路"}, {u"已处理", u"未处理", u"已处理", u"已处理"},
                                    {u"机动车违反禁止停车标志", u"驾驶电动自行车未佩戴安全头盔", u"不按导向车道行驶", u"超速行驶（未达20%）"}};
    static const Vocabulary education{u"记录", u"Records", {u"日期", u"事项", u"学校", u"结果"}, {u"Date", u"Matter", u"School", u"Result"},
                                      {u"学籍注册", u"年级升级", u"综合素质评价", u"考试成绩"}, {u"正常", u"合格", u"良好", u"已完成"},
                                      {u"示例市鼓楼第一中心小学", u"示例市仓山区实验小学", u"示例市第十九中学", u"示例市第三中学"}};
    static const Vocabulary housing{u"记录", u"Records", {u"日期", u"事项", u"机构", u"状态"}, {u"Date", u"Matter", u"Office", u"State"},
                                    {u"网签备案", u"维修资金交存", u"资格审核", u"轮候登记"}, {u"已备案", u"已交存", u"符合", u"轮候中"}};
    static const Vocabulary tax{u"纳税记录", u"Tax records", {u"所属期", u"税种", u"入库日期", u"实缴（元）"}, {u"Period", u"Tax", u"Paid on", u"Paid (CNY)"},
                                {u"个人所得税", u"个人所得税", u"个人所得税", u"个人所得税"}, {u"", u"", u"", u""}};
    static const Vocabulary general{u"记录", u"Records", {u"日期", u"事项", u"机构", u"状态"}, {u"Date", u"Matter", u"Office", u"State"},
                                    {u"资格认定", u"信息登记", u"年度复核", u"待遇审核"}, {u"有效", u"已登记", u"通过", u"正常"}};
    if (department == u"health"_s)
        return health;
    if (department == u"hrss"_s)
        return hrss;
    if (department == u"police"_s || department == u"exitentry"_s)
        return police;
    if (department == u"traffic"_s)
        return traffic;
    if (department == u"education"_s)
        return education;
    if (department == u"housing"_s || department == u"realestate"_s)
        return housing;
    if (department == u"tax"_s)
        return tax;
    return general;
}

/** The resident's record at a department: a status line and a table of dated entries. */
void personalRecord(Content &c, const catalog::Item &item, const Person &p, Dice &d, QDate today, int rows)
{
    const Vocabulary &v = vocabularyFor(item.department);
    if (item.department == u"police"_s) {
        add(c, u"户籍地址"_s, u"Registered address"_s, p.address);
        add(c, u"与户主关系"_s, u"Relation to the household head"_s, p.child ? u"子女"_s : u"户主"_s);
    } else if (item.department == u"realestate"_s || item.department == u"housing"_s) {
        add(c, u"坐落"_s, u"Property"_s, p.address);
    }
    add(c, u"记录状态"_s, u"Record"_s, u"有效"_s);
    add(c, u"登记机构"_s, u"Registered by"_s, departmentName(item));
    add(c, u"登记编号"_s, u"Registration number"_s, QString(item.code).remove(u'-') + p.idNumber.right(6) + QString::number(d.range(100, 999)));
    Table &t = table(c, QString::fromUtf16(v.table), QString::fromUtf16(v.tableEn), {}, {});
    for (std::size_t i = 0; i < 4; ++i) {
        t.columns << QString::fromUtf16(v.columns[i]);
        t.columnsEn << QString::fromUtf16(v.columnsEn[i]);
    }
    if (item.department == u"traffic"_s)
        rows = d.range(1, 4); // a few, not a dozen
    QDate date = today.addDays(-d.range(30, 90) * rows);
    const bool isTax = item.department == u"tax"_s;
    for (int i = 0; i < rows; ++i) {
        date = date.addDays(d.range(20, 80));
        if (date > today)
            date = today;
        if (isTax) {
            const QDate m = lastMonths(today, rows)[std::size_t(i)];
            t.rows.push_back({month(m), QString::fromUtf16(v.subjects[0]), day(m.addMonths(1).addDays(d.range(5, 14))), yuan(d.amount(180, 1600))});
        } else {
            const QString third = v.thirds[0] ? QString::fromUtf16(v.thirds[std::size_t(d.range(0, 3))]) : departmentName(item);
            t.rows.push_back({day(date), QString::fromUtf16(v.subjects[std::size_t(d.range(0, 3))]), third,
                              QString::fromUtf16(v.results[std::size_t(d.range(0, 3))])});
        }
    }
    add(c, u"记录条数"_s, u"Entries"_s, QString::number(t.rows.size()));
}

/** Open information: a list of places or of results, filtered by the resident's condition. */
void directory(Content &c, const catalog::Item &item, const QString &condition, Dice &d, QDate today)
{
    static const std::array<const char16_t *, 8> streets = {u"五四路", u"杨桥中路", u"工业路", u"六一北路", u"福飞路", u"湖东路", u"金山大道", u"华林路"};
    static const std::array<const char16_t *, 8> districts = {u"鼓楼区", u"台江区", u"仓山区", u"晋安区", u"鼓楼区", u"马尾区", u"仓山区", u"台江区"};
    const bool inspection = item.name.contains(u"结果"_s) || item.name.contains(u"等级"_s) || item.name.contains(u"追溯"_s)
        || item.name.contains(u"信用"_s) || item.name.contains(u"注册备案"_s) || item.name.contains(u"许可"_s) || item.name.contains(u"改造"_s)
        || item.name.contains(u"执业"_s) || item.name.contains(u"备案"_s);
    const bool policy = item.name.contains(u"政策"_s) || item.name.contains(u"目录"_s);
    const QString subject = QString(item.name).remove(u"查询"_s).remove(u"信息"_s);
    add(c, u"查询条件"_s, u"Condition"_s, condition.isEmpty() ? u"全市"_s : condition);
    if (policy) {
        add(c, u"政策年度"_s, u"Year"_s, QString::number(today.year()));
        Table &t = table(c, subject, QString(item.nameEn), {u"项目"_s, u"职工医保"_s, u"居民医保"_s}, {u"Item"_s, u"Employees"_s, u"Residents"_s});
        if (item.name.contains(u"目录"_s)) {
            t.columns = QStringList{u"药品名称"_s, u"剂型"_s, u"类别"_s, u"限定支付范围"_s};
            t.columnsEn = QStringList{u"Drug"_s, u"Form"_s, u"Class"_s, u"Restriction"_s};
            static const std::array<const char16_t *, 6> drugs = {u"阿莫西林", u"二甲双胍", u"氨氯地平", u"阿托伐他汀", u"布洛芬", u"奥美拉唑"};
            for (const char16_t *drug : drugs)
                t.rows.push_back({QString::fromUtf16(drug), d.range(0, 1) ? u"片剂"_s : u"胶囊"_s, d.range(0, 2) ? u"甲类"_s : u"乙类"_s, u"无"_s});
        } else {
            t.rows.push_back({u"起付标准（三级医院）"_s, u"800元"_s, u"1000元"_s});
            t.rows.push_back({u"住院报销比例（三级医院）"_s, u"85%"_s, u"65%"_s});
            t.rows.push_back({u"年度最高支付限额"_s, u"40万元"_s, u"25万元"_s});
            t.rows.push_back({u"门诊统筹年度限额"_s, u"3000元"_s, u"1200元"_s});
        }
    } else if (inspection) {
        Table &t = table(c, subject, QString(item.nameEn), {u"对象"_s, u"项目"_s, u"结果"_s, u"日期"_s}, {u"Subject"_s, u"Item"_s, u"Result"_s, u"Date"_s});
        static const std::array<const char16_t *, 6> names = {u"榕城", u"闽江", u"海峡", u"三坊", u"西湖", u"乌山"};
        static const std::array<const char16_t *, 4> results = {u"合格", u"合格", u"良好", u"有效"};
        const int n = d.range(4, 8);
        for (int i = 0; i < n; ++i)
            t.rows.push_back({QString::fromUtf16(names[std::size_t(d.range(0, 5))]) + (item.department == u"market"_s ? u"食品有限公司"_s : u"项目"_s),
                              subject.left(12), QString::fromUtf16(results[std::size_t(d.range(0, 3))]), day(today.addDays(-d.range(5, 200)))});
        add(c, u"结果数"_s, u"Results"_s, QString::number(n));
    } else {
        Table &t = table(c, subject, QString(item.nameEn), {u"名称"_s, u"地址"_s, u"联系电话"_s, u"开放时间"_s},
                         {u"Name"_s, u"Address"_s, u"Phone"_s, u"Opening hours"_s});
        const int n = d.range(4, 8);
        for (int i = 0; i < n; ++i) {
            const std::size_t s = std::size_t(d.range(0, 7));
            t.rows.push_back({QString::fromUtf16(districts[s]) + QString::fromUtf16(streets[s]) + subject.left(6) + QString::number(i + 1) + u"号点"_s,
                              u"示例市"_s + QString::fromUtf16(districts[s]) + QString::fromUtf16(streets[s]) + QString::number(d.range(1, 300)) + u"号"_s,
                              u"0591-"_s + QString::number(d.range(22'000'000, 88'999'999)),
                              d.range(0, 2) ? u"08:30–17:30"_s : u"全天"_s});
        }
        add(c, u"结果数"_s, u"Results"_s, QString::number(n));
    }
    c.notes << u"信息由主管部门公开发布，以其最新公布为准。"_s;
    c.notesEn << u"Published by the department in charge; its latest publication prevails."_s;
}

/** Builds the record of @p item for @p person (nullptr for a public item). */
Content contentFor(const catalog::Item &item, const Person *person, const QString &condition, QDate today, bool certificate)
{
    const QString &code = item.code;
    Dice d(seedOf(code, person ? person->idNumber : condition));
    Content c;
    if (!person) { // open information
        if (item.name.contains(u"测算"_s)) {
            add(c, u"测算条件"_s, u"Figures given"_s, condition.isEmpty() ? u"按本市平均房价"_s : condition);
            estimate(c, item, d);
        } else {
            directory(c, item, condition, d, today);
        }
        return c;
    }
    const Person &p = *person;
    add(c, u"姓名"_s, u"Name"_s, p.name);
    add(c, u"公民身份号码"_s, u"ID number"_s, privacy::maskIdNumber(p.idNumber));
    if (code == u"RS-0022"_s || code == u"RS-0023"_s || code == u"RS-0024"_s) {
        socialInsurance(c, p, d, today, code == u"RS-0024"_s);
        if (certificate && code != u"RS-0023"_s && !c.tables.empty() && c.tables.back().rows.size() > 12) { // one page: the last 12
            auto &rows = c.tables.back().rows;
            rows.erase(rows.begin(), rows.end() - 12);
        }
    } else if (code == u"RS-0005"_s || code == u"RS-0006"_s || code == u"RS-0067"_s) {
        pension(c, p, d, today, code == u"RS-0067"_s);
    } else if (code.startsWith(u"GJJ-"_s) && (item.name.contains(u"贷款"_s) && !item.name.contains(u"测算"_s))) {
        providentLoan(c, p, d, today, item.name.contains(u"结清"_s));
    } else if (code.startsWith(u"GJJ-"_s) && !item.name.contains(u"测算"_s)) {
        providentFund(c, p, d, today, certificate ? 10 : 24);
    } else if (code == u"YB-0002"_s) {
        medicalAccount(c, p, d, today);
    } else if (code == u"YB-0001"_s || code == u"YB-0003"_s) {
        medicalContributions(c, p, d, today);
    } else if (item.name.contains(u"测算"_s)) {
        estimate(c, item, d, &p);
    } else if (item.name.contains(u"进度"_s) || item.name.contains(u"审核结果"_s) || item.name.contains(u"轮候"_s)) {
        progress(c, item, d, today);
    } else if (item.name.contains(u"发放"_s)) {
        payments(c, item, d, today);
    } else if (item.name.contains(u"接种"_s)) {
        vaccinations(c, p, today);
    } else {
        personalRecord(c, item, p, d, today, certificate ? 8 : 12);
    }
    return c;
}

// --- the answer ---------------------------------------------------------------------------------

QByteArray errorBody(const QString &message)
{
    return QJsonDocument(QJsonObject{{u"error"_s, message}}).toJson(QJsonDocument::Compact);
}

/** What a request is, or the refusal it gets. */
struct Resolved {
    std::shared_ptr<const catalog::Catalog> catalog; ///< keeps item alive
    const catalog::Item *item = nullptr;
    std::optional<Person> person; ///< the card holder, or their child
    Outcome outcome = Outcome::Answered;
    QString message;
    QString messageEn;
    std::optional<Reply> refusal;
};

Resolved resolve(const QByteArray &body, const QString &form)
{
    Resolved r;
    QString error;
    const auto request = platform::query::parseRequest(body, &error);
    if (!request) {
        r.refusal = Reply{400, errorBody(u"malformed request: "_s + error)};
        return r;
    }
    r.catalog = catalogInUse();
    r.item = r.catalog->item(request->itemCode);
    if (!r.item || r.item->form != form) {
        r.refusal = Reply{404, errorBody(u"no "_s + form + u" item "_s + request->itemCode + u" here"_s)};
        return r;
    }
    if (r.item->publicAccess())
        return r; // open information: no identity looked at
    if (request->idNumber.isEmpty()) {
        r.refusal = Reply{403, errorBody(u"此事项需要刷身份证查询本人记录。"_s + u" ("_s + r.item->code
                                         + u" is personal: the request must carry the card holder's idNumber)"_s)};
        return r;
    }
    const auto holder = cardHolder(request->idNumber);
    if (!holder) {
        r.outcome = Outcome::NoRecord;
        r.message = u"未查询到您在本市的相关记录，如有疑问请到窗口咨询。"_s;
        r.messageEn = u"We found no record of yours in this city. Please ask at a counter if you think this is wrong."_s;
        return r;
    }
    r.person = holder;
    if (!request->childIdNumber.isEmpty()) {
        const QString own = sampleChildIdNumber(holder->idNumber);
        if (own.isEmpty() || request->childIdNumber != own) {
            r.person.reset();
            r.outcome = Outcome::NotPermitted;
            r.message = u"查询的子女与您没有登记的监护关系，不能查询其记录。请携带户口簿到窗口办理。"_s;
            r.messageEn = u"The child is not registered as in your care, so their records cannot be shown. Please bring the household register to a counter."_s;
            return r;
        }
        r.person = childOf(*holder);
    }
    if (r.item->department == u"medicare"_s && holder->idNumber == uninsuredIdNumber() && !r.person->child) {
        r.outcome = Outcome::NoRecord;
        r.message = u"未查询到您的医保参保记录。如您在外地参保，请向参保地医保经办机构查询。"_s;
        r.messageEn = u"We found no medical insurance record of yours. If you are insured in another city, please ask its medical insurance office."_s;
    }
    return r;
}

std::mutex pdfMutex; // one document at a time: QPdfWriter's font engines are not shared across threads

struct Document {
    QByteArray pdf;
    int pages = 0;
};

QFont documentFont(qreal points, bool bold = false)
{
    // DejaVu Sans for Latin and digits, Droid Sans Fallback for Chinese: with these QPdfWriter's
    // text extracts exactly (pdftotext), which Noto Sans CJK's does not (digits vanish, 二 becomes ⼆).
    QFont f;
    f.setFamilies({u"DejaVu Sans"_s, u"Droid Sans Fallback"_s});
    f.setPointSizeF(points);
    f.setBold(bold);
    return f;
}

/** The red round seal: the department's name around the top, a star, 电子印章 below it. */
void drawSeal(QPainter &p, QPointF centre, qreal radius, const QString &department)
{
    const QColor red(0xd0, 0x10, 0x10, 0xe0);
    p.save();
    p.setPen(QPen(red, radius * 0.06));
    p.setBrush(Qt::NoBrush);
    p.drawEllipse(centre, radius, radius);
    // The star.
    QPainterPath star;
    const qreal outer = radius * 0.28, inner = outer * 0.38;
    for (int i = 0; i < 10; ++i) {
        const qreal a = -M_PI / 2 + i * M_PI / 5;
        const qreal r = i % 2 ? inner : outer;
        const QPointF pt(centre.x() + r * std::cos(a), centre.y() + r * std::sin(a));
        i == 0 ? star.moveTo(pt) : star.lineTo(pt);
    }
    star.closeSubpath();
    p.setPen(Qt::NoPen);
    p.setBrush(red);
    p.drawPath(star);
    // The name around the top arc, one character at a time.
    p.setPen(red);
    QFont f = documentFont(9, true);
    p.setFont(f);
    const int n = int(department.size());
    const qreal span = std::min(240.0, 20.0 * n); // degrees
    for (int i = 0; i < n; ++i) {
        const qreal deg = -90 - span / 2 + span * (i + 0.5) / n;
        p.save();
        p.translate(centre);
        p.rotate(deg + 90);
        const QRectF box(-radius * 0.15, -radius * 0.92, radius * 0.3, radius * 0.3);
        p.drawText(box, Qt::AlignCenter, department.mid(i, 1));
        p.restore();
    }
    p.setFont(documentFont(8, true));
    p.drawText(QRectF(centre.x() - radius * 0.6, centre.y() + radius * 0.32, radius * 1.2, radius * 0.3), Qt::AlignCenter, u"电子印章"_s);
    p.restore();
}

/**
 * Lays out the certificate on A4 pages; with @p painter null only counts the pages (the footer
 * says "第 1 页 共 2 页", so the count comes first).
 */
int layout(QPdfWriter *writer, QPainter *painter, const Certificate &cert, const Content &content, const QString &department, int totalPages)
{
    const qreal dpi = 150; // the writer's resolution
    const qreal mm = dpi / 25.4;
    const QRectF page(0, 0, (210 - 36) * mm, (297 - 30) * mm); // inside the margins
    const qreal rowH = 7 * mm, lineH = 6.5 * mm;
    const qreal footerH = 8 * mm; // page numbers
    const qreal closingH = 68 * mm; // notes, issuer, seal, codes
    int pageNo = 1;
    qreal y = 0;
    auto text = [&](const QRectF &r, int flags, const QString &s, const QFont &f) {
        if (painter) {
            painter->setPen(Qt::black); // after a grey rule
            painter->setFont(f);
            painter->drawText(r, flags, s);
        }
    };
    auto footer = [&] {
        text(QRectF(0, page.height() - footerH, page.width(), footerH), Qt::AlignCenter,
             QStringLiteral("第 %1 页 共 %2 页    Page %1 of %2    %3").arg(pageNo).arg(std::max(totalPages, 1)).arg(cert.reference), documentFont(7.5));
    };
    auto newPage = [&] {
        footer();
        if (writer && painter)
            writer->newPage();
        ++pageNo;
        y = 0;
    };

    text(QRectF(0, y, page.width(), 12 * mm), Qt::AlignCenter, cert.title, documentFont(18, true));
    y += 12 * mm;
    text(QRectF(0, y, page.width(), 7 * mm), Qt::AlignCenter, cert.titleEn, documentFont(9));
    y += 11 * mm;

    // Values, two to a line.
    const qreal half = page.width() / 2;
    for (std::size_t i = 0; i < content.values.size(); ++i) {
        const Value &v = content.values[i];
        const qreal x = (i % 2) ? half : 0;
        text(QRectF(x, y, half - 2 * mm, lineH), Qt::AlignLeft | Qt::AlignVCenter, v.label + u"："_s + v.value, documentFont(9.5));
        if (i % 2 || i + 1 == content.values.size())
            y += lineH;
    }
    y += 4 * mm;

    for (const Table &t : content.tables) {
        const int cols = int(t.columns.size());
        const qreal colW = page.width() / std::max(cols, 1);
        auto header = [&](bool continued) {
            text(QRectF(0, y, page.width(), lineH), Qt::AlignLeft | Qt::AlignVCenter,
                 t.title + (continued ? u"（续）"_s : QString()) + u"  "_s + t.titleEn, documentFont(10, true));
            y += lineH;
            for (int c = 0; c < cols; ++c)
                text(QRectF(c * colW, y, colW, rowH), Qt::AlignCenter, t.columns.at(c), documentFont(8.5, true));
            if (painter) {
                painter->setPen(QPen(Qt::black, 1.5));
                painter->drawLine(QPointF(0, y + rowH), QPointF(page.width(), y + rowH));
            }
            y += rowH;
        };
        if (y + lineH + 2 * rowH > page.height() - footerH)
            newPage();
        header(false);
        for (const QStringList &row : t.rows) {
            if (y + rowH > page.height() - footerH) {
                newPage();
                header(true);
            }
            for (int c = 0; c < cols; ++c)
                text(QRectF(c * colW, y, colW, rowH), Qt::AlignCenter, row.value(c), documentFont(8.5));
            if (painter) {
                painter->setPen(QPen(Qt::gray, 0.8));
                painter->drawLine(QPointF(0, y + rowH), QPointF(page.width(), y + rowH));
            }
            y += rowH;
        }
        y += 4 * mm;
    }

    if (y + closingH > page.height() - footerH)
        newPage();
    for (int i = 0; i < content.notes.size(); ++i) {
        text(QRectF(0, y, page.width(), lineH), Qt::AlignLeft | Qt::AlignVCenter, u"注："_s + content.notes.at(i), documentFont(8.5));
        y += lineH;
    }
    y += 12 * mm;
    const qreal right = page.width() * 0.55;
    text(QRectF(right, y, page.width() - right, lineH), Qt::AlignLeft, u"出具单位："_s + department, documentFont(9.5));
    const QPointF sealCentre(right + 28 * mm, y + 9 * mm); // over the issuer and the date, as a stamp sits
    y += lineH;
    text(QRectF(right, y, page.width() - right, lineH), Qt::AlignLeft, u"出具日期："_s + cert.issuedAt.toString(u"yyyy年M月d日"_s), documentFont(9.5));
    y += lineH;
    text(QRectF(right, y, page.width() - right, lineH), Qt::AlignLeft, u"有效期至："_s + cert.validUntil.toString(u"yyyy年M月d日"_s), documentFont(9.5));
    y += lineH + 4 * mm;
    text(QRectF(0, y, page.width(), lineH), Qt::AlignLeft, u"验证码 Verification code："_s + cert.verificationCode, documentFont(9.5));
    y += lineH;
    text(QRectF(0, y, page.width(), lineH), Qt::AlignLeft, u"业务编号 Reference："_s + cert.reference, documentFont(9.5));
    y += lineH;
    text(QRectF(0, y, page.width(), lineH * 2), Qt::AlignLeft | Qt::TextWordWrap,
         u"本证明可通过政务服务平台输入验证码核验真伪。This certificate can be verified online with its verification code."_s, documentFont(8));
    if (painter)
        drawSeal(*painter, sealCentre, 20 * mm, department);
    footer();
    return pageNo;
}

std::optional<Document> renderPdf(const Certificate &cert, const Content &content, const QString &department)
{
    std::lock_guard lock(pdfMutex);
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return std::nullopt;
    const int pages = layout(nullptr, nullptr, cert, content, department, 0);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setResolution(150);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(18, 15, 18, 15), QPageLayout::Millimeter);
        writer.setTitle(cert.title);
        writer.setCreator(u"kiosk reference platform"_s);
        QPainter painter(&writer);
        if (!painter.isActive())
            return std::nullopt;
        layout(&writer, &painter, cert, content, department, pages);
        painter.end();
    }
    return Document{buffer.data(), pages};
}

} // namespace

QString sampleChildIdNumber(const QString &idNumber)
{
    const auto holder = cardHolder(idNumber);
    if (!holder || isMinor(*holder, QDate::currentDate()))
        return {};
    return childOf(*holder).idNumber;
}

QString uninsuredIdNumber()
{
    return devices::sim::sampleCards().at(3).idNumber; // 阿依古丽·买买提: insured in Xinjiang, not here
}

int pdfPageCount(const QByteArray &pdf)
{
    int pages = 0;
    for (qsizetype at = pdf.indexOf("/Type /Page"); at >= 0; at = pdf.indexOf("/Type /Page", at + 1)) {
        const char next = at + 11 < pdf.size() ? pdf.at(at + 11) : ' ';
        if (next != 's') // not the /Pages tree
            ++pages;
    }
    return pages;
}

void useCatalog(std::shared_ptr<const catalog::Catalog> catalog)
{
    std::lock_guard lock(g_catalogMutex);
    g_catalog = std::move(catalog);
}

Reply answerQuery(const QByteArray &body, const QDateTime &now)
{
    const Resolved r = resolve(body, u"record-query"_s);
    if (r.refusal)
        return *r.refusal;
    Answer a;
    a.outcome = r.outcome;
    a.itemCode = r.item->code;
    a.title = r.item->name;
    a.titleEn = r.item->nameEn;
    a.issuedAt = now.toUTC();
    a.message = r.message;
    a.messageEn = r.messageEn;
    if (r.outcome == Outcome::Answered) {
        const QString condition = platform::query::parseRequest(body)->queryText;
        Content c = contentFor(*r.item, r.person ? &*r.person : nullptr, condition, now.date(), false);
        a.reference = referenceFor(r.item->code, now);
        a.validUntil = a.issuedAt.addDays(1);
        a.values = std::move(c.values);
        a.tables = std::move(c.tables);
        a.notes = c.notes;
        a.notesEn = c.notesEn;
    }
    return {200, platform::query::answerBody(a)};
}

Reply answerCertificate(const QByteArray &body, const QDateTime &now)
{
    const Resolved r = resolve(body, u"certificate-print"_s);
    if (r.refusal)
        return *r.refusal;
    Certificate cert;
    cert.outcome = r.outcome;
    cert.itemCode = r.item->code;
    cert.title = QString(r.item->name).remove(u"打印"_s).remove(u"开具"_s);
    cert.titleEn = r.item->nameEn;
    cert.issuedAt = now.toUTC();
    cert.message = r.message;
    cert.messageEn = r.messageEn;
    if (r.outcome == Outcome::Answered) {
        cert.reference = referenceFor(r.item->code, now);
        cert.validUntil = cert.issuedAt.addDays(30);
        cert.verificationCode = randomCode(4) + u'-' + randomCode(4) + u'-' + randomCode(4) + u'-' + randomCode(4);
        const Content c = contentFor(*r.item, r.person ? &*r.person : nullptr, {}, now.date(), true);
        const auto doc = renderPdf(cert, c, departmentName(*r.item));
        if (!doc)
            return {503, errorBody(u"this reference platform cannot make documents (it runs without a QGuiApplication)"_s)};
        cert.document = doc->pdf;
        cert.pages = doc->pages;
        cert.sha256 = QCryptographicHash::hash(cert.document, QCryptographicHash::Sha256);
    }
    return {200, platform::query::certificateBody(cert)};
}

} // namespace kiosk::simulation::records
