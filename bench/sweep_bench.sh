#!/bin/bash
# Whole-sweep timing: 100 runs x 10,000 dyads x 18 months (bench/sweep_100.toml), wall time and peak RSS.
# usage: bench/sweep_bench.sh [BUILD_DIR] [REPEATS]   -> appends to bench/results/debian12-2core-sweep.csv
set -eu
build=${1:-build}
repeats=${2:-3}
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
results="$here/results/debian12-2core-sweep.csv"
[ -f "$results" ] || echo "date,commit,jobs,threads,runs,dyads,months,wall_s,peak_rss_mb,dyads_csv_mb" >"$results"
for jobs in 1 2; do
  for _ in $(seq 1 "$repeats"); do
    rm -rf "$out/sweep"
    /usr/bin/time -f "%e %M" -o "$out/time.txt" "$build/bin/attachsim" sweep "$here/sweep_100.toml" \
      --out "$out/sweep" --jobs "$jobs" >/dev/null 2>&1
    read -r wall rss <"$out/time.txt"
    size=$(du -mL "$out/sweep/dyads.csv" | cut -f1)  # -L: the result files are links into .attachsim/current
    line="$(date -u +%F),$(git -C "$here" rev-parse --short HEAD),$jobs,0,100,10000,18,$wall,$((rss / 1024)),$size"
    echo "$line" | tee -a "$results"
  done
done
rm -rf "$out"
