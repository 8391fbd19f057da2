// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "devices/devicestatus.h"
#include "services/platform/queryapi.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>
#include <QtQml/qqmllist.h>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <memory>
#include <optional>

namespace kiosk::devices {
class DeviceManager;
}

namespace kiosk {

class AnswerTable;
class AnswerValueModel;
class QueryService;
struct QueryOutcome;

/** Who is asking, from the ID card on the reader (or nobody, for a public item). */
struct QueryIdentity {
    QString name;
    QString idNumber;
    QString idMasked;
};

/**
 * An item answered while the resident stands there (查询 or 打印证明): asked of the platform at
 * once, never queued; the answer shown (values, paged tables, notes) or the certificate previewed;
 * then printed on A4 (the query as a document the terminal lays out, the certificate as the
 * platform's PDF after its digest was checked), or a short slip on the receipt printer. A failed
 * print can be printed again once. Everything lives in memory and is wiped by clear().
 *
 * States: Idle → NeedsCard (a personal item with no card on the reader) → Asking (progress and
 * cancel from the first second) → Answered | NoRecord | NotPermitted | Failed. Cancel while
 * asking returns to Idle. Lives on the GUI thread; Session moves the screens, QML only shows.
 */
class RecordQuery : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the journey's on-the-spot answer")
    Q_MOC_INCLUDE("kiosk/query/answermodels.h")
    Q_PROPERTY(Kind kind READ kind NOTIFY begun)
    Q_PROPERTY(QString itemName READ itemName NOTIFY begun)
    Q_PROPERTY(bool personal READ personal NOTIFY begun)
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(QString message READ message NOTIFY stateChanged)
    Q_PROPERTY(int waitedSeconds READ waitedSeconds NOTIFY waitedChanged)
    Q_PROPERTY(int deadlineSeconds READ deadlineSeconds NOTIFY begun)
    Q_PROPERTY(QString title READ title NOTIFY answerChanged)
    Q_PROPERTY(QString reference READ reference NOTIFY answerChanged)
    Q_PROPERTY(QString answeredAt READ answeredAt NOTIFY answerChanged)
    Q_PROPERTY(QString validUntil READ validUntil NOTIFY answerChanged)
    Q_PROPERTY(kiosk::AnswerValueModel *values READ values CONSTANT)
    Q_PROPERTY(QQmlListProperty<kiosk::AnswerTable> tables READ tableList NOTIFY answerChanged)
    Q_PROPERTY(QStringList notes READ notes NOTIFY answerChanged)
    Q_PROPERTY(QString verificationCode READ verificationCode NOTIFY answerChanged)
    Q_PROPERTY(int documentPages READ documentPages NOTIFY answerChanged)
    /** The certificate's first page (image://document/…), empty without one. */
    Q_PROPERTY(QString previewSource READ previewSource NOTIFY answerChanged)
    Q_PROPERTY(PrintState printState READ printState NOTIFY printChanged)
    Q_PROPERTY(int pagesDone READ pagesDone NOTIFY printChanged)
    Q_PROPERTY(int pagesTotal READ pagesTotal NOTIFY printChanged)
    Q_PROPERTY(kiosk::devices::DeviceErrorEnum::DeviceError printError READ printError NOTIFY printChanged)
    Q_PROPERTY(bool canPrintAgain READ canPrintAgain NOTIFY printChanged)
    Q_PROPERTY(PrintState slipState READ slipState NOTIFY printChanged)

public:
    enum class Kind { Query, Certificate };
    Q_ENUM(Kind)
    enum class State { Idle, NeedsCard, Asking, Answered, NoRecord, NotPermitted, Failed };
    Q_ENUM(State)
    enum class PrintState { NotPrinted, Printing, Printed, PrintFailed };
    Q_ENUM(PrintState)

    RecordQuery(QueryService *service, devices::DeviceManager *devices, QObject *parent = nullptr);
    ~RecordQuery() override;

    /** Where the terminal stands: printed on every document and slip. */
    void setPlace(const QString &centre, const QString &terminalName, const QString &terminalId);
    void setEnglish(bool english);
    /** Whether a card is on the reader now, and whose: personal items are asked only then. */
    void setIdentitySource(std::function<std::optional<QueryIdentity>()> source) { m_identity = std::move(source); }

