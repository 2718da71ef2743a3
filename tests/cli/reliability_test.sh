#!/bin/bash
# The output folder as a transaction, attacked through the attachsim binary: mixing, damaged parts, crashes, escapes, data loss, hangs, nonsense.
# usage: reliability_test.sh ATTACHSIM WORK CASE
#
# One case per fault class of docs/reliability.md; each checks what a user relies on: the exit
# code (2 bad input, 1 a fault or an interruption), one message that names the problem, and
# what is on disk afterwards (byte for byte where it must not change).
set -u
attachsim=$1 work=$2 case=$3
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1

fail() { echo "FAIL ($case): $*" >&2; exit 1; }
run() { "$attachsim" "$@" >out.txt 2>err.txt; rc=$?; }
expect_rc() { [ "$rc" = "$1" ] || fail "exit $rc, expected $1; stderr: $(head -c 600 err.txt)"; }
expect_err() { for f in "$@"; do grep -qF -- "$f" err.txt || fail "stderr lacks '$f': $(head -c 600 err.txt)"; done; }
# Every file under a folder, with its checksum (links as links).
sums() { (cd "$1" && find . \( -type f -o -type l \) ! -name lock ! -path './parts/*' -print0 | sort -z | xargs -0 -r sha256sum 2>/dev/null; find . -type l -printf '%p -> %l\n' | sort); }
remember() { sums "$1" >"$work/$(echo "$1" | tr / _).sums"; }
expect_intact() { sums "$1" | cmp -s - "$work/$(echo "$1" | tr / _).sums" || fail "$1 changed"; }
# The CSVs of two folders byte-identical (runs.csv without its wall_s column).
same_outputs() {
  for f in timeseries.csv dyads.csv summary.csv; do cmp -s "$1/$f" "$2/$f" || fail "$f differs between $1 and $2"; done
  cmp -s <(sed 's/,[^,]*$//' "$1/runs.csv") <(sed 's/,[^,]*$//' "$2/runs.csv") || fail "runs.csv differs between $1 and $2"
}
# Waits (at most 30 s) until a file exists.
wait_for() { for _ in $(seq 1 600); do [ -e "$1" ] && return 0; sleep 0.05; done; fail "$1 never appeared"; }

# A sweep of 12 small units (6 points x 2 replicates), and one of many tiny units.
cat >small.toml <<'EOF'
[meta]
name = "reliability sweep"
[run]
dyads = 200
months = 8
seed = 3
[sweep]
replicates = 2
[sweep.axes]
primary.sensitivity = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8]
EOF
cat >tiny.toml <<'EOF'
[run]
dyads = 20
months = 8
[output]
dyads = false
[sweep]
replicates = 3000
EOF

