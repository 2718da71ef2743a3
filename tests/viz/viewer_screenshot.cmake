# Runs attachsim-viewer under Xvfb for a few frames, saves a screenshot and checks it.
# -DXVFB_RUN -DVIEWER -DCHECK -DWORK
# -DCASE=inspector|charts|compare|bad_scenario|scenario|arranged|cvd|projection|room|room_projector|
#       info|info_model
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
set(args --dyads 2000 --days 380 --frames 12 --screenshot ${WORK}/shot.png --export-dir ${WORK}/exports)
set(screen 1280x800x24)
if(CASE STREQUAL "inspector")
  list(APPEND args --select 42 --panel inspector)
elseif(CASE STREQUAL "charts")
  list(APPEND args --panel charts)
elseif(CASE STREQUAL "compare")
  list(APPEND args --compare primary.sensitivity=0.8 --panel compare)
elseif(CASE STREQUAL "bad_scenario")
  # A scenario with an error: the error (file:line:column: key: ...; allowed) is shown and the
  # default population keeps running.
  file(WRITE ${WORK}/bad.toml "[run]\ndyads = 100\n\n[parameters]\nprimary.sensitivity = 1.7\n")
  list(PREPEND args ${WORK}/bad.toml)
elseif(CASE STREQUAL "scenario")
  # A bundled scenario by name, with its lesson and events.
  list(PREPEND args depression)
  list(APPEND args --panel log)
elseif(CASE STREQUAL "arranged")
  list(APPEND args --arrange strategy)
elseif(CASE STREQUAL "cvd")
  # A 1920x1080 projector at scale 1.5, the screenshot as the three colour-vision deficiencies
  # see it (written next to shot.png as viewer-protanopia.png, ...).
  set(screen 1920x1080x24)
  list(APPEND args --width 1920 --height 1080 --scale 1.5 --panel charts)
elseif(CASE STREQUAL "projection")
  # A 4K screen: the scale follows the window (2.7), fonts rasterised at that size.
  set(screen 3840x2160x24)
  list(APPEND args --width 3840 --height 2160 --select 42 --panel inspector)
elseif(CASE STREQUAL "room")
  # The Strange Situation room, paused 30 s into the first reunion.
  list(APPEND args --select 42 --panel strange-situation --ssp-episode 5)
elseif(CASE STREQUAL "room_projector")
  # The same at the end of the second reunion, with the class, on a projector at scale 1.5.
  set(screen 1920x1080x24)
  list(APPEND args --width 1920 --height 1080 --scale 1.5 --select 42 --panel strange-situation
       --ssp-episode 9)
elseif(CASE STREQUAL "info")
  # "How the model works" on a bundled scenario: its summary and lesson.
  list(PREPEND args depression)
  list(APPEND args --panel info)
elseif(CASE STREQUAL "info_model")
  # The same page on the model (docs/model.md), on a projector at scale 1.5.
  set(screen 1920x1080x24)
  list(APPEND args --width 1920 --height 1080 --scale 1.5 --panel info-model)
endif()
# xvfb-run -a searches for a free display from 99 up: two xvfb-runs started at once (another
# build tree's tests on the same machine) can pick the same number, and the loser's viewer is
# then cut off mid-run (SFML: "Failed to open X11 display", abort). Start the search at a random
# number to make that rare.
string(RANDOM LENGTH 3 ALPHABET 0123456789 display_from)
math(EXPR display_from "100 + ${display_from}")
execute_process(
  COMMAND ${XVFB_RUN} -a -n ${display_from} -s "-screen 0 ${screen}" ${VIEWER} ${args}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 100)
message("${out}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "attachsim-viewer exited with ${rc}")
endif()
if(CASE STREQUAL "bad_scenario" AND NOT err MATCHES "bad.toml:5:")
  message(FATAL_ERROR "the scenario error was not reported as file:line:column")
endif()
if(NOT EXISTS ${WORK}/shot.png)
  message(FATAL_ERROR "no screenshot was written")
endif()
execute_process(COMMAND ${CHECK} ${WORK}/shot.png ${CASE} ${WORK} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the screenshot does not show what it should (${WORK}/shot.png)")
endif()
