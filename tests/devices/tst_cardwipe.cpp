// SPDX-License-Identifier: GPL-3.0-or-later
// A resident's card data leaves nothing behind in the heap: every buffer that held the ID number
// is overwritten before it is freed, whoever freed it last (the reader's frame, the reply, the
// decoded fields, copies handed on through signals).
//
// How it is seen: this test binary interposes malloc/realloc/free (glibc's __libc_* underneath).
// While a window is open, blocks allocated in it are remembered with their size; when one is
// freed (or moved by realloc) its bytes are searched for the ID number, in UTF-16 and in ASCII.
// A hit is a buffer that went back to the allocator with the number still in it.
#include "devices/idcard/idcard.h"
#include "devices/idcard/readerstatemachine.h"
#include "devices/idcard/samframe.h"
#include "devices/simulator/simulatedsam.h"

#include <QTest>

#include <atomic>
#include <cstring>
#include <malloc.h>

extern "C" {
void *__libc_malloc(size_t);
void *__libc_calloc(size_t, size_t);
void *__libc_realloc(void *, size_t);
void __libc_free(void *);
}

namespace {
// The number searched for (sample card 0), set before the window opens; no allocation inside.
char g_ascii[32];
char g_utf16[64];
std::size_t g_asciiSize = 0;
std::size_t g_utf16Size = 0;
std::atomic<bool> g_window{false};
std::atomic<int> g_leaks{0};
thread_local bool t_inside = false;

struct Block {
    std::atomic<void *> ptr{nullptr};
    std::size_t size = 0;
};
constexpr std::size_t kSlots = 1 << 16;
Block g_blocks[kSlots];

std::size_t slotOf(void *p)
{
    return (reinterpret_cast<std::uintptr_t>(p) >> 4) * 2654435761u % kSlots;
}

void remember(void *p, std::size_t size)
{
    if (!p)
        return;
    for (std::size_t i = slotOf(p), n = 0; n < kSlots; i = (i + 1) % kSlots, ++n) {
        void *expected = nullptr;
        if (g_blocks[i].ptr.compare_exchange_strong(expected, p)) {
            g_blocks[i].size = size;
            return;
        }
    }
}

bool contains(const char *hay, std::size_t n, const char *needle, std::size_t m)
{
    if (m == 0 || n < m)
        return false;
    for (std::size_t i = 0; i + m <= n; ++i)
        if (hay[i] == needle[0] && std::memcmp(hay + i, needle, m) == 0)
            return true;
    return false;
}

/** Forgets @p p; counts a leak when it still holds the number. */
void release(void *p)
{
    if (!p)
        return;
    for (std::size_t i = slotOf(p), n = 0; n < kSlots; i = (i + 1) % kSlots, ++n) {
        void *cur = g_blocks[i].ptr.load();
        if (cur == nullptr)
            return; // not allocated in the window
        if (cur == p) {
            const auto *bytes = static_cast<const char *>(p);
            if (contains(bytes, g_blocks[i].size, g_utf16, g_utf16Size) || contains(bytes, g_blocks[i].size, g_ascii, g_asciiSize))
                ++g_leaks;
            // Tombstone: keep the probe chain intact.
            g_blocks[i].ptr.store(reinterpret_cast<void *>(1));
            return;
        }
    }
}
} // namespace

extern "C" {
void *malloc(size_t n)
{
    void *p = __libc_malloc(n);
    if (g_window && !t_inside)
        remember(p, n);
    return p;
}
void *calloc(size_t a, size_t b)
{
    void *p = __libc_calloc(a, b);
    if (g_window && !t_inside)
        remember(p, a * b);
    return p;
}
void *realloc(void *old, size_t n)
{
    if (!g_window || !old)
        return __libc_realloc(old, n);
    // Done by hand, so the block realloc would free is searched like any other.
    void *p = __libc_malloc(n);
    if (!p)
        return nullptr;
    const std::size_t oldSize = malloc_usable_size(old);
    std::memcpy(p, old, oldSize < n ? oldSize : n);
    remember(p, n);
    release(old);
    __libc_free(old);
    return p;
}
void free(void *p)
{
    if (g_window && !t_inside)
        release(p);
    __libc_free(p);
}
}