case $case in
  mixing)
    # --resume with another or a missing --seed, or other --set, is refused naming the field.
    "$attachsim" sweep small.toml --out s --shard 0/2 --seed 7 >/dev/null 2>&1 || fail "shard 0 failed"
    remember s
    run sweep small.toml --out s --shard 0/2 --seed 8 --resume
    expect_rc 2
    expect_err "master seed: 7 in s, 8 here"
    run sweep small.toml --out s --shard 0/2 --resume
    expect_rc 2
    expect_err "master seed: 7 in s, 3 here"
    run sweep small.toml --out s --shard 0/2 --seed 7 --resume --set primary.consistency=0.5
    expect_rc 2
    expect_err "--set: (none) in s, primary.consistency=0.5 here"
    run sweep small.toml --out s --shard 0/2 --seed 7 --resume --dyads 201
    expect_rc 2
    expect_err "dyads: 200 in s, 201 here"
    expect_intact s
    # merge refuses shards of two seeds, naming the field; nothing is written.
    "$attachsim" sweep small.toml --out t --shard 1/2 --seed 8 >/dev/null 2>&1 || fail "shard 1 failed"
    run merge s t --out m
    expect_rc 2
    expect_err "t: belongs to a different sweep than s (master seed: 7 in s, 8 here)"
    [ -e m/runs.csv ] && fail "merge of mismatched shards wrote a result"
    # The same seed merges.
    "$attachsim" sweep small.toml --out u --shard 1/2 --seed 7 >/dev/null 2>&1 || fail "shard 1 (seed 7) failed"
    run merge s u --out m
    expect_rc 0
    "$attachsim" sweep small.toml --out whole --seed 7 >/dev/null 2>&1 || fail "whole sweep failed"
    same_outputs whole m
    ;;

  damaged_parts)
    "$attachsim" sweep small.toml --out whole >/dev/null 2>&1 || fail "whole sweep failed"
    for i in 0 1; do "$attachsim" sweep small.toml --out "s$i" --shard "$i/2" >/dev/null 2>&1 || fail "shard $i failed"; done
    part=s1/parts/unit-00000003.part
    [ -f "$part" ] || fail "no $part"
    cp -a s1 pristine
    # Each damage: merge refuses naming the part (nothing written); --resume runs it again.
    for damage in truncate empty delete garbage flip foreign; do
      rm -rf s1 && cp -a pristine s1
      case $damage in
        truncate) truncate -s -100 "$part" ;;
        empty) : >"$part" ;;
        delete) rm "$part" ;;
        garbage) head -c 5000 /dev/urandom >"$part" ;;
        flip) printf 'X' | dd of="$part" bs=1 seek=200 conv=notrunc 2>/dev/null ;;
        foreign) cp s0/parts/unit-00000002.part "$part" ;;
      esac
      run merge s0 s1 --out "m_$damage"
      expect_rc 2
      if [ "$damage" = delete ]; then expect_err "units are missing (first: 3)"; else expect_err "$part: "; fi
      [ -e "m_$damage/runs.csv" ] && fail "$damage: merge wrote a result from a damaged shard"
      run sweep small.toml --out s1 --shard 1/2 --resume
      expect_rc 0
      if [ "$damage" != delete ]; then grep -q "damaged part(s) found" out.txt || fail "$damage: --resume did not report the damaged part: $(cat out.txt err.txt)"; fi
      run merge s0 s1 --out "m_$damage"
      expect_rc 0
      same_outputs whole "m_$damage"
    done
    # A damaged result file of a complete sweep is found by --resume, which runs the sweep again.
    printf 'X' | dd of=whole/.attachsim/current/summary.csv bs=1 seek=50 conv=notrunc 2>/dev/null
    "$attachsim" sweep small.toml --out again >/dev/null 2>&1
    run sweep small.toml --out whole --resume
    expect_rc 0
    grep -q "already complete" out.txt && fail "--resume called a damaged result complete"
    same_outputs whole again
    ;;

  crash_consistency)
    # SIGKILL at random moments while runs replace each other's results: whatever survives is
    # one whole result (its manifest's record matches every file, the seed in runs.csv is the
    # manifest's), and no temporary file or half-made result is left after the next run.
    "$attachsim" run --dyads 3000 --months 13 --out r --seed 1 >/dev/null 2>&1 || fail "first run failed"
    for i in $(seq 2 13); do
      "$attachsim" run --dyads 3000 --months 13 --out r --seed "$i" --force >/dev/null 2>&1 &
      pid=$!
      sleep "0.$(( (RANDOM % 9) + 1 ))"
      kill -KILL $pid 2>/dev/null
      wait $pid 2>/dev/null
      seed=$(python3 -c 'import json,sys; print(json.load(open("r/manifest.json"))["seed"])') || fail "manifest unreadable after SIGKILL $i"
      python3 - <<'PY' || fail "after SIGKILL $i the files do not match their manifest"
import json, os
m = json.load(open("r/manifest.json"))
for name, rec in m["files"].items():
    assert os.path.getsize("r/" + name) == rec["bytes"], name
    assert sum(1 for _ in open("r/" + name, "rb")) == rec["rows"], name
