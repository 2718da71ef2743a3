#!/usr/bin/env bash
# ctest fuzz.short_run: builds the `fuzz` preset (clang, libFuzzer, address + undefined) into WORK,
# runs each fuzz target SECONDS seconds from its seeds, and fails on any finding or when clang is missing.
# Usage: short_run.sh SOURCE_DIR WORK SECONDS
set -euo pipefail
src=$1 work=$2 seconds=$3

fail() { echo "FAIL: $*"; exit 1; }
# Never a silent pass: without clang and its fuzzer runtime this test fails.
command -v clang++ >/dev/null || fail "clang++ not found; install clang and libclang-rt-14-dev (make deps does)"
mkdir -p "$work"
if [ ! -f "$work/build/CMakeCache.txt" ]; then
  (cd "$src" && cmake --preset fuzz -B "$work/build") >"$work/configure.log" 2>&1 ||
    { cat "$work/configure.log"; fail "configuring the fuzz preset"; }
fi
cmake --build "$work/build" --target attachsim_fuzz_scenario attachsim_fuzz_set >"$work/build.log" 2>&1 ||
  { tail -n 60 "$work/build.log"; fail "building the fuzz targets"; }

status=0
for name in scenario set; do
  corpus="$work/corpus_$name"
  rm -rf "$corpus" && mkdir -p "$corpus"
  if [ "$name" = scenario ]; then
    cp "$src"/scenarios/*.toml "$src"/tests/data/sweep_small.toml "$corpus/"
    for f in "$src"/tests/data/good/*.toml "$src"/tests/data/bad/*.toml; do
      cp "$f" "$corpus/$(basename "$(dirname "$f")")_$(basename "$f")"
    done
  else
    cp "$src"/tests/fuzz/corpus/set/* "$corpus/"
  fi
  log="$work/$name.log"
  echo "== attachsim_fuzz_$name for ${seconds}s (log: $log)"
  if ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      "$work/build/bin/attachsim_fuzz_$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -dict="$src/tests/fuzz/$name.dict" -print_final_stats=1 -artifact_prefix="$work/finding_$name-" \
      "$corpus" "$src/tests/fuzz/regressions/$name" >"$log" 2>&1; then
    grep -E "^(#[0-9]+ *DONE|stat::number_of_executed_units|stat::average_exec_per_sec)" "$log" || true
    # A run that executed nothing is not a pass.
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    [ "${runs:-0}" -gt 0 ] || { tail -n 30 "$log"; echo "FAIL: attachsim_fuzz_$name executed no inputs"; status=1; }
  else
    tail -n 80 "$log"
    echo "FAIL: attachsim_fuzz_$name found a problem; the input is saved as $work/finding_$name-*;"
    echo "      keep it in tests/fuzz/regressions/$name/ once fixed"
    status=1
  fi
done
exit $status
