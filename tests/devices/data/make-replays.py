#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes the scripted-replay fixtures of the umockdev tests: device descriptions (*.umockdev)
# and ioctl trees (*.ioctl) for a SAM reader, a receipt printer and a keyboard-wedge scanner.
# The bytes are the protocol's, computed here from docs/devices.md so that a reviewer can check
# them; run it again after changing it and commit the output.
import os

HERE = os.path.dirname(os.path.abspath(__file__))
PREAMBLE = bytes.fromhex("AAAAAA9669")


def frame(body):
    length = len(body) + 1
    head = bytes([length >> 8, length & 0xFF])
    chk = 0
    for b in head + body:
        chk ^= b
    return PREAMBLE + head + body + bytes([chk])


def request(cmd, para):
    return frame(bytes([cmd, para]))


def response(sw3, payload=b""):
    return frame(bytes([0, 0, sw3]) + payload)


def ucs2(text, size):
    raw = text.encode("utf-16-le")
    assert len(raw) <= size, text
    return raw + " ".encode("utf-16-le") * ((size - len(raw)) // 2)


def text_block():
    # The sample card 张伟 of the simulator (devices/simulator/simulatedsam.cpp).
    block = (ucs2("张伟", 30) + ucs2("1", 2) + ucs2("01", 4) + ucs2("19850312", 16)
             + ucs2("福建省福州市鼓楼区五四路158号3单元502室", 70) + ucs2("350102198503122136", 36)
             + ucs2("福州市公安局鼓楼分局", 30) + ucs2("20160520", 16) + ucs2("20360520", 16) + ucs2("", 36))
    assert len(block) == 256
    return block


def urb(type_, ep, buflen, data, indent=0, actual=None):
    actual = len(data) if actual is None else actual
    return "%sUSBDEVFS_REAPURBNDELAY 0 %d %d 0 0 %d %d 0 %s\n" % (" " * indent, type_, ep, buflen, actual, data.hex().upper())


BULK, INTERRUPT, CONTROL = 3, 1, 2


def device(devnum, port, descriptors):
    node = "%03d" % devnum
    return ("P: /devices/usb1/1-%d\nN: bus/usb/001/%s\nE: SUBSYSTEM=usb\nE: DEVTYPE=usb_device\n"
            "E: DEVNAME=/dev/bus/usb/001/%s\nE: BUSNUM=001\nE: DEVNUM=%s\nA: busnum=1\\n\nA: devnum=%d\\n\n"
            "A: speed=12\\n\nA: bConfigurationValue=1\\n\nH: descriptors=%s\n") % (port, node, node, node, devnum, descriptors)


def write(name, text):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        f.write(text)


# --- SAM reader 0400:c35a, firmware B: one bulk pair, 0x02 OUT / 0x81 IN ---------------------
SAM_DESCRIPTORS = ("12010002000000400004" "5ac3" "000101020301"
                   "09022000010100803209040000" "02ff000000" "0705020240000007058102400000")
write("sam-bulk.umockdev", device(3, 3, SAM_DESCRIPTORS))
photo = bytes([(i * 37 + 11) & 0xFF for i in range(1024)])
read_reply = response(0x90, bytes.fromhex("01000400") + text_block() + photo)
assert len(read_reply) == 1295
script = "@DEV /dev/bus/usb/001/003 (usbdevfs)\n"
for (cmd, para), reply in [((0x11, 0xFF), response(0x90)), ((0x20, 0x01), response(0x9F)),
                           ((0x20, 0x02), response(0x90)), ((0x30, 0x01), read_reply),
                           ((0x30, 0x03), response(0x91))]:
    script += urb(BULK, 0x02, 10, request(cmd, para))
    script += urb(BULK, 0x81, 4096, reply, indent=1)
write("sam-bulk.ioctl", script)

# --- Receipt printer 0416:5011: printer class 7/1/2, bulk 0x01 OUT / 0x82 IN ------------------
PRINTER_DESCRIPTORS = ("12010002000000401604" "1150" "000101020301"
                       "0902200001010080320904000002070102000705010240000007058202400000")
write("printer.umockdev", device(4, 4, PRINTER_DESCRIPTORS))
# The job the test prints: initialise, two-byte mode, "回执" (GB18030 BBD8 D6B4), LF, cut.
JOB = bytes.fromhex("1B401C26") + "回执".encode("gb18030") + bytes.fromhex("0A1D564100")
assert JOB == bytes.fromhex("1B401C26BBD8D6B40A1D564100")
for name, status in [("printer-ok.ioctl", {1: 0x12, 2: 0x12, 4: 0x12}),
                     ("printer-paper-out.ioctl", {1: 0x1A, 2: 0x32, 4: 0x72})]:
    script = "@DEV /dev/bus/usb/001/004 (usbdevfs)\n"
    for n, reply in status.items():
        script += urb(BULK, 0x01, 3, bytes([0x10, 0x04, n]))
        script += urb(BULK, 0x82, 64, bytes([reply]), indent=1)
    script += urb(BULK, 0x01, len(JOB), JOB)
    write(name, script)

# --- Keyboard-wedge scanner 05e0:1200: HID boot keyboard, interrupt IN 0x81, 8-byte reports ---
SCANNER_DESCRIPTORS = ("1201000200000040" "e005" "0012" "000101020301"
                       "0902220001010080320904000001030101000921110100012241000705810308000a")
write("scanner-keyboard.umockdev", device(5, 5, SCANNER_DESCRIPTORS))
KEYS = {"K": (0x0E, 0x02), "I": (0x0C, 0x02), "O": (0x12, 0x02), "S": (0x16, 0x02), "-": (0x2D, 0), "1": (0x1E, 0)}
reports = []
for c in "KIOSK-1":
    usage, mod = KEYS[c]
    reports.append(bytes([mod, 0, usage, 0, 0, 0, 0, 0]))
    reports.append(bytes(8))
reports += [bytes([0, 0, 0x28, 0, 0, 0, 0, 0]), bytes(8)]
# SET_PROTOCOL(boot) first (no data stage), then the reports, each one deeper: replayed in order.
# The last read ends with -ESHUTDOWN (108), as the kernel ends URBs when the device goes away:
# the scanner is unplugged while the next interrupt transfer waits. (Without it the replay would
# start over and type the code again.)
script = "@DEV /dev/bus/usb/001/005 (usbdevfs)\n"
script += urb(CONTROL, 0, 8, bytes.fromhex("210B000000000000"), actual=0)
for depth, r in enumerate(reports):
    script += urb(INTERRUPT, 0x81, 8, r, indent=depth)
script += "%sUSBDEVFS_REAPURBNDELAY 0 %d %d -108 0 8 0 0 00\n" % (" " * len(reports), INTERRUPT, 0x81)
write("scanner-keyboard.ioctl", script)

# --- One whole read reply (30 01), for `kioskctl idcard decode` ------------------------------
write("read-reply.hex", " ".join("%02X" % b for b in read_reply) + "\n")