using namespace kiosk::devices;
using namespace kiosk::devices::idcard;

namespace {
struct Window {
    Window()
    {
        for (Block &b : g_blocks) {
            b.ptr.store(nullptr);
            b.size = 0;
        }
        g_leaks = 0;
        g_window = true;
    }
    ~Window() { g_window = false; }
    int close()
    {
        g_window = false;
        return g_leaks;
    }
};

void searchFor(const QString &idNumber)
{
    const QByteArray ascii = idNumber.toLatin1();
    std::memcpy(g_ascii, ascii.constData(), std::size_t(ascii.size()));
    g_asciiSize = std::size_t(ascii.size());
    std::memcpy(g_utf16, idNumber.utf16(), std::size_t(idNumber.size()) * 2);
    g_utf16Size = std::size_t(idNumber.size()) * 2;
}

SamResponse reply(std::uint8_t sw3, QByteArray payload = {})
{
    return {0, 0, sw3, std::move(payload)};
}
} // namespace

class TestCardWipe : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        searchFor(sim::sampleCards()[0].idNumber);
        QVERIFY(g_asciiSize == 18);
    }

    void theSearchSeesALeak()
    {
        // The method itself: a buffer freed with the number in it is counted.
        Window w;
        {
            QString copy = sim::sampleCards()[0].idNumber;
            copy.detach();
            copy.append(u'!'); // a fresh block in the window, freed as it is
        }
        QVERIFY(w.close() > 0);
    }

    void decodedCardAndItsCopiesLeaveNothing()
    {
        const QByteArray block = encodeTextBlock(sim::sampleCards()[0]);
        Window w;
        {
            QByteArray text(block.constData(), block.size()); // as the reader's payload holds it
            ParsedText parsed = parseTextBlock(bytesOf(text));
            QVERIFY(parsed.card);
            IdCard card = std::move(*parsed.card);
            IdCard handedOn = card; // a copy in a queued signal, in the device manager…
            card.wipe();
            QCOMPARE(handedOn.idNumber, sim::sampleCards()[0].idNumber); // the copy is untouched
            handedOn.wipe();
            wipeBuffer(text);
        }
        QCOMPARE(w.close(), 0);
    }

    void readerRepliesLeaveNothing()
    {
        // Frame → reply → payload → card, as the reader runs it, then the session's end.
        const IdCard &sample = sim::sampleCards()[0];
        const QByteArray payloadBytes = QByteArray::fromHex("01000400") + encodeTextBlock(sample) + sample.photo;
        ReaderStateMachine::Timing t;
        ReaderStateMachine sm(t);
        sm.start();
        sm.onResponse(reply(sw::Ok));
        sm.onResponse(reply(sw::CardFound));
        sm.onResponse(reply(sw::Ok));
        // The reader's side (as the device sends it), made before the window opens.
        const QByteArray frame = buildResponse(sw::Ok, bytesOf(payloadBytes));
        Window w;
        {
            FrameAssembler assembler;
            // In pieces, as USB packets arrive.
            for (qsizetype at = 0; at < frame.size(); at += 64)
                assembler.feed(bytesOf(frame).subspan(std::size_t(at), std::size_t(std::min<qsizetype>(64, frame.size() - at))));
            QCOMPARE(assembler.state(), FrameAssembler::State::Complete);
            QByteArray received = assembler.frame();
            assembler.reset();
            auto parsed = parseResponse(bytesOf(received));
            QVERIFY(parsed.value);
            auto action = sm.onResponse(*parsed.value);
            wipeResponse(*parsed.value);
            wipeBuffer(received);
            QCOMPARE(sm.state(), ReaderStateMachine::State::CardPresent);
            QCOMPARE(action.events.size(), std::size_t(1));
            IdCard card = action.events[0].card;
            action.events[0].card.wipe();
            QCOMPARE(card.idNumber, sample.idNumber);
            card.wipe();
        }
        QCOMPARE(w.close(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCardWipe)
#include "tst_cardwipe.moc"