    /** A new item (forgets the last answer); asks at once when it can. */
    void begin(Kind kind, const QString &itemCode, const QString &itemName, const QString &platform, bool personal);
    /** The card arrived (or the resident tapped 重试): asks now when it can. */
    Q_INVOKABLE void start();
    /** Ends the call under way; nothing of it is kept. */
    Q_INVOKABLE void cancel();
    /** 打印: the answer as an A4 document, or the certificate. */
    Q_INVOKABLE void print();
    /** A failed print, once more (nothing is counted twice: the first job did not complete). */
    Q_INVOKABLE void printAgain();
    /** 打印小票: a short slip on the receipt printer instead. */
    Q_INVOKABLE void printSlip();
    /** The visit ended: the answer, the document and the identity wiped from memory. */
    void clear();

    [[nodiscard]] Kind kind() const { return m_kind; }
    [[nodiscard]] QString itemCode() const { return m_itemCode; }
    [[nodiscard]] QString itemName() const { return m_itemName; }
    [[nodiscard]] bool personal() const { return m_personal; }
    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] QString message() const { return m_message; }
    [[nodiscard]] int waitedSeconds() const { return m_waitedSeconds; }
    [[nodiscard]] int deadlineSeconds() const;
    [[nodiscard]] QString title() const;
    [[nodiscard]] QString reference() const;
    [[nodiscard]] QString answeredAt() const;
    [[nodiscard]] QString validUntil() const;
    [[nodiscard]] AnswerValueModel *values() const { return m_values.get(); }
    [[nodiscard]] QList<AnswerTable *> tables() const { return m_tables; }
    [[nodiscard]] QQmlListProperty<AnswerTable> tableList() { return {this, &m_tables}; }
    [[nodiscard]] QStringList notes() const;
    [[nodiscard]] QString verificationCode() const;
    [[nodiscard]] int documentPages() const;
    [[nodiscard]] QString previewSource() const;
    [[nodiscard]] PrintState printState() const { return m_printState; }
    [[nodiscard]] int pagesDone() const { return m_pagesDone; }
    [[nodiscard]] int pagesTotal() const { return m_pagesTotal; }
    [[nodiscard]] devices::DeviceError printError() const { return m_printError; }
    [[nodiscard]] bool canPrintAgain() const { return m_printState == PrintState::PrintFailed && !m_reprinted; }
    [[nodiscard]] PrintState slipState() const { return m_slipState; }

    /** The certificate's PDF (the preview provider renders its first page). Empty without one. */
    [[nodiscard]] QByteArray document() const;

Q_SIGNALS:
    void begun();
    void stateChanged();
    void answerChanged();
    void waitedChanged();
    void printChanged();
    /** A personal answer is on screen: the session ends the visit soon after the card leaves. */
    void personalAnswerShown();

private:
    void setState(State state, const QString &message = QString());
    void onFinished(int id, const QueryOutcome &outcome);
    void showAnswer();
    void startPrint();
    void wipe();
    void dropTables();

    QueryService *m_service;
    devices::DeviceManager *m_devices;
    std::function<std::optional<QueryIdentity>()> m_identity;
    QString m_centre, m_terminalName, m_terminalId;
    bool m_english = false;

    Kind m_kind = Kind::Query;
    QString m_itemCode, m_itemName, m_platform;
    bool m_personal = true;
    State m_state = State::Idle;
    QString m_message;
    int m_call = 0;
    QElapsedTimer m_waited;
    QTimer m_tick;
    int m_waitedSeconds = 0;
    QueryIdentity m_asker; ///< whose answer this is (for the document's header)

    std::optional<platform::query::Answer> m_answer;
    std::optional<platform::query::Certificate> m_certificate;
    std::unique_ptr<AnswerValueModel> m_values;
    QList<AnswerTable *> m_tables;
    int m_serial = 0; ///< a new preview URL for each document

    PrintState m_printState = PrintState::NotPrinted;
    int m_job = 0;
    int m_pagesDone = 0;
    int m_pagesTotal = 0;
    devices::DeviceError m_printError = devices::DeviceError::None;
    bool m_reprinted = false;
    PrintState m_slipState = PrintState::NotPrinted;
    int m_slipJob = 0;
};

} // namespace kiosk
