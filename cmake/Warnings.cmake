# The project's warning set, applied to every target we own.
function(attachsim_warnings target)
  # clang's -Wconversion also turns on -Wsign-conversion, gcc's does not; the set is gcc's
  # (clang builds only the fuzz targets).
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wconversion -Wshadow
    $<$<CXX_COMPILER_ID:Clang>:-Wno-sign-conversion>)
endfunction()
