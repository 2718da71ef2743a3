# The viewer with no X display: one line on stderr saying so, exit code 3, no abort. -DVIEWER
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env --unset=DISPLAY --unset=WAYLAND_DISPLAY ${VIEWER} --frames 1
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 20)
message("exit ${rc}; stderr: ${err}")
if(NOT rc EQUAL 3)
  message(FATAL_ERROR "expected exit code 3 without a display, got ${rc}")
endif()
string(STRIP "${err}" line)
if(NOT line MATCHES "^attachsim-viewer: no display: " OR line MATCHES "\n")
  message(FATAL_ERROR "expected one line naming the missing display, got: ${err}")
endif()
