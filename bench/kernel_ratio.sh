#!/usr/bin/env bash
# The daily step against a kernel that only draws its random numbers: median ns per dyad-day of each, and their ratio.
#
# Both are single-threaded Google Benchmarks over the same 100,000 default dyads:
# BM_StepDyadArray (step_dyads, as the engine runs it) and BM_PhiloxDraws (the
# same Philox calls and 16-bit conversions, nothing else). The goal is a step
# within 3x of its draws. Appends to bench/results/<host>-kernel.csv.
# Environment: REPS (5), BENCH_HOST (debian12-2core), BENCH (the attachsim-bench binary).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="${BENCH:-$root/build/bin/attachsim-bench}"
reps="${REPS:-5}"
host="${BENCH_HOST:-debian12-2core}"
results="$root/bench/results/$host-kernel.csv"
if [[ ! -x "$bench" ]]; then
  echo "kernel_ratio.sh: $bench not found; build first: cmake --preset release && cmake --build build" >&2
  exit 2
fi
tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT
# One invocation per benchmark: the CSV reporter wants the same counters in every row.
for filter in 'BM_StepDyadArray/dyads:100000/one_at_a_time:0' 'BM_StepDyadArray/dyads:100000/one_at_a_time:1' \
  'BM_PhiloxDraws'; do
  "$bench" --benchmark_filter="^$filter\$" --benchmark_repetitions="$reps" \
    --benchmark_report_aggregates_only=true --benchmark_format=csv 2>/dev/null >>"$tmp"
done
# name,iterations,real_time,cpu_time,time_unit,bytes_per_second,items_per_second,...
per_dyad_day() {  # median CPU ns per dyad-day of benchmark $1, from items_per_second
  awk -F, -v want="\"$1_median\"" '$1 == want { printf "%.1f", 1e9 / $7 }' "$tmp"
}
step="$(per_dyad_day BM_StepDyadArray/dyads:100000/one_at_a_time:0)"
reference="$(per_dyad_day BM_StepDyadArray/dyads:100000/one_at_a_time:1)"
draws="$(per_dyad_day BM_PhiloxDraws)"
ratio="$(awk -v s="$step" -v d="$draws" 'BEGIN { printf "%.2f", s / d }')"
load="$(cut -d' ' -f1 /proc/loadavg)"
commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
[[ -f "$results" ]] || echo "date,commit,load,step_ns_per_dyad_day,one_at_a_time_ns_per_dyad_day,draws_ns_per_dyad_day,step_over_draws" >"$results"
echo "$(date -u +%Y-%m-%dT%H:%M:%SZ),$commit,$load,$step,$reference,$draws,$ratio" >>"$results"
echo "step (lanes) $step ns/dyad-day, one dyad at a time $reference, draws only $draws: step/draws = ${ratio}x (goal <= 3x)"
echo "results appended to ${results#"$root"/}"
