#!/bin/bash
# Hostile input and faults through the attachsim binary: huge, empty and deep files, memory, unwritable and full disks, names, signals.
# usage: hardening_test.sh ATTACHSIM WORK CASE
#
# Every case checks what a user relies on: the exit code (2 bad input, 1 a fault or an
# interruption), one line on stderr that names the problem, no crash, no temporary or
# partial file left, and the results of an earlier run in the same folder byte-identical.
set -u
attachsim=$1 work=$2 case=$3
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1

fail() { echo "FAIL ($case): $*" >&2; exit 1; }
# Runs the tool; leaves rc, out.txt, err.txt.
run() { "$attachsim" "$@" >out.txt 2>err.txt; rc=$?; }
expect_rc() { [ "$rc" = "$1" ] || fail "exit $rc, expected $1; stderr: $(head -c 400 err.txt)"; }
# Exactly one line on stderr besides progress lines ("attachsim:  92.2%  ..."), containing each argument.
expect_one_line() {
  grep -v -E '^attachsim: +[0-9.]+%  ' err.txt >message.txt
  [ "$(wc -l <message.txt)" -eq 1 ] || fail "expected one line on stderr, got: $(head -c 600 err.txt)"
  for fragment in "$@"; do
    grep -qF -- "$fragment" message.txt || fail "stderr lacks '$fragment': $(cat err.txt)"
  done
}
expect_no_temporaries() {
  local left
  left=$(find "$1" -name '*.tmp-*' 2>/dev/null)
  [ -z "$left" ] || fail "temporary files left: $left"
}
# A folder holding the results of an earlier good run, and a fingerprint of it.
earlier() {
  "$attachsim" run --dyads 60 --months 2 --out "$1" >/dev/null 2>&1 || fail "the earlier run into $1 failed"
  (cd "$1" && find . -type f ! -name lock ! -path './parts/*' | sort | xargs sha256sum) >"$work/$(echo "$1" | tr / _).sums"
}
# Every file of the earlier run is still there, byte for byte (a sweep may add parts/ for --resume).
expect_intact() {
  (cd "$1" && sha256sum --quiet -c "$work/$(echo "$1" | tr / _).sums" >/dev/null 2>&1) ||
    fail "the earlier results in $1 changed: $(cd "$1" && find . | sort | tr '\n' ' ')"
}
# Peak resident memory of a command, in KB, into $peak_kb (with /usr/bin/time when there is one;
# otherwise the command runs under a 1 GiB address-space limit, which it must not need).
measure() {
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f %M -o time.txt "$attachsim" "$@" >out.txt 2>err.txt
    rc=$?
    peak_kb=$(tail -1 time.txt)
  else
    (ulimit -v 1048576 && exec "$attachsim" "$@") >out.txt 2>err.txt
    rc=$?
    peak_kb=0
  fi
}