PY
      [ "$(sed -n 2p r/runs.csv | cut -d, -f5)" = "$seed" ] || fail "after SIGKILL $i runs.csv and manifest.json are from different runs"
    done
    "$attachsim" run --dyads 100 --months 2 --out r --force >/dev/null 2>&1 || fail "a run after the kills failed"
    left=$(find r -name '*.tmp-*')
    [ -z "$left" ] || fail "temporaries left after the next run: $left"
    [ "$(ls r/.attachsim/results | wc -l)" -eq 1 ] || fail "half-made results left: $(ls r/.attachsim/results)"
    ;;

  escape)
    # Planted links are replaced or refused, never written through; nothing outside --out changes.
    mkdir -p elsewhere out1
    echo "keep" >elsewhere/victim.csv
    for f in runs.csv timeseries.csv dyads.csv summary.csv manifest.json; do ln -s ../elsewhere/victim.csv "out1/$f"; done
    run run --dyads 50 --months 2 --out out1
    expect_rc 0
    [ "$(cat elsewhere/victim.csv)" = keep ] || fail "a planted link was written through"
    grep -q '"status": "complete"' out1/manifest.json || fail "no result in out1"
    # A parts/ that is a link: refused before anything runs.
    mkdir -p out2 elsewhere/parts && ln -s ../elsewhere/parts out2/parts
    run sweep small.toml --out out2
    expect_rc 2
    expect_err "out2/parts: is a symbolic link"
    [ -z "$(ls elsewhere/parts)" ] || fail "unit files were sent outside --out"
    # .attachsim a link: refused.
    mkdir -p out3 elsewhere/state && ln -s ../elsewhere/state out3/.attachsim
    run run --dyads 50 --months 2 --out out3
    expect_rc 2
    expect_err "out3/.attachsim: is a symbolic link"
    [ -z "$(ls elsewhere/state)" ] || fail "state written outside --out"
    # Links planted in a stale result are removed as links; their targets stay.
    run run --dyads 50 --months 2 --out out4
    mkdir -p out4/.attachsim/results/stale && ln -s ../../../../elsewhere out4/.attachsim/results/stale/x
    run run --dyads 50 --months 2 --out out4
    expect_rc 0
    [ -e out4/.attachsim/results/stale ] && fail "a stale result was not removed"
    [ "$(cat elsewhere/victim.csv)" = keep ] || fail "the clean-up followed a link"
    # Unrelated files in parts/ are kept; only attachsim's own parts are removed.
    mkdir -p out5/parts && echo notes >out5/parts/notes.txt && echo x >out5/parts/unit-notes.txt
    run sweep small.toml --out out5
    expect_rc 0
    [ "$(cat out5/parts/notes.txt)" = notes ] || fail "an unrelated file in parts/ was removed"
    [ -e out5/parts/unit-notes.txt ] || fail "an unrelated unit-* file in parts/ was removed"
    ls out5/parts/*.part 2>/dev/null && fail "parts of a complete sweep left"
    ;;

  data_loss)
    # Ctrl-C of a run over a complete result leaves it byte-identical.
    "$attachsim" run --dyads 200 --months 3 --out r >/dev/null 2>&1 || fail "earlier run failed"
    remember r
    for signal in INT TERM; do
      "$attachsim" run --dyads 30000 --months 60 --out r >out.txt 2>err.txt &
      pid=$!
      for _ in $(seq 1 200); do grep -q "pid $pid" r/.attachsim/lock 2>/dev/null && break; sleep 0.05; done
      sleep 0.3
      kill -"$signal" $pid
      wait $pid
      rc=$?
      expect_rc 1
      expect_err "the earlier complete result in r is unchanged"
      expect_intact r
    done
    # A second writer fails at once, naming the first; the first finishes undisturbed.
    "$attachsim" sweep small.toml --out w --dyads 3000 --jobs 1 >first.txt 2>&1 &
    pid=$!
    for _ in $(seq 1 200); do grep -q "pid $pid" w/.attachsim/lock 2>/dev/null && break; sleep 0.05; done
    start=$(date +%s%N)
    run run --dyads 50 --months 2 --out w
    took=$(( ($(date +%s%N) - start) / 1000000 ))
    expect_rc 2
    expect_err "w: another attachsim is writing this folder (pid $pid"
    [ "$took" -lt 2000 ] || fail "the second writer waited ${took} ms instead of failing at once"
    run sweep small.toml --out w --resume
    expect_rc 2
    wait $pid || fail "the first writer failed: $(cat first.txt)"
    "$attachsim" sweep small.toml --out ref --dyads 3000 --jobs 2 >/dev/null 2>&1
    same_outputs ref w
    # An interrupted sweep over a complete result keeps the result; --resume finishes it.
    "$attachsim" sweep small.toml --out k >/dev/null 2>&1 || fail "sweep k failed"
    remember k
    "$attachsim" sweep small.toml --out k --dyads 3000 --jobs 1 >out.txt 2>err.txt &
    pid=$!
    for _ in $(seq 1 600); do [ "$(ls k/parts/*.part 2>/dev/null | wc -l)" -ge 2 ] && break; sleep 0.05; done
    kill -INT $pid
    wait $pid
    rc=$?
    expect_rc 1
    expect_err "the earlier complete result in k is unchanged"
    expect_intact k
    run sweep small.toml --out k --dyads 3000 --jobs 2 --resume
    expect_rc 0
    same_outputs ref k
    ;;

  pipes_and_signals)
    # A finished sweep piped into head -1 (progress lines on stderr included): the result is
    # complete and right; the process is not killed by SIGPIPE (exit 141) on the way.
    "$attachsim" sweep small.toml --dyads 4000 --out ref >/dev/null 2>&1 || fail "reference failed"
    ( "$attachsim" sweep small.toml --dyads 4000 --jobs 1 --out p 2>&1; echo $? >rc.txt ) | head -1 >/dev/null
    sleep 0.2
    rc=$(cat rc.txt)
    [ "$rc" = 141 ] && fail "killed by SIGPIPE"
    grep -q '"status": "complete"' p/manifest.json || fail "the result is not complete"
    same_outputs ref p
    # Ctrl-C is answered within a second in every phase: while units run, while parts are
    # checked (--resume of a complete shard) and while a result is assembled (merge).
    answered() {  # delay, then the command
      local delay=$1 start took
      shift
      "$attachsim" "$@" >/dev/null 2>err.txt &
      local pid=$!
      sleep "$delay"
      start=$(date +%s%N)
      kill -INT $pid 2>/dev/null || return 0  # already finished
      wait $pid
      took=$(( ($(date +%s%N) - start) / 1000000 ))
      [ "$took" -le 1000 ] || fail "Ctrl-C after $delay s of '$*' took $took ms to answer"
    }
    for delay in 0.2 0.7 1.2 1.7 2.2; do rm -rf c; answered "$delay" sweep tiny.toml --out c --jobs 2; done
    for i in 0 1; do "$attachsim" sweep tiny.toml --out "t$i" --shard "$i/2" --jobs 2 >/dev/null 2>&1 || fail "shard $i failed"; done
    remember t0
    for delay in 0.05 0.15 0.3; do
      answered "$delay" sweep tiny.toml --out t0 --shard 0/2 --resume
      answered "$delay" merge t0 t1 --out m
      [ -e m/runs.csv ] && [ "$(grep -c . m/runs.csv)" -ne 3001 ] && fail "an interrupted merge left a partial result"
    done
    expect_intact t0
    ;;

  nonsense)
    run sweep small.toml --out x --shard 0/4294967297
    expect_rc 2
    expect_err "--shard 0/4294967297: not a shard"
    for seed in -1 18446744073709551616 0x10 1e3 ""; do
      run run --dyads 10 --months 1 --out x --seed "$seed"
      expect_rc 2
      expect_err "--seed: '$seed' is not allowed; allowed: a whole number from 0 to 18446744073709551615"
    done
    run run --dyads 10 --months 1 --out x --seed 18446744073709551615
    expect_rc 0
    run validate --threads -5
    expect_rc 2
    expect_err "--threads: '-5' is not allowed"
    run sweep small.toml --out x --jobs 0
    expect_rc 2
    expect_err "--jobs: '0' is not allowed; allowed: a whole number from 1 to 256"
    printf '[run]\ndyads = 20\nmonths = 2\n[sweep.axes]\ninfant.episodes_per_day = { from = 4, to = 5, steps = 3 }\n' >axis.toml
    run check axis.toml
    expect_rc 2
    expect_err "repeat values once rounded to whole numbers" "allowed: at most 2 steps"
    printf '[run]\ndyads = 20\nmonths = 2\n[[subgroup]]\nname = "all"\nshare = 1\n' >all.toml
    run check all.toml
    expect_rc 2
    expect_err "'all' is reserved for the whole population"
    # check and run validate the same way: 60,001 separation days fail both, with the same message.
    printf '[run]\ndyads = 20\nmonths = 3\n[[event]]\nkind = "separation"\nage_months = 2\ndays = 60001\n' >sep.toml
    run check sep.toml
    expect_rc 2
    expect_err "60001 is out of range; allowed: from 1 to 60000"
    cp err.txt check_err.txt
    run run sep.toml --out x
    expect_rc 2
    expect_err "60001 is out of range; allowed: from 1 to 60000"
    # A value written as 1e-320 is a number (out of range or not, it is not "not a number").
    run run --dyads 10 --months 1 --out x --force --set primary.sensitivity=1e-320
    expect_rc 0
    run describe
    expect_rc 0
    "$attachsim" describe >/dev/full 2>err.txt
    rc=$?
    expect_rc 1
    expect_err "cannot write to standard output"
    ;;

  messages)
    run rnu --dyads 10
    expect_rc 2
    expect_err "'rnu' is not a command; did you mean 'run'? allowed: run, sweep, merge, check, validate, describe"
    run
    expect_rc 2
    expect_err "a command is required; allowed: run, sweep"
    # A path that is not UTF-8: the run works and its manifest is valid JSON.
    bad=$(printf 'out_\xff\xfe')
    run run --dyads 10 --months 1 --out "$bad"
    expect_rc 0
    python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$bad/manifest.json" ||
      fail "the manifest of a non-UTF-8 path is not valid JSON"
    # No memory for even one dyad: said so, not "at most 0 dyads".
    (ulimit -v 120000 && exec "$attachsim" run --dyads 1000000 --months 1 --out mem) >out.txt 2>err.txt
    rc=$?
    expect_rc 2
    grep -q "at most 0 dyads" err.txt && fail "the message offers 0 dyads: $(cat err.txt)"
    ;;

  overwrite)
    # No --out: out/<scenario name>. A complete result of another scenario or seed is
    # replaced only with --force; the same scenario and seed (a rerun) replaces it as before.
    mkdir -p elsewhere && cd elsewhere || fail "no folder"
    run run baseline --dyads 50 --months 13
    expect_rc 0
    grep -q '"status": "complete"' out/baseline/manifest.json || fail "no result in out/baseline: $(cat out.txt err.txt)"
    remember out/baseline
    run run baseline --dyads 50 --months 13 --seed 2
    expect_rc 2
    expect_err "out/baseline: holds a complete result of another scenario or seed (seed: 1 in out/baseline, 2 here); allowed: --force"
    expect_intact out/baseline
    run run depression --dyads 50 --out out/baseline
    expect_rc 2
    expect_err "scenario: "
    run sweep ../small.toml --out out/baseline
    expect_rc 2
    expect_err "mode: run in out/baseline, sweep here"
    expect_intact out/baseline
    run run baseline --dyads 60 --months 13
    expect_rc 0
    run run baseline --dyads 50 --months 13 --seed 2 --force
    expect_rc 0
    grep -q '"seed": 2,' out/baseline/manifest.json || fail "--force did not replace the result"
    run run --dyads 20 --months 1
    expect_rc 0
    [ -e out/default/runs.csv ] || fail "no out/default for the built-in population"
    # Bundled scenarios by name, from any folder; a near miss is named.
    run sweep instituton
    expect_rc 2
    expect_err "instituton: no such scenario file or bundled scenario; did you mean 'institution'? allowed: a scenario file, or a bundled scenario by name: baseline,"
    run check institution
    expect_rc 0
    ;;

  command_line_output)
    # A sweep prints its results (a row per point and arm, the paired d with its CI); a run
    # prints a row per subgroup; an event may target several subgroups.
    cat >groups.toml <<'EOT'
[run]
dyads = 400
months = 13
[[subgroup]]
name = "low"
share = 0.4
[[subgroup]]
name = "middle"
share = 0.3
[[subgroup]]
name = "high"
share = 0.3
[[event]]
kind = "intervention"
age_months = 3
target = { subgroup = ["middle", "high"] }
[variant]
parameters.primary.sensitivity = 0.7
[sweep]
replicates = 2
[sweep.axes]
primary.consistency = [0.6, 0.9]
EOT
    run sweep groups.toml --out s
    expect_rc 0
    grep -q "^Results at 12.0 months" out.txt || fail "no results table: $(cat out.txt)"
    [ "$(grep -cE '^  [01] (0.6|0.9) +(baseline|variant|difference) ' out.txt)" -eq 6 ] || fail "expected 2 points x 3 arms: $(cat out.txt)"
    grep -qE '^  0 0.6 +difference .*\[-?[0-9.]+, -?[0-9.]+\]$' out.txt || fail "no d with a CI for the difference: $(cat out.txt)"
    run run groups.toml --out r
    expect_rc 0
    for g in low middle high; do grep -qE "^    $g +n +[0-9]+ +A" out.txt || fail "no row for subgroup $g: $(cat out.txt)"; done
    ;;

  *) fail "unknown case" ;;
esac
echo "ok ($case)"
