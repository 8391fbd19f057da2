# SPDX-License-Identifier: GPL-3.0-or-later
# kiosk_set_warnings(target): the project's warning level, applied to every target we compile.
function(kiosk_set_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wshadow -pedantic)
    if(KIOSK_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
    target_compile_definitions(${target} PRIVATE QT_NO_CAST_FROM_ASCII QT_NO_KEYWORDS
                                                 QT_NO_URL_CAST_FROM_STRING)
endfunction()