case $case in
  empty_file)
    : >empty.toml
    run check empty.toml
    expect_rc 2
    expect_one_line "empty.toml:1:1: " "the file is empty"
    earlier res
    run run empty.toml --out res
    expect_rc 2
    expect_intact res
    ;;

  huge_file)
    # 100 MB of comment lines: refused by its size before it is read.
    yes '# a line of filler in a scenario file far too big to be one' | head -c 100000000 >huge.toml
    earlier res
    start=$(date +%s%N)
    measure run huge.toml --out res
    ms=$((($(date +%s%N) - start) / 1000000))
    rm -f huge.toml
    expect_rc 2
    expect_one_line "huge.toml: " "95.4 MiB" "at most 1.0 MiB"
    [ "$ms" -lt 5000 ] || fail "refusing a 100 MB file took $ms ms"
    [ "$peak_kb" -lt 100000 ] || fail "refusing a 100 MB file took $peak_kb KB of memory"
    expect_intact res
    # Just over the limit, and a FIFO (never ends): refused without hanging.
    head -c 1048577 /dev/zero | tr '\0' '#' >over.toml
    run check over.toml
    expect_rc 2
    expect_one_line "over.toml: " "at most 1.0 MiB"
    mkfifo fifo.toml
    timeout 10 "$attachsim" check fifo.toml >out.txt 2>err.txt
    rc=$?
    expect_rc 2
    expect_one_line "fifo.toml" "not a regular file"
    ;;

  deep_nesting)
    # toml++ recurses per level; the pre-scan refuses these with a position instead of a crash.
    n=100000
    {
      printf 'x = '; head -c $n /dev/zero | tr '\0' '['; head -c $n /dev/zero | tr '\0' ']'; echo
    } >arrays.toml
    repeat() { yes "$1" | head -n "$2" | tr -d '\n'; }
    { printf '[a'; repeat .a $n; printf ']\nx = 1\n'; } >header.toml
    { printf '[parameters]\nprimary'; repeat .a $n; printf ' = 1\n'; } >dotted.toml
    { printf 'x = '; repeat '{ a = ' 1000; printf '1'; repeat ' }' 1000; echo; } >inline.toml
    earlier res
    for f in arrays header dotted inline; do
      start=$(date +%s%N)
      measure run "$f.toml" --out res
      ms=$((($(date +%s%N) - start) / 1000000))
      expect_rc 2
      expect_one_line "$f.toml:" "nested more than 64 levels deep"
      [ "$ms" -lt 5000 ] || fail "$f.toml took $ms ms"
      [ "$peak_kb" -lt 200000 ] || fail "$f.toml took $peak_kb KB"
    done
    expect_intact res
    # A chain of 40 bases (each extends the next).
    for i in $(seq 0 39); do echo "base = \"chain$((i + 1)).toml\"" >"chain$i.toml"; done
    printf '[run]\ndyads = 10\n' >chain40.toml
    run check chain0.toml
    expect_rc 2
    expect_one_line "base: a chain of more than 16 bases"
    run check chain30.toml   # 10 bases: fine
    expect_rc 0
    ;;

  memory)
    # A population that cannot fit is refused before anything is allocated or written; the
    # address-space limit makes "what is available" the same on every machine.
    earlier res
    (ulimit -v 3000000 && exec "$attachsim" run --dyads 20000000 --out res) >out.txt 2>err.txt
    rc=$?
    expect_rc 2
    expect_one_line "--dyads: 20000000 dyads need about" "GiB of memory" "bytes per dyad" "is available; allowed: at most"
    expect_intact res
    printf '[run]\ndyads = 20000000\nmonths = 2\n' >big.toml
    (ulimit -v 3000000 && exec "$attachsim" sweep big.toml --out res --jobs 2) >out.txt 2>err.txt
    rc=$?
    expect_rc 2
    expect_one_line "big.toml:2:9: run.dyads: 20000000 dyads need about"
    expect_intact res
    # Two jobs need twice the memory of one.
    printf '[run]\ndyads = 3000000\nmonths = 1\n[sweep]\nreplicates = 2\n' >two.toml
    (ulimit -v 3000000 && exec "$attachsim" sweep two.toml --out res --jobs 2) >out.txt 2>err.txt
    rc=$?
    expect_rc 2
    expect_one_line "x 2 runs at once" "with --jobs 2"
    expect_intact res
    ;;

  unwritable_folder)
    earlier res
    chmod a-w res
    # root ignores permissions: drop the capability that lets it, where the system allows.
    as_user=()
    if [ "$(id -u)" = 0 ]; then
      if setpriv --bounding-set -dac_override,-dac_read_search true 2>/dev/null; then
        as_user=(setpriv --bounding-set -dac_override,-dac_read_search)
      elif mount --bind res res 2>/dev/null && mount -o remount,bind,ro res 2>/dev/null; then
        trap 'umount "$work/res" 2>/dev/null' EXIT
      else
        fail "running as root without setpriv or mount: cannot make a folder unwritable"
      fi
    fi
    "${as_user[@]}" "$attachsim" run --dyads 50 --months 2 --out res >out.txt 2>err.txt
    rc=$?
    chmod u+w res
    expect_rc 2
    expect_one_line "res: cannot write in the output folder" "allowed: a folder you can write to"
    expect_intact res
    # A file where the folder should be, and a folder below a file.
    echo x >plain
    run run --dyads 50 --months 2 --out plain
    expect_rc 2
    expect_one_line "plain"
    run run --dyads 50 --months 2 --out plain/below
    expect_rc 2
    expect_one_line "plain/below"
    run run --dyads 50 --months 2 --out ""
    expect_rc 2
    expect_one_line "--out: an empty folder name"
    ;;

  disk_full)
    # 1) A file-size limit (ulimit -f, works for anyone): dyads.csv of 3000 dyads (~500 KB)
    #    cannot be written; the run stops at the assessment, not at its end.
    earlier res
    (ulimit -f 200 && exec "$attachsim" run --dyads 3000 --months 13 --out res) >out.txt 2>err.txt
    rc=$?
    expect_rc 1
    expect_one_line "res/dyads.csv: cannot write: File too large"
    expect_no_temporaries res
    [ -e res/parts ] && fail "parts/ left behind after a failed run"
    expect_intact res
    # A sweep: completed units stay for --resume, which then finishes with the limit lifted.
    # A sweep whose parts fit under the limit but whose assembled dyads.csv does not: the
    # completed units stay in parts/, and --resume assembles them once the limit is lifted.
    printf '[run]\ndyads = 300\nmonths = 12.5\n[sweep]\nreplicates = 6\n' >sweep.toml
    "$attachsim" sweep sweep.toml --out ref >/dev/null 2>&1 || fail "reference sweep failed"
    (ulimit -f 100 && exec "$attachsim" sweep sweep.toml --out res --force) >out.txt 2>err.txt
    rc=$?
    expect_rc 1
    expect_one_line "res/dyads.csv: cannot write: File too large"
    expect_no_temporaries res
    expect_intact res
    [ "$(ls res/parts/*.part | wc -l)" -eq 6 ] || fail "the completed units were not kept for --resume"
    run sweep sweep.toml --out res --resume
    expect_rc 0
    for f in timeseries.csv dyads.csv summary.csv; do cmp -s ref/$f res/$f || fail "$f after --resume differs"; done
    # 2) A full file system (root: a small tmpfs): the result does not fit (8,000 dyads: 1.2 MB); the
    #    earlier files on it stay as they were.
    if [ "$(id -u)" = 0 ] && mkdir -p small && mount -t tmpfs -o size=900k tmpfs small 2>/dev/null; then
      trap 'umount "$work/small" 2>/dev/null' EXIT
      earlier small/res
      run run --dyads 8000 --months 13 --out small/res
      expect_rc 1
      expect_one_line "small/res/" "No space left on device"
      expect_no_temporaries small
      expect_intact small/res
      [ -e small/res/parts ] && fail "parts/ left behind after a failed run"
      umount small
      trap - EXIT
    else
      echo "note ($case): no tmpfs (not root or mount not allowed); the file-size limit above stands in for a full disk"
    fi
    ;;

  names)
    # Names from the file go into CSV cells and messages, never into paths: a scenario named
    # like a path writes only inside --out.
    cat >paths.toml <<'EOF'
