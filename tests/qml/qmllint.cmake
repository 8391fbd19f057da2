# SPDX-License-Identifier: GPL-3.0-or-later
# CTest `qmllint`: every .qml file under qml/ (pages, panels, controls, popups, style, the shell, the
# keyboard style and layouts) through qmllint with the build's QML import path; any warning fails.
#   cmake -DQMLLINT=<qmllint> -DIMPORT_DIR=<build>/qml -DSOURCE_DIR=<source>/qml -P qmllint.cmake
# qmllint 6.4 has no --max-warnings: it exits non-zero when it prints a "Warning:" (Info: lines,
# such as unused imports, do not count). Both are checked, and the warnings are counted per file.
# The Qt 6.4 target `all_qmllint` (from qt_add_qml_module) lints only the module's QML_FILES, so
# it misses the keyboard style and layouts, which Qt Virtual Keyboard loads from the file system.
foreach(_var QMLLINT IMPORT_DIR SOURCE_DIR)
    if(NOT DEFINED ${_var})
        message(FATAL_ERROR "qmllint.cmake: -D${_var}=… is required")
    endif()
endforeach()
if(NOT EXISTS "${IMPORT_DIR}/Kiosk/qmldir")
    message(FATAL_ERROR "${IMPORT_DIR}/Kiosk/qmldir is missing: build the kioskqml target first")
endif()

file(GLOB_RECURSE _files LIST_DIRECTORIES false "${SOURCE_DIR}/*.qml")
list(SORT _files)
list(LENGTH _files _count)
if(_count EQUAL 0)
    message(FATAL_ERROR "no .qml files under ${SOURCE_DIR}")
endif()

execute_process(COMMAND "${QMLLINT}" -I "${IMPORT_DIR}" ${_files}
    RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _out)
message("${_out}")

# (";" would split the list of warnings.)
string(REPLACE ";" "," _scan "${_out}")
string(REGEX MATCHALL "Warning: [^\n]*" _warnings "${_scan}")
list(LENGTH _warnings _total)
if(_total GREATER 0 OR NOT _rc EQUAL 0)
    set(_summary "")
    foreach(_f IN LISTS _files)
        set(_n 0)
        foreach(_w IN LISTS _warnings)
            string(FIND "${_w}" "Warning: ${_f}:" _at)
            if(_at EQUAL 0)
                math(EXPR _n "${_n} + 1")
            endif()
        endforeach()
        if(_n GREATER 0)
            file(RELATIVE_PATH _rel "${SOURCE_DIR}" "${_f}")
            string(APPEND _summary "  ${_n}\tqml/${_rel}\n")
        endif()
    endforeach()
    message(FATAL_ERROR "qmllint: ${_total} warning(s) in ${_count} files (exit code ${_rc}):\n${_summary}")
endif()
message(STATUS "qmllint: ${_count} files, 0 warnings")
