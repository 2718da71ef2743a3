#!/bin/bash
# Scale checks: one big population run to 6 years, and a long sweep of small runs whose memory must stay flat.
#
# usage: bench/scale.sh [--build DIR] [--dyads N] [--months M] [--runs R] [--sweep-dyads N] [--sweep-months M]
#                       [--results FILE] [--skip-big] [--skip-sweep] [--keep DIR]
#   defaults: 1,000,000 dyads x 72 months; 1,000 runs x 300 dyads x 6 months;
#             results appended to bench/results/debian12-2core-scale.csv, the sweep's RSS samples
#             written beside it (debian12-2core-scale-sweep-rss.csv).
# Exit 0 only if every check passes: the run completes, no NaN or inf in any CSV, the counts are
# conserved (strategy shares sum to 1 on every timeseries row; class counts in dyads.csv add up to the
# assessed infants, who are all the dyads; the class percentages sum to 100), and the sweep's
# resident memory does not grow (the last quarter's median within 2% + 1 MB of the second quarter's).
set -u
here=$(cd "$(dirname "$0")" && pwd)
build="$here/../build"
dyads=1000000 months=72 runs=1000 sweep_dyads=300 sweep_months=6
results="$here/results/debian12-2core-scale.csv"
skip_big=0 skip_sweep=0 keep=""
while [ $# -gt 0 ]; do
  case $1 in
    --build) build=$2; shift ;;
    --dyads) dyads=$2; shift ;;
    --months) months=$2; shift ;;
    --runs) runs=$2; shift ;;
    --sweep-dyads) sweep_dyads=$2; shift ;;
    --sweep-months) sweep_months=$2; shift ;;
    --results) results=$2; shift ;;
    --skip-big) skip_big=1 ;;
    --skip-sweep) skip_sweep=1 ;;
    --keep) keep=$2; shift ;;
    *) echo "scale.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
rss_file="${results%.csv}-sweep-rss.csv"
work=${keep:-$(mktemp -d)}
mkdir -p "$work"
[ -n "$keep" ] || trap 'rm -rf "$work"' EXIT
# A private copy: the build folder may be rebuilt while a long run is going.
cp "$build/bin/attachsim" "$work/attachsim" || exit 2
attachsim="$work/attachsim"
commit=$(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -f "$results" ] || echo "date,commit,what,runs,dyads,months,jobs,wall_s,peak_rss_mb,rss_q2_mb,rss_q4_mb,load_avg,checks" >"$results"
status=0
problems=""
problem() { echo "scale.sh: FAIL: $*" >&2; problems+="$*; "; status=1; }

# Seconds since a `date +%s.%N` time.
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

# Samples a process's resident memory every 0.1 s until it ends: "seconds,rss_kb" lines
# (often enough for a sweep of a few seconds: the engine got faster than the first version of this).
sample_rss() {
  local pid=$1 start
  start=$(date +%s.%N)
  while kill -0 "$pid" 2>/dev/null; do
    rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
    [ -n "$rss" ] && echo "$(since "$start"),$rss"
    sleep 0.1
  done
}