[meta]
name = "../../escaped"
[run]
dyads = 40
months = 2
[[subgroup]]
name = "/etc/passwd"
share = 0.5
[[subgroup]]
name = "../sub/../dir"
share = 0.5
[variant]
name = "..\\..\\windows"
parameters.primary.sensitivity = 0.7
EOF
    mkdir -p deep/er
    (cd deep/er && "$attachsim" run ../../paths.toml --out out >../../out.txt 2>../../err.txt)
    rc=$?
    expect_rc 0
    found=$(find . -newer paths.toml -type f ! -path './deep/er/out/*' ! -name out.txt ! -name err.txt | sort)
    [ -z "$found" ] || fail "files written outside --out: $found"
    grep -q '"../../escaped"' deep/er/out/manifest.json || fail "the name is not kept as text"
    grep -q ',/etc/passwd,' deep/er/out/dyads.csv || fail "the subgroup name is not kept as text"
    # Control characters and path-like event ids are refused (tests/data/bad has each).
    printf '[meta]\nname = "a\\u0000b"\n' >nul.toml
    run run nul.toml --out res
    expect_rc 2
    expect_one_line "nul.toml:2:8: meta.name: holds the control character U+0000"
    [ -e res ] && fail "a folder was created for a bad scenario"
    ;;

  interrupt_run)
    # SIGINT and SIGTERM during `run` (with a paired variant: two runs in one unit). Over a
    # complete earlier result, that result stays byte for byte; in a new folder, the
    # interrupted runs are recorded as such.
    printf '[run]\ndyads = 30000\nmonths = 60\n[variant]\nparameters.primary.sensitivity = 0.7\n' >long.toml
    for signal in INT TERM; do
      for folder in "res_$signal" "new_$signal"; do
        [ "${folder#new}" = "$folder" ] && earlier "$folder"
        "$attachsim" run long.toml --out "$folder" --force >out.txt 2>err.txt &
        pid=$!
        for _ in $(seq 1 200); do grep -q "pid $pid" "$folder/.attachsim/lock" 2>/dev/null && break; sleep 0.05; done
        sleep 0.3
        kill -"$signal" $pid
        wait $pid
        rc=$?
        expect_rc 1
        grep -q "interrupted; 0 of 1 runs complete" err.txt || fail "SIG$signal: no interruption message: $(cat err.txt)"
        [ -e "$folder/parts" ] && fail "SIG$signal: parts/ left behind by an interrupted run (it has no --resume)"
        expect_no_temporaries "$folder"
        if [ "${folder#new}" = "$folder" ]; then
          grep -q "the earlier complete result in $folder is unchanged" err.txt || fail "SIG$signal: $(cat err.txt)"
          expect_intact "$folder"
        else
          grep -c ',interrupted,' "$folder/runs.csv" | grep -qx 2 || fail "SIG$signal: both arms should be marked interrupted"
          grep -q '"status": "interrupted"' "$folder/manifest.json" || fail "SIG$signal: manifest does not say interrupted"
          [ "$(wc -l <"$folder/dyads.csv")" -eq 1 ] || fail "SIG$signal: rows of an unfinished run in dyads.csv"
        fi
      done
    done
    ;;

  nobody_assessed)
    # An assessment that finds nobody (day-care caregivers without day care) is a valid
    # scenario: its empty rows once read as a failed write ("disk full?").
    printf '[run]\ndyads = 50\nmonths = 4\n[[event]]\nkind = "assessment"\ncaregiver = "daycare"\nage_months = 3\n' >nobody.toml
    run run nobody.toml --out res
    expect_rc 0
    [ "$(wc -l <res/dyads.csv)" -eq 1 ] || fail "dyads.csv should hold only its header"
    printf '[sweep]\nreplicates = 2\n' >>nobody.toml
    run sweep nobody.toml --out sweep
    expect_rc 0
    ;;

  *) fail "unknown case" ;;
esac
echo "ok ($case)"
