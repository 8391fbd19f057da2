#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes the seed corpus of the fuzz targets (fuzz/corpus/<target>/): valid inputs of every kind
# each parser meets, so that the fuzzer starts from the interesting paths. The ESC/POS seeds come
# from `kioskctl receipt encode` (pass its path as the first argument).
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def frame(body):
    length = len(body) + 1
    head = bytes([length >> 8, length & 0xFF])
    chk = 0
    for b in head + body:
        chk ^= b
    return bytes.fromhex("AAAAAA9669") + head + body + bytes([chk])


def ucs2(text, size):
    raw = text.encode("utf-16-le")
    return raw + " ".encode("utf-16-le") * ((size - len(raw)) // 2)


def text_block(name, gender, nation, birth, address, idno, authority, start, end):
    return (ucs2(name, 30) + ucs2(gender, 2) + ucs2(nation, 4) + ucs2(birth, 16) + ucs2(address, 70)
            + ucs2(idno, 36) + ucs2(authority, 30) + ucs2(start, 16) + ucs2(end, 16) + ucs2("", 36))


def seeds(target, items):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    for name, data in items.items():
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)


blocks = {
    "zhang": text_block("张伟", "1", "01", "19850312", "福建省福州市鼓楼区五四路158号3单元502室", "350102198503122136",
                        "福州市公安局鼓楼分局", "20160520", "20360520"),
    "lin-forever": text_block("林秀英", "2", "01", "19481102", "福建省福州市台江区达道路88号", "35010319481102128X",
                              "福州市公安局台江分局", "20090415", "长期"),
    "chen-expired": text_block("陈思远", "1", "22", "19920730", "福建省福州市晋安区岳峰镇化工路12号", "350111199207302176",
                               "福州市公安局晋安分局", "20100801", "20200801"),
}
photo = bytes((i * 37 + 11) & 0xFF for i in range(1024))
read_reply = frame(b"\x00\x00\x90" + bytes.fromhex("01000400") + blocks["zhang"] + photo)
fp_reply = frame(b"\x00\x00\x90" + bytes.fromhex("010004000400") + blocks["lin-forever"] + photo + bytes(1024))

seeds("fuzz_samframe", {
    "request-find": frame(b"\x20\x01"),
    "request-max-rf": frame(b"\x61\xFF\x50"),
    "reply-ok": frame(b"\x00\x00\x90"),
    "reply-found": frame(b"\x00\x00\x9F"),
    "reply-find-failed": frame(b"\x00\x00\x80"),
    "reply-sam-id": frame(b"\x00\x00\x90" + bytes.fromhex("0501000000000000201601010000abcd")),
    "reply-read": read_reply,
    "reply-read-fingerprint": fp_reply,
    "noise-then-reply": b"\x00\xAA\xAA" + frame(b"\x00\x00\x91"),
})
seeds("fuzz_idcardtext", blocks)

pos = bytearray(64)
pos[0], pos[1] = 2, 13
pos[2:15] = b"6901234567892"
pos[58:61] = b"]E0"
pos_more = bytearray(pos)
pos_more[1] = 56
pos_more[2:58] = "https://zwfw.example.gov.cn/查询?编号=GL2026".encode()[:56].ljust(56, b"x")
pos_more[63] = 1
press = bytes([2, 0, 0x04, 0, 0, 0, 0, 0])
release = bytes(8)
enter = bytes([0, 0, 0x28, 0, 0, 0, 0, 0])
seeds("fuzz_hidreport", {
    "pos-single": bytes([64]) + bytes(pos),
    "pos-continued": bytes([64]) + bytes(pos_more) + bytes([64]) + bytes(pos),
    "keyboard-A-enter": b"".join(bytes([8]) + r for r in [press, release, enter, release]),
    "descriptor-keyboard": bytes.fromhex("05010906A101050719E029E71500250175019508810295017508810305081901290591020507190029FF150025FF950675088100C0"),
    "descriptor-pos": bytes.fromhex("058C0902A1010602FF09FEFE0200AABB068C000912C0"),
})
seeds("fuzz_printerstatus", {
    "ready": bytes([0x12, 0x12, 0x12, 0x12, 0x12]),
    "paper-out": bytes([0x1A, 0x1A, 0x32, 0x12, 0x72]),
    "cover-cutter": bytes([0x12, 0x16, 0x52, 0x1A, 0x1E]),
    "noise": bytes([0xFF, 0x00, 0x80, 0x12]),
})
if len(sys.argv) > 1:
    items = {}
    for name, flags in [("receipt-gs-k", []), ("receipt-raster", ["--raster-qr"])]:
        out = os.path.join(HERE, "corpus", name + ".tmp")
        subprocess.run([sys.argv[1], "receipt", "encode", "--out", out] + flags, check=True, stdout=subprocess.DEVNULL)
        with open(out, "rb") as f:
            items[name] = f.read()
        os.remove(out)
    items["status-requests"] = bytes.fromhex("100401100402100403100404")
    items["barcode-and-image"] = bytes.fromhex("1D6B0431323300" "1D6B4903414243" "1D2A0101" + "FF" * 8 + "1B4C0A")
    seeds("fuzz_escpos", items)
