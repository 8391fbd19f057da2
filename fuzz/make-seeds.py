#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes the seed corpus of the fuzz targets (fuzz/corpus/<target>/): valid inputs of every kind
# each parser meets, so that the fuzzer starts from the interesting paths. The same seeds are
# replayed by CTest (fuzz_replay_<target>). The ESC/POS seeds come from `kioskctl receipt encode`
# (pass its path as the first argument); without it the committed ESC/POS seeds are kept.
import base64
import hashlib
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)


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

# The A4 printer's codec: printer-state, accepting, job-state, impressions, then one reason a line.
seeds("fuzz_ippstate", {
    "idle": bytes([3, 1, 9, 2]) + b"none",
    "paper-out-mid-job": bytes([5, 1, 6, 1]) + b"media-empty-error\nmedia-needed-error",
    "several": bytes([5, 0, 8, 0]) + b"toner-low-warning\nmedia-jam\ndoor-open-error\ncups-waiting-for-job-completed",
    "unknown": bytes([7, 1, 5, 255]) + "社会保险 fuser-over-temp\n-error\n".encode(),
})

# Each SAM transport: a mode byte (0 stream, 1 split endpoints, 2 CP2110), then the device's
# endless output, cut into transfers: each transfer is a size byte (mod 200) and that many bytes.
def transfers(data, size):
    out = b""
    for i in range(0, len(data), size):
        piece = data[i:i + size]
        out += bytes([len(piece)]) + piece
    return out


def cp2110(data):
    out = b""
    for i in range(0, len(data), 63):
        piece = data[i:i + 63]
        out += bytes([64]) + (bytes([len(piece)]) + piece).ljust(64, b"\0")
    return out


found = frame(b"\x00\x00\x9F")
seeds("fuzz_samtransport", {
    "stream-found": b"\x00" + transfers(found, 64),
    "stream-read-in-packets": b"\x00" + transfers(read_reply, 64),
    "stream-noise-then-found": b"\x00" + transfers(b"\x00\x13\xAA\xAA" + found, 5),
    "split-read": b"\x01" + transfers(read_reply[:7], 7) + transfers(read_reply[7:], 199),
    # A reader sending AA for ever (each transfer 170 bytes of AA): must end at the noise limit.
    "stream-aa-flood": b"\x00" + b"\xAA" * 171,
    "cp2110-found": b"\x02" + cp2110(found),
    "cp2110-status-then-read": b"\x02" + bytes([64]) + bytes([0x42]).ljust(64, b"\0") + cp2110(read_reply[:300]),
})

# USB descriptors: the umockdev recordings of the three real devices (device + configuration
# descriptors as sysfs shows them), a CP2110 HID reader with its HID descriptor.
def umockdev_descriptors(name):
    with open(os.path.join(TOP, "tests", "devices", "data", name)) as f:
        for line in f:
            if line.startswith("H: descriptors="):
                return bytes.fromhex(line.split("=", 1)[1].strip())
    raise SystemExit(name + ": no descriptors")


cp2110_reader = bytes.fromhex(
    "1201000200000040c41080ea000101020301"  # device: 10c4:ea80
    "09022900010100803209"  # configuration
    "0904000002030000000921110100012222000705810340000107050103400001")
seeds("fuzz_usbdescriptors", {
    "sam-bulk": umockdev_descriptors("sam-bulk.umockdev"),
    "printer": umockdev_descriptors("printer.umockdev"),
    "scanner-keyboard": umockdev_descriptors("scanner-keyboard.umockdev"),
    "cp2110-reader": cp2110_reader,
})

# Platform replies (docs/platform-api.md): acceptances, status replies, refusals, Retry-After
# values, and what a proxy in front of a platform sends instead.
seeds("fuzz_platformreply", {
    "accepted": '{"trackingNumber": "SQ20261122000001", "status": "accepted"}'.encode(),
    "status-in-progress": '{"trackingNumber": "SQ20261122000001", "status": "in_progress", "message": "已转街道办理"}'.encode(),
    "refusal": '{"error": "证件号码与姓名不符，请核对后重新提交"}'.encode(),
    # Longer than the 300 bytes kept, with the cut falling inside a character.
    "refusal-long": ('{"error": "第1条：' + "申请材料不齐全" * 15 + '"}').encode(),
    "retry-after-seconds": b"120",
    "retry-after-date": b"Wed, 21 Oct 2026 07:28:00 GMT",
    "proxy-502": b"<html><body><h1>502 Bad Gateway</h1></body></html>",
})

