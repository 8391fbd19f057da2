// SPDX-License-Identifier: GPL-3.0-or-later
// The one rule for the payload key: 0600 in a 0700 folder, created only for an empty store.
#include "services/queue/payloadkey.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace kiosk::queue;

class TestPayloadKey : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void createdPrivateAndReused()
    {
        QTemporaryDir dir; // 0700
        const std::string path = dir.filePath(QStringLiteral("payload.key")).toStdString();
        PayloadKeyFile file(path);
        const LoadedKey first = file.load(true);
        QVERIFY2(first, first.message.c_str());
        QVERIFY(first.created);
        struct stat st {};
        QCOMPARE(::stat(path.c_str(), &st), 0);
        QCOMPARE(int(st.st_mode & 0777), 0600);
        QCOMPARE(qint64(st.st_size), qint64(32));
        const LoadedKey second = file.load(false);
        QVERIFY(second);
        QVERIFY(!second.created);
        QVERIFY(second.key == first.key);
        QCOMPARE(PayloadCipher(second.key).open(PayloadCipher(first.key).seal("x", "a"), "a").value_or(""), std::string("x"));
    }

    void exposedKeyRefused()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("payload.key")).toStdString();
        QVERIFY(PayloadKeyFile(path).load(true));
        ::chmod(path.c_str(), 0644);
        const LoadedKey k = PayloadKeyFile(path).load(true);
        QCOMPARE(k.error, KeyError::Exposed);
        QVERIFY2(k.message.find("readable by other users") != std::string::npos, k.message.c_str());
        ::chmod(path.c_str(), 0600);
        QFile f(QString::fromStdString(path));
        QVERIFY(f.open(QIODevice::Append));
        f.write("x");
        f.close();
        QCOMPARE(PayloadKeyFile(path).load(true).error, KeyError::WrongSize);
    }

    void openFolderRefused()
    {
        QTemporaryDir dir;
        ::chmod(dir.path().toLocal8Bit().constData(), 0755);
        const LoadedKey k = PayloadKeyFile(dir.filePath(QStringLiteral("payload.key")).toStdString()).load(true);
        QCOMPARE(k.error, KeyError::FolderExposed);
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("payload.key")))); // refused, not created
    }

    void neverRegeneratedWhileRowsExist()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("payload.key")).toStdString();
        const LoadedKey k = PayloadKeyFile(path).load(false); // the store holds rows: no new key
        QCOMPARE(k.error, KeyError::Missing);
        QVERIFY(!QFile::exists(QString::fromStdString(path)));
    }

    void stateDirKeepsKeysApartAndAdoptsTheOldPlace()
    {
        QTemporaryDir state;
        ::chmod(state.path().toLocal8Bit().constData(), 0755); // a state dir as systemd makes it
        const std::string legacy = state.filePath(QStringLiteral("payload.key")).toStdString();
        QTemporaryDir scratch;
        const LoadedKey old = PayloadKeyFile(scratch.filePath(QStringLiteral("k")).toStdString()).load(true);
        QVERIFY(QFile::copy(scratch.filePath(QStringLiteral("k")), QString::fromStdString(legacy)));
        ::chmod(legacy.c_str(), 0600);
        PayloadKeyFile file = PayloadKeyFile::forStateDir(state.path().toStdString());
        QCOMPARE(QString::fromStdString(file.path()), state.filePath(QStringLiteral("keys/payload.key")));
        struct stat st {};
        QCOMPARE(::stat(state.filePath(QStringLiteral("keys")).toLocal8Bit().constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 0777), 0700);
        QVERIFY(!QFile::exists(QString::fromStdString(legacy))); // moved, not copied
        const LoadedKey moved = file.load(false);
        QVERIFY2(moved, moved.message.c_str());
        QVERIFY(moved.key == old.key);
    }
};

QTEST_GUILESS_MAIN(TestPayloadKey)
#include "tst_payloadkey.moc"