# Every CSV in a folder: no NaN or infinite value (undefined values are empty fields).
check_finite() {
  if grep -l -i -E '(^|,)-?(nan|inf|infinity)(,|$)' "$1"/*.csv >/dev/null 2>&1; then
    problem "NaN or inf in $(grep -l -i -E '(^|,)-?(nan|inf|infinity)(,|$)' "$1"/*.csv | tr '\n' ' ')"
  fi
}

# Conservation in one run's folder with N dyads.
check_counts() {
  local dir=$1 n=$2
  awk -F, -v n="$n" 'NR == 1 { for (i = 1; i <= NF; ++i) col[$i] = i; next }
    { s = $col["share_open"] + $col["share_minimising"] + $col["share_maximising"] + $col["share_conflict"] + $col["share_no_strategy"]
      if (s < 1 - 1e-9 || s > 1 + 1e-9) { print "timeseries row " NR ": strategy shares sum to " s; bad = 1; exit } }
    END { exit bad }' "$dir/timeseries.csv" || problem "strategy shares do not sum to 1 in $dir/timeseries.csv"
  # dyads.csv: one row per assessed infant; the classes A-D plus CC (cannot classify) add up to the assessed.
  local rows classes
  rows=$(($(wc -l <"$dir/dyads.csv") - 1))
  classes=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; ++i) if ($i == "class4") c = i; next } { ++k[$c] }
    END { print k["A"] + 0, k["B"] + 0, k["C"] + 0, k["D"] + 0, k["CC"] + 0 }' "$dir/dyads.csv")
  read -r a b c d cc <<<"$classes"
  [ $((a + b + c + d + cc)) -eq "$rows" ] || problem "classes $classes do not add up to $rows rows of dyads.csv"
  [ "$rows" -eq "$n" ] || problem "dyads.csv has $rows assessed infants, expected all $n"
  awk -F, -v n="$n" -v classified=$((a + b + c + d + cc)) '
    $6 == "n" && $8 != n { print "summary n = " $8 ", expected " n; bad = 1 }
    $6 == "n_classified" && $8 != classified { print "summary n_classified = " $8 ", dyads.csv has " classified; bad = 1 }
    $6 ~ /^pct_([ABCD]|CC)$/ { four[$3] += $8 }
    $6 ~ /^pct_[ABC]3$/ { three[$3] += $8 }
    END { for (k in four) if (four[k] < 100 - 1e-6 || four[k] > 100 + 1e-6) { print "pct_A..D and pct_CC sum to " four[k]; bad = 1 }
          for (k in three) if (three[k] < 100 - 1e-6 || three[k] > 100 + 1e-6) { print "pct_A3..C3 sum to " three[k]; bad = 1 }
          exit bad }' "$dir/summary.csv" || problem "summary.csv counts are not conserved"
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else print v[int((NR + 1) / 2)] }'; }

if [ "$skip_big" = 0 ]; then
  echo "scale.sh: $dyads dyads x $months months ..." >&2
  out="$work/big"
  rm -rf "$out"
  /usr/bin/time -v -o "$work/big.time" "$attachsim" run --dyads "$dyads" --months "$months" --out "$out" \
    >"$work/big.out" 2>"$work/big.err" &
  pid=$!
  # /usr/bin/time's child is the tool; sample it while it runs.
  sleep 1
  child=$(pgrep -P "$pid" | head -1)
  [ -n "$child" ] && sample_rss "$child" >"$work/big.rss"
  wait "$pid"
  rc=$?
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; ++i) s = s * 60 + t[i]; print s }' "$work/big.time")
  peak=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$work/big.time")
  load=$(cut -d' ' -f1 /proc/loadavg)
  if [ "$rc" -ne 0 ]; then
    problem "the $dyads-dyad run exited $rc: $(tail -1 "$work/big.err")"
  else
    check_finite "$out"
    check_counts "$out" "$dyads"
  fi
  checks=$([ -z "$problems" ] && echo ok || echo "FAIL")
  echo "$(date -u +%FT%TZ),$commit,run,1,$dyads,$months,1,$wall,$peak,,,$load,$checks" | tee -a "$results"
  cat "$work/big.out"
fi

if [ "$skip_sweep" = 0 ]; then
  echo "scale.sh: sweep of $runs runs x $sweep_dyads dyads x $sweep_months months ..." >&2
  cat >"$work/sweep.toml" <<EOF
# scale.sh: many small runs, to show that a sweep's memory stays flat.
[meta]
name = "scale sweep"
[run]
dyads = $sweep_dyads
months = $sweep_months
seed = 3
[[event]]
kind = "assessment"
age_months = $sweep_months
[sweep]
replicates = $runs
EOF
  out="$work/sweep"
  rm -rf "$out"
  start=$(date +%s.%N)
  "$attachsim" sweep "$work/sweep.toml" --out "$out" --jobs 2 >"$work/sweep.out" 2>"$work/sweep.err" &
  pid=$!
  sample_rss "$pid" >"$work/sweep.rss"
  wait "$pid"
  rc=$?
  wall=$(since "$start")
  load=$(cut -d' ' -f1 /proc/loadavg)
  before=$problems
  if [ "$rc" -ne 0 ]; then
    problem "the sweep exited $rc: $(tail -1 "$work/sweep.err")"
  else
    check_finite "$out"
    rows=$(($(wc -l <"$out/runs.csv") - 1))
    [ "$rows" -eq "$runs" ] || problem "runs.csv has $rows rows, expected $runs"
  fi
  samples=$(wc -l <"$work/sweep.rss")
  [ "$samples" -ge 8 ] || problem "only $samples RSS samples (the sweep ran $wall s): too short to judge"
  q=$((samples / 4))
  q2=$(sed -n "$((q + 1)),$((2 * q))p" "$work/sweep.rss" | cut -d, -f2 | median)
  q4=$(tail -n "$q" "$work/sweep.rss" | cut -d, -f2 | median)
  peak=$(cut -d, -f2 "$work/sweep.rss" | sort -n | tail -1)
  # Flat: a leak of a few KB per run (e.g. each run's measures kept) shows as megabytes here.
  awk -v a="$q2" -v b="$q4" 'BEGIN { exit !(b <= a * 1.02 + 1024) }' ||
    problem "sweep memory grows: median RSS $((q2 / 1024)) MB in the second quarter, $((q4 / 1024)) MB in the last"
  checks=$([ "$problems" = "$before" ] && echo ok || echo "FAIL")
  echo "$(date -u +%FT%TZ),$commit,sweep,$runs,$sweep_dyads,$sweep_months,2,$wall,$((peak / 1024)),$((q2 / 1024)),$((q4 / 1024)),$load,$checks" |
    tee -a "$results"
  { echo "# $(date -u +%FT%TZ) commit $commit: sweep of $runs runs x $sweep_dyads dyads x $sweep_months months, --jobs 2; VmRSS every 0.1 s"
    echo "seconds,rss_kb"
    cat "$work/sweep.rss"; } >"$rss_file"
fi
[ "$status" -eq 0 ] && echo "scale.sh: all checks passed" >&2 || echo "scale.sh: $problems" >&2
exit "$status"