# The config file: the documented example, one with every section, and two refused ones.
full = {
    "terminalId": "FZ-GL-0012", "terminalName": "自助终端 12号", "centerName": "东街口邻里中心",
    "terminalNameEn": "Self-service terminal 12", "centerNameEn": "Dongjiekou Neighbourhood Centre",
    "language": "zh_CN", "idleTimeoutSeconds": 120, "idleWarningSeconds": 30,
    "elderIdleTimeoutSeconds": 240, "elderWarningSeconds": 60, "popularCount": 8, "staffPinHash": "pbkdf2-sha256$200000$mKGx0CHtFDOCyNxPjHD3rA==$DM8H5EorBbEHdTeHSJfmwL08oktYuvfffJ66Ql9mEcE=",
    "devices": ["idcard", "printer"],
    "queue": {"capMegabytes": 128, "retentionDays": 7, "maxAgeHours": 72, "backoffBaseSeconds": 5,
              "backoffCapSeconds": 900, "statusIntervalMinutes": 10},
    "platforms": [{"id": "hall", "host": "zwfw.example.gov.cn", "port": 8443, "caFile": "ca.pem",
                   "signingKeyFile": "hall.key", "signature": "hmac-sm3", "timeoutSeconds": 20}],
}
seeds("fuzz_config", {
    "documented": json.dumps({"terminalId": "FZ-GL-0012", "terminalName": "自助终端 12号", "centerName": "东街口邻里中心",
                              "catalog": "/etc/kiosk/catalog.json", "idleTimeoutSeconds": 120},
                             ensure_ascii=False, indent=2).encode(),
    "full": json.dumps(full, ensure_ascii=False, indent=2).encode(),
    "typo": '{ "centerName": "测试中心", "idleTimeout": 90 }'.encode(),
    "elder-shorter": b'{ "idleTimeoutSeconds": 120, "elderIdleTimeoutSeconds": 60 }',
})

# The catalog and forms parsers: the test fixtures (valid, and broken in many ways).
def fixture(name):
    with open(os.path.join(TOP, "tests", "data", name), "rb") as f:
        return f.read()


seeds("fuzz_catalog", {"small": fixture("catalog-small.json"), "broken": fixture("catalog-broken.json")})
seeds("fuzz_forms", {"small": fixture("forms-small.json"), "broken": fixture("forms-broken.json")})

# Masking: log lines and answers holding ID, phone and bank card numbers, and near misses.
seeds("fuzz_masking", {
    "id-in-log": "读卡成功 350102198503122136 张伟".encode(),
    "phone-and-card": "联系电话13812345678，银行卡6222021234567890123".encode(),
    "old-id-and-x": "旧证 350102850312213，新证 35010319481102128X。".encode(),
    "glued-digits": b"order 12345678901234567890 ref A350102198503122136",
})

# Query answers and certificates (docs/platform-api.md, "Queries and certificates"): an answer with
# values and a table, the refusals, a certificate whose digest matches its (tiny) PDF, and near
# misses (a short row, a wrong digest, bidi and control characters to strip).
def compact(o):
    return json.dumps(o, ensure_ascii=False, separators=(",", ":")).encode()


answer = {"outcome": "answered", "itemCode": "RS-0022", "title": "社会保险个人权益记录查询",
          "titleEn": "Social insurance record enquiry", "reference": "RS0022-20261201-0001-7KQM",
          "issuedAt": "2026-12-01T08:00:00Z", "validUntil": "2026-12-02T08:00:00Z",
          "values": [{"label": "累计缴费月数", "labelEn": "Months contributed", "value": "156"}],
          "tables": [{"title": "缴费明细", "titleEn": "Contributions", "columns": ["年月", "个人缴纳"],
                      "columnsEn": ["Month", "Employee"], "rows": [["2026-10", "1184.00"], ["2026-11", "1184.00"]]}],
          "notes": ["以经办机构记账为准。"], "notesEn": ["The agency's record prevails."], "message": "", "messageEn": ""}
short_row = json.loads(json.dumps(answer))
short_row["tables"][0]["rows"][1] = ["2026-11"]
hostile = json.loads(json.dumps(answer))
hostile["values"][0]["value"] = "\u202e00.4811\u202c\u0000\u001b[31m\u2066x\u2069\ufeff"
pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
certificate = {"outcome": "answered", "itemCode": "RS-0023", "title": "社会保险缴费证明", "titleEn": "Contribution certificate",
               "reference": "RS0023-20261201-0002-X4PA", "verificationCode": "UMUE-G66X-DYDT-T8MV",
               "issuedAt": "2026-12-01T16:00:00+08:00", "validUntil": "2026-12-31T08:00:00Z", "pages": 1,
               "sha256": hashlib.sha256(pdf).hexdigest(), "document": base64.b64encode(pdf).decode(), "message": "", "messageEn": ""}
wrong_digest = dict(certificate, sha256="00" * 32)
seeds("fuzz_queryanswer", {
    "answer": compact(answer),
    "no-record": compact({"outcome": "no-record", "itemCode": "YB-0002", "issuedAt": "2026-12-01T08:00:00Z",
                          "message": "未查询到您的医保参保记录。", "messageEn": "No medical insurance record."}),
    "not-permitted": compact({"outcome": "not-permitted", "itemCode": "WJ-0005", "issuedAt": "2026-12-01T08:00:00Z",
                              "message": "不能查询其记录。"}),
    "short-row": compact(short_row),
    "hostile-text": compact(hostile),
    "certificate": compact(certificate),
    "certificate-wrong-digest": compact(wrong_digest),
    "certificate-no-record": compact({"outcome": "no-record", "itemCode": "YB-0001", "issuedAt": "2026-12-01T08:00:00Z",
                                      "message": "未查询到您的医保参保记录。"}),
})

# PayloadCipher::open: the first byte is the length of the associated data (an outbox id).
seeds("fuzz_payloadcipher", {
    "short": bytes([36]) + b"0f8fad5b-d9cb-469f-a165-70867728950e" + bytes(20),
    "json-sized": bytes([36]) + b"7c9e6679-7425-40de-944b-e07fc1f90ae7" + bytes(range(256)) * 2,
    "empty-aad": bytes([0]) + bytes(28),
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
