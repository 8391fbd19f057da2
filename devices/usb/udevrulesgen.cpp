// SPDX-License-Identifier: GPL-3.0-or-later
// kiosk-udevgen [GROUP] [OUTPUT]: writes the udev rules for every supported device (see
// devices/usb/devicetable.h). Run at build time; the result is also committed in packaging/udev/.
#include "devices/usb/devicetable.h"

#include <cstdio>
#include <string>

int main(int argc, char *argv[])
{
    const std::string group = argc > 1 ? argv[1] : "kiosk";
    const std::string rules = kiosk::devices::usb::udevRules(group);
    std::FILE *out = argc > 2 ? std::fopen(argv[2], "w") : stdout;
    if (!out) {
        std::fprintf(stderr, "kiosk-udevgen: cannot write %s\n", argv[2]);
        return 1;
    }
    const bool ok = std::fputs(rules.c_str(), out) >= 0;
    if (out != stdout && std::fclose(out) != 0)
        return 1;
    return ok ? 0 : 1;
}
